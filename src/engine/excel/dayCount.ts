/**
 * Excel's calendar and day-count conventions, shared by the date and
 * financial function families.
 *
 * Serial numbers: in the 1900 date system day 1 is 1900-01-01, day 60 is the
 * phantom 1900-02-29 Excel keeps for Lotus compatibility, and day 0 is
 * "1900-01-00" (DAY(0) is 0, MONTH(0) is 1, YEAR(0) is 1900); in the 1904
 * system day 0 is 1904-01-01. The last date is 9999-12-31 in both.
 *
 * Day-count bases (Microsoft's function reference): 0 US (NASD) 30/360,
 * 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360. The coupon
 * schedule and the basis rules follow the algorithms of the
 * ExcelFinancialFunctions library (fsprojects, Apache-2.0; bonds.fs and
 * daycountbasis.fs), which reproduces Excel's results, including its
 * end-of-month and February rules; IronCalc ports the same algorithms.
 */
import { CellError, EmptyValue, ErrorType } from 'hyperformula';
import { rawNumber } from './values';

/** A calendar date; `s` is its serial number in the workbook's date system. */
export interface XDate {
  y: number;
  m: number;
  d: number;
  s: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const EPOCH_1900 = daysFromCivil(1899, 12, 30);
const EPOCH_1904 = daysFromCivil(1904, 1, 1);

/** The workbook's date system: serial numbers to dates and back, month lengths. */
export class Calendar {
  /** The largest serial number (9999-12-31). */
  readonly maxSerial: number;

  constructor(readonly date1904: boolean) {
    this.maxSerial = this.serial(9999, 12, 31);
  }

  isLeap(y: number): boolean {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 || (y === 1900 && !this.date1904);
  }

