/**
 * Report stage: each formula cell's verdict. A cell the engine could not
 * evaluate is *unsupported* (with the function or construct and why) and
 * keeps Excel's value; every other cell gets the engine's value, and
 * `differences` compares it with the one Excel saved (numbers within 1e-9
 * relative; text, booleans and errors equal). Reading one cell's value never
 * takes the others down: an exception there makes that cell unsupported.
 */
import { DetailedCellError, HyperFormula } from 'hyperformula';
import { isParseError, unknownNameIn } from '../hf/internals';
import { hintKey } from '../spillHints';
import { a1, rangeText } from '../xlsx/refs';
import type { Evaluation } from './evaluate';
import { excelCode } from './excelErrors';
import type { BookPlan, CellPlan } from './plan';
import { CellValue, Difference, FormulaCell, Verdict, firstLine } from './types';

/** A formula's result as Excel shows it: a reference to an empty cell gives 0, not nothing. */
const shown = (v: CellValue): CellValue => (v === null ? 0 : v);

/** An engine value as Excel would show it: errors by Excel's code (#CALC! included). */
function out(v: unknown): { value: CellValue; error?: { code: string; message: string } } {
  if (v instanceof DetailedCellError) {
    const code = excelCode(v.value, v.message);
    return { value: code, error: { code, message: v.message ?? '' } };
  }
  return { value: (v ?? null) as CellValue };
}

const firstSaved = (v: CellValue | CellValue[][]): CellValue => (Array.isArray(v) ? v[0]?.[0] ?? null : v);

/** Every formula cell of the plan, with its value or the reason it is unsupported. */
export function reportCells(plan: BookPlan, evaluation: Evaluation): FormulaCell[] {
  return plan.cells.map((p) => {
    try {
      return cellResult(plan, evaluation, p);
    } catch (e) {
      return unsupported(p, { functions: [], reason: `reading its value threw inside the engine (${firstLine(e)})` });
    }
  });
}

function base(p: CellPlan) {
  const saved: CellValue | CellValue[][] = p.savedRows && p.savedRows.length * p.savedRows[0].length > 1 ? p.savedRows : p.cell.saved;
  return { sheet: p.sheet, address: a1(p.cell.row, p.cell.col), formula: `=${p.cell.formula}`, saved };
}

function unsupported(p: CellPlan, why: { functions: string[]; reason: string }): FormulaCell {
  const b = base(p);
  return { ...b, value: b.saved, unsupported: why };
}

