/**
 * The built task pane (dist/) in headless Chromium, outside Excel, with
 * Office.js served from the installed @microsoft/office-js package, at
 * Excel's pane widths (320 and 350 px): it fits without sideways scrolling,
 * finds entities and metrics in English and Chinese (typos too), shows each
 * figure with its qualifier, correction and quote, draws charts that never
 * join different scopes or non-adjacent periods, leaves no English in
 * Chinese mode, copies formulas outside Excel, renders hostile data as text,
 * and is photographed at 350 px in both languages.
 */
import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import { bundledMarket } from '../../src/core/bundled';
import { STRINGS, leaves } from '../../taskpane/i18n';
import { unitTable } from '../../taskpane/format';
import { DIST, OUT, ROOT, Watched, browserChoice, launch, openPage, requireBuild, serveDist } from './harness';
import { inkStats, readPng } from './png';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
const opened: Watched[] = [];

beforeAll(async () => {
  requireBuild();
  server = await serveDist();
  browser = await launch();
});

// A test's own pages are closed when it ends: pages left open keep their renderers (and
// Office.js's timers) running beside the later tests, which made the suite slower as it went.
afterEach(async () => {
  for (const w of opened.splice(0)) await w.context.close().catch(() => undefined);
});

afterAll(async () => {
  for (const w of shared.values()) await w.context.close().catch(() => undefined);
  await server?.close();
});

/**
 * One loaded pane per language, shared by the tests that only search, click and read: loading a
 * page with Office.js is most of a browser test's time (about 2 s each on this 2-core machine), and
 * a search re-renders the whole page, so a test that starts from an empty search starts from the
 * start page whatever the test before it did. A test that alters the page itself (a rewritten
 * bundle, a stand-in for Excel, a refused clipboard) or needs what happens at load asks for a
 * fresh one. Console errors accumulate on a shared page: any test that checks them sees every
 * error since it loaded.
 */
const shared = new Map<string, Watched>();

async function load(opts: Parameters<typeof openPage>[2]): Promise<Watched> {
  const w = await openPage(browser, server.url, { viewport: { width: 350, height: 900 }, ...opts });
  await w.page.goto(`${server.url}/taskpane.html`);
  await w.page.waitForSelector('body[data-ready]', { timeout: 20000 });
  expect(await w.page.getAttribute('body', 'data-ready')).toBe('true');
  return w;
}

async function pane(opts: Parameters<typeof openPage>[2] & { fresh?: boolean } = {}): Promise<Watched> {
  const { fresh, ...open } = opts;
  if (fresh || open.rewrite || open.officeStub !== undefined) {
    const w = await load(open);
    opened.push(w);
    return w;
  }
  const key = open.locale ?? 'en-US';
  let w = shared.get(key);
  if (!w) {
    w = await load(open);
    shared.set(key, w);
  } else {
    await w.page.setViewportSize(open.viewport ?? { width: 350, height: 900 });
    await w.page.fill('#search', '');
    await w.page.evaluate(() => window.scrollTo(0, 0));
  }
  expect(await w.page.isHidden('#page')).toBe(true);
  return w;
}

async function search(w: Watched, q: string): Promise<void> {
  await w.page.fill('#search', q);
  // A page, or the pane saying nothing matches.
  await w.page.waitForSelector('#page:not([hidden]) #page-title, [data-testid="no-hits"]', { timeout: 10000 });
}

/** Opens every group, every verbatim quote and every folded note: the widest the page can get. */
async function unfoldAll(w: Watched): Promise<void> {
  await w.page.$$eval('#page details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await w.page.$$eval('#page .note.folded .more', (bs) => bs.forEach((b) => (b as HTMLButtonElement).click()));
}

async function widths(w: Watched) {
  return w.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth, body: document.body.scrollWidth }));
}

async function card(w: Watched, id: string) {
  return w.page.$eval(`li.card[data-fact-id="${id}"]`, (c) => ({
    num: c.querySelector('.num')?.textContent ?? '',
    base: c.querySelector('.num')?.getAttribute('data-base') ?? '',
    period: c.querySelector('.period')?.textContent ?? '',
    marks: Array.from(c.querySelectorAll('.mark')).map((m) => m.textContent ?? ''),
    meta: c.querySelector('.meta')?.textContent ?? '',
    quote: c.querySelector('blockquote.quote')?.textContent ?? '',
    verbatim: c.querySelector('.verbatim blockquote')?.textContent ?? null,
    doc: c.querySelector('.doc-text')?.textContent ?? '',
    note: c.querySelector('.note-text')?.textContent ?? null,
    formula: c.querySelector('code.formula')?.textContent ?? '',
    citation: c.querySelector('button.cite')?.getAttribute('data-formula') ?? '',
  }));
}

const QUERIES = ['Alibaba', '阿里', 'OpenAI', '火山引擎', 'capex', '资本支出'];

