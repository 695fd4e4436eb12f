/**
 * Excel's logical functions where HyperFormula differs from Excel:
 *
 * - AND, OR, XOR read their arguments as Excel does: a number is FALSE when 0;
 *   text or a blank inside a reference, a range or an array is skipped; text
 *   passed directly counts when it spells TRUE or FALSE and is skipped
 *   otherwise (Excel: AND(TRUE,"0") is TRUE); an argument left empty
 *   (`AND(TRUE,)`) is FALSE; any error is the result; and no logical value at
 *   all is #VALUE!. (HyperFormula coerced text and blanks in references, so
 *   AND(2, A1) with A1 = "1" was #VALUE!, Excel TRUE.)
 * - IF evaluates only the value it chooses for a single test, and IFS reads
 *   no test after the first TRUE one (IFS(-1, x, "0", y) is x, not #VALUE!).
 * - SWITCH compares as Excel does (a blank is 0, never FALSE or ""; text
 *   without regard to case; a number never equals a logical) and an error
 *   among the values it compares is the result.
 * - IFERROR and IFNA over arrays of different sizes: an element the fallback
 *   does not reach is #N/A, as in Excel's broadcasting.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { AnyAst, ArrayFunctionPlugin, fit, remember, report, rootHint, State } from './sizing';
import { Cell, err, isEmpty, rawNumber, toBool } from './values';
import { unparenthesised } from '../hf/internals';

type Call = { args: AnyAst[] };

const A = FunctionArgumentType;

const REFERENCE_NODES = new Set(['CELL_REFERENCE', 'CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE', 'NAMED_EXPRESSION']);

/** Whether an argument is written as a reference (A1, A1:B2, a name): Excel then skips its text and blanks. */
function isReference(ast: AnyAst | undefined): boolean {
  const inner = unparenthesised(ast);
  return !!inner && REFERENCE_NODES.has(inner.type);
}

/** The logical value of one element of a reference, range or array: undefined when Excel skips it. */
function fromReference(v: Cell): boolean | CellError | undefined {
  if (v instanceof CellError) return v;
  if (typeof v === 'boolean') return v;
  const n = rawNumber(v);
  return n === undefined ? undefined : n !== 0;
}

/** The logical value of an argument given directly (a literal or a computed value). */
function fromValue(v: Cell): boolean | CellError | undefined {
  if (v instanceof CellError) return v;
  if (typeof v === 'boolean') return v;
  if (isEmpty(v)) return undefined;
  const n = rawNumber(v);
  if (n !== undefined) return n !== 0;
  if (typeof v === 'string') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
  }
  return undefined;
}

