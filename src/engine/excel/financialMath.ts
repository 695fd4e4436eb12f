/**
 * The mathematics of Excel's financial functions, apart from argument
 * handling (financial.ts): accrued interest, coupon-bond prices, odd first
 * and last periods, depreciation (VDB, AMORLINC, AMORDEGRC), treasury-bill
 * dates, and the TVM and rate-of-return iterations. Each function takes
 * arguments already checked and returns a number or a CellError; none
 * throws. The algorithms follow the ExcelFinancialFunctions library
 * (fsprojects, Apache-2.0: bonds.fs, oddbonds.fs, depreciation.fs, tbill.fs),
 * which reproduces Excel's results, and IronCalc's ports of it.
 */
import { CellError, ErrorType } from 'hyperformula';
import { Basis, Calendar, coupDays, coupDaysBS, couponDates, coupNum, daysBetween, diff360Us, findPcdNcd, XDate } from './dayCount';

const num = (type: ErrorType, message: string) => new CellError(type, message);

// ---- bond mathematics (ExcelFinancialFunctions' bonds.fs, IronCalc's accrint.rs) ----

/**
 * ACCRINT: par × rate / frequency × the sum over the quasi-coupon periods from
 * issue to settlement of each period's accrued fraction; the schedule is
 * anchored on first_interest and keeps to month ends when it is one.
 */
export function accrint(cal: Calendar, issue: XDate, first: XDate, settl: XDate, rate: number, par: number, freq: number, basis: Basis, fromIssue: boolean): number {
  const months = 12 / freq;
  const endMonth = cal.isLastDayOfMonth(first);
  const regPcd = cal.changeMonth(first, -months, endMonth);
  const pcd = settl.s > first.s && fromIssue ? findPcdNcd(cal, first, settl, months, endMonth)[1] : regPcd;
  const firstDate = issue.s > pcd.s ? issue : pcd;
  let acc = daysBetween(cal, firstDate, settl, basis) / coupDays(cal, regPcd, first, freq, basis);
  let front = pcd;
  for (let guard = 0; front.s > issue.s && guard < 100_000; guard++) {
    const periodEnd = front;
    front = cal.changeMonth(front, -months, endMonth);
    if (issue.s <= front.s) {
      acc += fromIssue ? 1 : 0;
    } else {
      const numerator = basis === 0 ? diff360Us(cal, issue, periodEnd) : daysBetween(cal, issue, periodEnd, basis);
      const denominator = basis === 0 ? diff360Us(cal, front, periodEnd, true) : basis === 3 ? 365 / freq : daysBetween(cal, front, periodEnd, basis, true);
      acc += numerator / denominator;
    }
  }
  return ((par * rate) / freq) * acc;
}

/** The coupon count, the accrued days, the period's length and the days to the next coupon (PRICE, YIELD). */
export function priceFactors(cal: Calendar, settl: XDate, mat: XDate, freq: number, basis: Basis) {
  const n = coupNum(cal, settl, mat, freq);
  const [pcd] = couponDates(cal, settl, mat, freq);
  const a = daysBetween(cal, pcd, settl, basis);
  const e = coupDays(cal, settl, mat, freq, basis);
  return { n, a, e, dsc: e - a };
}

export function price(cal: Calendar, settl: XDate, mat: XDate, rate: number, yld: number, redemption: number, freq: number, basis: Basis): number {
  const { n, a, e, dsc } = priceFactors(cal, settl, mat, freq, basis);
  const coupon = (100 * rate) / freq;
  const accrued = (coupon * a) / e;
  if (n === 1) return (redemption + coupon) / (1 + ((dsc / e) * yld) / freq) - accrued;
  const pv = (k: number) => Math.pow(1 + yld / freq, k - 1 + dsc / e);
  let coupons = 0;
  for (let k = 1; k <= n; k++) coupons += coupon / pv(k);
  return redemption / pv(n) + coupons - accrued;
}

