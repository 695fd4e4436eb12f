/**
 * Excel's statistical functions that HyperFormula lacks or computes differently:
 *
 * - RANK, RANK.EQ, RANK.AVG (Excel's RANK; the add-in's own is LLM.RANK);
 * - PERCENTRANK, PERCENTRANK.INC, PERCENTRANK.EXC (truncated to `significance` digits);
 * - MODE, MODE.SNGL, MODE.MULT (a column of every most frequent value), FREQUENCY;
 * - the regression family: LINEST and LOGEST (with `const` and `stats`, the
 *   full 5-row statistics), TREND and GROWTH, FORECAST, FORECAST.LINEAR,
 *   INTERCEPT — least squares as Excel computes it (regression.ts);
 * - GAMMA to full precision, POISSON.DIST for any mean, T.TEST as Excel pairs
 *   and truncates, SMALL/LARGE of a single value, KURT, COUNTBLANK counting "".
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Array results
 * declare their size (`sizeOfResultArrayMethod`): exact where it follows from
 * the arguments' shapes, else the size Excel saved (sizing.ts). Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { Addr, AnyAst, ArrayFunctionPlugin, argState, isOmitted, literalNumber, remember, report, rootHint, Size, State } from './sizing';
import { Impl, unparenthesised } from '../hf/internals';
import { isWordLiteral, llmHint } from './llmHints';
import { anyOpt, Cell, err, Grid, isEmpty, range, rangeOpt, rawNumber, result, toBool } from './values';
import { leastSquares, predict } from './regression';
import { gamma, incompleteBeta, logIncompleteGamma, inverseIncompleteBeta, inverseIncompleteGamma, lnGamma, poissonCdf, poissonPmf, studentCdf, studentPdf, studentRightTail, studentTwoTailedInverse, studentUpperTail } from './statMath';

type Call = { args: AnyAst[]; procedureName?: string };

const A = FunctionArgumentType;
const num = { argumentType: A.NUMBER };
const numOpt = { argumentType: A.NUMBER, optionalArg: true };
const anyArg = { argumentType: A.ANY };
/** One value, errors included (LINEST's const and stats: an error there is #VALUE!, not passed on). */
const scalarOpt = { argumentType: A.SCALAR, optionalArg: true };

/** The numbers of a range or array (text, logicals and blanks skipped, as Excel skips them there), or its first error. */
function numbersIn(v: unknown): number[] | CellError {
  const out: number[] = [];
  for (const row of grid(v)) {
    for (const c of row) {
      if (c instanceof CellError) return c;
      const n = rawNumber(c);
      if (n !== undefined) out.push(n);
    }
  }
  return out;
}

function grid(v: unknown): Grid {
  return v instanceof SimpleRangeValue ? (v.data as Grid) : [[v]];
}

/** How a function of number1, number2, … takes text typed into the formula that is not a number: #VALUE! (KURT) or skipped (MODE). */
type TextPolicy = 'error' | 'skip';
type ToNumber = (v: unknown) => number | CellError;

/**
 * The numbers of one argument of a function of number1, number2, …: a
 * reference or an array gives its numbers only; a value typed into the
 * formula is converted as Excel converts it (TRUE is 1, "3.4" is 3.4, a date
 * typed as text is its serial number).
 */
function argNumbers(value: unknown, ast: AnyAst | undefined, fn: string, toNumber: ToNumber, text: TextPolicy = 'error'): number[] | CellError {
  const a = unparenthesised(ast);
  if (value instanceof CellError) return value;
  if (value instanceof SimpleRangeValue || a?.type === 'CELL_REFERENCE' || a?.type === 'CELL_RANGE') return numbersIn(value);
  if (isEmpty(value)) return [];
  const n = value === '' ? err(ErrorType.VALUE, 'empty text') : toNumber(value);
  if (n instanceof CellError) return text === 'skip' && typeof value === 'string' ? [] : err(ErrorType.VALUE, `${fn}: ${JSON.stringify(value)} is not a number.`);
  return [n];
}

function allNumbers(values: unknown[], asts: AnyAst[], fn: string, toNumber: ToNumber, text: TextPolicy = 'error'): number[] | CellError {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const ns = argNumbers(values[i], asts[i], fn, toNumber, text);
    if (ns instanceof CellError) return ns;
    for (const n of ns) out.push(n);
  }
  return out;
}

/** Every cell a number (regression data): text, logicals, blanks and errors are all #VALUE!, as in Excel. */
function numericGrid(v: SimpleRangeValue, fn: string, what: string): number[][] | CellError {
  const out: number[][] = [];
  for (const row of v.data as Grid) {
    const r: number[] = [];
    for (const c of row) {
      const n = rawNumber(c);
      if (n === undefined) {
        const found = c instanceof CellError ? `the error ${c.type}` : isEmpty(c) ? 'a blank cell' : JSON.stringify(c);
        return err(ErrorType.VALUE, `${fn}: ${what} must hold only numbers; found ${found}.`);
      }
      r.push(n);
    }
    out.push(r);
  }
  return out;
}

/** Rounds toward zero to `digits` decimals, reading the product as Excel shows it (0.29 × 1000 is 290). */
function truncateTo(v: number, digits: number): number {
  const f = Math.pow(10, digits);
  return Math.trunc(Number((v * f).toPrecision(15))) / f;
}

/** How the known x's of a regression line up with the known y's. */
interface Layout {
  /** One variable laid out as y is (any shape), or one variable per column (y a column) or per row (y a row). */
  by: 'same' | 'columns' | 'rows';
  /** Number of x variables. */
  p: number;
}

function layout(y: Size, x: Size | undefined): Layout | undefined {
  if (!x || (x.h === y.h && x.w === y.w)) return { by: 'same', p: 1 };
  if (y.w === 1 && x.h === y.h) return { by: 'columns', p: x.w };
  if (y.h === 1 && x.w === y.w) return { by: 'rows', p: x.h };
  return undefined;
}

const sizeOfValue = (v: SimpleRangeValue): Size => ({ h: v.height(), w: v.width() });

interface RegressionInput {
  y: number[];
  /** n rows of p x's. */
  x: number[][];
  lay: Layout;
  yShape: Size;
}

