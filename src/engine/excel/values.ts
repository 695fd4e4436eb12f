/**
 * Value helpers shared by the Excel-syntax functions: Excel's ordering and
 * equality of cell values, argument coercion with messages, and the #CALC!
 * error HyperFormula has no type for.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, SimpleRangeValue } from 'hyperformula';

export type Cell = unknown;
export type Grid = Cell[][];

/**
 * Excel returns #CALC! for an empty array result (FILTER with nothing kept,
 * TAKE of 0 rows…). HyperFormula has no #CALC!, so the engine returns its
 * generic #ERROR! with a message that starts with this marker; `excelError`
 * turns it back into the code Excel would show (the workbook checker compares
 * that with the value Excel saved).
 */
export const CALC_MARKER = '#CALC!';

export function calcError(message: string): CellError {
  return new CellError(ErrorType.ERROR, `${CALC_MARKER} ${message}`);
}

/** An error value whose message says what was wrong and what would work. */
export const err = (type: ErrorType, message: string) => new CellError(type, message);

/** Parameter declarations the plugins' `implementedFunctions` tables share. */
export const range = { argumentType: FunctionArgumentType.RANGE };
export const rangeOpt = { argumentType: FunctionArgumentType.RANGE, optionalArg: true };
export const anyOpt = { argumentType: FunctionArgumentType.ANY, optionalArg: true };

/** The Excel error code for an engine error value and message (#ERROR! carrying the #CALC! marker is #CALC!). */
export function excelError(code: string, message: string | undefined): string {
  return code === '#ERROR!' && message?.startsWith(CALC_MARKER) ? '#CALC!' : code;
}

const ENGINE_ERROR_CODES: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.NA]: '#N/A',
  [ErrorType.NAME]: '#NAME?',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.REF]: '#REF!',
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.SPILL]: '#SPILL!',
};
export const EXCEL_ERROR_CODES: readonly string[] = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!'];

/** The code Excel shows for an engine error (#NULL!, #CALC! … travel as #ERROR! with the code first in the message); #ERROR! otherwise. */
export function excelErrorCode(e: CellError): string {
  const known = ENGINE_ERROR_CODES[e.type];
  if (known) return known;
  const head = (e.message ?? '').split(/\s/)[0].toUpperCase();
  return EXCEL_ERROR_CODES.includes(head) ? head : '#ERROR!';
}

export const isEmpty = (v: Cell): boolean => v === EmptyValue || v === null || v === undefined;

/** A number as HyperFormula keeps it (dates, percents and currencies are { val } objects). */
export function rawNumber(v: Cell): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'val' in v && typeof (v as { val: unknown }).val === 'number') return (v as { val: number }).val;
  return undefined;
}

export function grid(v: Cell): Grid {
  if (v instanceof SimpleRangeValue) return v.data as Grid;
  return [[v]];
}

/** A spilled result: 1×1 stays a scalar; blanks from references spill as 0, as in Excel. */
export function result(data: Grid): Cell {
  if (data.length === 0 || data[0].length === 0) return calcError('the result is an empty array.');
  const out = data.map((row) => row.map((c) => (isEmpty(c) ? 0 : c)));
  if (out.length === 1 && out[0].length === 1) return out[0][0];
  return SimpleRangeValue.onlyValues(out as never);
}

/**
 * A whole-number argument: truncated toward zero as Excel does; a blank is 0;
 * text that reads as a number is that number; anything else is #VALUE! saying
 * which argument of which function.
 */
