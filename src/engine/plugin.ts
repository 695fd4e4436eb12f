/**
 * The HyperFormula adapter: one plugin class whose `implementedFunctions`
 * table is generated from the core's catalog. Each method only translates
 * arguments in (EmptyValue → null, dates stay serial numbers) and the core's
 * outcome out (LlmError → CellError carrying the message). Spill sizes are
 * fixed at parse time: exact when the arguments are literals, otherwise the
 * largest the dataset allows (HyperFormula pads the rest with empty cells).
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

function toResult(out: Outcome, maxRows: number, maxCols: number): unknown {
  if (isError(out)) return toCellError(out);
  if (!Array.isArray(out)) return out;
  if (out.length === 0) return new CellError(ErrorType.NA, 'no rows to show.');
  if (out.length > maxRows || out[0].length > maxCols) {
    return new CellError(ErrorType.VALUE, `the result has ${out.length} rows but only ${maxRows} fit: use literal arguments so the spill can be sized exactly.`);
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
    case 'PARENTHESIS':
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
      return [Math.max(1, m.entities.size), 2];
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
 * would mean computing the answer twice).
 */
const sizeOfCall = new WeakMap<AnyAst[], [number, number]>();
function predictedSize(spec: FunctionSpec, args: AnyAst[]): [number, number] {
  let size = sizeOfCall.get(args);
  if (!size) sizeOfCall.set(args, (size = computeSize(spec, args)));
  return size;
}

function computeSize(spec: FunctionSpec, args: AnyAst[]): [number, number] {
  const m = market();
  if (args.length > spec.params.length) return [1, 1];
  const lits = args.map(literal);
  if (lits.every((v) => v !== undefined)) {
    const out = callFunction(m, spec.name, lits as Arg[]);
    return Array.isArray(out) && out.length ? [out.length, out[0].length] : [1, 1];
  }
  let b = bounds.get(spec.name);
  if (!b) bounds.set(spec.name, (b = upperBound(spec, m)));
  return b;
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
  let registered: unknown;

  proto[methodName(spec)] = function (this: LlmPlugin, ast: { args: AnyAst[] }, state: unknown) {
    const impl =
      spec.result !== 'rows'
        ? scalar
        : (...raw: unknown[]) => {
            const out = call(raw);
            if (out instanceof CellError) return out;
            const [rows, cols] = predictedSize(spec, ast.args);
            return toResult(out, rows, cols);
          };
    // runFunction checks the argument count and evaluates the arguments.
    const result = (this as unknown as { runFunction: (a: unknown, s: unknown, m: unknown, f: unknown) => unknown }).runFunction(
      ast.args,
      state,
      (registered ??= this.metadata(`LLM.${spec.name}`)),
      impl,
    );
    // An error in an argument propagates, as in Excel; say where it came from.
    if (result instanceof CellError && !result.message && (result.type === ErrorType.NA || result.type === ErrorType.VALUE)) {
      return new CellError(result.type, `${spec.name}: an argument is itself ${result.type === ErrorType.NA ? '#N/A' : '#VALUE!'}; fix the cell it comes from.`);
    }
    if (result instanceof CellError && result.message === 'Wrong number of arguments.') {
      return toCellError(wrongArgumentCount(spec, ast.args.length));
    }
    return result;
  };
  if (spec.result === 'rows') {
    proto[sizeMethodName(spec)] = function (ast: { args: AnyAst[] }) {
      const [rows, cols] = predictedSize(spec, ast.args);
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