/** A root of `f` near `guess`: Newton's method with a numeric derivative, then bisection over a bracket. */
export function solve(f: (x: number) => number, guess: number, lower = -1 + 1e-10): number | undefined {
  let x = guess;
  for (let i = 0; i < 100; i++) {
    const fx = f(x);
    if (!Number.isFinite(fx)) break;
    if (fx === 0) return x;
    const h = Math.max(1e-7, Math.abs(x) * 1e-7);
    const d = (f(x + h) - f(x - h)) / (2 * h);
    if (!Number.isFinite(d) || d === 0) break;
    const next = x - fx / d;
    if (!Number.isFinite(next) || next <= lower) break;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  if (Number.isFinite(x) && x > lower && Math.abs(f(x)) < 1e-10) return x;
  // Bracket and bisect.
  let lo = lower;
  let hi = Math.max(1, guess * 2);
  let flo = f(lo);
  let fhi = f(hi);
  for (let i = 0; i < 60 && Number.isFinite(flo) && Number.isFinite(fhi) && flo * fhi > 0; i++) {
    hi *= 2;
    fhi = f(hi);
  }
  if (!Number.isFinite(flo) || !Number.isFinite(fhi) || flo * fhi > 0) return undefined;
  for (let i = 0; i < 400; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0 || hi - lo < 1e-16 * Math.max(1, Math.abs(mid))) return mid;
    if (flo * fm < 0) {
      hi = mid;
    } else {
      lo = mid;
      flo = fm;
    }
  }
  return (lo + hi) / 2;
}

export function duration(cal: Calendar, settl: XDate, mat: XDate, coupon: number, yld: number, freq: number, basis: Basis): number {
  const dbc = coupDaysBS(cal, settl, mat, freq, basis);
  const e = coupDays(cal, settl, mat, freq, basis);
  const n = coupNum(cal, settl, mat, freq);
  const x1 = (e - dbc) / e;
  const x3 = yld / freq + 1;
  const x2 = x1 + n - 1;
  const x4 = Math.pow(x3, x2);
  let weighted = (x2 * 100) / x4;
  let total = 100 / x4;
  for (let k = 1; k <= n; k++) {
    const t = k - 1 + x1;
    const cf = (100 * coupon) / freq / Math.pow(x3, t);
    weighted += cf * t;
    total += cf;
  }
  return weighted / total / freq;
}

// ---- odd first and last periods (ExcelFinancialFunctions' oddbonds.fs) ----

export const notNeg = (cal: Calendar, a: XDate, b: XDate, basis: Basis) => Math.max(0, daysBetween(cal, a, b, basis));
export const notNegWithHack = (cal: Calendar, a: XDate, b: XDate, basis: Basis) => (basis === 0 ? Math.max(0, diff360Us(cal, a, b, true)) : notNeg(cal, a, b, basis));

/** Whole quasi-coupon periods from `settl` up to the anchor `mat`, stepping `months` forward. */
export function coupNumber(cal: Calendar, mat: XDate, settl: XDate, months: number, whole: boolean): number {
  const eomTemp = cal.isLastDayOfMonth(mat);
  const eom = !eomTemp && mat.m !== 2 && mat.d > 28 && mat.d < cal.daysInMonth(mat.y, mat.m) ? cal.isLastDayOfMonth(settl) : eomTemp;
  const start = cal.changeMonth(settl, 0, eom);
  let coupons = (whole ? 0 : 1) + (settl.s < start.s ? 1 : 0);
  let front = cal.changeMonth(start, months, eom);
  for (let guard = 0; front.s < mat.s && guard < 100_000; guard++) {
    coupons += 1;
    front = cal.changeMonth(front, months, eom);
  }
  return coupons;
}

export function oddFPrice(cal: Calendar, settl: XDate, mat: XDate, issue: XDate, first: XDate, rate: number, yld: number, redemption: number, freq: number, basis: Basis): number {
  const months = 12 / freq;
  const m = freq;
  const e = coupDays(cal, settl, first, freq, basis);
  const dfc = notNeg(cal, issue, first, basis);
  const x = yld / m + 1;
  if (dfc < e) {
    const n = coupNum(cal, settl, mat, freq);
    const dsc = notNeg(cal, settl, first, basis);
    const a = notNeg(cal, issue, settl, basis);
    const y = dsc / e;
    let total = redemption / Math.pow(x, n - 1 + y) + ((((100 * rate) / m) * dfc) / e) / Math.pow(x, y);
    for (let k = 2; k <= n; k++) total += (100 * rate) / m / Math.pow(x, k - 1 + y);
    return total - (a / e) * (rate / m) * 100;
  }
  const nc = coupNum(cal, issue, first, freq);
  let late = first;
  let dcnl = 0;
  let anl = 0;
  for (let index = nc; index >= 1; index--) {
    const early = cal.changeMonth(late, -months, false);
    const nl = basis === 1 ? notNeg(cal, early, late, basis) : e;
    const dci = index > 1 ? nl : notNeg(cal, issue, late, basis);
    const start = issue.s > early.s ? issue : early;
    const end = settl.s < late.s ? settl : late;
    const a = notNeg(cal, start, end, basis);
    late = early;
    dcnl += dci / nl;
    anl += a / nl;
  }
  let dsc: number;
  if (basis === 2 || basis === 3) {
    dsc = notNeg(cal, settl, couponDates(cal, settl, first, freq)[1], basis);
  } else {
    dsc = e - daysBetween(cal, couponDates(cal, settl, first, freq)[0], settl, basis);
  }
  const nq = coupNumber(cal, first, settl, months, true);
  const n = coupNum(cal, first, mat, freq);
  const y = dsc / e;
  let total = redemption / Math.pow(x, y + nq + n) + ((100 * rate) / m) * dcnl / Math.pow(x, nq + y);
  for (let k = 1; k <= n; k++) total += (100 * rate) / m / Math.pow(x, k + nq + y);
  return total - ((100 * rate) / m) * anl;
}

