/** The task pane's pure logic (taskpane/model.ts, taskpane/format.ts), without a browser. */
import { bundledMarket } from '../../src/core/bundled';
import { isoToSerial } from '../../src/core/dates';
import { callFunction } from '../../src/core/functions';
import { evaluateMany } from '../../src/index';
import { displayQuote, fiscalLabel, periodCompact, resultText, scaled, toTsv, unitHeader, valueBase, valueInTable, valueScaled } from '../../taskpane/format';
import { PaneModel, follows, formula, periodArg } from '../../taskpane/model';
import { QUOTE_POSITIONS } from '../../taskpane/quotePositions';
import { documentsMissingMessage, readDocument } from '../helpers/documents';

const market = bundledMarket();
const model = new PaneModel(market);
const facts = [...market.facts.values()];
const ids = (hits: { kind: string; id: string }[]) => hits.map((h) => `${h.kind}:${h.id}`);

test('one search finds entities, metrics, sources and documents, in English, Chinese and the aliases the core accepts', () => {
  expect(model.search('火山', 'en')[0]).toMatchObject({ kind: 'entity', id: 'volcano-engine', label: 'Volcano Engine', detail: '火山引擎', fuzzy: false });
  expect(model.search('volcano', 'zh')[0]).toMatchObject({ kind: 'entity', id: 'volcano-engine', label: '火山引擎' });
  expect(model.search('capex', 'en')[0]).toMatchObject({ kind: 'metric', id: 'capex', label: 'Capital expenditure', detail: '资本支出' });
  expect(model.search('资本支出', 'en')[0]).toMatchObject({ kind: 'metric', id: 'capex' });
  expect(model.search('資本開支', 'en')[0]).toMatchObject({ kind: 'metric', id: 'capex' });
  expect(model.search('收入', 'en')[0]).toMatchObject({ kind: 'metric', id: 'revenue' });
  expect(model.search('营收', 'zh')[0]).toMatchObject({ kind: 'metric', id: 'revenue', label: '收入' });
  expect(ids(model.search('idc', 'en'))).toContain('source:idc');
  expect(ids(model.search('澎湃', 'en'))).toContain('document:003_2eccd512af54e578');
  expect(model.search('  ', 'en')).toEqual([]);
  expect(model.search('no such thing at all', 'en')).toEqual([]);
});

test('search tolerates typos the way the functions\' "did you mean" does, and says they are near matches', () => {
  expect(model.search('Anthrpic', 'en')[0]).toMatchObject({ kind: 'entity', id: 'anthropic', fuzzy: true });
  expect(model.search('valuaton', 'en')[0]).toMatchObject({ kind: 'metric', id: 'valuation', fuzzy: true });
  expect(model.search('Alibabba', 'en')[0]).toMatchObject({ kind: 'entity', id: 'alibaba', fuzzy: true });
  // The formulas suggest the same name for the same typo.
  expect((callFunction(market, 'TOKENS', ['Anthrpic']) as { message: string }).message).toContain('"Anthropic"');
  // An exact or contained match never shows the near ones.
  expect(model.search('Anthropic', 'en').every((h) => !h.fuzzy)).toBe(true);
  expect(model.search('zz', 'en')).toEqual([]);
});

test('an entity links its parents and children', () => {
  const names = (es: { id: string }[]) => es.map((e) => e.id);
  expect(names(model.family('bytedance').children)).toEqual(['volcano-engine']);
  expect(names(model.family('doubao').parents)).toEqual(['volcano-engine', 'bytedance']);
  expect(names(model.family('alibaba').children)).toEqual(expect.arrayContaining(['qwen', 'alibaba-cloud', 'taobao-tmall', 'aidc', 'cainiao']));
  expect(model.facts('entity', 'bytedance')).toEqual([]);
});

