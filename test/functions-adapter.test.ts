/**
 * The Excel adapter (functions/functions.ts) over every function, with a
 * faithful fake of Office's CustomFunctions runtime (Error and ErrorCode as
 * @types/custom-functions-runtime declares them): values, spills, #N/A and
 * #VALUE! thrown as CustomFunctions.Error carrying the core's message, null
 * for omitted arguments, serial-number dates — and the same answer as the
 * headless engine for the same formula.
 */
import { FUNCTIONS } from '../src/core/catalog';
import { isoToSerial } from '../src/core/dates';
import { ev } from './helpers/engine';
import { ISSUE9_EXAMPLES } from './helpers/issue9Examples';

/** What Excel's JavaScript-only runtime provides as the global CustomFunctions (the parts the adapter uses). */
class FakeCustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;
const associated = new Map<string, unknown>();
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: FakeCustomFunctionsError,
  ErrorCode,
  associate: (id: string, fn: unknown) => associated.set(id, fn),
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require('../functions/functions') as Record<string, (...args: unknown[]) => unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const adapter = require('../functions/adapter') as typeof import('../functions/adapter');

type Outcome = { value: unknown } | { error: string; message: string };

/** Calls a wrapper the way Excel does; a thrown CustomFunctions.Error becomes { error, message }. */
function call(name: string, ...args: unknown[]): Outcome {
  const fn = fns[name.toLowerCase()];
  if (!fn) throw new Error(`functions.ts exports no ${name.toLowerCase()}`);
  try {
    return { value: fn(...args) };
  } catch (e) {
    if (!(e instanceof FakeCustomFunctionsError)) throw e; // anything else escaping would be a bug
    return { error: e.code, message: e.message };
  }
}

function value(name: string, ...args: unknown[]): unknown {
  const r = call(name, ...args);
  if ('error' in r) throw new Error(`${name}(${args.map((a) => JSON.stringify(a)).join(',')}) → ${r.error} ${r.message}`);
  return r.value;
}

