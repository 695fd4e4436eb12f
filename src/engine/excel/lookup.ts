/**
 * Excel's lookup and reference functions where HyperFormula lacks them or differs from Excel (MATCH, LOOKUP, XMATCH, INDEX, ADDRESS, OFFSET, INDIRECT …).
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { FunctionPlugin, ImplementedFunctions } from 'hyperformula';

export class LookupPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};
}
