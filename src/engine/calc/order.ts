/**
 * Evaluate stage, helper: formula cells in an order where (as far as the
 * formula text tells) every cell comes after the formula cells it reads.
 * References are read from the engine-form text (names already written in);
 * a cycle is broken where it is met. The order is a heuristic for isolating a
 * cell that aborts the engine (calc/evaluate.ts): when the cells before it are
 * its precedents, the cell whose addition breaks the build is the culprit
 * itself, not one of its inputs. A wrong guess costs only precision.
 */
import { mapCode, MAX_COLS, MAX_ROWS, colIndex } from '../xlsx/refs';
import type { CellPlan } from './plan';

interface Area {
  sheet: string;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const REF =
  /(?<![A-Za-z0-9_.\\$'!\u00C0-\uFFFF])(?:('(?:[^']|'')+'|[A-Za-z0-9_.\u00C0-\uFFFF]+)!)?(?:(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?|\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})|\$?(\d+):\$?(\d+))(?![A-Za-z0-9_.(!\\\u00C0-\uFFFF])/g;

const cellOf = (t: string) => {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(t)!;
  return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
};

/** The areas a formula on `sheet` refers to. */
export function referencedAreas(formula: string, sheet: string): Area[] {
  const out: Area[] = [];
  mapCode(
    formula,
    (code) => {
      for (const m of code.matchAll(REF)) {
        const [, q, a, b, ca, cb, ra, rb] = m;
        const on = q === undefined ? sheet : q.startsWith("'") ? q.slice(1, -1).replace(/''/g, "'") : q;
        if (a !== undefined) {
          const p = cellOf(a);
          const r = b !== undefined ? cellOf(b) : p;
          out.push({ sheet: on, r0: Math.min(p.row, r.row), c0: Math.min(p.col, r.col), r1: Math.max(p.row, r.row), c1: Math.max(p.col, r.col) });
        } else if (ca !== undefined) {
          const x = colIndex(ca);
          const y = colIndex(cb);
          out.push({ sheet: on, r0: 0, r1: MAX_ROWS - 1, c0: Math.min(x, y), c1: Math.max(x, y) });
        } else if (ra !== undefined) {
          const x = Number(ra) - 1;
          const y = Number(rb) - 1;
          out.push({ sheet: on, r0: Math.min(x, y), r1: Math.max(x, y), c0: 0, c1: MAX_COLS - 1 });
        }
      }
      return code;
    },
    '"',
  );
  return out;
}

/** How many (cell, precedent) pairs the ordering looks at before it falls back to reading order. */
const BUDGET = 5_000_000;

export interface Dependencies {
  /** The cells, precedents first (stable for cells that read no formula cell). */
  order: CellPlan[];
  /** The formula cells a cell reads directly (as far as its text tells, within the budget). */
  precedents(cell: CellPlan): CellPlan[];
}

/** The formula cells' dependencies among themselves, read from their text. */
export function dependencies(cells: CellPlan[]): Dependencies {
  // Per sheet: column → the formula cells in it, sorted by row.
  const bySheet = new Map<string, Map<number, { row: number; i: number }[]>>();
  cells.forEach((p, i) => {
    const cols = bySheet.get(p.sheet) ?? bySheet.set(p.sheet, new Map()).get(p.sheet)!;
    (cols.get(p.cell.col) ?? cols.set(p.cell.col, []).get(p.cell.col)!).push({ row: p.cell.row, i });
  });
  const sortedCols = new Map<string, number[]>();
  for (const [s, cols] of bySheet) {
    for (const list of cols.values()) list.sort((x, y) => x.row - y.row);
    sortedCols.set(s, [...cols.keys()].sort((x, y) => x - y));
  }
  let budget = BUDGET;
  const inArea = (a: Area, visit: (i: number) => void) => {
    const cols = bySheet.get(a.sheet);
    if (!cols) return;
    for (const c of sortedCols.get(a.sheet)!) {
      if (c < a.c0) continue;
      if (c > a.c1) break;
      const list = cols.get(c)!;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].row < a.r0) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < list.length && list[k].row <= a.r1; k++) {
        if (--budget < 0) return;
        visit(list[k].i);
      }
    }
  };
  const direct: number[][] = cells.map((p, i) => {
    const out = new Set<number>();
    if (budget >= 0) for (const a of referencedAreas(p.text, p.sheet)) inArea(a, (j) => j !== i && out.add(j));
    return [...out];
  });

  const state = new Uint8Array(cells.length); // 0 new, 1 on the stack, 2 placed
  const order: CellPlan[] = [];
  for (let start = 0; start < cells.length; start++) {
    if (state[start]) continue;
    // Depth-first, iteratively (a chain of thousands of cells would overflow the call stack).
    const stack: { i: number; k: number }[] = [{ i: start, k: 0 }];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const deps = direct[top.i];
      if (top.k < deps.length) {
        const j = deps[top.k++];
        if (state[j] === 0) {
          state[j] = 1;
          stack.push({ i: j, k: 0 });
        }
        continue;
      }
      stack.pop();
      state[top.i] = 2;
      order.push(cells[top.i]);
    }
  }
  const index = new Map(cells.map((p, i) => [p, i]));
  return { order, precedents: (p) => (direct[index.get(p) ?? -1] ?? []).map((j) => cells[j]) };
}
