/**
 * Spill sizes Excel saved for a workbook's dynamic-array formulas (the `ref`
 * of each `<f t="array">`). HyperFormula fixes a spill's size when it parses
 * the formula, before any argument is known; a formula whose size depends on
 * its arguments' values takes the size Excel gave it, so the engine spills
 * where Excel spilled. The workbook loader sets the hints for the duration of
 * one engine build; every spilling function (ours and Excel's dynamic-array
 * functions) asks here first, and reports the size its result really had so
 * `calc --check` can tell when a spill grew or shrank.
 */
export interface HintAddress {
  sheet: number;
  row: number;
  col: number;
}

interface Context {
  hints: ReadonlyMap<string, readonly [number, number]>;
  observed?: Map<string, [number, number]>;
}

let current: Context | null = null;

const key = (a: HintAddress) => `${a.sheet},${a.row},${a.col}`;

/**
 * Runs `build` with these hints (keyed by `hintKey`) in force; restores the
 * previous ones after. Sizes the functions really produced during the build
 * land in `observed` (keyed the same way).
 */
export function withSpillHints<T>(hints: ReadonlyMap<string, readonly [number, number]>, build: () => T, observed?: Map<string, [number, number]>): T {
  const before = current;
  current = { hints, observed };
  try {
    return build();
  } finally {
    current = before;
  }
}

export const hintKey = key;

/** The size Excel saved for the formula at this address, if any. */
export function spillHint(at: HintAddress | undefined): readonly [rows: number, cols: number] | undefined {
  return at && current ? current.hints.get(key(at)) : undefined;
}

/** A spilling function says how big its result really was (before it was fitted to the hinted size). */
export function reportSpill(at: HintAddress | undefined, rows: number, cols: number): void {
  if (at && current?.observed && current.hints.has(key(at))) current.observed.set(key(at), [rows, cols]);
}

/**
 * The formula text Excel saved for each cell (as stored: `_xlfn.` prefixes and all), for
 * FORMULATEXT: HyperFormula's own text is its re-serialisation (OFFSET(A1,2,1) reads back as B3)
 * and a cell the engine does not evaluate holds only its saved value. The workbook loader sets it
 * for the duration of one engine build, as it does the spill hints.
 */
let formulas: ((at: HintAddress) => string | undefined) | null = null;

export function withWorkbookFormulas<T>(lookup: (at: HintAddress) => string | undefined, build: () => T): T {
  const before = formulas;
  formulas = lookup;
  try {
    return build();
  } finally {
    formulas = before;
  }
}

/** The formula Excel saved at this address (without the leading "="), if the loader said. */
export function workbookFormula(at: HintAddress): string | undefined {
  return formulas ? formulas(at) : undefined;
}

/** The lookup `withWorkbookFormulas` takes, from a workbook's sheets (engine sheet id, and each cell's stored formula). */
export function formulaLookup(sheets: Iterable<{ id: number; cells: Iterable<{ row: number; col: number; formula?: string }> }>): (at: HintAddress) => string | undefined {
  const texts = new Map<string, string>();
  for (const s of sheets) for (const c of s.cells) if (c.formula !== undefined) texts.set(key({ sheet: s.id, row: c.row, col: c.col }), c.formula);
  return (at) => texts.get(key(at));
}
