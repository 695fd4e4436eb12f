/**
 * Issue 9's semantics through the core: the as-of rule for every period type ×
 * every kind of date × every position of the data relative to the date, on a
 * small synthetic dataset; fiscal calendars per entity; one scope per combined
 * answer; what a number loses (qualifier, scope, basis, correction) visible;
 * metric aliases and ABOUT. Then the issue's examples on the real dataset.
 */
import { callFunction } from '../src/core/functions';
import { Market } from '../src/core/market';
import { LlmError } from '../src/core/result';
import { Dataset, Fact, PeriodTypeT } from '../src/data/schema';
import { bundledMarket } from '../src/core/bundled';

const DOC = '900_00000000000000aa';

type Span = [start: string, end: string];

interface Extra {
  entities?: Dataset['entities'];
  facts?: Partial<Fact>[];
}

/** A dataset with entity "Acme" (fiscal year ending 31 March) and, for metric "m" of the given type, one fact per span. */
function market(type: PeriodTypeT, spans: Span[], extra: Extra = {}): Market {
  const fact = (f: Partial<Fact>, i: number): Fact => ({
    id: `f${i}`,
    entity: 'acme',
    metric: 'm',
    value: 100 + i,
    unit: 'USD',
    period: { start: '2025-01-01', end: '2025-01-01' },
    qualifier: '=',
    basis: 'actual',
    source: 'self',
    scope: 'company',
    document: DOC,
    quote: 'q',
    ...f,
  });
  const facts = [
    ...spans.map(([start, end], i) => fact({ period: { start, end } }, i)),
    // Another metric, so "no data for m" is about m, not about Acme.
    fact({ id: 'other', metric: 'other', period: { start: '2025-01-01', end: '2025-12-31' } }, 99),
    ...(extra.facts ?? []).map((f, i) => fact(f, 200 + i)),
  ];
  return new Market({
    documents: [{ id: DOC, title: 'T', title_en: 'T', publisher: null, published: '2026-01-01', language: 'en', description: 'synthetic' }],
    sources: [
      { id: 'self', name: 'Acme (own disclosure)', name_zh: '自披露', kind: 'company disclosure', aliases: [], description: 's' },
      { id: 'tracker', name: 'Tracker', name_zh: '追踪', kind: 'data provider', aliases: [], description: 's' },
    ],
    entities: [
      { id: 'acme', name: 'Acme', name_zh: '阿克米', kind: 'company', parent: null, aliases: [], fiscal_year_end: '03-31' },
      { id: 'acme-llm', name: 'AcmeLM', name_zh: '阿克米模型', kind: 'model family', parent: 'acme', aliases: [], fiscal_year_end: '12-31' },
      { id: 'globex', name: 'Globex', name_zh: '环球', kind: 'company', parent: null, aliases: [], fiscal_year_end: '12-31' },
      ...(extra.entities ?? []),
    ],
    metrics: [
      { id: 'm', name: 'M', name_zh: '指标', unit: 'USD', description: 'm', period_type: type, aliases: ['sales', '营收', '營收'] },
      { id: 'other', name: 'Other', name_zh: '其他', unit: 'USD', description: 'o', period_type: 'flow', aliases: [] },
    ],
    scopes: [
      { id: 'company', name: 'Company-wide', name_zh: '公司口径', description: 's' },
      { id: 'traffic', name: "Tracker's traffic", name_zh: '流量口径', description: 's' },
    ],
    facts,
  });
}

const ask = (m: Market, fn: string, ...args: (string | number | boolean | null)[]) => callFunction(m, fn, args);

// ---------------------------------------------------------------------------
// The rule, table-driven

type Form = 'day' | 'month' | 'quarter' | 'half' | 'year' | 'fiscal period';
type Position = 'exact' | 'inside' | 'before' | 'after' | 'none';

