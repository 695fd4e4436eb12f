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
import { Cell, calcError, isEmpty, rawNumber, textOf } from './values';
import { formatValue, FormatError, parseNumberText } from './numberFormat';

type Call = { args: AnyAst[] };

const A = FunctionArgumentType;
const value = { argumentType: A.NOERROR };
const valueOpt = { argumentType: A.NOERROR, optionalArg: true };
const err = (type: ErrorType, message: string) => new CellError(type, message);

/** A number argument: blank 0, TRUE 1, text that reads as a number; anything else #VALUE! naming the argument. */
function numberArg(v: Cell, fn: string, what: string): number | CellError {
  if (v instanceof CellError) return v;
  if (isEmpty(v)) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = rawNumber(v) ?? (typeof v === 'string' ? parseNumberText(v) : undefined);
  if (n === undefined) return err(ErrorType.VALUE, `${fn}: ${what} must be a number, got ${JSON.stringify(v)}.`);
  return n;
}

function boolArg(v: Cell, fn: string, what: string): boolean | CellError {
  if (v instanceof CellError) return v;
  if (isEmpty(v)) return false;
  if (typeof v === 'boolean') return v;
  const n = rawNumber(v);
  if (n !== undefined) return n !== 0;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return /^true$/i.test(v);
  return err(ErrorType.VALUE, `${fn}: ${what} must be TRUE or FALSE, got ${JSON.stringify(v)}.`);
}

