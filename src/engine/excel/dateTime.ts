/**
 * Excel's date and time functions where HyperFormula lacks them or differs
 * from Excel: DATE, DAY, MONTH, YEAR, DAYS, DAYS360, EDATE, EOMONTH, YEARFRAC,
 * WEEKNUM, DATEDIF.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 *
 * Excel's calendar (dayCount.ts): serial 0 is 1900-01-00 (DAY(0) is 0,
 * MONTH(0) 1, YEAR(0) 1900), 60 the phantom 1900-02-29, 2958465 the last day
 * (9999-12-31); a serial outside 0…2958465 is #NUM!. DAY, MONTH, YEAR and
 * DAYS360 read a serial's time rounded to the second, as Excel does (so
 * 46000.999999 is the next day); DAYS, EDATE, EOMONTH and YEARFRAC truncate.
 * EDATE, EOMONTH, YEARFRAC and WEEKNUM (Analysis ToolPak functions) refuse TRUE/FALSE
 * and references to several cells with #VALUE!; the core functions read them as 1 and 0. Parameters are
 * SCALAR so that the method sees error arguments and applies Excel's order
 * (YEARFRAC checks basis before the dates).
 */
import { CellError, CellValueDetailedType, ErrorType, FunctionArgumentType, ImplementedFunctions } from 'hyperformula';
import { Call, EnginePlugin, State } from '../hf/internals';
import { Calendar, calendar, rangeReferenceError, toBasis, toDate, toNumber, XDate, yearFraction } from './dayCount';
import { err } from './values';

const A = FunctionArgumentType;
const S = { argumentType: A.SCALAR };
const SO = { argumentType: A.SCALAR, optionalArg: true };
const DATE_RESULT = CellValueDetailedType.NUMBER_DATE;