/** The known y's and x's of a regression as numbers, or Excel's error for them (#REF! for shapes that do not line up). */
function regressionInput(fn: string, ys: SimpleRangeValue, xs: SimpleRangeValue | undefined, logY: boolean): RegressionInput | CellError {
  const yShape = sizeOfValue(ys);
  const lay = layout(yShape, xs ? sizeOfValue(xs) : undefined);
  if (!lay) {
    return err(ErrorType.REF, `${fn}: known_x's (${xs!.height()}×${xs!.width()}) do not line up with known_y's (${yShape.h}×${yShape.w}): give one x per y, or a column of x's per variable beside a column of y's.`);
  }
  const yg = numericGrid(ys, fn, "known_y's");
  if (yg instanceof CellError) return yg;
  let y = yg.flat();
  if (logY) {
    if (y.some((v) => v <= 0)) return err(ErrorType.NUM, `${fn}: every known_y must be positive (the fit is on their logarithms).`);
    y = y.map(Math.log);
  }
  let x: number[][];
  if (!xs) {
    x = y.map((_, i) => [i + 1]);
  } else {
    const xg = numericGrid(xs, fn, "known_x's");
    if (xg instanceof CellError) return xg;
    if (lay.by === 'same') x = xg.flat().map((v) => [v]);
    else if (lay.by === 'columns') x = xg;
    else x = y.map((_, i) => xg.map((row) => row[i]));
  }
  return { y, x, lay, yShape };
}

/** A value of the statistics block: NaN (undefined) is #NUM!. */
const stat = (v: number): Cell => (Number.isFinite(v) ? v : err(ErrorType.NUM, 'LINEST: this statistic is undefined for the data (a division by zero).'));
const NA = () => err(ErrorType.NA, 'LINEST: no statistic here (Excel fills the rest of the block with #N/A).');

const addrKey = (a: Addr) => `${a.sheet},${a.row},${a.col}`;
/** The size reserved for each array call (per AST and cell: cells whose formulas read alike share an AST). */
const reserved = new WeakMap<object, Map<string, Size & { saved: boolean }>>();

/**
 * Reserves the result's size: the size Excel saved for the cell when this
 * call is its whole formula (the workbook's spill or array range), else the
 * size that follows from the arguments' shapes (an upper bound where it
 * depends on values).
 */
function reserve(ast: object, state: State, size: Size): ArraySize {
  const hint = rootHint(state);
  const s = hint ?? size;
  let m = reserved.get(ast);
  if (!m) reserved.set(ast, (m = new Map()));
  m.set(addrKey(state.formulaAddress), { h: Math.max(1, s.h), w: Math.max(1, s.w), saved: hint !== undefined });
  return remember(ast, state, s);
}

/** A result cut to the reserved size, as Excel shows an array formula's result in the range it was entered over. */
function cropTo(value: unknown, size: Size | undefined): unknown {
  if (!size || !(value instanceof SimpleRangeValue)) return value;
  if (value.height() <= size.h && value.width() <= size.w) return value;
  return result((value.data as Grid).slice(0, size.h).map((r) => r.slice(0, size.w)));
}

/**
 * A result laid over the range an array formula was entered in, as Excel
 * does: cut where the range is smaller; a single row or column repeated
 * across a larger range; #N/A in the cells beyond the result otherwise.
 */
function shapeTo(value: unknown, size: Size | undefined): unknown {
  if (!size || value instanceof CellError) return value;
  const data = grid(value);
  const h = data.length;
  const w = data[0]?.length ?? 0;
  if (h === size.h && w === size.w) return value;
  const out: Grid = [];
  for (let i = 0; i < size.h; i++) {
    const row: Cell[] = [];
    for (let j = 0; j < size.w; j++) {
      const r = h === 1 ? 0 : i;
      const c = w === 1 ? 0 : j;
      row.push(r < h && c < w ? data[r][c] : err(ErrorType.NA, 'outside the result: the array formula\'s range is larger than its result.'));
    }
    out.push(row);
  }
  return result(out);
}