test('facts group by metric, biggest group first, latest period first; filters narrow by metric, scope and source, year, basis', () => {
  const all = model.facts('entity', 'alibaba');
  const groups = model.group(all, 'metric');
  expect(groups.reduce((n, g) => n + g.facts.length, 0)).toBe(all.length);
  for (let i = 1; i < groups.length; i++) expect(groups[i - 1].facts.length).toBeGreaterThanOrEqual(groups[i].facts.length);
  for (const g of groups) for (let i = 1; i < g.facts.length; i++) expect(g.facts[i - 1].period.end >= g.facts[i].period.end).toBe(true);
  expect(model.defaultChartMetric('alibaba')).toBe(groups[0].key);
  const opts = model.filterOptions(all);
  expect(opts.metric).toContain('capex');
  expect(opts.basis[0]).toBe('actual');
  const capex = model.applyFilters(all, { metric: 'capex', scope: null, year: null, basis: null });
  expect(capex.map((f) => f.id).sort()).toEqual(['002-group-capex', '004-alibaba-capex']);
  expect(model.applyFilters(all, { metric: 'capex', scope: null, year: '2025', basis: null }).map((f) => f.id)).toEqual(['004-alibaba-capex']);
  const openai = model.facts('entity', 'openai');
  const scopes = model.filterOptions(openai).scope;
  expect(scopes.length).toBeGreaterThan(1);
  for (const s of scopes) for (const f of model.applyFilters(openai, { metric: null, scope: s, year: null, basis: null })) expect(model.scopeKey(f)).toBe(s);
});

test('chart series: one per scope and source, points in time order, and the SERIES formula offered returns exactly those points', () => {
  let withFormula = 0;
  for (const e of market.entities.values()) {
    for (const metric of model.chartMetrics(e.id)) {
      const series = model.chartSeries(e.id, metric);
      expect(series.length).toBeGreaterThan(0);
      const keys = new Set<string>();
      for (const s of series) {
        expect(keys.has(`${s.scope}|${s.source}|${s.unit}`)).toBe(false);
        keys.add(`${s.scope}|${s.source}|${s.unit}`);
        for (const p of s.points) {
          expect(p.fact.entity).toBe(e.id);
          expect(p.fact.metric).toBe(metric);
          expect(`${market.scopeOf(p.fact)}|${p.fact.source}|${p.fact.unit}`).toBe(`${s.scope}|${s.source}|${s.unit}`);
        }
        for (let i = 1; i < s.points.length; i++) expect(s.points[i - 1].end <= s.points[i].end).toBe(true);
        expect(s.adjacent).toBe(s.points.length > 1 && s.points.every((p, i) => i === 0 || follows(s.points[i - 1], p)));
        if (s.formula) {
          withFormula++;
          const m = /^=LLM\.SERIES\("([^"]+)","([^"]+)","([^"]+)",TRUE\)$/.exec(s.formula)!;
          expect(m).not.toBeNull();
          const rows = callFunction(market, 'SERIES', [m[1], m[2], m[3], true]) as unknown[][];
          expect(rows.slice(1)).toEqual(s.points.map((p) => [isoToSerial(p.end), p.value]));
        }
      }
    }
  }
  expect(withFormula).toBeGreaterThan(20);
  // Alibaba's two capex quarters are not adjacent: bars.
  expect(model.chartSeries('alibaba', 'capex').map((s) => s.adjacent)).toEqual([false]);
  expect(follows({ end: '2025-03-31' }, { start: '2025-04-01' })).toBe(true);
  expect(follows({ end: '2024-12-31' }, { start: '2025-04-01' })).toBe(false);
  // OpenAI's tokens: Guosen's corrected figure and OpenRouter's are two series.
  expect(model.chartSeries('openai', 'tokens').length).toBe(2);
});

test("a metric's rankings are exactly what their RANK formulas return, one scope each", () => {
  let tables = 0;
  for (const metric of market.metrics.keys()) {
    for (const r of model.rankings(metric)) {
      tables++;
      // Pinned by the date of the window shown, so later data does not change it.
      const m = /^=LLM\.RANK\("([^"]+)","([^"]+)","([^"]+)",,"([^"]+)",TRUE\)$/.exec(r.formula)!;
      expect({ f: r.formula, pinned: !!m && r.pinned }).toEqual({ f: r.formula, pinned: true });
      expect(r.rows.every((x) => x.fact.period.start === r.start && x.fact.period.end === r.end)).toBe(true);
      const rows = callFunction(market, 'RANK', [m[1], m[2], m[3], null, m[4], true]) as unknown[][];
      expect(rows.slice(1)).toEqual(r.rows.map((x) => [x.entity.name, x.fact.value]));
      expect(new Set(r.rows.map((x) => `${market.scopeOf(x.fact)}|${x.fact.unit}`)).size).toBe(1);
      for (const x of r.rows) expect(x.entity.kind).toBe(r.kind);
    }
  }
  expect(tables).toBeGreaterThan(10);
  const tokens = model.rankings('tokens').find((r) => r.source === 'openrouter' && r.kind === 'company')!;
  expect(tokens.rows[0].entity.id).toBe('xai');
  expect(tokens.formula).toBe(`=LLM.RANK("tokens","${tokens.end}","OpenRouter",,"company",TRUE)`);
});