describe.each([320, 350])('at %i px', (width) => {
  test.each(QUERIES)('"%s": figures shown, nothing wider than the pane', async (q) => {
    const w = await pane({ viewport: { width, height: 800 } });
    await search(w, q);
    const kind = await w.page.getAttribute('#page', 'data-kind');
    if (q === 'capex' || q === '资本支出') {
      expect(kind).toBe('metric');
      expect(await w.page.getAttribute('#page', 'data-id')).toBe('capex');
      expect(await w.page.$$eval('#page table.rank tbody tr', (r) => r.length)).toBeGreaterThan(0);
    } else {
      expect(kind).toBe('entity');
    }
    const figures = await w.page.$$eval('#page .num', (n) => n.map((x) => x.textContent ?? ''));
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) expect(f).toMatch(/\d/);
    expect(await widths(w)).toEqual({ scroll: width, inner: width, body: width });
    await unfoldAll(w);
    const unfolded = await widths(w);
    expect(unfolded.scroll).toBeLessThanOrEqual(width);
    expect(unfolded.body).toBeLessThanOrEqual(width);
    expect(w.errors).toEqual([]);
  });
});

test('"火山" opens Volcano Engine: IDC share as a card with its cleaned quote, verbatim one click away', async () => {
  const w = await pane();
  await search(w, '火山');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('volcano-engine');
  expect(await w.page.textContent('#page-title')).toBe('Volcano Engine');
  const c = await card(w, '003-idc-share-volcano-engine-2025h1');
  expect(c.num).toBe('49.2%');
  expect(c.period).toBe('2025H1');
  expect(c.meta).toBe('Market share · IDC: China public-cloud LLM calls by external customers · IDC');
  // The scraper's pinyin is gone from the shown quote; the verbatim quote keeps it, labelled.
  expect(c.quote).toBe('火山引擎以49.2%的市場份額');
  expect(c.verbatim).toBe('火山引擎以49.2%的市場(chǎng)份額');
  expect(await w.page.textContent('li.card[data-fact-id="003-idc-share-volcano-engine-2025h1"] .verbatim summary')).toBe('Verbatim quote');
  expect(c.doc).toContain('The Paper');
  expect(c.doc).toContain('2025-10-18');
  expect(c.formula).toBe('=LLM.SHARE("Volcano Engine","IDC","2025H1")');
  expect(c.citation).toBe('=LLM.SOURCE("Volcano Engine","share","2025H1","IDC")');
  // Family: part of ByteDance, includes Doubao.
  expect(await w.page.$$eval('.family .parents button.link', (b) => b.map((x) => x.getAttribute('data-id')))).toEqual(['bytedance']);
  expect(await w.page.$$eval('.family .children button.link', (b) => b.map((x) => x.getAttribute('data-id')))).toContain('doubao');
  expect(w.errors).toEqual([]);
});

