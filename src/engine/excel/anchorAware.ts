/**
 * In Excel, A1# where A1 holds no spill is a broken reference: every function
 * given it returns #REF!. HyperFormula's counting functions instead count an
 * error value as a value (COUNTA) or skip it (COUNT, COUNTBLANK), which would
 * turn a broken A1# into a plausible number. These wrappers keep HyperFormula's
 * own implementation and only let an ANCHORARRAY argument's #REF! through.
 */
import { CellError, FunctionPlugin, FunctionPluginDefinition, HyperFormula } from 'hyperformula';
import { PARENTHESES, pluginInternals } from '../hf/internals';
import { spillAt } from './dynamicArrays';
import { AnyAst, State } from './sizing';

// COUNTBLANK is the statistical family's own (statistical.ts), which lets an A1# #REF! through itself.
export const ANCHOR_AWARE = ['COUNTA', 'COUNT'] as const;

function anchorArgError(plugin: FunctionPlugin, ast: { args: AnyAst[] }, state: State): CellError | undefined {
  const graph = pluginInternals(plugin).graph;
  for (let arg of ast.args) {
    while (arg.type === PARENTHESES && arg.expression) arg = arg.expression;
    if (arg.type === 'FUNCTION_CALL' && arg.procedureName === 'ANCHORARRAY') {
      const spill = spillAt(graph, arg.args?.[0], state);
      if (spill instanceof CellError) return spill;
    }
  }
  return undefined;
}

/** Registers, for each function, a subclass of its HyperFormula plugin whose method checks A1# arguments first. */
export function registerAnchorAware(): void {
  for (const name of ANCHOR_AWARE) {
    const Base = HyperFormula.getFunctionPlugin(name) as (FunctionPluginDefinition & (new (...a: never[]) => FunctionPlugin)) | undefined;
    if (!Base || (Base as unknown as { anchorAware?: boolean }).anchorAware) continue;
    const meta = Base.implementedFunctions[name];
    const method = meta.method;
    const inherited = (Base.prototype as unknown as Record<string, (ast: unknown, state: unknown) => unknown>)[method];
    class AnchorAware extends (Base as unknown as typeof FunctionPlugin) {
      static anchorAware = true;
    }
    AnchorAware.implementedFunctions = { [name]: meta };
    (AnchorAware.prototype as unknown as Record<string, unknown>)[method] = function (this: FunctionPlugin, ast: { args: AnyAst[] }, state: State) {
      return anchorArgError(this, ast, state) ?? inherited.call(this, ast, state);
    };
    HyperFormula.registerFunction(name, AnchorAware as unknown as FunctionPluginDefinition, { enGB: { [name]: name }, enUS: { [name]: name } });
  }
}
