/**
 * Reading the date arguments users type: ISO dates, months, quarters, halves,
 * years, Chinese forms and Excel date serials. A date names a span (a day is a
 * span of one day); the as-of lookup uses its end, and prefers an observation
 * whose period is exactly that span.
 */
import { boundedMemo } from './memo';
import { Arg, LlmError, badValue } from './result';

export interface DateSpan {
  start: string; // ISO YYYY-MM-DD
  end: string;
  /** How the input was read, for messages ("2025Q3 = 2025-07-01..2025-09-30"). */
  label: string;
  /**
   * Set for fiscal forms ("Q1 FY2026"): start and end are then the calendar
   * reading (fiscal year = calendar year), and forEntity() re-reads the span
   * against the fiscal year of the entity asked about.
   */
  fiscal?: { year: number; part: 'year' | 'half' | 'quarter'; n: number };
}

export const ACCEPTED_DATE_FORMS =
  'an ISO date ("2025-09-30"), a month ("2025-09"), a quarter ("2025Q3", "Q3 2025"), a half ("2025H1", "1H25", "H1 2025"), ' +
  'a year ("2025"), a Chinese date ("2025年9月30日", "2025年9月", "2025年上半年", "2025年第三季度"), ' +
  'a fiscal period of the entity asked about ("FY2026", "FY26", "Q1 FY2026", "1QFY26", "FY2026Q1", "H1 FY2026", "2026财年", "2026财年第一季度") or an Excel date serial (45930)';

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** 9999-12-31, the last date Excel can hold. */
const MAX_SERIAL = 2_958_465;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** Excel's 1900 date system, including its phantom 1900-02-29 (serial 60). */
export function serialToIso(serial: number): string {
  const n = Math.floor(serial);
  const ms = n >= 61 ? EXCEL_EPOCH + n * DAY_MS : Date.UTC(1899, 11, 31) + n * DAY_MS;
  return new Date(n === 60 ? Date.UTC(1900, 1, 28) : ms).toISOString().slice(0, 10);
}

export function isoToSerial(isoDate: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  const n = Math.round((ms - EXCEL_EPOCH) / DAY_MS);
  return n >= 61 ? n : n - 1;
}

const span = (start: string, end: string, label: string): DateSpan => ({ start, end, label });
const yearSpan = (y: number) => span(iso(y, 1, 1), iso(y, 12, 31), `${y} = ${y}-01-01..${y}-12-31`);
const monthSpan = (y: number, m: number) => span(iso(y, m, 1), iso(y, m, lastDay(y, m)), `${y}-${pad(m)}`);
const quarterSpan = (y: number, q: number) =>
  span(iso(y, q * 3 - 2, 1), iso(y, q * 3, lastDay(y, q * 3)), `${y}Q${q} = ${iso(y, q * 3 - 2, 1)}..${iso(y, q * 3, lastDay(y, q * 3))}`);
const halfSpan = (y: number, h: number) =>
  span(iso(y, h === 1 ? 1 : 7, 1), iso(y, h === 1 ? 6 : 12, h === 1 ? 30 : 31), `${y}H${h} = ${iso(y, h === 1 ? 1 : 7, 1)}..${iso(y, h === 1 ? 6 : 12, h === 1 ? 30 : 31)}`);
const daySpan = (y: number, m: number, d: number) => span(iso(y, m, d), iso(y, m, d), iso(y, m, d));

const fullYear = (s: string) => (s.length === 2 ? 2000 + Number(s) : Number(s));
/** "FY26" + "q" + "1" → Q1 FY2026; a half beyond H2 is not a period (null). */
function fiscalPart(year: string, letter: string, n: string): DateSpan | null {
  const half = letter.toLowerCase() === 'h';
  if (half && +n > 2) return null;
  return fiscalSpan(fullYear(year), half ? 'half' : 'quarter', +n);
}
const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

/**
 * A fiscal period, first read on the calendar (FY = calendar year) so a
 * parsed argument stands alone; forEntity() moves it onto an entity's year.
 */
function fiscalSpan(year: number, part: 'year' | 'half' | 'quarter', n: number): DateSpan {
  const s = fiscalDates(year, part, n, '12-31');
  return { ...span(s.start, s.end, `${fiscalName(year, part, n)} = ${s.start}..${s.end}`), fiscal: { year, part, n } };
}

function fiscalName(year: number, part: 'year' | 'half' | 'quarter', n: number): string {
  return part === 'year' ? `FY${year}` : `${part === 'half' ? 'H' : 'Q'}${n} FY${year}`;
}

