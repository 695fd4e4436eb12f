/**
 * Excel's lookup and reference functions where HyperFormula lacks them or
 * differs from Excel: INDEX (with a row or column of 0, the whole column or
 * row), LOOKUP, XMATCH.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { Addr, cellValueIn, isNotComputedError, nameNode, NOT_COMPUTED, sheetIdIn, unparenthesised } from '../hf/internals';
import { AnyAst, ArrayFunctionPlugin, argState, fit, isOmitted, literalNumber, remember, report, rootHint, State } from './sizing';
import { anyOpt, Cell, compareValues, err, Grid, isEmpty, range, rangeOpt, rawNumber, result, sameValue, textOf, toInt, valueKind as kind, wildcard } from './values';

type Call = { args: AnyAst[] };

const A = FunctionArgumentType;

export class LookupPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    INDEX: { method: 'index', sizeOfResultArrayMethod: 'indexSize', parameters: [range, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true },
    LOOKUP: { method: 'lookup', parameters: [{ argumentType: A.NOERROR }, range, rangeOpt] },
    ADDRESS: { method: 'address', parameters: [{ argumentType: A.NUMBER }, { argumentType: A.NUMBER }, { argumentType: A.NUMBER, optionalArg: true }, { argumentType: A.BOOLEAN, optionalArg: true }, { argumentType: A.STRING, optionalArg: true }] },
    INDIRECT: { method: 'indirect', sizeOfResultArrayMethod: 'indirectSize', parameters: [{ argumentType: A.STRING }, { argumentType: A.BOOLEAN, optionalArg: true }], isVolatile: true, vectorizationForbidden: true },
    TRIMRANGE: { method: 'trimrange', sizeOfResultArrayMethod: 'trimrangeSize', parameters: [range, anyOpt, anyOpt], vectorizationForbidden: true },
    ROW: { method: 'row', sizeOfResultArrayMethod: 'rowSize', parameters: [{ argumentType: A.NOERROR, optionalArg: true }], isDependentOnSheetStructureChange: true, doesNotNeedArgumentsToBeComputed: true, vectorizationForbidden: true },
    COLUMN: { method: 'column', sizeOfResultArrayMethod: 'columnSize', parameters: [{ argumentType: A.NOERROR, optionalArg: true }], isDependentOnSheetStructureChange: true, doesNotNeedArgumentsToBeComputed: true, vectorizationForbidden: true },
    CHOOSE: { method: 'choose', parameters: [{ argumentType: A.NUMBER }, { argumentType: A.SCALAR, passSubtype: true }], repeatLastArgs: 1 },
    MATCH: { method: 'match', parameters: [{ argumentType: A.NOERROR }, range, anyOpt] },
    XMATCH: { method: 'xmatch', parameters: [{ argumentType: A.NOERROR }, range, anyOpt, anyOpt] },
  };

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

  // ---- XMATCH ------------------------------------------------------------

  xmatch(ast: Call, state: State): unknown {
    return this.run('XMATCH', ast, state, (key: Cell, arr: SimpleRangeValue, modeArg: unknown, searchArg: unknown) => {
      if (arr.width() > 1 && arr.height() > 1) return err(ErrorType.VALUE, `XMATCH: lookup_array must be one row or one column, not ${arr.height()}×${arr.width()}.`);
      const mode = isOmitted(ast.args[2]) ? 0 : toInt(modeArg, 'XMATCH', 'match_mode');
      if (mode instanceof CellError) return mode;
      const search = isOmitted(ast.args[3]) ? 1 : toInt(searchArg, 'XMATCH', 'search_mode');
      if (search instanceof CellError) return search;
      if (![0, -1, 1, 2, 3].includes(mode)) return err(ErrorType.VALUE, 'XMATCH: match_mode must be 0 (exact), -1 (exact or next smaller), 1 (exact or next larger), 2 (wildcard) or 3 (regular expression).');
      if (![1, -1, 2, -2].includes(search)) return err(ErrorType.VALUE, 'XMATCH: search_mode must be 1, -1, 2 or -2.');
      const i = matchPosition(key === EmptyValue ? 0 : key, (arr.data as Grid).flat(), mode, search);
      if (i instanceof CellError) return i;
      return i < 0 ? err(ErrorType.NA, `XMATCH: ${JSON.stringify(key)} was not found.`) : i + 1;
    });
  }

  /**
   * ADDRESS(row_num, column_num, [abs_num], [a1], [sheet_text]): the
   * reference as text. Row and column are truncated and must be on the grid,
   * abs_num 1–4 ($A$1, A$1, $A1, A1; R1C1, R1C[1], R[1]C1, R[1]C[1]), else
   * #VALUE!. A sheet name that is not a plain word is quoted ('My sheet'!A1).
   */
  address(ast: Call, state: State): unknown {
    return this.run('ADDRESS', ast, state, (rowArg: number, colArg: number, absArg: number | undefined, a1Arg: boolean | undefined, sheet: string | undefined) => {
      const row = Math.trunc(rowArg);
      const col = Math.trunc(colArg);
      const abs = absArg === undefined ? 1 : Math.trunc(absArg);
      if (row < 1 || row > 1_048_576) return err(ErrorType.VALUE, `ADDRESS: row_num ${row} is outside 1…1048576.`);
      if (col < 1 || col > 16_384) return err(ErrorType.VALUE, `ADDRESS: column_num ${col} is outside 1…16384.`);
      if (abs < 1 || abs > 4) return err(ErrorType.VALUE, 'ADDRESS: abs_num must be 1 ($A$1), 2 (A$1), 3 ($A1) or 4 (A1).');
      const rowAbs = abs === 1 || abs === 2;
      const colAbs = abs === 1 || abs === 3;
      const ref = a1Arg === false
        ? `R${rowAbs ? row : `[${row}]`}C${colAbs ? col : `[${col}]`}`
        : `${colAbs ? '$' : ''}${columnLetters(col)}${rowAbs ? '$' : ''}${row}`;
      if (sheet === undefined) return ref;
      return `${quoteSheet(sheet)}!${ref}`;
    });
  }

  /**
   * INDIRECT(ref_text, [a1]): the values of the cell or range the text names
   * — A1 (B2, $B$2, B2:C5, B:B, 2:2) or, with a1 FALSE, R1C1 (R2C2,
   * R[1]C[-1] relative to this cell) — optionally on another sheet
   * ('My sheet'!B2). Excel recomputes it on every change (volatile); here it
   * is deterministic: the workbook's own cells. Text that names no cell is
   * #REF!, as in Excel (defined names and other workbooks are not read).
   */
  indirect(ast: Call, state: State): unknown {
    return this.run('INDIRECT', ast, state, (text: string, a1: boolean | undefined) => {
      const ref = parseReference(text, a1 !== false, state.formulaAddress);
      if (ref instanceof CellError) return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(text.trim()) ? this.readName(text.trim(), state) : ref;
      const sheet = ref.sheet === undefined ? state.formulaAddress.sheet : sheetIdIn(this.graph, ref.sheet);
      if (sheet === undefined) return err(ErrorType.REF, `INDIRECT: there is no sheet named ${JSON.stringify(ref.sheet)}.`);
      return this.readArea(sheet, ref, 'INDIRECT');
    });
  }

  indirectSize(ast: Call, state: State): ArraySize {
    const arg = unparenthesised(ast.args[0]);
    const a1 = isOmitted(ast.args[1]) ? 1 : literalNumber(ast.args[1]);
    if (arg?.type === 'STRING' && a1 !== undefined) {
      const ref = parseReference(String(arg.value), a1 !== 0, state.formulaAddress);
      if (!(ref instanceof CellError) && ref.r1 !== undefined && ref.c1 !== undefined) {
        return remember(ast, state, { h: ref.r1 - ref.r0 + 1, w: ref.c1 - ref.c0 + 1 });
      }
    }
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }

  /** The value of a defined name (INDIRECT("Rates")), #REF! when there is none. */
  private readName(name: string, state: State): unknown {
    let v: unknown;
    try {
      // The name's own formula, evaluated here: a name read only through text is no dependency HyperFormula orders.
      const formula = this.nameFormula(name, state);
      v = this.evaluate(formula ?? nameNode(name), state);
    } catch (e) {
      if (!isNotComputedError(e)) throw e;
      return err(ErrorType.REF, `INDIRECT: the name ${name} had not been computed when this formula ran.`);
    }
    if (v instanceof CellError && v.type === ErrorType.NAME) return err(ErrorType.REF, `INDIRECT: ${JSON.stringify(name)} is neither a reference nor a defined name.`);
    return v;
  }

  /** The values of an area of a sheet (a whole column or row ends at the sheet's last used cell). */
  private readArea(sheet: number, ref: Area, fn: string): unknown {
    const dims = this.sheetSize(sheet);
    const r1 = ref.r1 ?? Math.max(ref.r0, dims.height - 1);
    const c1 = ref.c1 ?? Math.max(ref.c0, dims.width - 1);
    const rows: Grid = [];
    for (let r = ref.r0; r <= r1; r++) {
      const row: Cell[] = [];
      for (let c = ref.c0; c <= c1; c++) {
        const v = cellValueIn(this.graph, { sheet, row: r, col: c });
        if (v === NOT_COMPUTED) return err(ErrorType.REF, `${fn}: ${columnLetters(c + 1)}${r + 1} is a formula the engine had not computed yet when this one ran (a reference made from text is not a dependency it can order).`);
        row.push(v);
      }
      rows.push(row);
    }
    if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
    return SimpleRangeValue.onlyValues(rows as never);
  }

  private sheetSize(sheet: number): { width: number; height: number } {
    try {
      return (this.graph as { getSheetHeight?(s: number): number; getSheetWidth?(s: number): number }).getSheetHeight !== undefined
        ? { height: (this.graph as { getSheetHeight(s: number): number }).getSheetHeight(sheet), width: (this.graph as { getSheetWidth(s: number): number }).getSheetWidth(sheet) }
        : { height: 1, width: 1 };
    } catch {
      return { height: 1, width: 1 };
    }
  }

  /**
   * TRIMRANGE(range, [trim_rows], [trim_cols]): the range without its
   * outer blank rows and columns — 0 keeps them, 1 trims leading, 2
   * trailing, 3 (the default) both. Nothing left is #REF!, as in Excel.
   */
  trimrange(ast: Call, state: State): unknown {
    return this.run('TRIMRANGE', ast, state, (arr: SimpleRangeValue, rowsArg: unknown, colsArg: unknown) => {
      const how = (v: unknown, i: number, what: string): number | CellError => {
        if (isOmitted(ast.args[i])) return 3;
        const n = toInt(v, 'TRIMRANGE', what);
        if (n instanceof CellError) return n;
        return n >= 0 && n <= 3 ? n : err(ErrorType.VALUE, `TRIMRANGE: ${what} must be 0 (keep), 1 (leading), 2 (trailing) or 3 (both).`);
      };
      const tr = how(rowsArg, 1, 'trim_rows');
      if (tr instanceof CellError) return tr;
      const tc = how(colsArg, 2, 'trim_cols');
      if (tc instanceof CellError) return tc;
      const data = arr.data as Grid;
      const h = data.length;
      const w = data[0]?.length ?? 0;
      const rowBlank = (r: number) => data[r].every(isEmpty);
      const colBlank = (c: number) => data.every((row) => isEmpty(row[c]));
      let r0 = 0;
      let r1 = h;
      let c0 = 0;
      let c1 = w;
      if (tr & 1) while (r0 < h && rowBlank(r0)) r0++;
      if (tr & 2) while (r1 > r0 && rowBlank(r1 - 1)) r1--;
      if (tc & 1) while (c0 < w && colBlank(c0)) c0++;
      if (tc & 2) while (c1 > c0 && colBlank(c1 - 1)) c1--;
      if (r0 >= r1 || c0 >= c1) return err(ErrorType.REF, 'TRIMRANGE: the range is blank; nothing is left after trimming.');
      return result(data.slice(r0, r1).map((row) => row.slice(c0, c1)));
    });
  }

  trimrangeSize(ast: Call, state: State): ArraySize {
    return remember(ast, state, rootHint(state) ?? this.size(ast.args[0], argState(state)));
  }

  /**
   * ROW([reference]) and COLUMN([reference]): the formula's own row or
   * column without one; for a range, every row (a column of numbers) or
   * every column (a row of numbers), as Excel spills them.
   */
  row(ast: Call, state: State): unknown {
    return this.rowOrColumn('ROW', ast, state);
  }
  column(ast: Call, state: State): unknown {
    return this.rowOrColumn('COLUMN', ast, state);
  }
  rowSize(ast: Call, state: State): ArraySize {
    const a = spanOf(ast.args[0], state);
    return remember(ast, state, a ? { h: a.r1 - a.r0 + 1, w: 1 } : { h: 1, w: 1 });
  }
  columnSize(ast: Call, state: State): ArraySize {
    const a = spanOf(ast.args[0], state);
    return remember(ast, state, a ? { h: 1, w: a.c1 - a.c0 + 1 } : { h: 1, w: 1 });
  }

  private rowOrColumn(fn: 'ROW' | 'COLUMN', ast: Call, state: State): unknown {
    if (ast.args.length > 1) return err(ErrorType.NA, `${fn}: wrong number of arguments (${ast.args.length}).`);
    if (isOmitted(ast.args[0])) return fn === 'ROW' ? state.formulaAddress.row + 1 : state.formulaAddress.col + 1;
    const a = spanOf(ast.args[0], state);
    if (!a) return err(ErrorType.VALUE, `${fn}: the argument must be a reference to cells.`);
    const out: Grid = fn === 'ROW' ? Array.from({ length: a.r1 - a.r0 + 1 }, (_, i) => [a.r0 + i + 1]) : [Array.from({ length: a.c1 - a.c0 + 1 }, (_, i) => a.c0 + i + 1)];
    const value = result(out);
    report(ast, state, value);
    return fit(ast, state, fn, value);
  }

  /**
   * CHOOSE(index_num, value1, …): index_num truncated (TRUE is 1, "2" is 2);
   * below 1 or beyond the last value is #VALUE!, as in Excel.
   */
  choose(ast: Call, state: State): unknown {
    return this.run('CHOOSE', ast, state, (index: number, ...values: unknown[]) => {
      const i = Math.trunc(index);
      if (i < 1 || i > values.length) return err(ErrorType.VALUE, `CHOOSE: index_num ${i} is outside 1…${values.length}.`);
      const v = values[i - 1];
      return isEmpty(v) ? 0 : v;
    });
  }

  /**
   * MATCH(lookup_value, lookup_array, [match_type]): 0 is the first equal
   * value (text case-insensitively, with * ? ~ wildcards); 1 (the default) is
   * the largest value not above lookup_value, of its type, the last of equal
   * ones (what Excel's search finds on ascending data); -1 reads descending
   * data from the top: the first equal value, else the last one not below
   * lookup_value before the first one below it (#N/A when the first is
   * already below). A blank lookup_value is 0.
   */
  match(ast: Call, state: State): unknown {
    return this.run('MATCH', ast, state, (key: Cell, arr: SimpleRangeValue, typeArg: unknown) => {
      if (arr.width() > 1 && arr.height() > 1) return err(ErrorType.NA, `MATCH: lookup_array must be one row or one column, not ${arr.height()}×${arr.width()}.`);
      const type = isOmitted(ast.args[2]) ? 1 : toNumber(typeArg, 'MATCH', 'match_type');
      if (type instanceof CellError) return type;
      if (isEmpty(key)) key = 0; // a blank cell is looked up as 0
      const cells = (arr.data as Grid).flat();
      const i = type === 0 ? exactPosition(key, cells, true) : type > 0 ? notAbovePosition(key, cells) : descendingPosition(key, cells);
      return i < 0 ? err(ErrorType.NA, `MATCH: ${JSON.stringify(key)} was not found.`) : i + 1;
    });
  }

  /**
   * LOOKUP(value, lookup_vector, [result_vector]), and the array form
   * LOOKUP(value, array): the largest value not above `value` (of the same
   * type), the last one where several tie — what Excel's binary search finds
   * on sorted data, and what the LOOKUP(2,1/(range=x),results) idiom relies
   * on to return the last match. The array form (and a lookup_vector of
   * several rows and columns) searches the first row or column along the
   * longer side and answers from the last; a result_vector of several rows
   * and columns is #N/A, as in Excel.
   */
  lookup(ast: Call, state: State): unknown {
    return this.run('LOOKUP', ast, state, (key: Cell, vec: SimpleRangeValue, res: SimpleRangeValue | undefined) => {
      const data = vec.data as Grid;
      const byCols = vec.width() > vec.height();
      const keys: Cell[] = vec.width() > 1 && vec.height() > 1 ? (byCols ? data[0] : data.map((r) => r[0])) : data.flat();
      let values: Cell[];
      if (res === undefined) {
        values = byCols ? data[data.length - 1] : data.map((r) => r[r.length - 1]);
      } else {
        if (res.width() > 1 && res.height() > 1) return err(ErrorType.NA, 'LOOKUP: result_vector must be one row or one column.');
        values = (res.data as Grid).flat();
      }
      const best = notAbovePosition(isEmpty(key) ? 0 : key, keys);
      if (best < 0) return err(ErrorType.NA, `LOOKUP: nothing in lookup_vector is at or below ${JSON.stringify(key)}.`);
      if (best >= values.length) return err(ErrorType.NA, 'LOOKUP: result_vector is shorter than lookup_vector.');
      const out = values[best];
      return isEmpty(out) ? 0 : out;
    });
  }
}