test('every fact gets a formula that answers with that very fact, and a citation that cites it', () => {
  for (const f of facts) {
    const { formula: text, result, exact, citation } = model.formulaFor(f);
    if (exact) {
      expect({ id: f.id, text, result }).toEqual({ id: f.id, text, result: f.value });
      const m = /^=LLM\.SOURCE\((.*)\)$/.exec(citation)!;
      const args = JSON.parse(`[${m[1].replace(/(^|,)(?=,|$)/g, '$1null')}]`) as (string | null)[];
      expect({ id: f.id, cites: String(callFunction(market, 'SOURCE', args)).includes(`fact ${f.id}`) }).toEqual({ id: f.id, cites: true });
    } else {
      // Only another fact of the same entity, metric and source ending the same day (a twin, or a shorter period the
      // as-of rule prefers, where no date form names this one) can keep a fact from being singled out; the pane says so.
      const twin = facts.find((g) => g.id !== f.id && g.entity === f.entity && g.metric === f.metric && g.source === f.source && g.period.end === f.period.end);
      expect({ id: f.id, text, twin: !!twin }).toEqual({ id: f.id, text, twin: true });
    }
  }
});

test('periods become the shortest date argument that names them exactly', () => {
  expect(periodArg('2025-09-30', '2025-09-30')).toBe('2025-09-30');
  expect(periodArg('2025-09-01', '2025-09-30')).toBe('2025-09');
  expect(periodArg('2024-10-01', '2024-12-31')).toBe('2024Q4');
  expect(periodArg('2025-01-01', '2025-06-30')).toBe('2025H1');
  expect(periodArg('2024-01-01', '2024-12-31')).toBe('2024');
  expect(periodArg('2025-09-17', '2025-09-30')).toBe('2025-09-30');
  expect(periodArg('2024-04-01', '2025-03-31')).toBe('2025-03-31');
  expect(callFunction(market, 'SHARE', ['Volcano', 'IDC', periodArg('2025-01-01', '2025-06-30')])).toBe(0.492);
});

test('formulas quote text (doubling quotes), leave omitted arguments empty, drop trailing ones, and write booleans bare', () => {
  expect(formula('TOKENS', ['xAI', '2025-09-30', null, null])).toBe('=LLM.TOKENS("xAI","2025-09-30")');
  expect(formula('VALUE', ['Volcano', 'share', null, '%', 'IDC'])).toBe('=LLM.VALUE("Volcano","share",,"%","IDC")');
  expect(formula('SOURCE', ['say "hi"', 'tokens'])).toBe('=LLM.SOURCE("say ""hi""","tokens")');
  expect(formula('RANK', ['tokens', null, null, 3])).toBe('=LLM.RANK("tokens",,,3)');
  expect(formula('SERIES', ['Doubao', 'tokens', null, true])).toBe('=LLM.SERIES("Doubao","tokens",,TRUE)');
  expect(() => formula('NOPE', [])).toThrow();
});

test('numbers in the analyst\'s scale (B/T; 万/亿/万亿), every digit one step away', () => {
  expect(scaled(4.3e10, 'en')).toBe('43B');
  expect(scaled(4.3e10, 'zh')).toBe('430亿');
  expect(scaled(3e13, 'zh')).toBe('30万亿');
  expect(scaled(3e13, 'en')).toBe('30T');
  expect(scaled(98000, 'zh')).toBe('9.8万');
  expect(scaled(9, 'en')).toBe('9');
  expect(valueScaled(2.62e11, 'tokens/day', 'en')).toBe('262B tokens/day');
  expect(valueScaled(2.62e11, 'tokens/day', 'zh')).toBe('2620亿Token/日');
  expect(valueScaled(3.86e10, 'CNY', 'zh')).toBe('386亿元');
  expect(valueScaled(0.492, 'fraction', 'en')).toBe('49.2%');
  // No "9 count", no "2 multiple".
  expect(valueScaled(9, 'count', 'en')).toBe('9');
  expect(valueScaled(2, 'multiple', 'en')).toBe('2×');
  expect(valueScaled(2, 'multiple', 'zh')).toBe('2倍');
  expect(valueBase(2.62e11, 'tokens/day', 'en')).toBe('262,000,000,000 tokens/day');
  expect(valueBase(0.492, 'fraction', 'en')).toBe('0.492');
  // Every unit in the dataset has words in both languages.
  const { unitTable } = require('../../taskpane/format') as typeof import('../../taskpane/format');
  for (const f of facts) if (f.unit !== 'fraction') expect({ unit: f.unit, en: f.unit in unitTable('en'), zh: f.unit in unitTable('zh') }).toEqual({ unit: f.unit, en: true, zh: true });
});

