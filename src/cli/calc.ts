/**
 * `llm-market calc`: recompute a workbook, check it against Excel's saved
 * values, write cached values back.
 *
 * Exit codes with --check: 0 every formula matches; 1 at least one differs
 * (differences win over unsupported); 3 nothing differs but some cells use
 * functions the engine cannot evaluate; 2 usage error. A workbook that cannot
 * be read (or exceeds a cap) is one line on stderr and exit 1.
 */
import type { Calculated, CellValue, Difference, FormulaCell, XlsxLimits } from '../engine/workbook';
import { Io, UsageError, options, show } from './main';

export const EXIT = { ok: 0, differences: 1, usage: 2, unsupported: 3 } as const;

type Format = 'text' | 'json' | 'junit';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

const fmt = (v: CellValue | CellValue[][]) => (v === null ? '(nothing saved)' : show(v));
const describe = (d: Difference) => d.message ?? `saved ${fmt(d.saved)}, now ${fmt(d.now)}`;

/** JUnit XML: a test suite per sheet, a test case per formula cell; differences fail, unsupported cells are skipped with the reason. */
export function junit(file: string, cells: FormulaCell[], diffs: Difference[]): string {
  const bySheet = new Map<string, FormulaCell[]>();
  for (const c of cells) (bySheet.get(c.sheet) ?? bySheet.set(c.sheet, []).get(c.sheet)!).push(c);
  const diffsOf = new Map<string, Difference[]>();
  for (const d of diffs) {
    const id = `${d.sheet}!${d.anchor}`;
    (diffsOf.get(id) ?? diffsOf.set(id, []).get(id)!).push(d);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = diffsOf.size;
  const skipped = cells.filter((c) => c.unsupported).length;
  lines.push(`<testsuites name="${xml(`llm-market calc ${file}`)}" tests="${cells.length}" failures="${failures}" skipped="${skipped}" errors="0">`);
  for (const [sheet, list] of bySheet) {
    const f = list.filter((c) => diffsOf.has(`${c.sheet}!${c.address}`)).length;
    const s = list.filter((c) => c.unsupported).length;
    lines.push(`  <testsuite name="${xml(sheet)}" tests="${list.length}" failures="${f}" skipped="${s}" errors="0">`);
    for (const c of list) {
      const name = `${c.sheet}!${c.address} ${c.formula}`;
      const ds = diffsOf.get(`${c.sheet}!${c.address}`);
      const open = `    <testcase classname="${xml(`${file}.${sheet}`)}" name="${xml(name)}"`;
      if (c.unsupported) {
        lines.push(`${open}>`, `      <skipped message="${xml(`unsupported: ${c.unsupported.reason}`)}"/>`, '    </testcase>');
      } else if (ds) {
        const body = ds.map((d) => `${d.sheet}!${d.address}: ${describe(d)}`).join('\n');
        lines.push(`${open}>`, `      <failure message="${xml(`${ds[0].sheet}!${ds[0].address}: ${describe(ds[0])}`)}" type="difference">${xml(body)}</failure>`, '    </testcase>');
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

/** `limits` overrides the documented caps (tests use small ones). */
export async function calcCommand(args: string[], io: Io, limits: Partial<XlsxLimits> = {}): Promise<number> {
  const { values, positionals } = options(args, {
    json: { type: 'boolean' },
    check: { type: 'boolean' },
    out: { type: 'string' },
    format: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('calc takes exactly one workbook');
  const format = (values.format ?? (values.json ? 'json' : 'text')) as Format;
  if (!['text', 'json', 'junit'].includes(format)) throw new UsageError(`--format must be text, json or junit (got "${values.format}")`);
  if (values.json && values.format && values.format !== 'json') throw new UsageError('--json is --format json; give one format');
  // JUnit output is a report of a check.
  const check = !!values.check || format === 'junit';
  // The workbook modules (and their XML and zip code) are loaded only for calc.
  const { calcWorkbook, differences, writeResults } = await import('../engine/workbook');
  const file = positionals[0];
  const calc: Calculated = await calcWorkbook(file, limits);
  const { cells } = calc;
  const diffs = check ? differences(cells) : [];
  const unsupported = cells.filter((c) => c.unsupported);
  if (values.out) await writeResults(calc, values.out);

  if (format === 'junit') io.out(junit(file, cells, diffs));
  else if (format === 'json') {
    io.out(
      JSON.stringify(
        check ? { status: diffs.length ? 'differences' : unsupported.length ? 'unsupported' : 'ok', cells, differences: diffs, unsupported: unsupported.map((c) => ({ sheet: c.sheet, address: c.address, formula: c.formula, ...c.unsupported })) } : cells,
      ),
    );
  } else {
    for (const c of cells) {
      const v = c.unsupported ? `unsupported: ${c.unsupported.reason} (Excel's value ${fmt(c.saved)} kept)` : c.error ? `${c.error.code} ${c.error.message}`.trim() : show(c.value);
      io.out(`${c.sheet}!${c.address} ${c.formula} → ${v}`);
    }
  }
  if (!check) return EXIT.ok;
  if (format === 'text') {
    for (const d of diffs) io.err(`differs: ${d.sheet}!${d.address} ${d.formula}: ${describe(d)}`);
    for (const c of unsupported) io.err(`unsupported: ${c.sheet}!${c.address} ${c.formula}: ${c.unsupported!.reason}`);
  }
  const counts = [
    diffs.length ? `${diffs.length} cell${diffs.length > 1 ? 's' : ''} differ` : '',
    unsupported.length ? `${unsupported.length} formula${unsupported.length > 1 ? 's' : ''} unsupported` : '',
  ].filter(Boolean);
  if (format === 'text') {
    if (counts.length) io.err(`check: ${counts.join(', ')}`);
    else io.out(`check: all ${cells.length} formulas match the saved values`);
  }
  return diffs.length ? EXIT.differences : unsupported.length ? EXIT.unsupported : EXIT.ok;
}
