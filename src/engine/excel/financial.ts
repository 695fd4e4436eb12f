/**
 * Excel's financial functions that HyperFormula lacks or computes differently:
 * bonds and securities (ACCRINT, ACCRINTM, the COUP* family, DISC, INTRATE,
 * PRICE, YIELD, DURATION, MDURATION, PRICEDISC, YIELDDISC, PRICEMAT,
 * YIELDMAT, RECEIVED, ODDFPRICE, ODDFYIELD, ODDLPRICE, ODDLYIELD), treasury
 * bills (TBILLEQ, TBILLPRICE, TBILLYIELD), depreciation (VDB, AMORLINC,
 * AMORDEGRC), and PMT, IPMT, PPMT, NPER, RATE, NPV, IRR, XIRR, XNPV, CUMIPMT,
 * CUMPRINC, EFFECT and NOMINAL where HyperFormula's differ from Excel.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 *
 * Arguments: the Analysis ToolPak functions (bonds, treasury bills) take
 * dates truncated to whole days, refuse TRUE/FALSE with #VALUE! and check
 * frequency (1, 2, 4) and basis (0–4) with #NUM!; the day counts and coupon
 * schedule are in dayCount.ts, the mathematics in financialMath.ts. Their
 * parameters are SCALAR so that an error argument reaches the method, which
 * reports the first in argument order.
 */
