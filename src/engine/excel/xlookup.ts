/**
 * HyperFormula's XLOOKUP sizes its result only when both arrays are written
 * as cell ranges; with an array constant, a spill (`A1#`) or a function
 * (`CHOOSECOLS(…)`) it reserves one cell, so a lookup that returns a whole
 * row or column is #VALUE!. This keeps HyperFormula's XLOOKUP and sizes it
 * from the arguments' shapes, as Excel does: a vertical lookup returns one
 * row as wide as return_array, a horizontal one a column as tall.
 */
import { ArraySize, CellError, ErrorType, FunctionPlugin, FunctionPluginDefinition, HyperFormula } from 'hyperformula';
import { isVectorizedArrayThrow, pluginInternals } from '../hf/internals';
import { AnyAst, argState, remember, State } from './sizing';

export function registerXlookupSizing(): void {
  const Base = HyperFormula.getFunctionPlugin('XLOOKUP') as (FunctionPluginDefinition & (new (...a: never[]) => FunctionPlugin)) | undefined;
  if (!Base || (Base as unknown as { shapeSized?: boolean }).shapeSized) return;
  const meta = Base.implementedFunctions.XLOOKUP;
  const method = meta.method;
  const inherited = (Base.prototype as unknown as Record<string, (ast: unknown, state: unknown) => unknown>)[method];
  class ShapeSized extends (Base as unknown as typeof FunctionPlugin) {
    static shapeSized = true;
  }
  ShapeSized.implementedFunctions = { XLOOKUP: { ...meta, sizeOfResultArrayMethod: 'xlookupShapeSize' } };
  const proto = ShapeSized.prototype as unknown as Record<string, unknown>;
  // A range of lookup values is looked up one by one; HyperFormula throws when one of those returns an
  // array (a range if_not_found), which would abort the whole workbook: that cell is #VALUE! instead.
  proto[method] = function (this: FunctionPlugin, ast: unknown, state: unknown) {
    try {
      return inherited.call(this, ast, state);
    } catch (e) {
      if (!isVectorizedArrayThrow(e)) throw e;
      return new CellError(ErrorType.VALUE, 'XLOOKUP: with several lookup values, if_not_found must be one value, not a range (the engine cannot nest arrays).');
    }
  };
  proto.xlookupShapeSize = function (this: FunctionPlugin, ast: { args: AnyAst[] }, state: State): ArraySize {
    const size = (a: AnyAst | undefined) => {
      const s = a ? pluginInternals(this).sizeOf(a, argState(state)) : ArraySize.scalar();
      return { h: s.height, w: s.width };
    };
    if (ast.args.length < 3) return ArraySize.error();
    const look = size(ast.args[1]);
    const ret = size(ast.args[2]);
    if (look.w === 1 && ret.h === look.h) return remember(ast, state, { h: 1, w: ret.w });
    if (look.h === 1 && ret.w === look.w) return remember(ast, state, { h: ret.h, w: 1 });
    return ArraySize.error();
  };
  HyperFormula.registerFunction('XLOOKUP', ShapeSized as unknown as FunctionPluginDefinition, { enGB: { XLOOKUP: 'XLOOKUP' }, enUS: { XLOOKUP: 'XLOOKUP' } });
}
