/**
 * The task pane for everyone (issue 18, Builds 6, 8 and 9), in headless Chromium at Excel's pane width:
 * - axe-core finds no serious or critical violation on any kind of page (start, hits, entity, metric with
 *   rankings, source, document, no hits, coverage, everything expanded), in English and Chinese, and none of
 *   the moderate ones the review named (heading order, content outside landmarks, no main);
 * - every tab stop shows a focus ring: pixels around the element change visibly (3:1) when it takes focus;
 * - a chart never puts figures of different scopes on one axis: IDC's share of token calls and Omdia's share
 *   of revenue sit in panels of their own, each headed by its scope inside the plot; chart text is at least 11 px;
 * - dark (prefers-color-scheme and Office's own dark theme) and forced colours (Windows high contrast): the
 *   selected hit, the legend's swatches and the chart's labels stand out from the page, measured on screenshots
 *   (written to test-output/) by pixel contrast, not read from CSS.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, ElementHandle } from 'playwright-core';
import { bundledMarket } from '../../src/core/bundled';
import { STRINGS } from '../../taskpane/i18n';
import { OUT, ROOT, Watched, launch, openPage, requireBuild, serveDist } from './harness';
import { changedPixels, contrast, crop, dominant, inkContrast, luminance, readPng } from './png';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

beforeAll(async () => {
  requireBuild();
  server = await serveDist();
  browser = await launch();
  fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await server?.close();
});

async function pane(opts: Parameters<typeof openPage>[2] = {}): Promise<Watched> {
  const w = await openPage(browser, server.url, { viewport: { width: 350, height: 900 }, ...opts });
  await w.page.goto(`${server.url}/taskpane.html`);
  await w.page.waitForSelector('body[data-ready]', { timeout: 20000 });
  expect(await w.page.getAttribute('body', 'data-ready')).toBe('true');
  return w;
}

async function search(w: Watched, q: string): Promise<void> {
  await w.page.fill('#search', q);
  await w.page.waitForSelector('#page:not([hidden]) #page-title, [data-testid="no-hits"]', { timeout: 10000 });
}

/** Every group, folded note and verbatim quote open: the page at its longest. */
async function expandAll(w: Watched): Promise<void> {
  const all = await w.page.$('#page button.expand-all[aria-expanded="false"]');
  if (all) await all.click();
  await w.page.$$eval('#page details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await w.page.$$eval('#page .note.folded .more', (bs) => bs.forEach((b) => (b as HTMLButtonElement).click()));
}

/**
 * Whether the focused element shows its focus: the pixels around it, with focus and without, differ visibly
 * (3:1) along at least the length of two of its sides, a one-pixel ring at the least.
 */
async function focusShown(w: Watched, what: string): Promise<{ what: string; changed: number; needed: number }> {
  const { page } = w;
  const el = (await page.evaluateHandle(() => document.activeElement)) as ElementHandle<Element>;
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const box = (await el.boundingBox())!;
  const width = page.viewportSize()!.width;
  const clip = { x: Math.max(0, box.x - 4), y: Math.max(0, box.y - 4), width: Math.min(box.width + 8, width - Math.max(0, box.x - 4)), height: box.height + 8 };
  const on = readPng(await page.screenshot({ clip }));
  await el.evaluate((e) => (e as HTMLElement).blur());
  const off = readPng(await page.screenshot({ clip }));
  return { what, changed: changedPixels(on, off), needed: Math.round(box.width + box.height) };
}

/** Tab stops from the language switch on (blurring an element leaves the next Tab to go on from it). */
async function focusWalk(w: Watched, tabs: number) {
  const { page } = w;
  // Reached by the keyboard (Shift+Tab from the search), as a person would: focus from a script shows no ring.
  await page.focus('#search');
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-switch');
  const stops = [await focusShown(w, 'button#lang-switch')];
  const seen = new Set<string>();
  for (let i = 0; i < tabs; i++) {
    await page.keyboard.press('Tab');
    const what = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} "${(e.textContent ?? '').trim().slice(0, 24)}"`;
    });
    seen.add(what.split(' ')[0]);
    stops.push(await focusShown(w, what));
  }
  return { stops, seen };
}

interface Violation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * axe-core on the page as it stands. The pane's Content-Security-Policy (script-src 'self' and Office's CDN) refuses
 * inline scripts, which is what page.addScriptTag({ content }) inserts; so axe's source is evaluated through the
 * DevTools protocol (page.evaluate), which the page's policy does not govern, leaving the page and its policy
 * exactly as shipped (no route, no bypassCSP). axe itself needs no eval.
 */
async function axe(w: Watched): Promise<Violation[]> {
  if (!(await w.page.evaluate(() => 'axe' in window))) await w.page.evaluate(`${AXE}\n;void 0`);
  return w.page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
      // The pane has no frame of its own; the only one is Office.js's telemetry proxy, which the policy blocks.
      iframes: false,
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`) }));
  });
}