/** ODDLPRICE (`price` true: the price for a yield) or ODDLYIELD (the yield for a price), in closed form. */
export function oddL(cal: Calendar, settl: XDate, mat: XDate, last: XDate, rate: number, prOrYld: number, redemption: number, freq: number, basis: Basis, price: boolean): number {
  const m = freq;
  const months = 12 / freq;
  const nc = coupNum(cal, last, mat, freq);
  let early = last;
  let dcnl = 0;
  let anl = 0;
  let dscnl = 0;
  for (let index = 1; index <= nc; index++) {
    const late = cal.changeMonth(early, months, false);
    const nl = notNegWithHack(cal, early, late, basis);
    const dci = index < nc ? nl : notNegWithHack(cal, early, mat, basis);
    const a = late.s < settl.s ? dci : early.s < settl.s ? notNeg(cal, early, settl, basis) : 0;
    const start = settl.s > early.s ? settl : early;
    const end = mat.s < late.s ? mat : late;
    const dsc = notNeg(cal, start, end, basis);
    early = late;
    dcnl += dci / nl;
    anl += a / nl;
    dscnl += dsc / nl;
  }
  const x = (100 * rate) / m;
  const term1 = dcnl * x + redemption;
  if (price) return term1 / ((dscnl * prOrYld) / m + 1) - anl * x;
  const term2 = anl * x + prOrYld;
  return ((term1 - term2) / term2) * (m / dscnl);
}

// ---- depreciation (ExcelFinancialFunctions' depreciation.fs, via IronCalc) ----

export function vdbTotal(cost: number, salvage: number, life: number, period: number, factor: number, straightLine: boolean): number {
  const frac = period - Math.trunc(period);
  const intPeriod = Math.trunc(period);
  const intLife = Math.trunc(life);
  const ddb = (tot: number) => Math.min((cost - tot) * (factor / life), cost - salvage - tot);
  const sln = (tot: number, per: number) => (cost - tot - salvage) / (life - per);
  let tot = 0;
  for (let per = 0; per <= intLife + 1; per++) {
    const dd = ddb(tot);
    const sl = sln(tot, per);
    const total = tot + (straightLine && dd < sl ? sl : dd);
    if (intPeriod === 0) return total * frac;
    if (per === intPeriod - 1) {
      const ddNext = ddb(total);
      const slNext = sln(total, per + 1);
      const next = straightLine && ddNext < slNext ? (intPeriod === intLife ? 0 : slNext) : ddNext;
      return total + next * frac;
    }
    tot = total;
  }
  return tot;
}

/** AMOR*'s year: actual/actual takes the purchase year's length; actual/365 365; the 30/360 bases 360. */
export function amorYear(cal: Calendar, d: XDate, basis: Basis): number {
  if (basis === 1) return cal.isLeap(d.y) ? 366 : 365;
  return basis === 3 ? 365 : 360;
}

/** For the actual bases, a late February day of a leap year counts as the 28th. */
export function fixFebruary(cal: Calendar, d: XDate, basis: Basis): XDate {
  return (basis === 1 || basis === 3) && cal.isLeap(d.y) && d.m === 2 && d.d >= 28 ? cal.date(d.y, 2, 28) : d;
}

/** The first period's (prorated) depreciation and the asset's life counted in periods. */
export function firstDeprLinc(cal: Calendar, cost: number, bought: XDate, first: XDate, salvage: number, rate: number, life: number, basis: Basis): [number, number] {
  const year = amorYear(cal, bought, basis);
  const len = daysBetween(cal, fixFebruary(cal, bought, basis), fixFebruary(cal, first, basis), basis);
  const temp = (len / year) * rate * cost;
  const depr = temp === 0 ? cost * rate : temp;
  return [Math.min(depr, cost - salvage), temp === 0 ? life : life + 1];
}