test('periods print compactly, in English and Chinese, with the fiscal name where the year is not the calendar year', () => {
  expect(periodCompact('2025-04-01', '2025-06-30', 'en', false)).toBe('2025Q2');
  expect(periodCompact('2025-09-17', '2025-09-30', 'en', false)).toBe('17–30 Sep 2025');
  expect(periodCompact('2025-09-17', '2025-09-30', 'zh', false)).toBe('2025年9月17日至30日');
  expect(periodCompact('2025-01-01', '2025-06-30', 'en', false)).toBe('2025H1');
  expect(periodCompact('2025-10-03', '2025-10-03', 'en', true)).toBe('as of 3 Oct 2025');
  expect(periodCompact('2025-10-03', '2025-10-03', 'zh', true)).toBe('截至2025年10月3日');
  expect(periodCompact('2025-09-01', '2025-09-30', 'en', false)).toBe('Sep 2025');
  expect(periodCompact('2024-01-01', '2024-12-31', 'zh', false)).toBe('2024');
  expect(periodCompact('2025-08-20', '2025-09-09', 'en', false)).toBe('20 Aug – 9 Sep 2025');
  expect(periodCompact('2024-12-20', '2025-01-09', 'en', false)).toBe('20 Dec 2024 – 9 Jan 2025');
  expect(fiscalLabel('2025-04-01', '2025-06-30', '03-31', 'en')).toBe('Q1 FY2026');
  expect(fiscalLabel('2025-04-01', '2025-06-30', '03-31', 'zh')).toBe('2026财年第一季度');
  expect(fiscalLabel('2024-10-01', '2024-12-31', '03-31', 'en')).toBe('Q3 FY2025');
  expect(fiscalLabel('2024-04-01', '2025-03-31', '03-31', 'en')).toBe('FY2025');
  expect(fiscalLabel('2025-04-01', '2025-06-30', '12-31', 'en')).toBeNull();
  expect(fiscalLabel('2025-09-17', '2025-09-30', '03-31', 'en')).toBeNull();
  // The same fiscal quarter as the core reads "Q1 FY2026" for Alibaba.
  expect(callFunction(market, 'VALUE', ['Alibaba', 'capex', 'Q1 FY2026'])).toBe(38600000000);
});

test('quotes: the scraper\'s pinyin is removed for display and nothing else changes', () => {
  const tone = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
  let cleaned = 0;
  for (const f of facts) {
    const shown = displayQuote(f.quote);
    if (shown === f.quote) continue;
    cleaned++;
    expect(f.document).toBe('003_2eccd512af54e578');
    expect(shown).not.toMatch(/\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/);
    // Only parenthesised tone-marked syllables were taken out: put them back in order and get the verbatim quote.
    let i = 0;
    let rebuilt = '';
    for (const m of f.quote.matchAll(/\(([a-zü]*)\)|\(([^)]*)\)|[^(]+|\(/gu)) {
      const part = m[0];
      if (/^\([^)]*\)$/.test(part) && tone.test(part) && /^\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)$/.test(part)) continue;
      rebuilt += part;
      i++;
    }
    expect(rebuilt).toBe(shown);
  }
  expect(cleaned).toBeGreaterThan(5);
  expect(displayQuote('火山引擎以49.2%的市場(chǎng)份額')).toBe('火山引擎以49.2%的市場份額');
  // Parentheses that are not pinyin stay.
  expect(displayQuote('資本支出(CapEx)與 MaaS(模型即服務)')).toBe('資本支出(CapEx)與 MaaS(模型即服務)');
});

