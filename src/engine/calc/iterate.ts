/**
 * Evaluate stage, circular references. HyperFormula has no iterative
 * calculation: every cell of a cycle, and every cell computed from one, is
 * #CYCLE!. Excel, when the workbook asks for it (`<calcPr iterate="1"
 * iterateCount="100" iterateDelta="0.001"/>`), recalculates the cells of the
 * cycle over and over, each from the others' latest values, until no value
 * changes by `iterateDelta` or more, at most `iterateCount` times; without
 * `iterate` it warns of the circular reference and the cells in it show 0.
 *
 * `resolveCycles` does that on a built engine, through HyperFormula's public
 * API only. The #CYCLE! cells are taken out of the engine's cycle by holding
 * each as a constant — Excel's current value, the one it saved — and then
 * recalculated one at a time in sheet order (row by row), each with its own
 * formula put back while all the others stay held (Gauss-Seidel, as Excel
 * and pycel iterate). Every cell outside the cycle stays HyperFormula's to
 * compute and follows the held values. When done, the cycle's cells keep
 * their final values as constants, so the report stage reads them like any
 * other cell.
 *
 * Without `iterate`, a cycle cell is first held as a marker error (#CYCLE!)
 * and recalculated the same way: a cell whose formula never reads the marker
 * (`=IF(A1,B1,1)` with A1 FALSE, where Excel's lazy IF never reaches the
 * circular cell) gets its value; the others, really circular, get 0 as in
 * Excel — and so do the cells computed from them (as the Python `formulas`
 * project resolves the same workbooks).
 */
import { DetailedCellError, ErrorType, HyperFormula, RawCellContent } from 'hyperformula';
import { InflateBudget } from '../xlsx/limits';
import type { XBook } from '../xlsx/read';
import { readText } from '../xlsx/zip';

/** Excel's iteration settings (`calcPr`); Excel's defaults are 100 and 0.001. */
export interface IterationSettings {
  iterate: boolean;
  count: number;
  delta: number;
}

export const NO_ITERATION: IterationSettings = { iterate: false, count: 100, delta: 0.001 };

/** The iteration settings of a workbook.xml part's `<calcPr>` (Excel's defaults where it is silent). */
export function iterationSettings(workbookXml: string | undefined): IterationSettings {
  const tag = workbookXml && /<(?:\w+:)?calcPr\b([^>]*)>/.exec(workbookXml)?.[1];
  if (!tag) return { ...NO_ITERATION };
  const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const on = attr('iterate');
  const count = Number(attr('iterateCount') ?? 100);
  const delta = Number(attr('iterateDelta') ?? 0.001);
  return {
    iterate: on === '1' || on === 'true',
    count: Number.isFinite(count) && count >= 1 ? Math.min(Math.floor(count), 32767) : 100,
    delta: Number.isFinite(delta) && delta >= 0 ? delta : 0.001,
  };
}

/** A workbook's iteration settings, from its workbook part (found through the package relationships). */
export function bookIterationSettings(book: XBook): IterationSettings {
  const budget = new InflateBudget(book.file, book.limits);
  const text = (part: string) => {
    const e = book.entries.get(part);
    return e ? readText(book.data, e, budget) : undefined;
  };
  const root = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(text('_rels/.rels') ?? '')?.[0];
  const target = root && /Target="\/?([^"]+)"/.exec(root)?.[1];
  return iterationSettings(text(target ?? 'xl/workbook.xml') ?? (target ? text('xl/workbook.xml') : undefined));
}

export type Value = number | string | boolean | null;

export interface CycleCandidate {
  sheet: number;
  row: number;
  col: number;
  /** The formula as the engine holds it ("=…"). */
  formula: string;
  /** The value Excel saved (the anchor's, for an array formula); Excel's starting point when it iterates. */
  saved: Value;
  /** For an array formula: its saved range's size and saved values. */
  array?: { rows: number; cols: number; saved: Value[][] };
}

export interface CycleReport {
  /** How many formula cells were in or behind a circular reference. */
  cells: number;
  /** Sweeps made (iterative calculation), or passes to separate lazy non-cycles from cycles. */
  sweeps: number;
  /** Iterative calculation stopped at `count` before values settled within `delta`. */
  unsettled: boolean;
}

const isCycle = (v: unknown) => v instanceof DetailedCellError && v.type === ErrorType.CYCLE;

/** Whether HyperFormula gave this cell #CYCLE! (it is in a circular reference, or computed from one). */
export const inCycle = (hf: HyperFormula, at: { sheet: number; row: number; col: number }): boolean => isCycle(hf.getCellValue(at));

/** A value as raw cell content that reads back as the same value (text stays text, errors stay errors). */
function constant(v: unknown): RawCellContent {
  if (v instanceof DetailedCellError) return v.value;
  if (v === null || v === undefined) return 0; // a formula that reads an empty cell shows 0
  if (typeof v === 'string') return `'${v}`;
  return v as RawCellContent;
}