type Corner = { toSimpleCellAddress?(b: Addr): Addr; toSimpleRowAddress?(b: Addr): { row: number }; toSimpleColumnAddress?(b: Addr): { col: number } };
/**
 * The rows and columns a reference argument spans (0-based, inclusive), read from its AST; undefined
 * for anything but a cell, a range, or whole rows/columns (whole columns span the sheet's rows).
 */
function spanOf(ast: AnyAst | undefined, state: State): { r0: number; r1: number; c0: number; c1: number } | undefined {
  const a = unparenthesised(ast) as (AnyAst & { start?: Corner; end?: Corner }) | undefined;
  const base = state.formulaAddress;
  if (!a) return undefined;
  if (a.type === 'CELL_REFERENCE' && a.reference) {
    const p = a.reference.toSimpleCellAddress(base);
    return { r0: p.row, r1: p.row, c0: p.col, c1: p.col };
  }
  if (a.type === 'CELL_RANGE' && a.start?.toSimpleCellAddress && a.end?.toSimpleCellAddress) {
    const s = a.start.toSimpleCellAddress(base);
    const e = a.end.toSimpleCellAddress(base);
    return { r0: Math.min(s.row, e.row), r1: Math.max(s.row, e.row), c0: Math.min(s.col, e.col), c1: Math.max(s.col, e.col) };
  }
  if (a.type === 'ROW_RANGE' && a.start?.toSimpleRowAddress && a.end?.toSimpleRowAddress) {
    const s = a.start.toSimpleRowAddress(base).row;
    const e = a.end.toSimpleRowAddress(base).row;
    return { r0: Math.min(s, e), r1: Math.max(s, e), c0: 0, c1: 16_383 };
  }
  if (a.type === 'COLUMN_RANGE' && a.start?.toSimpleColumnAddress && a.end?.toSimpleColumnAddress) {
    const s = a.start.toSimpleColumnAddress(base).col;
    const e = a.end.toSimpleColumnAddress(base).col;
    return { r0: 0, r1: 1_048_575, c0: Math.min(s, e), c1: Math.max(s, e) };
  }
  return undefined;
}