/** The literal arguments of a formula like =LLM.TOKENS("xAI",,"B",TRUE,3); an empty argument is Excel's null. */
function parseCall(formula: string): { name: string; args: unknown[] } {
  const m = /^=LLM\.([A-Z]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a literal LLM call: ${formula}`);
  const args: unknown[] = [];
  let i = 0;
  const s = m[2];
  if (s.trim() === '') return { name: m[1], args };
  for (;;) {
    let arg: unknown = null;
    if (s[i] === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (s[j] === '"' && s[j + 1] === '"') {
          text += '"';
          j += 2;
        } else if (s[j] === '"') break;
        else text += s[j++];
      }
      arg = text;
      i = j + 1;
    } else {
      const end = s.indexOf(',', i) === -1 ? s.length : s.indexOf(',', i);
      const raw = s.slice(i, end).trim();
      arg = raw === '' ? null : raw === 'TRUE' ? true : raw === 'FALSE' ? false : Number(raw);
      i = end;
    }
    args.push(arg);
    if (i >= s.length) break;
    i++; // the comma
  }
  return { name: m[1], args };
}

/** Excel and the engine agree: same value (a 1×1 spill is its value) or the same error code and message. */
function expectSameAsEngine(formula: string): void {
  const { name, args } = parseCall(formula);
  const excel = call(name, ...args);
  const engine = ev(formula);
  if ('error' in engine) {
    expect({ formula, ...excel }).toEqual({ formula, error: engine.error, message: engine.message });
  } else {
    const v = 'value' in excel ? excel.value : excel;
    const flat = Array.isArray(v) && v.length === 1 && v[0].length === 1 && !Array.isArray(engine.value) ? v[0][0] : v;
    expect({ formula, value: flat }).toEqual({ formula, value: engine.value });
  }
}

describe('one wrapper per catalog function', () => {
  test('functions.ts exports exactly the catalog functions, each taking the catalog parameters', () => {
    expect(Object.keys(fns).sort()).toEqual(FUNCTIONS.map((f) => f.name.toLowerCase()).sort());
    for (const f of FUNCTIONS) expect({ name: f.name, arity: fns[f.name.toLowerCase()].length }).toEqual({ name: f.name, arity: f.params.length });
  });

  test('importing the functions registers nothing by hand (the build appends CustomFunctions.associate)', () => {
    expect(associated.size).toBe(0);
  });

  test.each(FUNCTIONS.map((f) => [f.name, f.example] as const))('%s: the catalog example answers as in the headless engine (%s)', (_name, example) => {
    expectSameAsEngine(example);
  });
});

describe('values', () => {
  test('TOKENS("xAI","2025-09-30") is 2.62e11 tokens a day (OpenRouter, 2025-09-17..30, document 001)', () => {
    expect(value('TOKENS', 'xAI', '2025-09-30')).toBe(2.62e11);
    expect(value('SOURCE', 'xAI', 'tokens', '2025-09-30')).toMatch(/^OpenRouter: .*period 2025-09-17\.\.2025-09-30/);
  });

  test('SHARE("Volcano","IDC") is 0.492 (IDC, 2025H1, document 003)', () => {
    expect(value('SHARE', 'Volcano', 'IDC')).toBe(0.492);
    expect(value('SHARE', '火山引擎', 'IDC', '2025H1')).toBe(0.492);
    expect(value('SOURCE', 'Volcano', 'share', '2025H1', 'IDC')).toContain('火山引擎以49.2%的市場(chǎng)份額');
    expect(value('UNIT', 'Volcano', 'share', null, 'IDC')).toBe('fraction');
  });

  test('a date cell arrives as its serial number and is read as that date', () => {
    const serial = isoToSerial('2025-06-30');
    expect(serial).toBe(45838);
    expect(value('SHARE', 'Volcano', 'IDC', serial)).toBe(0.492);
    expect(value('SHARE', 'Volcano', 'IDC', serial + 0.75)).toBe(0.492); // a date-time cell
    expect(value('TOKENS', 'xAI', isoToSerial('2025-09-30'))).toBe(2.62e11);
  });

  test('omitted optional arguments arrive as null (or are left off) and mean "omitted"', () => {
    expect(value('VALUE', 'Volcano', 'share', null, '%', 'IDC')).toBeCloseTo(49.2, 10);
    expect(value('SHARE', 'Volcano', 'IDC', null)).toBe(value('SHARE', 'Volcano', 'IDC'));
    expect(value('SHARE', 'Volcano', 'IDC', undefined)).toBe(0.492);
    expect(value('SERIES', 'Doubao', 'tokens', null, null)).toEqual(value('SERIES', 'Doubao', 'tokens'));
    expect(value('ENTITIES', null)).toEqual(value('ENTITIES'));
  });

  test('an empty cell passed as an optional argument ("") is omitted too', () => {
    expect(value('SHARE', 'Volcano', 'IDC', '')).toBe(0.492);
  });

  test('a 1×1 range is its value; a data-type cell value is read through basicValue', () => {
    expect(value('SHARE', [['Volcano']], 'IDC')).toBe(0.492);
    expect(value('SHARE', 'Volcano', { type: 'String', basicValue: 'IDC' })).toBe(0.492);
    expect(value('SHARE', 'Volcano', 'IDC', { type: 'FormattedNumber', basicValue: 45838, numberFormat: 'yyyy-mm-dd' })).toBe(0.492);
  });
});

describe('spills are dynamic arrays', () => {
  test('SERIES: rows of (period-end serial, value), oldest first', () => {
    const rows = value('SERIES', 'Doubao', 'tokens') as [number, number][];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r).toHaveLength(2);
      expect(typeof r[0]).toBe('number');
    }
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort((a, b) => a - b));
    const withHeader = value('SERIES', 'Doubao', 'tokens', null, true) as unknown[][];
    expect(withHeader[0]).toEqual(['period_end', "tokens (tokens/day), scope company (The entity's own, company-wide figure)"]);
    expect(withHeader.slice(1)).toEqual(rows);
  });

  test('RANK, ENTITIES, METRICS and SOURCES: rectangular rows', () => {
    const rank = value('RANK', 'share', '2025H1', 'IDC') as unknown[][];
    expect(rank[0]).toEqual(['Volcano Engine', 0.492]);
    expect(value('RANK', 'share', '2025H1', 'IDC', 1)).toEqual([['Volcano Engine', 0.492]]);
    for (const [name, width] of [['ENTITIES', 4], ['METRICS', 4], ['SOURCES', 3]] as const) {
      const rows = value(name) as unknown[][];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r).toHaveLength(width);
    }
    expect((value('ENTITIES', 'cloud platform') as string[][]).map((r) => r[3])).toContain('volcano-engine');
  });
});

describe('errors are CustomFunctions.Error with the core\'s code and message', () => {
  test('#N/A: an unknown entity, with suggestions', () => {
    const r = call('TOKENS', 'Volcanoe');
    expect(r).toEqual({ error: '#N/A', message: expect.stringContaining('unknown entity "Volcanoe". Did you mean "Volcano Engine"?') });
  });

  test('#N/A: an unknown source, and no observation before the date', () => {
    expect(call('SHARE', 'Volcano', 'Gartner')).toMatchObject({ error: '#N/A', message: expect.stringContaining('unknown source "Gartner"') });
    expect(call('SHARE', 'Volcano', 'IDC', '2019-01-01')).toMatchObject({ error: '#N/A', message: expect.stringContaining("Volcano Engine's share is recorded for 2025H1 (Jan–Jun 2025)") });
  });

  test('#VALUE!: an unreadable date, an unknown unit, a missing required argument, a boolean for text', () => {
    expect(call('VALUE', 'Alibaba', 'revenue', 'yesterday')).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('as_of "yesterday" is not a date I can read') });
    expect(call('TOKENS', 'xAI', null, 'furlongs')).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('unit "furlongs"') });
    expect(call('SHARE', 'Volcano', null)).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('source is required') });
    expect(call('TOKENS', null)).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('entity is required') });
    expect(call('TOKENS', true)).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('must be text') });
    expect(call('ENTITIES', 'planet')).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('kind "planet"') });
    expect(call('RANK', 'tokens', null, null, 0)).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('top must be') });
  });

  test('#VALUE!: a multi-cell range where one value is expected', () => {
    expect(call('SHARE', [['Volcano', 'x'], ['y', 'z']], 'IDC')).toEqual({ error: '#VALUE!', message: 'SHARE: entity must be a single value, not a 2×2 range.' });
  });

  test('errors are thrown, never returned as values', () => {
    expect(() => fns.tokens('Volcanoe')).toThrow(FakeCustomFunctionsError);
    expect(adapter.toResult([])).toMatchObject({ code: '#N/A', message: 'no rows to show.' });
  });
});

describe('the same answers as the headless engine', () => {
  const formulas = [
    '=LLM.TOKENS("xAI","2025-09-30")',
    '=LLM.TOKENS("豆包","2025年9月","万亿")',
    '=LLM.TOKENS("Volcanoe")',
    '=LLM.SHARE("Volcano","IDC")',
    '=LLM.SHARE("阿里云","Omdia","1H25")',
    '=LLM.SHARE("Volcano","IDC",45838)',
    '=LLM.VALUE("Volcano","share","2025H1","%","IDC")',
    '=LLM.VALUE("Alibaba","revenue","yesterday")',
    '=LLM.VALUE("Volcano","share",,"%","IDC")',
    '=LLM.SERIES("Doubao","tokens")',
    '=LLM.SERIES("Doubao","tokens",,TRUE)',
    '=LLM.GROWTH("Doubao","tokens","2024-05","2025-09")',
    '=LLM.CAGR("Doubao","tokens","2024-05","2025-09")',
    '=LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")',
    '=LLM.RANK("share","2025H1","IDC")',
    '=LLM.RANK("share","2025H1","IDC",2)',
    '=LLM.SOURCE("Volcano","share","2025H1","IDC")',
    '=LLM.UNIT("Volcano","share",,"IDC")',
    '=LLM.ENTITIES("cloud platform")',
    '=LLM.ENTITIES("planet")',
    '=LLM.METRICS()',
    '=LLM.SOURCES()',
    '=LLM.DETAIL("Doubao","tokens","2025-09","qualifier")',
    '=LLM.DETAIL("Doubao","tokens","2025-09")',
    '=LLM.ABOUT("xAI")',
    '=LLM.RANK("tokens","2025-09-30","OpenRouter",,"model family",TRUE)',
  ];
  test.each(formulas)('%s', (f) => expectSameAsEngine(f));
});

describe("issue 9's examples in Excel: the same answers as the engine and the core", () => {
  test('capex for 2025 is #N/A naming the quarters recorded; 2025Q2 and Q1 FY2026 are 38.6 billion', () => {
    expect(call('VALUE', 'Alibaba', 'capex', '2025')).toEqual({
      error: '#N/A',
      message: expect.stringContaining("Alibaba Group's capex is recorded for 2024Q4 (Oct–Dec 2024) and 2025Q2 (Apr–Jun 2025)"),
    });
    expect(value('VALUE', 'Alibaba', 'capex', '2025Q2')).toBe(38600000000);
    expect(value('VALUE', 'Alibaba', 'capex', 'Q1 FY2026')).toBe(38600000000);
  });
  test('xAI tokens: #N/A for 2030, the last known figure on 2025-12-31', () => {
    expect(call('TOKENS', 'xAI', '2030')).toMatchObject({ error: '#N/A' });
    expect(value('TOKENS', 'xAI', '2025-12-31')).toBe(262000000000);
    expect(value('TOKENS', 'xAI', isoToSerial('2025-12-31'))).toBe(262000000000);
  });
  test('valuation growth; RATIO across scopes; RANK of valuations', () => {
    expect(value('GROWTH', 'OpenAI', 'valuation', '2025-04-30', '2025-10-03')).toBeCloseTo(0.6667, 4);
    expect(call('RATIO', 'Doubao', 'Google')).toMatchObject({ error: '#N/A', message: expect.stringContaining('measure different things') });
    // One window per ranking (issue 17): OpenAI's 3 Oct 2025 valuation, not Anthropic's September figure beside it.
    expect(value('RANK', 'valuation')).toEqual([['OpenAI', 500e9]]);
  });
  test.each(ISSUE9_EXAMPLES)('%s', (f) => expectSameAsEngine(f));
});
