/** A1 references: addresses, ranges, and moving a formula's relative references (shared formulas). */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export function colLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const a1 = (row: number, col: number) => `${colLetters(col)}${row + 1}`;

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

export interface Range {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function parseCell(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  const row = Number(m[2]) - 1;
  const col = colIndex(m[1]);
  return row >= 0 && row < MAX_ROWS && col < MAX_COLS ? { row, col } : undefined;
}

export function parseRange(ref: string): Range | undefined {
  const [a, b] = ref.split(':');
  const p = parseCell(a);
  const q = b === undefined ? p : parseCell(b);
  if (!p || !q) return undefined;
  return { r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) };
}

export const rangeText = (r: Range) => (r.r0 === r.r1 && r.c0 === r.c1 ? a1(r.r0, r.c0) : `${a1(r.r0, r.c0)}:${a1(r.r1, r.c1)}`);

/**
 * The index of the quote closing the "text" or 'sheet name' whose opening
 * quote is at `open` (a doubled quote inside is one quote character of it),
 * or the formula's length when it is not closed.
 */
export function closingQuote(formula: string, open: number): number {
  const ch = formula[open];
  let j = open + 1;
  while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
  return j;
}

/**
 * Splits formula text into code and quoted runs ("text", 'sheet name'), so
 * rewrites never touch what is inside quotes. `quotes` says which quote
 * characters start a run that is left alone (both, by default; `'"'` lets a
 * rewrite see quoted sheet names). A doubled quote inside a run escapes one.
 */
export function mapCode(formula: string, rewrite: (code: string) => string, quotes = `"'`): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (quotes.includes(ch)) {
      const j = closingQuote(formula, i);
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < formula.length && !quotes.includes(formula[j])) j++;
    out += rewrite(formula.slice(i, j));
    i = j;
  }
  return out;
}

// A cell (A1, $A$1), a column range (A:C) or a row range (1:3), not part of a longer name or a function call,
// nor a table's column name (`Table1[col2]`, `[@col2]`: a structured reference never moves).
const REF = /(?<![A-Za-z0-9_.\\[])(?:(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_.(\\])|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(\\])|(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![A-Za-z0-9_.(\\]))/g;

/**
 * The formula Excel means in a cell `dr` rows and `dc` columns away from the
 * shared formula's master cell: relative references move, `$` ones stay.
 * A reference moved off the sheet becomes #REF!, as in Excel.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const col = (abs: string, letters: string) => {
    const c = colIndex(letters) + (abs ? 0 : dc);
    return c < 0 || c >= MAX_COLS ? undefined : `${abs}${colLetters(c)}`;
  };
  const row = (abs: string, digits: string) => {
    const r = Number(digits) + (abs ? 0 : dr);
    return r < 1 || r > MAX_ROWS ? undefined : `${abs}${r}`;
  };
  return mapCode(formula, (code) =>
    code.replace(REF, (whole, ca, cl, ra, rd, xa, xl, ya, yl, pa, pd, qa, qd) => {
      if (cl !== undefined) {
        if (colIndex(cl) >= MAX_COLS || Number(rd) < 1 || Number(rd) > MAX_ROWS) return whole; // a name such as "TAX2019", not a cell
        const c = col(ca, cl);
        const r = row(ra, rd);
        return c && r ? `${c}${r}` : '#REF!';
      }
      if (xl !== undefined) {
        if (colIndex(xl) >= MAX_COLS || colIndex(yl) >= MAX_COLS) return whole;
        const a = col(xa, xl);
        const b = col(ya, yl);
        return a && b ? `${a}:${b}` : '#REF!';
      }
      const a = row(pa, pd);
      const b = row(qa, qd);
      return a && b ? `${a}:${b}` : '#REF!';
    }),
  );
}

/** How deeply parentheses nest in a formula (quoted text ignored). */
export function formulaDepth(formula: string): number {
  let depth = 0;
  let most = 0;
  mapCode(formula, (code) => {
    for (const ch of code) {
      if (ch === '(') most = Math.max(most, ++depth);
      else if (ch === ')') depth--;
    }
    return code;
  });
  return most;
}
