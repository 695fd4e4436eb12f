/**
 * Excel number formats and Excel's reading of text as a number, for TEXT,
 * VALUE, DOLLAR, FIXED and NUMBERVALUE.
 *
 * Formatting goes through numfmt (Borgar Þorsteinsson's ECMA-376 number
 * formatter, MIT, the one the GRID spreadsheet engine uses), pinned to 3.2.6.
 * It was measured against SheetJS's `ssf` (0.11.2, the npm release) on every
 * TEXT cell of the real-Excel corpus plus the examples of Microsoft's TEXT and
 * number-format pages: numfmt matched 136 of 148 values, ssf 105 (ssf has no
 * negative elapsed time, rejects several formats Excel accepts — `%#`, `0,x#`,
 * `0 0/4`, `???.???` — and ignores repeated decimal points and `E-00`
 * exponents). numfmt 4.x is not used: its package names a CommonJS entry
 * (dist/index.cjs) it does not ship, so `require('numfmt')` fails.
 *
 * What this module adds around the library, each following Excel:
 * - the empty format ("" shows nothing, or "-" for a negative number);
 * - formats Excel refuses with #VALUE!: more than four sections, `@` in a
 *   section that also shows digits, a section after the text section, and
 *   dates outside 1900-01-00 … 9999-12-31 (an elapsed `[h]`/`[m]`/`[s]` alone
 *   may be negative or larger);
 * - every `%` in a section scales by 100 again (`%#%` shows ×10,000);
 * - numbers are shown to Excel's 15 significant digits;
 * - text that reads as a number, date or time is formatted as that number
 *   (`parseNumberText`), with Excel's rules for time fields that overflow;
 * - thousands separators when literals sit among the integer placeholders
 *   (`#,#"ZZ"#.0` → "1,234,56ZZ7.8"; numfmt leaves the separators out):
 *   numfmt formats the number without those literals, and they are put back
 *   between the grouped digits (`groupedAroundLiterals`).
 *
 * Known limit: runs of `#` after `0` among separators and literals
 * (`##00,#####…`), which numfmt pads with spaces where Excel shows nothing
 * ("00  1,000,000" for Excel's "001,000,000").
 */
import { format as nfFormat, isValidFormat, parseValue, tokenize } from 'numfmt';

/** Why a value cannot be formatted: TEXT returns #VALUE! with this message. */
export class FormatError {
  constructor(readonly message: string) {}
}

type Token = { type: string; value: string; raw: string };

/** Tokens that show a digit, a date part or an elapsed time: a section with one of these cannot also hold `@`. */
const VALUE_TOKENS = new Set(['hash', 'zero', 'qmark', 'digit', 'datetime', 'duration', 'ampm', 'exp', 'general', 'calendar']);

function sections(pattern: string): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokenize(pattern) as Token[]) {
    if (t.type === 'break') out.push([]);
    else out[out.length - 1].push(t);
  }
  return out;
}

/** The format problem Excel rejects with #VALUE!, or undefined when the format is usable. */
export function formatProblem(pattern: string): string | undefined {
  if (!isValidFormat(pattern)) return `"${pattern}" is not a number format Excel accepts.`;
  const secs = sections(pattern);
  if (secs.length > 4) return `"${pattern}" has ${secs.length} sections; a format has at most four (positive;negative;zero;text).`;
  for (let i = 0; i < secs.length; i++) {
    const hasText = secs[i].some((t) => t.type === 'text');
    if (!hasText) continue;
    if (secs[i].some((t) => VALUE_TOKENS.has(t.type))) return `"${pattern}" mixes @ (the text) with digits or dates in one section.`;
    if (i !== secs.length - 1) return `"${pattern}" has a section after its text section (the one with @).`;
  }
  return undefined;
}

/** The section Excel uses for a number, when the format has no conditions ([<10]…). */
function numberSection(secs: Token[][], n: number): Token[] | undefined {
  if (secs.some((s) => s.some((t) => t.type === 'condition'))) return undefined;
  const numeric = secs.filter((s) => !s.some((t) => t.type === 'text'));
  if (n < 0 && numeric.length >= 2) return numeric[1];
  if (n === 0 && numeric.length >= 3) return numeric[2];
  return numeric[0];
}

