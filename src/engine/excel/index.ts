/**
 * Excel's stored formula syntax for the headless engine: the function plugin
 * (ANCHORARRAY, SINGLE, INDEX with 0, the dynamic-array family) and the LET
 * rewrite. `registerExcelSyntax` must run before an engine is built.
 */
import { HyperFormula } from 'hyperformula';
import { ExcelPlugin } from './plugin';
import { LambdaPlugin } from './lambda';
import { registerAnchorAware } from './anchorAware';

export { expandLets } from './let';
export { excelError, CALC_MARKER } from './values';
export { ExcelPlugin, LambdaPlugin };

/** Every function this module adds to HyperFormula or replaces (FILTER, INDEX, SORT, UNIQUE, SEQUENCE keep their names). */
export const EXCEL_FUNCTIONS: readonly string[] = [...Object.keys(ExcelPlugin.implementedFunctions), ...Object.keys(LambdaPlugin.implementedFunctions)];

/** Functions handled by rewriting the formula before HyperFormula reads it. */
export const REWRITTEN_FUNCTIONS: readonly string[] = ['LET'];

let registered = false;
export function registerExcelSyntax(): void {
  if (registered) return;
  const names: Record<string, string> = {};
  for (const id of EXCEL_FUNCTIONS) names[id] = id;
  HyperFormula.registerFunctionPlugin(ExcelPlugin, { enGB: names, enUS: names });
  HyperFormula.registerFunctionPlugin(LambdaPlugin, { enGB: names, enUS: names });
  registerAnchorAware();
  registered = true;
}
