/**
 * Property tests: whatever a user types into any argument of any function —
 * text, numbers, booleans, blanks, ranges, errors — the answer is a number,
 * text, a spill or an #N/A/#VALUE! with a message. Never an exception, never
 * undefined. callFunction's catch-all turns an exception into #VALUE! so a
 * user's sheet keeps working, but each one it catches is a bug: the tests
 * count them (caughtUnexpectedly) and fail on any.
 *
 * Sizes: the core is called directly (microseconds a call), 3,000 runs per
 * function; through the engine a formula is set and recomputed per run
 * (about a hundred times slower), 600 runs per function. Each property also
 * runs the examples that matter most (every argument blank, text, a number)
 * whatever the random draw.
 */
import fc from 'fast-check';
import { FUNCTIONS } from '../src/core/catalog';
import { callFunction, caughtUnexpectedly } from '../src/core/functions';
import { bundledMarket } from '../src/core/bundled';
import { LlmError } from '../src/core/result';
import { createEngine } from '../src/engine';
import { DetailedCellError } from 'hyperformula';

const market = bundledMarket();
const names = [...market.entities.values()].flatMap((e) => [e.name, e.name_zh, ...e.aliases]);
const metrics = [...market.metrics.keys()];
const sources = [...market.sources.values()].map((s) => s.name);

/** Plausible inputs mixed with hostile ones. */
const arg = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...names, ...metrics, ...sources, '2025-09-30', '2025Q3', '1H25', '2025年上半年', '%', 'B', '亿', 'K', ''),
  // Fiscal forms, kinds, DETAIL's fields and metric aliases: the arguments issue 9 added.
  fc.constantFrom('FY2026', 'Q1 FY2026', '1QFY26', 'H2 FY25', '2026财年第一季度', 'company', 'model family', 'qualifier', 'scope', 'period_end', '营收', 'capex'),
  fc.double(),
  fc.integer({ min: -1e7, max: 1e7 }),
  fc.boolean(),
);

function isGood(out: unknown): boolean {
  if (out instanceof LlmError) return (out.code === '#N/A' || out.code === '#VALUE!') && out.message.length > 0;
  if (typeof out === 'number') return Number.isFinite(out) || Number.isNaN(out) === false;
  if (typeof out === 'string' || typeof out === 'boolean') return true;
  if (Array.isArray(out)) return out.length > 0 && out.every((r) => Array.isArray(r) && r.length === out[0].length);
  return false;
}

const CORE_RUNS = 3_000;
const ENGINE_RUNS = 600;

/** Fails if callFunction's catch-all caught anything since `before` (the count before this call). */
function noneCaught(before: number, what: string): void {
  if (caughtUnexpectedly.count !== before) throw new Error(`${what}: the catch-all caught an exception: ${caughtUnexpectedly.last}`);
}

test('the catch-all is counted: an implementation that throws is caught (and counted), not passed on', () => {
  const before = caughtUnexpectedly.count;
  const out = callFunction({ get entities(): never { throw new Error('boom'); } } as unknown as typeof market, 'ENTITIES', []);
  expect(out).toBeInstanceOf(LlmError);
  expect(caughtUnexpectedly.count).toBe(before + 1);
  expect(caughtUnexpectedly.last).toContain('boom');
});

describe.each(FUNCTIONS.map((f) => [f.name, f] as const))('core %s', (name, spec) => {
  test(`never throws (not even into the catch-all), never returns undefined or a non-finite number (${CORE_RUNS.toLocaleString('en')} runs)`, () => {
    const n = spec.params.length;
    fc.assert(
      fc.property(fc.array(arg, { minLength: 0, maxLength: n + 1 }), (args) => {
        const before = caughtUnexpectedly.count;
        const out = callFunction(market, name, args);
        noneCaught(before, `${name}(${JSON.stringify(args)})`);
        if (!isGood(out)) throw new Error(`${name}(${JSON.stringify(args)}) → ${String(out)}`);
        if (typeof out === 'number' && !Number.isFinite(out)) throw new Error(`${name}(${JSON.stringify(args)}) → ${out}`);
      }),
      { numRuns: CORE_RUNS, examples: [[[]], [Array(n).fill(null)], [Array(n).fill('')], [Array(n).fill('xAI')], [Array(n).fill(0)], [Array(n).fill(true)]] },
    );
  });
});

describe('engine', () => {
  const hf = createEngine({ Data: [['xAI', 45930, 'B', true, ''], ['OpenAI', '2025-09-30', '%', false, null]] });
  const sheet = hf.addSheet('Fuzz');
  const sid = hf.getSheetId(sheet)!;
  const literal = fc.oneof(
    fc.string().map((s) => `"${s.replace(/"/g, '""')}"`),
    fc.constantFrom(...names.slice(0, 40), ...metrics, 'IDC', 'OpenRouter').map((s) => `"${s}"`),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n).replace('e', 'E')),
    fc.boolean().map((b) => (b ? 'TRUE' : 'FALSE')),
    fc.constantFrom('', 'Data!A1', 'Data!B1', 'Data!A1:B2', 'Data!E1', 'Data!E2', 'NA()', '1/0', 'DATE(2025,9,30)', '{1,2;3,4}'),
  );

  test.each(FUNCTIONS.map((f) => [f.name, f] as const))(`LLM.%s with random literals, cells, ranges and errors (${ENGINE_RUNS.toLocaleString('en')} runs)`, (name, spec) => {
    const n = spec.params.length;
    fc.assert(
      fc.property(fc.array(literal, { minLength: 0, maxLength: n }), (args) => {
        const formula = `=LLM.${name}(${args.join(',')})`;
        const before = caughtUnexpectedly.count;
        hf.setCellContents({ sheet: sid, row: 0, col: 0 }, [[formula]]);
        const v = hf.getCellValue({ sheet: sid, row: 0, col: 0 });
        noneCaught(before, formula);
        if (v === undefined) throw new Error(`${formula} → undefined`);
        if (v instanceof DetailedCellError) {
          if (['#N/A', '#VALUE!'].includes(v.value) && !v.message) throw new Error(`${formula} → ${v.value} without a message`);
          return;
        }
        if (!['number', 'string', 'boolean'].includes(typeof v) && v !== null) throw new Error(`${formula} → ${String(v)}`);
      }),
      { numRuns: ENGINE_RUNS, examples: [[[]], [Array(n).fill('Data!A1:B2')], [Array(n).fill('Data!E1')], [Array(n).fill('NA()')], [Array(n).fill('{1,2;3,4}')]] },
    );
  });
});