test('"xAI": 262B tokens/day over 17–30 Sep 2025, every digit one click away', async () => {
  const w = await pane();
  await search(w, 'xAI');
  const c = await card(w, '001-xai-tokens');
  expect(c.num).toBe('262B tokens/day');
  expect(c.period).toBe('17–30 Sep 2025');
  expect(c.quote).toMatch(/2,?620\s*亿/);
  expect(c.formula).toMatch(/^=LLM\.TOKENS\("xAI","2025-09-30"/);
  await w.page.click('li.card[data-fact-id="001-xai-tokens"] .num');
  expect(await w.page.textContent('li.card[data-fact-id="001-xai-tokens"] .num')).toBe('262,000,000,000 tokens/day');
  await w.page.click('li.card[data-fact-id="001-xai-tokens"] .num');
  expect(await w.page.textContent('li.card[data-fact-id="001-xai-tokens"] .num')).toBe('262B tokens/day');
});

test('a corrected figure and a "more than" carry their markers beside the number', async () => {
  const w = await pane();
  await search(w, 'OpenAI');
  const openai = await card(w, '000-openai-tokens');
  expect(openai.num).toBe('62B tokens/day');
  expect(openai.marks).toEqual(['corrected · as written: 62 million']);
  await search(w, 'Doubao');
  const doubao = await card(w, '003-doubao-tokens-2025-09');
  expect(doubao.num).toBe('> 30T tokens/day');
  expect(doubao.marks).toContain('more than');
});

test('Alibaba: facts grouped by metric, latest first; the chart opens on its most-observed metric, as bars', async () => {
  const w = await pane();
  await search(w, 'Alibaba');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('alibaba');
  const groups = await w.page.$$eval('#groups details.group', (ds) =>
    ds.map((d) => ({ key: d.getAttribute('data-group'), open: (d as HTMLDetailsElement).open, ends: Array.from(d.querySelectorAll('.period')).map((p) => p.getAttribute('data-end')) })),
  );
  expect(groups.length).toBeGreaterThan(3);
  expect(groups[0].open).toBe(true);
  expect(groups.slice(1).every((g) => !g.open)).toBe(true);
  for (const g of groups) expect(g.ends).toEqual([...g.ends].sort().reverse());
  const sizes = await w.page.$$eval('#groups details.group', (ds) => ds.map((d) => d.querySelectorAll('li.card').length));
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  // The chart's metric is the first (largest) group's, and its points are Alibaba Group's own facts.
  expect(await w.page.getAttribute('#chart', 'data-metric')).toBe(groups[0].key);
  // Capex: two quarters that are not adjacent: bars, no line.
  await w.page.selectOption('#chart-metric', 'capex');
  expect(await w.page.$$eval('#chart-area polyline', (p) => p.length)).toBe(0);
  expect(await w.page.$$eval('#chart-area rect.bar', (r) => r.map((x) => x.getAttribute('data-fact-id')))).toEqual(['002-group-capex', '004-alibaba-capex']);
  expect(await w.page.textContent('#chart-title')).toBe('Alibaba Group — Capital expenditure (CNY) · The entity\'s own, company-wide figure · Alibaba Group (own disclosure)');
  expect(await w.page.textContent('#chart .caption')).toContain(STRINGS.en.chartBars);
});

test('OpenAI tokens: one series per scope and source, never one line across them', async () => {
  const w = await pane();
  await search(w, 'OpenAI');
  await w.page.selectOption('#chart-metric', 'tokens');
  const series = await w.page.$$eval('#chart-area g.series', (gs) => gs.map((g) => Array.from(g.querySelectorAll('[data-fact-id].bar, [data-fact-id].dot')).map((x) => x.getAttribute('data-fact-id'))));
  expect(series.length).toBe(2);
  expect(series.flat().sort()).toEqual(['000-openai-tokens', '001-openai-tokens']);
  expect(await w.page.$$eval('.legend li', (l) => l.length)).toBe(2);
  // Guosen's corrected figure is starred on the chart, and the caption says what the star means.
  expect(await w.page.textContent('#chart-area text.value-label[data-fact-id="000-openai-tokens"]')).toBe('62B tokens/day *');
  expect(await w.page.textContent('#chart .caption')).toContain(STRINGS.en.chartCorrected);
  // In a ranking, too, the corrected figure says so.
  await search(w, 'daily tokens');
  expect(await w.page.$$eval('#page table.rank tr[data-fact-id="000-openai-tokens"] .mark.corrected', (m) => m.map((x) => [x.textContent, x.getAttribute('title')]))).toEqual([
    ['corrected', 'as written: 62 million'],
  ]);
});

test('Doubao tokens: the qualifier is on the point', async () => {
  const w = await pane();
  await search(w, '豆包');
  await w.page.selectOption('#chart-metric', 'tokens');
  const labels = await w.page.$$eval('#chart-area text.value-label', (t) => t.map((x) => ({ id: x.getAttribute('data-fact-id'), text: x.textContent })));
  expect(labels).toContainEqual({ id: '003-doubao-tokens-2025-09', text: '> 30T tokens/day' });
});

test('one search for everything: metrics in English and Chinese, typos, parents and children', async () => {
  const w = await pane();
  for (const [q, kind, id] of [
    ['capex', 'metric', 'capex'],
    ['资本支出', 'metric', 'capex'],
    ['收入', 'metric', 'revenue'],
    ['Anthrpic', 'entity', 'anthropic'],
    ['valuaton', 'metric', 'valuation'],
  ] as const) {
    await search(w, q);
    expect({ q, kind: await w.page.getAttribute('#page', 'data-kind'), id: await w.page.getAttribute('#page', 'data-id') }).toEqual({ q, kind, id });
  }
  await search(w, 'Anthrpic');
  expect(await w.page.isVisible('[data-testid="fuzzy"]')).toBe(true);
  // ByteDance has no facts of its own: its page says so and links to Volcano Engine, and from there to Doubao.
  await search(w, 'ByteDance');
  expect(await w.page.textContent('[data-testid="no-facts"]')).toContain('ByteDance');
  // It lists where its figures are: Volcano Engine's and Doubao's, with how many each.
  expect(await w.page.textContent('[data-testid="facts-below"]')).toMatch(/^Figures recorded under its parts: Volcano Engine \(\d+ facts\)Doubao \(\d+ facts\)Seedream 4\.0 \(\d+ facts?\)$/);
  await w.page.click('.family .children button.link[data-id="volcano-engine"]');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('volcano-engine');
  await w.page.click('.family .children button.link[data-id="doubao"]');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('doubao');
  await search(w, 'Alibaba');
  const children = await w.page.$$eval('.family .children button.link', (b) => b.map((x) => x.getAttribute('data-id')));
  expect(children).toEqual(expect.arrayContaining(['qwen', 'alibaba-cloud', 'taobao-tmall', 'cainiao']));
});

test('a metric page ranks one scope per table and inserts it as =LLM.RANK', async () => {
  const w = await pane();
  await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await search(w, 'daily tokens');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('tokens');
  const tables = await w.page.$$eval('#page section.ranking', (ss) =>
    ss.map((s) => ({ scope: s.getAttribute('data-scope'), source: s.getAttribute('data-source'), formula: s.querySelector('code.formula')?.textContent, rows: Array.from(s.querySelectorAll('tbody tr')).map((r) => r.getAttribute('data-fact-id')) })),
  );
  const openrouter = tables.find((t) => t.source === 'openrouter' && t.formula!.includes('"company"'))!;
  // Pinned by the date of the window shown.
  expect(openrouter.formula).toMatch(/^=LLM\.RANK\("tokens","\d{4}-\d\d-\d\d","OpenRouter",,"company",TRUE\)$/);
  expect(openrouter.rows[0]).toBe('001-xai-tokens');
  for (const t of tables) expect(new Set(t.rows).size).toBe(t.rows.length);
  // Alibaba Group is ranked on Qwen's figure (a model family answers for its company): the row says whose figure it is.
  const via = await w.page.$eval('#page section.ranking[data-source="openrouter"] tr[data-fact-id="001-qwen-tokens"]', (r) => ({
    ranked: r.querySelector('td:nth-child(2) > button.link')?.getAttribute('data-id'),
    via: r.querySelector('.via')?.textContent,
  }));
  expect(via).toEqual({ ranked: 'alibaba', via: 'figure of Qwen (Tongyi Qianwen)' });
  await w.page.click('#page section.ranking button.insert-table');
  expect(await w.page.textContent('[data-testid="copied"]')).toBe(STRINGS.en.copied);
  expect(await w.page.evaluate(() => navigator.clipboard.readText())).toBe(tables[0].formula);
});

test('outside Excel, Insert formula and Insert citation copy the formula and say so', async () => {
  const w = await pane();
  await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await search(w, '火山');
  const id = '003-idc-share-volcano-engine-2025h1';
  await w.page.click(`li.card[data-fact-id="${id}"] button.insert`);
  expect(await w.page.textContent('[data-testid="copied"]')).toBe(STRINGS.en.copied);
  expect(await w.page.inputValue(`li.card[data-fact-id="${id}"] .feedback input.copy`)).toBe('=LLM.SHARE("Volcano Engine","IDC","2025H1")');
  expect(await w.page.evaluate(() => navigator.clipboard.readText())).toBe('=LLM.SHARE("Volcano Engine","IDC","2025H1")');
  await w.page.click(`li.card[data-fact-id="${id}"] button.cite`);
  expect(await w.page.evaluate(() => navigator.clipboard.readText())).toBe('=LLM.SOURCE("Volcano Engine","share","2025H1","IDC")');
  expect(w.errors).toEqual([]);
});

test('without clipboard access, the formula is offered selected to copy by hand', async () => {
  const w = await pane();
  await search(w, '火山');
  // Clipboard writes refused (on the shared page for this test only: the refusal is removed after).
  await w.page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true }));
  try {
    await w.page.click('li.card[data-fact-id="003-idc-share-volcano-engine-2025h1"] button.insert');
    expect(await w.page.textContent('[data-testid="copy-manually"]')).toBe(STRINGS.en.copyManually);
    expect(await w.page.inputValue('li.card[data-fact-id="003-idc-share-volcano-engine-2025h1"] .feedback input.copy')).toBe('=LLM.SHARE("Volcano Engine","IDC","2025H1")');
  } finally {
    await w.page.evaluate(() => delete (navigator as unknown as { clipboard?: unknown }).clipboard);
  }
});

