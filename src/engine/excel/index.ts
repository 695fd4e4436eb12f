/**
 * Excel's stored formula syntax for the headless engine: the function plugins
 * (ANCHORARRAY, SINGLE, INDEX with 0, the dynamic-array family, the LAMBDA
 * helpers), Excel-shaped sizing for HyperFormula's XLOOKUP, A1#
 * errors through the counting functions, the guard that turns an outgrown
 * spill into #SPILL!, and the LET rewrite (let.ts, applied by
 * toEngineFormula). `registerExcelSyntax` must run before an engine is built;
 * createEngine does it.
 */
import { HyperFormula } from 'hyperformula';
import { LambdaPlugin } from './lambda';
import { registerAnchorAware } from './anchorAware';
import { guardSpills } from './guard';
import { registerXlookupSizing } from './xlookup';
import { FinancialPlugin } from './financial';
import { DateTimePlugin } from './dateTime';
import { StatisticalPlugin } from './statistical';
import { TextPlugin } from './text';
import { LogicalPlugin } from './logical';
import { EngineeringPlugin } from './engineering';
import { MathPlugin } from './math';
import { DatabasePlugin } from './database';
import { InformationPlugin } from './information';
import { LookupPlugin } from './lookup';
import { DynamicArrayPlugin } from './dynamicArrays';
import { StringsPlugin } from './strings';
import { ConditionalPlugin } from './conditional';

/**
 * Excel's functions by family, one plugin per file (financial.ts, statistical.ts …). Each replaces
 * HyperFormula's function of the same name where it has one, so Excel's semantics win.
 */
const FAMILIES = [DynamicArrayPlugin, StringsPlugin, FinancialPlugin, DateTimePlugin, StatisticalPlugin, TextPlugin, LogicalPlugin, EngineeringPlugin, MathPlugin, DatabasePlugin, InformationPlugin, LookupPlugin, ConditionalPlugin];

export { expandLets } from './let';
export { excelError, CALC_MARKER } from './values';
export { DynamicArrayPlugin, LambdaPlugin, LookupPlugin, StringsPlugin };

/** Every function this module adds to HyperFormula or replaces (FILTER, INDEX, SORT, UNIQUE, SEQUENCE keep their names). */
export const EXCEL_FUNCTIONS: readonly string[] = [
  ...Object.keys(LambdaPlugin.implementedFunctions),
  ...FAMILIES.flatMap((p) => Object.keys(p.implementedFunctions)),
];

let registered = false;
export function registerExcelSyntax(): void {
  if (registered) return;
  const names: Record<string, string> = {};
  for (const id of EXCEL_FUNCTIONS) names[id] = id;
  HyperFormula.registerFunctionPlugin(LambdaPlugin, { enGB: names, enUS: names });
  for (const family of FAMILIES) {
    if (Object.keys(family.implementedFunctions).length === 0) continue;
    const own: Record<string, string> = {};
    for (const id of Object.keys(family.implementedFunctions)) own[id] = id;
    HyperFormula.registerFunctionPlugin(family, { enGB: own, enUS: own });
  }
  registerAnchorAware();
  registerXlookupSizing();
  guardSpills();
  registered = true;
}