export function amorlinc(cal: Calendar, cost: number, bought: XDate, first: XDate, salvage: number, period: number, rate: number, basis: Basis): number {
  const life = Math.ceil(1 / rate);
  if (cost === salvage || period > life) return 0;
  const [firstDepr] = firstDeprLinc(cal, cost, bought, first, salvage, rate, life, basis);
  if (period === 0) return firstDepr;
  let depr = rate * cost;
  let avail = cost - salvage - firstDepr;
  for (let counted = 1; counted <= period; counted++) {
    if (depr > avail) depr = avail;
    avail = Math.max(0, avail - depr);
  }
  return depr;
}

/** Excel's rounding of AMORDEGRC's amounts: to 13 significant places first, then to a whole number (half away from zero). */
export const amorRound = (x: number) => {
  const k = Math.round(x * 1e13) / 1e13;
  return Math.sign(k) * Math.round(Math.abs(k));
};

export function amordegrc(cal: Calendar, cost: number, bought: XDate, first: XDate, salvage: number, period: number, rate: number, basis: Basis): number {
  const life = Math.ceil(1 / rate);
  if (cost === salvage || period > life) return 0;
  const coeff = life >= 3 && life <= 4 ? 1.5 : life >= 5 && life <= 6 ? 2 : life > 6 ? 2.5 : 1;
  const deprR = rate * coeff;
  const [firstLinc, assetLife] = firstDeprLinc(cal, cost, bought, first, salvage, deprR, life, basis);
  const firstDepr = amorRound(firstLinc);
  if (period === 0) return firstDepr;
  let depr = 0;
  let deprRate = deprR;
  let remain = cost - firstDepr;
  for (let counted = 2; counted <= period + 1; counted++) {
    const calcT = assetLife - counted;
    const twoLeft = Math.abs(calcT - 2) < 0.0001;
    const temp = twoLeft ? remain * 0.5 : deprRate * remain;
    if (twoLeft) deprRate = 1;
    depr = remain < salvage ? Math.max(0, remain - salvage) : temp;
    remain -= depr;
  }
  return amorRound(depr);
}

// ---- treasury bills (tbill.fs) ----

/** Maturity must come after settlement and not more than one year after it (same day a year on). */
export function tbillDates(cal: Calendar, settl: XDate, mat: XDate, fn: string): CellError | undefined {
  if (mat.s <= settl.s) return num(ErrorType.NUM, `${fn}: maturity must be after settlement.`);
  const yearOn = cal.date(settl.y + 1, settl.m, Math.min(Math.max(settl.d, 1), cal.daysInMonth(settl.y + 1, settl.m)));
  if (mat.s > yearOn.s) return num(ErrorType.NUM, `${fn}: maturity must be at most one year after settlement.`);
  return undefined;
}

// ---- TVM ----

export function payment(rate: number, nper: number, pv: number, fv: number, atStart: boolean): number | CellError {
  if (rate === 0) {
    if (nper === 0) return num(ErrorType.NUM, 'PMT: nper must not be 0.');
    return -(pv + fv) / nper;
  }
  if (rate <= -1) return num(ErrorType.NUM, 'PMT: rate must be greater than -1.');
  const f = nper === 0 ? 1 : Math.pow(1 + rate, nper);
  const r = atStart ? ((fv + pv * f) * rate) / ((1 + rate) * (1 - f)) : (fv * rate + pv * rate * f) / (1 - f);
  if (!Number.isFinite(r)) return num(ErrorType.NUM, 'PMT: the payment is not a finite number for these arguments.');
  return r;
}

export function futureValue(rate: number, nper: number, pmt: number, pv: number, atStart: boolean): number {
  if (rate === 0) return -pv - pmt * nper;
  const f = Math.pow(1 + rate, nper);
  return atStart ? -pv * f - (pmt * (1 + rate) * (f - 1)) / rate : -pv * f - (pmt * (f - 1)) / rate;
}

/**
 * The interest part of payment `period` (IPMT), as IronCalc computes it: a
 * period outside 1…nper is #NUM!; with payments at the start, the first
 * payment holds no interest.
 */