/** A stand-in for the Excel host: Office.onReady reports Excel, and Excel.run writes into a recorded grid with B3 selected. */
const EXCEL_STUB = `
window.__written = [];
window.Office = { HostType: { Excel: 'Excel' }, context: { displayLanguage: 'en-US' },
  onReady: function (cb) { setTimeout(function () { cb({ host: 'Excel', platform: 'PC' }); }, 0); } };
function cell(r, c) {
  var address = 'Sheet1!' + String.fromCharCode(66 + c) + (3 + r);
  return { getOffsetRange: function (dr, dc) { return cell(r + dr, c + dc); },
    set formulas(v) { window.__written.push({ address: address, formula: v[0][0] }); },
    load: function () {}, address: address };
}
window.Excel = { run: function (fn) { return Promise.resolve(fn({ workbook: { getSelectedRange: function () { return { getCell: cell }; } }, sync: function () { return Promise.resolve(); } })); } };
`;

test('in Excel, Insert formula writes the selected cell, Insert citation the cell beside it, Insert table a spilling formula', async () => {
  const w = await pane({ officeStub: EXCEL_STUB });
  expect(await w.page.isVisible('#env-note')).toBe(false);
  await search(w, '火山');
  const id = '003-idc-share-volcano-engine-2025h1';
  await w.page.click(`li.card[data-fact-id="${id}"] button.insert`);
  await w.page.click(`li.card[data-fact-id="${id}"] button.cite`);
  await search(w, 'capex');
  const rank = (await w.page.getAttribute('#page section.ranking button.insert-table', 'data-formula'))!;
  expect(rank).toMatch(/^=LLM\.RANK\("capex","\d{4}-\d\d-\d\d","Alibaba Group",,"company",TRUE\)$/);
  await w.page.click('#page section.ranking button.insert-table');
  expect(await w.page.evaluate(() => (window as unknown as { __written: unknown[] }).__written)).toEqual([
    { address: 'Sheet1!B3', formula: '=LLM.SHARE("Volcano Engine","IDC","2025H1")' },
    { address: 'Sheet1!C3', formula: '=LLM.SOURCE("Volcano Engine","share","2025H1","IDC")' },
    { address: 'Sheet1!B3', formula: rank },
  ]);
  // Said next to the button pressed, not at the top of the page.
  expect(await w.page.textContent('#page section.ranking .feedback')).toBe(`Inserted ${rank} into Sheet1!B3.`);
  expect(await w.page.textContent('#status')).toBe('');
  expect(w.errors).toEqual([]);
});