/** A parsed reference: 0-based corners; r1/c1 undefined for a whole column/row reaching the sheet's end. */
interface Area {
  sheet?: string;
  r0: number;
  c0: number;
  r1?: number;
  c1?: number;
}

const columnNumber = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Parses an A1 or R1C1 reference (optionally sheet-qualified) relative to the formula's cell, or #REF!. */
export function parseReference(text: string, a1: boolean, here: Addr): Area | CellError {
  const bad = () => err(ErrorType.REF, `INDIRECT: ${JSON.stringify(text)} is not a ${a1 ? 'A1' : 'R1C1'} reference.`);
  let t = text.trim();
  let sheet: string | undefined;
  const q = /^'((?:[^']|'')+)'!/.exec(t) ?? /^([^'!:]+)!/.exec(t);
  if (q) {
    sheet = q[1].replace(/''/g, "'");
    t = t.slice(q[0].length);
  }
  const parts = t.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return bad();
  type End = { r?: number; c?: number };
  const one = (p: string): End | undefined => {
    if (a1) {
      let m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(p);
      if (m) return { r: Number(m[2]) - 1, c: columnNumber(m[1]) - 1 };
      m = /^\$?([A-Za-z]{1,3})$/.exec(p);
      if (m && parts.length === 2) return { c: columnNumber(m[1]) - 1 };
      m = /^\$?(\d{1,7})$/.exec(p);
      if (m && parts.length === 2) return { r: Number(m[1]) - 1 };
      return undefined;
    }
    const m = /^(?:[Rr](?:(\d+)|\[(-?\d+)\])?)?(?:[Cc](?:(\d+)|\[(-?\d+)\])?)?$/.exec(p);
    if (!m || p === '') return undefined;
    const hasR = /^[Rr]/.test(p);
    const hasC = /[Cc]/.test(p);
    const r = !hasR ? undefined : m[1] !== undefined ? Number(m[1]) - 1 : here.row + Number(m[2] ?? 0);
    const c = !hasC ? undefined : m[3] !== undefined ? Number(m[3]) - 1 : here.col + Number(m[4] ?? 0);
    if ((r === undefined || c === undefined) && parts.length !== 2) return undefined;
    return { r, c };
  };
  const a = one(parts[0]);
  const b = parts.length === 2 ? one(parts[1]) : a;
  if (!a || !b) return bad();
  if ((a.r === undefined) !== (b.r === undefined) || (a.c === undefined) !== (b.c === undefined)) return bad();
  const r0 = a.r === undefined ? 0 : Math.min(a.r, b.r!);
  const c0 = a.c === undefined ? 0 : Math.min(a.c, b.c!);
  const r1 = a.r === undefined ? undefined : Math.max(a.r, b.r!);
  const c1 = a.c === undefined ? undefined : Math.max(a.c, b.c!);
  if (r0 < 0 || c0 < 0 || (r1 ?? 0) >= 1_048_576 || (c1 ?? 0) >= 16_384) return bad();
  return { sheet, r0, c0, r1, c1 };
}

