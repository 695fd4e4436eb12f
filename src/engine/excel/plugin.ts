/**
 * Excel's dynamic-array syntax and functions that HyperFormula 3.5 lacks or
 * implements with other semantics, as one function plugin:
 *
 * - ANCHORARRAY (A1#) and SINGLE (@), which Excel stores as _xlfn.ANCHORARRAY
 *   and _xlfn.SINGLE;
 * - INDEX with a row or column of 0 (the whole column or row);
 * - FILTER with Excel's arguments (include selects rows of a 2-D array;
 *   if_empty) — HyperFormula's FILTER is Google Sheets' (conditions only);
 * - TAKE, DROP, CHOOSECOLS, CHOOSEROWS, TOCOL, TOROW, WRAPROWS, WRAPCOLS,
 *   EXPAND, SORTBY, XMATCH, CONCAT, TEXTBEFORE, TEXTAFTER;
 * - SORT, UNIQUE and SEQUENCE again, so that they take the spill size Excel
 *   saved (see sizing.ts) where their size depends on values.
 *
 * Semantics follow Microsoft's function reference; test/excel-syntax.test.ts
 * checks the examples it states. Every function returns a value or a
 * CellError with a message, never throws.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { spillHint } from '../spillHints';
import { Addr, AnyAst, argState, fit, fitRoot, isOmitted, literalNumber, remember, report, rootHint, Size, State } from './sizing';
import {
  calcError,
  Cell,
  compareValues,
  firstError,
  Grid,
  grid,
  isEmpty,
  rawNumber,
  result,
  sameValue,
  toBool,
  toInt,
  transpose,
} from './values';

type Impl = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Internals {
  runFunction(args: AnyAst[], state: State, metadata: unknown, impl: Impl): unknown;
  arraySizeForAst(ast: AnyAst, state: State): ArraySize;
  evaluateAst(ast: AnyAst, state: State): unknown;
  metadata(name: string): unknown;
  dependencyGraph: { getCell(a: Addr): unknown };
}
type Call = { args: AnyAst[] };

const A = FunctionArgumentType;
const anyOpt = { argumentType: A.ANY, optionalArg: true };
const range = { argumentType: A.RANGE };
const rangeOpt = { argumentType: A.RANGE, optionalArg: true };

const err = (type: ErrorType, message: string) => new CellError(type, message);

/** The spill anchored at a cell: its values without the padding rows/columns HyperFormula may have reserved. */
interface Spill {
  start: Addr;
  data: Grid;
}

function isArrayVertex(v: unknown): v is { array: { size?: { width: number; height: number }; raw?: () => Grid; error?: CellError }; cellAddress: Addr } {
  return typeof v === 'object' && v !== null && 'array' in v && typeof (v as { getRange?: unknown }).getRange === 'function';
}

const sameAddr = (a: Addr, b: Addr) => a.sheet === b.sheet && a.row === b.row && a.col === b.col;

function trimPadding(data: Grid): Grid {
  let h = data.length;
  while (h > 1 && data[h - 1].every(isEmpty)) h--;
  let w = data[0]?.length ?? 0;
  while (w > 1 && data.slice(0, h).every((r) => isEmpty(r[w - 1]))) w--;
  return data.slice(0, h).map((r) => r.slice(0, w));
}

/** The array spilled from the cell `ref` names, or #REF! as Excel gives when that cell holds no spill. */
export function spillAt(graph: { getCell(a: Addr): unknown }, ref: AnyAst | undefined, state: State): Spill | CellError {
  while (ref && ref.type === 'PARENTHESIS') ref = ref.expression;
  if (!ref || ref.type !== 'CELL_REFERENCE' || !ref.reference) {
    return err(ErrorType.REF, 'ANCHORARRAY (A1#) needs a single cell reference: the top-left cell of a spill.');
  }
  const at = ref.reference.toSimpleCellAddress(state.formulaAddress);
  let vertex: unknown;
  try {
    vertex = graph.getCell(at);
  } catch {
    vertex = undefined;
  }
  if (!isArrayVertex(vertex) || !sameAddr(vertex.cellAddress, at)) {
    return err(ErrorType.REF, 'the cell before # holds no spilled array (A1# refers to the whole spill of a dynamic-array formula in A1).');
  }
  if (vertex.array.error) return err(ErrorType.REF, `the spill anchored there is itself an error (${vertex.array.error.type}).`);
  if (typeof vertex.array.raw !== 'function') return err(ErrorType.REF, 'the spill anchored there has not been computed (a circular reference?).');
  return { start: at, data: trimPadding(vertex.array.raw()) };
}

