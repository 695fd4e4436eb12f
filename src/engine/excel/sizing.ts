/**
 * Spill sizing for the Excel-syntax functions. HyperFormula fixes a formula's
 * spill size when it parses it, before any value is known:
 *
 * - a size that follows from the arguments' shapes (ranges, array literals,
 *   literal counts) is exact;
 * - a size that depends on values (FILTER's kept rows, UNIQUE's distinct rows,
 *   TAKE/SEQUENCE counts read from cells) is, for the formula's outermost
 *   array function, the size Excel saved for the cell (`spillHint`), and
 *   otherwise an upper bound (the input's size), so results never outgrow it;
 * - with neither, a value-dependent count is taken as one cell.
 *
 * The hint only describes the formula's whole result, so it is applied to the
 * outermost call and passed down only through arguments whose shape is the
 * result's shape (SORT's array, arithmetic). A nested call such as the FILTER
 * in TAKE(FILTER(…),3) uses its upper bound instead.
 */
import { ArraySize, CellError, ErrorType, SimpleRangeValue } from 'hyperformula';
import { Addr, AnyAst, Call, EnginePlugin, formulaAst, Impl, PARENTHESES, State } from '../hf/internals';
import { reportSpill, spillHint } from '../spillHints';

export type { Addr, AnyAst, State } from '../hf/internals';
export interface Size {
  h: number;
  w: number;
}
interface Predicted extends Size {
  root: boolean;
  /** Excel saved a size for this cell, and this call is the formula's outermost. */
  saved: boolean;
}

/** States this module made for arguments that are not the result's shape. */
const nested = new WeakSet<object>();

/**
 * HyperFormula starts prediction with a plain { formulaAddress, arraysFlag }
 * object and passes it unchanged through operators; built-in functions make
 * InterpreterState instances for their arguments. So a plain object not made
 * here is the formula's outermost level.
 */
export function isRoot(state: State): boolean {
  return Object.getPrototypeOf(state) === Object.prototype && !nested.has(state);
}

export function argState(state: State): State {
  const s = { formulaAddress: state.formulaAddress, arraysFlag: true };
  nested.add(s);
  return s;
}

/** The size Excel saved for this formula, if this call is the formula's outermost. */
export function rootHint(state: State): Size | undefined {
  if (!isRoot(state)) return undefined;
  const h = spillHint(state.formulaAddress);
  return h ? { h: h[0], w: h[1] } : undefined;
}

const addrKey = (a: Addr) => `${a.sheet},${a.row},${a.col}`;
const predictions = new WeakMap<object, Map<string, Predicted>>();

/** Records a prediction (an AST is shared by cells whose formulas read alike, hence per address). */
export function remember(ast: object, state: State, size: Size): ArraySize {
  let m = predictions.get(ast);
  if (!m) predictions.set(ast, (m = new Map()));
  // The formula's outermost call takes the size Excel saved for the cell, even where the arguments'
  // shapes give another: Excel knew the result (an error where an argument is one, say, is one cell),
  // and a result that outgrows it is #SPILL! saying so (`fit`), which calc --check reports.
  const hint = rootHint(state);
  const h = Math.max(1, hint ? hint.h : size.h);
  const w = Math.max(1, hint ? hint.w : size.w);
  m.set(addrKey(state.formulaAddress), { h, w, root: isRoot(state), saved: hint !== undefined });
  return h === 1 && w === 1 ? ArraySize.scalar() : new ArraySize(w, h);
}

/**
 * A result that outgrows what was reserved would break HyperFormula's array
 * cell; it becomes #SPILL! saying so (Excel's own error for a spill that does
 * not fit). A nested result larger than its one-cell guess is left alone: only
 * the outermost value must fit.
 */
export function fit(ast: object, state: State, fn: string, value: unknown): unknown {
  if (!(value instanceof SimpleRangeValue)) return value;
  const p = predictions.get(ast)?.get(addrKey(state.formulaAddress));
  if (!p) return value;
  const rows = value.height();
  const cols = value.width();
  if (rows <= p.h && cols <= p.w) return value;
  if (p.h === 1 && p.w === 1 && !p.root) return value;
  const why = p.saved
    ? `Excel saved a ${p.h}×${p.w} spill for this cell; the spill grew`
    : `only ${p.h}×${p.w} cells were reserved when the formula was read, because its size depends on values from cells and the workbook saved no size for it`;
  return new CellError(ErrorType.SPILL, `${fn}: the result is ${rows}×${cols}; ${why}.`);
}

/** True when this call is the formula's whole expression (known only while evaluating). */
export function isWholeFormula(ast: object, state: State): boolean {
  let f = formulaAst(state);
  while (f && f.type === PARENTHESES && f.expression) f = f.expression;
  return f === ast;
}

/**
 * Tells the workbook checker how big the formula's result really was, so it
 * can say a spill grew or shrank. Only the whole formula's result counts: a
 * nested call's size says nothing about the cell's spill.
 */
export function report(ast: object, state: State, value: unknown): void {
  if (value instanceof CellError || !isWholeFormula(ast, state)) return;
  const [rows, cols] = value instanceof SimpleRangeValue ? [value.height(), value.width()] : [1, 1];
  reportSpill(state.formulaAddress, rows, cols);
}

/** Like `fit`, but only for a prediction made at the formula's outermost level. */
export function fitRoot(ast: object, state: State, fn: string, value: unknown): unknown {
  const p = predictions.get(ast)?.get(addrKey(state.formulaAddress));
  return p && p.root ? fit(ast, state, fn, value) : value;
}

/** The value of a literal number argument (5, -1, (2), TRUE), or undefined when computed. */
export function literalNumber(ast: AnyAst | undefined): number | undefined {
  if (!ast) return undefined;
  switch (ast.type) {
    case 'NUMBER':
      return Math.trunc(ast.value as number);
    case 'MINUS_UNARY_OP': {
      const v = literalNumber(ast.value as AnyAst);
      return v === undefined ? undefined : -v;
    }
    case 'PLUS_UNARY_OP':
      return literalNumber(ast.value as AnyAst);
    case PARENTHESES:
      return literalNumber(ast.expression);
    case 'FUNCTION_CALL':
      if (ast.procedureName === 'TRUE' && !ast.args?.length) return 1;
      if (ast.procedureName === 'FALSE' && !ast.args?.length) return 0;
      return undefined;
    case 'NAMED_EXPRESSION': {
      // The engine defines bare TRUE and FALSE as names (Excel writes them without parentheses).
      const name = String((ast as { expressionName?: string }).expressionName ?? '').toUpperCase();
      return name === 'TRUE' ? 1 : name === 'FALSE' ? 0 : undefined;
    }
    default:
      return undefined;
  }
}

export const isOmitted = (ast: AnyAst | undefined): boolean => !ast || ast.type === 'EMPTY';


/**
 * The base of the Excel-syntax function plugins: `run` evaluates and coerces
 * the arguments as HyperFormula's own functions do, then reports and fits the
 * result to the size reserved for it; `size` is an argument's predicted size.
 */
export abstract class ArrayFunctionPlugin extends EnginePlugin {
  protected run(name: string, ast: Call, state: State, impl: Impl): unknown {
    const out = this.call(name, ast, state, impl);
    report(ast, state, out);
    return fit(ast, state, name, out);
  }

  protected size(ast: AnyAst | undefined, state: State): Size {
    if (!ast || ast.type === 'EMPTY') return { h: 1, w: 1 };
    const s = this.sizeOf(ast, state);
    return { h: s.height, w: s.width };
  }
}