/** Adds months to an ISO date, clamping the day to the month's length. */
function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const k = y * 12 + (m - 1) + months;
  const ny = Math.floor(k / 12);
  const nm = (k % 12) + 1;
  return iso(ny, nm, Math.min(d, lastDay(ny, nm)));
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Fiscal year N is the year that ends on the fiscal year end in calendar year N
 * (Alibaba's FY2026, year end 03-31, runs 2025-04-01..2026-03-31); its
 * quarters and halves are counted from its first day.
 */
export function fiscalDates(year: number, part: 'year' | 'half' | 'quarter', n: number, fiscalYearEnd: string): { start: string; end: string } {
  const [fm, fd] = fiscalYearEnd.split('-').map(Number);
  const priorEnd = iso(year - 1, fm, Math.min(fd, lastDay(year - 1, fm)));
  const first = addDays(priorEnd, 1);
  if (part === 'year') return { start: first, end: iso(year, fm, Math.min(fd, lastDay(year, fm))) };
  const months = part === 'half' ? 6 : 3;
  return { start: addMonths(first, months * (n - 1)), end: addDays(addMonths(first, months * n), -1) };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The span a date argument names for one entity: fiscal forms read against its fiscal year end. */
export function forEntity(when: DateSpan, entity: { name: string; fiscal_year_end?: string }): DateSpan {
  const fye = entity.fiscal_year_end ?? '12-31';
  if (!when.fiscal || fye === '12-31') return when;
  const key = `${fye}|${when.fiscal.year}|${when.fiscal.part}|${when.fiscal.n}|${entity.name}`;
  let hit = fiscalCache.get(key);
  if (!hit) {
    const { year, part, n } = when.fiscal;
    const s = fiscalDates(year, part, n, fye);
    const [m, d] = fye.split('-').map(Number);
    hit = Object.freeze({ ...span(s.start, s.end, `${fiscalName(year, part, n)} = ${s.start}..${s.end} (${entity.name}'s fiscal year ends ${d} ${MONTHS[m - 1]})`), fiscal: when.fiscal });
    if (fiscalCache.size >= 10_000) fiscalCache.clear();
    fiscalCache.set(key, hit);
  }
  return hit;
}
const fiscalCache = new Map<string, DateSpan>();

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A recorded period as people name it: "2024Q4 (Oct–Dec 2024)", "2025-09 (Sep
 * 2025)", "2025H1 (Jan–Jun 2025)", "2025", "FY2025 (Apr 2024–Mar 2025)" for an
 * entity whose fiscal year is not the calendar year, a day, or start..end.
 */
export function describePeriod(start: string, end: string, fiscalYearEnd = '12-31'): string {
  if (start === end) return start;
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de] = end.split('-').map(Number);
  const whole = ds === 1 && de === lastDay(ye, me);
  const months = (ye - ys) * 12 + me - ms + 1;
  const range = ys === ye ? `${MON[ms - 1]}–${MON[me - 1]} ${ye}` : `${MON[ms - 1]} ${ys}–${MON[me - 1]} ${ye}`;
  if (whole) {
    if (months === 1) return `${ye}-${pad(me)} (${MON[me - 1]} ${ye})`;
    if (months === 3 && ms % 3 === 1 && ys === ye) return `${ye}Q${(ms + 2) / 3} (${range})`;
    if (months === 6 && (ms === 1 || ms === 7) && ys === ye) return `${ye}H${ms === 1 ? 1 : 2} (${range})`;
    if (months === 12 && ms === 1) return String(ye);
    if (months === 12 && fiscalYearEnd !== '12-31') {
      const fy = fiscalDates(ye, 'year', 1, fiscalYearEnd);
      if (fy.start === start && fy.end === end) return `FY${ye} (${range})`;
    }
  }
  return `${start}..${end}`;
}