export class StatisticalPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    RANK: { method: 'rankEq', parameters: [num, range, numOpt] },
    'RANK.EQ': { method: 'rankEq', parameters: [num, range, numOpt] },
    'RANK.AVG': { method: 'rankAvg', parameters: [num, range, numOpt] },
    PERCENTRANK: { method: 'percentrankInc', parameters: [range, num, numOpt] },
    'PERCENTRANK.INC': { method: 'percentrankInc', parameters: [range, num, numOpt] },
    'PERCENTRANK.EXC': { method: 'percentrankExc', parameters: [range, num, numOpt] },
    MODE: { method: 'modeSngl', parameters: [anyArg], repeatLastArgs: 1 },
    'MODE.SNGL': { method: 'modeSngl', parameters: [anyArg], repeatLastArgs: 1 },
    'MODE.MULT': { method: 'modeMult', sizeOfResultArrayMethod: 'modeMultSize', parameters: [anyArg], repeatLastArgs: 1, vectorizationForbidden: true },
    FREQUENCY: { method: 'frequency', sizeOfResultArrayMethod: 'frequencySize', parameters: [range, range], vectorizationForbidden: true },
    LINEST: { method: 'linest', sizeOfResultArrayMethod: 'linestSize', parameters: [range, rangeOpt, scalarOpt, scalarOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    LOGEST: { method: 'logest', sizeOfResultArrayMethod: 'linestSize', parameters: [range, rangeOpt, scalarOpt, scalarOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    TREND: { method: 'trend', sizeOfResultArrayMethod: 'trendSize', parameters: [range, rangeOpt, rangeOpt, scalarOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    GROWTH: { method: 'growth', sizeOfResultArrayMethod: 'trendSize', parameters: [range, rangeOpt, rangeOpt, scalarOpt], vectorizationForbidden: true, enableArrayArithmeticForArguments: true },
    FORECAST: { method: 'forecast', parameters: [num, range, range] },
    'FORECAST.LINEAR': { method: 'forecast', parameters: [num, range, range] },
    INTERCEPT: { method: 'intercept', parameters: [range, range] },
    GAMMA: { method: 'gamma', parameters: [num] },
    'POISSON.DIST': { method: 'poisson', parameters: [{ argumentType: A.NUMBER }, { argumentType: A.NUMBER }, { argumentType: A.BOOLEAN }] },
    POISSON: { method: 'poisson', parameters: [{ argumentType: A.NUMBER }, { argumentType: A.NUMBER }, { argumentType: A.BOOLEAN }] },
    'GAMMA.INV': {
      method: 'gammainv',
      parameters: [{ argumentType: A.NUMBER, minValue: 0, lessThan: 1 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, greaterThan: 0 }],
    },
    GAMMAINV: {
      method: 'gammainv',
      parameters: [{ argumentType: A.NUMBER, minValue: 0, lessThan: 1 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, greaterThan: 0 }],
    },
    'BETA.DIST': {
      method: 'betadist',
      parameters: [num, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.BOOLEAN }, { argumentType: A.NUMBER, defaultValue: 0 }, { argumentType: A.NUMBER, defaultValue: 1 }],
    },
    'BETA.INV': {
      method: 'betainv',
      parameters: [{ argumentType: A.NUMBER, greaterThan: 0, lessThan: 1 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, defaultValue: 0 }, { argumentType: A.NUMBER, defaultValue: 1 }],
    },
    BETAINV: {
      method: 'betainv',
      parameters: [{ argumentType: A.NUMBER, greaterThan: 0, lessThan: 1 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, greaterThan: 0 }, { argumentType: A.NUMBER, defaultValue: 0 }, { argumentType: A.NUMBER, defaultValue: 1 }],
    },
    'T.TEST': { method: 'ttest', parameters: [range, range, num, num] },
    TTEST: { method: 'ttest', parameters: [range, range, num, num] },
    SMALL: { method: 'small', parameters: [anyArg, num] },
    LARGE: { method: 'large', parameters: [anyArg, num] },
    KURT: { method: 'kurt', parameters: [anyArg], repeatLastArgs: 1 },
    COUNTBLANK: { method: 'countblank', parameters: [anyArg] },
    TRIMMEAN: { method: 'trimmean', parameters: [range, num] },
    NORMSDIST: { method: 'normsdist', parameters: [num] },
    'T.DIST': { method: 'tdist', parameters: [num, { argumentType: A.NUMBER }, { argumentType: A.BOOLEAN }] },
    'T.DIST.2T': { method: 'tdist2t', parameters: [{ argumentType: A.NUMBER, minValue: 0 }, { argumentType: A.NUMBER, minValue: 1 }] },
    'T.DIST.RT': { method: 'tdistrt', parameters: [num, { argumentType: A.NUMBER, minValue: 1 }] },
    TDIST: { method: 'tdistold', parameters: [{ argumentType: A.NUMBER, minValue: 0 }, { argumentType: A.NUMBER, minValue: 1 }, { argumentType: A.INTEGER, minValue: 1, maxValue: 2 }] },
    'T.INV': { method: 'tinv', parameters: [{ argumentType: A.NUMBER, greaterThan: 0, lessThan: 1 }, { argumentType: A.NUMBER, minValue: 1 }] },
    'T.INV.2T': { method: 'tinv2t', parameters: [{ argumentType: A.NUMBER, greaterThan: 0, maxValue: 1 }, { argumentType: A.NUMBER, minValue: 1 }] },
    TINV: { method: 'tinv2t', parameters: [{ argumentType: A.NUMBER, greaterThan: 0, maxValue: 1 }, { argumentType: A.NUMBER, minValue: 1 }] },
    MEDIAN: { method: 'median', parameters: [anyArg], repeatLastArgs: 1 },
    AVEDEV: { method: 'avedev', parameters: [anyArg], repeatLastArgs: 1 },
    DEVSQ: { method: 'devsq', parameters: [anyArg], repeatLastArgs: 1 },
    GEOMEAN: { method: 'geomean', parameters: [anyArg], repeatLastArgs: 1 },
    HARMEAN: { method: 'harmean', parameters: [anyArg], repeatLastArgs: 1 },
    PROB: { method: 'prob', parameters: [range, range, num, numOpt] },
    PERMUT: { method: 'permut', parameters: [num, num] },
    PERMUTATIONA: { method: 'permutationa', parameters: [num, num] },
    'BINOM.DIST.RANGE': { method: 'binomDistRange', parameters: [num, num, num, numOpt] },
  };

  /**
   * Runs an array function and fits its value to the reserved size. A result
   * whose size depends on values (MODE.MULT) is cut to it, and the workbook
   * checker is told its real size, so a spill that grew or shrank shows. A
   * result whose size follows from the arguments' shapes (the regression
   * family, FREQUENCY: one count per bin) is laid over the saved range as
   * Excel lays an array formula's result over its range (shapeTo), and that
   * is the size reported: the shapes cannot have changed without the formula
   * changing.
   */
  private runArray(name: string, ast: Call, state: State, impl: Impl, sizedByShapes = false): unknown {
    const out = this.call(name, ast, state, impl);
    const size = reserved.get(ast)?.get(addrKey(state.formulaAddress));
    // Without a saved range, a result smaller than the bound reserved is simply shorter (the rest stays empty).
    if (!sizedByShapes || !size?.saved) {
      report(ast, state, out);
      return cropTo(out, size);
    }
    const shaped = shapeTo(out, size);
    report(ast, state, shaped);
    return shaped;
  }

  // ---- RANK ----------------------------------------------------------------

  private rank(fn: string, ast: Call, state: State, average: boolean): unknown {
    return this.call(fn, ast, state, (n: number, ref: SimpleRangeValue, order: number | undefined) => {
      const values = numbersIn(ref);
      if (values instanceof CellError) return values;
      const ascending = order !== undefined && order !== 0;
      let before = 0;
      let ties = 0;
      for (const v of values) {
        if (v === n) ties++;
        else if (ascending ? v < n : v > n) before++;
      }
      if (ties === 0) return err(ErrorType.NA, `${fn}: ${n} is not among the numbers of ref.`);
      return average ? before + (ties + 1) / 2 : before + 1;
    });
  }

  rankEq(ast: Call, state: State): unknown {
    if (ast.procedureName === 'RANK' && ast.args.length < 2) return llmHint('RANK', ErrorType.NA, `Excel's RANK takes a number and a ref, not ${ast.args.length} argument${ast.args.length === 1 ? '' : 's'}.`);
    if (ast.procedureName === 'RANK' && isWordLiteral(ast.args[0])) return llmHint('RANK', ErrorType.VALUE, "Excel's RANK ranks a number, not text.");
    return this.rank(ast.procedureName === 'RANK' ? 'RANK' : 'RANK.EQ', ast, state, false);
  }
  rankAvg(ast: Call, state: State): unknown {
    return this.rank('RANK.AVG', ast, state, true);
  }

  // ---- PERCENTRANK ---------------------------------------------------------

  private percentrank(fn: string, ast: Call, state: State, exclusive: boolean): unknown {
    return this.call(fn, ast, state, (arr: SimpleRangeValue, x: number, sig: number | undefined) => {
      const values = numbersIn(arr);
      if (values instanceof CellError) return values;
      const digits = sig === undefined ? 3 : Math.trunc(sig);
      if (digits < 1) return err(ErrorType.NUM, `${fn}: significance must be at least 1 digit.`);
      values.sort((a, b) => a - b);
      const n = values.length;
      if (n === 0 || x < values[0] || x > values[n - 1]) return err(ErrorType.NA, `${fn}: ${x} is outside the range of the array's numbers.`);
      const below = values.filter((v) => v < x).length;
      let rank: number; // 0-based position of x among the sorted values, interpolated
      if (values[below] === x) rank = below;
      else rank = below - 1 + (x - values[below - 1]) / (values[below] - values[below - 1]);
      const pct = exclusive ? (rank + 1) / (n + 1) : n === 1 ? 1 : rank / (n - 1);
      return truncateTo(pct, digits);
    });
  }

  percentrankInc(ast: Call, state: State): unknown {
    return this.percentrank(ast.procedureName === 'PERCENTRANK' ? 'PERCENTRANK' : 'PERCENTRANK.INC', ast, state, false);
  }
  percentrankExc(ast: Call, state: State): unknown {
    return this.percentrank('PERCENTRANK.EXC', ast, state, true);
  }

  // ---- MODE, FREQUENCY -----------------------------------------------------

  /** The most frequent numbers, in the order they first appear; #N/A when no number repeats. */
  private modes(fn: string, ast: Call, values: unknown[]): number[] | CellError {
    const ns = allNumbers(values, ast.args, fn, (v) => this.toNumber(v), 'skip');
    if (ns instanceof CellError) return ns;
    const counts = new Map<number, number>();
    for (const n of ns) counts.set(n, (counts.get(n) ?? 0) + 1);
    let most = 0;
    for (const c of counts.values()) most = Math.max(most, c);
    if (most < 2) return err(ErrorType.NA, `${fn}: no number occurs more than once.`);
    return [...counts].filter(([, c]) => c === most).map(([v]) => v);
  }

  modeSngl(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'MODE' ? 'MODE' : 'MODE.SNGL';
    return this.call(fn, ast, state, (...values: unknown[]) => {
      const m = this.modes(fn, ast, values);
      return m instanceof CellError ? m : m[0];
    });
  }

  modeMult(ast: Call, state: State): unknown {
    return this.runArray('MODE.MULT', ast, state, (...values: unknown[]) => {
      const m = this.modes('MODE.MULT', ast, values);
      return m instanceof CellError ? m : result(m.map((v) => [v]));
    });
  }

  /** As many modes as Excel saved; otherwise at most half the values. */
  modeMultSize(ast: Call, state: State): ArraySize {
    let cells = 0;
    for (const a of ast.args) {
      const s = this.size(a, argState(state));
      cells += s.h * s.w;
    }
    return reserve(ast, state, { h: Math.max(1, Math.floor(cells / 2)), w: 1 });
  }

  frequency(ast: Call, state: State): unknown {
    return this.runArray('FREQUENCY', ast, state, (data: SimpleRangeValue, bins: SimpleRangeValue) => {
      const values = numbersIn(data);
      if (values instanceof CellError) return values;
      const found = numbersIn(bins);
      if (found instanceof CellError) return found;
      // Bins holding no number at all count as the one bin 0 (Excel: FREQUENCY(data, blank) is {≤0; >0}).
      const edges = found.length ? found : [0];
      // Each value counts in the smallest bin at or above it (bins in any order; a repeated bin counts once).
      const order = edges.map((e, i) => [e, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const counts = new Array<number>(edges.length + 1).fill(0);
      for (const v of values) {
        const hit = order.find(([e]) => v <= e);
        counts[hit ? hit[1] : edges.length]++;
      }
      return result(counts.map((c) => [c]));
    }, true);
  }

  /** One count per number among the bins, plus one for values above them. */
  frequencySize(ast: Call, state: State): ArraySize {
    const bins = this.size(ast.args[1], argState(state));
    return reserve(ast, state, { h: bins.h * bins.w + 1, w: 1 });
  }

  // ---- regression ----------------------------------------------------------

  private flag(value: unknown, ast: AnyAst | undefined, fn: string, what: string, dflt: boolean): boolean | CellError {
    if (isOmitted(ast) || value === undefined) return dflt;
    if (value instanceof SimpleRangeValue) {
      if (value.width() * value.height() !== 1) return err(ErrorType.VALUE, `${fn}: ${what} must be TRUE or FALSE, not an array.`);
      value = value.data[0][0];
    }
    if (value === EmptyValue) return false;
    if (value instanceof CellError) return err(ErrorType.VALUE, `${fn}: ${what} is the error ${value.type}; it must be TRUE or FALSE.`);
    return toBool(value, fn, what);
  }

  private estimate(fn: 'LINEST' | 'LOGEST', ast: Call, state: State): unknown {
    return this.runArray(fn, ast, state, (ys: SimpleRangeValue, xs: SimpleRangeValue | undefined, constArg: unknown, statsArg: unknown) => {
      const withConst = this.flag(constArg, ast.args[2], fn, 'const', true);
      if (withConst instanceof CellError) return withConst;
      const withStats = this.flag(statsArg, ast.args[3], fn, 'stats', false);
      if (withStats instanceof CellError) return withStats;
      const input = regressionInput(fn, ys, isOmitted(ast.args[1]) ? undefined : xs, fn === 'LOGEST');
      if (input instanceof CellError) return input;
      const fit = leastSquares(input.y, input.x, withConst);
      const out = (v: number) => (fn === 'LOGEST' ? Math.exp(v) : v);
      const p = input.lay.p;
      const coefficients: Cell[] = [...fit.slopes.map(out).reverse(), withConst ? out(fit.intercept) : out(0)];
      if (!withStats) return result([coefficients]);
      const s = fit.stats;
      const pad = (first: Cell[]) => [...first, ...Array.from({ length: p + 1 - first.length }, NA)];
      const rows: Grid = [
        coefficients,
        [...s.slopeErrors.map(stat).reverse(), withConst ? stat(s.interceptError) : NA()],
        pad(p + 1 > 1 ? [stat(s.r2), stat(s.sey)] : [stat(s.r2)]),
        pad([stat(s.f), s.df]),
        pad([stat(s.ssreg), stat(s.ssresid)]),
      ].map((r) => r.slice(0, p + 1));
      return result(rows);
    }, true);
  }

  linest(ast: Call, state: State): unknown {
    return this.estimate('LINEST', ast, state);
  }
  logest(ast: Call, state: State): unknown {
    return this.estimate('LOGEST', ast, state);
  }

  /** One column per x variable and one for the constant; five rows with stats (the saved size when stats comes from a cell). */
  linestSize(ast: Call, state: State): ArraySize {
    const y = this.size(ast.args[0], argState(state));
    const x = isOmitted(ast.args[1]) ? undefined : this.size(ast.args[1], argState(state));
    const lay = layout(y, x);
    const w = lay ? lay.p + 1 : 1;
    const statsAst = ast.args[3];
    const stats = isOmitted(statsAst) ? 0 : literalNumber(statsAst);
    return reserve(ast, state, { h: stats === undefined || stats ? 5 : 1, w });
  }

  private projection(fn: 'TREND' | 'GROWTH', ast: Call, state: State): unknown {
    return this.runArray(fn, ast, state, (ys: SimpleRangeValue, xs: SimpleRangeValue | undefined, news: SimpleRangeValue | undefined, constArg: unknown) => {
      const withConst = this.flag(constArg, ast.args[3], fn, 'const', true);
      if (withConst instanceof CellError) return withConst;
      const knownX = isOmitted(ast.args[1]) ? undefined : xs;
      const input = regressionInput(fn, ys, knownX, fn === 'GROWTH');
      if (input instanceof CellError) return input;
      const { lay } = input;
      // The points to project: one per new x (single variable) or per row/column of new x's.
      let points: number[][];
      let shape: Size;
      if (isOmitted(ast.args[2]) || !news) {
        points = input.x;
        shape = input.yShape;
      } else {
        const ng = numericGrid(news, fn, "new_x's");
        if (ng instanceof CellError) return ng;
        const ns = sizeOfValue(news);
        if (lay.by === 'same') {
          points = ng.flat().map((v) => [v]);
          shape = ns;
        } else if (lay.by === 'columns') {
          if (ns.w !== lay.p) return err(ErrorType.REF, `${fn}: new_x's must have ${lay.p} columns, one per x variable.`);
          points = ng;
          shape = { h: ns.h, w: 1 };
        } else {
          if (ns.h !== lay.p) return err(ErrorType.REF, `${fn}: new_x's must have ${lay.p} rows, one per x variable.`);
          points = ng[0].map((_, i) => ng.map((row) => row[i]));
          shape = { h: 1, w: ns.w };
        }
      }
      const fit = leastSquares(input.y, input.x, withConst);
      const values = points.map((pt) => (fn === 'GROWTH' ? Math.exp(predict(fit, pt)) : predict(fit, pt)));
      const out: Grid = [];
      for (let r = 0; r < shape.h; r++) out.push(values.slice(r * shape.w, (r + 1) * shape.w));
      return result(out);
    }, true);
  }

  trend(ast: Call, state: State): unknown {
    return this.projection('TREND', ast, state);
  }
  growth(ast: Call, state: State): unknown {
    if (isWordLiteral(ast.args[0])) return llmHint('GROWTH', ErrorType.VALUE, "Excel's GROWTH fits numbers (known_y's), not text.");
    return this.projection('GROWTH', ast, state);
  }

  /** The shape of new_x's (one value per point), or of known_y's when new_x's is omitted. */
  trendSize(ast: Call, state: State): ArraySize {
    const y = this.size(ast.args[0], argState(state));
    const x = isOmitted(ast.args[1]) ? undefined : this.size(ast.args[1], argState(state));
    const lay = layout(y, x);
    if (!lay) return reserve(ast, state, { h: 1, w: 1 });
    if (isOmitted(ast.args[2])) return reserve(ast, state, y);
    const nx = this.size(ast.args[2], argState(state));
    return reserve(ast, state, lay.by === 'same' ? nx : lay.by === 'columns' ? { h: nx.h, w: 1 } : { h: 1, w: nx.w });
  }

  /** Pairs of numbers from two equally sized ranges (a pair with text, a logical or a blank is skipped). */
  private pairs(fn: string, ys: SimpleRangeValue, xs: SimpleRangeValue): [number[], number[]] | CellError {
    const yv = (ys.data as Grid).flat();
    const xv = (xs.data as Grid).flat();
    if (yv.length !== xv.length) return err(ErrorType.NA, `${fn}: known_y's has ${yv.length} values and known_x's ${xv.length}; they must pair up.`);
    const y: number[] = [];
    const x: number[] = [];
    for (let i = 0; i < yv.length; i++) {
      if (yv[i] instanceof CellError) return yv[i] as CellError;
      if (xv[i] instanceof CellError) return xv[i] as CellError;
      const a = rawNumber(yv[i]);
      const b = rawNumber(xv[i]);
      if (a !== undefined && b !== undefined) {
        y.push(a);
        x.push(b);
      }
    }
    return [y, x];
  }

  /** Slope and intercept of the least-squares line, or #DIV/0! when the x's do not vary. */
  private line(fn: string, ys: SimpleRangeValue, xs: SimpleRangeValue): { slope: number; yBar: number; xBar: number } | CellError {
    const p = this.pairs(fn, ys, xs);
    if (p instanceof CellError) return p;
    const [y, x] = p;
    const n = y.length;
    if (n === 0) return err(ErrorType.DIV_BY_ZERO, `${fn}: no pair of numbers to fit.`);
    const yBar = y.reduce((s, v) => s + v, 0) / n;
    const xBar = x.reduce((s, v) => s + v, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (x[i] - xBar) * (y[i] - yBar);
      sxx += (x[i] - xBar) * (x[i] - xBar);
    }
    if (sxx === 0) return err(ErrorType.DIV_BY_ZERO, `${fn}: the known x's are all equal, so the line is undefined.`);
    return { slope: sxy / sxx, yBar, xBar };
  }

  forecast(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'FORECAST' ? 'FORECAST' : 'FORECAST.LINEAR';
    return this.call(fn, ast, state, (x: number, ys: SimpleRangeValue, xs: SimpleRangeValue) => {
      const l = this.line(fn, ys, xs);
      return l instanceof CellError ? l : l.yBar + l.slope * (x - l.xBar);
    });
  }

  intercept(ast: Call, state: State): unknown {
    return this.call('INTERCEPT', ast, state, (ys: SimpleRangeValue, xs: SimpleRangeValue) => {
      const l = this.line('INTERCEPT', ys, xs);
      return l instanceof CellError ? l : l.yBar - l.slope * l.xBar;
    });
  }

  // ---- distributions and tests ---------------------------------------------

  gamma(ast: Call, state: State): unknown {
    return this.call('GAMMA', ast, state, (x: number) => {
      if (x <= 0 && Number.isInteger(x)) return err(ErrorType.NUM, 'GAMMA: undefined at 0 and the negative integers.');
      const g = gamma(x);
      return Number.isFinite(g) ? g : err(ErrorType.NUM, `GAMMA: Γ(${x}) is beyond the largest number Excel holds.`);
    });
  }

  poisson(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'POISSON' ? 'POISSON' : 'POISSON.DIST';
    return this.call(fn, ast, state, (xArg: number, mean: number, cumulative: boolean) => {
      const x = Math.trunc(xArg);
      if (x < 0 || xArg < 0) return err(ErrorType.NUM, `${fn}: x must not be negative.`);
      if (mean < 0) return err(ErrorType.NUM, `${fn}: mean must not be negative.`);
      const v = cumulative ? poissonCdf(x, mean) : poissonPmf(x, mean);
      return Number.isFinite(v) ? v : err(ErrorType.NUM, `${fn}: the probability cannot be computed for these arguments.`);
    });
  }

  /** The inverse of the gamma distribution: the x with GAMMA.DIST(x, alpha, beta, TRUE) = probability, to full precision even far in the tail. */
  gammainv(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'GAMMAINV' ? 'GAMMAINV' : 'GAMMA.INV';
    return this.call(fn, ast, state, (p: number, alpha: number, beta: number) => {
      if (p === 0) return 0;
      const x = beta * inverseIncompleteGamma(p, alpha);
      return Number.isFinite(x) ? x : err(ErrorType.NUM, `${fn}: no x gives this probability.`);
    });
  }

  /** The beta distribution on [A, B] (x may be A or B); the density is per unit of x, so divided by B − A. */
  betadist(ast: Call, state: State): unknown {
    return this.call('BETA.DIST', ast, state, (x: number, alpha: number, beta: number, cumulative: boolean, lo: number, hi: number) => {
      if (!(lo < hi)) return err(ErrorType.NUM, 'BETA.DIST: A must be below B.');
      if (x < lo || x > hi) return err(ErrorType.NUM, `BETA.DIST: x must lie between A (${lo}) and B (${hi}).`);
      const z = (x - lo) / (hi - lo);
      if (cumulative) return incompleteBeta(z, alpha, beta);
      const density = (Math.pow(z, alpha - 1) * Math.pow(1 - z, beta - 1) * Math.exp(lnGamma(alpha + beta) - lnGamma(alpha) - lnGamma(beta))) / (hi - lo);
      return Number.isFinite(density) ? density : err(ErrorType.NUM, 'BETA.DIST: the density is infinite at this x.');
    });
  }

  /** The inverse of BETA.DIST's cumulative form on [A, B], to full precision even far in a tail. */
  betainv(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'BETAINV' ? 'BETAINV' : 'BETA.INV';
    return this.call(fn, ast, state, (p: number, alpha: number, beta: number, lo: number, hi: number) => {
      if (!(lo < hi)) return err(ErrorType.NUM, `${fn}: A must be below B.`);
      const z = inverseIncompleteBeta(p, alpha, beta);
      return Number.isFinite(z) ? lo + z * (hi - lo) : err(ErrorType.NUM, `${fn}: no x gives this probability.`);
    });
  }

  ttest(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'TTEST' ? 'TTEST' : 'T.TEST';
    return this.call(fn, ast, state, (a: SimpleRangeValue, b: SimpleRangeValue, tailsArg: number, typeArg: number) => {
      const tails = Math.trunc(tailsArg);
      const type = Math.trunc(typeArg);
      if (tails !== 1 && tails !== 2) return err(ErrorType.NUM, `${fn}: tails must be 1 or 2.`);
      if (type < 1 || type > 3) return err(ErrorType.NUM, `${fn}: type must be 1 (paired), 2 (equal variance) or 3 (unequal variance).`);
      const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
      const ss = (v: number[]) => {
        const m = mean(v);
        return v.reduce((s, x) => s + (x - m) * (x - m), 0);
      };
      let t: number;
      let df: number;
      if (type === 1) {
        const av = (a.data as Grid).flat();
        const bv = (b.data as Grid).flat();
        if (av.length !== bv.length) return err(ErrorType.NA, `${fn}: paired samples must have the same number of cells.`);
        // Only the pairs where both cells hold numbers.
        const d: number[] = [];
        for (let i = 0; i < av.length; i++) {
          if (av[i] instanceof CellError) return av[i] as CellError;
          if (bv[i] instanceof CellError) return bv[i] as CellError;
          const x = rawNumber(av[i]);
          const y = rawNumber(bv[i]);
          if (x !== undefined && y !== undefined) d.push(x - y);
        }
        if (d.length < 2) return err(ErrorType.DIV_BY_ZERO, `${fn}: needs at least two pairs of numbers.`);
        const sd = Math.sqrt(ss(d) / (d.length - 1));
        if (sd === 0) return err(ErrorType.DIV_BY_ZERO, `${fn}: the differences do not vary.`);
        t = (mean(d) * Math.sqrt(d.length)) / sd;
        df = d.length - 1;
      } else {
        const x = numbersIn(a);
        if (x instanceof CellError) return x;
        const y = numbersIn(b);
        if (y instanceof CellError) return y;
        const n = x.length;
        const m = y.length;
        if (n < 2 || m < 2) return err(ErrorType.DIV_BY_ZERO, `${fn}: each sample needs at least two numbers.`);
        if (type === 2) {
          const s = (ss(x) + ss(y)) / (n + m - 2);
          if (s === 0) return err(ErrorType.DIV_BY_ZERO, `${fn}: the samples do not vary.`);
          t = (mean(x) - mean(y)) / Math.sqrt(s * (1 / n + 1 / m));
          df = n + m - 2;
        } else {
          const vx = ss(x) / (n - 1) / n;
          const vy = ss(y) / (m - 1) / m;
          if (vx + vy === 0) return err(ErrorType.DIV_BY_ZERO, `${fn}: the samples do not vary.`);
          t = (mean(x) - mean(y)) / Math.sqrt(vx + vy);
          df = ((vx + vy) * (vx + vy)) / ((vx * vx) / (n - 1) + (vy * vy) / (m - 1));
        }
      }
      return tails * studentUpperTail(Math.abs(t), df);
    });
  }

  // ---- SMALL, LARGE, KURT, COUNTBLANK --------------------------------------

  private kth(fn: 'SMALL' | 'LARGE', ast: Call, state: State): unknown {
    return this.call(fn, ast, state, (arr: unknown, kArg: number) => {
      const values = argNumbers(arr, ast.args[0], fn, (v) => this.toNumber(v));
      if (values instanceof CellError) return values;
      // Excel takes the k-th smallest at position k, the k-th largest at position n − k + 1, each
      // truncated (SMALL(…, 2.2) is the second smallest, LARGE(…, 2.2) the third largest), after
      // refusing a k below 1.
      const n = values.length;
      const at = kArg < 1 ? 0 : Math.trunc(fn === 'SMALL' ? kArg : n - kArg + 1);
      if (at < 1 || at > n) return err(ErrorType.NUM, `${fn}: k must be between 1 and the count of numbers (${n}).`);
      values.sort((a, b) => a - b);
      return values[at - 1];
    });
  }

  small(ast: Call, state: State): unknown {
    return this.kth('SMALL', ast, state);
  }
  large(ast: Call, state: State): unknown {
    return this.kth('LARGE', ast, state);
  }

  kurt(ast: Call, state: State): unknown {
    return this.call('KURT', ast, state, (...values: unknown[]) => {
      const x = allNumbers(values, ast.args, 'KURT', (v) => this.toNumber(v));
      if (x instanceof CellError) return x;
      const n = x.length;
      if (n < 4) return err(ErrorType.DIV_BY_ZERO, 'KURT: needs at least four numbers.');
      const m = x.reduce((s, v) => s + v, 0) / n;
      const s2 = x.reduce((s, v) => s + (v - m) * (v - m), 0) / (n - 1);
      if (s2 === 0) return err(ErrorType.DIV_BY_ZERO, 'KURT: the numbers do not vary.');
      const s4 = x.reduce((s, v) => s + Math.pow(v - m, 4), 0) / (s2 * s2);
      return ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * s4 - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
    });
  }

  /**
   * Blank cells, and cells whose formula gives "" (Excel counts both); an
   * error in a cell is not blank. A1# where A1 holds no spill is #REF!, as
   * for every function given a broken reference.
   */
  countblank(ast: Call, state: State): unknown {
    if (ast.args.length !== 1) return err(ErrorType.NA, `COUNTBLANK: takes one range (${ast.args.length} arguments given).`);
    const a = unparenthesised(ast.args[0]);
    const r = this.evaluate(ast.args[0], state);
    if (r instanceof CellError) return a?.type === 'FUNCTION_CALL' && a.procedureName === 'ANCHORARRAY' ? r : 0;
    let n = 0;
    for (const row of grid(r)) for (const c of row) if (isEmpty(c) || c === '') n++;
    return n;
  }

  // ---- TRIMMEAN, PROB, PERMUT, PERMUTATIONA, BINOM.DIST.RANGE ---------------

  /** The mean without the largest and smallest values: percent × count of them, rounded down to an even number, half from each end. */
  trimmean(ast: Call, state: State): unknown {
    return this.call('TRIMMEAN', ast, state, (arr: SimpleRangeValue, percent: number) => {
      const values = numbersIn(arr);
      if (values instanceof CellError) return values;
      if (percent < 0 || percent >= 1) return err(ErrorType.NUM, 'TRIMMEAN: percent must be at least 0 and below 1.');
      const n = values.length;
      if (n === 0) return err(ErrorType.NUM, 'TRIMMEAN: the array holds no numbers.');
      const drop = Math.floor((n * percent) / 2);
      const kept = values.sort((a, b) => a - b).slice(drop, n - drop);
      return kept.reduce((t, v) => t + v, 0) / kept.length;
    });
  }

  /** The probability that a value of x_range lies between lower_limit and upper_limit (or equals lower_limit). */
  prob(ast: Call, state: State): unknown {
    return this.call('PROB', ast, state, (xs: SimpleRangeValue, ps: SimpleRangeValue, lower: number, upperArg: number | undefined) => {
      const x = numbersIn(xs);
      if (x instanceof CellError) return x;
      const p = numbersIn(ps);
      if (p instanceof CellError) return p;
      if (x.length !== p.length || xs.width() * xs.height() !== ps.width() * ps.height()) return err(ErrorType.NA, 'PROB: x_range and prob_range must be the same size.');
      if (x.length === 0) return err(ErrorType.DIV_BY_ZERO, 'PROB: no numbers in the ranges.');
      if (p.some((v) => v < 0 || v > 1)) return err(ErrorType.NUM, 'PROB: every probability must be between 0 and 1.');
      const total = p.reduce((t, v) => t + v, 0);
      if (Math.abs(total - 1) > 1e-14) return err(ErrorType.NUM, `PROB: the probabilities add up to ${total}, not 1.`);
      const upper = upperArg === undefined ? lower : upperArg;
      let sum = 0;
      for (let i = 0; i < x.length; i++) if (x[i] >= lower && x[i] <= upper) sum += p[i];
      return sum;
    });
  }

  /** Ordered selections of k out of n: n!/(n−k)! (whole numbers, truncated). */
  permut(ast: Call, state: State): unknown {
    return this.call('PERMUT', ast, state, (nArg: number, kArg: number) => {
      const n = Math.trunc(nArg);
      const k = Math.trunc(kArg);
      if (n < 0 || k < 0 || n < k) return err(ErrorType.NUM, 'PERMUT: needs 0 ≤ number_chosen ≤ number.');
      let out = 1;
      for (let i = n - k + 1; i <= n; i++) out *= i;
      return Number.isFinite(out) ? out : err(ErrorType.NUM, 'PERMUT: the result is beyond the largest number Excel holds.');
    });
  }

  /** Selections of k out of n with repetition: n^k (whole numbers, truncated). */
  permutationa(ast: Call, state: State): unknown {
    return this.call('PERMUTATIONA', ast, state, (nArg: number, kArg: number) => {
      const n = Math.trunc(nArg);
      const k = Math.trunc(kArg);
      if (n < 0 || k < 0) return err(ErrorType.NUM, 'PERMUTATIONA: number and number_chosen must not be negative.');
      const out = Math.pow(n, k);
      return Number.isFinite(out) ? out : err(ErrorType.NUM, 'PERMUTATIONA: the result is beyond the largest number Excel holds.');
    });
  }

  /** The probability of between s and s2 successes (s alone when s2 is omitted) in `trials` trials. */
  binomDistRange(ast: Call, state: State): unknown {
    return this.call('BINOM.DIST.RANGE', ast, state, (trialsArg: number, p: number, sArg: number, s2Arg: number | undefined) => {
      const n = Math.trunc(trialsArg);
      const s = Math.trunc(sArg);
      const s2 = s2Arg === undefined ? s : Math.trunc(s2Arg);
      if (n < 0 || p < 0 || p > 1 || s < 0 || s > n || s2 < s || s2 > n) {
        return err(ErrorType.NUM, 'BINOM.DIST.RANGE: needs trials ≥ 0, 0 ≤ probability ≤ 1 and 0 ≤ s ≤ s2 ≤ trials.');
      }
      const lnChoose = (k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
      const pmf = (k: number) => {
        if (p === 0) return k === 0 ? 1 : 0;
        if (p === 1) return k === n ? 1 : 0;
        return Math.exp(lnChoose(k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
      };
      let sum = 0;
      for (let k = s; k <= s2; k++) sum += pmf(k);
      return Math.min(1, sum);
    });
  }

  // ---- MEDIAN, AVEDEV, DEVSQ, GEOMEAN, HARMEAN -------------------------------

  /**
   * A function of number1, number2, … with Excel's arguments: references and
   * arrays give their numbers only (a referenced TRUE or text is skipped), a
   * value typed into the formula is converted ("" is #VALUE!), and no number
   * at all is #NUM!.
   */
  private aggregate(fn: string, ast: Call, state: State, compute: (x: number[]) => number | CellError): unknown {
    return this.call(fn, ast, state, (...values: unknown[]) => {
      const x = allNumbers(values, ast.args, fn, (v) => this.toNumber(v));
      if (x instanceof CellError) return x;
      if (x.length === 0) return err(ErrorType.NUM, `${fn}: no numbers among the arguments.`);
      return compute(x);
    });
  }

  median(ast: Call, state: State): unknown {
    return this.aggregate('MEDIAN', ast, state, (x) => {
      x.sort((a, b) => a - b);
      const mid = x.length >> 1;
      return x.length % 2 ? x[mid] : (x[mid - 1] + x[mid]) / 2;
    });
  }

  avedev(ast: Call, state: State): unknown {
    return this.aggregate('AVEDEV', ast, state, (x) => {
      const m = x.reduce((t, v) => t + v, 0) / x.length;
      return x.reduce((t, v) => t + Math.abs(v - m), 0) / x.length;
    });
  }

  devsq(ast: Call, state: State): unknown {
    return this.aggregate('DEVSQ', ast, state, (x) => {
      const m = x.reduce((t, v) => t + v, 0) / x.length;
      return x.reduce((t, v) => t + (v - m) * (v - m), 0);
    });
  }

  geomean(ast: Call, state: State): unknown {
    return this.aggregate('GEOMEAN', ast, state, (x) => {
      if (x.some((v) => v <= 0)) return err(ErrorType.NUM, 'GEOMEAN: every number must be positive.');
      return Math.exp(x.reduce((t, v) => t + Math.log(v), 0) / x.length);
    });
  }

  harmean(ast: Call, state: State): unknown {
    return this.aggregate('HARMEAN', ast, state, (x) => {
      if (x.some((v) => v <= 0)) return err(ErrorType.NUM, 'HARMEAN: every number must be positive.');
      return x.length / x.reduce((t, v) => t + 1 / v, 0);
    });
  }

  // ---- Student's t ------------------------------------------------------------

  /** T.DIST: the cumulative distribution or the density; degrees of freedom truncated, below 1 #NUM! (#DIV/0! for the density at 0). */
  tdist(ast: Call, state: State): unknown {
    return this.call('T.DIST', ast, state, (x: number, dfArg: number, cumulative: boolean) => {
      const df = Math.trunc(dfArg);
      // The density divides by the degrees of freedom first: 0 there is #DIV/0!, as Excel gives.
      if (df === 0 && !cumulative) return err(ErrorType.DIV_BY_ZERO, 'T.DIST: deg_freedom must be at least 1.');
      if (df < 1) return err(ErrorType.NUM, 'T.DIST: deg_freedom must be at least 1.');
      return cumulative ? studentCdf(x, df) : studentPdf(x, df);
    });
  }

  tdist2t(ast: Call, state: State): unknown {
    return this.call('T.DIST.2T', ast, state, (x: number, df: number) => 2 * studentUpperTail(x, Math.trunc(df)));
  }

  tdistrt(ast: Call, state: State): unknown {
    return this.call('T.DIST.RT', ast, state, (x: number, df: number) => studentRightTail(x, Math.trunc(df)));
  }

  tdistold(ast: Call, state: State): unknown {
    return this.call('TDIST', ast, state, (x: number, df: number, tails: number) => tails * studentUpperTail(x, Math.trunc(df)));
  }

  /** T.INV: the t with T.DIST(t, df, TRUE) = probability. */
  tinv(ast: Call, state: State): unknown {
    return this.call('T.INV', ast, state, (p: number, df: number) => {
      const t = studentTwoTailedInverse(2 * Math.min(p, 1 - p), Math.trunc(df));
      return p < 0.5 ? -t : t;
    });
  }

  /** T.INV.2T (and TINV): the t ≥ 0 with T.DIST.2T(t, df) = probability. */
  tinv2t(ast: Call, state: State): unknown {
    const fn = ast.procedureName === 'TINV' ? 'TINV' : 'T.INV.2T';
    return this.call(fn, ast, state, (p: number, df: number) => studentTwoTailedInverse(p, Math.trunc(df)));
  }

  /** NORMSDIST(z), Excel 2007's one-argument standard normal distribution (NORM.S.DIST(z, TRUE) since). */
  normsdist(ast: Call, state: State): unknown {
    return this.call('NORMSDIST', ast, state, (z: number) => {
      // Φ(z) = ½ erfc(−z/√2), and erfc(u) = Q(½, u²) for u ≥ 0.
      const tail = 0.5 * Math.exp(logIncompleteGamma(0.5, (z * z) / 2).lnQ);
      return z >= 0 ? 1 - tail : tail;
    });
  }
}
