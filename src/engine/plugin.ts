/**
 * The HyperFormula adapter: one plugin class whose `implementedFunctions`
 * table is generated from the core's catalog. Each method only translates
 * arguments in (EmptyValue → null, dates stay serial numbers) and the core's
 * outcome out (LlmError → CellError carrying the message). Spill sizes are
 * fixed at parse time: exact when the arguments are literals; otherwise the
 * size Excel saved for the formula when a workbook is being read (see
 * spillHints.ts), else the largest the dataset allows (HyperFormula pads the
 * rest with empty cells).
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  ImplementedFunctions,
  SimpleRangeValue,
} from 'hyperformula';
import { FUNCTIONS, FunctionSpec } from '../core/catalog';
import { callFunction, requiredArgCount, wrongArgumentCount } from '../core/functions';
import { Market } from '../core/market';
import { Arg, LlmError, Outcome, isError } from '../core/result';
import { HintAddress, hintKey, reportSpill, spillHint } from './spillHints';
import { State, isRoot } from './excel/sizing';
import { isWrongArgumentCount, PARENTHESES, pluginInternals } from './hf/internals';

type AnyAst = { type: string; value?: unknown; args?: AnyAst[]; procedureName?: string; expression?: AnyAst };

let market: () => Market;
/** The engine binds the dataset once; the plugin class is static for HyperFormula. */
export function bindMarket(get: () => Market): void {
  market = get;
}

const methodName = (spec: FunctionSpec) => `llm${spec.name}`;
const sizeMethodName = (spec: FunctionSpec) => `llm${spec.name}Size`;

function toCellError(e: LlmError): CellError {
  return new CellError(e.code === '#N/A' ? ErrorType.NA : ErrorType.VALUE, e.message);
}

/** A HyperFormula argument as the core's raw Arg, or a message why it cannot be one. */
function toArg(v: unknown, spec: FunctionSpec, i: number): Arg | CellError {
  if (v === undefined || v === EmptyValue || v === null) return null;
  if (v instanceof SimpleRangeValue) {
    const p = spec.params[i];
    return new CellError(ErrorType.VALUE, `${spec.name}: ${p.name} must be a single value, not a ${v.height()}×${v.width()} range.`);
  }
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: number }).val; // a date/percent/currency number
  return new CellError(ErrorType.VALUE, `${spec.name}: argument ${i + 1} has an unsupported type.`);
}

function toResult(out: Outcome, maxRows: number, maxCols: number, hinted = false): unknown {
  if (isError(out)) return toCellError(out);
  if (!Array.isArray(out)) return out;
  if (out.length === 0) return new CellError(ErrorType.NA, 'no rows to show.');
  if (out.length > maxRows || out[0].length > maxCols) {
    return new CellError(
      ErrorType.VALUE,
      hinted
        ? `the result is ${out.length}×${out[0].length} but the workbook saved this spill as ${maxRows}×${maxCols}: it grew since Excel last calculated; recalculate in Excel (or use literal arguments for an exact size).`
        : `the result has ${out.length} rows but only ${maxRows} fit: use literal arguments so the spill can be sized exactly.`,
    );
  }
  return SimpleRangeValue.onlyValues(out as never);
}

/** The value of a literal argument, or undefined when it is computed at run time. */
function literal(ast: AnyAst | undefined): Arg | undefined {
  if (!ast) return null;
  switch (ast.type) {
    case 'EMPTY':
      return null;
    case 'STRING':
    case 'NUMBER':
      return ast.value as Arg;
    case 'MINUS_UNARY_OP':
      return ast.value && (ast.value as AnyAst).type === 'NUMBER' ? -((ast.value as AnyAst).value as number) : undefined;
    case PARENTHESES:
      return literal(ast.expression);
    case 'FUNCTION_CALL':
      if (ast.procedureName === 'TRUE' && !ast.args?.length) return true;
      if (ast.procedureName === 'FALSE' && !ast.args?.length) return false;
      return undefined;
    default:
      return undefined;
  }
}

/** The largest spill each array function can produce over this dataset. */
function upperBound(spec: FunctionSpec, m: Market): [rows: number, cols: number] {
  switch (spec.name) {
    case 'SERIES': {
      let most = 1;
      for (const e of m.entities.keys()) for (const k of m.metrics.keys()) most = Math.max(most, m.observations(e, k).length);
      return [most + 1, 2];
    }
    case 'RANK':
      return [m.entities.size + 1, 2]; // + the optional header row
    case 'ABOUT': {
      // One row per metric and scope group of the entity with the most, plus the header row.
      let most = 0;
      for (const e of m.entities.keys()) {
        let rows = 0;
        for (const k of m.metricsOf(e)) rows += m.groups(m.observations(e, k), true).size;
        most = Math.max(most, rows);
      }
      return [most + 1, 8];
    }
    case 'ENTITIES':
      return [Math.max(1, m.entities.size), 4];
    case 'METRICS':
      return [Math.max(1, m.metrics.size), 4];
    case 'SOURCES':
      return [Math.max(1, m.sources.size), 3];
    default:
      return [1, 1];
  }
}

const bounds = new Map<string, [number, number]>();

/**
 * The spill size, computed once per formula: parsing asks for it, and every
 * evaluation asks again to check the result fits (for literal arguments that
 * would mean computing the answer twice). Literal arguments give the exact
 * size; computed ones the size Excel saved for the cell, when there is one
 * (remembered per cell, since later recalculations run without the hints),
 * else the dataset's upper bound.
 */
