/**
 * A raw .xlsx reader: the parts Excel writes (workbook, relationships, shared
 * strings, sheets) streamed through saxes, keeping only what recalculation
 * needs — each cell's saved value and formula. Shared formulas are expanded
 * (relative references moved), array formulas keep the range Excel spilled
 * them into, defined names keep their scope.
 */
import { SaxesParser, SaxesTagPlain } from 'saxes';
import { isoToSerial } from '../../core/dates';
import { DEFAULT_LIMITS, InflateBudget, LimitError, XlsxLimits } from './limits';
import { Range, parseCell, parseRange, shiftFormula, a1 } from './refs';
import { ZipEntry, ZipFormatError, inflateText, readText, readZipDirectory } from './zip';

export type Saved = number | string | boolean | null;

export interface XCell {
  row: number;
  col: number;
  /** The cached value Excel saved (errors as their text, "#N/A"); null when it saved none. */
  saved: Saved;
  /** The formula as stored (no "="), shared formulas expanded for this cell. */
  formula?: string;
  /** For `t="array"` formulas: the range Excel filled (its `ref`). */
  array?: Range;
  /** A cell of a shared formula (filled down or across): its group's id and first cell, which holds the formula. */
  shared?: { si: string; row: number; col: number };
  /** The array formula carries cell metadata (`cm`): a dynamic array that spills. */
  dynamic?: boolean;
  /** A text value (t="s", "str" or "inlineStr"): the engine must take it as text, never as a number or date. */
  text?: boolean;
}

export interface XSheet {
  name: string;
  /** Zip path of the sheet's XML part. */
  part: string;
  cells: XCell[];
}

export interface XName {
  name: string;
  /** Index into the workbook's sheets for a sheet-scoped name. */
  localSheetId?: number;
  /** The definition as stored: a range, a constant or a formula (no "="). */
  text: string;
}

export interface XBook {
  file: string;
  data: Uint8Array;
  entries: Map<string, ZipEntry>;
  sheets: XSheet[];
  /** Every sheet's name in workbook order, chart sheets included (what `localSheetId` counts). */
  sheetOrder: string[];
  names: XName[];
  date1904: boolean;
  limits: XlsxLimits;
}

export class XlsxError extends Error {
  override name = 'XlsxError';
}

/** An XML name without its namespace prefix. */
export const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** OOXML escapes characters XML cannot carry as _xHHHH_. */
export const unescapeX = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16))) : s);