test('filters narrow the facts; long notes fold behind "more"', async () => {
  const w = await pane();
  await search(w, 'Alibaba');
  const total = Number((await w.page.textContent('#fact-count'))!.split(' ')[0]);
  await w.page.selectOption('#filter-metric', 'capex');
  expect(await w.page.textContent('#fact-count')).toBe('2 facts');
  expect(await w.page.$$eval('#groups li.card', (c) => c.map((x) => x.getAttribute('data-fact-id')))).toEqual(['004-alibaba-capex', '002-group-capex']);
  await w.page.selectOption('#filter-year', '2025');
  expect(await w.page.textContent('#fact-count')).toBe('1 fact');
  await w.page.selectOption('#filter-metric', '');
  await w.page.selectOption('#filter-year', '');
  expect(await w.page.textContent('#fact-count')).toBe(`${total} facts`);
  const note = (await w.page.$('#groups details[open] .note.folded'))!;
  const before = await note.evaluate((n) => n.querySelector('.note-text')!.getBoundingClientRect().height);
  await (await note.$('button.more'))!.click();
  expect(await note.getAttribute('class')).toBe('note');
  expect(await note.$eval('button.more', (b) => [b.textContent, b.getAttribute('aria-expanded')])).toEqual(['less', 'true']);
  const after = await note.evaluate((n) => n.querySelector('.note-text')!.getBoundingClientRect().height);
  expect(after).toBeGreaterThan(before);
});

/** Strings of the English tables, in pieces between placeholders, that the Chinese tables do not also use. */
function englishPieces(): string[] {
  const zh = new Set([...leaves(STRINGS.zh), ...Object.values(unitTable('zh'))]);
  const pieces = new Set<string>();
  for (const s of [...leaves(STRINGS.en), ...Object.values(unitTable('en'))]) {
    if (zh.has(s)) continue;
    for (const p of s.split(/\{\w+\}/)) {
      const piece = p.trim().replace(/^[·:,.\s]+|[·:,.\s]+$/g, '');
      if (/[A-Za-z]{3,}/.test(piece)) pieces.add(piece);
    }
  }
  return [...pieces];
}