export function interestPayment(rate: number, period: number, nper: number, pv: number, atStart: boolean, fv = 0): number | CellError {
  const pmt = payment(rate, nper, pv, fv, atStart);
  if (pmt instanceof CellError) return pmt;
  if (period < 1 || period >= nper + 1) return num(ErrorType.NUM, `the period (${period}) must be between 1 and nper (${nper}).`);
  if (period === 1 && atStart) return 0;
  const value = futureValue(rate, atStart ? period - 2 : period - 1, pmt, pv, atStart);
  return (value + (atStart ? -pmt : 0)) * rate;
}

/** NPER: the number of periods, as IronCalc computes it (a logarithm of a non-positive number is #NUM!). */
export function periods(rate: number, pmt: number, pv: number, fv: number, atStart: boolean): number | CellError {
  if (rate === 0) {
    if (pmt === 0) return num(ErrorType.DIV_BY_ZERO, 'NPER: rate and pmt are both 0.');
    return -(fv + pv) / pmt;
  }
  if (rate < -1) return num(ErrorType.NUM, 'NPER: rate must be at least -1.');
  let growth: number;
  if (pmt !== 0) {
    const term = atStart ? (pmt * (1 + rate)) / rate : pmt / rate;
    growth = (1 - fv / term) / (1 + pv / term);
  } else {
    growth = -fv / pv;
  }
  if (!(growth > 0)) return num(ErrorType.NUM, 'NPER: no number of periods reaches fv from pv with these payments.');
  const n = Math.log(growth) / Math.log(1 + rate);
  return Number.isFinite(n) ? n : num(ErrorType.NUM, 'NPER: the number of periods is not finite.');
}

/** RATE by Newton's method from the guess, as Excel iterates (IronCalc's financial_util.rs). */
export function rate(nper: number, pmt: number, pv: number, fv: number, type: number, guess: number): number | CellError {
  if (guess <= -1) return num(ErrorType.VALUE, 'RATE: guess must be greater than -1.');
  let r = guess;
  for (let i = 0; i < 50; i++) {
    const t = Math.pow(1 + r, nper - 1);
    const tt = t * (1 + r);
    const f = pv * tt + (pmt * (1 + r * type) * (tt - 1)) / r + fv;
    const fp = pv * nper * t - (pmt * (tt - 1)) / (r * r) + (pmt * (1 + r * type) * t * nper) / r;
    const next = r - f / fp;
    if (next <= -1 || !Number.isFinite(next)) break;
    if (Math.abs(next - r) < 1e-7) return next;
    r = next;
  }
  return num(ErrorType.NUM, 'RATE: the iteration does not converge to a rate; try another guess.');
}

/**
 * The rate at which the cash flows' present value is zero, flow i falling
 * times[i] periods after the first, by Newton's method from the guess:
 * HyperFormula's iteration for IRR and XIRR, so their results stay as they
 * were. With `finiteSums` (XIRR's) it also gives up when a sum overflows.
 * A flow at time 0 adds nothing to the derivative (IRR's first flow, which
 * HyperFormula's IRR skips there: the result is the same).
 */
function npvRoot(values: number[], times: number[], guess: number, finiteSums: boolean, fail: () => CellError): number | CellError {
  let r = guess;
  for (let iter = 0; iter < 50; iter++) {
    let npv = 0;
    let d = 0;
    for (let i = 0; i < values.length; i++) {
      const t = times[i];
      const factor = Math.pow(1 + r, t);
      if (!Number.isFinite(factor) || factor === 0) return fail();
      npv += values[i] / factor;
      d -= (t * values[i]) / (factor * (1 + r));
    }
    if (finiteSums && (!Number.isFinite(npv) || !Number.isFinite(d))) return fail();
    if (Math.abs(npv) < 1e-10) return r;
    if (Math.abs(d) < 1e-10) return fail();
    let next = r - npv / d;
    if (!Number.isFinite(next)) return fail();
    if (next <= -1) next = (r - 1) / 2;
    if (Math.abs(next - r) < 1e-10) return next;
    r = next;
  }
  return fail();
}

/** IRR by Newton's method from the guess, flow i at period i. */
export function irr(values: number[], guess: number): number | CellError {
  const times = values.map((_, i) => i);
  return npvRoot(values, times, guess, false, () => num(ErrorType.NUM, 'IRR: the iteration does not converge to a rate; try another guess.'));
}

/** XIRR by Newton's method from the guess, flow i at (days[i] - days[0]) / 365 years. */
export function xirr(values: number[], days: number[], guess: number): number | CellError {
  const times = days.map((d) => (d - days[0]) / 365);
  return npvRoot(values, times, guess, true, () => num(ErrorType.NUM, 'XIRR: the iteration does not converge to a rate; try another guess.'));
}
