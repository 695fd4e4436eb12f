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
import { AnyAst, ArrayFunctionPlugin, argState, isOmitted, literalNumber, remember, rootHint, State } from './sizing';
import { Cell, compareValues, Grid, isEmpty, result, sameValue, toInt, valueKind as kind, wildcard } from './values';

type Call = { args: AnyAst[] };

const A = FunctionArgumentType;
const anyOpt = { argumentType: A.ANY, optionalArg: true };
const range = { argumentType: A.RANGE };
const rangeOpt = { argumentType: A.RANGE, optionalArg: true };

const err = (type: ErrorType, message: string) => new CellError(type, message);

export class LookupPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    INDEX: { method: 'index', sizeOfResultArrayMethod: 'indexSize', parameters: [range, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true },
    LOOKUP: { method: 'lookup', parameters: [{ argumentType: A.NOERROR }, range, rangeOpt] },
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

}

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