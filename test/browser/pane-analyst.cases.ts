/**
 * The task pane as an analyst reads it (issue 18, Builds 4, 5, 6 and 11), at
 * 320 px in English and 350 px in Chinese (each page also checked at the
 * other width), by what a person sees:
 * - the footer names the dataset's edition, the same one LLM.SOURCE cites
 *   (computed here from src/data);
 * - a coverage page, reached from the start page and from "nothing matches",
 *   lists every entity, metric, source and document;
 * - rankings: titles distinct, each naming its source and what it measures;
 *   values right-aligned with the unit in the header only; "Copy as TSV" copies
 *   the table shown (feedback beside the button); IDC's and Omdia's shares are
 *   said, unfolded, to measure different things; a source's page shows its
 *   rankings and its group headings say whose figure is the latest;
 * - a document's facts in the order of the document's text, one line each
 *   naming the entity, "Expand all", no document line repeated on the cards;
 * - an entity's metric: a history table per series whose LLM.SERIES formula,
 *   evaluated by the engine, returns exactly the rows shown, and a card's
 *   result written readably (never → 38600000000).
 * One page per language; it moves with the pane's own search and clicks.
 */
import type { Browser } from 'playwright-core';
import { bundledMarket } from '../../src/core/bundled';
import { isoToSerial } from '../../src/core/dates';
import { datasetEdition, formatEdition } from '../../src/data/edition';
import { SEED_FILES } from '../../src/data/seedFiles';
import { evaluateMany } from '../../src/index';
import { STRINGS } from '../../taskpane/i18n';
import type { Lang } from '../../taskpane/i18n';
import { documentsMissingMessage, readDocument } from '../helpers/documents';
import { Watched, launch, openPage, requireBuild, serveDist } from './harness';

const market = bundledMarket();
const EDITION = `bundled ${formatEdition(datasetEdition(SEED_FILES))}`;

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  requireBuild();
  server = await serveDist();
  browser = await launch();
});

afterAll(async () => {
  await server?.close();
});