/** The moderate findings issue 18 named: a heading level skipped, content outside any landmark, no main. */
const NAMED_MODERATE = ['heading-order', 'region', 'landmark-one-main', 'landmark-unique', 'page-has-heading-one'];

describe('axe-core on every kind of page, in English and Chinese', () => {
  let w: Watched;
  const found: Record<string, Violation[]> = {};
  const timing: Record<string, { ms: number; nodes: number }> = {};
  beforeAll(async () => {
    w = await pane();
  });
  afterAll(async () => {
    fs.writeFileSync(path.join(OUT, 'axe.json'), `${JSON.stringify({ violations: found, timing }, null, 1)}\n`);
    await w?.context.close();
  });

  test.each(['en', 'zh'] as const)('%s: no serious or critical violation, none of the named moderate ones', async (lang) => {
    const { page } = w;
    if ((await page.getAttribute('html', 'lang'))!.startsWith('zh') !== (lang === 'zh')) await page.click('#lang-switch');
    const states: [string, () => Promise<void>][] = [
      ['start', async () => page.fill('#search', '')],
      // An entity with a chart, filters and corrected figures, every group open (it holds the collapsed page).
      ['hits and entity page, everything expanded', async () => {
        await search(w, 'OpenAI');
        await expandAll(w);
      }],
      ['a one-line question (entity and metric)', async () => search(w, lang === 'zh' ? '阿里巴巴 资本支出' : 'alibaba capex')],
      ['metric page with rankings', async () => search(w, lang === 'zh' ? '份额' : 'market share')],
      ['source page', async () => {
        await search(w, 'OpenRouter');
        await page.click('#results button[data-kind="source"][data-id="openrouter"]');
      }],
      ['document page, expanded', async () => {
        await page.fill('#search', '');
        await page.click('#results button[data-kind="document"][data-id="001_693efba5fa28deb1"]');
        await expandAll(w);
      }],
      ['no hits', async () => search(w, 'zqxjv')],
      ['coverage', async () => {
        const link = await page.$('button.coverage-link');
        if (link) await link.click();
      }],
    ];
    const bad: string[] = [];
    for (const [name, go] of states) {
      await go();
      const t0 = Date.now();
      const v = await axe(w);
      found[`${lang}: ${name}`] = v;
      timing[`${lang}: ${name}`] = { ms: Date.now() - t0, nodes: await page.evaluate(() => document.querySelectorAll('*').length) };
      for (const x of v) if (x.impact === 'serious' || x.impact === 'critical' || NAMED_MODERATE.includes(x.id)) bad.push(`${name}: ${x.id} (${x.impact}) ${x.nodes.slice(0, 3).join(' | ')}`);
    }
    expect(bad).toEqual([]);
    // The language button is named by what it shows, in that language; what it does is its description.
    const sw = await page.$eval('#lang-switch', (b) => ({ text: b.textContent, lang: b.querySelector('[lang]')?.getAttribute('lang'), title: b.getAttribute('title'), label: b.getAttribute('aria-label') }));
    expect(sw).toEqual(lang === 'en' ? { text: '中文', lang: 'zh-CN', title: STRINGS.en.switchLabel, label: null } : { text: 'English', lang: 'en', title: STRINGS.zh.switchLabel, label: null });
    expect(w.errors).toEqual([]);
  });

  test('every tab stop shows its focus: the pixels around it change visibly', async () => {
    const { page } = w;
    if ((await page.getAttribute('html', 'lang')) !== 'en') await page.click('#lang-switch');
    await search(w, 'Volcano Engine');
    await page.focus('#search');
    await page.keyboard.press('Enter');
    await page.evaluate(() => window.scrollTo(0, 0));
    // Enter lands on the page that opened: its title shows focus too; then every stop from the top of the pane.
    const title = await focusShown(w, 'page title after Enter');
    const { stops, seen } = await focusWalk(w, 20);
    stops.unshift(title);
    expect(stops.filter((s) => s.changed < s.needed)).toEqual([]);
    // The walk met the pane's kinds of control: the language switch, the search, hits, links, the chart's select, group summaries.
    const kinds = ['input#search', 'button.hit', 'button.link', 'select#chart-metric', 'button.insert-table', 'select#filter'];
    expect(kinds.filter((k) => ![...seen].some((s) => s.startsWith(k)))).toEqual([]);
  });
});