export class ExcelPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    ANCHORARRAY: { method: 'anchorarray', sizeOfResultArrayMethod: 'anchorarraySize', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true },
    SINGLE: { method: 'single', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true },
    INDEX: { method: 'index', sizeOfResultArrayMethod: 'indexSize', parameters: [range, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true },
    FILTER: { method: 'filter', sizeOfResultArrayMethod: 'filterSize', parameters: [range, range, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    UNIQUE: { method: 'unique', sizeOfResultArrayMethod: 'uniqueSize', parameters: [range, anyOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    SORT: { method: 'sort', sizeOfResultArrayMethod: 'sortSize', parameters: [range, rangeOpt, rangeOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    SORTBY: { method: 'sortby', sizeOfResultArrayMethod: 'sortSize', parameters: [range, range, anyOpt], repeatLastArgs: 2, vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    SEQUENCE: { method: 'sequence', sizeOfResultArrayMethod: 'sequenceSize', parameters: [{ argumentType: A.ANY }, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true },
    TAKE: { method: 'take', sizeOfResultArrayMethod: 'takeSize', parameters: [range, anyOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    DROP: { method: 'drop', sizeOfResultArrayMethod: 'dropSize', parameters: [range, anyOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    CHOOSECOLS: { method: 'choosecols', sizeOfResultArrayMethod: 'chooseSize', parameters: [range, { argumentType: A.ANY }], repeatLastArgs: 1, vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    CHOOSEROWS: { method: 'chooserows', sizeOfResultArrayMethod: 'chooseSize', parameters: [range, { argumentType: A.ANY }], repeatLastArgs: 1, vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    TOCOL: { method: 'tocol', sizeOfResultArrayMethod: 'tocolSize', parameters: [range, anyOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    TOROW: { method: 'torow', sizeOfResultArrayMethod: 'torowSize', parameters: [range, anyOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    WRAPROWS: { method: 'wraprows', sizeOfResultArrayMethod: 'wrapSize', parameters: [range, { argumentType: A.ANY }, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    WRAPCOLS: { method: 'wrapcols', sizeOfResultArrayMethod: 'wrapSize', parameters: [range, { argumentType: A.ANY }, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    EXPAND: { method: 'expand', sizeOfResultArrayMethod: 'expandSize', parameters: [range, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    LOOKUP: { method: 'lookup', parameters: [{ argumentType: A.NOERROR }, range, rangeOpt] },
    XMATCH: { method: 'xmatch', parameters: [{ argumentType: A.NOERROR }, range, anyOpt, anyOpt] },
    CONCAT: { method: 'concat', parameters: [{ argumentType: A.ANY }], repeatLastArgs: 1, vectorizationForbidden: true },
    TEXTBEFORE: { method: 'textbefore', parameters: [{ argumentType: A.NOERROR }, { argumentType: A.ANY }, anyOpt, anyOpt, anyOpt, anyOpt] },
    TEXTSPLIT: { method: 'textsplit', sizeOfResultArrayMethod: 'textsplitSize', parameters: [{ argumentType: A.NOERROR }, anyOpt, anyOpt, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true },
    TEXTAFTER: { method: 'textafter', parameters: [{ argumentType: A.NOERROR }, { argumentType: A.ANY }, anyOpt, anyOpt, anyOpt, anyOpt] },
  };

  private get x(): Internals {
    return this as unknown as Internals;
  }

  /** Runs a function: argument evaluation and counts by HyperFormula, the result checked against the reserved size. */
  private run(name: string, ast: Call, state: State, impl: Impl): unknown {
    const out = this.x.runFunction(ast.args, state, this.x.metadata(name), impl);
    if (out instanceof CellError && out.message === 'Wrong number of arguments.') {
      return err(out.type, `${name}: wrong number of arguments (${ast.args.length}).`);
    }
    report(ast, state, out);
    return fit(ast, state, name, out);
  }

  private size(ast: AnyAst | undefined, state: State): Size {
    if (!ast || ast.type === 'EMPTY') return { h: 1, w: 1 };
    const s = this.x.arraySizeForAst(ast, state);
    return { h: s.height, w: s.width };
  }

  // ---- A1# and @ ---------------------------------------------------------

  private spillAt(ref: AnyAst | undefined, state: State): Spill | CellError {
    return spillAt(this.x.dependencyGraph, ref, state);
  }

  anchorarray(ast: Call, state: State): unknown {
    if (ast.args.length !== 1) return err(ErrorType.NA, 'ANCHORARRAY: wrong number of arguments; use ANCHORARRAY(cell), written A1# in Excel.');
    const spill = this.spillAt(ast.args[0], state);
    if (spill instanceof CellError) return spill;
    // The anchor's spill may have changed size since this formula was read: only the outermost value must fit.
    const out = SimpleRangeValue.onlyValues(spill.data as never);
    report(ast, state, out);
    return fitRoot(ast, state, 'ANCHORARRAY', out);
  }

  anchorarraySize(ast: Call, state: State): ArraySize {
    const hint = rootHint(state);
    if (hint) return remember(ast, state, hint);
    let ref: AnyAst | undefined = ast.args[0];
    while (ref && ref.type === 'PARENTHESIS') ref = ref.expression;
    if (ref?.type === 'CELL_REFERENCE' && ref.reference) {
      const at = ref.reference.toSimpleCellAddress(state.formulaAddress);
      let vertex: unknown;
      try {
        vertex = this.x.dependencyGraph.getCell(at);
      } catch {
        vertex = undefined;
      }
      if (isArrayVertex(vertex) && vertex.array.size && sameAddr(vertex.cellAddress, at)) {
        return remember(ast, state, { h: vertex.array.size.height, w: vertex.array.size.width });
      }
      const saved = spillHint(at);
      if (saved) return remember(ast, state, { h: saved[0], w: saved[1] });
    }
    return remember(ast, state, { h: 1, w: 1 });
  }

  /**
   * @ (implicit intersection): a reference gives the cell in the formula's own
   * row (a column) or column (a row), #VALUE! when there is none; an array
   * gives its first element; a single value is itself.
   */
  single(ast: Call, state: State): unknown {
    const out = this.intersect(ast, state);
    report(ast, state, out);
    return out;
  }

  private intersect(ast: Call, state: State): unknown {
    if (ast.args.length !== 1) return err(ErrorType.NA, 'SINGLE: wrong number of arguments; use SINGLE(value), written @value in Excel.');
    let arg = ast.args[0];
    while (arg.type === 'PARENTHESIS' && arg.expression) arg = arg.expression;
    let start: Addr | undefined;
    let data: Grid;
    if (arg.type === 'FUNCTION_CALL' && arg.procedureName === 'ANCHORARRAY') {
      const spill = this.spillAt(arg.args?.[0], state);
      if (spill instanceof CellError) return spill;
      ({ start, data } = spill);
    } else {
      const v = this.x.evaluateAst(arg, state);
      if (!(v instanceof SimpleRangeValue)) return v instanceof CellError || v !== EmptyValue ? v : 0;
      const r = (v as unknown as { range?: { start: Addr } }).range;
      start = r?.start;
      data = v.data as Grid;
    }
    const h = data.length;
    const w = data[0]?.length ?? 0;
    if (h === 0 || w === 0) return err(ErrorType.VALUE, '@ of an empty range.');
    if (!start) return isEmpty(data[0][0]) ? 0 : data[0][0];
    const here = state.formulaAddress;
    const row = h === 1 ? 0 : here.row - start.row;
    const col = w === 1 ? 0 : here.col - start.col;
    if (row < 0 || row >= h || col < 0 || col >= w) {
      return err(ErrorType.VALUE, `@ (implicit intersection): the ${h}×${w} range does not cross this formula's row or column.`);
    }
    const v = data[row][col];
    return isEmpty(v) ? 0 : v;
  }

  // ---- INDEX -------------------------------------------------------------

  /** Which part INDEX selects: a row and a column, each 0 for "all"; or why not. */
  private indexPick(h: number, w: number, rowArg: unknown, colArg: unknown, colOmitted: boolean): [number, number] | CellError {
    let r = toInt(rowArg, 'INDEX', 'row_num');
    if (r instanceof CellError) return r;
    let c: number | CellError = colOmitted ? 0 : toInt(colArg, 'INDEX', 'column_num');
    if (c instanceof CellError) return c;
    // A one-row array takes its single index as the column (INDEX({1,2,3},2) is 2).
    if (colOmitted && h === 1 && w > 1) [r, c] = [1, r === 0 ? 0 : r];
    else if (colOmitted && w === 1) c = 1;
    if (r < 0 || c < 0) return err(ErrorType.VALUE, 'INDEX: row_num and column_num must not be negative.');
    if (r > h || c > w) return err(ErrorType.REF, `INDEX: position (${r}, ${c}) is outside the ${h}×${w} array.`);
    return [r, c];
  }

  index(ast: Call, state: State): unknown {
    return this.run('INDEX', ast, state, (arr: SimpleRangeValue, rowArg: unknown, colArg: unknown, area: unknown) => {
      if (area !== undefined && !isOmitted(ast.args[3])) {
        const a = toInt(area, 'INDEX', 'area_num');
        if (a instanceof CellError) return a;
        if (a !== 1) return err(ErrorType.REF, 'INDEX: area_num other than 1 needs a multi-area reference, which the engine does not support.');
      }
      const data = arr.data as Grid;
      const pick = this.indexPick(arr.height(), arr.width(), isOmitted(ast.args[1]) ? 0 : rowArg, colArg, isOmitted(ast.args[2]));
      if (pick instanceof CellError) return pick;
      const [r, c] = pick;
      if (r > 0 && c > 0) {
        const v = data[r - 1][c - 1];
        return isEmpty(v) ? 0 : v;
      }
      const rows = r === 0 ? data : [data[r - 1]];
      return result(c === 0 ? rows : rows.map((row) => [row[c - 1]]));
    });
  }

  indexSize(ast: Call, state: State): ArraySize {
    const { h, w } = this.size(ast.args[0], argState(state));
    const rowAst = ast.args[1];
    const colAst = ast.args[2];
    const r = isOmitted(rowAst) ? 0 : literalNumber(rowAst);
    const c = isOmitted(colAst) ? (h === 1 || w === 1 ? 1 : 0) : literalNumber(colAst);
    if (r === undefined || c === undefined) return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
    const oneRow = h === 1 && w > 1 && isOmitted(colAst);
    if (oneRow) return remember(ast, state, r === 0 ? { h: 1, w } : { h: 1, w: 1 });
    return remember(ast, state, { h: r === 0 ? h : 1, w: c === 0 ? w : 1 });
  }

  // ---- FILTER, UNIQUE, SORT, SORTBY, SEQUENCE ----------------------------

  private static include(v: Cell): boolean | CellError {
    if (v instanceof CellError) return v;
    if (isEmpty(v)) return false;
    if (typeof v === 'boolean') return v;
    const n = rawNumber(v);
    if (n !== undefined) return n !== 0;
    return err(ErrorType.VALUE, `FILTER: include must be TRUE/FALSE or numbers, got ${JSON.stringify(v)}.`);
  }

  filter(ast: Call, state: State): unknown {
    return this.run('FILTER', ast, state, (arr: SimpleRangeValue, inc: SimpleRangeValue, ifEmpty: unknown) => {
      const data = arr.data as Grid;
      const keep = inc.data as Grid;
      const h = arr.height();
      const w = arr.width();
      let byRow: boolean;
      if (inc.width() === 1 && inc.height() === h) byRow = true;
      else if (inc.height() === 1 && inc.width() === w) byRow = false;
      else {
        return err(ErrorType.VALUE, `FILTER: include is ${inc.height()}×${inc.width()}; it must be one column as tall as array (${h} rows) or one row as wide (${w} columns).`);
      }
      const flags = (byRow ? keep.map((r) => r[0]) : keep[0]).map(ExcelPlugin.include);
      const bad = flags.find((f) => f instanceof CellError);
      if (bad) return bad;
      const kept = byRow ? data.filter((_, i) => flags[i] === true) : data.map((row) => row.filter((_, j) => flags[j] === true));
      if (kept.length === 0 || kept[0].length === 0) {
        if (!isOmitted(ast.args[2])) return ifEmpty instanceof SimpleRangeValue ? result(ifEmpty.data as Grid) : ifEmpty === EmptyValue ? 0 : ifEmpty;
        return calcError('FILTER: no rows match, and if_empty was not given.');
      }
      return result(kept);
    });
  }

  filterSize(ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    const inc = this.size(ast.args[1], argState(state));
    const hint = rootHint(state);
    const byCol = inc.h === 1 && inc.w === a.w && a.w > 1 && a.h !== 1;
    const size = byCol ? { h: a.h, w: hint ? hint.w : a.w } : { h: hint ? hint.h : a.h, w: a.w };
    if (!isOmitted(ast.args[2])) {
      const e = this.size(ast.args[2], argState(state));
      size.h = Math.max(size.h, e.h);
      size.w = Math.max(size.w, e.w);
    }
    return remember(ast, state, size);
  }

  unique(ast: Call, state: State): unknown {
    return this.run('UNIQUE', ast, state, (arr: SimpleRangeValue, byColArg: unknown, onceArg: unknown) => {
      const byCol = isOmitted(ast.args[1]) ? false : toBool(byColArg, 'UNIQUE', 'by_col');
      if (byCol instanceof CellError) return byCol;
      const once = isOmitted(ast.args[2]) ? false : toBool(onceArg, 'UNIQUE', 'exactly_once');
      if (once instanceof CellError) return once;
      const vectors = byCol ? transpose(arr.data as Grid) : (arr.data as Grid);
      const distinct: Grid = [];
      const counts: number[] = [];
      for (const v of vectors) {
        const i = distinct.findIndex((d) => d.every((x, k) => sameValue(x, v[k])));
        if (i < 0) {
          distinct.push(v);
          counts.push(1);
        } else counts[i]++;
      }
      const kept = once ? distinct.filter((_, i) => counts[i] === 1) : distinct;
      if (kept.length === 0) return calcError('UNIQUE: no value occurs exactly once.');
      return result(byCol ? transpose(kept) : kept);
    });
  }

  uniqueSize(ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    const hint = rootHint(state);
    const byCol = literalNumber(ast.args[1]) === 1;
    return remember(ast, state, byCol ? { h: a.h, w: hint ? hint.w : a.w } : { h: hint ? hint.h : a.h, w: a.w });
  }

  /** Sorts rows (or columns) by keys, stably; each key is a vector and an order of 1 or -1. */
  private static sortBy(data: Grid, keys: { values: Cell[]; order: number }[], byCol: boolean): Grid {
    const vectors = byCol ? transpose(data) : data;
    const order = vectors.map((_, i) => i);
    order.sort((i, j) => {
      for (const k of keys) {
        const a = k.values[i];
        const b = k.values[j];
        // Blanks go last whichever the order, as in Excel.
        if (isEmpty(a) || isEmpty(b)) {
          if (isEmpty(a) && isEmpty(b)) continue;
          return isEmpty(a) ? 1 : -1;
        }
        const c = compareValues(a, b) * k.order;
        if (c !== 0) return c;
      }
      return i - j;
    });
    const sorted = order.map((i) => vectors[i]);
    return byCol ? transpose(sorted) : sorted;
  }

  private static orders(v: unknown, n: number, fn: string): number[] | CellError {
    const cells = v === undefined ? [1] : grid(v).flat();
    const out: number[] = [];
    for (const c of cells) {
      const o = toInt(c, fn, 'sort_order');
      if (o instanceof CellError) return o;
      if (o !== 1 && o !== -1) return err(ErrorType.VALUE, `${fn}: sort_order must be 1 (ascending) or -1 (descending), got ${o}.`);
      out.push(o);
    }
    while (out.length < n) out.push(out[out.length - 1]);
    return out;
  }

  sort(ast: Call, state: State): unknown {
    return this.run('SORT', ast, state, (arr: SimpleRangeValue, indexArg: unknown, orderArg: unknown, byColArg: unknown) => {
      const byCol = isOmitted(ast.args[3]) ? false : toBool(byColArg, 'SORT', 'by_col');
      if (byCol instanceof CellError) return byCol;
      const data = arr.data as Grid;
      const span = byCol ? arr.height() : arr.width();
      const indexes: number[] = [];
      for (const c of isOmitted(ast.args[1]) ? [1] : grid(indexArg).flat()) {
        const i = toInt(c, 'SORT', 'sort_index');
        if (i instanceof CellError) return i;
        if (i < 1 || i > span) return err(ErrorType.VALUE, `SORT: sort_index ${i} is outside 1…${span}.`);
        indexes.push(i);
      }
      const orders = ExcelPlugin.orders(isOmitted(ast.args[2]) ? undefined : orderArg, indexes.length, 'SORT');
      if (orders instanceof CellError) return orders;
      const vectors = byCol ? transpose(data) : data;
      const keys = indexes.map((i, k) => ({ values: vectors.map((v) => v[i - 1]), order: orders[k] }));
      return result(ExcelPlugin.sortBy(data, keys, byCol));
    });
  }

  /** SORT and SORTBY keep their array's shape; a saved size passes through to the array. */
  sortSize(ast: Call, state: State): ArraySize {
    return remember(ast, state, this.size(ast.args[0], state));
  }

  sortby(ast: Call, state: State): unknown {
    return this.run('SORTBY', ast, state, (arr: SimpleRangeValue, ...rest: unknown[]) => {
      const h = arr.height();
      const w = arr.width();
      const keys: { values: Cell[]; order: number }[] = [];
      let byCol: boolean | undefined;
      for (let k = 0; k < rest.length; k += 2) {
        const by = rest[k];
        if (!(by instanceof SimpleRangeValue)) return by instanceof CellError ? by : err(ErrorType.VALUE, 'SORTBY: by_array must be a range or array.');
        let col: boolean;
        if (by.width() === 1 && by.height() === h && (h > 1 || w === 1)) col = false;
        else if (by.height() === 1 && by.width() === w) col = true;
        else return err(ErrorType.VALUE, `SORTBY: by_array ${k / 2 + 1} is ${by.height()}×${by.width()}; it must be one column of ${h} rows or one row of ${w} columns.`);
        if (byCol !== undefined && byCol !== col) return err(ErrorType.VALUE, 'SORTBY: every by_array must run the same way (all columns or all rows).');
        byCol = col;
        const o = ExcelPlugin.orders(isOmitted(ast.args[k + 2]) || rest[k + 1] === undefined ? undefined : rest[k + 1], 1, 'SORTBY');
        if (o instanceof CellError) return o;
        keys.push({ values: (by.data as Grid).flat(), order: o[0] });
      }
      return result(ExcelPlugin.sortBy(arr.data as Grid, keys, byCol ?? false));
    });
  }

  sequence(ast: Call, state: State): unknown {
    return this.run('SEQUENCE', ast, state, (rowsArg: unknown, colsArg: unknown, startArg: unknown, stepArg: unknown) => {
      const rows = toInt(rowsArg, 'SEQUENCE', 'rows');
      if (rows instanceof CellError) return rows;
      const cols = isOmitted(ast.args[1]) ? 1 : toInt(colsArg, 'SEQUENCE', 'columns');
      if (cols instanceof CellError) return cols;
      const num = (v: unknown, what: string): number | CellError => {
        if (v === undefined || v === EmptyValue) return 1;
        if (v instanceof CellError) return v;
        const n = rawNumber(v) ?? (typeof v === 'boolean' ? Number(v) : typeof v === 'string' && v.trim() ? Number(v) : NaN);
        return Number.isFinite(n) ? n : err(ErrorType.VALUE, `SEQUENCE: ${what} must be a number.`);
      };
      const start = isOmitted(ast.args[2]) ? 1 : num(startArg, 'start');
      if (start instanceof CellError) return start;
      const step = isOmitted(ast.args[3]) ? 1 : num(stepArg, 'step');
      if (step instanceof CellError) return step;
      if (rows === 0 || cols === 0) return calcError('SEQUENCE: rows and columns must be at least 1.');
      if (rows < 0 || cols < 0) return err(ErrorType.VALUE, 'SEQUENCE: rows and columns must be at least 1.');
      if (rows * cols > 16_384 * 1_048_576) return err(ErrorType.NUM, 'SEQUENCE: larger than a worksheet.');
      const out: Grid = [];
      for (let r = 0; r < rows; r++) out.push(Array.from({ length: cols }, (_, c) => start + (r * cols + c) * step));
      return result(out);
    });
  }

  sequenceSize(ast: Call, state: State): ArraySize {
    const rows = literalNumber(ast.args[0]);
    const cols = isOmitted(ast.args[1]) ? 1 : literalNumber(ast.args[1]);
    if (rows !== undefined && cols !== undefined && rows >= 1 && cols >= 1) return remember(ast, state, { h: rows, w: cols });
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }

  // ---- TAKE, DROP, CHOOSECOLS/ROWS, TOCOL/TOROW, WRAP…, EXPAND --------------

  private static takeDrop(fn: 'TAKE' | 'DROP', data: Grid, r: number | undefined, c: number | undefined): unknown {
    const cut = <T>(xs: T[], n: number | undefined): T[] => {
      if (n === undefined) return xs;
      if (fn === 'TAKE') return n >= 0 ? xs.slice(0, n) : xs.slice(Math.max(0, xs.length + n));
      return n >= 0 ? xs.slice(n) : xs.slice(0, Math.max(0, xs.length + n));
    };
    if (fn === 'TAKE' && (r === 0 || c === 0)) return calcError('TAKE: rows and columns must not be 0.');
    const rows = cut(data, r).map((row) => cut(row, c));
    if (rows.length === 0 || rows[0].length === 0) return calcError(`${fn}: the result has no rows or columns left.`);
    return result(rows);
  }

  private takeOrDrop(fn: 'TAKE' | 'DROP', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (arr: SimpleRangeValue, rArg: unknown, cArg: unknown) => {
      const r = isOmitted(ast.args[1]) ? undefined : toInt(rArg, fn, 'rows');
      if (r instanceof CellError) return r;
      const c = isOmitted(ast.args[2]) ? undefined : toInt(cArg, fn, 'columns');
      if (c instanceof CellError) return c;
      return ExcelPlugin.takeDrop(fn, arr.data as Grid, r, c);
    });
  }

  private takeOrDropSize(fn: 'TAKE' | 'DROP', ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    const hint = rootHint(state);
    const dim = (n: AnyAst | undefined, all: number, saved: number | undefined): number => {
      if (isOmitted(n)) return all;
      const v = literalNumber(n);
      if (v === undefined) return saved ?? all;
      return Math.max(1, fn === 'TAKE' ? Math.min(Math.abs(v), all) : all - Math.min(Math.abs(v), all));
    };
    return remember(ast, state, { h: dim(ast.args[1], a.h, hint?.h), w: dim(ast.args[2], a.w, hint?.w) });
  }

  take(ast: Call, state: State): unknown {
    return this.takeOrDrop('TAKE', ast, state);
  }
  takeSize(ast: Call, state: State): ArraySize {
    return this.takeOrDropSize('TAKE', ast, state);
  }
  drop(ast: Call, state: State): unknown {
    return this.takeOrDrop('DROP', ast, state);
  }
  dropSize(ast: Call, state: State): ArraySize {
    return this.takeOrDropSize('DROP', ast, state);
  }

  private choose(fn: 'CHOOSECOLS' | 'CHOOSEROWS', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (arr: SimpleRangeValue, ...picks: unknown[]) => {
      const vectors = fn === 'CHOOSECOLS' ? transpose(arr.data as Grid) : (arr.data as Grid);
      const n = vectors.length;
      const chosen: Grid = [];
      for (const p of picks) {
        for (const cell of grid(p).flat()) {
          const i = toInt(cell, fn, fn === 'CHOOSECOLS' ? 'col_num' : 'row_num');
          if (i instanceof CellError) return i;
          if (i === 0 || Math.abs(i) > n) return err(ErrorType.VALUE, `${fn}: index ${i} is outside 1…${n} (or -1…-${n} from the end).`);
          chosen.push(vectors[i > 0 ? i - 1 : n + i]);
        }
      }
      return result(fn === 'CHOOSECOLS' ? transpose(chosen) : chosen);
    });
  }

  chooseSize(ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    let count = 0;
    for (const p of ast.args.slice(1)) {
      const s = this.size(p, argState(state));
      count += s.h * s.w;
    }
    const fn = (ast as unknown as { procedureName: string }).procedureName;
    return remember(ast, state, fn === 'CHOOSECOLS' ? { h: a.h, w: count } : { h: count, w: a.w });
  }

  choosecols(ast: Call, state: State): unknown {
    return this.choose('CHOOSECOLS', ast, state);
  }
  chooserows(ast: Call, state: State): unknown {
    return this.choose('CHOOSEROWS', ast, state);
  }

  private flatten(fn: 'TOCOL' | 'TOROW', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (arr: SimpleRangeValue, ignoreArg: unknown, scanArg: unknown) => {
      const ignore = isOmitted(ast.args[1]) ? 0 : toInt(ignoreArg, fn, 'ignore');
      if (ignore instanceof CellError) return ignore;
      if (ignore < 0 || ignore > 3) return err(ErrorType.VALUE, `${fn}: ignore must be 0 (keep all), 1 (skip blanks), 2 (skip errors) or 3 (skip both).`);
      const byCol = isOmitted(ast.args[2]) ? false : toBool(scanArg, fn, 'scan_by_column');
      if (byCol instanceof CellError) return byCol;
      const cells = (byCol ? transpose(arr.data as Grid) : (arr.data as Grid)).flat().filter((v) => {
        if (ignore & 1 && isEmpty(v)) return false;
        if (ignore & 2 && v instanceof CellError) return false;
        return true;
      });
      if (cells.length === 0) return calcError(`${fn}: nothing is left after ignoring blanks/errors.`);
      return result(fn === 'TOCOL' ? cells.map((v) => [v]) : [cells]);
    });
  }

  private flattenSize(fn: 'TOCOL' | 'TOROW', ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    const ignore = isOmitted(ast.args[1]) ? 0 : literalNumber(ast.args[1]);
    const hint = rootHint(state);
    let n = a.h * a.w;
    if (ignore !== 0 && hint) n = fn === 'TOCOL' ? hint.h : hint.w;
    return remember(ast, state, fn === 'TOCOL' ? { h: n, w: 1 } : { h: 1, w: n });
  }

  tocol(ast: Call, state: State): unknown {
    return this.flatten('TOCOL', ast, state);
  }
  tocolSize(ast: Call, state: State): ArraySize {
    return this.flattenSize('TOCOL', ast, state);
  }
  torow(ast: Call, state: State): unknown {
    return this.flatten('TOROW', ast, state);
  }
  torowSize(ast: Call, state: State): ArraySize {
    return this.flattenSize('TOROW', ast, state);
  }

  private wrap(fn: 'WRAPROWS' | 'WRAPCOLS', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (vec: SimpleRangeValue, countArg: unknown, padArg: unknown) => {
      if (vec.width() > 1 && vec.height() > 1) return err(ErrorType.VALUE, `${fn}: vector must be one row or one column, not ${vec.height()}×${vec.width()}.`);
      const count = toInt(countArg, fn, 'wrap_count');
      if (count instanceof CellError) return count;
      if (count < 1) return err(ErrorType.NUM, `${fn}: wrap_count must be at least 1.`);
      const pad = isOmitted(ast.args[2]) ? err(ErrorType.NA, `${fn}: padding.`) : padArg instanceof SimpleRangeValue ? padArg.data[0][0] : padArg;
      const cells = (vec.data as Grid).flat();
      const lines: Grid = [];
      for (let i = 0; i < cells.length; i += count) {
        const line = cells.slice(i, i + count);
        while (line.length < count) line.push(pad);
        lines.push(line);
      }
      return result(fn === 'WRAPROWS' ? lines : transpose(lines));
    });
  }

  wrapSize(ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    const count = literalNumber(ast.args[1]);
    const fn = (ast as unknown as { procedureName: string }).procedureName;
    if (count === undefined || count < 1) return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
    const lines = Math.ceil((a.h * a.w) / count);
    return remember(ast, state, fn === 'WRAPROWS' ? { h: lines, w: count } : { h: count, w: lines });
  }

  wraprows(ast: Call, state: State): unknown {
    return this.wrap('WRAPROWS', ast, state);
  }
  wrapcols(ast: Call, state: State): unknown {
    return this.wrap('WRAPCOLS', ast, state);
  }

  expand(ast: Call, state: State): unknown {
    return this.run('EXPAND', ast, state, (arr: SimpleRangeValue, rArg: unknown, cArg: unknown, padArg: unknown) => {
      const h = arr.height();
      const w = arr.width();
      const rows = isOmitted(ast.args[1]) ? h : toInt(rArg, 'EXPAND', 'rows');
      if (rows instanceof CellError) return rows;
      const cols = isOmitted(ast.args[2]) ? w : toInt(cArg, 'EXPAND', 'columns');
      if (cols instanceof CellError) return cols;
      if (rows < h || cols < w) return err(ErrorType.VALUE, `EXPAND: rows and columns must be at least the array's ${h}×${w}.`);
      const pad = isOmitted(ast.args[3]) ? err(ErrorType.NA, 'EXPAND: padding.') : padArg instanceof SimpleRangeValue ? padArg.data[0][0] : padArg;
      const data = arr.data as Grid;
      const out: Grid = [];
      for (let i = 0; i < rows; i++) out.push(Array.from({ length: cols }, (_, j) => (i < h && j < w ? data[i][j] : pad)));
      return result(out);
    });
  }

  expandSize(ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], argState(state));
    const hint = rootHint(state);
    const dim = (n: AnyAst | undefined, all: number, saved: number | undefined): number | undefined => (isOmitted(n) ? all : (literalNumber(n) ?? saved));
    const h = dim(ast.args[1], a.h, hint?.h);
    const w = dim(ast.args[2], a.w, hint?.w);
    return remember(ast, state, { h: h ?? a.h, w: w ?? a.w });
  }

  // ---- XMATCH ------------------------------------------------------------

  xmatch(ast: Call, state: State): unknown {
    return this.run('XMATCH', ast, state, (key: Cell, arr: SimpleRangeValue, modeArg: unknown, searchArg: unknown) => {
      if (arr.width() > 1 && arr.height() > 1) return err(ErrorType.VALUE, `XMATCH: lookup_array must be one row or one column, not ${arr.height()}×${arr.width()}.`);
      const mode = isOmitted(ast.args[2]) ? 0 : toInt(modeArg, 'XMATCH', 'match_mode');
      if (mode instanceof CellError) return mode;
      const search = isOmitted(ast.args[3]) ? 1 : toInt(searchArg, 'XMATCH', 'search_mode');
      if (search instanceof CellError) return search;
      if (![0, -1, 1, 2].includes(mode)) return err(ErrorType.VALUE, 'XMATCH: match_mode must be 0 (exact), -1 (exact or next smaller), 1 (exact or next larger) or 2 (wildcard).');
      if (![1, -1, 2, -2].includes(search)) return err(ErrorType.VALUE, 'XMATCH: search_mode must be 1, -1, 2 or -2.');
      const i = matchPosition(key === EmptyValue ? 0 : key, (arr.data as Grid).flat(), mode, search);
      return i < 0 ? err(ErrorType.NA, `XMATCH: ${JSON.stringify(key)} was not found.`) : i + 1;
    });
  }

  /**
   * LOOKUP(value, lookup_vector, [result_vector]), and the array form
   * LOOKUP(value, array): the largest value not above `value` (of the same
   * type), the last one where several tie — what Excel's binary search finds
   * on sorted data, and what the LOOKUP(2,1/(range=x),results) idiom relies
   * on to return the last match.
   */
  lookup(ast: Call, state: State): unknown {
    return this.run('LOOKUP', ast, state, (key: Cell, vec: SimpleRangeValue, res: SimpleRangeValue | undefined) => {
      let keys: Cell[];
      let values: Cell[];
      const data = vec.data as Grid;
      if (res === undefined) {
        // Array form: search the first row or column along the longer side, answer from the last.
        const byCols = vec.width() > vec.height();
        keys = byCols ? data[0] : data.map((r) => r[0]);
        values = byCols ? data[data.length - 1] : data.map((r) => r[r.length - 1]);
      } else {
        if (vec.width() > 1 && vec.height() > 1) return err(ErrorType.VALUE, 'LOOKUP: lookup_vector must be one row or one column.');
        if (res.width() > 1 && res.height() > 1) return err(ErrorType.VALUE, 'LOOKUP: result_vector must be one row or one column.');
        keys = data.flat();
        values = (res.data as Grid).flat();
      }
      const k = key === EmptyValue ? 0 : key;
      let best = -1;
      for (let i = 0; i < keys.length; i++) {
        const v = keys[i];
        if (kind(v) !== kind(k) || kind(v) === 'other') continue;
        if (compareValues(v, k) <= 0 && (best < 0 || compareValues(v, keys[best]) >= 0)) best = i;
      }
      if (best < 0) return err(ErrorType.NA, `LOOKUP: nothing in lookup_vector is at or below ${JSON.stringify(key)}.`);
      if (best >= values.length) return err(ErrorType.NA, 'LOOKUP: result_vector is shorter than lookup_vector.');
      const out = values[best];
      return isEmpty(out) ? 0 : out;
    });
  }

  // ---- text --------------------------------------------------------------

  concat(ast: Call, state: State): unknown {
    return this.run('CONCAT', ast, state, (...parts: unknown[]) => {
      let out = '';
      for (const p of parts) {
        for (const v of grid(p).flat()) {
          if (v instanceof CellError) return v;
          out += text(v);
        }
      }
      if (out.length > 32767) return err(ErrorType.VALUE, 'CONCAT: the result is longer than 32,767 characters.');
      return out;
    });
  }

  private textAround(fn: 'TEXTBEFORE' | 'TEXTAFTER', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell, delims: unknown, instArg: unknown, modeArg: unknown, endArg: unknown, notFound: unknown) => {
      const s = text(t);
      const ds: string[] = [];
      for (const d of grid(delims).flat()) {
        if (d instanceof CellError) return d;
        ds.push(text(d));
      }
      const inst = isOmitted(ast.args[2]) ? 1 : toInt(instArg, fn, 'instance_num');
      if (inst instanceof CellError) return inst;
      const mode = isOmitted(ast.args[3]) ? 0 : toInt(modeArg, fn, 'match_mode');
      if (mode instanceof CellError) return mode;
      const matchEnd = isOmitted(ast.args[4]) ? false : toBool(endArg, fn, 'match_end');
      if (matchEnd instanceof CellError) return matchEnd;
      if (inst === 0 || Math.abs(inst) > s.length + 1) return err(ErrorType.VALUE, `${fn}: instance_num must not be 0 or longer than the text.`);
      if (mode !== 0 && mode !== 1) return err(ErrorType.VALUE, `${fn}: match_mode must be 0 (case-sensitive) or 1 (case-insensitive).`);
      const hay = mode === 1 ? s.toLowerCase() : s;
      const needles = ds.map((d) => (mode === 1 ? d.toLowerCase() : d));
      // Every delimiter occurrence as [start, end), scanning left to right without overlaps.
      const hits: [number, number][] = [];
      if (needles.some((d) => d === '')) {
        // An empty delimiter matches at once: at the start searching forward, at the end searching back.
        hits.push(inst > 0 ? [0, 0] : [s.length, s.length]);
      } else {
        let i = 0;
        while (i < hay.length) {
          let best: [number, number] | undefined;
          for (const d of needles) {
            const at = hay.indexOf(d, i);
            if (at >= 0 && (!best || at < best[0] || (at === best[0] && at + d.length > best[1]))) best = [at, at + d.length];
          }
          if (!best) break;
          hits.push(best);
          i = best[1];
        }
      }
      if (matchEnd) {
        if (inst > 0) hits.push([s.length, s.length]);
        else hits.unshift([0, 0]);
      }
      const hit = inst > 0 ? hits[inst - 1] : hits[hits.length + inst];
      if (!hit) {
        if (!isOmitted(ast.args[5])) return notFound instanceof SimpleRangeValue ? notFound.data[0][0] : notFound === EmptyValue ? 0 : notFound;
        return err(ErrorType.NA, `${fn}: delimiter instance ${inst} not found.`);
      }
      return fn === 'TEXTBEFORE' ? s.slice(0, hit[0]) : s.slice(hit[1]);
    });
  }

  /** TEXTSPLIT's rows of pieces, or why not (shared by the function and its parse-time size). */
  private static split(t: Cell, colD: unknown, rowD: unknown, ignoreEmpty: boolean, mode: number): string[][] | CellError {
    const list = (d: unknown): string[] | CellError => {
      if (d === undefined || d === EmptyValue) return [];
      const out: string[] = [];
      for (const x of grid(d).flat()) {
        if (x instanceof CellError) return x;
        if (!isEmpty(x) && text(x) !== '') out.push(text(x));
      }
      return out;
    };
    const cols = list(colD);
    if (cols instanceof CellError) return cols;
    const rows = list(rowD);
    if (rows instanceof CellError) return rows;
    if (cols.length === 0 && rows.length === 0) return err(ErrorType.VALUE, 'TEXTSPLIT: give a column or a row delimiter.');
    const lines = splitBy(text(t), rows, mode === 1).filter((l) => !ignoreEmpty || l !== '');
    return lines.map((l) => splitBy(l, cols, mode === 1).filter((p) => !ignoreEmpty || p !== ''));
  }

  textsplit(ast: Call, state: State): unknown {
    return this.run('TEXTSPLIT', ast, state, (t: Cell, colD: unknown, rowD: unknown, ignoreArg: unknown, modeArg: unknown, padArg: unknown) => {
      const ignore = isOmitted(ast.args[3]) ? false : toBool(ignoreArg, 'TEXTSPLIT', 'ignore_empty');
      if (ignore instanceof CellError) return ignore;
      const mode = isOmitted(ast.args[4]) ? 0 : toInt(modeArg, 'TEXTSPLIT', 'match_mode');
      if (mode instanceof CellError) return mode;
      const pieces = ExcelPlugin.split(t, isOmitted(ast.args[1]) ? undefined : colD, isOmitted(ast.args[2]) ? undefined : rowD, ignore, mode);
      if (pieces instanceof CellError) return pieces;
      if (pieces.length === 0) return calcError('TEXTSPLIT: nothing is left after ignoring empty pieces.');
      const width = pieces.reduce((m, r) => Math.max(m, r.length), 0);
      const pad = isOmitted(ast.args[5]) ? err(ErrorType.NA, 'TEXTSPLIT: padding.') : padArg;
      return result(pieces.map((r) => [...r, ...Array(width - r.length).fill(pad)]));
    });
  }

  /** Exact when the text and delimiters are written in the formula; else the saved size, else one cell. */
  textsplitSize(ast: Call, state: State): ArraySize {
    const lit = (a: AnyAst | undefined): unknown => (isOmitted(a) ? undefined : a!.type === 'STRING' ? a!.value : a!.type === 'ARRAY' ? 'array' : literalNumber(a));
    const [t, c, r, ig, mo] = [0, 1, 2, 3, 4].map((i) => lit(ast.args[i]));
    const known = t !== undefined && c !== 'array' && r !== 'array' && (isOmitted(ast.args[1]) || c !== undefined) && (isOmitted(ast.args[2]) || r !== undefined) && (isOmitted(ast.args[3]) || ig !== undefined) && (isOmitted(ast.args[4]) || mo !== undefined);
    if (known) {
      const pieces = ExcelPlugin.split(t, c, r, Boolean(ig), Number(mo ?? 0));
      if (!(pieces instanceof CellError) && pieces.length) return remember(ast, state, { h: pieces.length, w: pieces.reduce((m, p) => Math.max(m, p.length), 0) });
    }
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }

  textbefore(ast: Call, state: State): unknown {
    return this.textAround('TEXTBEFORE', ast, state);
  }
  textafter(ast: Call, state: State): unknown {
    return this.textAround('TEXTAFTER', ast, state);
  }
}

/** A value as Excel's text functions see it (TRUE, 0.3, "" for a blank). */
function text(v: Cell): string {
  if (isEmpty(v)) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const n = rawNumber(v);
  if (n !== undefined) return String(Number(n.toPrecision(15))).replace(/e\+?/, 'E+').replace('E+-', 'E-');
  return String(v);
}

/** Splits at every occurrence of any delimiter (the earliest, and the longest there, first). */
function splitBy(s: string, delims: string[], caseInsensitive: boolean): string[] {
  if (delims.length === 0) return [s];
  const hay = caseInsensitive ? s.toLowerCase() : s;
  const needles = delims.map((d) => (caseInsensitive ? d.toLowerCase() : d));
  const out: string[] = [];
  let from = 0;
  for (;;) {
    let best: [number, number] | undefined;
    for (const d of needles) {
      const at = hay.indexOf(d, from);
      if (at >= 0 && (!best || at < best[0] || (at === best[0] && at + d.length > best[1]))) best = [at, at + d.length];
    }
    if (!best) break;
    out.push(s.slice(from, best[0]));
    from = best[1];
  }
  out.push(s.slice(from));
  return out;
}

function wildcard(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

const kind = (v: Cell): string => (rawNumber(v) !== undefined ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'other');

/**
 * XMATCH's position (0-based, -1 when none): exact, exact-or-next-smaller,
 * exact-or-next-larger or wildcard, searching first-to-last or last-to-first.
 * The binary-search modes (2, -2) give the same answer as a linear search on
 * data sorted as they require, so they are searched linearly.
 */
export function matchPosition(key: Cell, cells: Cell[], mode: number, search: number): number {
  const order = cells.map((_, i) => i);
  if (search === -1) order.reverse();
  const re = mode === 2 && typeof key === 'string' ? wildcard(key) : undefined;
  let best = -1;
  for (const i of order) {
    const v = cells[i];
    if (re ? typeof v === 'string' && re.test(v) : sameValue(v, key)) return i;
    if ((mode === 1 || mode === -1) && kind(v) === kind(key) && kind(v) !== 'other') {
      const c = compareValues(v, key);
      if ((mode === -1 && c < 0) || (mode === 1 && c > 0)) {
        if (best < 0 || compareValues(v, cells[best]) * mode < 0) best = i;
      }
    }
  }
  return best;
}
