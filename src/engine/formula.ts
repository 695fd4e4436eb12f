import { expandLets } from './excel/let';
import { mapCode } from './xlsx/refs';
import { arrayConstantBooleans } from './hf/internals';

/**
 * Formula text as Excel writes it, made readable by HyperFormula: Excel's
 * storage prefixes for newer and add-in functions are dropped (so
 * _xlfn.ANCHORARRAY and _xlfn.SINGLE reach the Excel-syntax plugin by name),
 * "1E9" becomes "1e9" (HyperFormula only reads a lower-case exponent), and
 * LET is expanded (excel/let.ts says why that keeps its meaning). Text inside
 * "strings" and 'sheet names' is left alone.
 */
export function toEngineFormula(formula: string): string {
  const body = formula.trim().replace(/^=/, '');
  const out = mapCode(body, (code) =>
    code
      .replace(/_xlfn\._xlws\./gi, '')
      .replace(/_xlfn\./gi, '')
      .replace(/_xldudf_LLM_([A-Z]+)/gi, 'LLM.$1')
      .replace(/(^|[^A-Za-z0-9_$.])(\d+(?:\.\d*)?|\.\d+)E([+-]?\d+)/g, '$1$2e$3'),
  );
  return `=${expandLets(arrayConstantBooleans(out))}`;
}
