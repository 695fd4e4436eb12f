/**
 * LAMBDA as the last argument of Excel's helper functions: BYROW, BYCOL, MAP,
 * REDUCE, SCAN, MAKEARRAY. The LAMBDA is never evaluated as a value; for each
 * row, column or element its body is evaluated with its parameters (stored as
 * `_xlpm.` names, which HyperFormula parses as names) bound to the values.
 * Binding replaces each parameter in a copy of the body by a constant node
 * holding the value itself, so ranges keep their shape and nothing is printed
 * and re-parsed. A LAMBDA inside the body shadows the parameters it redefines.
 *
 * A LAMBDA on its own in a cell is #CALC!, as in Excel; calling one directly
 * (`=LAMBDA(x,x+1)(2)`) is syntax HyperFormula cannot parse, and a LAMBDA
 * stored as a defined name cannot be called: both are reported unsupported.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { constantNode, EnginePlugin, PARENTHESES } from '../hf/internals';
import { AnyAst, argState, fit, isOmitted, literalNumber, remember, report, rootHint, State } from './sizing';
import { calcError, Grid, isEmpty, result, toInt, transpose } from './values';

interface Lambda {
  params: string[];
  body: AnyAst;
}
type Call = { args: AnyAst[]; procedureName?: string };

const paramName = (ast: AnyAst): string | undefined =>
  ast.type === 'NAMED_EXPRESSION' ? String((ast as { expressionName?: string }).expressionName ?? '').replace(/^_xlpm\./i, '').toLowerCase() : undefined;

function lambdaOf(ast: AnyAst | undefined, fn: string, arity: number): Lambda | CellError {
  while (ast && ast.type === PARENTHESES && ast.expression) ast = ast.expression;
  if (!ast || ast.type !== 'FUNCTION_CALL' || ast.procedureName !== 'LAMBDA' || !ast.args?.length) {
    return new CellError(ErrorType.VALUE, `${fn}: the last argument must be a LAMBDA written in the formula (a LAMBDA from a defined name is not supported).`);
  }
  const params = ast.args.slice(0, -1).map(paramName);
  if (params.some((p) => p === undefined)) return new CellError(ErrorType.VALUE, `${fn}: a LAMBDA parameter must be a name.`);
  if (params.length !== arity) return new CellError(ErrorType.VALUE, `${fn}: its LAMBDA must take ${arity} parameter${arity > 1 ? 's' : ''}, this one takes ${params.length}.`);
  return { params: params as string[], body: ast.args[ast.args.length - 1] };
}

/** A copy of `ast` with each bound name replaced by a node that evaluates to its value. */
function bind(ast: AnyAst, env: ReadonlyMap<string, unknown>): AnyAst {
  const name = paramName(ast);
  if (name !== undefined && env.has(name)) return constantNode(env.get(name));
  let inner = env;
  if (ast.type === 'FUNCTION_CALL' && ast.procedureName === 'LAMBDA' && ast.args) {
    const shadowed = new Map(env);
    for (const p of ast.args.slice(0, -1)) {
      const n = paramName(p);
      if (n !== undefined) shadowed.delete(n);
    }
    inner = shadowed;
  }
  const copy: Record<string, unknown> = { ...ast };
  for (const key of ['args', 'value', 'left', 'right', 'expression'] as const) {
    const v = (ast as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      copy[key] = v.map((x) => (Array.isArray(x) ? x.map((y) => bind(y as AnyAst, inner)) : bind(x as AnyAst, inner)));
    } else if (v && typeof v === 'object' && 'type' in v) copy[key] = bind(v as AnyAst, inner);
  }
  return copy as unknown as AnyAst;
}

