import { expandLets } from './excel/let';
import { closingQuote, mapCode } from './xlsx/refs';
import { arrayConstantBooleans } from './hf/internals';
import { FUNCTIONS } from '../core/catalog';

/**
 * Formula text as Excel writes it, made readable by HyperFormula: Excel's
 * storage prefixes for newer and add-in functions are dropped (so
 * _xlfn.ANCHORARRAY and _xlfn.SINGLE reach the Excel-syntax plugin by name),
 * "1E9" becomes "1e9" (HyperFormula only reads a lower-case exponent), and
 * LET is expanded (excel/let.ts says why that keeps its meaning), and a
 * string holding a quote (Excel's `""` escape) or a backslash is spelled so
 * HyperFormula's lexer reads it (`stringsForEngine`). Text inside "strings"
 * and 'sheet names' is otherwise left alone.
 */
export function toEngineFormula(formula: string): string {
  const body = formula.trim().replace(/^=/, '');
  const out = mapCode(body, (code) =>
    code
      .replace(/_xlfn\._xlws\./gi, '')
      .replace(/_xlfn\./gi, '')
      .replace(/_xldudf_LLM_([A-Z]+)/gi, 'LLM.$1')
      .replace(ZH_CALL, (_m, pre: string, zh: string) => `${pre}LLM.${ZH_NAMES.get(zh)}(`)
      .replace(/(^|[^A-Za-z0-9_$.])(\d+(?:\.\d*)?|\.\d+)E([+-]?\d+)/g, '$1$2e$3'),
  );
  return `=${stringsForEngine(expandLets(arrayConstantBooleans(out)))}`;
}

// The Chinese names of the LLM functions (functions.zh-CN.json's, from the catalog), as Excel shows them
// (LLM.词元调用量) or without the namespace: HyperFormula's lexer reads only Latin function names, so a
// call by a Chinese name becomes the same call by the English name.
const ZH_NAMES = new Map(FUNCTIONS.map((f) => [f.name_zh, f.name]));
const ZH_CALL = new RegExp(
  `(^|[^\\p{L}\\p{N}_.$])(?:LLM\\.)?(${[...ZH_NAMES.keys()].sort((a, b) => b.length - a.length).join('|')})\\s*\\(`,
  'giu',
);

/**
 * A formula with the LLM functions' Chinese names spelled in English
 * (`=LLM.词元调用量("xAI")` → `=LLM.TOKENS("xAI")`); text in quotes is left
 * alone. `createEngine` applies it to the formulas of the sheets it builds.
 */
export function englishFunctionNames(formula: string): string {
  if (!/[^\x00-\x7f]/.test(formula)) return formula;
  return mapCode(formula, (code) => code.replace(ZH_CALL, (_m, pre: string, zh: string) => `${pre}LLM.${ZH_NAMES.get(zh)}(`));
}

/** `englishFunctionNames` over every formula of a workbook's sheets (other cells as they are). */
export function sheetsWithEnglishFunctionNames<T extends Record<string, unknown[][]>>(sheets: T): T {
  const formula = (c: unknown) => (typeof c === 'string' && c.startsWith('=') ? englishFunctionNames(c) : c);
  return Object.fromEntries(Object.entries(sheets).map(([name, rows]) => [name, rows.map((r) => r.map(formula))])) as T;
}

/**
 * HyperFormula's string literal has no `""` escape (and takes a backslash as
 * one), so `"TEST""ABC"` does not parse and `"C:\"` runs on. Such a literal
 * becomes the same text built with CHAR: `("TEST"&CHAR(34)&"ABC")`. Every
 * other literal, and 'sheet names', are left as they are.
 */
export function stringsForEngine(body: string): string {
  if (!body.includes('""') && !body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch !== '"' && ch !== "'") {
      out += ch;
      i++;
      continue;
    }
    const j = closingQuote(body, i);
    const literal = body.slice(i, j + 1);
    i = j + 1;
    const value = ch === '"' ? literal.slice(1, -1).replace(/""/g, '"') : '';
    if (ch === "'" || !/["\\]/.test(value)) {
      out += literal;
      continue;
    }
    const parts = value
      .split(/(["\\])/)
      .filter((p) => p !== '')
      .map((p) => (p === '"' ? 'CHAR(34)' : p === '\\' ? 'CHAR(92)' : `"${p}"`));
    out += `(${parts.join('&')})`;
  }
  return out;
}
