/**
 * Excel's information functions that follow from the workbook (CELL, TYPE, FORMULATEXT …).
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { FunctionPlugin, ImplementedFunctions } from 'hyperformula';

export class InformationPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};
}