const literalSize = new WeakMap<AnyAst[], [number, number] | null>();
const savedSize = new WeakMap<AnyAst[], Map<string, [number, number]>>();
/** Cells where this call is the whole formula (not an argument of another function): its result is the spill. */
const rootAt = new WeakMap<AnyAst[], Set<string>>();
/**
 * `state` is given while HyperFormula sizes the formula (the saved size is
 * taken, and only for the formula's outermost call); evaluation passes only
 * the address and finds the size decided then.
 */
function predictedSize(spec: FunctionSpec, args: AnyAst[], at?: HintAddress, state?: State): { size: [number, number]; hinted: boolean } {
  let exact = literalSize.get(args);
  if (exact === undefined) literalSize.set(args, (exact = exactSize(spec, args)));
  if (state && at && isRoot(state)) {
    let roots = rootAt.get(args);
    if (!roots) rootAt.set(args, (roots = new Set()));
    roots.add(hintKey(at));
  }
  if (exact) return { size: exact, hinted: false };
  if (at) {
    const hint = state && isRoot(state) ? spillHint(at) : undefined;
    let perCell = savedSize.get(args);
    if (hint) {
      if (!perCell) savedSize.set(args, (perCell = new Map()));
      perCell.set(hintKey(at), [hint[0], hint[1]]);
    }
    const known = perCell?.get(hintKey(at));
    if (known) return { size: known, hinted: true };
  }
  let b = bounds.get(spec.name);
  if (!b) bounds.set(spec.name, (b = upperBound(spec, market())));
  return { size: b, hinted: false };
}

/** The exact size when every argument is a literal (the answer is computed once, here); null otherwise. */
function exactSize(spec: FunctionSpec, args: AnyAst[]): [number, number] | null {
  if (args.length > spec.params.length) return [1, 1];
  const lits = args.map(literal);
  if (!lits.every((v) => v !== undefined)) return null;
  const out = callFunction(market(), spec.name, lits as Arg[]);
  return Array.isArray(out) && out.length ? [out.length, out[0].length] : [1, 1];
}

export class LlmPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};
}

const proto = LlmPlugin.prototype as unknown as Record<string, unknown>;
for (const spec of FUNCTIONS) {
  const metadata = {
    method: methodName(spec),
    parameters: spec.params.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional })),
    vectorizationForbidden: true,
    ...(spec.result === 'rows' ? { sizeOfResultArrayMethod: sizeMethodName(spec) } : {}),
  };
  LlmPlugin.implementedFunctions[`LLM.${spec.name}`] = metadata;
  if (spec.bare) LlmPlugin.implementedFunctions[spec.name] = metadata;

  /** The engine's evaluated arguments as the core's, then the core's answer (or why an argument cannot be one). */
  const minArgs = requiredArgCount(spec);
  const call = (raw: unknown[]): Outcome | CellError => {
    const args: Arg[] = [];
    for (let i = 0; i < raw.length; i++) {
      const a = toArg(raw[i], spec, i);
      if (a instanceof CellError) return a;
      args.push(a);
    }
    // Trailing omitted optionals only: a required argument left empty must reach the core as given.
    while (args.length > minArgs && args[args.length - 1] === null) args.pop();
    return callFunction(market(), spec.name, args);
  };
  // A scalar function's implementation needs nothing from the cell: made once, not per call.
  const scalar = (...raw: unknown[]) => {
    const out = call(raw);
    return out instanceof CellError ? out : toResult(out, 1, 1);
  };
  proto[methodName(spec)] = function (this: LlmPlugin, ast: { args: AnyAst[] }, state: { formulaAddress?: HintAddress }) {
    const impl =
      spec.result !== 'rows'
        ? scalar
        : (...raw: unknown[]) => {
            const out = call(raw);
            if (out instanceof CellError) return out;
            const at = state.formulaAddress;
            if (Array.isArray(out) && out.length && at && rootAt.get(ast.args)?.has(hintKey(at))) reportSpill(at, out.length, out[0].length);
            const { size, hinted } = predictedSize(spec, ast.args, state.formulaAddress);
            return toResult(out, size[0], size[1], hinted);
          };
    // HyperFormula's runFunction (through the adapter) checks the argument count and evaluates the arguments.
    const result = pluginInternals(this).call(`LLM.${spec.name}`, ast.args, state, impl);
    // An error in an argument propagates, as in Excel; say where it came from.
    if (result instanceof CellError && !result.message && (result.type === ErrorType.NA || result.type === ErrorType.VALUE)) {
      return new CellError(result.type, `${spec.name}: an argument is itself ${result.type === ErrorType.NA ? '#N/A' : '#VALUE!'}; fix the cell it comes from.`);
    }
    if (isWrongArgumentCount(result)) {
      return toCellError(wrongArgumentCount(spec, ast.args.length));
    }
    return result;
  };
  if (spec.result === 'rows') {
    proto[sizeMethodName(spec)] = function (ast: { args: AnyAst[] }, state: State) {
      const [rows, cols] = predictedSize(spec, ast.args, state?.formulaAddress, state).size;
      return new ArraySize(cols, rows);
    };
  }
}

/** Every name the plugin registers, with its (identity) English translation. */
export function pluginTranslations(): Record<string, Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of Object.keys(LlmPlugin.implementedFunctions)) names[id] = id;
  return { enGB: names, enUS: names };
}
