/**
 * Property tests: whatever a user types into any argument of any function —
 * text, numbers, booleans, blanks, ranges, errors — the answer is a number,
 * text, a spill or an #N/A/#VALUE! with a message. Never an exception, never
 * undefined.
 */
import fc from 'fast-check';
import { FUNCTIONS } from '../src/core/catalog';
import { callFunction } from '../src/core/functions';
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

describe.each(FUNCTIONS.map((f) => [f.name, f] as const))('core %s', (name, spec) => {
  test('never throws, never returns undefined or a non-finite number (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(arg, { minLength: 0, maxLength: spec.params.length + 1 }), (args) => {
        const out = callFunction(market, name, args);
        if (!isGood(out)) throw new Error(`${name}(${JSON.stringify(args)}) → ${String(out)}`);
        if (typeof out === 'number' && !Number.isFinite(out)) throw new Error(`${name}(${JSON.stringify(args)}) → ${out}`);
      }),
      { numRuns: 10_000 },
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

  test.each(FUNCTIONS.map((f) => [f.name, f] as const))('LLM.%s with random literals, cells, ranges and errors (10,000 runs)', (name, spec) => {
    fc.assert(
      fc.property(fc.array(literal, { minLength: 0, maxLength: spec.params.length }), (args) => {
        const formula = `=LLM.${name}(${args.join(',')})`;
        hf.setCellContents({ sheet: sid, row: 0, col: 0 }, [[formula]]);
        const v = hf.getCellValue({ sheet: sid, row: 0, col: 0 });
        if (v === undefined) throw new Error(`${formula} → undefined`);
        if (v instanceof DetailedCellError) {
          if (['#N/A', '#VALUE!'].includes(v.value) && !v.message) throw new Error(`${formula} → ${v.value} without a message`);
          return;
        }
        if (!['number', 'string', 'boolean'].includes(typeof v) && v !== null) throw new Error(`${formula} → ${String(v)}`);
      }),
      { numRuns: 10_000 },
    );
  });
});
