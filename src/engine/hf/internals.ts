/**
 * The one adapter to HyperFormula beyond its public API (HyperFormula is
 * pinned to HF_VERSION in package.json). Everything the engine relies on that
 * HyperFormula does not export or document lives here, and
 * test/hf-contract.test.ts checks each of these assumptions against the
 * installed HyperFormula, so an upgrade that changes one fails that test
 * rather than a workbook:
 *
 * - the interpreter's AST node shapes (`type`, `args`, `procedureName`,
 *   `expression`, `reference.toSimpleCellAddress`) and state
 *   (`formulaAddress`, `formulaVertex`), which are not exported types;
 * - FunctionPlugin's protected members `runFunction`, `metadata`,
 *   `evaluateAst`, `arraySizeForAst` and `dependencyGraph.getCell`, reached
 *   through `EnginePlugin` (a FunctionPlugin subclass other plugins extend);
 * - the array cell (ArrayVertex) shape: `array.size`, `array.raw()`,
 *   `array.error`, `cellAddress`, `getRange`; and the wrap of its class's
 *   `setCellValue` (the class is not exported) that turns an outgrown spill
 *   into #SPILL! (`guardArrayResize`);
 * - a node `{ type: 'ERROR', error: value }` evaluating to `value` (LAMBDA
 *   parameter binding, `constantNode`);
 * - HyperFormula's message texts: a wrong argument count, an unknown named
 *   expression, a parse error (`ErrorType.ERROR` with a parser message), the
 *   never-computed formula cell.
 */
