/**
 * Excel's text functions and number formats where HyperFormula differs from
 * Excel or has none: TEXT, DOLLAR and FIXED through an Excel number-format
 * library (numfmt, see numberFormat.ts for why that one and what it adds);
 * VALUE and NUMBERVALUE with Excel's reading of numbers, dates and times in
 * text; EXACT and SUBSTITUTE on Excel's text of a value; and the REGEX
 * functions.
 *
 * REGEXTEST, REGEXEXTRACT and REGEXREPLACE: Excel uses PCRE2; this engine
 * uses JavaScript's RegExp, which reads the common syntax alike (classes,
 * quantifiers, groups, named groups `(?<n>…)`, look-around, `\d \w \s \b`,
 * `$1`/`${n}` in replacements) and a leading `(?i)`, which is taken as the
 * case-insensitive flag. Not available: possessive quantifiers (`a++`),
 * atomic groups (`(?>…)`), `\A`, `\Z`, `\z`, `\G`, other inline flags,
 * recursion, conditionals and `\K`: a pattern using them is #VALUE! saying so
 * (or, where JavaScript reads it otherwise, may match differently).
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { AnyAst, ArrayFunctionPlugin, isOmitted, literalNumber, remember, rootHint, State } from './sizing';
import { Cell, err, excelErrorCode, isEmpty, rawNumber, textOf, toBool } from './values';
import { formatValue, FormatError, parseNumberText } from './numberFormat';
import { charOf, codeOf } from './charset';
import { getFormatDateInfo } from 'numfmt';
import { llmHint } from './llmHints';

type Call = { args: AnyAst[] };

/** Whether a format shows a calendar date (year, month or day), which depends on the workbook's date system. */
function showsCalendarDate(pattern: string): boolean {
  try {
    const d = getFormatDateInfo(pattern);
    return d.year || d.month || d.day;
  } catch {
    return false;
  }
}

const A = FunctionArgumentType;
const value = { argumentType: A.NOERROR };
const valueOpt = { argumentType: A.NOERROR, optionalArg: true };

/** A number argument: blank 0, TRUE 1, text that reads as a number; anything else #VALUE! naming the argument. */
function numberArg(v: Cell, fn: string, what: string): number | CellError {
  if (v instanceof CellError) return v;
  if (isEmpty(v)) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = rawNumber(v) ?? (typeof v === 'string' ? parseNumberText(v) : undefined);
  if (n === undefined) return err(ErrorType.VALUE, `${fn}: ${what} must be a number, got ${JSON.stringify(v)}.`);
  return n;
}

/**
 * Rounds half away from zero to `digits` places (negative: to tens,
 * hundreds…), as Excel's ROUND, keeping Excel's 15 significant digits (places
 * beyond them change nothing; rounding beyond the number's size gives 0).
 */
function roundHalfAway(n: number, digits: number): number {
  if (n === 0 || digits >= 15 - Math.floor(Math.log10(Math.abs(n)))) return Number(n.toPrecision(15));
  const f = 10 ** Math.abs(digits);
  if (!Number.isFinite(f)) return 0;
  const x = digits >= 0 ? Math.abs(n) * f : Math.abs(n) / f;
  const r = Math.round(Number(x.toPrecision(15)));
  return Number((Math.sign(n) * (digits >= 0 ? r / f : r * f)).toPrecision(15));
}

/** Excel's case_sensitivity argument of the REGEX functions: 0 (sensitive, the default) or 1. */
function caseArg(v: Cell, fn: string): boolean | CellError {
  if (v === undefined) return false;
  const n = numberArg(v, fn, 'case_sensitivity');
  if (n instanceof CellError) return n;
  const k = Math.trunc(n);
  if (k !== 0 && k !== 1) return err(ErrorType.VALUE, `${fn}: case_sensitivity must be 0 (case-sensitive) or 1 (case-insensitive), got ${n}.`);
  return k === 1;
}

/** Excel's wildcard text (? one character, * any run, ~ escapes the next) as a RegExp source. */
function wildcardSource(pattern: string): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length && '*?~'.includes(pattern[i + 1])) re += '\\' + pattern[++i];
    else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

/**
 * NUMBERVALUE's reading of text: blanks anywhere are ignored; a leading sign
 * or surrounding parentheses (negative); group separators anywhere before the
 * decimal separator, none after it; an exponent; then percent signs, each
 * dividing by 100 (inside the parentheses too). Undefined when not a number.
 */