/** Excel's equality for SWITCH: a blank is 0, text compares without case, types never mix. */
function switchEquals(a: Cell, b: Cell): boolean {
  const na = isEmpty(a) ? 0 : rawNumber(a);
  const nb = isEmpty(b) ? 0 : rawNumber(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (typeof a === 'string' && typeof b === 'string') return a.toUpperCase() === b.toUpperCase();
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
  return false;
}

/** A test's truth: a number is TRUE unless 0, a blank FALSE, text only when it spells TRUE or FALSE. */
function testValue(fn: string, v: Cell): boolean | CellError {
  if (v instanceof CellError) return v;
  const b = toBool(v, fn, 'the test');
  return b instanceof CellError ? err(ErrorType.VALUE, `${fn}: the test ${JSON.stringify(v)} is neither a number nor TRUE or FALSE.`) : b;
}

/**
 * Excel's broadcasting of arrays element by element: a single row or column
 * (or value) repeats, and an element some array does not reach is #N/A.
 */
function broadcast(values: Cell[], f: (elements: Cell[]) => Cell, fn: string): Cell {
  const grids = values.map((v) => (v instanceof SimpleRangeValue ? (v.data as Cell[][]) : [[v]]));
  const h = Math.max(...grids.map((g) => g.length));
  const w = Math.max(...grids.map((g) => g[0].length));
  const at = (g: Cell[][], r: number, c: number): Cell => (g.length === 1 ? g[0] : g[r])?.[g[0].length === 1 ? 0 : c];
  const rows: Cell[][] = [];
  for (let r = 0; r < h; r++) {
    const row: Cell[] = [];
    for (let c = 0; c < w; c++) {
      const els = grids.map((g) => at(g, r, c));
      row.push(els.some((x) => x === undefined) ? err(ErrorType.NA, `${fn}: an argument array does not reach this element.`) : f(els));
    }
    rows.push(row);
  }
  return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : SimpleRangeValue.onlyValues(rows as never);
}

const anyArg = { argumentType: A.ANY };
const scalar = { argumentType: A.SCALAR, passSubtype: true };

export class LogicalPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    AND: { method: 'and', parameters: [anyArg], repeatLastArgs: 1 },
    OR: { method: 'or', parameters: [anyArg], repeatLastArgs: 1 },
    XOR: { method: 'xor', parameters: [anyArg], repeatLastArgs: 1 },
    SWITCH: { method: 'switch', parameters: [{ argumentType: A.NOERROR }, scalar, scalar], repeatLastArgs: 1 },
    IF: { method: 'if', sizeOfResultArrayMethod: 'ifSize', vectorizationForbidden: true, parameters: [anyArg, anyArg, { ...anyArg, optionalArg: true }] },
    IFS: { method: 'ifs', parameters: [scalar, scalar], repeatLastArgs: 2 },
    IFERROR: { method: 'iferror', sizeOfResultArrayMethod: 'fallbackSize', vectorizationForbidden: true, parameters: [anyArg, anyArg] },
    IFNA: { method: 'ifna', sizeOfResultArrayMethod: 'fallbackSize', vectorizationForbidden: true, parameters: [anyArg, anyArg] },
  };

  /**
   * The logical values of AND/OR/XOR's arguments in order, or the first error
   * among them; #VALUE! when there is none.
   */
  private logicals(fn: string, ast: Call, args: Cell[]): boolean[] | CellError {
    const out: boolean[] = [];
    for (let i = 0; i < args.length; i++) {
      const v = args[i];
      const node = ast.args[i];
      if (node?.type === 'EMPTY') {
        out.push(false);
        continue;
      }
      const cells = v instanceof SimpleRangeValue ? v.data.flat() : [v];
      const ref = v instanceof SimpleRangeValue || isReference(node);
      for (const c of cells) {
        const b = ref ? fromReference(c) : fromValue(c);
        if (b instanceof CellError) return b;
        if (b !== undefined) out.push(b);
      }
    }
    if (out.length === 0) return err(ErrorType.VALUE, `${fn}: no logical value among the arguments (text and blanks in references are skipped).`);
    return out;
  }

  /** AND(logical1, …): TRUE when every logical value is TRUE. */
  and(ast: Call, state: State): unknown {
    return this.run('AND', ast, state, (...args: Cell[]) => {
      const b = this.logicals('AND', ast, args);
      return b instanceof CellError ? b : b.every((x) => x);
    });
  }

  /** OR(logical1, …): TRUE when any logical value is TRUE. */
  or(ast: Call, state: State): unknown {
    return this.run('OR', ast, state, (...args: Cell[]) => {
      const b = this.logicals('OR', ast, args);
      return b instanceof CellError ? b : b.some((x) => x);
    });
  }

  /** XOR(logical1, …): TRUE when an odd number of the logical values are TRUE. */
  xor(ast: Call, state: State): unknown {
    return this.run('XOR', ast, state, (...args: Cell[]) => {
      const b = this.logicals('XOR', ast, args);
      return b instanceof CellError ? b : b.filter((x) => x).length % 2 === 1;
    });
  }

  /** SWITCH(expression, value1, result1, …, [default]): the result of the first value equal to the expression. */
  switch(ast: Call, state: State): unknown {
    return this.run('SWITCH', ast, state, (selector: Cell, ...rest: Cell[]) => {
      if (rest.length < 2) return err(ErrorType.NA, 'SWITCH: give at least one value and its result.');
      let i = 0;
      for (; i + 1 < rest.length; i += 2) {
        if (rest[i] instanceof CellError) return rest[i];
        if (switchEquals(selector, rest[i])) return rest[i + 1];
      }
      if (i < rest.length) return rest[i];
      return err(ErrorType.NA, 'SWITCH: no value matches the expression and there is no default.');
    });
  }

  /**
   * IF(logical_test, value_if_true, [value_if_false]). A single test gives the
   * chosen value whole (only that one is evaluated; IF(TRUE,1,{1,2,3}) is 1);
   * an array test chooses element by element, the values broadcast against
   * it, #N/A where an array does not reach (HyperFormula took a missing
   * element as FALSE).
   */
  if(ast: Call, state: State): unknown {
    const n = ast.args.length;
    if (n < 2 || n > 3) return err(ErrorType.NA, `IF: wrong number of arguments (${n}); give a test, a value if true and optionally a value if false.`);
    const arg = (i: number): Cell => (i < n ? (this.evaluate(ast.args[i], state) as Cell) : false);
    const test = arg(0);
    let out: Cell;
    if (!(test instanceof SimpleRangeValue)) {
      const b = testValue('IF', test);
      out = b instanceof CellError ? b : arg(b ? 1 : 2);
    } else {
      const yes = arg(1);
      const no = arg(2);
      out = broadcast([test, yes, no], ([t, y, f]) => {
        const b = testValue('IF', t);
        return b instanceof CellError ? b : b ? y : f;
      }, 'IF');
    }
    report(ast, state, out);
    return fit(ast, state, 'IF', out);
  }

  /** IF's spill: an array test's broadcast shape; for a single test, the size Excel saved, else the larger value. */
  ifSize(ast: Call, state: State): ArraySize {
    const [t, y, f] = [0, 1, 2].map((i) => this.size(ast.args[i], state));
    if (t.h === 1 && t.w === 1) return remember(ast, state, rootHint(state) ?? { h: Math.max(y.h, f.h), w: Math.max(y.w, f.w) });
    return remember(ast, state, { h: Math.max(t.h, y.h, f.h), w: Math.max(t.w, y.w, f.w) });
  }

  /** IFS(test1, value1, …): the value of the first TRUE test (tests after it are not read); #N/A when none is TRUE or an array does not reach. */
  ifs(ast: Call, state: State): unknown {
    return this.run('IFS', ast, state, (...args: Cell[]) => {
      if (args.length % 2 !== 0) return err(ErrorType.NA, 'IFS: every test needs a value.');
      for (let i = 0; i < args.length; i += 2) {
        if (args[i] === undefined) return err(ErrorType.NA, 'IFS: a test is an array smaller than the result here.');
        const b = testValue('IFS', args[i]);
        if (b instanceof CellError) return b;
        if (b) return args[i + 1] === undefined ? err(ErrorType.NA, 'IFS: a value is an array smaller than the result here.') : args[i + 1];
      }
      return err(ErrorType.NA, 'IFS: no test is TRUE.');
    });
  }

  /**
   * IFERROR and IFNA: a single value that is a caught error gives the whole
   * fallback (a range spills); an array value is checked element by element,
   * the fallback broadcast against it, #N/A where it does not reach.
   */
  private fallback(fn: string, ast: Call, state: State, caught: (e: CellError) => boolean): unknown {
    // Evaluated here rather than through runFunction, which returns an error argument before the function sees it.
    if (ast.args.length !== 2) return err(ErrorType.NA, `${fn}: wrong number of arguments (${ast.args.length}); give a value and a fallback.`);
    const v = this.evaluate(ast.args[0], state) as Cell;
    let out: Cell;
    if (!(v instanceof SimpleRangeValue)) out = v instanceof CellError && caught(v) ? this.evaluate(ast.args[1], state) : v;
    else {
      const f = this.evaluate(ast.args[1], state) as Cell;
      const fb = f instanceof SimpleRangeValue ? (f.data as Cell[][]) : [[f]];
      const h = Math.max(v.height(), fb.length);
      const w = Math.max(v.width(), fb[0].length);
      const at = (g: Cell[][], r: number, c: number): Cell => (g.length === 1 ? g[0] : g[r])?.[g[0].length === 1 ? 0 : c];
      const rows: Cell[][] = [];
      for (let r = 0; r < h; r++) {
        const row: Cell[] = [];
        for (let c = 0; c < w; c++) {
          const x = at(v.data as Cell[][], r, c);
          if (x === undefined) row.push(err(ErrorType.NA, `${fn}: the value array does not reach this element.`));
          else if (!(x instanceof CellError && caught(x))) row.push(x);
          else {
            const y = at(fb, r, c);
            row.push(y === undefined ? err(ErrorType.NA, `${fn}: the fallback array does not reach this element.`) : y);
          }
        }
        rows.push(row);
      }
      out = rows.length === 1 && rows[0].length === 1 ? rows[0][0] : SimpleRangeValue.onlyValues(rows as never);
    }
    report(ast, state, out);
    return fit(ast, state, fn, out);
  }

  /** IFERROR(value, value_if_error): value, or value_if_error where value is an error. */
  iferror(ast: Call, state: State): unknown {
    return this.fallback('IFERROR', ast, state, () => true);
  }

  /** IFNA(value, value_if_na): value, or value_if_na where value is #N/A. */
  ifna(ast: Call, state: State): unknown {
    return this.fallback('IFNA', ast, state, (e) => e.type === ErrorType.NA);
  }

  /**
   * The spill IFERROR/IFNA reserve: an array value broadcast with the
   * fallback; a single value is one cell unless Excel saved a spill for the
   * formula (a caught error giving a range fallback).
   */
  fallbackSize(ast: Call, state: State): ArraySize {
    const v = this.size(ast.args[0], state);
    const f = this.size(ast.args[1], state);
    if (v.h === 1 && v.w === 1) return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
    return remember(ast, state, { h: Math.max(v.h, f.h), w: Math.max(v.w, f.w) });
  }
}