export function toInt(v: Cell, fn: string, what: string): number | CellError {
  if (v instanceof CellError) return v;
  if (v instanceof SimpleRangeValue) {
    if (v.width() === 1 && v.height() === 1) return toInt(v.data[0][0], fn, what);
    return new CellError(ErrorType.VALUE, `${fn}: ${what} must be a single number, not a ${v.height()}×${v.width()} array.`);
  }
  if (isEmpty(v)) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = rawNumber(v) ?? (typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
  if (!Number.isFinite(n)) return new CellError(ErrorType.VALUE, `${fn}: ${what} must be a number, got ${JSON.stringify(v)}.`);
  return Math.trunc(n);
}

export function toBool(v: Cell, fn: string, what: string): boolean | CellError {
  if (v instanceof CellError) return v;
  if (v instanceof SimpleRangeValue) {
    if (v.width() === 1 && v.height() === 1) return toBool(v.data[0][0], fn, what);
    return new CellError(ErrorType.VALUE, `${fn}: ${what} must be TRUE or FALSE, not an array.`);
  }
  if (isEmpty(v)) return false;
  if (typeof v === 'boolean') return v;
  const n = rawNumber(v);
  if (n !== undefined) return n !== 0;
  if (typeof v === 'string') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
  }
  return new CellError(ErrorType.VALUE, `${fn}: ${what} must be TRUE or FALSE, got ${JSON.stringify(v)}.`);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: false });

/** Excel's sort rank of a value's type: numbers, then text, then logicals, then errors; blanks always last. */
function typeRank(v: Cell): number {
  if (rawNumber(v) !== undefined) return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (v instanceof CellError) return 3;
  return 4;
}

/** Ascending comparison as Excel's SORT orders values (text case-insensitively). */
export function compareValues(a: Cell, b: Cell): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (rawNumber(a) as number) - (rawNumber(b) as number);
  if (ra === 1) return collator.compare(a as string, b as string);
  if (ra === 2) return Number(a) - Number(b);
  if (ra === 3) return errorRank(a as CellError) - errorRank(b as CellError);
  return 0;
}

/** Excel's number for an error value (ERROR.TYPE: #NULL! 1, #DIV/0! 2 … #N/A 7, #SPILL! 9, #CALC! 14), the order SORT puts errors in. */
export function errorRank(e: CellError): number {
  switch (e.type) {
    case ErrorType.DIV_BY_ZERO:
      return 2;
    case ErrorType.VALUE:
      return 3;
    case ErrorType.REF:
      return 4;
    case ErrorType.NAME:
      return 5;
    case ErrorType.NUM:
      return 6;
    case ErrorType.NA:
      return 7;
    case ErrorType.SPILL:
      return 9;
    case ErrorType.ERROR: {
      // Excel's errors HyperFormula lacks carry their code at the start of the message (#CALC!, #NULL! …).
      const code = /^#[A-Z0-9/!?_]+/.exec(e.message ?? '')?.[0];
      const known: Record<string, number> = { '#NULL!': 1, '#GETTING_DATA': 8, '#CONNECT!': 10, '#BLOCKED!': 11, '#UNKNOWN!': 12, '#FIELD!': 13, '#CALC!': 14 };
      return (code && known[code]) || 15;
    }
    default:
      return 16;
  }
}

/** Equality as UNIQUE and XMATCH see it: same type, text case-insensitive, blank equals blank. */
export function sameValue(a: Cell, b: Cell): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  const ra = typeRank(a);
  if (ra !== typeRank(b)) return false;
  if (ra === 3) return (a as CellError).type === (b as CellError).type;
  return compareValues(a, b) === 0;
}

export function transpose(data: Grid): Grid {
  if (data.length === 0) return [];
  return data[0].map((_, c) => data.map((row) => row[c]));
}

export function firstError(data: Grid): CellError | undefined {
  for (const row of data) for (const c of row) if (c instanceof CellError) return c;
  return undefined;
}

/** A value as Excel's text functions see it (TRUE, 0.3, "" for a blank). */
export function textOf(v: Cell): string {
  if (isEmpty(v)) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const n = rawNumber(v);
  if (n !== undefined) return String(Number(n.toPrecision(15))).replace(/e\+?/, 'E+').replace('E+-', 'E-');
  return String(v);
}

/**
 * Excel's wildcard pattern (* any run, ? one character, ~ escapes) as a
 * whole-text, case-insensitive RegExp; with `prefix`, one that matches the
 * start of the text only (the database functions' criteria).
 */
export function wildcard(pattern: string, prefix = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}${prefix ? '' : '$'}`, 'is');
}

/** The type family Excel's lookups compare within: number, string, boolean, or other (errors, blanks). */
export const valueKind = (v: Cell): 'number' | 'string' | 'boolean' | 'other' =>
  rawNumber(v) !== undefined ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'other';