describe('charts: different scopes drawn apart, text at least 11 px', () => {
  let w: Watched;
  beforeAll(async () => {
    w = await pane({ viewport: { width: 320, height: 900 } });
  });
  afterAll(async () => w?.context.close());

  const market = bundledMarket();
  const scopeName = (id: string, lang: 'en' | 'zh') => (lang === 'zh' ? market.scopes.get(id)!.name_zh : market.scopes.get(id)!.name);

  test.each(['en', 'zh'] as const)("%s: Volcano Engine's market share: IDC's call share and Omdia's revenue share in panels of their own, each named in the plot", async (lang) => {
    const { page } = w;
    if ((await page.getAttribute('html', 'lang'))!.startsWith('zh') !== (lang === 'zh')) await page.click('#lang-switch');
    await search(w, lang === 'zh' ? '火山引擎' : 'Volcano Engine');
    await page.selectOption('#chart-metric', 'share');
    const panels = await page.$$eval('#chart-area svg g.panel', (ps) =>
      ps.map((p) => ({
        head: Array.from(p.querySelectorAll('.panel-title tspan')).map((t) => t.textContent).join(' '),
        facts: Array.from(p.querySelectorAll('[data-fact-id].bar, [data-fact-id].dot')).map((x) => x.getAttribute('data-fact-id')),
        ticks: Array.from(p.querySelectorAll('.grid text')).map((t) => t.textContent),
        box: (p as SVGGElement).getBoundingClientRect().toJSON() as DOMRect,
      })),
    );
    expect(panels.map((p) => p.facts)).toEqual([['003-idc-share-volcano-engine-2025h1'], ['003-omdia-share-volcano-engine-1h25']]);
    // Each panel is headed, inside the plot, by what it measures (wrapped, so compared without line breaks).
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(panels[0].head)).toBe(squash(scopeName('idc-china-public-cloud-llm', lang)));
    expect(squash(panels[1].head)).toBe(squash(scopeName('omdia-china-ai-cloud', lang)));
    // Two axes, one per panel, one above the other: IDC's runs to 50 %, Omdia's to 15 %.
    expect(panels[0].ticks.at(-1)).toBe('50%');
    expect(panels[1].ticks.at(-1)).toBe('15%');
    expect(panels[1].box.top).toBeGreaterThanOrEqual(panels[0].box.bottom - 1);
    // The caption says why, unfolded.
    expect(await page.textContent('#chart .caption')).toContain(STRINGS[lang].chartApart);
    // Its sentences as each language writes them: a space after an English full stop, none after 。.
    expect(await page.textContent('#chart .caption')).toMatch(lang === 'zh' ? /^[^ ]+$/ : /\. \S/);
    await (await page.$('#chart'))!.screenshot({ path: path.join(OUT, `pane-chart-apart-${lang}.png`) });
  });

  test('figures of one scope from two sources share one axis (OpenAI tokens: both OpenRouter traffic)', async () => {
    const { page } = w;
    if ((await page.getAttribute('html', 'lang')) !== 'en') await page.click('#lang-switch');
    await search(w, 'OpenAI');
    await page.selectOption('#chart-metric', 'tokens');
    expect(await page.$$eval('#chart-area svg g.panel', (p) => p.length)).toBe(1);
    expect(await page.$$eval('#chart-area svg g.series', (p) => p.length)).toBe(2);
    expect(await page.$$eval('#chart-area .panel-title', (p) => p.length)).toBe(0);
    expect(await page.textContent('#chart .caption')).not.toContain(STRINGS.en.chartApart);
  });

  test('at 320 px no chart text covers another or leaves the chart (two figures for one period, negative values, labels at the edges)', async () => {
    const { page } = w;
    if ((await page.getAttribute('html', 'lang')) !== 'en') await page.click('#lang-switch');
    const bad: string[] = [];
    for (const [q, id, metric] of [
      ['OpenAI', 'openai', 'tokens'],
      ['Gemini', 'gemini', 'tokens'],
      ['Alibaba', 'alibaba', 'investment_plan'],
      ['Alibaba Cloud', 'alibaba-cloud', 'ai_revenue_yoy'],
      ['DeepSeek-V3.2-Exp', 'deepseek-v3-2-exp', 'price_change'],
    ]) {
      await search(w, q);
      expect(await page.getAttribute('#page', 'data-id')).toBe(id);
      await page.selectOption('#chart-metric', metric);
      const found = await page.$$eval('#chart-area svg text', (ts) => {
        const svg = document.querySelector('#chart-area svg')!.getBoundingClientRect();
        const boxes = ts.map((t) => ({ t: t.textContent, b: t.getBoundingClientRect() }));
        const out: string[] = [];
        boxes.forEach(({ t, b }, i) => {
          if (b.left < svg.left - 0.5 || b.right > svg.right + 0.5 || b.top < svg.top - 0.5 || b.bottom > svg.bottom + 0.5) out.push(`outside: ${t}`);
          for (const o of boxes.slice(i + 1)) if (b.left < o.b.right - 1 && o.b.left < b.right - 1 && b.top < o.b.bottom - 1 && o.b.top < b.bottom - 1) out.push(`${t} covers ${o.t}`);
        });
        return out;
      });
      bad.push(...found.map((x) => `${q}/${metric}: ${x}`));
      if (metric === 'investment_plan') await (await page.$('#chart-area'))!.screenshot({ path: path.join(OUT, 'pane-chart-two-figures-one-period.png') });
    }
    expect(bad).toEqual([]);
  });

  test('at 320 px every chart text is drawn at 11 px or more (ticks, periods, values, panel heads)', async () => {
    const { page } = w;
    for (const [q, metric] of [['Volcano Engine', 'share'], ['Alibaba', 'capex'], ['OpenAI', 'tokens']]) {
      await search(w, q);
      await page.selectOption('#chart-metric', metric);
      const sizes = await page.$$eval('#chart-area svg text', (ts) =>
        ts.map((t) => {
          const g = t as SVGTextElement;
          // The size on screen: the font size in the drawing's units times the drawing's scale.
          return { text: g.textContent, px: +(parseFloat(getComputedStyle(g).fontSize) * g.getScreenCTM()!.a).toFixed(2) };
        }),
      );
      expect(sizes.length).toBeGreaterThan(3);
      expect(sizes.filter((s) => s.px < 11)).toEqual([]);
    }
  });
});

