/**
 * Plan stage, functions defined as names: in Excel a defined name whose value
 * is a LAMBDA (`week` = `LAMBDA(LEFT(TEXT(2+SEQUENCE(1,7,0),"ddd")))`,
 * `cal_month` = `LAMBDA(mo, LET(…))`) is called like a function, and such a
 * call is a call of that LAMBDA: its parameters bound to the arguments, its
 * body evaluated. HyperFormula cannot call a LAMBDA directly, so the call is
 * written as the LET that means the same — `NAME(a, b)` →
 * `LET(_xlpm.p, (a), _xlpm.q, (b), body)`, or `(body)` for a LAMBDA without
 * parameters — which formula.ts then expands (excel/let.ts). The arguments
 * are evaluated once each, as Excel does. A call with a different number of
 * arguments than parameters (Excel's #VALUE!), a workbook-scoped LAMBDA
 * hidden by a sheet's name, or a body with relative references (which Excel
 * reads relative to the calling cell) is left as it is, and stays
 * unsupported with the function named.
 */
import type { XName } from '../xlsx/read';
import { closingQuote } from '../xlsx/refs';

interface Lambda {
  params: string[];
  body: string;
}

/** Splits `s` (the text inside a call's parentheses) at its top-level commas ("strings" and 'quoted' names kept whole). */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      i = closingQuote(s, i);
    } else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      i = closingQuote(s, i);
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A defined name's text as a LAMBDA, or undefined when it is not one. */
export function lambdaOf(text: string): Lambda | undefined {
  const m = /^\s*(?:_xlfn\.)?LAMBDA\s*\(/i.exec(text);
  if (!m) return undefined;
  const open = m[0].length - 1;
  const end = closing(text, open);
  if (end < 0 || text.slice(end + 1).trim() !== '') return undefined;
  const parts = splitArgs(text.slice(open + 1, end));
  const params = parts.slice(0, -1).map((p) => p.trim());
  if (params.some((p) => !/^(?:_xlpm\.)?[A-Za-z_][A-Za-z0-9_.]*$/i.test(p))) return undefined;
  const body = parts[parts.length - 1];
  // A relative reference in a name is relative to the cell that uses it: not inlined.
  if (/(?<![A-Za-z0-9_.$])(?:\$?[A-Za-z]{1,3}\d|[A-Za-z]{1,3}\$\d)/.test(body.replace(/"(?:[^"]|"")*"/g, '""').replace(/_xlpm\.[A-Za-z0-9_.]+/gi, ''))) return undefined;
  return { params, body };
}

/** The workbook-scoped LAMBDA names, by upper-case name (sheet-scoped names of the same name hide them: not inlined). */
export function lambdaNames(names: readonly XName[]): Map<string, Lambda> {
  const out = new Map<string, Lambda>();
  const local = new Set(names.filter((n) => n.localSheetId !== undefined).map((n) => n.name.toUpperCase()));
  for (const n of names) {
    if (n.localSheetId !== undefined || local.has(n.name.toUpperCase())) continue;
    const l = lambdaOf(n.text);
    if (l) out.set(n.name.toUpperCase(), l);
  }
  return out;
}

const CALL = /(?<![A-Za-z0-9_.\\$!])([A-Za-z_\\][A-Za-z0-9_.\\]*)\s*\(/g;

/** Excel-form formula text with every call of a LAMBDA name written as the LET it means. */
export function inlineLambdaNames(formula: string, lambdas: ReadonlyMap<string, Lambda>, depth = 0): string {
  if (!lambdas.size || depth > 8) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      const j = closingQuote(formula, i);
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    CALL.lastIndex = i;
    const m = CALL.exec(formula);
    const quote = formula.slice(i).search(/["']/);
    const limit = quote < 0 ? formula.length : i + quote;
    if (!m || m.index >= limit) {
      out += formula.slice(i, limit);
      i = limit;
      continue;
    }
    const lambda = lambdas.get(m[1].toUpperCase());
    const open = m.index + m[0].length - 1;
    const end = lambda ? closing(formula, open) : -1;
    const inner = end < 0 ? '' : formula.slice(open + 1, end);
    const args = inner.trim() === '' ? [] : splitArgs(inner);
    if (!lambda || end < 0 || args.length !== lambda.params.length) {
      out += formula.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    const bound = args.map((a) => `(${inlineLambdaNames(a, lambdas, depth)})`);
    const body = inlineLambdaNames(lambda.body, lambdas, depth + 1);
    const bindings = lambda.params.map((p, k) => `${/^_xlpm\./i.test(p) ? p : `_xlpm.${p}`},${bound[k]}`);
    out += formula.slice(i, m.index) + (bindings.length ? `_xlfn.LET(${bindings.join(',')},${body})` : `(${body})`);
    i = end + 1;
  }
  return out;
}
