/**
 * Plan stage, shared formulas: a formula Excel filled down or across is
 * stored once, on its group's first cell (`<f t="shared" si="0" ref=…>`), and
 * every other cell of the group is that formula with its relative references
 * moved. Planning one such formula — the rewrites to the engine's form, the
 * support triage (which parses it) — gives the same answer for every cell of
 * the group, moved the same way. So the first cell is planned in full and the
 * others take its engine text with the references moved (one pass over the
 * text instead of every rewrite and a parse), and its verdict: 100,000
 * filled-down cells cost one plan and 99,999 moves.
 *
 * Only when the rewrites do not depend on where the formula is: a formula
 * that uses a defined name written in as its reference, or a structured
 * reference (`[#This Row]`), is planned cell by cell.
 */
import type { XCell } from '../xlsx/read';
import { shiftFormula } from '../xlsx/refs';

export interface Planned<U> {
  text: string;
  unsupported?: U;
}

export class SharedPlans<U> {
  private readonly first = new Map<string, Planned<U> & { row: number; col: number }>();

  /** The plan of a cell filled from a shared formula, moved from its group's first cell's; undefined when it must be planned itself. */
  reuse(sheet: string, cell: XCell): Planned<U> | undefined {
    const g = cell.shared;
    if (!g || (g.row === cell.row && g.col === cell.col)) return undefined;
    const m = this.first.get(`${sheet}\0${g.si}`);
    if (!m) return undefined;
    const text = shiftFormula(m.text, cell.row - m.row, cell.col - m.col);
    return m.unsupported === undefined ? { text } : { text, unsupported: m.unsupported };
  }

  /** Keeps the plan of a group's first cell, when moving its engine text is how the others' is made (`movable`). */
  remember(sheet: string, cell: XCell, plan: Planned<U>, movable: boolean): void {
    const g = cell.shared;
    if (!g || g.row !== cell.row || g.col !== cell.col || !movable) return;
    this.first.set(`${sheet}\0${g.si}`, { ...plan, row: cell.row, col: cell.col });
  }
}
