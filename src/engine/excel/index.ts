/**
 * Excel's stored formula syntax for the headless engine: the function plugins
 * (ANCHORARRAY, SINGLE, INDEX with 0, the dynamic-array family, the LAMBDA
 * helpers), Excel-shaped sizing for HyperFormula's XLOOKUP, AVERAGEIFS, A1#
 * errors through the counting functions, the guard that turns an outgrown
 * spill into #SPILL!, and the LET rewrite (let.ts, applied by
 * toEngineFormula). `registerExcelSyntax` must run before an engine is built;
 * createEngine does it.
 */
import { HyperFormula } from 'hyperformula';
import { ExcelPlugin } from './plugin';
import { LambdaPlugin } from './lambda';
import { registerAnchorAware } from './anchorAware';
import { guardSpills } from './guard';
import { registerXlookupSizing } from './xlookup';
import { registerAverageifs } from './averageifs';

export { expandLets } from './let';
export { excelError, CALC_MARKER } from './values';
export { ExcelPlugin, LambdaPlugin };

/** Every function this module adds to HyperFormula or replaces (FILTER, INDEX, SORT, UNIQUE, SEQUENCE keep their names). */
export const EXCEL_FUNCTIONS: readonly string[] = [...Object.keys(ExcelPlugin.implementedFunctions), ...Object.keys(LambdaPlugin.implementedFunctions), 'AVERAGEIFS'];

let registered = false;
export function registerExcelSyntax(): void {
  if (registered) return;
  const names: Record<string, string> = {};
  for (const id of EXCEL_FUNCTIONS) names[id] = id;
  HyperFormula.registerFunctionPlugin(ExcelPlugin, { enGB: names, enUS: names });
  HyperFormula.registerFunctionPlugin(LambdaPlugin, { enGB: names, enUS: names });
  registerAnchorAware();
  registerXlookupSizing();
  registerAverageifs();
  guardSpills();
  registered = true;
}
