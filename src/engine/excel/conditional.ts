/**
 * Excel's criteria functions — COUNTIF, COUNTIFS, SUMIF, SUMIFS, AVERAGEIF,
 * AVERAGEIFS, MAXIFS, MINIFS — on one criteria matcher with Excel's semantics
 * (Microsoft's function reference; IronCalc's base/src/functions/util.rs
 * build_criteria):
 *
 * - a number, logical or error criterion matches cells equal to it (a number
 *   also matches text that reads as that number; an error matches the same error);
 * - a reference to a blank cell as criterion is 0 (it matches the number 0 only);
 * - text may start with = <> < <= > >=; the rest is read as a number (dates,
 *   percents and currency as Excel reads typed input), TRUE/FALSE, an error
 *   code, or text (case-insensitive, with wildcards * ? and ~ escapes for = and <>);
 * - "" matches blanks and empty text, "=" blanks only, "<>" every non-blank cell;
 * - < <= > >= compare numbers with numbers and text with text only
 *   (Excel matched the number 1 with "<=TRUE": a logical there compares as 1/0).
 *
 * An error in a cell of sum/average/max/min range that meets the criteria is
 * the result; errors elsewhere are ignored. SUMIF and AVERAGEIF read their
 * sum range from its top-left cell in the criteria range's shape, as Excel
 * does; the *IFS functions need every range of the same shape (#VALUE!).
 * An array criterion gives an array of results (HyperFormula vectorizes the
 * scalar criterion argument).
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { AnyAst, ArrayFunctionPlugin, State } from './sizing';
import { cellValueIn, NOT_COMPUTED } from '../hf/internals';
import { Cell, EXCEL_ERROR_CODES, excelErrorCode, Grid, isEmpty, range, rangeOpt, rawNumber, wildcard } from './values';
import { parseNumberText } from './numberFormat';

type Call = { args: AnyAst[]; procedureName?: string };
type Matcher = (v: Cell) => boolean;

const A = FunctionArgumentType;
/** The criterion: one value, errors included (an error criterion matches that error); an array is vectorized. */
const crit = { argumentType: A.SCALAR };

/** The Excel code of an engine error (#NULL!, #CALC! … travel as #ERROR! with the code first in the message). */
export function errorCode(e: CellError): string {
  return excelErrorCode(e);
}

/** A number a cell holds, or that its text reads as (Excel's "=1" matches the text "1"). */
function numberLike(v: Cell): number | undefined {
  const n = rawNumber(v);
  if (n !== undefined) return n;
  return typeof v === 'string' ? parseNumberText(v) : undefined;
}

const numberMatcher = (op: string, target: number): Matcher => {
  switch (op) {
    case '<':
      return (v) => rawNumber(v) !== undefined && rawNumber(v)! < target;
    case '<=':
      return (v) => rawNumber(v) !== undefined && rawNumber(v)! <= target;
    case '>':
      return (v) => rawNumber(v) !== undefined && rawNumber(v)! > target;
    case '>=':
      return (v) => rawNumber(v) !== undefined && rawNumber(v)! >= target;
    case '<>':
      return (v) => numberLike(v) !== target;
    default:
      return (v) => numberLike(v) === target;
  }
};

const textOrder = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** Excel's criteria matcher for one criterion value (what COUNTIF's second argument holds). */
export function criterion(c: Cell): Matcher {
  if (c instanceof CellError) {
    const code = errorCode(c);
    return (v) => v instanceof CellError && errorCode(v) === code;
  }
  if (isEmpty(c)) return (v) => rawNumber(v) === 0;
  if (typeof c === 'boolean') return (v) => v === c;
  const n = rawNumber(c);
  if (n !== undefined) return numberMatcher('=', n);
  const s = String(c);
  const op = /^(<=|>=|<>|<|>|=)?/.exec(s)![0];
  const rest = s.slice(op.length);
  const relational = op === '<' || op === '<=' || op === '>' || op === '>=';
  if (rest === '') {
    if (op === '') return (v) => isEmpty(v) || v === '';
    if (op === '=') return (v) => isEmpty(v);
    if (op === '<>') return (v) => !isEmpty(v);
    return () => false;
  }
  const asNumber = parseNumberText(rest);
  if (asNumber !== undefined) return numberMatcher(op, asNumber);
  const upper = rest.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') {
    const b = upper === 'TRUE';
    if (op === '<>') return (v) => v !== b;
    if (!relational) return (v) => v === b;
    const num = numberMatcher(op, b ? 1 : 0);
    return (v) => (typeof v === 'boolean' ? num(v ? 1 : 0) : num(v));
  }
  if (EXCEL_ERROR_CODES.includes(upper)) {
    const is = (v: Cell) => v instanceof CellError && errorCode(v) === upper;
    if (op === '<>') return (v) => !is(v);
    return relational ? () => false : is;
  }
  if (relational) {
    const cmp = (v: Cell) => (typeof v === 'string' ? textOrder(v, rest) : NaN);
    if (op === '<') return (v) => cmp(v) < 0;
    if (op === '<=') return (v) => cmp(v) <= 0;
    if (op === '>') return (v) => cmp(v) > 0;
    return (v) => cmp(v) >= 0;
  }
  const re = wildcard(rest);
  const is = (v: Cell) => typeof v === 'string' && re.test(v);
  return op === '<>' ? (v) => !is(v) : is;
}

