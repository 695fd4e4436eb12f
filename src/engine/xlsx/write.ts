/**
 * `calc --out`: the workbook Excel wrote, with only cached values changed.
 * Each sheet's XML is patched in place — the `<v>` of a cell and its `t`
 * attribute — and every other byte of every part (formulas, shared formulas,
 * `cm` and xl/metadata.xml, names, styles, calcPr) is copied as it was.
 */
import { zipSync, Zippable } from 'fflate';
import { InflateBudget } from './limits';
import { Saved, XBook } from './read';
import { readBytes } from './zip';

export interface Patch {
  value: Saved;
  /** The formula's own cell (else a cell of its spill). */
  formula: boolean;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Characters XML 1.0 cannot carry, escaped the OOXML way.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);

const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!']);

/** True when Excel has an error of this name (the engine's own #CYCLE!, #ERROR!, #LIC! are not written). */
export const isExcelError = (v: Saved) => typeof v === 'string' && ERRORS.has(v);

/** The cell's new `t` (undefined: none) and content, or undefined when the value cannot be written. */
function encode(p: Patch, isError: boolean, prefix: string): { t?: string; body: string } | undefined {
  const v = p.value;
  if (v === null) return { body: '' };
  if (isError) return isExcelError(v) ? { t: 'e', body: `<${prefix}v>${esc(v as string)}</${prefix}v>` } : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? { body: `<${prefix}v>${String(v)}</${prefix}v>` } : undefined;
  if (typeof v === 'boolean') return { t: 'b', body: `<${prefix}v>${v ? 1 : 0}</${prefix}v>` };
  // Excel writes a formula's text result, and the text cells of a spill, as t="str".
  return { t: 'str', body: `<${prefix}v>${esc(v)}</${prefix}v>` };
}

function setAttr(tag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${name}="[^"]*"`);
  if (value === undefined) return tag.replace(re, '');
  if (re.test(tag)) return tag.replace(re, ` ${name}="${value}"`);
  return tag.replace(/>$/, ` ${name}="${value}">`);
}

/**
 * Rewrites the cached value of the listed cells (by A1 address) in one
 * sheet's XML. `errors` names the cells whose value is an error code.
 * Cells absent from the XML are left absent.
 */
export function patchSheetXml(xml: string, patches: Map<string, Patch>, errors: Set<string>): string {
  if (patches.size === 0) return xml;
  const out: string[] = [];
  let last = 0;
  const cellStart = /<((?:[A-Za-z_][\w.-]*:)?)c(\s[^>]*?)?(\/?)>/g;
  for (let m = cellStart.exec(xml); m; m = cellStart.exec(xml)) {
    const [startTag, prefix, attrs = '', selfClosing] = m;
    const r = /\sr="([^"]+)"/.exec(attrs)?.[1];
    const start = m.index;
    let end = start + startTag.length;
    let inner = '';
    if (!selfClosing) {
      const close = xml.indexOf(`</${prefix}c>`, end);
      if (close < 0) break;
      inner = xml.slice(end, close);
      end = close + `</${prefix}c>`.length;
    }
    cellStart.lastIndex = end;
    const p = r === undefined ? undefined : patches.get(r);
    if (!p) continue;
    const enc = encode(p, errors.has(r!), prefix);
    if (!enc) continue;
    // Keep <f> and <extLst>; replace the value (<v> or <is>).
    const valueRe = new RegExp(`<${prefix}v\\s*/>|<${prefix}v(?:\\s[^>]*)?>[\\s\\S]*?</${prefix}v>|<${prefix}is(?:\\s[^>]*)?>[\\s\\S]*?</${prefix}is>|<${prefix}is\\s*/>`, 'g');
    const stripped = inner.replace(valueRe, '');
    const fEnd = new RegExp(`^[\\s\\S]*?(?:<${prefix}f(?:\\s[^>]*)?/>|</${prefix}f>)`).exec(stripped);
    const at = fEnd ? fEnd[0].length : 0;
    const body = stripped.slice(0, at) + enc.body + stripped.slice(at);
    let tag = setAttr(startTag.replace(/\/>$/, '>'), 't', enc.t);
    if (!body) tag = tag.replace(/>$/, '/>');
    out.push(xml.slice(last, start), tag, body ? `${body}</${prefix}c>` : '');
    last = end;
  }
  out.push(xml.slice(last));
  return out.join('');
}

/** The workbook with the patches applied (sheet name → address → patch); every other part copied unchanged. */
export function writeXlsx(book: XBook, patches: Map<string, Map<string, Patch>>, errors: Map<string, Set<string>>): Uint8Array {
  const budget = new InflateBudget(book.file, book.limits);
  const byPart = new Map(book.sheets.map((s) => [s.part, s.name]));
  const files: Zippable = {};
  const decoder = new TextDecoder();
  for (const [name, entry] of book.entries) {
    if (name.endsWith('/')) continue;
    const bytes = readBytes(book.data, entry, budget);
    const sheet = byPart.get(name);
    const p = sheet === undefined ? undefined : patches.get(sheet);
    files[name] = p && p.size ? new TextEncoder().encode(patchSheetXml(decoder.decode(bytes), p, errors.get(sheet!) ?? new Set())) : bytes;
  }
  return zipSync(files, { level: 6 });
}