/** Column letters of a 1-based column number (28 → AB). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name as Excel writes it in a reference: quoted unless it is a plain word that cannot be read as a reference. */
export function quoteSheet(name: string): string {
  if (name === '') return '';
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A number argument (match_type): a blank is 0, text that reads as a number is that number. */
function toNumber(v: Cell, fn: string, what: string): number | CellError {
  if (v instanceof CellError) return v;
  if (v instanceof SimpleRangeValue) {
    if (v.width() === 1 && v.height() === 1) return toNumber(v.data[0][0], fn, what);
    return err(ErrorType.VALUE, `${fn}: ${what} must be a single number.`);
  }
  if (isEmpty(v)) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = rawNumber(v) ?? (typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
  return Number.isFinite(n) ? n : err(ErrorType.VALUE, `${fn}: ${what} must be a number, got ${JSON.stringify(v)}.`);
}

/** The first value equal to `key` (0-based, -1 when none); text keys may hold Excel wildcards. */
function exactPosition(key: Cell, cells: Cell[], wildcards: boolean): number {
  const re = wildcards && typeof key === 'string' && /[*?~]/.test(key) ? wildcard(key) : undefined;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (re ? typeof v === 'string' && re.test(v) : sameValue(v, key)) return i;
  }
  return -1;
}

/** The largest value of `key`'s type not above it, the last of equal ones (-1 when none). */
function notAbovePosition(key: Cell, cells: Cell[]): number {
  let best = -1;
  const k = kind(key);
  if (k === 'other') return -1;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (kind(v) !== k) continue;
    if (compareValues(v, key) <= 0 && (best < 0 || compareValues(v, cells[best]) >= 0)) best = i;
  }
  return best;
}

/** MATCH's -1 on descending data: the first equal value, else the last not below `key` before one below it. */
function descendingPosition(key: Cell, cells: Cell[]): number {
  const k = kind(key);
  if (k === 'other') return -1;
  let last = -1;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (kind(v) !== k) continue;
    const c = compareValues(v, key);
    if (c === 0) return i;
    if (c < 0) break;
    last = i;
  }
  return last;
}

/**
 * XMATCH's position (0-based, -1 when none): exact, exact-or-next-smaller,
 * exact-or-next-larger, wildcard or regular expression, searching
 * first-to-last or last-to-first. The binary-search modes (2, -2) give the
 * same answer as a linear search on data sorted as they require, so they are
 * searched linearly.
 */
export function matchPosition(key: Cell, cells: Cell[], mode: number, search: number): number | CellError {
  const order = cells.map((_, i) => i);
  if (search === -1) order.reverse();
  let re: RegExp | undefined;
  if (mode === 3) {
    try {
      re = new RegExp(textOf(key), 'u');
    } catch {
      return err(ErrorType.VALUE, `XMATCH: ${JSON.stringify(textOf(key))} is not a valid regular expression.`);
    }
  } else if (mode === 2 && typeof key === 'string') re = wildcard(key);
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
