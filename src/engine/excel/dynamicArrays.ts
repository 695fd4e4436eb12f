/**
 * Excel's dynamic-array syntax and functions that HyperFormula 3.5 lacks or
 * implements with other semantics, as one function plugin:
 *
 * - ANCHORARRAY (A1#) and SINGLE (@), which Excel stores as _xlfn.ANCHORARRAY
 *   and _xlfn.SINGLE;
 * - FILTER with Excel's arguments (include selects rows of a 2-D array;
 *   if_empty) — HyperFormula's FILTER is Google Sheets' (conditions only);
 * - TAKE, DROP, CHOOSECOLS, CHOOSEROWS, TOCOL, TOROW, WRAPROWS, WRAPCOLS,
 *   EXPAND, SORTBY;
 * - SORT, UNIQUE and SEQUENCE again, so that they take the spill size Excel
 *   saved (see sizing.ts) where their size depends on values.
 *
 * Semantics follow Microsoft's function reference; test/excel-syntax.test.ts
 * checks the examples it states. Every function returns a value or a
 * CellError with a message, never throws.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { arrayCellIn, PARENTHESES } from '../hf/internals';
import { spillHint } from '../spillHints';
import { Addr, AnyAst, ArrayFunctionPlugin, argState, fitRoot, isOmitted, literalNumber, remember, report, rootHint, State } from './sizing';
import { anyOpt, calcError, Cell, compareValues, err, Grid, grid, isEmpty, range, rangeOpt, rawNumber, result, sameValue, toBool, toInt, transpose } from './values';

type Call = { args: AnyAst[] };

const A = FunctionArgumentType;

/** The spill anchored at a cell: its values without the padding rows/columns HyperFormula may have reserved. */
interface Spill {
  start: Addr;
  data: Grid;
}

function trimPadding(data: Grid): Grid {
  let h = data.length;
  while (h > 1 && data[h - 1].every(isEmpty)) h--;
  let w = data[0]?.length ?? 0;
  while (w > 1 && data.slice(0, h).every((r) => isEmpty(r[w - 1]))) w--;
  return data.slice(0, h).map((r) => r.slice(0, w));
}

/** The array spilled from the cell `ref` names, or #REF! as Excel gives when that cell holds no spill. */
export function spillAt(graph: unknown, ref: AnyAst | undefined, state: State): Spill | CellError {
  while (ref && ref.type === PARENTHESES) ref = ref.expression;
  if (!ref || ref.type !== 'CELL_REFERENCE' || !ref.reference) {
    return err(ErrorType.REF, 'ANCHORARRAY (A1#) needs a single cell reference: the top-left cell of a spill.');
  }
  const at = ref.reference.toSimpleCellAddress(state.formulaAddress);
  const cell = arrayCellIn(graph, at);
  if (!cell) {
    return err(ErrorType.REF, 'the cell before # holds no spilled array (A1# refers to the whole spill of a dynamic-array formula in A1).');
  }
  if (cell.error) return err(ErrorType.REF, `the spill anchored there is itself an error (${cell.error.type}).`);
  if (!cell.raw) return err(ErrorType.REF, 'the spill anchored there has not been computed (a circular reference?).');
  return { start: at, data: trimPadding(cell.raw() as Grid) };
}

export class DynamicArrayPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    ANCHORARRAY: { method: 'anchorarray', sizeOfResultArrayMethod: 'anchorarraySize', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true },
    SINGLE: { method: 'single', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true },
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
  };

  // ---- A1# and @ ---------------------------------------------------------

  private spillAt(ref: AnyAst | undefined, state: State): Spill | CellError {
    return spillAt(this.graph, ref, state);
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
    while (ref && ref.type === PARENTHESES) ref = ref.expression;
    if (ref?.type === 'CELL_REFERENCE' && ref.reference) {
      const at = ref.reference.toSimpleCellAddress(state.formulaAddress);
      const cell = this.arrayCell(at);
      if (cell?.size) return remember(ast, state, { h: cell.size.height, w: cell.size.width });
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
    while (arg.type === PARENTHESES && arg.expression) arg = arg.expression;
    let start: Addr | undefined;
    let data: Grid;
    if (arg.type === 'FUNCTION_CALL' && arg.procedureName === 'ANCHORARRAY') {
      const spill = this.spillAt(arg.args?.[0], state);
      if (spill instanceof CellError) return spill;
      ({ start, data } = spill);
    } else {
      const v = this.evaluate(arg, state);
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
      const flags = (byRow ? keep.map((r) => r[0]) : keep[0]).map(DynamicArrayPlugin.include);
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
      const orders = DynamicArrayPlugin.orders(isOmitted(ast.args[2]) ? undefined : orderArg, indexes.length, 'SORT');
      if (orders instanceof CellError) return orders;
      const vectors = byCol ? transpose(data) : data;
      const keys = indexes.map((i, k) => ({ values: vectors.map((v) => v[i - 1]), order: orders[k] }));
      return result(DynamicArrayPlugin.sortBy(data, keys, byCol));
    });
  }

  /** SORT and SORTBY keep their array's shape (as the outermost call, the size Excel saved: see `remember`). */
  sortSize(ast: Call, state: State): ArraySize {
    return remember(ast, state, this.size(ast.args[0], argState(state)));
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
        const o = DynamicArrayPlugin.orders(isOmitted(ast.args[k + 2]) || rest[k + 1] === undefined ? undefined : rest[k + 1], 1, 'SORTBY');
        if (o instanceof CellError) return o;
        keys.push({ values: (by.data as Grid).flat(), order: o[0] });
      }
      return result(DynamicArrayPlugin.sortBy(arr.data as Grid, keys, byCol ?? false));
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
      return DynamicArrayPlugin.takeDrop(fn, arr.data as Grid, r, c);
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

}