function numberValueOf(text: string, dec: string, grp: string): number | undefined {
  let s = text.replace(/\s+/g, '');
  if (s === '') return 0;
  let scale = 1;
  const percents = () => {
    while (s.endsWith('%') && !(dec === '%' || grp === '%')) {
      scale /= 100;
      s = s.slice(0, -1);
    }
  };
  percents();
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')') && dec !== ')' && grp !== ')') {
    sign = -1;
    s = s.slice(1, -1);
    percents();
  } else if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  let exp = 0;
  const e = /[eE]([+-]?\d+)$/.exec(s);
  if (e) {
    exp = Number(e[1]);
    s = s.slice(0, e.index);
  }
  const at = s.indexOf(dec);
  const intPart = at >= 0 ? s.slice(0, at) : s;
  const frac = at >= 0 ? s.slice(at + dec.length) : '';
  const digits = intPart.split(grp).join('');
  if (!/^\d*$/.test(digits) || !/^\d*$/.test(frac) || digits + frac === '') return undefined;
  return sign * Number(`${digits || '0'}.${frac || '0'}e${exp}`) * scale;
}

/** Compiles an Excel (PCRE2) pattern as a JavaScript RegExp, or says why it cannot. */
function compile(fn: string, pattern: string, insensitive: boolean, global: boolean): RegExp | CellError {
  let p = pattern;
  let flags = global ? 'g' : '';
  if (p.startsWith('(?i)')) {
    p = p.slice(4);
    insensitive = true;
  }
  if (insensitive) flags += 'i';
  const unsupported = /\(\?>|\\[AZzGK]|\(\?[a-zA-Z]+\)|\(\?\(|\(\?R\)|[*+?}]\+/.exec(p);
  if (unsupported) return err(ErrorType.VALUE, `${fn}: "${unsupported[0]}" in the pattern is PCRE2 syntax this engine's regular expressions (JavaScript's) do not have.`);
  try {
    return new RegExp(p, flags + 'u');
  } catch {
    try {
      return new RegExp(p, flags);
    } catch (e) {
      return err(ErrorType.VALUE, `${fn}: the pattern ${JSON.stringify(pattern)} is not a valid regular expression (${e instanceof Error ? e.message : e}).`);
    }
  }
}

/** The code Excel shows for an error (#ERROR! carrying an Excel code, as #NULL! and #CALC! do, is that code). */
function errorText(e: CellError): string {
  const code = excelErrorCode(e);
  return code === '#ERROR!' ? '#VALUE!' : code;
}

/** A value as VALUETOTEXT and ARRAYTOTEXT write it: strict puts text in quotes (doubling quotes inside). */
function valueText(v: Cell, strict: boolean): string {
  if (v instanceof CellError) return errorText(v);
  if (strict && typeof v === 'string') return `"${v.replace(/"/g, '""')}"`;
  return textOf(v);
}

/** The format argument of VALUETOTEXT/ARRAYTOTEXT: 0 (concise, the default) or 1 (strict), truncated. */
function formatArg(v: Cell, fn: string): boolean | CellError {
  if (v === undefined) return false;
  const n = numberArg(v, fn, 'format');
  if (n instanceof CellError) return n;
  const k = Math.trunc(n);
  if (k !== 0 && k !== 1) return err(ErrorType.VALUE, `${fn}: format must be 0 (concise) or 1 (strict), got ${n}.`);
  return k === 1;
}

const THAI_DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const THAI_PLACES = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'];

/** Thai words for a whole number below a million (empty for 0): 1 in the tens is สิบ, 2 ยี่สิบ, a final 1 after others เอ็ด. */
function thaiGroup(n: number): string {
  const digits = String(n).split('').map(Number);
  let out = '';
  digits.forEach((d, i) => {
    const place = digits.length - 1 - i;
    if (d === 0) return;
    if (place === 1 && d === 1) out += 'สิบ';
    else if (place === 1 && d === 2) out += 'ยี่สิบ';
    else if (place === 0 && d === 1 && n > 1) out += 'เอ็ด';
    else out += THAI_DIGITS[d] + THAI_PLACES[place];
  });
  return out;
}

/** Thai words for a whole number, millions by ล้าน. */
function thaiNumber(n: number): string {
  if (n < 1e6) return thaiGroup(n);
  const high = Math.floor(n / 1e6);
  return thaiNumber(high) + 'ล้าน' + thaiGroup(n - high * 1e6);
}

/** BAHTTEXT: the amount rounded to satang, in words. */
function bahtText(n: number): string {
  const neg = n < 0;
  const total = Math.round(Number((Math.abs(n) * 100).toPrecision(15)));
  const baht = Math.floor(total / 100);
  const satang = total % 100;
  let out = neg ? 'ลบ' : '';
  if (baht === 0 && satang === 0) return out + 'ศูนย์บาทถ้วน';
  if (baht > 0) out += thaiNumber(baht) + 'บาท';
  out += satang === 0 ? 'ถ้วน' : thaiGroup(satang) + 'สตางค์';
  return out;
}

export class TextPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    TEXT: { method: 'text', parameters: [value, value] },
    VALUE: { method: 'value', parameters: [value] },
    NUMBERVALUE: { method: 'numbervalue', parameters: [value, valueOpt, valueOpt] },
    DOLLAR: { method: 'dollar', parameters: [value, valueOpt] },
    FIXED: { method: 'fixed', parameters: [value, valueOpt, valueOpt] },
    EXACT: { method: 'exact', parameters: [value, value] },
    FIND: { method: 'find', parameters: [value, value, valueOpt] },
    SEARCH: { method: 'search', parameters: [value, value, valueOpt] },
    CHAR: { method: 'char', parameters: [value] },
    CODE: { method: 'code', parameters: [value] },
    SUBSTITUTE: { method: 'substitute', parameters: [value, value, value, valueOpt] },
    LEN: { method: 'len', parameters: [value] },
    LEFT: { method: 'left', parameters: [value, valueOpt] },
    RIGHT: { method: 'right', parameters: [value, valueOpt] },
    MID: { method: 'mid', parameters: [value, value, value] },
    REPLACE: { method: 'replace', parameters: [value, value, value, value] },
    LOWER: { method: 'lower', parameters: [value] },
    UPPER: { method: 'upper', parameters: [value] },
    PROPER: { method: 'proper', parameters: [value] },
    TRIM: { method: 'trim', parameters: [value] },
    CLEAN: { method: 'clean', parameters: [value] },
    REPT: { method: 'rept', parameters: [value, value] },
    CONCATENATE: { method: 'concatenate', parameters: [value], repeatLastArgs: 1 },
    T: { method: 't', parameters: [{ argumentType: A.ANY }] },
    LENB: { method: 'lenb', parameters: [value] },
    LEFTB: { method: 'leftb', parameters: [value, valueOpt] },
    RIGHTB: { method: 'rightb', parameters: [value, valueOpt] },
    MIDB: { method: 'midb', parameters: [value, value, value] },
    REPLACEB: { method: 'replaceb', parameters: [value, value, value, value] },
    FINDB: { method: 'findb', parameters: [value, value, valueOpt] },
    SEARCHB: { method: 'searchb', parameters: [value, value, valueOpt] },
    ASC: { method: 'asc', parameters: [value] },
    BAHTTEXT: { method: 'bahttext', parameters: [value] },
    VALUETOTEXT: { method: 'valuetotext', parameters: [{ argumentType: A.SCALAR }, valueOpt] },
    ARRAYTOTEXT: { method: 'arraytotext', parameters: [{ argumentType: A.ANY }, valueOpt] },
    REGEXTEST: { method: 'regextest', parameters: [value, value, valueOpt] },
    REGEXREPLACE: { method: 'regexreplace', parameters: [value, value, value, valueOpt, valueOpt] },
    REGEXEXTRACT: { method: 'regexextract', sizeOfResultArrayMethod: 'regexextractSize', parameters: [value, value, valueOpt, valueOpt] },
  };

  // ---- number formats ----------------------------------------------------

  /** TEXT(value, format_text): a number (or text that reads as one) shown in an Excel number format. */
  text(ast: Call, state: State): unknown {
    return this.run('TEXT', ast, state, (v: Cell, f: Cell) => {
      const pattern = textOf(f);
      let x: number | string | boolean;
      if (isEmpty(v)) x = 0;
      else if (typeof v === 'boolean') x = v;
      else if (typeof v === 'string') x = parseNumberText(v) ?? v;
      else x = rawNumber(v) ?? String(v);
      // numfmt counts serials in the 1900 system: a 1904-system book's date serial shows its day 1462 days later.
      if (typeof x === 'number' && this.config.nullDate.year === 1904 && showsCalendarDate(pattern)) x += 1462;
      const out = formatValue(x, pattern);
      return out instanceof FormatError ? err(ErrorType.VALUE, `TEXT: ${out.message}`) : out;
    });
  }

  /** VALUE(text): the number text shows (a number, percent, currency, date or time); a blank is 0. */
  value(ast: Call, state: State): unknown {
    if (ast.args.length > 1) return llmHint('VALUE', ErrorType.NA, `Excel's VALUE takes one argument (text to read as a number), not ${ast.args.length}.`);
    return this.run('VALUE', ast, state, (v: Cell) => {
      if (isEmpty(v)) return 0;
      const n = rawNumber(v);
      if (n !== undefined) return n;
      if (typeof v === 'string') {
        const p = parseNumberText(v);
        if (p !== undefined) return p;
      }
      return err(ErrorType.VALUE, `VALUE: ${JSON.stringify(v)} does not read as a number, date or time.`);
    });
  }

  /** NUMBERVALUE(text, [decimal_separator], [group_separator]): a number written with the given separators (the first character of each). */
  numbervalue(ast: Call, state: State): unknown {
    return this.run('NUMBERVALUE', ast, state, (v: Cell, d: Cell, g: Cell) => {
      const dec = d === undefined ? '.' : textOf(d).charAt(0);
      if (dec === '') return err(ErrorType.VALUE, 'NUMBERVALUE: decimal_separator is empty.');
      let grp: string;
      if (g === undefined) grp = dec === ',' ? '.' : ',';
      else {
        grp = textOf(g).charAt(0);
        if (grp === '') return err(ErrorType.VALUE, 'NUMBERVALUE: group_separator is empty.');
        if (grp === dec) return err(ErrorType.VALUE, `NUMBERVALUE: the group separator "${grp}" is also the decimal separator.`);
      }
      if (isEmpty(v)) return 0;
      if (typeof v === 'boolean') return err(ErrorType.VALUE, 'NUMBERVALUE: text must be text or a number, not TRUE or FALSE.');
      const n = rawNumber(v);
      if (n !== undefined) return n;
      const out = numberValueOf(textOf(v), dec, grp);
      return out === undefined ? err(ErrorType.VALUE, `NUMBERVALUE: ${JSON.stringify(textOf(v))} is not a number with "${dec}" for decimals and "${grp}" for groups.`) : out;
    });
  }

  /** DOLLAR(number, [decimals]): the number rounded and shown as currency, $#,##0.00 with negatives in parentheses. */
  dollar(ast: Call, state: State): unknown {
    return this.run('DOLLAR', ast, state, (v: Cell, d: Cell) => {
      const n = numberArg(v, 'DOLLAR', 'number');
      if (n instanceof CellError) return n;
      const dd = d === undefined ? 2 : numberArg(d, 'DOLLAR', 'decimals');
      if (dd instanceof CellError) return dd;
      const digits = Math.trunc(dd);
      if (digits > 127) return err(ErrorType.VALUE, 'DOLLAR: decimals must be at most 127.');
      const r = roundHalfAway(n, digits);
      const body = `$#,##0${digits > 0 ? '.' + '0'.repeat(digits) : ''}`;
      const out = formatValue(r, `${body};(${body})`);
      return out instanceof FormatError ? err(ErrorType.VALUE, `DOLLAR: ${out.message}`) : out;
    });
  }

  /** FIXED(number, [decimals], [no_commas]): the number rounded to a fixed number of decimals, as text. */
  fixed(ast: Call, state: State): unknown {
    return this.run('FIXED', ast, state, (v: Cell, d: Cell, c: Cell) => {
      const n = numberArg(v, 'FIXED', 'number');
      if (n instanceof CellError) return n;
      const dd = d === undefined ? 2 : numberArg(d, 'FIXED', 'decimals');
      if (dd instanceof CellError) return dd;
      const noCommas = c === undefined ? false : toBool(c, 'FIXED', 'no_commas');
      if (noCommas instanceof CellError) return noCommas;
      const digits = Math.trunc(dd);
      if (digits > 127) return err(ErrorType.VALUE, 'FIXED: decimals must be at most 127.');
      const r = roundHalfAway(n, digits);
      const body = `${noCommas ? '0' : '#,##0'}${digits > 0 ? '.' + '0'.repeat(digits) : ''}`;
      const out = formatValue(r, `${body};-${body}`);
      return out instanceof FormatError ? err(ErrorType.VALUE, `FIXED: ${out.message}`) : out;
    });
  }

  // ---- comparing and replacing -------------------------------------------

  /** EXACT(text1, text2): the two values' texts are the same, case included (numbers as Excel shows them: 15 significant digits). */
  exact(ast: Call, state: State): unknown {
    return this.run('EXACT', ast, state, (a: Cell, b: Cell) => textOf(a) === textOf(b));
  }

  /** SUBSTITUTE(text, old_text, new_text, [instance_num]): every occurrence, or only the instance_num-th; an empty old_text changes nothing. */
  substitute(ast: Call, state: State): unknown {
    return this.run('SUBSTITUTE', ast, state, (t: Cell, o: Cell, n: Cell, i: Cell) => {
      const s = textOf(t);
      const old = textOf(o);
      const rep = textOf(n);
      let inst: number | undefined;
      if (i !== undefined) {
        // Excel takes no logical for instance_num (the formulas grid: SUBSTITUTE(…, TRUE) is #VALUE!).
        if (typeof i === 'boolean') return err(ErrorType.VALUE, 'SUBSTITUTE: instance_num must be a number, not TRUE or FALSE.');
        const k = numberArg(i, 'SUBSTITUTE', 'instance_num');
        if (k instanceof CellError) return k;
        inst = Math.trunc(k);
        if (inst < 1) return err(ErrorType.VALUE, `SUBSTITUTE: instance_num must be 1 or more, got ${k}.`);
      }
      if (old === '') return s;
      if (inst === undefined) return s.split(old).join(rep);
      let at = -1;
      for (let k = 0; k < inst; k++) {
        at = s.indexOf(old, at < 0 ? 0 : at + old.length);
        if (at < 0) return s;
      }
      return s.slice(0, at) + rep + s.slice(at + old.length);
    });
  }

  /** FIND and SEARCH: the 1-based position of find_text in within_text from start_num (truncated), #VALUE! when absent. */
  private position(fn: 'FIND' | 'SEARCH' | 'FINDB' | 'SEARCHB', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (f: Cell, w: Cell, st: Cell) => {
      const find = textOf(f);
      const within = textOf(w);
      const start = st === undefined ? 1 : numberArg(st, fn, 'start_num');
      if (start instanceof CellError) return start;
      const from = Math.trunc(start);
      if (from < 1 || from > within.length + (find === '' ? 1 : 0)) return err(ErrorType.VALUE, `${fn}: start_num ${start} is outside the text (1 to ${within.length}).`);
      let at: number;
      if (fn.startsWith('FIND')) at = within.indexOf(find, from - 1);
      else {
        const m = new RegExp(wildcardSource(find), 'i').exec(within.slice(from - 1));
        at = m ? m.index + from - 1 : -1;
      }
      return at < 0 ? err(ErrorType.VALUE, `${fn}: ${JSON.stringify(find)} is not in ${JSON.stringify(within)}${from > 1 ? ` from position ${from}` : ''}.`) : at + 1;
    });
  }

  /** FIND(find_text, within_text, [start_num]): case-sensitive, no wildcards. */
  find(ast: Call, state: State): unknown {
    return this.position('FIND', ast, state);
  }

  /** SEARCH(find_text, within_text, [start_num]): without regard to case; ? and * are wildcards, ~ escapes them. */
  search(ast: Call, state: State): unknown {
    return this.position('SEARCH', ast, state);
  }

  /** CHAR(number): the character with code 1–255 in the workbook's character set (Windows-1252, or Mac Roman for a Mac-saved book: charset.ts). */
  char(ast: Call, state: State): unknown {
    return this.run('CHAR', ast, state, (v: Cell) => {
      const n = numberArg(v, 'CHAR', 'number');
      if (n instanceof CellError) return n;
      const code = Math.trunc(n);
      if (code < 1 || code > 255) return err(ErrorType.VALUE, `CHAR: number must be from 1 to 255, got ${n}.`);
      return charOf(code);
    });
  }

  /** CODE(text): the code of text's first character in the workbook's character set (63, "?", for a character the set lacks). */
  code(ast: Call, state: State): unknown {
    return this.run('CODE', ast, state, (v: Cell) => {
      const s = textOf(v);
      if (s === '') return err(ErrorType.VALUE, 'CODE: the text is empty.');
      return codeOf(String.fromCodePoint(s.codePointAt(0)!)) ?? 63;
    });
  }

  // ---- characters of a text -------------------------------------------
  // A number is read as Excel writes it (15 significant digits: LEN(1/3) is 17, LEFT(1E+21,2) "1E"), which
  // HyperFormula's own versions did not (JavaScript's "0.3333333333333333"). The byte versions (LENB …) are
  // the same functions here: Excel counts two bytes a character only where a double-byte language (Japanese,
  // Chinese, Korean) is the default, and the engine follows en-US (LENB("山田太郎ciao") is 8).

  /** A character count argument: truncated, #VALUE! below 0. */
  private static count(v: Cell, fn: string, what: string): number | CellError {
    const n = numberArg(v, fn, what);
    if (n instanceof CellError) return n;
    return n < 0 ? err(ErrorType.VALUE, `${fn}: ${what} must not be negative, got ${n}.`) : Math.trunc(n);
  }

  /** A start position argument: truncated, #VALUE! below 1. */
  private static start(v: Cell, fn: string): number | CellError {
    const n = numberArg(v, fn, 'start_num');
    if (n instanceof CellError) return n;
    return n < 1 ? err(ErrorType.VALUE, `${fn}: start_num must be 1 or more, got ${n}.`) : Math.trunc(n);
  }

  /** LEN(text): the number of characters. */
  private lengthOf(fn: string, ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell) => textOf(t).length);
  }

  /** LEFT(text, [num_chars]): the first characters. */
  private leftOf(fn: string, ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell, n: Cell) => {
      const k = n === undefined ? 1 : TextPlugin.count(n, fn, 'num_chars');
      return k instanceof CellError ? k : textOf(t).slice(0, k);
    });
  }

  /** RIGHT(text, [num_chars]): the last characters. */
  private rightOf(fn: string, ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell, n: Cell) => {
      const k = n === undefined ? 1 : TextPlugin.count(n, fn, 'num_chars');
      if (k instanceof CellError) return k;
      const s = textOf(t);
      return k === 0 ? '' : s.slice(Math.max(0, s.length - k));
    });
  }

  /** MID(text, start_num, num_chars): the characters from start_num. */
  private midOf(fn: string, ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell, st: Cell, n: Cell) => {
      const from = TextPlugin.start(st, fn);
      if (from instanceof CellError) return from;
      const k = TextPlugin.count(n, fn, 'num_chars');
      return k instanceof CellError ? k : textOf(t).slice(from - 1, from - 1 + k);
    });
  }

  /** REPLACE(old_text, start_num, num_chars, new_text): num_chars characters from start_num replaced. */
  private replaceIn(fn: string, ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell, st: Cell, n: Cell, r: Cell) => {
      const from = TextPlugin.start(st, fn);
      if (from instanceof CellError) return from;
      const k = TextPlugin.count(n, fn, 'num_chars');
      if (k instanceof CellError) return k;
      const s = textOf(t);
      return s.slice(0, from - 1) + textOf(r) + s.slice(from - 1 + k);
    });
  }

  len(ast: Call, state: State): unknown {
    return this.lengthOf('LEN', ast, state);
  }
  lenb(ast: Call, state: State): unknown {
    return this.lengthOf('LENB', ast, state);
  }
  left(ast: Call, state: State): unknown {
    return this.leftOf('LEFT', ast, state);
  }
  leftb(ast: Call, state: State): unknown {
    return this.leftOf('LEFTB', ast, state);
  }
  right(ast: Call, state: State): unknown {
    return this.rightOf('RIGHT', ast, state);
  }
  rightb(ast: Call, state: State): unknown {
    return this.rightOf('RIGHTB', ast, state);
  }
  mid(ast: Call, state: State): unknown {
    return this.midOf('MID', ast, state);
  }
  midb(ast: Call, state: State): unknown {
    return this.midOf('MIDB', ast, state);
  }
  replace(ast: Call, state: State): unknown {
    return this.replaceIn('REPLACE', ast, state);
  }
  replaceb(ast: Call, state: State): unknown {
    return this.replaceIn('REPLACEB', ast, state);
  }

  /** LOWER(text), UPPER(text). */
  lower(ast: Call, state: State): unknown {
    return this.run('LOWER', ast, state, (t: Cell) => textOf(t).toLowerCase());
  }
  upper(ast: Call, state: State): unknown {
    return this.run('UPPER', ast, state, (t: Cell) => textOf(t).toUpperCase());
  }

  /** PROPER(text): the first letter of each run of letters in capitals, the others in small letters. */
  proper(ast: Call, state: State): unknown {
    return this.run('PROPER', ast, state, (t: Cell) => textOf(t).replace(/\p{L}+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()));
  }

  /** TRIM(text): spaces (character 32) removed at both ends, runs inside cut to one. */
  trim(ast: Call, state: State): unknown {
    return this.run('TRIM', ast, state, (t: Cell) => textOf(t).replace(/^ +| +$/g, '').replace(/ {2,}/g, ' '));
  }

  /** CLEAN(text): the non-printing characters 0–31 removed. */
  clean(ast: Call, state: State): unknown {
    // eslint-disable-next-line no-control-regex
    return this.run('CLEAN', ast, state, (t: Cell) => textOf(t).replace(/[\u0000-\u001f]/g, ''));
  }

  /** REPT(text, number_times): the text repeated; #VALUE! past Excel's 32,767 characters. */
  rept(ast: Call, state: State): unknown {
    return this.run('REPT', ast, state, (t: Cell, n: Cell) => {
      const k = TextPlugin.count(n, 'REPT', 'number_times');
      if (k instanceof CellError) return k;
      const s = textOf(t);
      if (s.length * k > 32767) return err(ErrorType.VALUE, `REPT: the result would be ${s.length * k} characters; a cell holds at most 32,767.`);
      return s.repeat(k);
    });
  }

  /**
   * T(value): the value when it is text, "" otherwise, an error as it is. A
   * range is not taken cell by cell: T reads its first cell (the formulas
   * grid: T(I42:Q42) entered over four cells shows I42's text in each).
   */
  t(ast: Call, state: State): unknown {
    return this.run('T', ast, state, (v: Cell) => {
      const x = v instanceof SimpleRangeValue ? v.data[0]?.[0] : v;
      if (x instanceof CellError || typeof x === 'string') return x;
      return '';
    });
  }

  /** CONCATENATE(text1, …): the texts joined (a range gives one result per cell, as in Excel's dynamic arrays). */
  concatenate(ast: Call, state: State): unknown {
    return this.run('CONCATENATE', ast, state, (...parts: Cell[]) => {
      const out = parts.map((p) => textOf(p)).join('');
      return out.length > 32767 ? err(ErrorType.VALUE, 'CONCATENATE: the result is longer than 32,767 characters.') : out;
    });
  }

  /** FINDB: FIND (see above). */
  findb(ast: Call, state: State): unknown {
    return this.position('FINDB', ast, state);
  }

  /** SEARCHB: SEARCH (see above). */
  searchb(ast: Call, state: State): unknown {
    return this.position('SEARCHB', ast, state);
  }

  /** ASC(text): full-width (double-byte) letters, digits, signs and the ideographic space as their half-width forms. */
  asc(ast: Call, state: State): unknown {
    return this.run('ASC', ast, state, (t: Cell) =>
      textOf(t).replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))),
    );
  }

  /** BAHTTEXT(number): the number in Thai words with บาท (baht) and สตางค์ (satang), ถ้วน when there are no satang. */
  bahttext(ast: Call, state: State): unknown {
    return this.run('BAHTTEXT', ast, state, (v: Cell) => {
      const n = numberArg(v, 'BAHTTEXT', 'number');
      if (n instanceof CellError) return n;
      return bahtText(n);
    });
  }

  /** VALUETOTEXT(value, [format]): the value as text, concise (0) or strict (1: text in quotes); an error as its code. */
  valuetotext(ast: Call, state: State): unknown {
    return this.run('VALUETOTEXT', ast, state, (v: Cell, f: Cell) => {
      const strict = formatArg(f, 'VALUETOTEXT');
      if (strict instanceof CellError) return strict;
      return valueText(v, strict);
    });
  }

  /**
   * ARRAYTOTEXT(array, [format]): every value as text, concise (0: "a, 1, TRUE")
   * or strict (1: {"a",1;TRUE,2}, rows split by ;); errors as their codes.
   */
  arraytotext(ast: Call, state: State): unknown {
    return this.run('ARRAYTOTEXT', ast, state, (a: Cell, f: Cell) => {
      const strict = formatArg(f, 'ARRAYTOTEXT');
      if (strict instanceof CellError) return strict;
      if (!(a instanceof SimpleRangeValue) && isEmpty(a)) return err(ErrorType.VALUE, 'ARRAYTOTEXT: the array is a single blank cell.');
      const rows = a instanceof SimpleRangeValue ? (a.data as Cell[][]) : [[a]];
      if (!strict) return rows.flat().map((x) => valueText(x, false)).join(', ');
      return `{${rows.map((r) => r.map((x) => valueText(x, true)).join(',')).join(';')}}`;
    });
  }

  // ---- regular expressions -----------------------------------------------

  /** REGEXTEST(text, pattern, [case_sensitivity]): whether the pattern matches anywhere in the text. */
  regextest(ast: Call, state: State): unknown {
    return this.run('REGEXTEST', ast, state, (t: Cell, p: Cell, c: Cell) => {
      const ci = caseArg(c, 'REGEXTEST');
      if (ci instanceof CellError) return ci;
      const re = compile('REGEXTEST', textOf(p), ci, false);
      if (re instanceof CellError) return re;
      return re.test(textOf(t));
    });
  }

  /** REGEXREPLACE(text, pattern, replacement, [occurrence], [case_sensitivity]): every match (occurrence 0), or the n-th (negative: from the end), replaced. */
  regexreplace(ast: Call, state: State): unknown {
    return this.run('REGEXREPLACE', ast, state, (t: Cell, p: Cell, r: Cell, o: Cell, c: Cell) => {
      const occ = o === undefined ? 0 : numberArg(o, 'REGEXREPLACE', 'occurrence');
      if (occ instanceof CellError) return occ;
      const ci = caseArg(c, 'REGEXREPLACE');
      if (ci instanceof CellError) return ci;
      const re = compile('REGEXREPLACE', textOf(p), ci, true);
      if (re instanceof CellError) return re;
      const s = textOf(t);
      const rep = textOf(r);
      const n = Math.trunc(occ);
      if (n === 0) return s.replace(re, rep);
      const matches = [...s.matchAll(re)];
      const m = matches[n > 0 ? n - 1 : matches.length + n];
      if (!m || m.index === undefined) return s;
      const one = new RegExp(re.source, re.flags.replace('g', ''));
      return s.slice(0, m.index) + m[0].replace(one, rep) + s.slice(m.index + m[0].length);
    });
  }

  /**
   * REGEXEXTRACT(text, pattern, [return_mode], [case_sensitivity]): the first
   * match (mode 0), every match (1) or the first match's capture groups (2,
   * #N/A for a group that took no part, #VALUE! when there is none), the last
   * two as a row; no match is #N/A. Over arrays of texts or modes, each
   * element takes the first value of its own result, as Excel's nested arrays do.
   */
  regexextract(ast: Call, state: State): unknown {
    const lifted = [0, 1, 2, 3].some((i) => {
      const s = this.size(ast.args[i], state);
      return s.h * s.w > 1;
    });
    return this.run('REGEXEXTRACT', ast, state, (t: Cell, p: Cell, m: Cell, c: Cell) => {
      const mode = m === undefined ? 0 : numberArg(m, 'REGEXEXTRACT', 'return_mode');
      if (mode instanceof CellError) return mode;
      const ci = caseArg(c, 'REGEXEXTRACT');
      if (ci instanceof CellError) return ci;
      const k = Math.trunc(mode);
      if (![0, 1, 2].includes(k)) return err(ErrorType.VALUE, `REGEXEXTRACT: return_mode must be 0, 1 or 2, got ${mode}.`);
      const re = compile('REGEXEXTRACT', textOf(p), ci, true);
      if (re instanceof CellError) return re;
      const out = TextPlugin.extract(t, re, k);
      return lifted && out instanceof SimpleRangeValue ? out.data[0][0] : out;
    });
  }

  private static extract(t: Cell, re: RegExp, mode: number): Cell {
    if (t instanceof CellError) return t;
    const s = textOf(t);
    const matches = [...s.matchAll(re)];
    if (mode === 2 && matches.length > 0 && matches[0].length === 1) return err(ErrorType.VALUE, 'REGEXEXTRACT: return_mode 2 needs capture groups in the pattern.');
    if (matches.length === 0) return err(ErrorType.NA, 'REGEXEXTRACT: the pattern does not match the text.');
    if (mode === 0) return matches[0][0];
    const row: Cell[] = mode === 1 ? matches.map((x) => x[0]) : matches[0].slice(1).map((g) => g ?? err(ErrorType.NA, 'REGEXEXTRACT: this capture group took no part in the match.'));
    return row.length === 1 ? row[0] : SimpleRangeValue.onlyValues([row] as never);
  }

  regexextractSize(ast: Call, state: State): ArraySize {
    const [t, p, m, c] = ast.args;
    const sizes = [t, p, m, c].map((x) => this.size(x, state));
    if (sizes.some((z) => z.h * z.w > 1)) return remember(ast, state, { h: Math.max(...sizes.map((z) => z.h)), w: Math.max(...sizes.map((z) => z.w)) });
    const mode = isOmitted(m) ? 0 : literalNumber(m);
    if (mode === 0) return remember(ast, state, { h: 1, w: 1 });
    if (t?.type === 'STRING' && p?.type === 'STRING' && mode !== undefined && (isOmitted(c) || literalNumber(c) !== undefined)) {
      const re = compile('REGEXEXTRACT', String(p.value), !isOmitted(c) && literalNumber(c) === 1, true);
      if (!(re instanceof CellError)) {
        const out = TextPlugin.extract(String(t.value), re, mode);
        return remember(ast, state, out instanceof SimpleRangeValue ? { h: out.height(), w: out.width() } : { h: 1, w: 1 });
      }
    }
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }
}
