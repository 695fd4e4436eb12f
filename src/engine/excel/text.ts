/**
 * Excel's text functions and number formats: TEXT through an Excel number-format library, and the text functions where HyperFormula differs from Excel.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { FunctionPlugin, ImplementedFunctions } from 'hyperformula';

export class TextPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};
}