/** Each kind of date, and for each position an observation that stands there relative to it. */
const FORMS: Record<Form, { arg: string; exact: Span; inside: Span; before: Span; after: Span }> = {
  // For a day, "inside" means the day lies inside the observation's period.
  day: { arg: '2025-05-15', exact: ['2025-05-15', '2025-05-15'], inside: ['2025-05-01', '2025-05-31'], before: ['2024-11-01', '2024-11-30'], after: ['2026-06-01', '2026-06-30'] },
  month: { arg: '2025-05', exact: ['2025-05-01', '2025-05-31'], inside: ['2025-05-10', '2025-05-20'], before: ['2024-11-01', '2024-11-30'], after: ['2026-06-01', '2026-06-30'] },
  quarter: { arg: '2025Q2', exact: ['2025-04-01', '2025-06-30'], inside: ['2025-05-01', '2025-05-31'], before: ['2024-11-01', '2024-11-30'], after: ['2026-06-01', '2026-06-30'] },
  half: { arg: '2025H1', exact: ['2025-01-01', '2025-06-30'], inside: ['2025-04-01', '2025-06-30'], before: ['2024-11-01', '2024-11-30'], after: ['2026-06-01', '2026-06-30'] },
  year: { arg: '2025', exact: ['2025-01-01', '2025-12-31'], inside: ['2025-01-01', '2025-06-30'], before: ['2024-11-01', '2024-11-30'], after: ['2026-06-01', '2026-06-30'] },
  // Acme's fiscal year ends 31 March: FY2026 = 2025-04-01..2026-03-31.
  'fiscal period': { arg: 'FY2026', exact: ['2025-04-01', '2026-03-31'], inside: ['2025-07-01', '2025-09-30'], before: ['2024-11-01', '2024-11-30'], after: ['2026-06-01', '2026-06-30'] },
};

/** The rule as the issue states it: does an observation at this position answer? */
function answers(type: PeriodTypeT, form: Form, pos: Position): boolean {
  if (pos === 'exact') return true;
  if (pos === 'none' || pos === 'after') return false;
  if (form === 'day') return type === 'flow' ? pos === 'inside' : pos === 'before'; // flows: the period containing it; others: the last one ended
  return type !== 'flow' && pos === 'inside'; // a period asks "in": flows exactly, others the latest wholly inside
}

const CASES: [PeriodTypeT, Form, Position][] = [];
for (const type of ['flow', 'instant', 'rate'] as const)
  for (const form of Object.keys(FORMS) as Form[]) for (const pos of ['exact', 'inside', 'before', 'after', 'none'] as const) CASES.push([type, form, pos]);

describe('the as-of rule: period type × date form × position of the data', () => {
  test.each(CASES)('%s asked for a %s, observation %s', (type, form, pos) => {
    const f = FORMS[form];
    const m = market(type, pos === 'none' ? [] : [f[pos]]);
    const got = ask(m, 'VALUE', 'Acme', 'm', f.arg);
    if (answers(type, form, pos)) {
      expect(got).toBe(100);
    } else {
      expect(got).toBeInstanceOf(LlmError);
      const e = got as LlmError;
      expect(e.code).toBe('#N/A');
      // No answer names what exists.
      expect(e.message).toMatch(pos === 'none' ? /no m data for Acme/ : /Acme's m is recorded for /);
    }
  });

  test('the table covers 3 period types × 6 date forms × 5 positions', () => {
    expect(CASES).toHaveLength(90);
  });

  test('a flow on a day: the shortest period containing it wins; a month never answers for its quarter', () => {
    const m = market('flow', [['2025-04-01', '2025-06-30'], ['2025-05-01', '2025-05-31'], ['2025-01-01', '2025-12-31']]);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025-05-15')).toBe(101);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025-04-15')).toBe(100);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025-08-15')).toBe(102);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025Q2')).toBe(100);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025')).toBe(102);
    // Periods ending the same day: the year never answers its last quarter or half, nor the quarter its month.
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025Q4')).toBeInstanceOf(LlmError);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025H2')).toBeInstanceOf(LlmError);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025-06')).toBeInstanceOf(LlmError);
    expect((ask(m, 'VALUE', 'Acme', 'm', '2025H1') as LlmError).message).toBe(
      "no m for Acme: a flow answers 2025H1 = 2025-01-01..2025-06-30 only from a figure for exactly that period. Acme's m is recorded for 2025-05 (May 2025), 2025Q2 (Apr–Jun 2025) and 2025.",
    );
  });

  test('an instant in a period: the latest inside it; on a day: the last known then', () => {
    const m = market('instant', [['2025-01-31', '2025-01-31'], ['2025-06-30', '2025-06-30'], ['2025-09-24', '2025-09-24']]);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025')).toBe(102);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025H1')).toBe(101);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025Q1')).toBe(100);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025-06-29')).toBe(100);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025-06-30')).toBe(101);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2030-01-01')).toBe(102);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025Q4')).toBeInstanceOf(LlmError);
  });

  test('a rate window that straddles the asked period is not inside it', () => {
    const m = market('rate', [['2025-06-20', '2025-07-10']]);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025Q3')).toBeInstanceOf(LlmError);
    expect(ask(m, 'VALUE', 'Acme', 'm', '2025')).toBe(100);
  });
});