import { ArraySize, CellError, CellValueDetailedType, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { AnyAst, Call, EnginePlugin, State } from '../hf/internals';
import {
  Basis,
  Calendar,
  calendar,
  coupDays,
  coupDaysBS,
  coupDaysNC,
  couponDates,
  coupNum,
  daysBetween,
  daysInYear,
  rangeReferenceError,
  toBasis,
  toDate,
  toFrequency,
  toNumber,
  XDate,
} from './dayCount';
import { accrint, amordegrc, amorlinc, duration, interestPayment, irr, oddFPrice, oddL, payment, periods, price, priceFactors, rate, solve, tbillDates, vdbTotal, xirr } from './financialMath';
import { isEmpty, rawNumber } from './values';

const A = FunctionArgumentType;
const S = { argumentType: A.SCALAR };
const SO = { argumentType: A.SCALAR, optionalArg: true };
const DATE_RESULT = CellValueDetailedType.NUMBER_DATE;

const num = (type: ErrorType, message: string) => new CellError(type, message);

/** How one argument is read: a date, a number, a basis, a frequency or a logical; `dflt` when omitted. */
interface Param {
  kind: 'date' | 'number' | 'basis' | 'frequency' | 'logical';
  name: string;
  dflt?: number | boolean;
}
const date = (name: string): Param => ({ kind: 'date', name });
const number = (name: string, dflt?: number): Param => ({ kind: 'number', name, dflt });
const basisP: Param = { kind: 'basis', name: 'basis', dflt: 0 };
const freqP: Param = { kind: 'frequency', name: 'frequency' };

export class FinancialPlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    ACCRINT: { method: 'accrint', parameters: [S, S, S, S, S, S, SO, SO] },
    ACCRINTM: { method: 'accrintm', parameters: [S, S, S, SO, SO] },
    COUPDAYS: { method: 'coupdays', parameters: [S, S, S, SO] },
    COUPDAYBS: { method: 'coupdaybs', parameters: [S, S, S, SO] },
    COUPDAYSNC: { method: 'coupdaysnc', parameters: [S, S, S, SO] },
    COUPNCD: { method: 'coupncd', parameters: [S, S, S, SO], returnNumberType: DATE_RESULT },
    COUPPCD: { method: 'couppcd', parameters: [S, S, S, SO], returnNumberType: DATE_RESULT },
    COUPNUM: { method: 'coupnum', parameters: [S, S, S, SO] },
    DISC: { method: 'disc', parameters: [S, S, S, S, SO] },
    INTRATE: { method: 'intrate', parameters: [S, S, S, S, SO] },
    PRICEDISC: { method: 'pricedisc', parameters: [S, S, S, S, SO] },
    YIELDDISC: { method: 'yielddisc', parameters: [S, S, S, S, SO] },
    RECEIVED: { method: 'received', parameters: [S, S, S, S, SO] },
    PRICEMAT: { method: 'pricemat', parameters: [S, S, S, S, S, SO] },
    YIELDMAT: { method: 'yieldmat', parameters: [S, S, S, S, S, SO] },
    PRICE: { method: 'price', parameters: [S, S, S, S, S, S, SO] },
    YIELD: { method: 'yield', parameters: [S, S, S, S, S, S, SO] },
    DURATION: { method: 'duration', parameters: [S, S, S, S, S, SO] },
    MDURATION: { method: 'mduration', parameters: [S, S, S, S, S, SO] },
    TBILLEQ: { method: 'tbilleq', parameters: [S, S, S] },
    TBILLPRICE: { method: 'tbillprice', parameters: [S, S, S] },
    TBILLYIELD: { method: 'tbillyield', parameters: [S, S, S] },
    CUMIPMT: { method: 'cumipmt', parameters: [S, S, S, S, S, S] },
    CUMPRINC: { method: 'cumprinc', parameters: [S, S, S, S, S, S] },
    XNPV: { method: 'xnpv', parameters: [S, { argumentType: A.RANGE }, { argumentType: A.RANGE }], vectorizationForbidden: true },
    ODDFPRICE: { method: 'oddfprice', parameters: [S, S, S, S, S, S, S, S, SO] },
    ODDFYIELD: { method: 'oddfyield', parameters: [S, S, S, S, S, S, S, S, SO] },
    ODDLPRICE: { method: 'oddlprice', parameters: [S, S, S, S, S, S, S, SO] },
    ODDLYIELD: { method: 'oddlyield', parameters: [S, S, S, S, S, S, S, SO] },
    AMORLINC: { method: 'amorlinc', parameters: [S, S, S, S, S, S, SO] },
    AMORDEGRC: { method: 'amordegrc', parameters: [S, S, S, S, S, S, SO] },
    EFFECT: { method: 'effect', parameters: [S, S] },
    NOMINAL: { method: 'nominal', parameters: [S, S] },
    VDB: { method: 'vdb', parameters: [S, S, S, S, S, SO, SO] },
    PMT: { method: 'pmt', parameters: [S, S, S, SO, SO] },
    NPER: { method: 'nper', parameters: [S, S, S, SO, SO] },
    IPMT: { method: 'ipmt', parameters: [S, S, S, S, SO, SO] },
    PPMT: { method: 'ppmt', parameters: [S, S, S, S, SO, SO] },
    RATE: { method: 'rate', parameters: [S, S, S, SO, SO, SO] },
    XIRR: { method: 'xirr', parameters: [{ argumentType: A.RANGE }, { argumentType: A.RANGE }, SO], vectorizationForbidden: true },
    IRR: { method: 'irr', parameters: [{ argumentType: A.RANGE }, SO] },
    NPV: { method: 'npv', sizeOfResultArrayMethod: 'npvSize', parameters: [{ argumentType: A.ANY }], repeatLastArgs: 1, vectorizationForbidden: true },
  };

  private get cal(): Calendar {
    return calendar(this.config.nullDate.year === 1904);
  }

  private readonly text = (t: string): unknown => this.coerceScalarToNumberOrError(t);

  /**
   * Reads the arguments by `params` (omitted ones take their default) and
   * runs `body`, or returns the first argument's error. `bools` lets TRUE and
   * FALSE count as 1 and 0 (Excel's core functions); the Analysis ToolPak
   * ones refuse them, and a reference to several cells (rangeReferenceError).
   */
  private run(fn: string, ast: Call, state: State, params: Param[], body: (...v: any[]) => unknown, bools = false): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
    const given = ast.args.length;
    if (!bools) {
      const ranged = rangeReferenceError(ast.args, fn);
      if (ranged) return ranged;
    }
    return this.call(fn, ast, state, (...raw: unknown[]) => {
      const vals: unknown[] = [];
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        if (i >= given) {
          if (p.dflt === undefined) return num(ErrorType.NA, `${fn}: ${p.name} is required.`);
          vals.push(p.dflt);
          continue;
        }
        const v = raw[i];
        let out: unknown;
        switch (p.kind) {
          case 'date':
            out = toDate(this.cal, v, fn, p.name, this.text, bools);
            break;
          case 'basis':
            out = toBasis(v, fn, this.text);
            break;
          case 'frequency':
            out = toFrequency(v, fn, this.text);
            break;
          case 'logical':
            out = typeof v === 'boolean' ? v : toNumber(v, fn, p.name, this.text, true);
            if (typeof out === 'number') out = out !== 0;
            break;
          default:
            out = toNumber(v, fn, p.name, this.text, bools);
        }
        if (out instanceof CellError) return out;
        vals.push(out);
      }
      const r = body(...vals);
      if (typeof r === 'number' && !Number.isFinite(r)) return num(ErrorType.NUM, `${fn}: the result is not a finite number for these arguments.`);
      return r;
    });
  }

  // ---- accrued interest ----

  accrint(ast: Call, state: State): unknown {
    const params = [date('issue'), date('first_interest'), date('settlement'), number('rate'), number('par'), freqP, basisP, { kind: 'logical', name: 'calc_method', dflt: true } as Param];
    return this.run('ACCRINT', ast, state, params, (issue: XDate, first: XDate, settl: XDate, rate: number, par: number, freq: number, basis: Basis, fromIssue: boolean) => {
      if (rate <= 0) return num(ErrorType.NUM, 'ACCRINT: rate must be greater than 0.');
      if (par <= 0) return num(ErrorType.NUM, 'ACCRINT: par must be greater than 0.');
      if (issue.s >= settl.s) return num(ErrorType.NUM, 'ACCRINT: issue must be before settlement.');
      return accrint(this.cal, issue, first, settl, rate, par, freq, basis, fromIssue);
    });
  }

  accrintm(ast: Call, state: State): unknown {
    return this.run('ACCRINTM', ast, state, [date('issue'), date('settlement'), number('rate'), number('par', 1000), basisP], (issue: XDate, settl: XDate, rate: number, par: number, basis: Basis) => {
      if (rate <= 0) return num(ErrorType.NUM, 'ACCRINTM: rate must be greater than 0.');
      if (par <= 0) return num(ErrorType.NUM, 'ACCRINTM: par must be greater than 0.');
      if (issue.s >= settl.s) return num(ErrorType.NUM, 'ACCRINTM: issue must be before settlement.');
      return (par * rate * daysBetween(this.cal, issue, settl, basis)) / daysInYear(issue, settl, basis);
    });
  }

  // ---- coupons ----

  private coupon(fn: string, ast: Call, state: State, f: (cal: Calendar, settl: XDate, mat: XDate, freq: number, basis: Basis) => number): unknown {
    return this.run(fn, ast, state, [date('settlement'), date('maturity'), freqP, basisP], (settl: XDate, mat: XDate, freq: number, basis: Basis) => {
      if (settl.s >= mat.s) return num(ErrorType.NUM, `${fn}: settlement must be before maturity.`);
      return f(this.cal, settl, mat, freq, basis);
    });
  }

  coupdays(ast: Call, state: State): unknown {
    return this.coupon('COUPDAYS', ast, state, coupDays);
  }

  coupdaybs(ast: Call, state: State): unknown {
    return this.coupon('COUPDAYBS', ast, state, coupDaysBS);
  }

  coupdaysnc(ast: Call, state: State): unknown {
    return this.coupon('COUPDAYSNC', ast, state, coupDaysNC);
  }

  coupncd(ast: Call, state: State): unknown {
    return this.coupon('COUPNCD', ast, state, (cal, settl, mat, freq) => couponDates(cal, settl, mat, freq)[1].s);
  }

  couppcd(ast: Call, state: State): unknown {
    return this.coupon('COUPPCD', ast, state, (cal, settl, mat, freq) => couponDates(cal, settl, mat, freq)[0].s);
  }

  coupnum(ast: Call, state: State): unknown {
    return this.coupon('COUPNUM', ast, state, (cal, settl, mat, freq) => coupNum(cal, settl, mat, freq));
  }

  // ---- discounted and at-maturity securities ----

  /** settlement, maturity, two amounts and a basis; `f` gets the days to maturity and the year's length. */
  private discounted(fn: string, ast: Call, state: State, names: [string, string], f: (x: number, y: number, dsm: number, year: number) => number | CellError): unknown {
    return this.run(fn, ast, state, [date('settlement'), date('maturity'), number(names[0]), number(names[1]), basisP], (settl: XDate, mat: XDate, x: number, y: number, basis: Basis) => {
      if (settl.s >= mat.s) return num(ErrorType.NUM, `${fn}: settlement must be before maturity.`);
      if (x <= 0 || y <= 0) return num(ErrorType.NUM, `${fn}: ${names[0]} and ${names[1]} must be greater than 0.`);
      return f(x, y, daysBetween(this.cal, settl, mat, basis), daysInYear(settl, mat, basis));
    });
  }

  disc(ast: Call, state: State): unknown {
    return this.discounted('DISC', ast, state, ['pr', 'redemption'], (pr, redemption, dsm, year) => ((1 - pr / redemption) * year) / dsm);
  }

  intrate(ast: Call, state: State): unknown {
    return this.discounted('INTRATE', ast, state, ['investment', 'redemption'], (inv, redemption, dsm, year) => (((redemption - inv) / inv) * year) / dsm);
  }

  pricedisc(ast: Call, state: State): unknown {
    return this.discounted('PRICEDISC', ast, state, ['discount', 'redemption'], (d, redemption, dsm, year) => redemption - (d * redemption * dsm) / year);
  }

  yielddisc(ast: Call, state: State): unknown {
    return this.discounted('YIELDDISC', ast, state, ['pr', 'redemption'], (pr, redemption, dsm, year) => (((redemption - pr) / pr) * year) / dsm);
  }

  received(ast: Call, state: State): unknown {
    return this.discounted('RECEIVED', ast, state, ['investment', 'discount'], (inv, d, dsm, year) => {
      const left = 1 - (d * dsm) / year;
      if (left <= 0) return num(ErrorType.NUM, 'RECEIVED: discount × days / year must be less than 1.');
      return inv / left;
    });
  }

  private atMaturity(fn: string, ast: Call, state: State, last: string, f: (rate: number, x: number, dim: number, a: number, dsm: number, b: number) => number): unknown {
    return this.run(fn, ast, state, [date('settlement'), date('maturity'), date('issue'), number('rate'), number(last), basisP], (settl: XDate, mat: XDate, issue: XDate, rate: number, x: number, basis: Basis) => {
      if (settl.s >= mat.s) return num(ErrorType.NUM, `${fn}: settlement must be before maturity.`);
      if (issue.s >= settl.s) return num(ErrorType.NUM, `${fn}: issue must be before settlement.`);
      if (rate < 0) return num(ErrorType.NUM, `${fn}: rate must not be negative.`);
      if (fn === 'YIELDMAT' ? x <= 0 : x < 0) return num(ErrorType.NUM, `${fn}: ${last} must be ${fn === 'YIELDMAT' ? 'greater than 0' : 'not negative'}.`);
      const cal = this.cal;
      const b = daysInYear(issue, settl, basis);
      const dim = daysBetween(cal, issue, mat, basis);
      const a = daysBetween(cal, issue, settl, basis);
      return f(rate, x, dim, a, dim - a, b);
    });
  }

  pricemat(ast: Call, state: State): unknown {
    return this.atMaturity('PRICEMAT', ast, state, 'yld', (rate, yld, dim, a, dsm, b) => (100 + (dim / b) * rate * 100) / (1 + (dsm / b) * yld) - (a / b) * rate * 100);
  }

  yieldmat(ast: Call, state: State): unknown {
    return this.atMaturity('YIELDMAT', ast, state, 'pr', (rate, pr, dim, a, dsm, b) => (((dim / b) * rate + 1 - pr / 100 - (a / b) * rate) / (pr / 100 + (a / b) * rate)) * (b / dsm));
  }

  // ---- coupon bonds ----

  private bond(fn: string, ast: Call, state: State, names: [string, string, string], f: (cal: Calendar, settl: XDate, mat: XDate, x: number, y: number, z: number, freq: number, basis: Basis) => number | CellError): unknown {
    const params = [date('settlement'), date('maturity'), number(names[0]), number(names[1]), number(names[2]), freqP, basisP];
    return this.run(fn, ast, state, params, (settl: XDate, mat: XDate, x: number, y: number, z: number, freq: number, basis: Basis) => {
      if (settl.s >= mat.s) return num(ErrorType.NUM, `${fn}: settlement must be before maturity.`);
      return f(this.cal, settl, mat, x, y, z, freq, basis);
    });
  }

  price(ast: Call, state: State): unknown {
    return this.bond('PRICE', ast, state, ['rate', 'yld', 'redemption'], (cal, settl, mat, rate, yld, redemption, freq, basis) => {
      if (rate < 0 || yld < 0) return num(ErrorType.NUM, 'PRICE: rate and yld must not be negative.');
      if (redemption <= 0) return num(ErrorType.NUM, 'PRICE: redemption must be greater than 0.');
      return price(cal, settl, mat, rate, yld, redemption, freq, basis);
    });
  }

  yield(ast: Call, state: State): unknown {
    return this.bond('YIELD', ast, state, ['rate', 'pr', 'redemption'], (cal, settl, mat, rate, pr, redemption, freq, basis) => {
      if (rate < 0) return num(ErrorType.NUM, 'YIELD: rate must not be negative.');
      if (pr <= 0 || redemption <= 0) return num(ErrorType.NUM, 'YIELD: pr and redemption must be greater than 0.');
      const { n, a, e, dsc } = priceFactors(cal, settl, mat, freq, basis);
      if (n <= 1) {
        const k = (redemption / 100 + rate / freq) / (pr / 100 + ((a / e) * rate) / freq) - 1;
        return (k * freq * e) / dsc;
      }
      const y = solve((yld) => price(cal, settl, mat, rate, yld, redemption, freq, basis) - pr, 0.05, -freq + 1e-10);
      return y === undefined ? num(ErrorType.NUM, 'YIELD: no yield gives this price.') : y;
    });
  }

  private durationOf(fn: string, ast: Call, state: State, modified: boolean): unknown {
    const params = [date('settlement'), date('maturity'), number('coupon'), number('yld'), freqP, basisP];
    return this.run(fn, ast, state, params, (settl: XDate, mat: XDate, coupon: number, yld: number, freq: number, basis: Basis) => {
      if (settl.s >= mat.s) return num(ErrorType.NUM, `${fn}: settlement must be before maturity.`);
      if (coupon < 0 || yld < 0) return num(ErrorType.NUM, `${fn}: coupon and yld must not be negative.`);
      const d = duration(this.cal, settl, mat, coupon, yld, freq, basis);
      return modified ? d / (1 + yld / freq) : d;
    });
  }

  duration(ast: Call, state: State): unknown {
    return this.durationOf('DURATION', ast, state, false);
  }

  mduration(ast: Call, state: State): unknown {
    return this.durationOf('MDURATION', ast, state, true);
  }

  // ---- odd first or last period ----

  private oddFirst(fn: string, ast: Call, state: State, f: (cal: Calendar, settl: XDate, mat: XDate, issue: XDate, first: XDate, rate: number, x: number, redemption: number, freq: number, basis: Basis) => unknown): unknown {
    const params = [date('settlement'), date('maturity'), date('issue'), date('first_coupon'), number('rate'), number(fn === 'ODDFPRICE' ? 'yld' : 'pr'), number('redemption'), freqP, basisP];
    return this.run(fn, ast, state, params, (settl: XDate, mat: XDate, issue: XDate, first: XDate, rate: number, x: number, redemption: number, freq: number, basis: Basis) => {
      if (!(mat.s > first.s && first.s > settl.s && settl.s > issue.s)) return num(ErrorType.NUM, `${fn}: the dates must satisfy maturity > first_coupon > settlement > issue.`);
      if (rate < 0 || x < 0 || (fn === 'ODDFYIELD' && x === 0)) return num(ErrorType.NUM, `${fn}: rate and ${fn === 'ODDFPRICE' ? 'yld must not be negative' : 'pr must be positive'}.`);
      if (redemption <= 0) return num(ErrorType.NUM, `${fn}: redemption must be greater than 0.`);
      return f(this.cal, settl, mat, issue, first, rate, x, redemption, freq, basis);
    });
  }

  oddfprice(ast: Call, state: State): unknown {
    return this.oddFirst('ODDFPRICE', ast, state, oddFPrice);
  }

  oddfyield(ast: Call, state: State): unknown {
    return this.oddFirst('ODDFYIELD', ast, state, (cal, settl, mat, issue, first, rate, pr, redemption, freq, basis) => {
      const years = daysBetween(cal, settl, mat, basis);
      const px = pr - 100;
      const guess = (rate * years * 100 - px) / (px / 4 + (years * px) / 2 + years * 100);
      const y = solve((yld) => oddFPrice(cal, settl, mat, issue, first, rate, yld, redemption, freq, basis) - pr, Number.isFinite(guess) ? guess : 0.05, -freq + 1e-10);
      return y === undefined ? num(ErrorType.NUM, 'ODDFYIELD: no yield gives this price.') : y;
    });
  }

  private oddLast(fn: string, ast: Call, state: State, price: boolean): unknown {
    const params = [date('settlement'), date('maturity'), date('last_interest'), number('rate'), number(price ? 'yld' : 'pr'), number('redemption'), freqP, basisP];
    return this.run(fn, ast, state, params, (settl: XDate, mat: XDate, last: XDate, rate: number, x: number, redemption: number, freq: number, basis: Basis) => {
      if (!(mat.s > settl.s && settl.s > last.s)) return num(ErrorType.NUM, `${fn}: the dates must satisfy maturity > settlement > last_interest.`);
      if (rate < 0 || x < 0 || (!price && x === 0)) return num(ErrorType.NUM, `${fn}: rate and ${price ? 'yld must not be negative' : 'pr must be positive'}.`);
      if (redemption <= 0) return num(ErrorType.NUM, `${fn}: redemption must be greater than 0.`);
      return oddL(this.cal, settl, mat, last, rate, x, redemption, freq, basis, price);
    });
  }

  oddlprice(ast: Call, state: State): unknown {
    return this.oddLast('ODDLPRICE', ast, state, true);
  }

  oddlyield(ast: Call, state: State): unknown {
    return this.oddLast('ODDLYIELD', ast, state, false);
  }

  // ---- treasury bills ----

  private tbill(fn: string, ast: Call, state: State, third: string, f: (settl: XDate, mat: XDate, x: number) => number | CellError): unknown {
    return this.run(fn, ast, state, [date('settlement'), date('maturity'), number(third)], (settl: XDate, mat: XDate, x: number) => {
      const bad = tbillDates(this.cal, settl, mat, fn);
      if (bad) return bad;
      if (x <= 0) return num(ErrorType.NUM, `${fn}: ${third} must be greater than 0.`);
      return f(settl, mat, x);
    });
  }

  tbilleq(ast: Call, state: State): unknown {
    return this.tbill('TBILLEQ', ast, state, 'discount', (settl, mat, disc) => {
      const dsm = mat.s - settl.s;
      if (dsm <= 182) return (365 * disc) / (360 - disc * dsm);
      const pr = (100 - (disc * 100 * dsm) / 360) / 100;
      const year = dsm === 366 ? 366 : 365;
      const q = Math.pow(dsm / year, 2) - ((2 * dsm) / year - 1) * (1 - 1 / pr);
      if (q < 0 || pr <= 0) return num(ErrorType.NUM, 'TBILLEQ: the discount is too large for the bill’s term.');
      return (2 * (Math.sqrt(q) - dsm / year)) / ((2 * dsm) / year - 1);
    });
  }

  tbillprice(ast: Call, state: State): unknown {
    return this.tbill('TBILLPRICE', ast, state, 'discount', (settl, mat, disc) => {
      const p = 100 * (1 - (disc * (mat.s - settl.s)) / 360);
      return p <= 0 ? num(ErrorType.NUM, 'TBILLPRICE: the discount is too large for the bill’s term (the price would not be positive).') : p;
    });
  }

  tbillyield(ast: Call, state: State): unknown {
    return this.tbill('TBILLYIELD', ast, state, 'pr', (settl, mat, pr) => (((100 - pr) / pr) * 360) / (mat.s - settl.s));
  }

  // ---- cumulative interest and principal ----

  /**
   * CUMIPMT/CUMPRINC(rate, nper, pv, start_period, end_period, type): the
   * interest (or principal) paid over payments start…end; start is rounded
   * up and end truncated; rate, nper, pv > 0, 1 ≤ start ≤ end and type 0 or
   * 1, else #NUM!.
   */
  private cumulative(fn: string, ast: Call, state: State, principal: boolean): unknown {
    const params = [number('rate'), number('nper'), number('pv'), number('start_period'), number('end_period'), number('type')];
    return this.run(fn, ast, state, params, (rate: number, nper: number, pv: number, startP: number, endP: number, type: number) => {
      const start = Math.ceil(startP);
      const end = Math.trunc(endP);
      if (type !== 0 && type !== 1) return num(ErrorType.NUM, `${fn}: type must be 0 (end of period) or 1 (start), got ${type}.`);
      if (start > end) return num(ErrorType.NUM, `${fn}: start_period must not be after end_period.`);
      if (rate <= 0 || nper <= 0 || pv <= 0 || start < 1) return num(ErrorType.NUM, `${fn}: rate, nper and pv must be greater than 0 and start_period at least 1.`);
      const atStart = type === 1;
      const pmt = payment(rate, nper, pv, 0, atStart);
      if (pmt instanceof CellError) return pmt;
      let total = 0;
      for (let p = start; p <= end; p++) {
        if (p >= nper + 1) return num(ErrorType.NUM, `${fn}: end_period must not be after nper.`);
        const ipmt = interestPayment(rate, p, nper, pv, atStart);
        if (ipmt instanceof CellError) return ipmt;
        total += principal ? pmt - ipmt : ipmt;
      }
      return total;
    });
  }

  cumipmt(ast: Call, state: State): unknown {
    return this.cumulative('CUMIPMT', ast, state, false);
  }

  cumprinc(ast: Call, state: State): unknown {
    return this.cumulative('CUMPRINC', ast, state, true);
  }

  /**
   * XNPV(rate, values, dates): Σ value / (1 + rate)^((date − first date)/365).
   * Excel gives #NUM! for a rate ≤ 0, for values and dates of different
   * counts, and for a date before the first or outside Excel's dates; a
   * logical or text rate is #VALUE!.
   */
  xnpv(ast: Call, state: State): unknown {
    const ranged = rangeReferenceError(ast.args.slice(0, 1), 'XNPV');
    if (ranged) return ranged;
    return this.call('XNPV', ast, state, (rateArg: unknown, values: SimpleRangeValue, dates: SimpleRangeValue) => {
      const rate = toNumber(rateArg, 'XNPV', 'rate', this.text, false);
      if (rate instanceof CellError) return rate;
      const read = (range: SimpleRangeValue, what: string, bad: ErrorType): number[] | CellError => {
        const out: number[] = [];
        for (const row of range.data) {
          for (const c of row) {
            if (c instanceof CellError) return c;
            const n = typeof c === 'boolean' || typeof c === 'string' ? undefined : rawNumber(c);
            if (n === undefined) return num(bad, `XNPV: every ${what} must be a number.`);
            out.push(n);
          }
        }
        return out;
      };
      const vs = read(values, 'value', ErrorType.NUM);
      if (vs instanceof CellError) return vs;
      const ds = read(dates, 'date', ErrorType.VALUE);
      if (ds instanceof CellError) return ds;
      if (vs.length !== ds.length || vs.length === 0) return num(ErrorType.NUM, 'XNPV: values and dates must have the same, non-zero count.');
      const days = ds.map(Math.trunc);
      if (days.some((d) => d < 0 || d > this.cal.maxSerial || d < days[0])) return num(ErrorType.NUM, 'XNPV: every date must be a valid date on or after the first.');
      if (rate <= 0) return num(ErrorType.NUM, 'XNPV: rate must be greater than 0.');
      let total = 0;
      vs.forEach((v, i) => {
        total += v / Math.pow(1 + rate, (days[i] - days[0]) / 365);
      });
      return Number.isFinite(total) ? total : num(ErrorType.NUM, 'XNPV: the result is not a finite number.');
    });
  }

  // ---- depreciation ----

  vdb(ast: Call, state: State): unknown {
    const params = [number('cost'), number('salvage'), number('life'), number('start_period'), number('end_period'), number('factor', 2), { kind: 'logical', name: 'no_switch', dflt: false } as Param];
    return this.run('VDB', ast, state, params, (cost: number, salvage: number, life: number, start: number, end: number, factor: number, noSwitch: boolean) => {
      if (cost < 0 || salvage < 0 || life <= 0 || factor <= 0 || start < 0 || start > life || end > life || start > end || end <= 0) {
        return num(ErrorType.NUM, 'VDB: needs cost ≥ 0, salvage ≥ 0, life > 0, factor > 0 and 0 ≤ start_period ≤ end_period ≤ life.');
      }
      if (!noSwitch && life === start && start === end) return num(ErrorType.NUM, 'VDB: start_period, end_period and life are all equal.');
      return vdbTotal(cost, salvage, life, end, factor, !noSwitch) - vdbTotal(cost, salvage, life, start, factor, !noSwitch);
    }, true);
  }

  /**
   * AMORLINC/AMORDEGRC(cost, date_purchased, first_period, salvage, period,
   * rate, [basis]): French accounting depreciation, a prorated first period
   * then `rate × cost` (AMORLINC) or a declining rate scaled by the asset's
   * life, rounded to whole units (AMORDEGRC). Basis 2 is #NUM!, as in Excel.
   */
  private amor(fn: string, ast: Call, state: State, f: typeof amorlinc): unknown {
    const params = [number('cost'), date('date_purchased'), date('first_period'), number('salvage'), number('period'), number('rate'), basisP];
    return this.run(fn, ast, state, params, (cost: number, bought: XDate, first: XDate, salvage: number, period: number, rate: number, basis: Basis) => {
      if (cost < 0 || salvage < 0 || salvage >= cost || period < 0 || rate <= 0 || bought.s >= first.s) {
        return num(ErrorType.NUM, `${fn}: needs cost > salvage ≥ 0, period ≥ 0, rate > 0 and date_purchased before first_period.`);
      }
      if (basis === 2) return num(ErrorType.NUM, `${fn}: basis 2 (actual/360) is not allowed; use 0, 1, 3 or 4.`);
      return f(this.cal, cost, bought, first, salvage, period, rate, basis);
    });
  }

  amorlinc(ast: Call, state: State): unknown {
    return this.amor('AMORLINC', ast, state, amorlinc);
  }

  amordegrc(ast: Call, state: State): unknown {
    return this.amor('AMORDEGRC', ast, state, amordegrc);
  }

  // ---- interest rate conversion (Analysis ToolPak: logicals refused) ----

  /** EFFECT(nominal_rate, npery): (1 + rate/n)^n − 1, npery truncated; rate ≤ 0 or npery < 1 is #NUM!. */
  effect(ast: Call, state: State): unknown {
    return this.run('EFFECT', ast, state, [number('nominal_rate'), number('npery')], (rate: number, n: number) => {
      const k = Math.trunc(n);
      if (rate <= 0 || k < 1) return num(ErrorType.NUM, 'EFFECT: nominal_rate must be greater than 0 and npery at least 1.');
      return Math.pow(1 + rate / k, k) - 1;
    });
  }

  /** NOMINAL(effect_rate, npery): n × ((1 + rate)^(1/n) − 1), npery truncated; rate ≤ 0 or npery < 1 is #NUM!. */
  nominal(ast: Call, state: State): unknown {
    return this.run('NOMINAL', ast, state, [number('effect_rate'), number('npery')], (rate: number, n: number) => {
      const k = Math.trunc(n);
      if (rate <= 0 || k < 1) return num(ErrorType.NUM, 'NOMINAL: effect_rate must be greater than 0 and npery at least 1.');
      return k * (Math.pow(1 + rate, 1 / k) - 1);
    });
  }

  // ---- TVM functions where HyperFormula differs ----

  pmt(ast: Call, state: State): unknown {
    return this.run('PMT', ast, state, [number('rate'), number('nper'), number('pv'), number('fv', 0), number('type', 0)], (r: number, nper: number, pv: number, fv: number, type: number) => payment(r, nper, pv, fv, type !== 0), true);
  }

  nper(ast: Call, state: State): unknown {
    return this.run('NPER', ast, state, [number('rate'), number('pmt'), number('pv'), number('fv', 0), number('type', 0)], (r: number, pmt: number, pv: number, fv: number, type: number) => periods(r, pmt, pv, fv, type !== 0), true);
  }

  /** IPMT/PPMT(rate, per, nper, pv, [fv], [type]): the interest (principal) part of payment `per`; per outside 1…nper is #NUM!. */
  private paymentPart(fn: string, ast: Call, state: State, principal: boolean): unknown {
    const params = [number('rate'), number('per'), number('nper'), number('pv'), number('fv', 0), number('type', 0)];
    return this.run(fn, ast, state, params, (r: number, per: number, nper: number, pv: number, fv: number, type: number) => {
      const atStart = type !== 0;
      const ipmt = interestPayment(r, per, nper, pv, atStart, fv);
      if (ipmt instanceof CellError) return num(ipmt.type, `${fn}: ${ipmt.message}`);
      if (!principal) return ipmt;
      const pmt = payment(r, nper, pv, fv, atStart);
      return pmt instanceof CellError ? pmt : pmt - ipmt;
    }, true);
  }

  ipmt(ast: Call, state: State): unknown {
    return this.paymentPart('IPMT', ast, state, false);
  }

  ppmt(ast: Call, state: State): unknown {
    return this.paymentPart('PPMT', ast, state, true);
  }

  rate(ast: Call, state: State): unknown {
    const params = [number('nper'), number('pmt'), number('pv'), number('fv', 0), number('type', 0), number('guess', 0.1)];
    return this.run('RATE', ast, state, params, (nper: number, pmt: number, pv: number, fv: number, type: number, guess: number) => rate(nper, pmt, pv, fv, type !== 0 ? 1 : 0, guess), true);
  }

  /**
   * XIRR(values, dates, [guess]): a pair whose value or date is blank or
   * text is skipped, a logical in either is #VALUE!, an error is returned;
   * the guess follows the Analysis ToolPak rules (a logical or a reference
   * to several cells is #VALUE!); dates before the first are #NUM!.
   */
  xirr(ast: Call, state: State): unknown {
    const ranged = rangeReferenceError(ast.args.slice(2), 'XIRR');
    if (ranged) return num(ErrorType.VALUE, 'XIRR: guess must be a single value, not a range of cells.');
    return this.call('XIRR', ast, state, (values: SimpleRangeValue, dates: SimpleRangeValue, guessArg: unknown) => {
      const guess = ast.args.length > 2 ? toNumber(guessArg, 'XIRR', 'guess', this.text, false) : 0.1;
      if (guess instanceof CellError) return guess;
      const vs = values.valuesFromTopLeftCorner();
      const ds = dates.valuesFromTopLeftCorner();
      if (vs.length !== ds.length) return num(ErrorType.NUM, 'XIRR: values and dates must have the same count.');
      const cash: number[] = [];
      const days: number[] = [];
      for (let i = 0; i < vs.length; i++) {
        const [v, d] = [vs[i], ds[i]];
        if (v instanceof CellError) return v;
        if (d instanceof CellError) return d;
        if (typeof v === 'boolean' || typeof d === 'boolean') return num(ErrorType.VALUE, 'XIRR: values and dates must be numbers, not TRUE or FALSE.');
        const vn = typeof v === 'string' ? undefined : rawNumber(v);
        const dn = typeof d === 'string' ? undefined : rawNumber(d);
        if (vn === undefined || dn === undefined) continue;
        cash.push(vn);
        days.push(Math.floor(dn));
      }
      if (guess <= -1) return num(ErrorType.NUM, 'XIRR: guess must be greater than -1.');
      if (cash.length < 2) return num(ErrorType.NUM, 'XIRR: needs at least two cash flows.');
      if (days.some((d) => d < 0 || d > this.cal.maxSerial || d < days[0])) return num(ErrorType.NUM, 'XIRR: every date must be a valid date on or after the first.');
      if (!cash.some((v) => v > 0) || !cash.some((v) => v < 0)) return num(ErrorType.NUM, 'XIRR: the values need at least one payment and one receipt (a negative and a positive value).');
      return xirr(cash, days, guess);
    });
  }

  /**
   * IRR(values, [guess]): numbers in `values` count, text, logicals and
   * blanks are skipped; an error among the values is #VALUE! (as Excel
   * saves it), an error as the guess is that error.
   */
  irr(ast: Call, state: State): unknown {
    return this.call('IRR', ast, state, (values: SimpleRangeValue, guessArg: unknown) => {
      const guess = ast.args.length > 1 ? toNumber(guessArg, 'IRR', 'guess', this.text, true) : 0.1;
      if (guess instanceof CellError) return guess;
      const vals: number[] = [];
      for (const row of values.data) {
        for (const c of row) {
          if (c instanceof CellError) return num(ErrorType.VALUE, `IRR: the values hold an error (${c.type}).`);
          const n = typeof c === 'boolean' || typeof c === 'string' ? undefined : rawNumber(c);
          if (n !== undefined) vals.push(n);
        }
      }
      if (guess <= -1) return num(ErrorType.VALUE, 'IRR: guess must be greater than -1.');
      if (!vals.some((v) => v > 0) || !vals.some((v) => v < 0)) return num(ErrorType.NUM, 'IRR: the values need at least one payment and one receipt (a negative and a positive value).');
      return irr(vals, guess);
    });
  }

  /**
   * NPV(rate, value1, …): a value given directly counts if it is a number,
   * a logical or numeric text (other text is #VALUE!); from a reference or
   * an array only numbers count (blanks, text and logicals are skipped);
   * errors anywhere are returned.
   */
  /** NPV's result has the rate's shape: one value per rate when the rate is an array (a legacy array formula). */
  npvSize(ast: Call, state: State): ArraySize {
    if (!ast.args.length) return ArraySize.scalar();
    const s = this.sizeOf(ast.args[0], state);
    return s.width * s.height > 1 ? new ArraySize(s.width, s.height) : ArraySize.scalar();
  }

  npv(ast: Call, state: State): unknown {
    if (ast.args.length < 2) return num(ErrorType.NA, `NPV: needs a rate and at least one value (got ${ast.args.length} arguments).`);
    const values: number[] = [];
    let rates: unknown[][] = [[undefined]];
    for (let i = 0; i < ast.args.length; i++) {
      const arg = ast.args[i] as AnyAst;
      const v = this.evaluate(arg, state);
      if (v instanceof CellError) return v;
      const fromCells = v instanceof SimpleRangeValue || arg.type === 'CELL_REFERENCE' || arg.type === 'NAMED_EXPRESSION';
      if (i === 0) {
        if (!(v instanceof SimpleRangeValue)) {
          // A single rate is read first: its error wins over the values' (NPV("x",#N/A) is #VALUE!).
          const r = toNumber(v, 'NPV', 'rate', this.text, true);
          if (r instanceof CellError) return r;
        }
        rates = v instanceof SimpleRangeValue ? (v.data as unknown[][]) : [[v]];
        continue;
      }
      if (v instanceof SimpleRangeValue) {
        for (const row of v.data) {
          for (const c of row) {
            if (c instanceof CellError) return c;
            const x = typeof c === 'boolean' || typeof c === 'string' ? undefined : rawNumber(c);
            if (x !== undefined) values.push(x);
          }
        }
        continue;
      }
      if (fromCells && (isEmpty(v) || typeof v === 'boolean' || typeof v === 'string')) continue;
      if (isEmpty(v)) continue;
      const n = toNumber(v, 'NPV', `value${i}`, this.text, true);
      if (n instanceof CellError) return n;
      values.push(n);
    }
    const out = rates.map((row) =>
      row.map((rate) => {
        const r = toNumber(rate, 'NPV', 'rate', this.text, true);
        return r instanceof CellError ? r : this.npvAt(r, values);
      }),
    );
    return out.length === 1 && out[0].length === 1 ? out[0][0] : SimpleRangeValue.onlyValues(out as never);
  }

  private npvAt(rr: number, values: number[]): number | CellError {
    if (rr === -1) return num(ErrorType.DIV_BY_ZERO, 'NPV: rate must not be -1.');
    let total = 0;
    values.forEach((x, k) => {
      total += x / Math.pow(1 + rr, k + 1);
    });
    return Number.isFinite(total) ? total : num(ErrorType.NUM, 'NPV: the result is not a finite number.');
  }
}