/** Visible text and labelling attributes outside dataset content (translate="no"). */
async function interfaceText(w: Watched): Promise<string[]> {
  return w.page.evaluate(() => {
    const out: string[] = [];
    const inData = (n: Node | null) => !!(n instanceof Element ? n : n?.parentElement)?.closest('[translate="no"]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      if (text && !inData(n) && !n.parentElement?.closest('[hidden], script, style')) out.push(text);
    }
    for (const e of Array.from(document.querySelectorAll('[title], [aria-label], [placeholder]'))) {
      if (inData(e)) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = e.getAttribute(a);
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
}

/** Dataset names (which may be Latin: "OpenRouter", "Anthropic"), the query, and the forms periods and units take, removed. */
const DATA_NAMES = (() => {
  const m = bundledMarket();
  const names = [
    ...[...m.entities.values()].flatMap((e) => [e.name, e.name_zh, ...e.aliases]),
    ...[...m.sources.values()].flatMap((x) => [x.name, x.name_zh]),
    ...[...m.scopes.values()].flatMap((x) => [x.name, x.name_zh]),
    ...[...m.metrics.values()].map((x) => x.name_zh),
  ];
  return [...new Set(names)].sort((a, b) => b.length - a.length);
})();

function withoutData(text: string, query: string): string {
  let out = text;
  for (const n of DATA_NAMES) out = out.split(n).join(' ');
  out = out.split(query).join(' ');
  return out.replace(/\b(?:\d{4}[QH]\d|FY\d{4}|Token|Q[1-4]|Excel)\b/g, ' ');
}

test('Chinese mode leaves no English interface string, on every kind of page', async () => {
  const w = await pane({ locale: 'zh-CN' });
  expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
  const english = englishPieces();
  expect(english.length).toBeGreaterThan(50);
  const seen: string[] = [];
  for (const q of ['阿里', '资本支出', 'IDC', '豆包', '字节', '澎湃', 'Anthrpic', 'OpenAI']) {
    await search(w, q);
    await unfoldAll(w);
    // Numbers toggled to every digit, too.
    await w.page.$$eval('#page .num', (bs) => bs.slice(0, 3).forEach((b) => (b as HTMLButtonElement).click()));
    const texts = await interfaceText(w);
    seen.push(...texts);
    const left = texts.filter((t) => english.some((e) => t.includes(e)));
    expect({ q, left }).toEqual({ q, left: [] });
    // Beyond the table: no run of Latin letters at all outside data, but for the forms periods and units take.
    const latin = texts.filter((t) => /[A-Za-z]{2,}/.test(withoutData(t, q)));
    expect({ q, latin }).toEqual({ q, latin: [] });
    // Chinese punctuation in interface text.
    const ascii = texts.filter((t) => /[\u4e00-\u9fff][:;,()]|[:;,()][\u4e00-\u9fff]/.test(withoutData(t, q)));
    expect({ q, ascii }).toEqual({ q, ascii: [] });
  }
  expect(seen.join('\n')).toContain('条数据');
});

test('Chinese mode: numbers in 万/亿/万亿, Chinese notes, markers for a correction and a "more than"', async () => {
  const w = await pane({ locale: 'zh-CN' });
  await search(w, 'OpenAI');
  const openai = await card(w, '000-openai-tokens');
  expect(openai.num).toBe('620亿Token/日');
  expect(openai.marks).toEqual(['已更正 · 原文写作：62 million']);
  expect(openai.note).toMatch(/[\u4e00-\u9fff]/);
  await search(w, '豆包');
  const doubao = await card(w, '003-doubao-tokens-2025-09');
  expect(doubao.num).toBe('> 30万亿Token/日');
  expect(doubao.marks).toContain('超过');
  expect(doubao.period).toBe('2025年9月');
  await search(w, '阿里');
  await w.page.selectOption('#chart-metric', 'capex');
  expect(await w.page.textContent('li.card[data-fact-id="004-alibaba-capex"] .period')).toBe('2025Q2 · 2026财年第一季度');
  expect(await w.page.textContent('li.card[data-fact-id="004-alibaba-capex"] .num')).toBe('386亿元');
  expect(w.errors).toEqual([]);
});

test('the language switch changes the interface; a Chinese browser starts in Chinese', async () => {
  const w = await pane();
  await search(w, 'IDC');
  expect(await w.page.textContent('#title')).toBe('LLM Market — sources');
  await w.page.click('#lang-switch');
  expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await w.page.textContent('#title')).toBe('大模型市场 — 数据来源');
  expect(await w.page.textContent('#search-label')).toBe('搜索实体、指标、来源和文献');
  expect(await w.page.textContent('#lang-switch')).toBe('English');
  await w.page.click('#lang-switch');
  expect(await w.page.textContent('#title')).toBe('LLM Market — sources');
  const zh = await pane({ locale: 'zh-CN' });
  expect(await zh.page.textContent('#title')).toBe('大模型市场 — 数据来源');
  expect([...w.errors, ...zh.errors]).toEqual([]);
});

test('a quote containing <script> is shown as text, never run or parsed as HTML', async () => {
  const payload = '<script>window.__xss=1</script><img src=x onerror=window.__xss=2><b>bold</b>';
  const quote = '火山引擎以49.2%的市場(chǎng)份額';
  let replaced = 0;
  // Test-only fixture: the served bundle's copy of one quote gets the payload; dist/ itself is untouched.
  const w = await pane({
    rewrite: (file, body) => {
      if (file !== 'taskpane.js') return body;
      const parts = body.split(quote);
      replaced = parts.length - 1;
      return parts.join(payload + quote);
    },
  });
  expect(replaced).toBe(1);
  await search(w, '火山');
  const c = await card(w, '003-idc-share-volcano-engine-2025h1');
  expect(c.verbatim).toBe(payload + quote);
  expect(await w.page.$$eval('#page script, #page img, #page b', (n) => n.length)).toBe(0);
  await w.page.waitForTimeout(200);
  expect(await w.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(w.remote).toEqual([]);
});

test('the pages carry a strict Content-Security-Policy and the pane code never writes HTML', () => {
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1];
  expect(csp).toBeDefined();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
  expect(directives.get('style-src')).toEqual(["'self'"]);
  // What Office.js needs is its CDN as a script source; no frame, no connection to any other origin.
  expect(directives.get('frame-src')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  const origins = csp!.match(/https?:\/\/[^\s;]+/g) ?? [];
  expect([...new Set(origins)]).toEqual(['https://appsforoffice.microsoft.com']);
  // No inline script and no inline style in the page.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html).not.toMatch(/\sstyle=/i);
  expect(html).toMatch(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/);
  for (const file of fs.readdirSync(path.join(ROOT, 'taskpane')).filter((f) => f.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(ROOT, 'taskpane', file), 'utf8');
    expect({ file, html: /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(src) }).toEqual({ file, html: false });
  }
});

/** A 350-px screenshot of a search, checked not blank; copied to docs/ when LLM_MARKET_DOCS_SCREENSHOT is set. */
async function screenshot(locale: string, q: string, name: string): Promise<void> {
  const w = await pane({ locale, viewport: { width: 350, height: 900 } });
  await search(w, q);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  // The top of the page: search, hits, the entity's family, chart, filters and its first group of facts.
  const height = Math.min(1700, await w.page.evaluate(() => document.documentElement.scrollHeight));
  const png = await w.page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 350, height } });
  const img = readPng(png);
  expect(img.width).toBe(350);
  const { ink, colours } = inkStats(img);
  expect(ink).toBeGreaterThan(0.05);
  expect(colours).toBeGreaterThan(20);
  if (process.env.LLM_MARKET_DOCS_SCREENSHOT) fs.copyFileSync(file, path.join(ROOT, 'docs', name));
}