/** Selected hit, legend swatches and chart labels against the page, measured on a screenshot. */
async function visibility(w: Watched, name: string) {
  const { page } = w;
  await search(w, 'Volcano Engine');
  await page.selectOption('#chart-metric', 'share');
  await page.evaluate(() => window.scrollTo(0, 0));
  // One screenshot of the top of the pane (hits and chart); each element is cut out of it by its place on the page.
  const bottom = await page.$eval('#chart', (c) => c.getBoundingClientRect().bottom + window.scrollY);
  const shot = readPng(await page.screenshot({ path: path.join(OUT, `pane-${name}.png`), fullPage: true, clip: { x: 0, y: 0, width: 350, height: Math.ceil(bottom) } }));
  const bg = dominant(crop(shot, { x: 0, y: 0, width: 8, height: 200 }));
  const rects = (sel: string) =>
    page.$$eval(sel, (es) =>
      es.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
      }),
    );
  const [hit] = await rects('#results button.hit.selected');
  const selected = contrast(dominant(crop(shot, hit)), bg);
  const swatches = (await rects('.legend .swatch')).map((r) => contrast(dominant(crop(shot, r)), bg));
  const labels = (await rects('#chart-area svg text')).map((r) => ({ text: r.text, ink: +inkContrast(crop(shot, r), bg).toFixed(2) }));
  return { bg, selected, swatches, labels };
}

