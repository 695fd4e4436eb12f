/** `llm-market eval`: formulas in, values out, as text, CSV, TSV or JSON. */
import { EvalResult, evaluateMany } from '../engine';
import { bundledMarket } from '../core/bundled';
import { datasetOf } from '../data/datasets';
import { Io, UsageError, format, options, show } from './main';
import { Cell, alignRows, formatRows } from './table';

const FORMATS = ['text', 'csv', 'tsv', 'json'] as const;

/** A result as rows of cells: a scalar is one row of one cell, an error its code. */
function rowsOf(r: EvalResult): Cell[][] {
  if ('error' in r) return [[r.error]];
  return Array.isArray(r.value) ? r.value : [[r.value]];
}

/** One array element per line and, for a spill, one row per line: readable, and still one JSON document. */
function json(results: EvalResult[]): string {
  const ROWS = '\u0000rows';
  const items = results.map((r) => {
    if (!('value' in r) || !Array.isArray(r.value)) return JSON.stringify(r);
    const rows = `[\n  ${r.value.map((row) => JSON.stringify(row)).join(',\n  ')}]`;
    return JSON.stringify({ ...r, value: ROWS }).replace(JSON.stringify(ROWS), rows);
  });
  return `[\n ${items.join(',\n ')}\n]`;
}

export function evalCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, { json: { type: 'boolean' }, format: { type: 'string' } }, 'eval');
  const fmt = format(values, FORMATS, 'eval');
  let formulas = positionals;
  if (formulas.length === 0) {
    formulas = io
      .stdin()
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    if (formulas.length === 0) throw new UsageError('eval needs at least one formula (as arguments or on stdin)', 'eval');
  }
  const results = evaluateMany(formulas);
  if (fmt === 'json') {
    // Which dataset each fact came from (the bundled edition, or a data folder's own), beside the facts.
    const m = bundledMarket();
    io.out(json(results.map((r) => (r.facts ? { ...r, datasets: r.facts.map((id) => datasetOf(m, id) ?? '') } : r))));
    return 0;
  }
  results.forEach((r, i) => {
    if (fmt === 'text') {
      if ('error' in r) io.out(`${r.formula} → ${`${r.error} ${r.message}`.trim()}`);
      else if (Array.isArray(r.value)) io.out(`${r.formula} →\n${alignRows(r.value).join('\n')}`);
      else io.out(`${r.formula} → ${show(r.value)}`);
      return;
    }
    if (i > 0) io.out('');
    io.out(formatRows(rowsOf(r), fmt).join('\n'));
    // The cell holds the code, as Excel's own CSV export does; the reason goes to stderr.
    if ('error' in r && r.message) io.err(`llm-market: ${r.formula}: ${r.error} ${r.message}`);
  });
  return 0;
}
