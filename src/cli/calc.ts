/** `llm-market calc`: recompute a workbook, check it against Excel's saved values, write cached values back. */
import type { CellValue } from '../engine/workbook';
import { Io, UsageError, options, show } from './main';

export async function calcCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = options(args, { json: { type: 'boolean' }, check: { type: 'boolean' }, out: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('calc takes exactly one workbook');
  // exceljs is loaded only for calc: `eval` and `facts` start faster without it.
  const { calcWorkbook, differences, writeResults } = await import('../engine/workbook');
  const { loaded, cells } = await calcWorkbook(positionals[0]);
  const diffs = values.check ? differences(cells) : [];
  if (values.json) {
    io.out(JSON.stringify(values.check ? { cells, differences: diffs } : cells));
  } else {
    for (const c of cells) {
      const v = c.error ? `${c.error.code} ${c.error.message}`.trim() : show(c.value);
      io.out(`${c.sheet}!${c.address} ${c.formula} → ${v}`);
    }
  }
  if (values.out) await writeResults(loaded, cells, values.out);
  if (values.check) {
    if (diffs.length === 0) {
      if (!values.json) io.out(`check: all ${cells.length} formulas match the saved values`);
      return 0;
    }
    const fmt = (v: CellValue) => (v === null ? '(nothing saved)' : show(v));
    for (const d of diffs) io.err(`differs: ${d.sheet}!${d.address} ${d.formula}: saved ${fmt(d.saved)}, now ${fmt(d.now)}`);
    io.err(`check: ${diffs.length} cell${diffs.length > 1 ? 's' : ''} differ`);
    return 1;
  }
  return 0;
}
