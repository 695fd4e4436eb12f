/**
 * The built task pane (dist/) in headless Chromium, outside Excel, with
 * Office.js served from the installed @microsoft/office-js package: it loads
 * cleanly, finds facts in English and Chinese with their verbatim quotes,
 * switches language, renders hostile data as text, draws the series chart,
 * says that inserting needs Excel, and looks like something (screenshot).
 */
import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import { OUT, ROOT, Watched, browserChoice, launch, openPage, requireBuild, serveDist } from './harness';
import { inkStats, readPng } from './png';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
const opened: Watched[] = [];

beforeAll(async () => {
  requireBuild();
  server = await serveDist();
  browser = await launch();
});

afterAll(async () => {
  for (const w of opened) await w.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function pane(opts: Parameters<typeof openPage>[2] = {}): Promise<Watched> {
  const w = await openPage(browser, server.url, opts);
  opened.push(w);
  await w.page.goto(`${server.url}/taskpane.html`);
  await w.page.waitForSelector('body[data-ready]', { timeout: 20000 });
  expect(await w.page.getAttribute('body', 'data-ready')).toBe('true');
  return w;
}

async function search(w: Watched, q: string): Promise<void> {
  await w.page.fill('#search', q);
  // Facts, or the pane saying there are none / nothing matches.
  await w.page.waitForSelector('#facts-table tr.fact, #facts .hint, [data-testid="no-hits"]', { timeout: 10000 });
}

/** The facts table as plain rows: the five cells, the quote, the document line and the formula. */
async function factRows(w: Watched) {
  return w.page.$$eval('#facts-table tr.fact', (rows) =>
    rows.map((r) => {
      const detail = r.nextElementSibling as HTMLElement;
      return {
        id: r.getAttribute('data-fact-id'),
        cells: Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? ''),
        quote: detail.querySelector('blockquote.quote')?.textContent ?? '',
        doc: detail.querySelector('.doc-text')?.textContent ?? '',
        note: detail.querySelector('.note-text')?.textContent ?? null,
        formula: detail.querySelector('code.formula')?.textContent ?? '',
        answers: detail.querySelector('.answers')?.textContent ?? '',
      };
    }),
  );
}

test('loads outside Excel with Office.js from the package, no console errors and no other origin', async () => {
  const w = await pane();
  expect(w.officeFiles).toContain('office.js');
  expect(w.remote).toEqual([]);
  expect(w.errors).toEqual([]);
  expect(await w.page.isVisible('#env-note')).toBe(true);
  expect(await w.page.textContent('#env-note')).toMatch(/needs Excel/);
  expect(await w.page.getAttribute('html', 'lang')).toBe('en');
  // With no query the pane lists the dataset's documents.
  expect(await w.page.$$eval('[data-group="document"] button.hit', (b) => b.length)).toBeGreaterThan(0);
});

test('"火山" finds Volcano Engine and its IDC share with the verbatim quote', async () => {
  const w = await pane();
  await search(w, '火山');
  const selected = await w.page.$eval('button.hit.selected', (b) => ({ kind: b.getAttribute('data-kind'), id: b.getAttribute('data-id') }));
  expect(selected).toEqual({ kind: 'entity', id: 'volcano-engine' });
  expect(await w.page.textContent('#facts-title')).toContain('Volcano Engine');
  const rows = await factRows(w);
  const idc = rows.find((r) => r.id === '003-idc-share-volcano-engine-2025h1');
  expect(idc).toBeDefined();
  expect(idc!.cells).toEqual(['Volcano Engine', 'Market share', '49.2% · IDC: China public-cloud LLM calls by external customers', '2025-01-01 – 2025-06-30', 'IDC']);
  expect(idc!.quote).toBe('火山引擎以49.2%的市場(chǎng)份額');
  expect(idc!.doc).toContain('The Paper');
  expect(idc!.doc).toContain('2025-10-18');
  expect(idc!.note).toMatch(/Ranked first/);
  expect(idc!.formula).toBe('=LLM.SHARE("Volcano Engine","IDC","2025H1")');
  expect(idc!.answers).toBe(' → 0.492');
  expect(w.errors).toEqual([]);
});

test('"xAI" finds xAI\'s OpenRouter tokens (2.62e11 a day, 2025-09-17..30) with the quote from document 001', async () => {
  const w = await pane();
  await search(w, 'xAI');
  const selected = await w.page.$eval('button.hit.selected', (b) => b.getAttribute('data-id'));
  expect(selected).toBe('xai');
  const rows = await factRows(w);
  const tokens = rows.find((r) => r.cells[1] === 'Daily tokens' && r.cells[3] === '2025-09-17 – 2025-09-30' && r.cells[4] === 'OpenRouter');
  expect(tokens).toBeDefined();
  expect(tokens!.cells[2]).toMatch(/^262,000,000,000 \(262B\) tokens\/day · OpenRouter traffic$/);
  expect(tokens!.quote).toMatch(/2,?620\s*亿/);
  expect(tokens!.doc).toContain('2025-10-03');
  expect(tokens!.formula).toMatch(/^=LLM\.TOKENS\("xAI","2025-09-30"/);
  expect(tokens!.answers).toBe(' → 262000000000');
  expect(w.errors).toEqual([]);
});

test('the language switch changes the interface; a Chinese browser starts in Chinese', async () => {
  const w = await pane();
  await search(w, 'IDC');
  const en = { h1: await w.page.textContent('#title'), label: await w.page.textContent('#search-label'), th: await w.page.$$eval('#facts-table th', (t) => t.map((x) => x.textContent)) };
  expect(en.h1).toBe('LLM Market — sources');
  expect(en.th).toEqual(['Entity', 'Metric', 'Value', 'Period', 'Source']);
  await w.page.click('#lang-switch');
  expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await w.page.textContent('#title')).toBe('大模型市场 — 数据来源');
  expect(await w.page.textContent('#search-label')).toBe('搜索实体、来源和文献');
  expect(await w.page.$$eval('#facts-table th', (t) => t.map((x) => x.textContent))).toEqual(['实体', '指标', '数值', '期间', '来源']);
  expect(await w.page.textContent('#lang-switch')).toBe('English');
  // Data labels follow: Volcano Engine's share row now names it in Chinese.
  const rows = await factRows(w);
  expect(rows.find((r) => r.id === '003-idc-share-volcano-engine-2025h1')!.cells[0]).toBe('火山引擎');
  await w.page.click('#lang-switch');
  expect(await w.page.textContent('#title')).toBe('LLM Market — sources');

  const zh = await pane({ locale: 'zh-CN' });
  expect(await zh.page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await zh.page.textContent('#title')).toBe('大模型市场 — 数据来源');
  expect([...w.errors, ...zh.errors]).toEqual([]);
});

test('"Insert formula" outside Excel says it needs Excel and offers the formula to copy', async () => {
  const w = await pane();
  await search(w, '火山');
  const button = w.page.locator('tr.detail[data-fact-id="003-idc-share-volcano-engine-2025h1"] button.insert');
  await button.click();
  expect(await w.page.textContent('[data-testid="needs-excel"]')).toMatch(/needs Excel/);
  expect(await w.page.inputValue('#status input.copy')).toBe('=LLM.SHARE("Volcano Engine","IDC","2025H1")');
  expect(w.errors).toEqual([]);
});

test('the series chart draws one dot per observation of =LLM.SERIES', async () => {
  const w = await pane();
  await search(w, '豆包');
  expect(await w.page.isVisible('#chart')).toBe(true);
  const caption = await w.page.textContent('#chart-caption');
  expect(caption).toMatch(/^=LLM\.SERIES\("Doubao","tokens"\) — (\d+) observations$/);
  const n = Number(/— (\d+) observations/.exec(caption!)![1]);
  expect(n).toBeGreaterThanOrEqual(2);
  expect(await w.page.$$eval('#chart-area svg.chart circle.dot', (c) => c.length)).toBe(n);
  expect(await w.page.$$eval('#chart-area svg.chart polyline.line', (c) => c.length)).toBe(1);
  expect(w.errors).toEqual([]);
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
  const rows = await factRows(w);
  expect(rows.find((r) => r.id === '003-idc-share-volcano-engine-2025h1')!.quote).toBe(payload + quote);
  expect(await w.page.$$eval('#facts script, #facts img, #facts b', (n) => n.length)).toBe(0);
  await w.page.waitForTimeout(200);
  expect(await w.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(w.remote).toEqual([]);
});

test('the pages carry a strict Content-Security-Policy and the pane code never writes HTML', () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist', 'taskpane.html'), 'utf8');
  const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1];
  expect(csp).toBeDefined();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
  expect(directives.get('style-src')).toEqual(["'self'"]);
  const origins = csp!.match(/https?:\/\/[^\s;]+/g) ?? [];
  expect([...new Set(origins)]).toEqual(['https://appsforoffice.microsoft.com']);
  // No inline script and no inline style in the page.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html).not.toMatch(/\sstyle=/i);
  expect(html).toContain('src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  for (const file of fs.readdirSync(path.join(ROOT, 'taskpane')).filter((f) => f.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(ROOT, 'taskpane', file), 'utf8');
    expect({ file, html: /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(src) }).toEqual({ file, html: false });
  }
});

test('screenshot of the pane (test-output/taskpane.png) is not blank', async () => {
  const w = await pane();
  await search(w, '火山');
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, 'taskpane.png');
  const png = await w.page.screenshot({ path: file });
  const img = readPng(png);
  expect(img.width).toBe(420);
  const { ink, colours } = inkStats(img);
  expect(ink).toBeGreaterThan(0.05);
  expect(colours).toBeGreaterThan(20);
  if (process.env.LLM_MARKET_DOCS_SCREENSHOT) fs.copyFileSync(file, path.join(ROOT, 'docs', 'taskpane.png'));
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
