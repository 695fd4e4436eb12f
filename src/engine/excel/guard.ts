/**
 * HyperFormula reserves a spill's cells when it reads the formula and throws
 * ("Resizing to smaller array") — out of `buildFromSheets` or
 * `setCellContents`, taking the whole workbook down — when the result later
 * needs more. That happens whenever a reserved size had to be guessed: a count
 * read from a cell nested in a built-in (`HSTACK(SEQUENCE(A1),1)`), or a spill
 * that grew after the formulas reading it with `A1#` were parsed. Excel shows
 * #SPILL! there; so does the engine, by wrapping the array-cell class's
 * `setCellValue` once. The class is not exported, so it is reached through
 * the one array cell of a throw-away engine.
 */
import { CellError, ErrorType, HyperFormula, SimpleRangeValue } from 'hyperformula';

let installed = false;

export function guardSpills(): void {
  if (installed) return;
  installed = true;
  const probe = HyperFormula.buildFromArray([['={1,2}']], { licenseKey: 'gpl-v3' });
  try {
    const graph = (probe as unknown as { _dependencyGraph?: { getCell(a: unknown): unknown } })._dependencyGraph;
    const vertex = graph?.getCell({ sheet: 0, row: 0, col: 0 });
    const proto = vertex ? (Object.getPrototypeOf(vertex) as { setCellValue?: (v: unknown) => unknown }) : undefined;
    const original = proto?.setCellValue;
    if (!proto || typeof original !== 'function') return;
    proto.setCellValue = function (this: { array?: { size?: { width: number; height: number } } }, value: unknown) {
      const size = this.array?.size;
      if (value instanceof SimpleRangeValue && size && (value.height() > size.height || value.width() > size.width)) {
        value = new CellError(
          ErrorType.SPILL,
          `the result is ${value.height()}×${value.width()} but ${size.height}×${size.width} cells were reserved when the formula was read; the spill grew.`,
        );
      }
      return original.call(this, value);
    };
  } finally {
    probe.destroy();
  }
}
