/**
 * The pane in Chinese, page by page, as a Chinese reader sees it (issue 18,
 * Build 7 and the notes of Build 6): a source's and a document's description
 * in the dataset's own Chinese (description_zh, date_note_zh), the 份额口径
 * line in Chinese (of_zh), notes shown without document 003's inserted pinyin
 * (as quotes are) in both languages, and on every kind of page (start,
 * entity, metric, source, document, coverage, nothing-matches) no English
 * phrase outside quotations, names, formulas and the other-language name.
 * One page for the suite; it moves with the pane's own search and clicks.
 * (test/browser/taskpane.cases.ts checks the interface strings on eight pages;
 * this suite checks the data the pane writes beside them.)
 */
import type { Browser } from 'playwright-core';
import { bundledLabel, bundledMarket } from '../../src/core/bundled';
import { Watched, launch, openPage, requireBuild, serveDist } from './harness';

const market = bundledMarket();
const facts = market.facts;

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let w: Watched;

beforeAll(async () => {
  requireBuild();
  server = await serveDist();
  browser = await launch();
  w = await openPage(browser, server.url, { locale: 'zh-CN', viewport: { width: 350, height: 900 } });
  await w.page.goto(`${server.url}/taskpane.html`);
  await w.page.waitForSelector('body[data-ready]', { timeout: 20000 });
  expect(await w.page.getAttribute('body', 'data-ready')).toBe('true');
  expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
});

afterAll(async () => {
  await w?.context.close();
  await server?.close();
});

async function search(q: string): Promise<void> {
  await w.page.fill('#search', q);
  await w.page.waitForSelector('#page:not([hidden]) #page-title, [data-testid="no-hits"]', { timeout: 10000 });
}

/** Opens a search hit of a kind by id (the pane's own button), and waits for its page. */
async function openHit(q: string, kind: string, id: string): Promise<void> {
  await search(q);
  await w.page.click(`#results button.hit[data-kind="${kind}"][data-id="${id}"]`);
  await w.page.waitForSelector(`#page[data-kind="${kind}"][data-id="${id}"] #page-title`);
}

async function unfoldAll(): Promise<void> {
  await w.page.$$eval('#page details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

/** 003's pinyin as the web page inserted it: a Han character, then a tone-marked syllable in parentheses. */
const PINYIN = /\p{Script=Han}\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/u;

/** What stays Latin in Chinese text: names, the other-language names, report codes, ids. */
const NAMES = (() => {
  const n = [
    ...[...market.entities.values()].flatMap((e) => [e.name, e.name_zh, ...e.aliases]),
    ...[...market.metrics.values()].flatMap((m) => [m.name, m.name_zh, m.id, ...m.aliases]),
    ...[...market.sources.values()].flatMap((s) => [s.name, s.name_zh, s.id, ...s.aliases]),
    ...[...market.scopes.values()].flatMap((s) => [s.name, s.name_zh, s.id]),
    ...[...market.documents.values()].flatMap((d) => [d.title, d.title_en, d.publisher ?? '', d.id]),
    ...market.facts.keys(),
    // The edition as citations (LLM.SOURCE) write it, in the footer.
    bundledLabel(),
  ];
  const names = [...new Set(n.filter((x) => x.length > 1))].sort((a, b) => b.length - a.length);
  // One pattern, longest first, so a name inside a longer one is taken out with it.
  return new RegExp(names.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
})();

/** An English phrase (two words running) left once quotations, titles, names, ids and the edition are taken out. */
function englishPhrase(text: string): string | null {
  let t = text.replace(/“[^”]*”|‘[^’]*’|《[^》]*》|"[^"]*"|(?<![A-Za-z])'[^']*'(?![A-Za-z])/g, ' ');
  t = t.replace(NAMES, ' ');
  const m = t.match(/\b[A-Za-z][A-Za-z-]*\s+[A-Za-z][a-z-]*\b/);
  return m ? m[0] : null;
}

/**
 * Every visible text on the pane outside verbatim quotes, formulas, copy boxes
 * and the other-language name under a hit; notes are the dataset's note_zh,
 * checked by test/note-zh.test.ts, and are left out here too.
 */
async function shownTexts(): Promise<{ cls: string; text: string; data: boolean }[]> {
  return w.page.evaluate(() => {
    const out: { cls: string; text: string; data: boolean }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!text || !el || el.closest('[hidden], script, style, blockquote, code, .hit-detail, .note-text, input')) continue;
      out.push({ cls: (el.closest('[class]') as HTMLElement | null)?.className ?? el.tagName, text, data: !!el.closest('[translate="no"]') });
    }
    for (const e of Array.from(document.querySelectorAll('[title], [aria-label], [placeholder]'))) {
      if (e.closest('[hidden], .hit-detail')) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = e.getAttribute(a);
        if (v) out.push({ cls: `@${a}`, text: v, data: !!e.closest('[translate="no"]') });
      }
    }
    return out;
  });
}