export class DateTimePlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    DATE: { method: 'date', parameters: [S, S, S], returnNumberType: DATE_RESULT },
    DAY: { method: 'day', parameters: [S] },
    MONTH: { method: 'month', parameters: [S] },
    YEAR: { method: 'year', parameters: [S] },
    DAYS: { method: 'days', parameters: [S, S] },
    DAYS360: { method: 'days360', parameters: [S, S, SO] },
    EDATE: { method: 'edate', parameters: [S, S], returnNumberType: DATE_RESULT },
    EOMONTH: { method: 'eomonth', parameters: [S, S], returnNumberType: DATE_RESULT },
    YEARFRAC: { method: 'yearfrac', parameters: [S, S, SO] },
    WEEKNUM: { method: 'weeknum', parameters: [S, SO] },
    DATEDIF: { method: 'datedif', parameters: [S, S, S] },
  };

  private get cal(): Calendar {
    return calendar(this.config.nullDate.year === 1904);
  }

  private readonly text = (t: string): unknown => this.coerceScalarToNumberOrError(t);

  private num(v: unknown, fn: string, what: string, bools: boolean): number | CellError {
    return toNumber(v, fn, what, this.text, bools);
  }

  /** A serial read as a day with its time rounded to the second (DAY, MONTH, YEAR, DAYS360). */
  private dayOf(v: unknown, fn: string, what: string): XDate | CellError {
    const n = this.num(v, fn, what, true);
    if (n instanceof CellError) return n;
    const s = Math.floor(Math.round(n * 86400) / 86400);
    if (n < 0 || s > this.cal.maxSerial) return err(ErrorType.NUM, `${fn}: ${what} (${n}) is not a date between 0 and ${this.cal.maxSerial} (9999-12-31).`);
    return this.cal.fromSerial(s);
  }

  /** A serial number result, or #NUM! outside Excel's dates. */
  private serialResult(s: number, fn: string): number | CellError {
    if (s < 0 || s > this.cal.maxSerial) return err(ErrorType.NUM, `${fn}: the result (${s}) is not a date between 0 and ${this.cal.maxSerial} (9999-12-31).`);
    return s;
  }

  /** DATE(year, month, day): years 0–1899 are 1900 on; months and days overflow into the next or previous ones. */
  date(ast: Call, state: State): unknown {
    return this.call('DATE', ast, state, (y: unknown, m: unknown, d: unknown) => {
      const parts: number[] = [];
      for (const [v, what] of [[y, 'year'], [m, 'month'], [d, 'day']] as const) {
        const n = this.num(v, 'DATE', what, true);
        if (n instanceof CellError) return n;
        parts.push(Math.trunc(n));
      }
      let [year] = parts;
      if (year < 0 || year >= 10000) return err(ErrorType.NUM, `DATE: year must be between 0 and 9999, got ${year}.`);
      if (year < 1900) year += 1900;
      // The month overflows into the year first: past December 9999 is #NUM! whatever the day.
      if (year + Math.floor((parts[1] - 1) / 12) > 9999) return err(ErrorType.NUM, `DATE: year ${year} month ${parts[1]} is after 9999.`);
      return this.serialResult(this.cal.serialOf(year, parts[1], parts[2]), 'DATE');
    });
  }

  day(ast: Call, state: State): unknown {
    return this.call('DAY', ast, state, (v: unknown) => {
      const dt = this.dayOf(v, 'DAY', 'serial_number');
      return dt instanceof CellError ? dt : dt.d;
    });
  }

  month(ast: Call, state: State): unknown {
    return this.call('MONTH', ast, state, (v: unknown) => {
      const dt = this.dayOf(v, 'MONTH', 'serial_number');
      return dt instanceof CellError ? dt : dt.m;
    });
  }

  year(ast: Call, state: State): unknown {
    return this.call('YEAR', ast, state, (v: unknown) => {
      const dt = this.dayOf(v, 'YEAR', 'serial_number');
      return dt instanceof CellError ? dt : dt.y;
    });
  }

  /** DAYS(end, start): whole days between the truncated dates. */
  days(ast: Call, state: State): unknown {
    return this.call('DAYS', ast, state, (end: unknown, start: unknown) => {
      const e = toDate(this.cal, end, 'DAYS', 'end_date', this.text, true);
      if (e instanceof CellError) return e;
      const s = toDate(this.cal, start, 'DAYS', 'start_date', this.text, true);
      if (s instanceof CellError) return s;
      return e.s - s.s;
    });
  }

  /**
   * DAYS360(start, end, [method]). US (FALSE): a start on its month's last
   * day counts as the 30th; an end on the 31st counts as the 1st of the next
   * month when the start is before the 30th, else as the 30th (an end on the
   * last of February stays as it is, as Excel computes). European (TRUE):
   * every 31st counts as the 30th.
   */
  days360(ast: Call, state: State): unknown {
    return this.call('DAYS360', ast, state, (start: unknown, end: unknown, method: unknown) => {
      const a = this.dayOf(start, 'DAYS360', 'start_date');
      if (a instanceof CellError) return a;
      const b = this.dayOf(end, 'DAYS360', 'end_date');
      if (b instanceof CellError) return b;
      let eu = false;
      if (ast.args.length > 2) {
        if (method instanceof CellError) return method;
        if (typeof method === 'boolean') eu = method;
        else if (typeof method === 'string' && /^(true|false)$/i.test(method.trim())) eu = /^true$/i.test(method.trim());
        else {
          const n = this.num(method, 'DAYS360', 'method', true);
          if (n instanceof CellError) return err(ErrorType.VALUE, `DAYS360: method must be TRUE (European) or FALSE (US), got ${JSON.stringify(method)}.`);
          eu = n !== 0;
        }
      }
      let sd = a.d;
      let ed = b.d;
      let em = b.m;
      let ey = b.y;
      if (eu) {
        if (sd === 31) sd = 30;
        if (ed === 31) ed = 30;
      } else {
        if (sd > 0 && sd === this.cal.daysInMonth(a.y, a.m)) sd = 30;
        if (ed === 31) {
          if (sd < 30) {
            ed = 1;
            em += 1;
            if (em === 13) [em, ey] = [1, ey + 1];
          } else {
            ed = 30;
          }
        }
      }
      return (ey - a.y) * 360 + (em - a.m) * 30 + (ed - sd);
    });
  }

  private months(fn: string, ast: Call, state: State, endOfMonth: boolean): unknown {
    const ranged = rangeReferenceError(ast.args, fn);
    if (ranged) return ranged;
    return this.call(fn, ast, state, (start: unknown, months: unknown) => {
      const s = toDate(this.cal, start, fn, 'start_date', this.text);
      if (s instanceof CellError) return s;
      const n = this.num(months, fn, 'months', false);
      if (n instanceof CellError) return n;
      const total = s.y * 12 + (s.m - 1) + Math.trunc(n);
      const y = Math.floor(total / 12);
      const m = total - y * 12 + 1;
      if (y < 1900 - (this.cal.date1904 ? 0 : 1) || y > 9999) return err(ErrorType.NUM, `${fn}: the result is not a date between 0 and ${this.cal.maxSerial} (9999-12-31).`);
      const dim = this.cal.daysInMonth(y, m);
      return this.serialResult(this.cal.serialOf(y, m, endOfMonth ? dim : Math.min(s.d, dim)), fn);
    });
  }

  /** EDATE(start, months): the same day `months` on, or that month's last day when it is shorter. */
  edate(ast: Call, state: State): unknown {
    return this.months('EDATE', ast, state, false);
  }

  /** EOMONTH(start, months): the last day of the month `months` on. */
  eomonth(ast: Call, state: State): unknown {
    return this.months('EOMONTH', ast, state, true);
  }

  /**
   * WEEKNUM(serial, [return_type]): the week of the year, week 1 holding
   * January 1 and weeks starting on Sunday (1, 17), Monday (2, 11), Tuesday
   * (12) … Saturday (16); 21 is the ISO week. Serial 0 (1900-01-00) is in
   * week 0. Weekdays follow the serial numbers, as Excel's WEEKDAY does.
   */
  weeknum(ast: Call, state: State): unknown {
    const ranged = rangeReferenceError(ast.args, 'WEEKNUM');
    if (ranged) return ranged;
    return this.call('WEEKNUM', ast, state, (serial: unknown, type: unknown) => {
      const dt = toDate(this.cal, serial, 'WEEKNUM', 'serial_number', this.text);
      if (dt instanceof CellError) return dt;
      const t = ast.args.length > 1 ? this.num(type, 'WEEKNUM', 'return_type', false) : 1;
      if (t instanceof CellError) return t;
      const starts: Record<number, number> = { 1: 0, 17: 0, 2: 1, 11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6 };
      const rt = Math.trunc(t);
      const weekday0 = (s: number) => (((s + 6) % 7) + 7) % 7; // 0 = Sunday; serial 1 is a Sunday
      if (rt === 21) {
        const thursday = dt.s - ((weekday0(dt.s) + 6) % 7) + 3;
        const y = this.cal.fromSerial(Math.max(thursday, 0)).y;
        return Math.floor((thursday - this.cal.serial(y, 1, 1)) / 7) + 1;
      }
      const start = starts[rt];
      if (start === undefined) return err(ErrorType.NUM, `WEEKNUM: return_type must be 1, 2, 11–17 or 21, got ${t}.`);
      const jan1 = this.cal.serial(dt.y, 1, 1);
      return Math.floor((dt.s - jan1 + ((weekday0(jan1) - start + 7) % 7)) / 7) + 1;
    });
  }

  /**
   * DATEDIF(start, end, unit): whole years "Y", months "M", days "D"; "MD"
   * days ignoring months and years (Excel's arithmetic: 2011-01-31 to
   * 2011-03-01 is -2), "YM" months ignoring years, "YD" days ignoring years
   * (the end's month and day taken in the start's year, Excel's calendar).
   */
  datedif(ast: Call, state: State): unknown {
    return this.call('DATEDIF', ast, state, (start: unknown, end: unknown, unit: unknown) => {
      const a = toDate(this.cal, start, 'DATEDIF', 'start_date', this.text, true);
      if (a instanceof CellError) return a;
      const b = toDate(this.cal, end, 'DATEDIF', 'end_date', this.text, true);
      if (b instanceof CellError) return b;
      if (unit instanceof CellError) return unit;
      if (a.s > b.s) return err(ErrorType.NUM, 'DATEDIF: start_date must not be after end_date.');
      const months = (b.y - a.y) * 12 + (b.m - a.m) - (b.d < a.d ? 1 : 0);
      const cal = this.cal;
      switch (String(unit).toUpperCase()) {
        case 'Y':
          return Math.floor(months / 12);
        case 'M':
          return months;
        case 'D':
          return b.s - a.s;
        case 'YM':
          return months % 12;
        case 'MD':
          return b.d >= a.d ? b.d - a.d : b.s - cal.serialOf(b.y, b.m - 1, a.d);
        case 'YD': {
          const later = b.m > a.m || (b.m === a.m && b.d >= a.d);
          return cal.serialOf(later ? a.y : a.y + 1, b.m, b.d) - a.s;
        }
        default:
          return err(ErrorType.NUM, `DATEDIF: unit must be "Y", "M", "D", "MD", "YM" or "YD", got ${JSON.stringify(unit)}.`);
      }
    });
  }

  /** YEARFRAC(start, end, [basis]): basis is read and checked first, then the dates (truncated, 0…9999-12-31), in either order. */
  yearfrac(ast: Call, state: State): unknown {
    const ranged = rangeReferenceError(ast.args, 'YEARFRAC');
    if (ranged) return ranged;
    return this.call('YEARFRAC', ast, state, (start: unknown, end: unknown, basis: unknown) => {
      const b = ast.args.length > 2 ? toBasis(basis, 'YEARFRAC', this.text) : 0;
      if (b instanceof CellError) return b;
      let s = toDate(this.cal, start, 'YEARFRAC', 'start_date', this.text);
      if (s instanceof CellError) return s;
      let e = toDate(this.cal, end, 'YEARFRAC', 'end_date', this.text);
      if (e instanceof CellError) return e;
      if (s.s > e.s) [s, e] = [e, s];
      if (s.s === e.s) return 0;
      return yearFraction(this.cal, s, e, b);
    });
  }
}