test('screenshots at 350 px (test-output/taskpane-en.png, taskpane-zh.png) are not blank', async () => {
  await screenshot('en-US', 'Alibaba', 'taskpane-en.png');
  await screenshot('zh-CN', '阿里', 'taskpane-zh.png');
});

test('the browser that ran is recorded in test-output/browser.json', () => {
  const rec = JSON.parse(fs.readFileSync(path.join(OUT, 'browser.json'), 'utf8')) as { kind: string; executablePath: string; version: string };
  expect(rec.kind).toBe(browserChoice()?.kind);
  expect(['CHROMIUM_PATH', 'system', '@sparticuz/chromium']).toContain(rec.kind);
  expect(rec.version).toMatch(/\d+\.\d+/);
  expect(fs.existsSync(rec.executablePath)).toBe(true);
});

test('Chinese text renders as glyphs, not as empty boxes (a CJK font is available to the browser)', async () => {
  const w = await pane({ locale: 'zh-CN' });
  // Every character a font lacks is drawn as the same box (or nothing), so
  // four different characters drawn identically mean no CJK font was found.
  const drawings = await w.page.evaluate(() => {
    const font = `32px ${getComputedStyle(document.body).fontFamily}`;
    return ['火', '山', '萬', '億'].map((ch) => {
      const c = document.createElement('canvas');
      c.width = 48;
      c.height = 48;
      const g = c.getContext('2d')!;
      g.font = font;
      g.fillText(ch, 4, 38);
      const px = g.getImageData(0, 0, 48, 48).data;
      let ink = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;
      return { ch, ink, sig: Array.from(px.filter((_, i) => i % 4 === 3)).join(',') };
    });
  });
  for (const d of drawings) expect({ ch: d.ch, inked: d.ink > 20 }).toEqual({ ch: d.ch, inked: true });
  expect(new Set(drawings.map((d) => d.sig)).size).toBe(drawings.length);
});

test('one-line questions open the right page; an absent name says what the dataset covers', async () => {
  const w = await pane();
  const cases: [string, string, string, string | null][] = [
    ['alibaba capex', 'entity', 'alibaba', 'capex'],
    ['阿里巴巴 资本支出', 'entity', 'alibaba', 'capex'],
    ['volcano share', 'entity', 'volcano-engine', 'share'],
    ['token ranking', 'metric', 'tokens', null],
    ['Guosen 2025-10-03', 'document', '001_693efba5fa28deb1', null],
    ['document 001', 'document', '001_693efba5fa28deb1', null],
  ];
  for (const [q, kind, id, metric] of cases) {
    await w.page.fill('#search', '');
    await search(w, q);
    const got = { q, kind: await w.page.getAttribute('#page', 'data-kind'), id: await w.page.getAttribute('#page', 'data-id') };
    expect(got).toEqual({ q, kind, id });
    // The entity's page shows that metric's figures only.
    if (metric) for (const m of await w.page.$$eval('#page li.card .metric', (n) => n.map((x) => x.textContent))) expect({ q, m }).toEqual({ q, m: bundledMarket().metrics.get(metric)!.name });
  }
  await w.page.fill('#search', '');
  await search(w, 'openai corrected');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('openai');
  expect(await w.page.isVisible('[data-testid="corrected-only"]')).toBe(true);
  const cards = await w.page.$$eval('#page li.card', (cs) => cs.map((c) => !!c.querySelector('[data-testid="corrected"]')));
  expect(cards.length).toBeGreaterThan(0);
  expect(cards.every(Boolean)).toBe(true);
  await w.page.fill('#search', '');
  await search(w, 'Baidu revenue');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('baidu');
  expect(await w.page.textContent('[data-testid="no-metric"]')).toBe('No Revenue figure is recorded for Baidu; its other figures are below.');
  for (const q of ['Tencent', '腾讯']) {
    await w.page.fill('#search', q);
    await w.page.waitForSelector('[data-testid="no-hits"]');
    expect(await w.page.textContent('[data-testid="coverage"]')).toContain('The dataset covers');
    expect(await w.page.$$eval('[data-testid="coverage"] button.link', (b) => b.map((x) => x.getAttribute('data-id')))).toEqual(expect.arrayContaining(['alibaba-cloud', 'volcano-engine', 'baidu-ai-cloud']));
  }
  expect(w.errors).toEqual([]);
});