  daysInMonth(y: number, m: number): number {
    return m === 2 ? (this.isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  /** The serial number of a valid date (1900-02-29 is day 60 in the 1900 system). */
  serial(y: number, m: number, d: number): number {
    if (this.date1904) return daysFromCivil(y, m, d) - EPOCH_1904;
    if (y === 1900 && m === 2 && d === 29) return 60;
    const s = daysFromCivil(y, m, d) - EPOCH_1900;
    return s < 61 ? s - 1 : s;
  }

  /** The date of a whole serial number ≥ 0. */
  fromSerial(s: number): XDate {
    if (this.date1904) {
      const [y, m, d] = civilFromDays(s + EPOCH_1904);
      return { y, m, d, s };
    }
    if (s === 0) return { y: 1900, m: 1, d: 0, s };
    if (s === 60) return { y: 1900, m: 2, d: 29, s };
    const [y, m, d] = civilFromDays(EPOCH_1900 + (s < 60 ? s + 1 : s));
    return { y, m, d, s };
  }

  date(y: number, m: number, d: number): XDate {
    return { y, m, d, s: this.serial(y, m, d) };
  }

  /** The serial number of year/month/day where month and day may overflow (DATE's arithmetic). */
  serialOf(y: number, m: number, d: number): number {
    const months = y * 12 + (m - 1);
    const yy = Math.floor(months / 12);
    const mm = months - yy * 12 + 1;
    return this.serial(yy, mm, 1) + d - 1;
  }

  /** .NET's AddMonths: the same day `n` months on, clamped to the target month's last day. */
  addMonths(date: XDate, n: number): XDate {
    const months = date.y * 12 + (date.m - 1) + n;
    const y = Math.floor(months / 12);
    const m = months - y * 12 + 1;
    return this.date(y, m, Math.min(Math.max(date.d, 1), this.daysInMonth(y, m)));
  }

  isLastDayOfMonth(date: XDate): boolean {
    return date.d === this.daysInMonth(date.y, date.m);
  }

  isLastDayOfFebruary(date: XDate): boolean {
    return date.m === 2 && this.isLastDayOfMonth(date);
  }

  /** `n` months on; with `lastDay`, the last day of that month (the end-of-month coupon rule). */
  changeMonth(date: XDate, n: number, lastDay: boolean): XDate {
    const moved = this.addMonths(date, n);
    return lastDay ? this.date(moved.y, moved.m, this.daysInMonth(moved.y, moved.m)) : moved;
  }
}

const calendars = [new Calendar(false), new Calendar(true)];
export function calendar(date1904: boolean): Calendar {
  return calendars[date1904 ? 1 : 0];
}

export type Basis = 0 | 1 | 2 | 3 | 4;

// ---- 30/360 and 365 day counts -------------------------------------------

function diff360(sd: number, sm: number, sy: number, ed: number, em: number, ey: number): number {
  return (ey - sy) * 360 + (em - sm) * 30 + (ed - sd);
}

/**
 * US (NASD) 30/360 as Excel's financial functions count it. `modifyBoth`
 * also moves an end date on the last of February or the 31st to the 30th
 * whatever the start (the variant for whole coupon periods).
 */
export function diff360Us(cal: Calendar, start: XDate, end: XDate, modifyBoth = false): number {
  let sd = start.d;
  let ed = end.d;
  if (cal.isLastDayOfFebruary(end) && (cal.isLastDayOfFebruary(start) || modifyBoth)) ed = 30;
  if (ed === 31 && (sd >= 30 || modifyBoth)) ed = 30;
  if (sd === 31) sd = 30;
  if (cal.isLastDayOfFebruary(start)) sd = 30;
  return diff360(sd, start.m, start.y, ed, end.m, end.y);
}

/** European 30/360: the 31st counts as the 30th. */
export function diff360Eu(start: XDate, end: XDate): number {
  return diff360(start.d === 31 ? 30 : start.d, start.m, start.y, end.d === 31 ? 30 : end.d, end.m, end.y);
}

/** Actual/365's denominator convention: February's 29th counts as the 28th, years as 365 days. */
function diff365(cal: Calendar, start: XDate, end: XDate): number {
  const sd = start.m === 2 && start.d > 28 ? 28 : start.d;
  const ed = end.m === 2 && end.d > 28 ? 28 : end.d;
  return (end.y - start.y) * 365 + cal.serial(end.y, end.m, ed) - cal.serial(start.y, start.m, sd);
}

/** Days from `start` to `end` under a basis; `denominator` selects the convention for a period's length (bases 2 and 3). */
export function daysBetween(cal: Calendar, start: XDate, end: XDate, basis: Basis, denominator = false): number {
  switch (basis) {
    case 0:
      return diff360Us(cal, start, end);
    case 4:
      return diff360Eu(start, end);
    case 2:
      return denominator ? diff360Us(cal, start, end) : end.s - start.s;
    case 3:
      return denominator ? diff365(cal, start, end) : end.s - start.s;
    default:
      return end.s - start.s;
  }
}

function lessOrEqualToAYearApart(a: XDate, b: XDate): boolean {
  return a.y === b.y || (b.y === a.y + 1 && (a.m > b.m || (a.m === b.m && a.d >= b.d)));
}

/** Leap years of the Gregorian calendar: actual/actual's year lengths do not count Excel's phantom 1900-02-29. */
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function feb29BetweenConsecutiveYears(a: XDate, b: XDate): boolean {
  if (a.y === b.y) return leap(a.y) && a.m <= 2 && b.m > 2;
  if (leap(a.y)) return a.m <= 2;
  if (leap(b.y)) return b.m > 2;
  return false;
}

/**
 * The year length a basis divides by for the span from `a` to `b`; for
 * actual/actual, the average length of the calendar years spanned when they
 * are more than a year apart (Gregorian years: YEARFRAC(345,1987,1) is
 * 1642 / (2191 / 6), as Excel gives).
 */
export function daysInYear(a: XDate, b: XDate, basis: Basis): number {
  if (basis === 3) return 365;
  if (basis !== 1) return 360;
  if (!lessOrEqualToAYearApart(a, b)) {
    const years = b.y - a.y + 1;
    return (daysFromCivil(b.y + 1, 1, 1) - daysFromCivil(a.y, 1, 1)) / years;
  }
  const isLeap = (a.y === b.y && leap(a.y)) || (b.m === 2 && b.d === 29) || feb29BetweenConsecutiveYears(a, b);
  return isLeap ? 366 : 365;
}

/** YEARFRAC's fraction of a year from `a` to `b` (a ≤ b). */
export function yearFraction(cal: Calendar, a: XDate, b: XDate, basis: Basis): number {
  return daysBetween(cal, a, b, basis) / daysInYear(a, b, basis);
}

// ---- coupon schedule -----------------------------------------------------

/**
 * Steps from `start` by `months` until passing `end` (the step's direction):
 * returns the date reached and the one before it.
 */
export function findPcdNcd(cal: Calendar, start: XDate, end: XDate, months: number, lastDay: boolean): [XDate, XDate] {
  let front = start;
  let trailing = end;
  for (let guard = 0; guard < 200_000; guard++) {
    const stop = months > 0 ? front.s >= end.s : front.s <= end.s;
    if (stop) break;
    trailing = front;
    front = cal.changeMonth(front, months, lastDay);
  }
  return [front, trailing];
}

/** The coupon dates around settlement, counted back from maturity: [previous (≤ settlement), next (> settlement)]. */
export function couponDates(cal: Calendar, settl: XDate, mat: XDate, freq: number): [XDate, XDate] {
  return findPcdNcd(cal, mat, settl, -12 / freq, cal.isLastDayOfMonth(mat));
}

/** The normal length of the coupon period holding settlement (COUPDAYS). */
export function coupDays(cal: Calendar, settl: XDate, mat: XDate, freq: number, basis: Basis): number {
  if (basis === 1) {
    const [pcd, ncd] = couponDates(cal, settl, mat, freq);
    return ncd.s - pcd.s;
  }
  return (basis === 3 ? 365 : 360) / freq;
}

/** Days from the period's start to settlement (COUPDAYBS). */
export function coupDaysBS(cal: Calendar, settl: XDate, mat: XDate, freq: number, basis: Basis): number {
  const [pcd] = couponDates(cal, settl, mat, freq);
  if (basis === 0) return diff360Us(cal, pcd, settl);
  if (basis === 4) return diff360Eu(pcd, settl);
  return settl.s - pcd.s;
}

/** Days from settlement to the next coupon (COUPDAYSNC). */
export function coupDaysNC(cal: Calendar, settl: XDate, mat: XDate, freq: number, basis: Basis): number {
  const [pcd, ncd] = couponDates(cal, settl, mat, freq);
  if (basis === 0) return diff360Us(cal, pcd, ncd, true) - diff360Us(cal, pcd, settl);
  if (basis === 4) return diff360Eu(settl, ncd);
  return ncd.s - settl.s;
}

/** Coupons payable from settlement to maturity (COUPNUM). */
export function coupNum(cal: Calendar, settl: XDate, mat: XDate, freq: number): number {
  const [pcd] = couponDates(cal, settl, mat, freq);
  const months = (mat.y - pcd.y) * 12 + (mat.m - pcd.m);
  return (months * freq) / 12;
}

// ---- arguments -----------------------------------------------------------

/** HyperFormula's reading of text as a number (numeric text, date text). */
export type TextToNumber = (text: string) => unknown;

/**
 * A number argument as Excel reads it: a blank is 0; text that reads as a
 * number or a date is that number; TRUE/FALSE are 1/0 for Excel's core
 * functions (`bools`) and #VALUE! for the Analysis ToolPak ones (ACCRINT,
 * COUP*, YEARFRAC, EDATE…), as Excel does with a logical from a cell. An
 * error is returned as it is; `undefined` (an array argument shorter than
 * another) is #N/A, as Excel pads a broadcast.
 */
export function toNumber(v: unknown, fn: string, what: string, text: TextToNumber, bools: boolean): number | CellError {
  if (v instanceof CellError) return v;
  if (v === undefined) return new CellError(ErrorType.NA, `${fn}: no ${what} at this position (the array arguments differ in size).`);
  if (v === EmptyValue || v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') {
    if (bools) return v ? 1 : 0;
    return new CellError(ErrorType.VALUE, `${fn}: ${what} must be a number or a date, not ${v ? 'TRUE' : 'FALSE'}.`);
  }
  const raw = rawNumber(v);
  if (raw !== undefined) return raw;
  if (typeof v === 'string') {
    const n = rawNumber(text(v));
    if (n !== undefined) return n;
    return new CellError(ErrorType.VALUE, `${fn}: ${what} must be a number or a date, got the text ${JSON.stringify(v)}.`);
  }
  return new CellError(ErrorType.VALUE, `${fn}: ${what} must be a single number.`);
}

/** A date argument: a number truncated to a whole day between 0 and 9999-12-31, else #NUM!. */
export function toDate(cal: Calendar, v: unknown, fn: string, what: string, text: TextToNumber, bools = false): XDate | CellError {
  const n = toNumber(v, fn, what, text, bools);
  if (n instanceof CellError) return n;
  const s = Math.trunc(n);
  if (s < 0 || s > cal.maxSerial) return new CellError(ErrorType.NUM, `${fn}: ${what} (${n}) is not a date between 0 and ${cal.maxSerial} (9999-12-31).`);
  return cal.fromSerial(s);
}

/** A day-count basis 0–4 (truncated), else #NUM!. */
export function toBasis(v: unknown, fn: string, text: TextToNumber): Basis | CellError {
  const n = toNumber(v, fn, 'basis', text, false);
  if (n instanceof CellError) return n;
  const b = Math.trunc(n);
  if (b < 0 || b > 4) return new CellError(ErrorType.NUM, `${fn}: basis must be 0 (US 30/360), 1 (actual/actual), 2 (actual/360), 3 (actual/365) or 4 (European 30/360), got ${n}.`);
  return b as Basis;
}

/** A coupon frequency 1, 2 or 4 (truncated), else #NUM!. */
export function toFrequency(v: unknown, fn: string, text: TextToNumber): number | CellError {
  const n = toNumber(v, fn, 'frequency', text, false);
  if (n instanceof CellError) return n;
  const f = Math.trunc(n);
  if (f !== 1 && f !== 2 && f !== 4) return new CellError(ErrorType.NUM, `${fn}: frequency must be 1 (annual), 2 (semiannual) or 4 (quarterly), got ${n}.`);
  return f;
}

/**
 * The Analysis ToolPak functions (ACCRINT, COUP*, EDATE, EOMONTH, YEARFRAC…)
 * take single values or arrays but not a reference to several cells: Excel
 * gives #VALUE! for =EDATE(A1:A3,1) (and computes =EDATE(A1:A3+0,1)).
 */
export function rangeReferenceError(args: { type: string }[], fn: string): CellError | undefined {
  const i = args.findIndex((a) => a.type === 'CELL_RANGE' || a.type === 'COLUMN_RANGE' || a.type === 'ROW_RANGE');
  return i < 0 ? undefined : new CellError(ErrorType.VALUE, `${fn}: argument ${i + 1} is a range of cells; this function takes one value per argument (write range+0 to compute it for each cell).`);
}