test('a one-line question is read as words: entity + metric, metric + ranking or source, publisher + date, a document number, corrected figures', () => {
  const top = (q: string, lang: 'en' | 'zh' = 'en') => {
    const h = model.search(q, lang)[0];
    return h && { kind: h.kind, id: h.id, metric: h.metric ?? null, corrected: h.corrected ?? false };
  };
  expect(top('alibaba capex')).toEqual({ kind: 'entity', id: 'alibaba', metric: 'capex', corrected: false });
  expect(top('阿里巴巴 资本支出', 'zh')).toEqual({ kind: 'entity', id: 'alibaba', metric: 'capex', corrected: false });
  expect(top('volcano share')).toEqual({ kind: 'entity', id: 'volcano-engine', metric: 'share', corrected: false });
  expect(top('火山 份额', 'zh')).toEqual({ kind: 'entity', id: 'volcano-engine', metric: 'share', corrected: false });
  expect(top('token ranking')).toEqual({ kind: 'metric', id: 'tokens', metric: null, corrected: false });
  expect(top('share IDC')).toEqual({ kind: 'metric', id: 'share', metric: null, corrected: false });
  expect(top('openai corrected')).toEqual({ kind: 'entity', id: 'openai', metric: null, corrected: true });
  expect(top('Guosen 2025-10-03')).toEqual({ kind: 'document', id: '001_693efba5fa28deb1', metric: null, corrected: false });
  expect(top('document 001')).toEqual({ kind: 'document', id: '001_693efba5fa28deb1', metric: null, corrected: false });
  expect(top('001')).toEqual({ kind: 'document', id: '001_693efba5fa28deb1', metric: null, corrected: false });
  const baidu = top('Baidu revenue')!;
  expect(baidu.metric).toBe('revenue');
  // Baidu has no revenue in the dataset: its page opens, and the pane says so (the browser test checks the words).
  expect(baidu.id).toBe('baidu');
  expect(model.facts('entity', 'baidu').filter((f) => f.metric === 'revenue')).toEqual([]);
  // What the combined hit opens on really has figures of that metric (or corrected figures).
  for (const q of ['alibaba capex', 'volcano share', 'openai corrected']) {
    const h = model.search(q, 'en')[0];
    const shown = model.applyFilters(model.facts('entity', h.id), { metric: h.metric ?? null, scope: null, year: null, basis: null, corrected: h.corrected ?? null });
    expect({ q, n: shown.length > 0 }).toEqual({ q, n: true });
    if (h.corrected) for (const f of shown) expect(f.corrected_from).toBeTruthy();
  }
  // Names with spaces still open whole.
  expect(top('Volcano Engine')).toMatchObject({ kind: 'entity', id: 'volcano-engine', metric: null });
  expect(top('Alibaba Cloud')).toMatchObject({ kind: 'entity', id: 'alibaba-cloud', metric: null });
  // Absent names: nothing, and the coverage the pane states instead.
  expect(model.search('Tencent', 'en')).toEqual([]);
  expect(model.search('腾讯', 'zh')).toEqual([]);
  const c = model.coverage();
  expect(c.documents).toBe(market.documents.size);
  expect(c.named.map((e) => e.id)).toEqual(expect.arrayContaining(['alibaba-cloud', 'volcano-engine', 'baidu-ai-cloud', 'openai']));
});

test("every card's Insert formula, evaluated by the core, returns that card's own figure; a card whose formula would answer another fact is not insertable", () => {
  let blocked = 0;
  for (const f of facts) {
    const { formula: text, exact } = model.formulaFor(f);
    const m = /^=LLM\.(\w+)\((.*)\)$/.exec(text)!;
    const args = JSON.parse(`[${m[2].replace(/(^|,)(?=,|$)/g, '$1null')}]`) as (string | null)[];
    const got = callFunction(market, m[1], args);
    // The pane enables Insert (and Insert citation) only when exact.
    if (exact) expect({ id: f.id, got }).toEqual({ id: f.id, got: f.value });
    else blocked++;
  }
  // The 5% nine-month share-count reduction: its formula would answer the December quarter's 0.6%, so it is not insertable.
  const nine = market.facts.get('002-share-count-reduction-9m')!;
  expect(nine.value).toBe(0.05);
  expect(model.formulaFor(nine).exact).toBe(false);
  expect(blocked).toBeGreaterThan(0);
});