test('a card whose formula would answer another fact cannot be inserted; feedback appears next to the button pressed, on screen', async () => {
  const w = await pane();
  await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await search(w, 'Alibaba');
  await unfoldAll(w);
  const nine = 'li.card[data-fact-id="002-share-count-reduction-9m"]';
  expect(await w.page.isDisabled(`${nine} button.insert`)).toBe(true);
  expect(await w.page.$(`${nine} .answers`)).toBeNull();
  // The last enabled Insert formula on the page, far down.
  const buttons = await w.page.$$('#page li.card button.insert:not([disabled])');
  const last = buttons[buttons.length - 1];
  await last.scrollIntoViewIfNeeded();
  await last.click();
  await w.page.waitForSelector('#page .feedback [data-testid="copied"]');
  const place = await last.evaluate((b) => {
    const fb = b.closest('.actions')!.querySelector('.feedback')!;
    const r = b.getBoundingClientRect();
    const f = fb.getBoundingClientRect();
    return { text: fb.textContent ?? '', buttonTop: r.top + window.scrollY, gap: f.top - r.bottom, onScreen: f.top >= 0 && f.bottom <= window.innerHeight };
  });
  expect(place.text).toContain(STRINGS.en.copied);
  expect(place.buttonTop).toBeGreaterThan(1000);
  expect(place.gap).toBeGreaterThanOrEqual(0);
  expect(place.gap).toBeLessThan(80);
  expect(place.onScreen).toBe(true);
  expect(await w.page.textContent('#status')).toBe('');
});

test('keyboard: search focused on load, Enter opens the top hit and focus moves there, "/" returns to the search', async () => {
  const w = await pane({ fresh: true });
  expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('search');
  await w.page.keyboard.type('alibaba capex');
  await w.page.keyboard.press('Enter');
  await w.page.waitForFunction(() => document.activeElement?.id === 'page-title');
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('alibaba');
  await w.page.keyboard.press('/');
  expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('search');
  // A family link opened moves focus to the page it opens.
  await w.page.fill('#search', 'Volcano Engine');
  await w.page.waitForSelector('#page[data-id="volcano-engine"]');
  await w.page.focus('#page nav.family button.link[data-id="bytedance"]');
  await w.page.keyboard.press('Enter');
  await w.page.waitForSelector('#page[data-id="bytedance"]');
  expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('page-title');
  expect(w.errors).toEqual([]);
});

test('what is typed before Office.js answers is searched once the pane is ready', async () => {
  // Office.onReady answers only when the test releases it, after the query is typed.
  const stub = `window.Office = { HostType: { Excel: 'Excel' }, onReady: function (cb) { var t = setInterval(function () { if (window.__release) { clearInterval(t); cb({ host: null }); } }, 20); } };`;
  const w = await openPage(browser, server.url, { viewport: { width: 350, height: 900 }, officeStub: stub });
  opened.push(w);
  await w.page.goto(`${server.url}/taskpane.html`);
  await w.page.fill('#search', 'volcano share');
  expect(await w.page.getAttribute('body', 'data-ready')).toBeNull();
  await w.page.evaluate(() => ((window as unknown as { __release: boolean }).__release = true));
  await w.page.waitForSelector('#page:not([hidden]) #page-title', { timeout: 10000 });
  expect(await w.page.getAttribute('#page', 'data-id')).toBe('volcano-engine');
  expect(w.errors).toEqual([]);
});

test('loads outside Excel with Office.js from the package, no console errors and no other origin', async () => {
  const w = await pane();
  expect(w.officeFiles).toContain('office.js');
  // Office.js tries its telemetry frame 3 s after loading (this test runs last, on the page the
  // others shared, so the wait is usually over): the policy must have refused exactly that frame
  // and its inline style, and nothing else (any browser version), over everything the tests did.
  await w.page.waitForFunction(() => !!document.querySelector('iframe[src*="telemetryservice.firstpartyapps.oaspapps.com"]'), undefined, { timeout: 30000 });
  for (let i = 0; i < 100 && w.officeBlocked.length < 2; i++) await w.page.waitForTimeout(100);
  expect([...w.officeBlocked].sort()).toEqual(['inline style of the telemetry frame', 'telemetry frame']);
  expect(w.remote).toEqual([]);
  expect(w.errors).toEqual([]);
  expect(await w.page.isVisible('#env-note')).toBe(true);
  expect(await w.page.textContent('#env-note')).toBe(STRINGS.en.outsideExcel);
  expect(await w.page.getAttribute('html', 'lang')).toBe('en');
  // With no query the pane lists the dataset's documents.
  expect(await w.page.$$eval('[data-group="document"] button.hit', (b) => b.length)).toBe(5);
});
