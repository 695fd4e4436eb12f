/**
 * Plan stage, Excel's reference operators on literal ranges: the
 * intersection operator (a space between two references, `B2:E5 C3:D4`) and
 * a chain of range operators (`C14:E14:G13:I14`, the smallest range holding
 * them all). HyperFormula's parser has neither, so where every operand is a
 * plain A1 reference on the formula's own sheet, the result is computed here
 * and written in: `SUM(B2:E5 C3:D4)` → `SUM(C3:D4)`; ranges that do not
 * cross give Excel's #NULL! (XL.ERRORVALUE, calc/excelErrors.ts). Operands
 * with a sheet, a name or a function (OFFSET(…) A1:B2, a union in
 * parentheses) are left as they are: the parser still refuses those.
 */
import { mapCode, parseCell, rangeText } from '../xlsx/refs';
import type { Range } from '../xlsx/refs';

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
const CHAIN = String.raw`${CELL}(?::${CELL})*`;
// Two or more chains separated by spaces, not part of a sheet-qualified reference, a name or a call.
const OPERANDS = new RegExp(String.raw`(?<![A-Za-z0-9_.$!:'\\])(${CHAIN}(?: +${CHAIN})+)(?![A-Za-z0-9_.$!:(\\])`, 'g');

/** The smallest range holding every cell of a chain like A1:B2:C3; undefined when a cell is out of the sheet. */
function chainRange(chain: string): Range | undefined {
  let r: Range | undefined;
  for (const c of chain.split(':')) {
    const p = parseCell(c);
    if (!p) return undefined;
    r = r ? { r0: Math.min(r.r0, p.row), c0: Math.min(r.c0, p.col), r1: Math.max(r.r1, p.row), c1: Math.max(r.c1, p.col) } : { r0: p.row, c0: p.col, r1: p.row, c1: p.col };
  }
  return r;
}

/** Intersections and range-operator chains of literal references, computed (strings and quoted sheet names left alone). */
export function rewriteRangeOperators(formula: string): string {
  if (!/[0-9] +\$?[A-Za-z]/.test(formula) && !/[0-9]:\$?[A-Za-z]{1,3}\$?[0-9]+:/.test(formula)) return formula;
  const intersected = mapCode(formula, (code) =>
    code.replace(OPERANDS, (whole: string) => {
      const ranges = whole.split(/ +/).map(chainRange);
      if (ranges.some((r) => !r)) return whole;
      let r: Range | null = ranges[0]!;
      for (const q of ranges.slice(1) as Range[]) {
        if (!r) break;
        const x: Range = { r0: Math.max(r.r0, q.r0), c0: Math.max(r.c0, q.c0), r1: Math.min(r.r1, q.r1), c1: Math.min(r.c1, q.c1) };
        r = x.r0 <= x.r1 && x.c0 <= x.c1 ? x : null;
      }
      return r ? rangeText(r) : 'XL.ERRORVALUE("#NULL!")';
    }),
  );
  // A lone chain of three or more cells (SUM(B2:E5:F9)): its bounding range.
  return mapCode(intersected, (code) =>
    code.replace(new RegExp(String.raw`(?<![A-Za-z0-9_.$!:'\\])(${CELL}:${CELL}(?::${CELL})+)(?![A-Za-z0-9_.$!:(\\])`, 'g'), (whole: string) => {
      const r = chainRange(whole);
      return r ? rangeText(r) : whole;
    }),
  );
}