describe('any theme: dark and forced colours keep the selection, the legend and the chart visible', () => {
  let w: Watched;
  beforeAll(async () => {
    w = await pane({ colorScheme: 'dark' });
  });
  afterAll(async () => w?.context.close());

  // One page, its media switched as the system would (prefers-color-scheme, forced colours), no reload.
  test.each([
    ['dark', { colorScheme: 'dark' as const, forcedColors: 'none' as const }],
    ['forced-colours', { colorScheme: 'light' as const, forcedColors: 'active' as const }],
    ['forced-colours-dark', { colorScheme: 'dark' as const, forcedColors: 'active' as const }],
  ])('%s', async (name, media) => {
    await w.page.emulateMedia(media);
    const v = await visibility(w, name);
    if (name === 'dark') {
      expect(luminance(v.bg)).toBeLessThan(0.05);
      // Colours hold in the dark palette too: this page, and an expanded one with corrected badges and notes.
      const bad = (await axe(w)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
      await search(w, 'OpenAI');
      await expandAll(w);
      bad.push(...(await axe(w)).filter((x) => x.impact === 'serious' || x.impact === 'critical'));
      expect(bad).toEqual([]);
    }
    expect(v.labels.length).toBeGreaterThan(8);
    // All three at once, so a failure shows every one that vanished: the selection and the swatches at least 3:1
    // against the page (non-text contrast), every chart label's ink at least 4.5:1.
    expect({ selected: v.selected >= 3, swatches: v.swatches.map((x) => x >= 3), faintLabels: v.labels.filter((l) => l.ink < 4.5) }).toEqual({
      selected: true,
      swatches: [true, true],
      faintLabels: [],
    });
    expect(w.errors).toEqual([]);
  });

  test('focus shows in dark and forced colours too (the first seven tab stops)', async () => {
    const weak: { media: string; what: string; changed: number; needed: number }[] = [];
    await search(w, 'Volcano Engine');
    for (const media of [{ colorScheme: 'dark' as const, forcedColors: 'none' as const }, { colorScheme: 'light' as const, forcedColors: 'active' as const }, { colorScheme: 'dark' as const, forcedColors: 'active' as const }]) {
      await w.page.emulateMedia(media);
      const { stops } = await focusWalk(w, 6);
      weak.push(...stops.filter((s) => s.changed < s.needed).map((s) => ({ media: JSON.stringify(media), ...s })));
    }
    expect(weak).toEqual([]);
  });

  const officeStub = (bg: string, fg: string, dark: boolean) => `
window.Office = { HostType: { Excel: 'Excel' },
  context: { displayLanguage: 'en-US', officeTheme: { bodyBackgroundColor: '${bg}', bodyForegroundColor: '${fg}', controlBackgroundColor: '${bg}', controlForegroundColor: '${fg}', isDarkTheme: ${dark} } },
  onReady: function (cb) { setTimeout(function () { cb({ host: 'Excel', platform: 'PC' }); }, 0); } };`;

  // Office's theme wins over the system's: its dark theme on a light system, its light theme (Colorful) on a dark one.
  test.each([
    ['office-dark', '#262626', '#ffffff', true, 'light' as const],
    ['office-light', '#ffffff', '#262626', false, 'dark' as const],
  ])("%s: Office's theme is the pane's, whatever the system's", async (name, bg, fg, dark, colorScheme) => {
    const o = await pane({ officeStub: officeStub(bg, fg, dark), colorScheme });
    try {
      const v = await visibility(o, name);
      expect(v.bg).toEqual([parseInt(bg.slice(1, 3), 16), parseInt(bg.slice(3, 5), 16), parseInt(bg.slice(5, 7), 16)]);
      expect({ selected: v.selected >= 3, swatches: v.swatches.map((x) => x >= 3), faintLabels: v.labels.filter((l) => l.ink < 4.5) }).toEqual({
        selected: true,
        swatches: [true, true],
        faintLabels: [],
      });
      expect(o.errors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});
