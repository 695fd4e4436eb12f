/**
 * `npm start` without Excel ends with a short summary instead of every cell of
 * the example workbook: how many formulas answered, the Quarterly sheet's #N/A
 * explained as the quarters with no reported figure (on purpose), each error
 * cell that demonstrates a message, and whether calc --check agrees with the
 * saved values. (`--verbose` still prints every cell.)
 */
import { spawnSync } from 'child_process';
import path from 'path';

const ROOT = path.join(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exampleSummary } = require('../scripts/start.js') as { exampleSummary: (report: unknown, rel?: string) => string[] };

test('the example workbook in a few lines, its deliberate #N/A named as such', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'llm-market.js'), 'calc', 'examples/llm-market-example.xlsx', '--check', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as { cells: { sheet: string; error?: { code: string } }[] };
  const lines = exampleSummary(report);
  const total = report.cells.length;
  const errors = report.cells.filter((c) => c.error);
  const quarterly = errors.filter((c) => c.sheet === 'Quarterly');
  expect(quarterly.length).toBeGreaterThan(0);
  expect(lines[0]).toBe(`examples/llm-market-example.xlsx, recomputed without Excel: ${total - errors.length} of ${total} formulas answered with a value.`);
  expect(lines).toContain(`  ${quarterly.length} #N/A in Quarterly are on purpose: quarters with no reported capex, and the changes computed from them (never the previous quarter repeated).`);
  expect(lines.filter((l) => l.includes('shows an error on purpose'))).toHaveLength(errors.length - quarterly.length);
  expect(lines[lines.length - 1]).toBe('  Every value matches what the workbook saved (calc --check).');
  // The README's tour says the same numbers.
  expect(require('fs').readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ')).toContain(`${total - errors.length} of its ${total} formulas with a value`);
  // Short: one line per kind of answer, none as long as a spilled cell.
  expect(lines.length).toBeLessThanOrEqual(8);
  for (const l of lines) expect(l.length).toBeLessThan(200);
});

test('a difference from the saved values is said, not hidden', () => {
  const lines = exampleSummary({ status: 'differences', cells: [{ sheet: 'S', address: 'A1', value: 2 }], differences: [{}] }, 'x.xlsx');
  expect(lines).toEqual(['x.xlsx, recomputed without Excel: 1 of 1 formulas answered with a value.', '  calc --check: 1 cell differs from what the workbook saved (differences).']);
});