// ---------------------------------------------------------------------------
// Fiscal calendars

describe('fiscal periods are read against the entity asked about', () => {
  test('every fiscal form names Acme\'s Q1 FY2026 = Apr–Jun 2025, and Globex\'s = Jan–Mar 2026', () => {
    const m = market('flow', [['2025-04-01', '2025-06-30']], {
      facts: [{ entity: 'globex', period: { start: '2026-01-01', end: '2026-03-31' }, value: 7 }],
    });
    for (const form of ['Q1 FY2026', 'Q1FY26', '1QFY26', '1Q FY26', 'FY2026Q1', 'FY2026 Q1', 'FY26Q1', '2026财年第一季度', '2026財年第一季度', '2026财年Q1', 'q1 fy2026']) {
      expect([form, ask(m, 'VALUE', 'Acme', 'm', form)]).toEqual([form, 100]);
      expect([form, ask(m, 'VALUE', 'Globex', 'm', form)]).toEqual([form, 7]);
    }
  });

  test('FY, FY26, halves and 财年 forms', () => {
    const m = market('flow', [['2025-04-01', '2026-03-31'], ['2025-04-01', '2025-09-30']]);
    for (const form of ['FY2026', 'FY26', 'fy 2026', '2026财年', '2026財年']) expect([form, ask(m, 'VALUE', 'Acme', 'm', form)]).toEqual([form, 100]);
    for (const form of ['H1 FY2026', '1HFY26', 'FY2026H1', '2026财年上半年']) expect([form, ask(m, 'VALUE', 'Acme', 'm', form)]).toEqual([form, 101]);
    const e = ask(m, 'VALUE', 'Acme', 'm', 'FY2025') as LlmError;
    expect(e.message).toContain("FY2025 = 2024-04-01..2025-03-31 (Acme's fiscal year ends 31 March)");
    expect(e.message).toContain("Acme's m is recorded for 2025-04-01..2025-09-30 and FY2026 (Apr 2025–Mar 2026)");
  });

  test('an impossible fiscal form is #VALUE! listing the fiscal forms', () => {
    const e = ask(market('flow', []), 'VALUE', 'Acme', 'other', 'H3 FY2026') as LlmError;
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/"Q1 FY2026"/);
  });

  test('RATIO reads a fiscal period against each entity\'s own calendar', () => {
    const m = market('flow', [['2025-04-01', '2026-03-31']], {
      facts: [{ entity: 'globex', period: { start: '2026-01-01', end: '2026-12-31' }, value: 50 }],
    });
    expect(ask(m, 'RATIO', 'Acme', 'Globex', 'm', 'FY2026')).toBe(2);
  });
});

// ---------------------------------------------------------------------------
// One scope per answer

