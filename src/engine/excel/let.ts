/**
 * LET as a formula rewrite: `LET(_xlpm.x, value, …, calculation)` becomes the
 * calculation with each use of a name replaced by `(value)`. This keeps
 * Excel's meaning because:
 *
 * - names are matched case-insensitively, with or without Excel's `_xlpm.`
 *   storage prefix, as whole identifiers only — never a function name
 *   (followed by "("), a sheet name (followed by "!") or a reference on
 *   another sheet (after "!");
 * - a LET name shadows a defined name or anything else of that name inside
 *   its LET, and an inner LET shadows an outer one, as in Excel: each value
 *   is rewritten with only the names defined before it;
 * - a LAMBDA parameter shadows a LET name inside the LAMBDA;
 * - values are pure: a value that calls a random function (RAND, RANDBETWEEN,
 *   RANDARRAY) and is used more than once would be drawn once per use, so
 *   that LET is left as it is (and reported as unsupported) rather than
 *   changed in meaning.
 *
 * A LET whose expansion would exceed MAX_EXPANDED characters, or that is
 * malformed, is also left as it is.
 */
import { closingQuote } from '../xlsx/refs';

export const MAX_EXPANDED = 100_000;
const RANDOM = /\b(RAND|RANDBETWEEN|RANDARRAY)\s*\(/i;
const IDENT_START = /[A-Za-z_\\\u0080-\uFFFF]/;
const IDENT_PART = /[A-Za-z0-9_.$\\\u0080-\uFFFF]/;

type Env = ReadonlyMap<string, string>;

class Unsupported extends Error {}

const norm = (name: string) => name.replace(/^_xlpm\./i, '').toLowerCase();

/** The end (exclusive) of a quoted run starting at i ("…" or '…', doubled quote escapes). */
const quoteEnd = (s: string, i: number): number => Math.min(closingQuote(s, i) + 1, s.length);

/** Splits the text after "LET(" into its top-level arguments; returns them and the index after ")". */
function splitArgs(s: string, start: number): [string[], number] {
  const args: string[] = [];
  let depth = 0;
  let cur = start;
  let i = start;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      i = quoteEnd(s, i);
      continue;
    }
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      if (depth === 0) {
        args.push(s.slice(cur, i));
        return [args, i + 1];
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(s.slice(cur, i));
      cur = i + 1;
    }
    i++;
  }
  throw new Unsupported('unbalanced parentheses');
}

function prevNonSpace(s: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && s[j] === ' ') j--;
  return j >= 0 ? s[j] : '';
}
function nextNonSpace(s: string, i: number): string {
  let j = i;
  while (j < s.length && s[j] === ' ') j++;
  return j < s.length ? s[j] : '';
}

function rewrite(s: string, env: Env): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      const j = quoteEnd(s, i);
      out += s.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '[') {
      // A structured reference's column names are not LET names.
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === '[') depth++;
        else if (s[j] === ']' && --depth === 0) break;
      }
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      // A number (and its exponent) is never a name.
      const m = /^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?/.exec(s.slice(i))!;
      out += m[0];
      i += m[0].length;
      continue;
    }
    if (IDENT_START.test(ch) || ch === '$') {
      let j = i + 1;
      while (j < s.length && IDENT_PART.test(s[j])) j++;
      const word = s.slice(i, j);
      const after = nextNonSpace(s, j);
      if (after === '(' && /^(_xlfn\.)?LET$/i.test(word)) {
        const open = s.indexOf('(', j);
        const [args, end] = splitArgs(s, open + 1);
        out += `(${expandLet(args, env)})`;
        i = end;
        continue;
      }
      if (after === '(' && /^(_xlfn\.)?LAMBDA$/i.test(word) && env.size) {
        // A LAMBDA's parameters shadow LET names of the same name inside its body.
        const open = s.indexOf('(', j);
        const [args, end] = splitArgs(s, open + 1);
        const inner = new Map(env);
        for (const p of args.slice(0, -1)) inner.delete(norm(p.trim()));
        const body = args.length ? rewrite(args[args.length - 1], inner) : '';
        out += `${word}(${[...args.slice(0, -1), body].join(',')})`;
        i = end;
        continue;
      }
      const value = env.get(norm(word));
      if (value !== undefined && after !== '(' && after !== '!' && prevNonSpace(s, i) !== '!' && !word.includes('$')) out += `(${value})`;
      else out += word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function countUses(s: string, name: string): number {
  let n = 0;
  const re = /[A-Za-z_\\\u0080-\uFFFF][A-Za-z0-9_.$\\\u0080-\uFFFF]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) if (norm(m[0]) === name) n++;
  return n;
}

function expandLet(args: string[], outer: Env): string {
  if (args.length < 3 || args.length % 2 === 0) throw new Unsupported('LET needs name, value pairs and a calculation');
  const env = new Map(outer);
  const calc = args[args.length - 1];
  for (let k = 0; k < args.length - 1; k += 2) {
    const raw = args[k].trim();
    if (!/^(_xlpm\.)?[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_.\u0080-\uFFFF]*$/i.test(raw)) throw new Unsupported(`bad LET name ${raw}`);
    const name = norm(raw);
    const value = rewrite(args[k + 1].trim(), env);
    if (RANDOM.test(value)) {
      const later = args.slice(k + 2).join(',');
      if (countUses(later, name) > 1) throw new Unsupported('random value used more than once');
    }
    env.set(name, value);
  }
  return rewrite(calc.trim(), env);
}

/**
 * The formula body (without "=") with every LET expanded, or the body
 * unchanged when a LET cannot be expanded without changing its meaning.
 */
export function expandLets(body: string): string {
  if (!/LET\s*\(/i.test(body)) return body;
  try {
    const out = rewrite(body, new Map());
    return out.length > MAX_EXPANDED ? body : out;
  } catch (e) {
    if (e instanceof Unsupported) return body;
    throw e;
  }
}