/** Rounds half away from zero to `digits` places (negative: to tens, hundreds…), as Excel's ROUND. */
function roundHalfAway(n: number, digits: number): number {
  const f = 10 ** Math.abs(digits);
  const x = digits >= 0 ? Math.abs(n) * f : Math.abs(n) / f;
  const r = Math.round(Number(x.toPrecision(15)));
  return Math.sign(n) * (digits >= 0 ? r / f : r * f);
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

/** Each element of a range argument through `f` (a range of results), or `f` of a single value. */
function each(v: Cell, f: (x: Cell) => Cell): Cell {
  if (!(v instanceof SimpleRangeValue)) return f(v);
  const out = v.data.map((row) => row.map((x) => f(x)));
  if (out.length === 1 && out[0].length === 1) return out[0][0];
  return SimpleRangeValue.onlyValues(out as never);
}

export class TextPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    TEXT: { method: 'text', parameters: [value, value] },
    VALUE: { method: 'value', parameters: [value] },
    NUMBERVALUE: { method: 'numbervalue', parameters: [value, valueOpt, valueOpt] },
    DOLLAR: { method: 'dollar', parameters: [value, valueOpt] },
    FIXED: { method: 'fixed', parameters: [value, valueOpt, valueOpt] },
    EXACT: { method: 'exact', parameters: [value, value] },
    SUBSTITUTE: { method: 'substitute', parameters: [value, value, value, valueOpt] },
    REGEXTEST: { method: 'regextest', parameters: [value, value, valueOpt] },
    REGEXREPLACE: { method: 'regexreplace', parameters: [value, value, value, valueOpt, valueOpt] },
    REGEXEXTRACT: {
      method: 'regexextract',
      sizeOfResultArrayMethod: 'regexextractSize',
      vectorizationForbidden: true,
      parameters: [{ argumentType: A.ANY }, value, valueOpt, valueOpt],
    },
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
      const out = formatValue(x, pattern);
      return out instanceof FormatError ? err(ErrorType.VALUE, `TEXT: ${out.message}`) : out;
    });
  }

  /** VALUE(text): the number text shows (a number, percent, currency, date or time); a blank is 0. */
  value(ast: Call, state: State): unknown {
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

  /** NUMBERVALUE(text, [decimal_separator], [group_separator]): a number written with the given separators. */
  numbervalue(ast: Call, state: State): unknown {
    return this.run('NUMBERVALUE', ast, state, (v: Cell, d: Cell, g: Cell) => {
      const dec = d === undefined ? '.' : textOf(d).charAt(0);
      const grp = g === undefined ? ',' : textOf(g).charAt(0);
      if (dec === '' || (grp !== '' && dec === grp)) return err(ErrorType.VALUE, 'NUMBERVALUE: the decimal separator must be one character, different from the group separator.');
      if (isEmpty(v)) return 0;
      const n = rawNumber(v);
      if (n !== undefined) return n;
      let s = textOf(v).replace(/\s+/g, '');
      if (s === '') return 0;
      let percents = 0;
      while (s.endsWith('%')) {
        percents++;
        s = s.slice(0, -1);
      }
      const at = s.indexOf(dec);
      if (at >= 0 && s.indexOf(dec, at + 1) >= 0) return err(ErrorType.VALUE, `NUMBERVALUE: ${JSON.stringify(textOf(v))} has more than one decimal separator.`);
      const intPart = at >= 0 ? s.slice(0, at) : s;
      const fracPart = at >= 0 ? s.slice(at + 1) : '';
      if (grp !== '' && fracPart.includes(grp)) return err(ErrorType.VALUE, `NUMBERVALUE: ${JSON.stringify(textOf(v))} has a group separator after the decimal separator.`);
      const plain = (grp !== '' ? intPart.split(grp).join('') : intPart) + (at >= 0 ? '.' + fracPart : '');
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) return err(ErrorType.VALUE, `NUMBERVALUE: ${JSON.stringify(textOf(v))} is not a number with "${dec}" for decimals and "${grp}" for groups.`);
      return Number(plain) / 100 ** percents;
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
      const noCommas = c === undefined ? false : boolArg(c, 'FIXED', 'no_commas');
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

  // ---- regular expressions -----------------------------------------------

  /** REGEXTEST(text, pattern, [case_sensitivity]): whether the pattern matches anywhere in the text. */
  regextest(ast: Call, state: State): unknown {
    return this.run('REGEXTEST', ast, state, (t: Cell, p: Cell, c: Cell) => {
      const ci = c === undefined ? 0 : numberArg(c, 'REGEXTEST', 'case_sensitivity');
      if (ci instanceof CellError) return ci;
      const re = compile('REGEXTEST', textOf(p), ci === 1, false);
      if (re instanceof CellError) return re;
      return re.test(textOf(t));
    });
  }

  /** REGEXREPLACE(text, pattern, replacement, [occurrence], [case_sensitivity]): every match (occurrence 0), or the n-th (negative: from the end), replaced. */
  regexreplace(ast: Call, state: State): unknown {
    return this.run('REGEXREPLACE', ast, state, (t: Cell, p: Cell, r: Cell, o: Cell, c: Cell) => {
      const occ = o === undefined ? 0 : numberArg(o, 'REGEXREPLACE', 'occurrence');
      if (occ instanceof CellError) return occ;
      const ci = c === undefined ? 0 : numberArg(c, 'REGEXREPLACE', 'case_sensitivity');
      if (ci instanceof CellError) return ci;
      const re = compile('REGEXREPLACE', textOf(p), ci === 1, true);
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
   * match (mode 0), every match (1) or the first match's capture groups (2),
   * the last two as a row; no match is #N/A.
   */
  regexextract(ast: Call, state: State): unknown {
    return this.run('REGEXEXTRACT', ast, state, (t: Cell, p: Cell, m: Cell, c: Cell) => {
      const mode = m === undefined ? 0 : numberArg(m, 'REGEXEXTRACT', 'return_mode');
      if (mode instanceof CellError) return mode;
      const ci = c === undefined ? 0 : numberArg(c, 'REGEXEXTRACT', 'case_sensitivity');
      if (ci instanceof CellError) return ci;
      if (![0, 1, 2].includes(Math.trunc(mode))) return err(ErrorType.VALUE, `REGEXEXTRACT: return_mode must be 0, 1 or 2, got ${mode}.`);
      const re = compile('REGEXEXTRACT', textOf(p), ci === 1, true);
      if (re instanceof CellError) return re;
      if (t instanceof SimpleRangeValue && Math.trunc(mode) !== 0 && (t.width() > 1 || t.height() > 1))
        return calcError('REGEXEXTRACT: return_mode 1 and 2 give an array for each text; a range of texts would nest arrays.');
      return each(t, (x) => TextPlugin.extract(x, re, Math.trunc(mode)));
    });
  }

  private static extract(t: Cell, re: RegExp, mode: number): Cell {
    if (t instanceof CellError) return t;
    const s = textOf(t);
    const matches = [...s.matchAll(re)];
    if (matches.length === 0) return err(ErrorType.NA, 'REGEXEXTRACT: the pattern does not match the text.');
    if (mode === 0) return matches[0][0];
    const row = mode === 1 ? matches.map((x) => x[0]) : matches[0].slice(1).map((g) => g ?? '');
    if (row.length === 0) return err(ErrorType.NA, 'REGEXEXTRACT: the pattern has no capture groups (return_mode 2).');
    return row.length === 1 ? row[0] : SimpleRangeValue.onlyValues([row] as never);
  }

  regexextractSize(ast: Call, state: State): ArraySize {
    const [t, p, m, c] = ast.args;
    const mode = isOmitted(m) ? 0 : literalNumber(m);
    if (mode === 0) {
      const s = this.size(t, state);
      return remember(ast, state, s);
    }
    if (t?.type === 'STRING' && p?.type === 'STRING' && mode !== undefined && (isOmitted(c) || literalNumber(c) !== undefined)) {
      const re = compile('REGEXEXTRACT', String(p.value), !isOmitted(c) && literalNumber(c) === 1, true);
      if (!(re instanceof CellError)) {
        const out = TextPlugin.extract(String(t.value), re, mode);
        if (out instanceof SimpleRangeValue) return remember(ast, state, { h: out.height(), w: out.width() });
        return remember(ast, state, { h: 1, w: 1 });
      }
    }
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }
}