const PLACEHOLDERS = new Set(['hash', 'zero', 'qmark']);
/** Tokens that print themselves (a literal character or text). */
const LITERALS = new Set(['string', 'char', 'escaped', 'space', 'comma', 'digit', 'plus', 'minus', 'paren', 'skip']);
const literalText = (t: Token): string => (t.type === 'skip' ? ' ' : t.value);

/**
 * Excel groups the integer digits by thousands even when literals sit among
 * the integer placeholders (`#,#"ZZ"#.0` shows 1234567.8 as "1,234,56ZZ7.8";
 * numfmt then drops the separators). Each such literal is placed after as
 * many digits, counted from the right, as there are placeholders to its
 * right; a `,` after a literal is itself literal, one before a literal adds
 * nothing. Undefined when the format has no such literal (numfmt's output
 * stands) or is one this does not take on (conditions, `?`, exponents,
 * fractions, dates).
 */
function groupedAroundLiterals(pattern: string, value: number): string | undefined {
  const secs = sections(pattern);
  if (secs.some((sec) => sec.some((t) => t.type === 'condition'))) return undefined;
  const numeric = secs.filter((sec) => !sec.some((t) => t.type === 'text'));
  const sec = numberSection(secs, value);
  if (!sec || sec.some((t) => ['datetime', 'duration', 'ampm', 'exp', 'general', 'calendar', 'slash', 'qmark'].includes(t.type))) return undefined;
  const first = sec.findIndex((t) => PLACEHOLDERS.has(t.type));
  if (first < 0) return undefined;
  let end = sec.findIndex((t, i) => i > first && t.type === 'point');
  if (end < 0) end = sec.reduce((last, t, i) => (PLACEHOLDERS.has(t.type) ? i : last), first) + 1;
  const zone = sec.slice(first, end);
  if (!zone.some((t) => t.type === 'group') || !zone.some((t) => LITERALS.has(t.type))) return undefined;
  // Literals by the number of placeholders to their right; the zone keeps its placeholders and real separators.
  const literals = new Map<number, string>();
  const kept: Token[] = [];
  zone.forEach((t, i) => {
    const right = zone.slice(i + 1).filter((x) => PLACEHOLDERS.has(x.type)).length;
    const prev = zone[i - 1];
    const next = zone[i + 1];
    if (PLACEHOLDERS.has(t.type)) kept.push(t);
    else if (t.type === 'group' && prev && PLACEHOLDERS.has(prev.type)) {
      if (next && PLACEHOLDERS.has(next.type)) kept.push(t);
    } else if (t.type === 'group' || LITERALS.has(t.type)) literals.set(right, (literals.get(right) ?? '') + (t.type === 'group' ? ',' : literalText(t)));
    else return;
  });
  const prefix = sec.slice(0, first);
  if (prefix.some((t) => !LITERALS.has(t.type) && t.type !== 'color') || prefix.some((t) => /\d/.test(t.value))) return undefined;
  const prefixText = prefix.filter((t) => t.type !== 'color').map(literalText).join('');
  // A second section shows a negative number without its sign; a lone section puts "-" first.
  const v = numeric.length >= 2 && value < 0 ? -value : value;
  const modified = [...prefix, ...kept, ...sec.slice(end)].map((t) => t.raw).join('');
  let out: string;
  try {
    out = nfFormat(modified, v, { throws: true });
  } catch {
    return undefined;
  }
  let sign = '';
  if (v < 0 && out.startsWith('-')) {
    sign = '-';
    out = out.slice(1);
  }
  if (!out.startsWith(prefixText)) return undefined;
  const rest = out.slice(prefixText.length);
  const digits = /^\d(?:[\d,]*\d)?/.exec(rest)?.[0];
  // numfmt pads some runs of # after 0 with spaces ("00  1,000,000"): not a layout to rebuild from.
  if (!digits || /^\s+\d/.test(rest.slice(digits.length))) return undefined;
  // Rebuild right to left, each literal left of the digit that ends its count.
  let built = literals.get(0) ?? '';
  let count = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    const c = digits[i];
    built = c + built;
    if (c >= '0' && c <= '9') {
      count++;
      const lit = literals.get(count);
      if (lit !== undefined && count > 0) built = lit + built;
    }
  }
  for (const [k, lit] of [...literals].sort((a, b) => a[0] - b[0])) if (k > count) built = lit + built;
  return sign + prefixText + built + rest.slice(digits.length);
}