/** Functions through which a formula could turn an error into a value. */
const HANDLES_ERRORS = /(?<![A-Za-z0-9_.])(?:IFERROR|IFNA|ISERROR|ISERR|ISNA|ERROR\.TYPE|AGGREGATE|ISTEXT|ISNONTEXT|ISBLANK|ISLOGICAL|ISNUMBER|COUNT|COUNTIFS?|IF)\s*\(/i;

function cellResult(plan: BookPlan, { engine: hf, observed, failed, tooLong }: Evaluation, p: CellPlan): FormulaCell {
  if (p.unsupported) return unsupported(p, p.unsupported);
  const threw = failed.get(p);
  if (threw !== undefined) {
    // Text longer than JavaScript can hold is far over Excel's 32,767 characters, where Excel gives
    // #VALUE! (REPT("x",1E9)) — unless the formula handles errors itself, which the engine could not follow.
    if (tooLong.has(p) && !HANDLES_ERRORS.test(p.text)) {
      const message = `the text would be longer than Excel's 32,767 characters (${threw})`;
      return { ...base(p), value: '#VALUE!', error: { code: '#VALUE!', message } };
    }
    return unsupported(p, { functions: [], reason: threw });
  }
  const b = base(p);
  const { cell } = p;
  const at = { sheet: p.sheetId, row: cell.row, col: cell.col };
  const raw = hf.getCellValue(at);
  if (isParseError(raw)) return unsupported(p, { functions: [], reason: `the engine cannot parse this formula (${(raw as DetailedCellError).message})` });
  const top = out(raw);
  // A name the engine does not know (an Excel table such as `Ranking`, or a name it could not
  // read) is the engine's gap, not a different answer: Excel saved a value for it.
  const unknown = top.error?.code === '#NAME?' ? unknownNameIn(top.error.message) : undefined;
  if (unknown && firstSaved(b.saved) !== '#NAME?') {
    return unsupported(p, { functions: [], reason: `the engine does not know the name ${plan.excelName(unknown)} (an Excel table, or a name it could not read)` });
  }
  const error = top.error ? { error: top.error } : {};
  if (cell.array) {
    const r = cell.array;
    const rows = r.r1 - r.r0 + 1;
    const cols = r.c1 - r.c0 + 1;
    const now = observed.get(hintKey(at));
    const spill = now && (now[0] !== rows || now[1] !== cols) ? { spill: { saved: rangeText(r), now: rangeText({ r0: r.r0, c0: r.c0, r1: r.r0 + now[0] - 1, c1: r.c0 + now[1] - 1 }) } } : {};
    if (rows * cols === 1) return { ...b, value: shown(top.value), ...error, ...spill };
    const values: CellValue[][] = [];
    for (let i = 0; i < rows; i++) {
      const row: CellValue[] = [];
      for (let k = 0; k < cols; k++) row.push(shown(i === 0 && k === 0 ? top.value : out(hf.getCellValue({ sheet: p.sheetId, row: r.r0 + i, col: r.c0 + k })).value));
      values.push(row);
    }
    return { ...b, value: values, ...error, ...spill };
  }
  if (top.error || !hf.isCellPartOfArray(at)) return { ...b, value: shown(top.value), ...error };
  // A spill Excel did not save as one (no t="array"): evaluate the formula on its own to get
  // exactly its rows (neighbouring spills are indistinguishable cell by cell).
  const whole = hf.calculateFormula(p.text, p.sheetId);
  const value: CellValue[][] = Array.isArray(whole) ? whole.map((r) => r.map((c) => out(c).value)) : [[out(whole).value]];
  return { ...b, value };
}

/** Excel's comparison for a recomputed value: numbers within 1e-9 relative, everything else equal. */
export const same = (a: CellValue, b: CellValue): boolean =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;

const grid = (v: CellValue | CellValue[][]) => (Array.isArray(v) ? v : [[v]]);

const rowOf = (address: string) => Number(address.match(/\d+/)![0]) - 1;
const colOf = (address: string) => [...address.match(/^[A-Z]+/)![0]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Cells whose recomputed value differs from the saved one, with both values. Unsupported cells are never differences. */
export function differences(cells: FormulaCell[]): Difference[] {
  const diffs: Difference[] = [];
  for (const c of cells) {
    if (c.unsupported) continue;
    if (c.spill) {
      const area = (t: string) => {
        const [p, q = p] = t.split(':');
        return (rowOf(q) - rowOf(p) + 1) * (colOf(q) - colOf(p) + 1);
      };
      const verb = area(c.spill.now) > area(c.spill.saved) ? 'grew' : area(c.spill.now) < area(c.spill.saved) ? 'shrank' : 'changed shape';
      diffs.push({ sheet: c.sheet, address: c.address, anchor: c.address, formula: c.formula, saved: null, now: null, message: `spill ${verb} from ${c.spill.saved} to ${c.spill.now}` });
      continue;
    }
    const now = grid(c.value);
    const saved = grid(c.saved);
    const [r0, col0] = [rowOf(c.address), colOf(c.address)];
    const rows = Math.max(now.length, saved.length);
    for (let i = 0; i < rows; i++) {
      const cols = Math.max(now[i]?.length ?? 0, saved[i]?.length ?? 0);
      for (let j = 0; j < cols; j++) {
        const a = saved[i]?.[j] ?? null;
        const b = now[i]?.[j] ?? null;
        if (!same(a, b)) diffs.push({ sheet: c.sheet, address: a1(r0 + i, col0 + j), anchor: c.address, formula: c.formula, saved: a, now: b });
      }
    }
  }
  return diffs;
}

export interface CellVerdict {
  cell: FormulaCell;
  verdict: Verdict;
  /** For a difference: each differing cell with Excel's value and the engine's. */
  differences?: Difference[];
}

/** Each formula cell's verdict: matches, differs (with both values), or unsupported (with why). */
export function verdicts(cells: FormulaCell[], diffs: Difference[] = differences(cells)): CellVerdict[] {
  const byAnchor = new Map<string, Difference[]>();
  for (const d of diffs) {
    const k = `${d.sheet}!${d.anchor}`;
    (byAnchor.get(k) ?? byAnchor.set(k, []).get(k)!).push(d);
  }
  return cells.map((cell) => {
    if (cell.unsupported) return { cell, verdict: 'unsupported' };
    const d = byAnchor.get(`${cell.sheet}!${cell.address}`);
    return d ? { cell, verdict: 'differs', differences: d } : { cell, verdict: 'matches' };
  });
}