export class LambdaPlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    LAMBDA: { method: 'lambda', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    BYROW: { method: 'byrow', sizeOfResultArrayMethod: 'byrowSize', parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY }] },
    BYCOL: { method: 'bycol', sizeOfResultArrayMethod: 'bycolSize', parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY }] },
    MAP: { method: 'map', sizeOfResultArrayMethod: 'mapSize', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    REDUCE: { method: 'reduce', sizeOfResultArrayMethod: 'reduceSize', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    SCAN: { method: 'scan', sizeOfResultArrayMethod: 'scanSize', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    MAKEARRAY: { method: 'makearray', sizeOfResultArrayMethod: 'makearraySize', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
  };

  /** Evaluates the LAMBDA's body with its parameters bound; a result must be one value. */
  private apply(fn: string, l: Lambda, values: unknown[], state: State, allowArray = false): unknown {
    const env = new Map(l.params.map((p, i) => [p, values[i]] as const));
    const v = this.evaluate(bind(l.body, env), state);
    if (v instanceof SimpleRangeValue && !allowArray) {
      if (v.width() === 1 && v.height() === 1) return v.data[0][0];
      return calcError(`${fn}: the LAMBDA returned a ${v.height()}×${v.width()} array where one value is needed (Excel does not nest arrays).`);
    }
    return v === EmptyValue ? 0 : v;
  }

  private arg(ast: AnyAst | undefined, state: State): unknown {
    if (!ast || ast.type === 'EMPTY') return EmptyValue;
    return this.evaluate(ast, state);
  }

  private done(fn: string, ast: Call, state: State, out: unknown): unknown {
    report(ast, state, out);
    return fit(ast, state, fn, out);
  }

  private check(fn: string, ast: Call, min: number, max: number): CellError | undefined {
    const n = ast.args.length;
    if (n < min || n > max) return new CellError(ErrorType.NA, `${fn}: wrong number of arguments (${n}).`);
    return undefined;
  }

  lambda(): unknown {
    return calcError('a LAMBDA must be called: pass it to BYROW, BYCOL, MAP, REDUCE, SCAN or MAKEARRAY.');
  }

  private byLine(fn: 'BYROW' | 'BYCOL', ast: Call, state: State): unknown {
    const bad = this.check(fn, ast, 2, 2);
    if (bad) return bad;
    const l = lambdaOf(ast.args[1], fn, 1);
    if (l instanceof CellError) return l;
    const arr = this.arg(ast.args[0], state);
    if (arr instanceof CellError) return arr;
    const data = arr instanceof SimpleRangeValue ? (arr.data as Grid) : [[arr]];
    const lines = fn === 'BYROW' ? data : transpose(data);
    const out = lines.map((line) => this.apply(fn, l, [SimpleRangeValue.onlyValues((fn === 'BYROW' ? [line] : line.map((v) => [v])) as never)], state));
    return this.done(fn, ast, state, result(fn === 'BYROW' ? out.map((v) => [v]) : [out]));
  }

  byrow(ast: Call, state: State): unknown {
    return this.byLine('BYROW', ast, state);
  }
  bycol(ast: Call, state: State): unknown {
    return this.byLine('BYCOL', ast, state);
  }
  byrowSize(ast: Call, state: State): ArraySize {
    const a = this.sizeOf(ast.args[0], argState(state));
    return remember(ast, state, { h: a.height, w: 1 });
  }
  bycolSize(ast: Call, state: State): ArraySize {
    const a = this.sizeOf(ast.args[0], argState(state));
    return remember(ast, state, { h: 1, w: a.width });
  }

  map(ast: Call, state: State): unknown {
    const bad = this.check('MAP', ast, 2, 254);
    if (bad) return bad;
    const arrays = ast.args.slice(0, -1).map((a) => this.arg(a, state));
    const l = lambdaOf(ast.args[ast.args.length - 1], 'MAP', arrays.length);
    if (l instanceof CellError) return l;
    const grids: Grid[] = [];
    for (const a of arrays) {
      if (a instanceof CellError) return a;
      grids.push(a instanceof SimpleRangeValue ? (a.data as Grid) : [[a]]);
    }
    const h = grids[0].length;
    const w = grids[0][0].length;
    if (grids.some((g) => g.length !== h || g[0].length !== w)) return new CellError(ErrorType.VALUE, 'MAP: every array must have the same size.');
    const out = grids[0].map((row, i) => row.map((_, j) => this.apply('MAP', l, grids.map((g) => (isEmpty(g[i][j]) ? 0 : g[i][j])), state)));
    return this.done('MAP', ast, state, result(out));
  }
  mapSize(ast: Call, state: State): ArraySize {
    const a = this.sizeOf(ast.args[0], argState(state));
    return remember(ast, state, { h: a.height, w: a.width });
  }

  /** REDUCE and SCAN: the accumulator runs over the array row by row. */
  private accumulate(fn: 'REDUCE' | 'SCAN', ast: Call, state: State): unknown {
    const bad = this.check(fn, ast, 3, 3);
    if (bad) return bad;
    const l = lambdaOf(ast.args[2], fn, 2);
    if (l instanceof CellError) return l;
    let acc = isOmitted(ast.args[0]) ? 0 : this.arg(ast.args[0], state);
    if (acc instanceof CellError) return acc;
    const arr = this.arg(ast.args[1], state);
    if (arr instanceof CellError) return arr;
    const data = arr instanceof SimpleRangeValue ? (arr.data as Grid) : [[arr]];
    const steps: Grid = data.map((row) =>
      row.map((v) => {
        acc = this.apply(fn, l, [acc, isEmpty(v) ? 0 : v], state, fn === 'REDUCE');
        return acc;
      }),
    );
    const out = fn === 'SCAN' ? result(steps) : acc instanceof SimpleRangeValue ? result(acc.data as Grid) : acc;
    return this.done(fn, ast, state, out);
  }

  reduce(ast: Call, state: State): unknown {
    return this.accumulate('REDUCE', ast, state);
  }
  scan(ast: Call, state: State): unknown {
    return this.accumulate('SCAN', ast, state);
  }
  reduceSize(ast: Call, state: State): ArraySize {
    // An accumulator that is an array has a size known only from the values: the saved one, else one cell.
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }
  scanSize(ast: Call, state: State): ArraySize {
    const a = this.sizeOf(ast.args[1], argState(state));
    return remember(ast, state, { h: a.height, w: a.width });
  }

  makearray(ast: Call, state: State): unknown {
    const bad = this.check('MAKEARRAY', ast, 3, 3);
    if (bad) return bad;
    const l = lambdaOf(ast.args[2], 'MAKEARRAY', 2);
    if (l instanceof CellError) return l;
    const rows = toInt(this.arg(ast.args[0], state), 'MAKEARRAY', 'rows');
    if (rows instanceof CellError) return rows;
    const cols = toInt(this.arg(ast.args[1], state), 'MAKEARRAY', 'columns');
    if (cols instanceof CellError) return cols;
    if (rows < 1 || cols < 1) return new CellError(ErrorType.VALUE, 'MAKEARRAY: rows and columns must be at least 1.');
    if (rows * cols > 1_048_576) return new CellError(ErrorType.NUM, 'MAKEARRAY: more than 1,048,576 values.');
    const out: Grid = [];
    for (let r = 1; r <= rows; r++) out.push(Array.from({ length: cols }, (_, c) => this.apply('MAKEARRAY', l, [r, c + 1], state)));
    return this.done('MAKEARRAY', ast, state, result(out));
  }
  makearraySize(ast: Call, state: State): ArraySize {
    const rows = literalNumber(ast.args[0]);
    const cols = literalNumber(ast.args[1]);
    if (rows !== undefined && cols !== undefined && rows >= 1 && cols >= 1) return remember(ast, state, { h: rows, w: cols });
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }
}
