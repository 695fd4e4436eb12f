/**
 * The benchmark's document: docs/BENCH.md's table is one run's
 * (docs/bench-run.json), rendered by the same code, and the ratios are
 * computed as the keys are defined.
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const report = require('../scripts/bench/report') as {
  KEYS: string[];
  summarise(m: unknown): { result: Record<string, number | null> };
  markdown(record: unknown): string;
  region(doc: string): string | null;
};

const ROOT = path.join(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

test('docs/BENCH.md shows the run of docs/bench-run.json, rendered by the same code', () => {
  const record = JSON.parse(read('docs/bench-run.json'));
  // The README links to docs/BENCH.md instead of repeating the table.
  const readme = report.region(read('docs/BENCH.md'));
  expect(readme).not.toBeNull();
  expect(readme).toBe(report.markdown(record).trim());
  // The JSON line shown is the run's keys, every one of them.
  const json = JSON.parse(/```json\n(.*)\n```/.exec(readme!)![1]);
  expect(Object.keys(json)).toEqual(report.KEYS);
  expect(json).toEqual(report.summarise(record.measurements).result);
});

test('per-cell ratios subtract the data-only workbook; the others are ratios of medians', () => {
  const m = {
    engine: { cells: 1000, answered: 900, times: { data: [100, 90, 110], tokens: [250, 240, 260], abs: [200, 190, 210], noop: [210, 200, 220] } },
    vlookup: { cells: 1000, times: { vdata: [120, 120, 120], vlookup: [1120, 1100, 1140] } },
    scale: { times: { small: [1, 2, 3], large: [3, 4, 5], largeFew: [2, 2, 2] }, info: { small: { facts: 975, validate_ms: 1, index_ms: 1 }, large: { facts: 1e5, validate_ms: 9, index_ms: 9 } }, answered: {} },
  };
  const r = report.summarise(m).result;
  expect(r.tokens_vs_builtin_per_cell).toBe(1.5); // (250 − 100) / (200 − 100)
  expect(r.tokens_vs_vlookup).toBe(0.15); // (250 − 100) / 1000 per cell against (1120 − 120) / 1000
  expect(r.scale_100k_vs_1k).toBe(2); // median 4 / median 2
  expect(r.calc_llm_vs_values).toBeNull(); // not measured: null, never a guess
});
