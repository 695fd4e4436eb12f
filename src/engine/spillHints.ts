/**
 * Spill sizes Excel saved for a workbook's dynamic-array formulas (the `ref`
 * of each `<f t="array">`). HyperFormula fixes a spill's size when it parses
 * the formula, before any argument is known; a formula whose size depends on
 * its arguments' values takes the size Excel gave it, so the engine spills
 * where Excel spilled. The workbook loader sets the hints for the duration of
 * one engine build; every spilling function (ours and Excel's dynamic-array
 * functions) asks here first.
 */
export interface HintAddress {
  sheet: number;
  row: number;
  col: number;
}

let current: ReadonlyMap<string, readonly [rows: number, cols: number]> | null = null;

const key = (a: HintAddress) => `${a.sheet},${a.row},${a.col}`;

/** Runs `build` with these hints (keyed by `hintKey`) in force; restores the previous ones after. */
export function withSpillHints<T>(hints: ReadonlyMap<string, readonly [number, number]>, build: () => T): T {
  const before = current;
  current = hints;
  try {
    return build();
  } finally {
    current = before;
  }
}

export const hintKey = key;

/** The size Excel saved for the formula at this address, if any. */
export function spillHint(at: HintAddress | undefined): readonly [rows: number, cols: number] | undefined {
  return at && current ? current.get(key(at)) : undefined;
}
