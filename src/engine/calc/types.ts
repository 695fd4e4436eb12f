/** The values and verdicts the recalculation pipeline hands from stage to stage and to its callers. */
import type { XBook } from '../xlsx/read';

export type CellValue = number | string | boolean | null;

export interface FormulaCell {
  sheet: string;
  /** A1 address of the formula (the top-left corner of a spill). */
  address: string;
  formula: string;
  /** One value, or the spilled rows. For an unsupported cell, the value Excel saved. */
  value: CellValue | CellValue[][];
  error?: { code: string; message: string };
  /** What the file held before recalculation (null when Excel saved nothing). */
  saved: CellValue | CellValue[][];
  /** Set when the engine cannot evaluate this cell: Excel's value stands. */
  unsupported?: { functions: string[]; reason: string };
  /** A spill whose recomputed size differs from the range Excel saved. */
  spill?: { saved: string; now: string };
}

export interface Calculated {
  book: XBook;
  cells: FormulaCell[];
}

export interface Difference {
  sheet: string;
  address: string;
  /** The formula's own cell (the top-left corner when the difference is inside a spill). */
  anchor: string;
  formula: string;
  saved: CellValue;
  now: CellValue;
  /** For a spill that changed size: "spill grew from A1:B3 to A1:B5". */
  message?: string;
}

/** A formula cell's verdict: Excel's value reproduced, a different value, or a construct the engine cannot evaluate. */
export type Verdict = 'matches' | 'differs' | 'unsupported';

/**
 * A workbook that cannot be evaluated at all: not a workbook, damaged, over a
 * documented cap (`kind` says which), or an output file that cannot be
 * written. The message is one line.
 */
export class WorkbookError extends Error {
  override name = 'WorkbookError';
  constructor(
    message: string,
    readonly kind: 'unreadable' | 'damaged' | 'cap' | 'write' = 'unreadable',
  ) {
    super(message);
  }
}

export const firstLine = (e: unknown): string => ((e as Error)?.message ?? String(e)).split('\n')[0];