/** Saved values as raw content: an error text as the error, other text as text. */
function savedConstant(v: Value): RawCellContent {
  if (v === null) return 0;
  if (typeof v === 'string') return /^#[A-Z0-9/]+[!?]?$|^#N\/A$/.test(v) ? v : `'${v}`;
  return v;
}

const MARKER = '#CYCLE!';

/**
 * Finds the formula cells HyperFormula could not compute because of a
 * circular reference and computes them as Excel would with these settings;
 * the engine is left holding their values.
 */
export function resolveCycles(hf: HyperFormula, candidates: Iterable<CycleCandidate>, settings: IterationSettings): CycleReport {
  const cycle: CycleCandidate[] = [];
  for (const c of candidates) if (isCycle(hf.getCellValue({ sheet: c.sheet, row: c.row, col: c.col }))) cycle.push(c);
  if (cycle.length === 0) return { cells: 0, sweeps: 0, unsettled: false };
  cycle.sort((a, b) => a.sheet - b.sheet || a.row - b.row || a.col - b.col);

  const rows = (c: CycleCandidate) => c.array?.rows ?? 1;
  const cols = (c: CycleCandidate) => c.array?.cols ?? 1;
  /** Holds a cell (its whole array) as these constants. */
  const hold = (c: CycleCandidate, values: RawCellContent[][]) => hf.setCellContents({ sheet: c.sheet, row: c.row, col: c.col }, values);
  const fill = (c: CycleCandidate, v: RawCellContent) => Array.from({ length: rows(c) }, () => Array.from({ length: cols(c) }, () => v));

  /** The cell's formula computed from the others' held values; the cell is held again afterwards (as `after` says). */
  const compute = (c: CycleCandidate, before: RawCellContent[][]): unknown[][] => {
    const at = { sheet: c.sheet, row: c.row, col: c.col };
    // An array formula needs its range empty to spill into.
    if (c.array) hold(c, fill(c, null));
    hf.setCellContents(at, c.formula);
    let out: unknown[][] = Array.from({ length: rows(c) }, (_, i) => Array.from({ length: cols(c) }, (_, k) => hf.getCellValue({ sheet: c.sheet, row: c.row + i, col: c.col + k })));
    if (isCycle(out[0][0])) {
      // The formula reads its own cell: computed beside the sheet, with its own cell held.
      hold(c, before);
      const v = hf.calculateFormula(c.formula, c.sheet);
      out = Array.isArray(v) ? Array.from({ length: rows(c) }, (_, i) => Array.from({ length: cols(c) }, (_, k) => v[i]?.[k] ?? null)) : [[v]];
    }
    return out;
  };

  if (settings.iterate) {
    // Excel iterates from the values it has: the ones it saved.
    let held = cycle.map((c) => (c.array ? c.array.saved.map((r) => r.map(savedConstant)) : [[savedConstant(c.saved)]]));
    hf.batch(() => cycle.forEach((c, i) => hold(c, held[i])));
    let sweeps = 0;
    let settled = false;
    while (sweeps < settings.count && !settled) {
      sweeps++;
      settled = true;
      held = cycle.map((c, i) => {
        const now = compute(c, held[i]).map((r) => r.map(constant));
        hold(c, now);
        for (let r = 0; r < now.length; r++)
          for (let k = 0; k < now[r].length; k++) {
            const a = held[i][r]?.[k];
            const b = now[r][k];
            if (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) >= settings.delta : a !== b) settled = false;
          }
        return now;
      });
    }
    return { cells: cycle.length, sweeps, unsettled: !settled };
  }

  // No iterative calculation: separate the cells that only look circular from the circular ones.
  // An array formula's cells are judged one by one (Excel's {1;0;1} where only the middle one is circular).
  const held = cycle.map((c) => fill(c, MARKER));
  hf.batch(() => cycle.forEach((c, i) => hold(c, held[i])));
  let passes = 0;
  for (let changed = true; changed && passes <= cycle.length; ) {
    changed = false;
    passes++;
    cycle.forEach((c, i) => {
      if (!held[i].some((r) => r.includes(MARKER))) return;
      const now = compute(c, held[i]).map((r) => r.map((v) => (isCycle(v) ? MARKER : constant(v))));
      hold(c, now);
      if (now.some((r, x) => r.some((v, y) => v !== held[i][x][y]))) changed = true;
      held[i] = now;
    });
  }
  // Really circular: Excel shows 0, and so do the cells computed from them.
  hf.batch(() => cycle.forEach((c, i) => held[i].some((r) => r.includes(MARKER)) && hold(c, held[i].map((r) => r.map((v) => (v === MARKER ? 0 : v))))));
  return { cells: cycle.length, sweeps: passes, unsettled: false };
}
