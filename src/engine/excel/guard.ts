/**
 * HyperFormula reserves a spill's cells when it reads the formula and throws
 * ("Resizing to smaller array") — out of `buildFromSheets` or
 * `setCellContents`, taking the whole workbook down — when the result later
 * needs more. That happens whenever a reserved size had to be guessed: a count
 * read from a cell nested in a built-in (`HSTACK(SEQUENCE(A1),1)`), or a spill
 * that grew after the formulas reading it with `A1#` were parsed. Excel shows
 * #SPILL! there; so does the engine, through the adapter's wrap of the array
 * cell (hf/internals.ts, `guardArrayResize`).
 */
import { CellError, ErrorType } from 'hyperformula';
import { guardArrayResize } from '../hf/internals';

export function guardSpills(): void {
  guardArrayResize(
    (value, size) =>
      new CellError(
        ErrorType.SPILL,
        `the result is ${value.height()}×${value.width()} but ${size.height}×${size.width} cells were reserved when the formula was read; the spill grew.`,
      ),
  );
}