test('rankings on one page are told apart by their titles, which name the metric, the kind ranked, the source and what it measures', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const metric of market.metrics.keys()) {
      const titles = model.rankings(metric).map((r) => model.rankingTitle(r, lang));
      expect({ metric, lang, distinct: new Set(titles).size }).toEqual({ metric, lang, distinct: titles.length });
      for (const r of model.rankings(metric)) expect(model.rankingTitle(r, lang)).toContain(model.sourceName(market.sources.get(r.source)!, lang));
    }
  }
  // IDC ranks shares of token calls, Omdia shares of revenue: each title says which.
  const share = Object.fromEntries(model.rankings('share').map((r) => [r.source, model.rankingTitle(r, 'en')]));
  expect(share.idc).toBe('Market share · Cloud platforms — IDC: China public-cloud LLM calls by external customers');
  expect(share.omdia).toBe('Market share · Cloud platforms — Omdia: China AI-cloud revenue (IaaS+PaaS+MaaS)');
  const zh = Object.fromEntries(model.rankings('share').map((r) => [r.source, model.rankingTitle(r, 'zh')]));
  expect(zh.idc).toContain('调用量');
  expect(zh.omdia).toContain('收入');
});

test("a source's rankings are its own: OpenRouter's token rankings of companies and model families", () => {
  const r = model.sourceRankings('openrouter');
  expect(r.map((x) => [x.rows[0].fact.metric, x.kind, x.source])).toEqual([
    ['tokens', 'company', 'openrouter'],
    ['tokens', 'model family', 'openrouter'],
  ]);
  expect(r[0].formula).toBe('=LLM.RANK("tokens","2025-09-30","OpenRouter",,"company",TRUE)');
  // Every source's rankings are exactly those of its metrics' pages that name it and rank two or more (Alibaba's
  // own disclosure: its segments' revenue, EBITA, growth and two divestments, not 49 one-row tables).
  expect(model.sourceRankings('alibaba').map((x) => `${x.rows[0].fact.metric}/${x.kind}`)).toEqual(['revenue/segment', 'adjusted_ebita/segment', 'revenue_yoy/segment', 'divestment_proceeds/company']);
  for (const s of market.sources.keys()) {
    const metrics = new Set(model.facts('source', s).map((f) => f.metric));
    const expected = [...metrics].flatMap((m) => model.rankings(m).filter((x) => x.source === s && x.rows.length > 1).map((x) => x.formula)).sort();
    expect({ s, got: model.sourceRankings(s).map((x) => x.formula).sort() }).toEqual({ s, got: expected });
  }
});

test('where figures measure different things (IDC call shares, Omdia revenue shares) the difference is said; one scope says nothing', () => {
  const text = model.difference(model.rankings('share'), 'en')!;
  expect(text).toBe('Not comparable: these figures measure different things — IDC: China public-cloud LLM calls by external customers; Omdia: China AI-cloud revenue (IaaS+PaaS+MaaS).');
  expect(model.difference(model.rankings('share'), 'zh')).toMatch(/^不可比：.*IDC.*：.*调用量.*；.*Omdia：.*收入.*。$/);
  expect(model.difference(model.chartSeries('volcano-engine', 'share'), 'en')).toBe(text);
  expect(model.difference(model.rankings('tokens').filter((r) => r.source === 'openrouter'), 'en')).toBeNull();
  // Each chart series carries what it measures in both languages (the chart labels series with it).
  const volcano = Object.fromEntries(model.chartSeries('volcano-engine', 'share').map((s) => [s.source, s.measure]));
  expect(volcano.idc).toEqual({ en: 'China public-cloud LLM calls by external customers', zh: 'IDC中国大模型公有云服务调用量(对外部客户)' });
  expect(volcano.omdia.en).toBe('China AI-cloud revenue (IaaS+PaaS+MaaS)');
});

describe('a document figure by figure', () => {
  const missing = documentsMissingMessage();
  if (missing) {
    if (process.env.CI) test('the documents are available', () => expect(missing).toBeNull());
    else test.skip(missing, () => undefined);
    return;
  }
  test("each document's facts come in the order its text gives them (where each quote starts); every fact has its position", () => {
    for (const d of market.documents.keys()) {
      const text = readDocument(d)!;
      const at = model.documentFacts(d).map((f) => text.indexOf(f.quote));
      expect({ d, missing: at.filter((x) => x < 0).length }).toEqual({ d, missing: 0 });
      expect({ d, ordered: at.every((x, i) => i === 0 || at[i - 1] <= x) }).toEqual({ d, ordered: true });
      expect(model.documentFacts(d).length).toBe(model.facts('document', d).length);
    }
    // The generated positions are the texts' own (run `node scripts/quote-positions.js` when this fails).
    for (const f of facts) expect({ id: f.id, at: QUOTE_POSITIONS[f.id] }).toEqual({ id: f.id, at: readDocument(f.document)!.indexOf(f.quote) });
    // Document 001 opens with xAI's 262B a day and ends with Anthropic's valuation.
    const d1 = model.documentFacts('001_693efba5fa28deb1');
    expect([d1[0].id, d1[d1.length - 1].entity]).toEqual(['001-xai-tokens', 'anthropic']);
  });
});