describe('combined answers use one scope and one unit, and one entity\'s own figures', () => {
  const scoped = () =>
    market('rate', [], {
      entities: [{ id: 'initech', name: 'Initech', name_zh: '英尼泰克', kind: 'company', parent: null, aliases: [], fiscal_year_end: '12-31' }],
      facts: [
        { id: 'a-co-1', period: { start: '2025-01-01', end: '2025-01-31' }, value: 10 },
        { id: 'a-tr-1', period: { start: '2025-02-01', end: '2025-02-28' }, value: 1, source: 'tracker', scope: 'traffic' },
        { id: 'a-co-2', period: { start: '2025-03-01', end: '2025-03-31' }, value: 20 },
        { id: 'g-tr-1', entity: 'globex', period: { start: '2025-03-01', end: '2025-03-31' }, value: 4, source: 'tracker', scope: 'traffic' },
        { id: 'i-co-1', entity: 'initech', period: { start: '2025-03-01', end: '2025-03-31' }, value: 5 },
        { id: 'lm-tr-1', entity: 'acme-llm', period: { start: '2025-03-01', end: '2025-03-31' }, value: 2, source: 'tracker', scope: 'traffic' },
      ],
    });

  test('SERIES keeps to the scope with the most periods; a source picks another', () => {
    const m = scoped();
    expect(ask(m, 'SERIES', 'Acme', 'm')).toEqual([
      [45688, 10],
      [45747, 20],
    ]);
    expect(ask(m, 'SERIES', 'Acme', 'm', 'Tracker')).toEqual([[45716, 1]]);
    expect((ask(m, 'SERIES', 'Acme', 'm', null, true) as unknown[][])[0]).toEqual(['period_end', 'm (USD), scope company (Company-wide)']);
  });

  test('GROWTH never joins two scopes: #N/A says which scope answers each date and how to choose', () => {
    const m = scoped();
    expect(ask(m, 'GROWTH', 'Acme', 'm', '2025-01-31', '2025-03-31')).toBe(1);
    // On 28 Feb the traffic scope's one figure would answer both dates; the company scope answers each with its own.
    expect(ask(m, 'GROWTH', 'Acme', 'm', '2025-02-28', '2025-03-31')).toBe(1);
    const e = ask(m, 'GROWTH', 'Acme', 'm', '2025-02-28', '2025-03-15', 'Tracker') as LlmError;
    expect(e.message).toMatch(/same observation/);
  });

  test('GROWTH with dates only one scope can answer in each is #N/A naming both scopes', () => {
    const m = scoped();
    const e = ask(m, 'GROWTH', 'Acme', 'm', '2025-02', '2025-03') as LlmError;
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/from \(2025-02\) is answered by scope traffic \(Tracker's traffic\) in USD; to \(2025-03\) by scope company \(Company-wide\) in USD/);
    expect(e.message).toMatch(/pass a source/);
  });

  test('RATIO needs one scope: company-wide against a traffic slice is #N/A; like with like answers', () => {
    const m = scoped();
    const e = ask(m, 'RATIO', 'Initech', 'Globex', 'm', '2025-03-31') as LlmError;
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/Initech's is scope company \(Company-wide\) in USD; Globex's is scope traffic \(Tracker's traffic\) in USD/);
    expect(ask(m, 'RATIO', 'Acme', 'Initech', 'm', '2025-03-31')).toBe(4);
    expect(ask(m, 'RATIO', 'Acme', 'Globex', 'm', '2025-03-31', 'Tracker')).toBe(0.5);
  });

  test('RANK: one kind, one scope; a model family answers for its company, never beside it', () => {
    const m = scoped();
    // Company scope: Acme and Initech (2 companies) beat the traffic scope's Acme (via AcmeLM) and Globex (2) on source primacy.
    expect(ask(m, 'RANK', 'm', '2025-03-31', null, null, null, true)).toEqual([
      ['companies', 'm (USD), scope company (Company-wide), period 2025-03-01..2025-03-31'],
      ['Acme', 20],
      ['Initech', 5],
    ]);
    expect(ask(m, 'RANK', 'm', '2025-03-31', 'Tracker', null, null, true)).toEqual([
      ['companies', "m (USD), scope traffic (Tracker's traffic), period 2025-03-01..2025-03-31"],
      ['Globex', 4],
      ['Acme', 2],
    ]);
    expect(ask(m, 'RANK', 'm', '2025-03-31', null, null, 'model family')).toEqual([['AcmeLM', 2]]);
  });
});

// ---------------------------------------------------------------------------
// What a number loses, visible

describe('qualifier, scope, basis and corrections are visible', () => {
  const m = market('flow', [], {
    facts: [
      { id: 'q1', qualifier: '≤', period: { start: '2025-01-01', end: '2025-03-31' }, value: 1.6e9, basis: 'plan', corrected_from: '16', note: 'n' },
      { id: 'q2', qualifier: '>', period: { start: '2025-04-01', end: '2025-06-30' }, value: 3e13, written_as: '三十万亿' },
    ],
  });
  test('SOURCE', () => {
    const s = ask(m, 'SOURCE', 'Acme', 'm', '2025Q1') as string;
    expect(s).toContain('m ≤ 1.6 billion USD (at most)');
    expect(s).toContain('scope company (Company-wide), basis plan');
    expect(s).toContain('corrected from "16" as written');
    expect(ask(m, 'SOURCE', 'Acme', 'm', '2025Q2')).toContain('written as "三十万亿"');
  });
  test('DETAIL, one field or a summary', () => {
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q2', 'qualifier')).toBe('>');
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q2', 'Period')).toBe('2025Q2 (Apr–Jun 2025)');
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q2', 'scope')).toBe('company');
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q2', 'fact')).toBe('q2');
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q1', 'basis')).toBe('plan');
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q1', 'corrected_from')).toBe('16');
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q1', 'period_end')).toBe(45747);
    expect(ask(m, 'DETAIL', 'Acme', 'm', '2025Q2')).toBe('> 30 trillion USD; period 2025Q2 (Apr–Jun 2025); scope company; basis actual; written as "三十万亿"; fact q2');
    const e = ask(m, 'DETAIL', 'Acme', 'm', '2025Q2', 'colour') as LlmError;
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/qualifier, unit, period/);
  });
});

// ---------------------------------------------------------------------------
// Names analysts use; what exists

describe('metric aliases and ABOUT', () => {
  test('a metric answers to its aliases, English and Chinese', () => {
    const m = market('flow', [['2025-04-01', '2025-06-30']]);
    for (const name of ['m', 'sales', 'SALES', '营收', '營收']) expect(ask(m, 'VALUE', 'Acme', name, '2025Q2')).toBe(100);
  });
  test('ABOUT lists each metric and scope with its latest period, source and unit', () => {
    const m = market('flow', [['2025-04-01', '2025-06-30'], ['2024-10-01', '2024-12-31']], {
      facts: [{ entity: 'acme-llm', metric: 'm', period: { start: '2025-03-01', end: '2025-03-31' }, source: 'tracker', scope: 'traffic', value: 3 }],
    });
    expect(ask(m, 'ABOUT', 'Acme')).toEqual([
      ['metric', 'period_type', 'latest period', 'unit', 'source', 'scope', 'observations', 'reported for'],
      ['m', 'flow', '2025Q2 (Apr–Jun 2025)', 'USD', 'Acme (own disclosure)', 'company', 2, 'Acme'],
      ['m', 'flow', '2025-03 (Mar 2025)', 'USD', 'Tracker', 'traffic', 1, 'AcmeLM'],
      ['other', 'flow', '2025', 'USD', 'Acme (own disclosure)', 'company', 1, 'Acme'],
    ]);
    expect(ask(m, 'ABOUT', 'Nobody')).toBeInstanceOf(LlmError);
  });
});

// ---------------------------------------------------------------------------
// The examples, on the real dataset

describe("issue 9's examples through the core", () => {
  const real = bundledMarket();
  const na = (fn: string, ...args: (string | number | null)[]) => {
    const r = callFunction(real, fn, args);
    expect(r).toBeInstanceOf(LlmError);
    expect((r as LlmError).code).toBe('#N/A');
    return (r as LlmError).message;
  };
  test('capex: a year is not a quarter; Q2 and Q1 FY2026 are Apr–Jun 2025', () => {
    expect(na('VALUE', 'Alibaba', 'capex', '2025')).toContain("Alibaba Group's capex is recorded for 2024Q4 (Oct–Dec 2024) and 2025Q2 (Apr–Jun 2025)");
    expect(callFunction(real, 'VALUE', ['Alibaba', 'capex', '2025Q2'])).toBe(38600000000);
    expect(callFunction(real, 'VALUE', ['Alibaba', 'capex', 'Q1 FY2026'])).toBe(38600000000);
    expect(callFunction(real, 'VALUE', ['Alibaba', 'capex', '2026财年第一季度'])).toBe(38600000000);
    // The quarters the filled-down table asks for: no figure is repeated.
    na('VALUE', 'Alibaba', 'capex', '2025Q1');
    na('VALUE', 'Alibaba', 'capex', '2025Q3');
  });
  test('tokens: a rate is not carried into a year without figures, but is the last known on a later day', () => {
    na('TOKENS', 'xAI', '2030');
    expect(callFunction(real, 'TOKENS', ['xAI', '2025-12-31'])).toBe(262000000000);
  });
  test('a half-year share does not answer for the year', () => {
    expect(na('SHARE', 'Volcano', 'IDC', '2025')).toContain('recorded for 2025H1 (Jan–Jun 2025)');
  });
  test('valuation growth between two days', () => {
    expect(callFunction(real, 'GROWTH', ['OpenAI', 'valuation', '2025-04-30', '2025-10-03'])).toBeCloseTo(0.6667, 4);
  });
  test('Doubao (company-wide) against Google (its Gemini slice of OpenRouter) is #N/A', () => {
    const msg = na('RATIO', 'Doubao', 'Google');
    expect(msg).toMatch(/company/);
    expect(msg).toMatch(/scope openrouter \(OpenRouter traffic\) in tokens\/day, reported for Gemini/);
  });
  test('RANK("valuation") ranks one window: OpenAI\'s 3 Oct 2025 figure, not Anthropic\'s September one beside it', () => {
    expect(callFunction(real, 'RANK', ['valuation'])).toEqual([['OpenAI', 500e9]]);
    const rows = callFunction(real, 'RANK', ['valuation', null, null, null, null, true]) as unknown[][];
    expect(rows[0][1]).toMatch(/period 2025-10-03$/);
  });
  test('the Volcano → Doubao fallback carries its scope into SOURCE', () => {
    const s = callFunction(real, 'SOURCE', ['Volcano', 'tokens', '2025-09']) as string;
    expect(s).toContain('(reported for Doubao)');
    expect(s).toContain('scope company (The entity\'s own, company-wide figure)');
    expect(s).toContain('> 30萬億 tokens/day (more than)');
  });
  test('Qwen and Gemini have their 000 figures: two points each, one scope', () => {
    expect(callFunction(real, 'TOKENS', ['Qwen', '2025-09-09'])).toBe(43e9);
    expect(callFunction(real, 'SERIES', ['Gemini', 'tokens'])).toHaveLength(2);
  });
  test('metric aliases on the real dataset', () => {
    expect(callFunction(real, 'VALUE', ['Alibaba', 'capex', '2025Q2'])).toBe(callFunction(real, 'VALUE', ['Alibaba', '资本开支', '2025Q2']));
    expect(callFunction(real, 'VALUE', ['OpenAI', 'net loss'])).toBe(13.5e9);
  });
});

describe('as-of on a real entity with three observations: Qwen\'s derivative models (instants 2025-01-31, 2025-06-30, 2025-09-24)', () => {
  const real = bundledMarket();
  const v = (asOf: string) => callFunction(real, 'VALUE', ['Qwen', 'derivative_models', asOf]);
  test.each([
    ['2025-01-31', 90000],
    ['2025-03-01', 90000],
    ['2025-06-30', 140000],
    ['2025-07-15', 140000],
    ['2025-12-31', 170000],
    ['2025Q1', 90000],
    ['2025H1', 140000],
    ['2025', 170000],
    ['FY2025', 170000], // Qwen's fiscal year is the calendar year: FY2025 = 2025
  ])('%s → %d', (asOf, want) => {
    expect(v(asOf)).toBe(want);
  });
  test.each(['2025-01-30', '2024', '2025Q4'])('%s → #N/A', (asOf) => {
    expect(v(asOf)).toBeInstanceOf(LlmError);
  });
});