type Rule = [RegExp, (m: RegExpMatchArray) => DateSpan | null];
const RULES: Rule[] = [
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, (m) => (validDay(+m[1], +m[2], +m[3]) ? daySpan(+m[1], +m[2], +m[3]) : null)],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})[日号號]?$/, (m) => (validDay(+m[1], +m[2], +m[3]) ? daySpan(+m[1], +m[2], +m[3]) : null)],
  [/^(\d{4})[-/.](\d{1,2})$/, (m) => (+m[2] >= 1 && +m[2] <= 12 ? monthSpan(+m[1], +m[2]) : null)],
  [/^(\d{4})年(\d{1,2})月(份)?$/, (m) => (+m[2] >= 1 && +m[2] <= 12 ? monthSpan(+m[1], +m[2]) : null)],
  [/^(\d{4})[-\s]?q([1-4])$/i, (m) => quarterSpan(+m[1], +m[2])],
  [/^q([1-4])[-\s]?(\d{4}|\d{2})$/i, (m) => quarterSpan(fullYear(m[2]), +m[1])],
  [/^([1-4])q[-\s]?(\d{4}|\d{2})$/i, (m) => quarterSpan(fullYear(m[2]), +m[1])],
  [/^(\d{4})年?(第)?([一二三四1-4])季度?$/, (m) => quarterSpan(+m[1], CN_DIGIT[m[3]])],
  [/^(\d{4})年?q([1-4])$/i, (m) => quarterSpan(+m[1], +m[2])],
  [/^(\d{4})[-\s]?h([12])$/i, (m) => halfSpan(+m[1], +m[2])],
  [/^h([12])[-\s]?(\d{4}|\d{2})$/i, (m) => halfSpan(fullYear(m[2]), +m[1])],
  [/^([12])h[-\s]?(\d{4}|\d{2})$/i, (m) => halfSpan(fullYear(m[2]), +m[1])],
  [/^(\d{4})年?([上下])半年$/, (m) => halfSpan(+m[1], m[2] === '上' ? 1 : 2)],
  [/^(\d{4})年?$/, (m) => yearSpan(+m[1])],
  [/^fy\s?(\d{4}|\d{2})$/i, (m) => fiscalSpan(fullYear(m[1]), 'year', 1)],
  [/^fy\s?(\d{4}|\d{2})[-\s]?([qh])([1-4])$/i, (m) => fiscalPart(m[1], m[2], m[3])],
  [/^([qh])([1-4])[-\s]?fy\s?(\d{4}|\d{2})$/i, (m) => fiscalPart(m[3], m[1], m[2])],
  [/^([1-4])([qh])[-\s]?fy\s?(\d{4}|\d{2})$/i, (m) => fiscalPart(m[3], m[2], m[1])],
  [/^(\d{4})[财財]年度?$/, (m) => fiscalSpan(+m[1], 'year', 1)],
  [/^(\d{4})[财財]年度?(第)?([一二三四1-4])季度?$/, (m) => fiscalSpan(+m[1], 'quarter', CN_DIGIT[m[3]])],
  [/^(\d{4})[财財]年度?q([1-4])$/i, (m) => fiscalSpan(+m[1], 'quarter', +m[2])],
  [/^(\d{4})[财財]年度?([上下])半年$/, (m) => fiscalSpan(+m[1], 'half', m[2] === '上' ? 1 : 2)],
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[t\s][\d:.]+z?$/i, (m) => (validDay(+m[1], +m[2], +m[3]) ? daySpan(+m[1], +m[2], +m[3]) : null)],
];

/**
 * Parses a date argument. `null` (omitted) returns null: the caller then
 * takes the latest observation.
 */
export function parseDate(arg: Arg, what = 'as_of'): DateSpan | null | LlmError {
  if (arg === null || arg === '') return null;
  if (typeof arg === 'boolean') return readDate(arg, what);
  return rememberDate(what, arg);
}

/** Up to 10,000 distinct date arguments are remembered per parameter name. */
const rememberDate = boundedMemo<string | number, DateSpan | LlmError>(10_000, 16, (what, arg) => readDate(arg, what));

function readDate(arg: string | number | boolean, what: string): DateSpan | LlmError {
  if (typeof arg === 'boolean') return badValue(`${what} is ${String(arg).toUpperCase()}, not a date. Use ${ACCEPTED_DATE_FORMS}.`);
  if (typeof arg === 'number') {
    if (!Number.isFinite(arg)) return badValue(`${what} is not a finite number. Use ${ACCEPTED_DATE_FORMS}.`);
    // A whole number in 1900..2199 is a year: no market data predates 1905, so
    // reading it as a serial (1905-03-14…) would only ever answer #N/A.
    if (Number.isInteger(arg) && arg >= 1900 && arg <= 2199) return yearSpan(arg);
    if (arg < 1 || arg > MAX_SERIAL) {
      return badValue(`${what} ${arg} is outside Excel's date serials (1 = 1900-01-01 … ${MAX_SERIAL} = 9999-12-31). Use ${ACCEPTED_DATE_FORMS}.`);
    }
    const d = serialToIso(arg);
    return span(d, d, `${d} (Excel serial ${Math.floor(arg)})`);
  }
  const text = arg.normalize('NFKC').trim();
  for (const [re, make] of RULES) {
    const m = text.match(re);
    if (m) {
      const s = make(m);
      if (s) return s;
      break;
    }
  }
  return badValue(`${what} "${arg}" is not a date I can read. Use ${ACCEPTED_DATE_FORMS}.`);
}