/** An English word in interface text, once names and the forms periods and units take (2025Q1, FY2026, Token, Excel) are taken out. */
function interfaceWord(text: string): string | null {
  let t = text;
  t = t.replace(NAMES, ' ');
  t = t.replace(/\b(?:\d{4}[QH]\d|\d[QH]\d{2}|FY\d{4}|Token|Q[1-4]|Excel|TSV|LLM\.[A-Z.]+)\b/g, ' ');
  const m = t.match(/[A-Za-z]{2,}/);
  return m ? m[0] : null;
}

/** What English a Chinese reader would meet on the page as it is now. */
async function englishLeft(): Promise<string[]> {
  const left: string[] = [];
  for (const { cls, text, data } of await shownTexts()) {
    const phrase = englishPhrase(text);
    if (phrase) left.push(`${cls}: "${phrase}" in "${text}"`);
    else if (!data) {
      // The interface's own words: not one English word, but for the forms periods and units take.
      const word = interfaceWord(text);
      if (word) left.push(`${cls}: "${word}" in interface text "${text}"`);
    }
  }
  return [...new Set(left)];
}

describe('Chinese mode, page by page', () => {
  test("a source's page describes it in Chinese (description_zh), marked as Chinese", async () => {
    // Four of the sixteen (test/description-zh.test.ts checks that every one has its Chinese): one per file and kind.
    const wrong: string[] = [];
    for (const s of ['idc', 'the-paper', 'artificial-analysis', 'unattributed'].map((id) => market.sources.get(id)!)) {
      await openHit(s.name_zh, 'source', s.id);
      const d = await w.page.$eval('#page .description', (p) => ({ text: p.textContent, lang: p.getAttribute('lang') }));
      if (d.text !== s.description_zh || d.lang !== 'zh-Hans') wrong.push(`${s.id}: ${JSON.stringify(d)}`);
    }
    expect(wrong).toEqual([]);
  });

  test("every document's page describes it in Chinese, and an undated one says in Chinese what dates it", async () => {
    const wrong: string[] = [];
    for (const d of market.documents.values()) {
      // The start page lists every document.
      await w.page.fill('#search', '');
      await w.page.click(`#results button.hit[data-kind="document"][data-id="${d.id}"]`);
      await w.page.waitForSelector(`#page[data-kind="document"][data-id="${d.id}"] #page-title`);
      const shown = await w.page.$$eval('#page .description', (ps) => ps.map((p) => `${p.getAttribute('lang')}|${p.textContent}`));
      const expected = [...(d.published ? [] : [`zh-Hans|${d.date_note_zh}`]), `zh-Hans|${d.description_zh}`];
      if (JSON.stringify(shown) !== JSON.stringify(expected)) wrong.push(`${d.id}: ${JSON.stringify(shown)}`);
      // The publisher by its Chinese name (国证国际, not "Guosen International (国证国际)"), or 未注明发布方.
      const publisher = await w.page.$eval('#page .page-head .sub span', (s) => s.textContent);
      if (publisher !== (d.publisher_zh ?? d.publisher ?? '未注明发布方')) wrong.push(`${d.id}: publisher shown as ${publisher}`);
    }
    expect(wrong).toEqual([]);
    expect([...market.documents.values()].some((d) => !d.published)).toBe(true);
  });

  test('the 份额口径 line is in Chinese on every card that has one', async () => {
    const wrong: string[] = [];
    let seen = 0;
    for (const id of market.documents.keys()) {
      await w.page.fill('#search', '');
      await w.page.click(`#results button.hit[data-kind="document"][data-id="${id}"]`);
      await w.page.waitForSelector(`#page[data-kind="document"][data-id="${id}"] #page-title`);
      await unfoldAll();
      const lines = await w.page.$$eval('#page li.card', (cs) => cs.flatMap((c) => (c.querySelector('.of') ? [{ id: c.getAttribute('data-fact-id')!, text: c.querySelector('.of')!.textContent ?? '' }] : [])));
      for (const l of lines) {
        seen++;
        if (l.text !== `份额口径：${facts.get(l.id)!.of_zh}`) wrong.push(`${l.id}: ${l.text}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(seen).toBe([...facts.values()].filter((f) => f.of).length);
  });

  test("notes are shown without 003's pinyin, in Chinese and in English, as quotes are", async () => {
    const id = '003-idc-public-cloud-llm-tokens-2025h1';
    const f = facts.get(id)!;
    expect(f.note).toMatch(PINYIN);
    await w.page.fill('#search', '');
    await w.page.click('#results button.hit[data-kind="document"][data-id="003_2eccd512af54e578"]');
    await w.page.waitForSelector('#page[data-kind="document"] #page-title');
    await unfoldAll();
    const notes = async () => w.page.$$eval('#page li.card', (cs) => cs.map((c) => ({ id: c.getAttribute('data-fact-id')!, note: c.querySelector('.note-text')?.textContent ?? '' })));
    const zh = await notes();
    expect(zh.filter((n) => PINYIN.test(n.note)).map((n) => n.id)).toEqual([]);
    expect(zh.find((n) => n.id === id)!.note).toContain('《中國大模型公有云服務市場分析,2025H1》');
    // The same page in English: the English notes, cleaned the same way.
    await w.page.click('#lang-switch');
    await w.page.waitForSelector('html[lang="en"]');
    await unfoldAll();
    const en = await notes();
    expect(en.filter((n) => PINYIN.test(n.note)).map((n) => n.id)).toEqual([]);
    expect(en.find((n) => n.id === id)!.note).toContain('IDC 《中國大模型公有云服務市場分析,2025H1》');
    expect(en.filter((n) => facts.get(n.id)!.note && PINYIN.test(facts.get(n.id)!.note!)).length).toBeGreaterThanOrEqual(10);
    await w.page.click('#lang-switch');
    await w.page.waitForSelector('html[lang="zh-CN"]');
  });

  test('no English phrase on any kind of page: start, entity, a question, metric, source, document, coverage, nothing matches', async () => {
    const pages: [string, () => Promise<void>][] = [
      ['start', async () => w.page.fill('#search', '')],
      ['entity 火山引擎', () => openHit('火山引擎', 'entity', 'volcano-engine')],
      ['question 阿里巴巴 资本支出', async () => {
        await search('阿里巴巴 资本支出');
        expect(await w.page.getAttribute('#page', 'data-id')).toBe('alibaba');
      }],
      ['question OpenAI 更正', async () => {
        await search('OpenAI 更正');
        expect(await w.page.$('[data-testid="corrected-only"]')).not.toBeNull();
      }],
      ['metric 份额', () => openHit('份额', 'metric', 'share')],
      ['source IDC', () => openHit('IDC', 'source', 'idc')],
      ['source OpenRouter', () => openHit('OpenRouter', 'source', 'openrouter')],
      ['document 001', () => openHit('001', 'document', '001_693efba5fa28deb1')],
      ['document 004', () => openHit('004', 'document', '004_6372d6e6896fbbf2')],
      ['nothing matches 腾讯', () => search('腾讯')],
    ];
    const found: Record<string, string[]> = {};
    for (const [name, go] of pages) {
      await go();
      await unfoldAll();
      const left = await englishLeft();
      if (left.length) found[name] = left;
    }
    // The coverage page, where the pane has one (the footer's link).
    if (await w.page.$('.coverage-link')) {
      await w.page.click('.coverage-link');
      await w.page.waitForSelector('#page[data-kind="coverage"]:not([hidden])');
      await unfoldAll();
      const left = await englishLeft();
      if (left.length) found.coverage = left;
    }
    expect(found).toEqual({});
    expect(w.errors).toEqual([]);
  });

  test('the check finds English: the English pane is full of it', async () => {
    await w.page.click('#lang-switch');
    await w.page.waitForSelector('html[lang="en"]');
    await openHit('IDC', 'source', 'idc');
    const left = await englishLeft();
    expect(left.join('\n')).toContain('International Data Corporation market reports');
    await w.page.click('#lang-switch');
    await w.page.waitForSelector('html[lang="zh-CN"]');
  });
});
