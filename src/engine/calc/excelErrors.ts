/**
 * Excel's error values HyperFormula has no type for — #NULL!, #CALC!,
 * #FIELD!, #BLOCKED!, #CONNECT!, #BUSY!, #UNKNOWN!, #GETTING_DATA — as values
 * the engine can hold. HyperFormula reads "#NULL!" typed in a cell as text
 * and refuses `#NULL!` inside a formula; both become a call to the internal
 * function XL.ERRORVALUE("#NULL!"), which gives HyperFormula's generic
 * #ERROR! carrying the code as its message's first word (the same marker
 * convention as #CALC!, excel/values.ts). `excelCode` turns an engine error
 * back into the code Excel shows, so a saved #NULL! compares equal.
 */
import { CellError, ErrorType, FunctionArgumentType, HyperFormula, ImplementedFunctions } from 'hyperformula';
import { excelError } from '../excel/values';
import { Call, EnginePlugin, State } from '../hf/internals';
import { mapCode } from '../xlsx/refs';

/** Excel's error codes that HyperFormula has no type for (it has #DIV/0!, #N/A, #NAME?, #NUM!, #REF!, #VALUE!, #SPILL!). */
export const FOREIGN_ERRORS: readonly string[] = ['#NULL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#GETTING_DATA'];

const FUNCTION = 'XL.ERRORVALUE';

export class ExcelErrorPlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    [FUNCTION]: { method: 'errorValue', parameters: [{ argumentType: FunctionArgumentType.STRING }] },
  };

  errorValue(ast: Call, state: State): unknown {
    return this.call(FUNCTION, ast, state, (code: string) =>
      FOREIGN_ERRORS.includes(code.toUpperCase()) ? new CellError(ErrorType.ERROR, `${code.toUpperCase()} (an Excel error value)`) : new CellError(ErrorType.VALUE, `${code} is not an Excel error value`),
    );
  }
}

let registered = false;
/** Registers XL.ERRORVALUE with HyperFormula (once). */
export function registerExcelErrors(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(ExcelErrorPlugin, { enGB: { [FUNCTION]: FUNCTION }, enUS: { [FUNCTION]: FUNCTION } });
  registered = true;
}

const isForeign = (v: unknown): v is string => typeof v === 'string' && FOREIGN_ERRORS.includes(v);

/** A saved error HyperFormula cannot hold as a value, as the formula that gives it; undefined for any other value. */
export function errorInput(saved: unknown): string | undefined {
  return isForeign(saved) ? `=${FUNCTION}("${saved}")` : undefined;
}

const LITERAL = new RegExp(`(?<![A-Za-z0-9_.])(${FOREIGN_ERRORS.map((e) => e.replace(/[!?/]/g, '\\$&')).join('|')})`, 'gi');

/** `#NULL!` and the other foreign error literals in formula text, as calls HyperFormula can parse ("strings" left alone). */
export function rewriteErrorLiterals(formula: string): string {
  if (!formula.includes('#')) return formula;
  return mapCode(formula, (code) => code.replace(LITERAL, (e: string) => `${FUNCTION}("${e.toUpperCase()}")`));
}

/** The code Excel shows for an engine error: #ERROR! carrying a marker (#CALC!, #NULL! …) is that code. */
export function excelCode(code: string, message: string | undefined): string {
  const known = excelError(code, message);
  if (known !== code || code !== '#ERROR!' || !message) return known;
  const first = message.split(' ')[0];
  return isForeign(first) ? first : code;
}