describe.each([
  [320, 'en', 350],
  [350, 'zh', 320],
] as const)('at %i px in %s', (width, lang: Lang, otherWidth) => {
  const t = STRINGS[lang];
  const name = (id: string) => (lang === 'zh' ? market.entities.get(id)!.name_zh : market.entities.get(id)!.name);
  let w: Watched;

  beforeAll(async () => {
    w = await openPage(browser, server.url, { locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 800 } });
    await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await w.page.goto(`${server.url}/taskpane.html`);
    await w.page.waitForSelector('body[data-ready]', { timeout: 20000 });
    expect(await w.page.getAttribute('body', 'data-ready')).toBe('true');
  });

  afterAll(async () => {
    expect(w.errors).toEqual([]);
    await w?.context.close();
  });

  /** Types a query and waits for the page it opens. */
  async function go(q: string, kind: string, id?: string): Promise<void> {
    await w.page.fill('#search', q);
    await w.page.waitForSelector(`#page:not([hidden])[data-kind="${kind}"]${id ? `[data-id="${id}"]` : ''}`, { timeout: 10000 });
  }

  /** Nothing scrolls sideways, at this width and the other one. */
  async function fits(): Promise<void> {
    for (const x of [width, otherWidth]) {
      await w.page.setViewportSize({ width: x, height: 800 });
      const got = await w.page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
      expect({ width: x, got }).toEqual({ width: x, got: x });
    }
    await w.page.setViewportSize({ width, height: 800 });
  }

  /** Presses a table's "Copy as TSV" and returns what the clipboard holds, the table as shown, and the feedback beside the button. */
  async function copyTable(section: string) {
    await w.page.evaluate(() => navigator.clipboard.writeText(''));
    await w.page.click(`${section} button.copy-tsv`);
    await w.page.waitForSelector(`${section} .actions [data-testid="copied-tsv"]`);
    const shown = await w.page.$eval(`${section} table`, (tb) =>
      Array.from((tb as HTMLTableElement).rows).map((r) =>
        Array.from(r.cells).map((c) => ({ text: (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), fact: c.closest('tr')?.getAttribute('data-fact-id') ?? null, num: c.classList.contains('num-cell') })),
      ),
    );
    const tsv = (await w.page.evaluate(() => navigator.clipboard.readText())).split('\n').map((l) => l.split('\t'));
    const feedback = await w.page.textContent(`${section} .actions [data-testid="copied-tsv"]`);
    return { shown, tsv, feedback };
  }

  const squash = (x: string) => x.replace(/[\s()（）]/g, '');

  /** The TSV is the table shown: the same rows and cells, a number cell giving its fact's stored value. */
  function sameTable({ shown, tsv }: Awaited<ReturnType<typeof copyTable>>): void {
    expect(tsv.length).toBe(shown.length);
    shown.forEach((row, i) => {
      expect(tsv[i].length).toBe(row.length);
      row.forEach((cell, j) => {
        if (cell.num && cell.fact) expect({ cell: cell.text, tsv: Number(tsv[i][j]) }).toEqual({ cell: cell.text, tsv: market.facts.get(cell.fact)!.value });
        // A row ranked on another entity's figure reads "Alibaba Group (figure of Qwen)" in the sheet, on two lines in the pane.
        else expect(squash(tsv[i][j])).toBe(squash(cell.text));
      });
    });
  }

  test("the footer names the dataset's edition, as LLM.SOURCE cites it", async () => {
    expect(EDITION).toMatch(/^bundled dataset \d{4}-\d\d-\d\d, [0-9a-f]{8}$/);
    expect(await w.page.textContent('#edition .edition-text')).toBe(EDITION);
    expect(await w.page.textContent('#edition .label')).toBe(`${t.edition}${lang === 'zh' ? '：' : ': '}`);
  });

  test('the coverage page, from the start page and from "nothing matches", lists every entity, metric, source and document', async () => {
    await w.page.fill('#search', '');
    await w.page.click('#results button.coverage-link');
    await w.page.waitForSelector('#page:not([hidden])[data-kind="coverage"]');
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    expect(await w.page.textContent('#page-title')).toBe(t.coverageTitle);
    const listed = await w.page.$$eval('#page table.coverage-table', (ts) => Object.fromEntries(ts.map((x) => [x.getAttribute('data-coverage'), Array.from(x.querySelectorAll('tbody tr')).map((r) => r.getAttribute('data-id'))])));
    expect(listed.entities!.slice().sort()).toEqual([...market.entities.keys()].sort());
    expect(listed.metrics!.slice().sort()).toEqual([...market.metrics.keys()].sort());
    expect(listed.sources!.slice().sort()).toEqual([...market.sources.keys()].sort());
    expect(listed.documents!.slice().sort()).toEqual([...market.documents.keys()].sort());
    // Every table copies as the rows shown.
    const copied = await copyTable('#page section.coverage-part[data-coverage="metrics"]');
    sameTable(copied);
    expect(copied.feedback).toBe(t.copiedTsv.replace('{n}', String(market.metrics.size)));
    await fits();
    // Nothing matches "Tencent": the coverage is one click away.
    await w.page.fill('#search', lang === 'zh' ? '腾讯' : 'Tencent');
    await w.page.waitForSelector('[data-testid="no-hits"]');
    // One Tab from the search box, before the names offered.
    await w.page.focus('#search');
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => document.activeElement?.classList.contains('coverage-link'))).toBe(true);
    await w.page.keyboard.press('Enter');
    await w.page.waitForSelector('#page:not([hidden])[data-kind="coverage"]');
  });

  test('market share: two rankings told apart by source and what they measure, values right-aligned under the unit, the difference unfolded, TSV as shown', async () => {
    await go(lang === 'zh' ? '份额' : 'market share', 'metric', 'share');
    const tables = await w.page.$$eval('#page section.ranking', (ss) =>
      ss.map((s) => ({
        source: s.getAttribute('data-source'),
        title: s.querySelector('h3')?.textContent ?? '',
        head: Array.from(s.querySelectorAll('th')).map((x) => x.textContent),
        values: Array.from(s.querySelectorAll('td.num-cell .num')).map((x) => x.textContent),
        align: Array.from(s.querySelectorAll('td.num-cell, th.num-col')).map((x) => getComputedStyle(x).textAlign),
      })),
    );
    expect(tables.map((x) => x.source).sort()).toEqual(['idc', 'omdia']);
    expect(new Set(tables.map((x) => x.title)).size).toBe(2);
    const idc = tables.find((x) => x.source === 'idc')!;
    const omdia = tables.find((x) => x.source === 'omdia')!;
    expect(idc.title).toContain('IDC');
    expect(omdia.title).toContain('Omdia');
    // What each measures: token calls against revenue.
    expect(idc.title).toContain(lang === 'zh' ? '调用量' : 'LLM calls');
    expect(omdia.title).toContain(lang === 'zh' ? '收入' : 'revenue');
    for (const x of tables) {
      expect(x.head[2]).toBe(t.rankValue.replace('{unit}', '%'));
      for (const v of x.values) expect(v).toMatch(/^\d+(\.\d+)?$/);
      expect(new Set(x.align)).toEqual(new Set(['right']));
    }
    // The difference, stated on the page, not folded.
    const diff = await w.page.$eval('#page p.difference', (p) => ({ text: p.textContent ?? '', visible: (p as HTMLElement).offsetHeight > 0 && !p.closest('details:not([open])') }));
    expect(diff.visible).toBe(true);
    expect(diff.text.startsWith(t.notComparable.split('{')[0])).toBe(true);
    expect(diff.text).toContain('IDC');
    expect(diff.text).toContain('Omdia');
    const copied = await copyTable('#page section.ranking[data-source="omdia"]');
    sameTable(copied);
    await fits();
  });

  test("OpenRouter's page shows its rankings; values carry no unit (the header does), so Chinese never breaks as '2620亿Token/ | 日'; headings say whose latest figure", async () => {
    await go('OpenRouter', 'source', 'openrouter');
    const tables = await w.page.$$eval('#page section.ranking', (ss) =>
      ss.map((s) => ({
        source: s.getAttribute('data-source'),
        formula: s.querySelector('code.formula')?.textContent,
        head: s.querySelector('th.num-col')?.textContent,
        cells: Array.from(s.querySelectorAll('td.num-cell .num')).map((x) => ({ text: x.textContent, lines: (() => {
              // The lines the figure's text takes: one, never "2620亿Token/" over "日".
              const r = document.createRange();
              r.selectNodeContents(x);
              return new Set(Array.from(r.getClientRects()).map((c) => Math.round(c.top))).size;
            })() })),
      })),
    );
    expect(tables.map((x) => x.formula)).toEqual([
      '=LLM.RANK("tokens","2025-09-30","OpenRouter",,"company",TRUE)',
      '=LLM.RANK("tokens","2025-09-30","OpenRouter",,"model family",TRUE)',
    ]);
    for (const x of tables) {
      expect(x.head).toBe(t.rankValue.replace('{unit}', lang === 'zh' ? 'Token/日' : 'tokens/day'));
      for (const c of x.cells) {
        expect(c.text).toMatch(lang === 'zh' ? /^[\d.]+(万亿|亿|万)?$/ : /^[\d.]+[KMBT]?$/);
        expect(c.lines).toBeLessThanOrEqual(1);
      }
    }
    expect(tables[0].cells[0].text).toBe(lang === 'zh' ? '2620亿' : '262B');
    // The group heading names whose figure its "latest" is.
    const latest = await w.page.$eval('#page details.group[data-group="tokens"] .g-latest', (x) => x.textContent ?? '');
    // The leader of the latest window, named: xAI's 262B a day.
    expect(latest).toContain(lang === 'zh' ? '2620亿Token/日（xAI）' : '262B tokens/day (xAI)');
    sameTable(await copyTable('#page section.ranking[data-source="openrouter"]'));
    // By keyboard: from the page's title, one Tab reaches the first ranking's Insert table (its buttons sit above its rows).
    await w.page.focus('#page-title');
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => (document.activeElement as HTMLElement).getAttribute('data-formula'))).toBe(tables[0].formula);
    await fits();
  });

  test('document 001 figure by figure: in the order of its text, each line naming its entity, Expand all, no repeated document line', async () => {
    const id = '001_693efba5fa28deb1';
    await go('001', 'document', id);
    const rows = await w.page.$$eval('#doc-facts details.fact', (ds) => ds.map((d) => ({ id: d.getAttribute('data-fact-id')!, who: d.querySelector('summary .who')?.textContent, open: (d as HTMLDetailsElement).open })));
    expect(rows.map((r) => r.id).sort()).toEqual(market.facts.size ? [...market.facts.values()].filter((f) => f.document === id).map((f) => f.id).sort() : []);
    for (const r of rows) expect({ id: r.id, who: r.who }).toEqual({ id: r.id, who: name(market.facts.get(r.id)!.entity) });
    expect(rows.every((r) => !r.open)).toBe(true);
    const missing = documentsMissingMessage();
    if (missing && process.env.CI) throw new Error(missing);
    if (!missing) {
      const text = readDocument(id)!;
      const at = rows.map((r) => text.indexOf(market.facts.get(r.id)!.quote));
      expect(at.every((x, i) => x >= 0 && (i === 0 || at[i - 1] <= x))).toBe(true);
    }
    await w.page.click('#page button.expand-all');
    expect(await w.page.$$eval('#doc-facts details.fact', (ds) => ds.every((d) => (d as HTMLDetailsElement).open && (d.querySelector('li.card') as HTMLElement).offsetHeight > 0))).toBe(true);
    expect(await w.page.textContent('#page button.expand-all')).toBe(t.collapseAll);
    // Each card names its entity; none repeats the document line (the page's heading is the document).
    const cards = await w.page.$$eval('#doc-facts li.card', (cs) => cs.map((c) => ({ id: c.getAttribute('data-fact-id')!, who: c.querySelector('.meta .who')?.textContent, doc: !!c.querySelector('.doc') })));
    for (const c of cards) expect({ id: c.id, who: c.who, doc: c.doc }).toEqual({ id: c.id, who: name(market.facts.get(c.id)!.entity), doc: false });
    await fits();
    await w.page.click('#page button.expand-all');
    expect(await w.page.$$eval('#doc-facts details.fact[open]', (ds) => ds.length)).toBe(0);
  });

  test("Volcano Engine's share: a history table per series whose LLM.SERIES formula returns exactly its rows; TSV as shown", async () => {
    await go(lang === 'zh' ? '火山 份额' : 'volcano share', 'entity', 'volcano-engine');
    const boxes = await w.page.$$eval('#page section.history-box', (bs) =>
      bs.map((b) => ({
        key: b.getAttribute('data-series'),
        facts: Array.from(b.querySelectorAll('tbody tr')).map((r) => r.getAttribute('data-fact-id')!),
        formula: b.querySelector('code.formula')?.textContent ?? null,
        head: Array.from(b.querySelectorAll('th')).map((x) => x.textContent),
      })),
    );
    expect(boxes.length).toBe(2);
    const out = evaluateMany(boxes.map((b) => b.formula!));
    boxes.forEach((b, i) => {
      expect(b.head).toEqual([t.historyCol.period, t.historyCol.value.replace('{unit}', '%'), t.historyCol.source, t.historyCol.scope]);
      const rows = (out[i] as { value: unknown[][] }).value.slice(1);
      expect({ formula: b.formula, rows }).toEqual({ formula: b.formula, rows: b.facts.map((id) => [isoToSerial(market.facts.get(id)!.period.end), market.facts.get(id)!.value]) });
    });
    // Every Volcano Engine share fact is in one of them.
    expect(boxes.flatMap((b) => b.facts).sort()).toEqual([...market.facts.values()].filter((f) => f.entity === 'volcano-engine' && f.metric === 'share').map((f) => f.id).sort());
    sameTable(await copyTable(`#page section.history-box[data-series="${boxes[0].key}"]`));
    // The difference between IDC's and Omdia's series is said beside the chart, unfolded.
    expect(await w.page.isVisible('#chart p.difference')).toBe(true);
    await fits();
  });

  test("a question is answered first: 'alibaba capex' and Enter, one Tab to Insert formula of the latest capex; a card's result reads in scale, never 38600000000", async () => {
    await w.page.fill('#search', '');
    await w.page.focus('#search');
    await w.page.keyboard.type(lang === 'zh' ? '阿里巴巴 资本支出' : 'alibaba capex');
    await w.page.keyboard.press('Enter');
    await w.page.waitForFunction(() => document.activeElement?.id === 'page-title');
    expect(await w.page.getAttribute('#page', 'data-id')).toBe('alibaba');
    const latest = [...market.facts.values()].filter((f) => f.entity === 'alibaba' && f.metric === 'capex').sort((a, b) => b.period.end.localeCompare(a.period.end))[0];
    expect(await w.page.getAttribute('#page section.answer', 'data-fact-id')).toBe(latest.id);
    expect(await w.page.textContent('#page section.answer strong')).toBe(lang === 'zh' ? '386亿元' : '38.6B CNY');
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => (document.activeElement as HTMLElement).closest('section.answer') && document.activeElement?.textContent)).toBe(t.insertFormula);
    await w.page.keyboard.press('Enter');
    await w.page.waitForSelector('#page section.answer .actions [data-testid="copied"]');
    expect(await w.page.evaluate(() => navigator.clipboard.readText())).toBe('=LLM.VALUE("Alibaba Group","capex","2025Q2")');
    const answers = await w.page.$$eval('#page li.card .answers', (a) => a.map((x) => x.textContent ?? ''));
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) expect(a).not.toMatch(/\d{5,}/);
    expect(answers).toContain(lang === 'zh' ? '→ 386亿' : '→ 38.6B');
  });
});