interface Handlers {
  open?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

function parser(part: string, h: Handlers): SaxesParser {
  const p = new SaxesParser();
  if (h.open) p.on('opentag', h.open as (t: unknown) => void);
  if (h.text) {
    p.on('text', h.text);
    p.on('cdata', h.text);
  }
  if (h.close) p.on('closetag', (t) => h.close!(local(t.name)));
  p.on('error', (e) => {
    throw new XlsxError(`${part} is not well-formed XML (${e.message.split('\n')[0]})`);
  });
  return p;
}

/** A relationship's target as a part name, `from` being the part whose relationships name it. */
export function resolveTarget(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part (xl/worksheets/_rels/sheet1.xml.rels for xl/worksheets/sheet1.xml). */
export const relsOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

export function readXlsx(file: string, data: Uint8Array, limits: XlsxLimits = DEFAULT_LIMITS): XBook {
  let entries: Map<string, ZipEntry>;
  try {
    entries = readZipDirectory(data);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new XlsxError(`${file} is not a readable .xlsx workbook (${e.message})`);
    throw e;
  }
  const budget = new InflateBudget(file, limits);
  const text = (part: string): string | undefined => {
    const e = entries.get(part);
    return e ? readText(data, e, budget) : undefined;
  };
  const xml = (part: string, h: Handlers) => {
    const t = text(part);
    if (t === undefined) return false;
    parser(part, h).write(t).close();
    return true;
  };
  const rels = (part: string) => {
    const out = new Map<string, { type: string; target: string }>();
    xml(relsOf(part), {
      open: (t) => {
        if (local(t.name) === 'Relationship' && t.attributes.Id && t.attributes.Target && t.attributes.TargetMode !== 'External')
          out.set(t.attributes.Id, { type: t.attributes.Type ?? '', target: resolveTarget(part, t.attributes.Target) });
      },
    });
    return out;
  };

  const root = [...rels('').values()].find((r) => r.type.endsWith('/officeDocument'));
  const wbPart = root?.target ?? 'xl/workbook.xml';
  if (!entries.has(wbPart)) throw new XlsxError(`${file} is not a readable .xlsx workbook (no ${wbPart} in the zip)`);
  const wbRels = rels(wbPart);

  const sheetRefs: { name: string; rid: string }[] = [];
  const names: XName[] = [];
  let date1904 = false;
  let inName: XName | undefined;
  xml(wbPart, {
    open: (t) => {
      const n = local(t.name);
      const a = t.attributes;
      // A damaged file can lose an attribute Excel always writes; say which, rather than fail later on `undefined`.
      if ((n === 'sheet' || n === 'definedName') && a.name === undefined) throw new XlsxError(`${wbPart}: a <${n}> without a name attribute`);
      if (n === 'sheet') sheetRefs.push({ name: a.name, rid: a['r:id'] ?? Object.entries(a).find(([k]) => local(k) === 'id')?.[1] ?? '' });
      else if (n === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (n === 'definedName') {
        inName = { name: a.name, text: '' };
        if (a.localSheetId !== undefined) inName.localSheetId = Number(a.localSheetId);
      }
    },
    text: (s) => {
      if (inName) inName.text += s;
    },
    close: (n) => {
      if (n === 'definedName' && inName) {
        names.push(inName);
        inName = undefined;
      }
    },
  });

  let strings: string[] = [];
  const ssRel = [...wbRels.values()].find((r) => r.type.endsWith('/sharedStrings'));
  if (ssRel) strings = readSharedStrings(ssRel.target, data, entries, budget);

  const richErrors = readRichErrors(wbPart, wbRels, xml);

  const counter = { cells: 0 };
  const sheets: XSheet[] = [];
  for (const ref of sheetRefs) {
    const rel = wbRels.get(ref.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets and dialog sheets hold no cells
    const entry = entries.get(rel.target);
    if (!entry) throw new XlsxError(`${file} is not a readable .xlsx workbook (sheet "${ref.name}" points to ${rel.target}, which is missing)`);
    sheets.push({ name: ref.name, part: rel.target, cells: readSheet(file, ref.name, data, entry, budget, strings, counter, date1904, richErrors) });
  }
  if (sheets.length === 0) throw new XlsxError(`${file} has no worksheets`);
  return { file, data, entries, sheets, sheetOrder: sheetRefs.map((r) => r.name), names, date1904, limits };
}

/** Excel's rich error types (the `errorType` of an `_error` rich value): 0–7 are the classic codes (a #VALUE! with details is errorType 2), 8 on the newer ones. */
const RICH_ERROR_CODES: Record<string, string> = { '0': '#NULL!', '1': '#DIV/0!', '2': '#VALUE!', '3': '#REF!', '4': '#NAME?', '5': '#NUM!', '6': '#N/A', '7': '#GETTING_DATA', '8': '#SPILL!', '9': '#CONNECT!', '10': '#BLOCKED!', '11': '#UNKNOWN!', '12': '#FIELD!', '13': '#CALC!', '14': '#BUSY!' };

/**
 * The error code each value-metadata index (a cell's `vm`, from 1) stands
 * for, read from xl/metadata.xml (valueMetadata → XLRICHVALUE → rich value)
 * and xl/richData (the rich value's `_error` structure and its errorType).
 * Undefined for an index that is not an error Excel names.
 */
function readRichErrors(wbPart: string, wbRels: Map<string, { type: string; target: string }>, xml: (part: string, h: Handlers) => boolean): (vm: string) => string | undefined {
  const target = (suffix: string, fallback: string) => [...wbRels.values()].find((r) => r.type.toLowerCase().endsWith(suffix))?.target ?? fallback;
  const dir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const types: string[] = [];
  const future = new Map<string, number[]>(); // metadata type name → rich value index per block
  const values: { t: number; v: number }[] = [];
  let futureName: string | undefined;
  let section: string | undefined;
  const found = xml(target('/sheetmetadata', `${dir}metadata.xml`), {
    open: (t) => {
      const n = local(t.name);
      const a = t.attributes;
      if (n === 'metadataType') types.push(a.name);
      else if (n === 'futureMetadata') {
        futureName = a.name;
        future.set(a.name, []);
      } else if (n === 'rvb' && futureName) future.get(futureName)!.push(Number(a.i));
      else if (n === 'valueMetadata' || n === 'cellMetadata') section = n;
      else if (n === 'rc' && section === 'valueMetadata') values.push({ t: Number(a.t), v: Number(a.v) });
    },
    close: (n) => {
      if (n === 'futureMetadata') futureName = undefined;
      else if (n === 'valueMetadata' || n === 'cellMetadata') section = undefined;
    },
  });
  if (!found || values.length === 0) return () => undefined;
  // Structures: the keys of each, in order; rich values: their structure and values.
  const structures: { type: string; keys: string[] }[] = [];
  xml(target('/rdrichvaluestructure', `${dir}richData/rdrichvaluestructure.xml`), {
    open: (t) => {
      const n = local(t.name);
      if (n === 's') structures.push({ type: t.attributes.t, keys: [] });
      else if (n === 'k' && structures.length) structures[structures.length - 1].keys.push(t.attributes.n);
    },
  });
  const rich: { s: number; v: string[] }[] = [];
  let inV = false;
  xml(target('/rdrichvalue', `${dir}richData/rdrichvalue.xml`), {
    open: (t) => {
      const n = local(t.name);
      if (n === 'rv') rich.push({ s: Number(t.attributes.s), v: [] });
      else if (n === 'v' && rich.length) {
        inV = true;
        rich[rich.length - 1].v.push('');
      }
    },
    text: (x) => {
      if (inV) {
        const r = rich[rich.length - 1];
        r.v[r.v.length - 1] += x;
      }
    },
    close: (n) => {
      if (n === 'v') inV = false;
    },
  });
  return (vm) => {
    const m = values[Number(vm) - 1];
    if (!m || types[m.t - 1] !== 'XLRICHVALUE') return undefined;
    const rv = rich[future.get('XLRICHVALUE')?.[m.v] ?? -1];
    const st = rv && structures[rv.s];
    if (!st || st.type !== '_error') return undefined;
    const k = st.keys.indexOf('errorType');
    return k < 0 ? undefined : RICH_ERROR_CODES[rv.v[k]?.trim()];
  };
}

/** Feeds a part to saxes piece by piece, refusing runs of text longer than any cell can hold. */
function stream(data: Uint8Array, entry: ZipEntry, budget: InflateBudget, p: SaxesParser): void {
  let run = 0;
  const max = budget.limits.maxTextRun;
  inflateText(data, entry, budget, (chunk) => {
    let from = 0;
    for (let lt = chunk.indexOf('<'); ; lt = chunk.indexOf('<', from)) {
      const end = lt < 0 ? chunk.length : lt;
      run += end - from;
      if (run > max) throw new LimitError(`${budget.file}: ${entry.name} has a run of more than ${max} characters without markup (the cap on one text; Excel's own is 32,767); calc stops here`);
      if (lt < 0) break;
      run = 0;
      from = lt + 1;
    }
    p.write(chunk);
  });
  p.close();
}

function readSharedStrings(part: string, data: Uint8Array, entries: Map<string, ZipEntry>, budget: InflateBudget): string[] {
  const entry = entries.get(part);
  if (!entry) return [];
  const out: string[] = [];
  let chars = 0;
  let cur: string[] | undefined;
  let depth = 0; // inside <rPh> (phonetic guide): not part of the value
  let inT = false;
  const p = parser(part, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'si') cur = [];
      else if (n === 'rPh') depth++;
      else if (n === 't' && depth === 0) inT = true;
    },
    text: (s) => {
      if (inT && cur) cur.push(s);
    },
    close: (n) => {
      if (n === 't') inT = false;
      else if (n === 'rPh') depth--;
      else if (n === 'si' && cur) {
        const s = unescapeX(cur.join(''));
        chars += s.length;
        if (out.length >= budget.limits.maxCells || chars > budget.limits.maxStringChars) {
          const what = chars > budget.limits.maxStringChars ? `${budget.limits.maxStringChars.toLocaleString('en-US')} characters of shared strings (the cap on text held in memory)` : `${budget.limits.maxCells.toLocaleString('en-US')} shared strings (the cap on cells)`;
          throw new LimitError(`${budget.file} has more than ${what}; calc stops here`);
        }
        out.push(s);
        cur = undefined;
      }
    },
  });
  stream(data, entry, budget, p);
  return out;
}

function readSheet(
  file: string,
  sheet: string,
  data: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  strings: string[],
  counter: { cells: number },
  date1904: boolean,
  richErrors: (vm: string) => string | undefined,
): XCell[] {
  const cells: XCell[] = [];
  const masters = new Map<string, { formula: string; row: number; col: number; group: NonNullable<XCell['shared']> }>();
  let row = -1;
  let col = -1;
  // The cell being read.
  let t = 'n';
  let attrs: Record<string, string> = {};
  let fAttrs: Record<string, string> | undefined;
  let fText = '';
  let vText: string | undefined;
  let isText: string | undefined;
  let into: 'f' | 'v' | 't' | undefined;
  let rph = 0;
  const where = () => `${file}: ${sheet}!${a1(row, col)}`;
  const p = parser(entry.name, {
    open: (tag) => {
      const n = local(tag.name);
      const a = tag.attributes;
      switch (n) {
        case 'row':
          row = a.r ? Number(a.r) - 1 : row + 1;
          col = -1;
          return;
        case 'c': {
          const at = a.r ? parseCell(a.r) : undefined;
          if (at) {
            row = at.row;
            col = at.col;
          } else col++;
          t = a.t ?? 'n';
          attrs = a;
          fAttrs = undefined;
          fText = '';
          vText = undefined;
          isText = undefined;
          return;
        }
        case 'f':
          fAttrs = a;
          into = 'f';
          return;
        case 'v':
          vText = '';
          into = 'v';
          return;
        case 'is':
          isText = '';
          return;
        case 'rPh':
          rph++;
          return;
        case 't':
          if (isText !== undefined && rph === 0) into = 't';
          return;
      }
    },
    text: (s) => {
      if (into === 'f') fText += s;
      else if (into === 'v') vText += s;
      else if (into === 't') isText += s;
    },
    close: (n) => {
      if (n === 'f' || n === 'v' || n === 't') into = undefined;
      else if (n === 'rPh') rph--;
      else if (n === 'c') {
        const cell = finish();
        if (cell) {
          if (++counter.cells > budget.limits.maxCells) {
            throw new LimitError(`${file} has more than ${budget.limits.maxCells.toLocaleString('en-US')} cells with values or formulas (the cap on cells, reached at ${sheet}!${a1(row, col)}); calc stops here`);
          }
          cells.push(cell);
        }
      }
    },
  });

  const finish = (): XCell | undefined => {
    if (row < 0 || col < 0) throw new XlsxError(`${where()}: a cell without a position`);
    let saved: Saved = null;
    let text = false;
    switch (t) {
      case 's': {
        if (vText !== undefined) {
          const s = strings[Number(vText)];
          if (s === undefined) throw new XlsxError(`${where()}: shared string ${vText} does not exist`);
          saved = s;
          text = true;
        }
        break;
      }
      case 'str':
        // An empty <v/> is a formula that returned "" (IFERROR(…,"")), not "nothing saved".
        saved = vText === undefined ? null : unescapeX(vText);
        text = saved !== null;
        break;
      case 'inlineStr':
        saved = isText !== undefined ? unescapeX(isText) : vText !== undefined ? unescapeX(vText) : null;
        text = saved !== null;
        break;
      case 'b':
        saved = vText === undefined ? null : vText.trim() === '1' || vText.trim() === 'true';
        break;
      case 'e':
        saved = vText === undefined ? null : vText.trim();
        // Excel saves its newer errors (#CALC!, #SPILL! …) as #VALUE! with rich-value metadata (vm) saying which.
        if (saved !== null && attrs.vm !== undefined) saved = richErrors(attrs.vm) ?? (saved === '#VALUE!' ? '#CALC!' : saved);
        break;
      case 'd': {
        if (vText !== undefined) {
          const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(vText.trim());
          if (!m) throw new XlsxError(`${where()}: "${vText}" is not an ISO date`);
          const day = isoToSerial(m[1]) - (date1904 ? 1462 : 0);
          saved = day + (Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) / 86400;
        }
        break;
      }
      default:
        if (vText !== undefined && vText.trim() !== '') {
          saved = Number(vText);
          if (!Number.isFinite(saved)) throw new XlsxError(`${where()}: "${vText.slice(0, 40)}" is not a number`);
        }
    }
    if (!fAttrs) return saved === null ? undefined : { row, col, saved, ...(text ? { text } : {}) };
    let formula = fText;
    const ft = fAttrs.t;
    let group: XCell['shared'];
    if (ft === 'shared' && fAttrs.si !== undefined) {
      if (formula.trim()) masters.set(fAttrs.si, { formula, row, col, group: (group = { si: fAttrs.si, row, col }) });
      else {
        const m = masters.get(fAttrs.si);
        if (!m) throw new XlsxError(`${where()}: shared formula ${fAttrs.si} is used before it is defined`);
        formula = shiftFormula(m.formula, row - m.row, col - m.col);
        group = m.group;
      }
    }
    if (!formula.trim()) return saved === null ? undefined : { row, col, saved };
    const cell: XCell = { row, col, saved, formula, ...(text ? { text } : {}) };
    if (group) cell.shared = group;
    if (ft === 'array') {
      cell.array = (fAttrs.ref && parseRange(fAttrs.ref)) || { r0: row, c0: col, r1: row, c1: col };
      if (attrs.cm !== undefined) cell.dynamic = true;
    }
    return cell;
  };

  stream(data, entry, budget, p);
  return cells;
}