/**
 * `value` shown in the number format `pattern` as Excel's TEXT does (en-US).
 * A boolean is its text TRUE/FALSE; text passes through the text section.
 */
export function formatValue(value: number | string | boolean, pattern: string): string | FormatError {
  if (typeof value === 'boolean') value = value ? 'TRUE' : 'FALSE';
  if (pattern === '') return typeof value === 'string' ? value : value < 0 ? '-' : '';
  const problem = formatProblem(pattern);
  if (problem) return new FormatError(problem);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return new FormatError('the value is not a finite number.');
    // Excel keeps 15 significant digits: 1/3 shows as 0.333333333333333000, 10001 at 36 places without a stray 2.
    value = Number(value.toPrecision(15));
    const section = numberSection(sections(pattern), value);
    const percents = section ? section.filter((t) => t.type === 'percent').length : 0;
    // numfmt scales once for any number of %; Excel scales by 100 for each.
    if (percents > 1) value *= 100 ** (percents - 1);
  }
  if (typeof value === 'number') {
    const grouped = groupedAroundLiterals(pattern, value);
    if (grouped !== undefined) return grouped;
  }
  try {
    return nfFormat(pattern, value, { dateErrorThrows: true, dateSpanLarge: false, throws: true });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return new FormatError(/date/i.test(why) ? `${value} is not a date Excel can show in "${pattern}" (dates run from 0 to 2958465, 9999-12-31).` : `"${pattern}": ${why}.`);
  }
}

/**
 * A time typed as text: h:m, h:m:s, m:s.f (a decimal point in the last field
 * makes it seconds), with an optional AM/PM. Excel accepts one field beyond its
 * usual range — the first (25:00 is 25 hours) or the last (0:0:9999 is 9,999
 * seconds, minutes up to 9,999) — as long as every other field is within its
 * range: 23:99 is a time, 24:99 and 23:60:9999 are not.
 */
function parseTimeText(s: string): number | undefined {
  const m = /^(\d+):(\d+)(?:(\.)|(\.\d+)|:(\d+(?:\.\d*)?))?\s*(am?|pm?)?$/i.exec(s);
  if (!m) return undefined;
  let h: number, mi: number, sec: number;
  if (m[4] !== undefined) {
    // m:s.f
    h = 0;
    mi = Number(m[1]);
    sec = Number(m[2] + m[4]);
  } else {
    h = Number(m[1]);
    mi = Number(m[2]);
    sec = m[5] !== undefined ? Number(m[5]) : 0;
  }
  const hasSeconds = m[4] !== undefined || m[5] !== undefined;
  const fields = m[4] !== undefined ? [mi, sec] : hasSeconds ? [h, mi, sec] : [h, mi];
  const limits = m[4] !== undefined ? [60, 60] : hasSeconds ? [24, 60, 60] : [24, 60];
  const over = fields.map((v, i) => v >= limits[i]);
  const overCount = over.filter(Boolean).length;
  if (overCount > 1) return undefined;
  if (overCount === 1 && !over[0] && !over[over.length - 1]) return undefined;
  if (over[over.length - 1] && fields[fields.length - 1] >= 10000) return undefined;
  if (over[0] && fields[0] >= 10000) return undefined;
  const ampm = m[6]?.toLowerCase();
  if (ampm) {
    if (h > 12 || m[4] !== undefined) return undefined;
    if (h === 12) h = 0;
    if (ampm.startsWith('p')) h += 12;
  }
  return (h * 3600 + mi * 60 + sec) / 86400;
}

/**
 * The number Excel reads in text (VALUE, TEXT, NUMBERVALUE with en-US
 * separators): a number with optional sign, thousands separators, currency,
 * percent, parentheses or exponent; a date, a time, or both. Undefined when
 * the text is not one (VALUE's #VALUE!).
 */
export function parseNumberText(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const time = parseTimeText(s);
  if (time !== undefined) return time;
  // A time part that did not read alone makes the whole text unreadable (Excel's 23:10000).
  if (/^\d+:[\d:.]*\s*(am?|pm?)?$/i.test(s)) return undefined;
  let parsed: { v: unknown } | null;
  try {
    parsed = parseValue(s) as { v: unknown } | null;
  } catch {
    return undefined;
  }
  return parsed && typeof parsed.v === 'number' && Number.isFinite(parsed.v) ? parsed.v : undefined;
}