type Start = { sheet: number; row: number; col: number };

/** The address a single-cell reference argument names (its value comes as a 1×1 range without one). */
function cellAddress(ast: AnyAst | undefined, state: State): Start | undefined {
  const ref = (ast as unknown as { type?: string; reference?: { toSimpleCellAddress(base: unknown): Start } } | undefined);
  return ref?.type === 'CELL_REFERENCE' && ref.reference ? ref.reference.toSimpleCellAddress(state.formulaAddress) : undefined;
}

const shape = (g: Grid) => `${g.length}×${g[0]?.length ?? 0}`;

export class ConditionalPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    COUNTIF: { method: 'countif', parameters: [range, crit] },
    COUNTIFS: { method: 'countifs', parameters: [range, crit], repeatLastArgs: 2 },
    SUMIF: { method: 'sumif', parameters: [range, crit, rangeOpt] },
    SUMIFS: { method: 'sumifs', parameters: [range, range, crit], repeatLastArgs: 2 },
    AVERAGEIF: { method: 'averageif', parameters: [range, crit, rangeOpt] },
    AVERAGEIFS: { method: 'averageifs', parameters: [range, range, crit], repeatLastArgs: 2 },
    MAXIFS: { method: 'maxifs', parameters: [range, range, crit], repeatLastArgs: 2 },
    MINIFS: { method: 'minifs', parameters: [range, range, crit], repeatLastArgs: 2 },
  };

  /**
   * The cells (as [row, col] in the first range) meeting every (range, criterion) pair, or #VALUE!
   * when the ranges differ in shape. `visit` gets each one; it may stop the scan by returning an error.
   */
  private matching(fn: string, pairs: unknown[], size: Grid | undefined, visit: (r: number, c: number) => CellError | void): CellError | undefined {
    const ranges: Grid[] = [];
    const matchers: Matcher[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      ranges.push((pairs[i] as SimpleRangeValue).data as Grid);
      matchers.push(criterion(pairs[i + 1]));
    }
    const want = shape(size ?? ranges[0]);
    for (const g of ranges) {
      if (shape(g) !== want) return new CellError(ErrorType.VALUE, `${fn}: every range must have the same shape (${want}), not ${shape(g)}.`);
    }
    const first = ranges[0];
    for (let r = 0; r < first.length; r++) {
      const row = first[r];
      for (let c = 0; c < row.length; c++) {
        let ok = true;
        for (let k = 0; k < ranges.length && ok; k++) ok = matchers[k](ranges[k][r][c]);
        if (!ok) continue;
        const stop = visit(r, c);
        if (stop) return stop;
      }
    }
    return undefined;
  }

  /**
   * SUMIF/AVERAGEIF's value range in the criteria range's shape: Excel starts at the value range's
   * top-left cell and takes as many rows and columns as the criteria range has.
   */
  private resized(fn: string, values: SimpleRangeValue, like: SimpleRangeValue, at?: Start): Grid | CellError {
    const data = values.data as Grid;
    const h = like.height();
    const w = like.width();
    if (values.height() === h && values.width() === w) return data;
    const start = (values as unknown as { range?: { start: Start } }).range?.start ?? at;
    const out: Grid = [];
    for (let r = 0; r < h; r++) {
      const row: Cell[] = [];
      for (let c = 0; c < w; c++) {
        if (r < data.length && c < (data[r]?.length ?? 0)) row.push(data[r][c]);
        else if (!start) row.push(EmptyValue);
        else {
          const v = cellValueIn(this.dependencyGraph, { sheet: start.sheet, row: start.row + r, col: start.col + c });
          if (v === NOT_COMPUTED) return new CellError(ErrorType.VALUE, `${fn}: give the sum/average range the criteria range's shape (${h}×${w}).`);
          row.push(v);
        }
      }
      out.push(row);
    }
    return out;
  }

  /** Folds the numbers of `values` at the matching cells; an error there is the result. */
  private fold(fn: string, values: Grid, pairs: unknown[], add: (n: number) => void): CellError | undefined {
    return this.matching(fn, pairs, values, (r, c) => {
      const v = values[r][c];
      if (v instanceof CellError) return v;
      const n = rawNumber(v);
      if (n !== undefined) add(n);
    });
  }

  countif(ast: Call, state: State): unknown {
    return this.call('COUNTIF', ast, state, (rng: SimpleRangeValue, c: Cell) => this.count('COUNTIF', [rng, c]));
  }

  countifs(ast: Call, state: State): unknown {
    return this.call('COUNTIFS', ast, state, (...pairs: unknown[]) => this.count('COUNTIFS', pairs));
  }

  private count(fn: string, pairs: unknown[]): unknown {
    let n = 0;
    const e = this.matching(fn, pairs, undefined, () => {
      n++;
    });
    return e ?? n;
  }

  sumif(ast: Call, state: State): unknown {
    return this.call('SUMIF', ast, state, (rng: SimpleRangeValue, c: Cell, sumRange?: SimpleRangeValue) => {
      const values = this.resized('SUMIF', sumRange ?? rng, rng, cellAddress(ast.args[2], state));
      if (values instanceof CellError) return values;
      let sum = 0;
      return this.fold('SUMIF', values, [rng, c], (n) => (sum += n)) ?? sum;
    });
  }

  sumifs(ast: Call, state: State): unknown {
    return this.call('SUMIFS', ast, state, (sumRange: SimpleRangeValue, ...pairs: unknown[]) => {
      let sum = 0;
      return this.fold('SUMIFS', sumRange.data as Grid, pairs, (n) => (sum += n)) ?? sum;
    });
  }

  averageif(ast: Call, state: State): unknown {
    return this.call('AVERAGEIF', ast, state, (rng: SimpleRangeValue, c: Cell, avgRange?: SimpleRangeValue) => {
      const values = this.resized('AVERAGEIF', avgRange ?? rng, rng, cellAddress(ast.args[2], state));
      if (values instanceof CellError) return values;
      return this.mean('AVERAGEIF', values, [rng, c]);
    });
  }

  averageifs(ast: Call, state: State): unknown {
    return this.call('AVERAGEIFS', ast, state, (avgRange: SimpleRangeValue, ...pairs: unknown[]) => this.mean('AVERAGEIFS', avgRange.data as Grid, pairs));
  }

  private mean(fn: string, values: Grid, pairs: unknown[]): unknown {
    let sum = 0;
    let count = 0;
    const e = this.fold(fn, values, pairs, (n) => {
      sum += n;
      count++;
    });
    if (e) return e;
    return count ? sum / count : new CellError(ErrorType.DIV_BY_ZERO, `${fn}: no number in the average range meets the criteria.`);
  }

  maxifs(ast: Call, state: State): unknown {
    return this.call('MAXIFS', ast, state, (values: SimpleRangeValue, ...pairs: unknown[]) => this.extreme('MAXIFS', values, pairs, Math.max));
  }

  minifs(ast: Call, state: State): unknown {
    return this.call('MINIFS', ast, state, (values: SimpleRangeValue, ...pairs: unknown[]) => this.extreme('MINIFS', values, pairs, Math.min));
  }

  /** MAXIFS/MINIFS: the largest/smallest matching number; none is 0, as in Excel. */
  private extreme(fn: string, values: SimpleRangeValue, pairs: unknown[], pick: (a: number, b: number) => number): unknown {
    let best: number | undefined;
    const e = this.fold(fn, values.data as Grid, pairs, (n) => {
      best = best === undefined ? n : pick(best, n);
    });
    return e ?? best ?? 0;
  }
}