import { ArraySize, CellError, DetailedCellError, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';
import { closingQuote } from '../xlsx/refs';

/** The HyperFormula version this adapter was written and contract-tested against. */
export const HF_VERSION = '3.5.0';

export interface Addr {
  sheet: number;
  row: number;
  col: number;
}
/** HyperFormula's interpreter state, as plugins see it. */
export interface State {
  formulaAddress: Addr;
  arraysFlag: boolean;
  formulaVertex?: unknown;
}
/** HyperFormula's AST nodes, as far as the engine reads them. */
export interface AnyAst {
  type: string;
  value?: unknown;
  args?: AnyAst[];
  procedureName?: string;
  expression?: AnyAst;
  reference?: { toSimpleCellAddress(base: Addr): Addr };
}
export type Call = { args: AnyAst[]; procedureName?: string };

/** HyperFormula's node type for a parenthesised expression (its enum says PARENTHESIS; the value is "PARENTHESES"). */
export const PARENTHESES = 'PARENTHESES';

/** The expression inside any parentheses around `ast`. */
export function unparenthesised<T extends AnyAst | undefined>(ast: T): T {
  let a: AnyAst | undefined = ast;
  while (a && a.type === PARENTHESES && a.expression) a = a.expression;
  return a as T;
}
export type Impl = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** HyperFormula's message for a call with too few or too many arguments. */
export const WRONG_ARGUMENT_COUNT = 'Wrong number of arguments.';

/** The formula's own AST (the whole expression of the cell being evaluated), when HyperFormula says. */
export function formulaAst(state: State): AnyAst | undefined {
  return (state.formulaVertex as { formula?: AnyAst } | undefined)?.formula;
}

/** An AST node that evaluates to `value` as it is (a range keeps its shape). */
export function constantNode(value: unknown): AnyAst {
  return { type: 'ERROR', error: value } as unknown as AnyAst;
}

/** What an array cell (HyperFormula's ArrayVertex) shows of its spill. */
export interface ArrayCell {
  /** The spill's anchor. */
  at: Addr;
  /** The reserved size, when known. */
  size?: { width: number; height: number };
  /** The computed values (padding included), or undefined when not computed yet. */
  raw?: () => unknown[][];
  /** The spill is itself an error. */
  error?: CellError;
}

function isArrayVertex(v: unknown): v is { array: { size?: { width: number; height: number }; raw?: () => unknown[][]; error?: CellError }; cellAddress: Addr } {
  return typeof v === 'object' && v !== null && 'array' in v && typeof (v as { getRange?: unknown }).getRange === 'function';
}

/** The array cell anchored exactly at `at` in a plugin's dependency graph, or undefined. */
export function arrayCellIn(graph: unknown, at: Addr): ArrayCell | undefined {
  let vertex: unknown;
  try {
    vertex = (graph as { getCell(a: Addr): unknown }).getCell(at);
  } catch {
    return undefined;
  }
  if (!isArrayVertex(vertex)) return undefined;
  const a = vertex.cellAddress;
  if (a.sheet !== at.sheet || a.row !== at.row || a.col !== at.col) return undefined;
  const array = vertex.array;
  return {
    at: a,
    size: array.size,
    raw: typeof array.raw === 'function' ? () => array.raw!() : undefined,
    error: array.error,
  };
}

/**
 * A FunctionPlugin with HyperFormula's protected plugin machinery under
 * names the engine owns: argument evaluation and coercion (`call`), sizes of
 * arguments (`sizeOf`), evaluation of an AST (`evaluate`), and the array cell
 * at an address (`arrayCell`).
 */
export abstract class EnginePlugin extends FunctionPlugin {
  /** Runs `impl` on the arguments as HyperFormula's own functions do (counts, coercion, defaults per `implementedFunctions[name]`). */
  protected call(name: string, ast: Call, state: State, impl: Impl): unknown {
    const out = this.runFunction(ast.args as never, state as never, this.metadata(name), impl as never);
    if (isWrongArgumentCount(out)) return new CellError((out as CellError).type, `${name}: wrong number of arguments (${ast.args.length}).`);
    return out;
  }

  /** The size HyperFormula predicts for an argument's value. */
  protected sizeOf(ast: AnyAst, state: State): ArraySize {
    return this.arraySizeForAst(ast as never, state as never);
  }

  protected evaluate(ast: AnyAst, state: State): unknown {
    return this.evaluateAst(ast as never, state as never);
  }

  protected arrayCell(at: Addr): ArrayCell | undefined {
    return arrayCellIn(this.dependencyGraph, at);
  }

  /**
   * The formula (AST) of the defined name `name` as seen from the formula's sheet, so a plugin can
   * evaluate it where it stands; undefined when there is no such name or it holds a plain value.
   */
  protected nameFormula(name: string, state: State): AnyAst | undefined {
    const names = (this.interpreter as unknown as { namedExpressions?: { nearestNamedExpression(n: string, sheet: number): { address: Addr } | undefined } }).namedExpressions;
    const found = names?.nearestNamedExpression(name, state.formulaAddress.sheet);
    if (!found) return undefined;
    let vertex: unknown;
    try {
      vertex = (this.dependencyGraph as unknown as { getCell(a: Addr): unknown }).getCell(found.address);
    } catch {
      return undefined;
    }
    const formula = (vertex as { formula?: AnyAst } | undefined)?.formula;
    return formula && typeof formula === 'object' && 'type' in formula ? formula : undefined;
  }

  /** The graph, for helpers that read array cells outside a plugin method (`arrayCellIn`). */
  protected get graph(): unknown {
    return this.dependencyGraph;
  }

  /** A value as a number the way HyperFormula coerces one (numeric text, a date in the configured formats, TRUE is 1), or the error. */
  protected toNumber(v: unknown): number | CellError {
    const n = this.coerceScalarToNumberOrError(v as never) as unknown;
    return n instanceof CellError ? n : typeof n === 'number' ? n : (n as { val: number }).val;
  }
}

/** Helpers for a subclass of one of HyperFormula's own plugins (XLOOKUP's sizing, the counting functions). */
export function pluginInternals(plugin: FunctionPlugin): {
  call(name: string, args: unknown[], state: unknown, impl: Impl): unknown;
  sizeOf(ast: AnyAst, state: State): ArraySize;
  graph: unknown;
} {
  const p = plugin as unknown as {
    runFunction(a: unknown, s: unknown, m: unknown, f: Impl): unknown;
    metadata(n: string): unknown;
    arraySizeForAst(a: unknown, s: unknown): ArraySize;
    dependencyGraph: unknown;
  };
  return {
    call: (name, args, state, impl) => p.runFunction(args, state, p.metadata(name), impl),
    sizeOf: (ast, state) => p.arraySizeForAst(ast, state),
    graph: p.dependencyGraph,
  };
}

/** True when a value is HyperFormula's "wrong number of arguments" error. */
export function isWrongArgumentCount(v: unknown): boolean {
  return v instanceof CellError && v.message === WRONG_ARGUMENT_COUNT;
}

/**
 * The name in HyperFormula's "Named expression X not recognized." (#NAME?),
 * or undefined when the message says something else.
 */
export function unknownNameIn(message: string | undefined): string | undefined {
  const m = message ? /Named expression (\S+?)\.? not recognized/i.exec(message) : null;
  return m ? m[1] : undefined;
}

/**
 * A formula HyperFormula could not parse: its cell value is #ERROR! whose
 * message is the parser's ("Parsing error…"), as opposed to the engine's own
 * #ERROR! values (#CALC!, which carry CALC_MARKER).
 */
export function isParseError(v: unknown): boolean {
  if (!(v instanceof DetailedCellError || v instanceof CellError)) return false;
  return v.type === ErrorType.ERROR && /^Parsing error/i.test(v.message ?? '');
}

/**
 * HyperFormula's runFunction throws (instead of returning an error) when a
 * function it vectorizes over a range argument returns an array for one
 * element — XLOOKUP with a range of lookup values and a range if_not_found.
 */
export function isVectorizedArrayThrow(e: unknown): boolean {
  return e instanceof Error && e.message === 'Function returning array cannot be vectorized.';
}

/** HyperFormula's internal error for a formula cell read before it was computed (a bug path, not a value). */
export function isNotComputedError(e: unknown): boolean {
  return e instanceof Error && /Value of the formula cell is not computed/.test(e.message);
}

let guarded = false;

/**
 * HyperFormula reserves a spill's cells when it reads the formula and throws
 * ("Resizing to smaller array") — out of `buildFromSheets`, taking the whole
 * workbook down — when the result later needs more. `guardArrayResize` wraps
 * the array cell class's `setCellValue` once, so that an array value larger
 * than the reserved size is first passed to `replace` (which returns, say, a
 * #SPILL! error). The class is not exported; it is reached through the one
 * array cell of a throw-away engine. Returns false when that shape is gone.
 */
export function guardArrayResize(replace: (value: SimpleRangeValue, size: { width: number; height: number }) => unknown): boolean {
  if (guarded) return true;
  const probe = HyperFormula.buildFromArray([['={1,2}']], { licenseKey: 'gpl-v3' });
  try {
    const proto = arrayCellPrototype(probe);
    const original = proto?.setCellValue;
    if (!proto || typeof original !== 'function') return false;
    guarded = true;
    proto.setCellValue = function (this: { array?: { size?: { width: number; height: number } } }, value: unknown) {
      const size = this.array?.size;
      if (value instanceof SimpleRangeValue && size && (value.height() > size.height || value.width() > size.width)) value = replace(value, size);
      return original.call(this, value);
    };
    return true;
  } finally {
    probe.destroy();
  }
}

/** The prototype of HyperFormula's array cell class, found on an engine holding `={1,2}` at A1. */
export function arrayCellPrototype(engine: HyperFormula): { setCellValue?: (v: unknown) => unknown } | undefined {
  const graph = (engine as unknown as { _dependencyGraph?: { getCell(a: unknown): unknown } })._dependencyGraph;
  const vertex = graph?.getCell({ sheet: 0, row: 0, col: 0 });
  return vertex ? (Object.getPrototypeOf(vertex) as { setCellValue?: (v: unknown) => unknown }) : undefined;
}

/** The dependency graph of an engine (for `arrayCellIn` outside a plugin). */
export function engineGraph(engine: HyperFormula): unknown {
  return (engine as unknown as { _dependencyGraph?: unknown })._dependencyGraph;
}

/**
 * HyperFormula does not record a named expression inside an array constant
 * (`{FALSE;TRUE}`, where the engine defines bare TRUE and FALSE as names) as
 * a dependency of the formula, so the formula can be evaluated before the
 * name and the whole build aborts ("Value of the formula cell is not
 * computed"). Excel allows no names in array constants but TRUE and FALSE,
 * so those are written as the functions TRUE() and FALSE() there. `body` is
 * formula text; "strings" and 'sheet names' are left alone.
 */
export function arrayConstantBooleans(body: string): string {
  if (!body.includes('{')) return body;
  let depth = 0;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '"' || ch === "'") {
      const j = closingQuote(body, i);
      out += body.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    if (depth > 0 && /[TFtf]/.test(ch) && !/[A-Za-z0-9_.\\$]/.test(body[i - 1] ?? '')) {
      const m = /^(TRUE|FALSE)(?![A-Za-z0-9_.\\(!])/i.exec(body.slice(i));
      if (m) {
        out += `${m[1]}()`;
        i += m[1].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** The id of the sheet named `name` (as HyperFormula matches names: case-insensitively), or undefined. */
export function sheetIdIn(graph: unknown, name: string): number | undefined {
  const mapping = (graph as { sheetMapping?: { getSheetId(n: string): number | undefined } }).sheetMapping;
  return mapping?.getSheetId(name);
}

/** Sentinel for a formula cell HyperFormula has not computed yet (a reference it did not know of, e.g. through INDIRECT). */
export const NOT_COMPUTED = Symbol('not computed');

/** A cell's current value in the dependency graph (EmptyValue when blank), or NOT_COMPUTED. */
export function cellValueIn(graph: unknown, at: Addr): unknown {
  try {
    // A spill's cells read as #REF! (an ArrayVertex) before its formula ran: that is "not computed" too.
    const vertex = (graph as { getCell(a: Addr): unknown }).getCell(at) as { isComputed?: () => boolean } | undefined;
    if (vertex && typeof vertex.isComputed === 'function' && !vertex.isComputed()) return NOT_COMPUTED;
    return (graph as { getCellValue(a: Addr): unknown }).getCellValue(at);
  } catch (e) {
    if (isNotComputedError(e)) return NOT_COMPUTED;
    throw e;
  }
}

/** An AST node reading the named expression `name` (as the formula text `name` would). */
export function nameNode(name: string): AnyAst {
  return { type: 'NAMED_EXPRESSION', expressionName: name } as unknown as AnyAst;
}