test('a one-line question is answered by the latest figure of that metric, which its formula inserts exactly', () => {
  const capex = model.latestOf('alibaba', 'capex')!;
  expect(capex.id).toBe('004-alibaba-capex');
  expect(model.formulaFor(capex)).toMatchObject({ formula: '=LLM.VALUE("Alibaba Group","capex","2025Q2")', exact: true, result: 38.6e9 });
  expect(model.latestOf('volcano-engine', 'share')!.period.end).toBe('2025-06-30');
  expect(model.latestOf('baidu', 'revenue')).toBeUndefined();
  // Never an older figure than another of the same metric.
  for (const f of facts) expect(model.latestOf(f.entity, f.metric)!.period.end >= f.period.end).toBe(true);
});

test('the coverage page lists every entity, metric, source and document, with facts and periods', () => {
  const c = model.coverageTables('en');
  expect(c.entities.map((x) => x.entity.id).sort()).toEqual([...market.entities.keys()].sort());
  expect(c.metrics.map((x) => x.metric.id)).toEqual([...market.metrics.keys()]);
  expect(c.sources.map((x) => x.source.id)).toEqual([...market.sources.keys()]);
  expect(c.documents.map((x) => x.document.id)).toEqual([...market.documents.keys()]);
  expect(c.metrics.reduce((n, x) => n + x.facts, 0)).toBe(market.facts.size);
  const capex = c.metrics.find((x) => x.metric.id === 'capex')!;
  expect([capex.first!.period.end <= capex.last!.period.end, capex.entities]).toEqual([true, new Set(model.facts('metric', 'capex').map((f) => f.entity)).size]);
});

test("every series' LLM.SERIES formula, evaluated by the engine, returns exactly its history rows (period end, value)", () => {
  const series = [...market.entities.keys()].flatMap((e) => model.chartMetrics(e).flatMap((m) => model.chartSeries(e, m))).filter((s) => s.formula);
  // One engine for all of them (evaluateMany), each formula on a sheet of its own.
  const out = evaluateMany(series.map((s) => s.formula!));
  series.forEach((s, i) => {
    const rows = 'value' in out[i] ? (out[i] as { value: unknown[][] }).value : out[i];
    expect({ f: s.formula, rows: Array.isArray(rows) ? rows.slice(1) : rows }).toEqual({ f: s.formula, rows: s.points.map((p) => [isoToSerial(p.end), p.value]) });
  });
  const checked = series.length;
  expect(checked).toBeGreaterThan(20);
});

test('table numbers carry no unit (the header does); a formula result reads in scale; TSV keeps cells apart', () => {
  const f = { qualifier: '=', value: 262e9, unit: 'tokens/day' };
  expect([valueInTable(f, 'en'), valueInTable(f, 'zh'), valueInTable(f, 'en', true)]).toEqual(['262B', '2620亿', '262,000,000,000']);
  expect(valueInTable({ qualifier: '>', value: 30e12, unit: 'tokens/day' }, 'zh')).toBe('> 30万亿');
  expect(valueInTable({ qualifier: '=', value: 0.492, unit: 'fraction' }, 'en')).toBe('49.2');
  expect([unitHeader('tokens/day', 'zh'), unitHeader('fraction', 'en'), unitHeader('count', 'en')]).toEqual(['Token/日', '%', '']);
  expect([resultText(38.6e9, 'CNY', 'en'), resultText(38.6e9, 'CNY', 'zh'), resultText(0.492, 'fraction', 'en'), resultText(90000, 'count', 'en'), resultText(15, 'USD', 'en')]).toEqual(['38.6B', '386亿', '0.492', '90K', '15']);
  expect(toTsv([['a\tb', 'c\nd'], ['1', ' 2 ']])).toBe('a b\tc d\n1\t2');
});
