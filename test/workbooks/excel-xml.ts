/**
 * Writes .xlsx files part by part, in the form desktop Excel (Microsoft 365)
 * saves them — not through exceljs — so the headless engine is tested on
 * Excel's own storage: `_xldudf_`/`_xlfn.` names, dynamic arrays (`cm="1"` +
 * xl/metadata.xml), shared formulas, defined names with `localSheetId`,
 * `t="str"` with an empty `<v></v>`, `t="e"` errors, `date1904`.
 *
 * Forms followed (and where they were checked):
 * - ECMA-376 Part 1 §18 (SpreadsheetML): element and attribute order of
 *   CT_Workbook, CT_Worksheet, CT_Cell (r, s, t, cm), CT_CellFormula (t, ref, si),
 *   CT_DefinedName (name, localSheetId), the sst `count`/`uniqueCount`.
 * - MS-XLSX §2.3.3 / §2.6.x: the XLDAPR metadata type and
 *   `xda:dynamicArrayProperties` inside futureMetadata, ext uri
 *   {bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}; the cellMetadata `<rc t="1" v="0"/>`
 *   that `cm="1"` points at. The exact attribute list of `<metadataType
 *   name="XLDAPR" …>` is the one XlsxWriter emits (xlsxwriter/metadata.py,
 *   whose tests compare byte-for-byte against files saved by Excel).
 * - Which functions make Excel store a formula as a dynamic array even when it
 *   returns one value (ANCHORARRAY, SINGLE, XLOOKUP, FILTER, SORT, UNIQUE, TAKE,
 *   HSTACK…): XlsxWriter's `re_dynamic_function` list (worksheet.py). Our
 *   custom functions' scalar results are stored as ordinary `<f>`.
 * - The part list, relationship ids, namespaces and `mc:Ignorable` prefixes,
 *   `fileVersion appName="xl" lastEdited="7" lowestEdited="7"`,
 *   `calcPr calcId="191029"`, `x14ac:dyDescent`, row `spans` per block of 16
 *   rows, CRLF after the XML declaration: as in workbooks saved by Excel 365
 *   (the same forms XlsxWriter's Excel-comparison tests pin down).
 *
 * Left out on purpose: xl/theme/theme1.xml (7 kB of colours and fonts that
 * carry no values; Excel opens a workbook without it), calcChain.xml (Excel
 * rebuilds it), printer settings and the absolute-path `x15ac:absPath`.
 *
 * The zip is deterministic: fixed entry order (Excel's), fixed timestamps,
 * fixed compression level — regenerating unchanged input gives the same bytes.
 */
import { createHash } from 'crypto';
import { zipSync } from 'fflate';

/** An Excel error value. */
export interface XlError {
  error: '#N/A' | '#VALUE!' | '#DIV/0!' | '#NUM!' | '#REF!' | '#NAME?' | '#NULL!' | '#SPILL!' | '#CALC!';
}
export const err = (e: XlError['error']): XlError => ({ error: e });

/** What a cell shows: a number, text, a boolean, an error; '' only as a formula result. */
export type Shown = number | string | boolean | XlError;

/** Cell styles of the generated styles.xml (cellXfs indexes); `text` is a typed-with-apostrophe cell (quotePrefix). */
export const STYLE = { general: 0, date: 1, bold: 2, percent: 3, thousands: 4, text: 5 } as const;

export type Cell =
  /** A constant. */
  | { v: Shown; s?: number }
  /** An ordinary formula with the value Excel cached. `f` is the stored text (no "="). */
  | { f: string; v: Shown; s?: number; dynamic?: false }
  /**
   * A dynamic-array formula (`cm="1"`, `t="array"`): `spill` holds the rows
   * Excel showed, the first being the anchor's; a one-value result is `[[v]]`.
   */
  | { f: string; spill: Shown[][]; s?: number }
  /** The first cell of a filled-down (shared) formula over `ref`. */
  | { f: string; v: Shown; shared: string; s?: number }
  /** A cell filled from the shared formula anchored at `from`: Excel stores only `<f t="shared" si=…/>`. */
  | { sharedFrom: string; v: Shown; s?: number };

export interface Sheet {
  name: string;
  /** Cells by A1 address. */
  cells: Record<string, Cell>;
  /** Column widths (in characters) by 1-based column number. */
  widths?: Record<number, number>;
  /**
   * Excel tables (Insert › Table) on this sheet: `ref` covers the header row
   * and the data; the header cells must hold the column names.
   */
  tables?: { name: string; ref: string }[];
}

export interface DefinedName {
  name: string;
  /** The stored text: `Inputs!$B$2`, `"B"`, `1000000000`, `_xldudf_LLM_TOKENS(Entity,AsOf)`. */
  refersTo: string;
  /** Sheet scope (the sheet's name); workbook scope when absent. */
  sheet?: string;
}

export interface Workbook {
  sheets: Sheet[];
  names?: DefinedName[];
  date1904?: boolean;
  /** Saved at (also the zip entries' timestamp); fixed so the bytes are. */
  modified?: string;
  creator?: string;
}

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

/** Excel's GUID form, derived from a seed so every save of the same book is identical. */
const guid = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
};

export function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not an A1 address: ${ref}`);
  const row = Number(m[2]);
  const col = colNumber(m[1]);
  if (row < 1 || row > 1_048_576 || col < 1 || col > 16_384) throw new Error(`${ref} is outside Excel's grid`);
  return { row, col };
}
export const a1 = (row: number, col: number) => `${colLetters(col)}${row}`;

/** How Excel writes a double in `<v>`: shortest round-trip digits, upper-case exponent. */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Excel cannot store ${n}`);
  return String(n).replace('e+', 'E+').replace('e-', 'E-');
}

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const tText = (s: string) => (/^\s|\s$/.test(s) ? `<t xml:space="preserve">${esc(s)}</t>` : `<t>${esc(s)}</t>`);

/** A formula's cached value: the `t` attribute and the `<v>` text. */
function cached(v: Shown): { t?: string; v: string } {
  if (typeof v === 'number') return { v: num(v) };
  if (typeof v === 'boolean') return { t: 'b', v: v ? '1' : '0' };
  if (typeof v === 'string') return { t: 'str', v: esc(v) };
  return { t: 'e', v: v.error };
}

function cellXml(ref: string, cell: Cell, strings: Strings, si: Map<string, number>, meta: { used: boolean }): string {
  const s = cell.s ? ` s="${cell.s}"` : '';
  const open = (t: string | undefined, extra = '') => `<c r="${ref}"${s}${t ? ` t="${t}"` : ''}${extra}>`;
  if ('sharedFrom' in cell) {
    const id = si.get(cell.sharedFrom);
    if (id === undefined) throw new Error(`${ref}: no shared formula anchored at ${cell.sharedFrom}`);
    const c = cached(cell.v);
    return `${open(c.t)}<f t="shared" si="${id}"/><v>${c.v}</v></c>`;
  }
  if ('spill' in cell) {
    meta.used = true;
    const { row, col } = parseA1(ref);
    const rows = cell.spill.length;
    const cols = cell.spill[0].length;
    const range = rows === 1 && cols === 1 ? ref : `${ref}:${a1(row + rows - 1, col + cols - 1)}`;
    const c = cached(cell.spill[0][0]);
    return `${open(c.t, ' cm="1"')}<f t="array" ref="${range}">${esc(cell.f)}</f><v>${c.v}</v></c>`;
  }
  if ('f' in cell) {
    const c = cached(cell.v);
    const f = 'shared' in cell ? `<f t="shared" ref="${cell.shared}" si="${si.get(ref)}">${esc(cell.f)}</f>` : `<f>${esc(cell.f)}</f>`;
    return `${open(c.t)}${f}<v>${c.v}</v></c>`;
  }
  const v = cell.v;
  if (typeof v === 'string') return `${open('s')}<v>${strings.id(v)}</v></c>`;
  if (typeof v === 'number') return `${open(undefined)}<v>${num(v)}</v></c>`;
  if (typeof v === 'boolean') return `${open('b')}<v>${v ? 1 : 0}</v></c>`;
  return `${open('e')}<v>${v.error}</v></c>`;
}

/** A spill's other cells hold Excel's cached results as plain values (text as t="str"). */
function spillValue(ref: string, v: Shown): string {
  const c = cached(v);
  return `<c r="${ref}"${c.t ? ` t="${c.t}"` : ''}><v>${c.v}</v></c>`;
}

function sheetXml(sheet: Sheet, index: number, strings: Strings, meta: { used: boolean }, seed: string): string {
  type Placed = { row: number; col: number; xml: () => string };
  const placed = new Map<string, Placed>();
  const put = (row: number, col: number, xml: () => string, who: string) => {
    const key = `${row},${col}`;
    if (placed.has(key)) throw new Error(`${sheet.name}!${a1(row, col)} is written twice (${who})`);
    placed.set(key, { row, col, xml });
  };
  // Shared formula ids in the order Excel meets their anchors (row by row).
  const si = new Map<string, number>();
  const anchors = Object.entries(sheet.cells)
    .filter(([, c]) => 'shared' in c)
    .map(([ref]) => ({ ref, ...parseA1(ref) }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  anchors.forEach((a, i) => si.set(a.ref, i));
  for (const [ref, cell] of Object.entries(sheet.cells)) {
    const { row, col } = parseA1(ref);
    put(row, col, () => cellXml(ref, cell, strings, si, meta), ref);
    if ('spill' in cell) {
      const width = cell.spill[0].length;
      cell.spill.forEach((r, i) => {
        if (r.length !== width) throw new Error(`${sheet.name}!${ref}: spill rows of different widths`);
        r.forEach((v, j) => {
          if (i || j) put(row + i, col + j, () => spillValue(a1(row + i, col + j), v), `spill of ${ref}`);
        });
      });
    }
  }
  const cells = [...placed.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  // Strings are numbered in the order Excel writes cells, so the sst is stable.
  const byRow = new Map<number, string[]>();
  const cols = new Map<number, [number, number]>();
  for (const c of cells) {
    (byRow.get(c.row) ?? byRow.set(c.row, []).get(c.row)!).push(c.xml());
    const block = Math.floor((c.row - 1) / 16);
    const span = cols.get(block);
    cols.set(block, span ? [Math.min(span[0], c.col), Math.max(span[1], c.col)] : [c.col, c.col]);
  }
  const rows = [...byRow.entries()]
    .map(([r, xs]) => {
      const [lo, hi] = cols.get(Math.floor((r - 1) / 16))!;
      return `<row r="${r}" spans="${lo}:${hi}" x14ac:dyDescent="0.25">${xs.join('')}</row>`;
    })
    .join('');
  const minR = Math.min(...cells.map((c) => c.row));
  const maxR = Math.max(...cells.map((c) => c.row));
  const minC = Math.min(...cells.map((c) => c.col));
  const maxC = Math.max(...cells.map((c) => c.col));
  const dim = cells.length === 0 ? 'A1' : minR === maxR && minC === maxC ? a1(minR, minC) : `${a1(minR, minC)}:${a1(maxR, maxC)}`;
  const widths = Object.entries(sheet.widths ?? {})
    .map(([c, w]) => [Number(c), w] as const)
    .sort((a, b) => a[0] - b[0]);
  const colsXml = widths.length
    ? `<cols>${widths.map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return (
    DECL +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}" xmlns:mc="${NS_MC}" mc:Ignorable="x14ac xr xr2 xr3" ` +
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" ' +
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ' +
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" ' +
    `xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="${guid(`${seed}/sheet/${sheet.name}`)}">` +
    `<dimension ref="${dim}"/>` +
    `<sheetViews><sheetView ${index === 0 ? 'tabSelected="1" ' : ''}workbookViewId="0"/></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>' +
    colsXml +
    (rows ? `<sheetData>${rows}</sheetData>` : '<sheetData/>') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    (sheet.tables?.length
      ? `<tableParts count="${sheet.tables.length}">${sheet.tables.map((_, i) => `<tablePart r:id="rId${i + 1}"/>`).join('')}</tableParts>`
      : '') +
    '</worksheet>'
  );
}

/** ECMA-376 §18.5 table part, as Excel writes a table made with Insert › Table (style TableStyleMedium2). */
function tableXml(sheet: Sheet, table: { name: string; ref: string }, id: number, seed: string): string {
  const [from, to] = table.ref.split(':');
  const a = parseA1(from);
  const b = parseA1(to);
  const names: string[] = [];
  for (let c = a.col; c <= b.col; c++) {
    const head = sheet.cells[a1(a.row, c)];
    if (!head || !('v' in head) || 'f' in head || typeof head.v !== 'string') throw new Error(`table ${table.name}: ${a1(a.row, c)} must hold a column name`);
    names.push(head.v);
  }
  const u = (what: string) => guid(`${seed}/table/${table.name}/${what}`);
  return (
    DECL +
    `<table xmlns="${NS_MAIN}" xmlns:mc="${NS_MC}" mc:Ignorable="xr xr3" ` +
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ' +
    `xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" id="${id}" xr:uid="${u('table')}" ` +
    `name="${escAttr(table.name)}" displayName="${escAttr(table.name)}" ref="${table.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${table.ref}" xr:uid="${u('filter')}"/>` +
    `<tableColumns count="${names.length}">${names.map((n, i) => `<tableColumn id="${i + 1}" xr3:uid="${u(`col${i}`)}" name="${escAttr(n)}"/>`).join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    '</table>'
  );
}

function workbookXml(book: Workbook, seed: string): string {
  const sheetIndex = new Map(book.sheets.map((s, i) => [s.name, i]));
  const names = [...(book.names ?? [])]
    .map((n) => {
      if (n.sheet !== undefined && !sheetIndex.has(n.sheet)) throw new Error(`name ${n.name}: no sheet ${n.sheet}`);
      return { ...n, local: n.sheet === undefined ? undefined : sheetIndex.get(n.sheet)! };
    })
    // Excel keeps names sorted by name, case-insensitively; a workbook name before its sheet-scoped namesakes.
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || (a.local ?? -1) - (b.local ?? -1));
  const definedNames = names.length
    ? `<definedNames>${names
        .map((n) => `<definedName name="${escAttr(n.name)}"${n.local === undefined ? '' : ` localSheetId="${n.local}"`}>${esc(n.refersTo)}</definedName>`)
        .join('')}</definedNames>`
    : '';
  return (
    DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}" xmlns:mc="${NS_MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" ` +
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" ' +
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ' +
    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" ' +
    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" ' +
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">' +
    '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="28429"/>' +
    `<workbookPr ${book.date1904 ? 'date1904="1" ' : ''}defaultThemeVersion="166925"/>` +
    `<xr:revisionPtr revIDLastSave="0" documentId="13_ncr:1_${guid(`${seed}/document`)}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>` +
    `<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" xr2:uid="${guid(`${seed}/view`)}"/></bookViews>` +
    `<sheets>${book.sheets.map((s, i) => `<sheet name="${escAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    definedNames +
    '<calcPr calcId="191029"/>' +
    '</workbook>'
  );
}

const STYLES =
  DECL +
  `<styleSheet xmlns="${NS_MAIN}" xmlns:mc="${NS_MC}" mc:Ignorable="x14ac x16r2 xr" ` +
  'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" ' +
  'xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" ' +
  'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>' +
  '<fonts count="2" x14ac:knownFonts="1">' +
  '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '</fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '<extLst>' +
  '<ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
  '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext>' +
  '</extLst>' +
  '</styleSheet>';

// MS-XLSX 2.6.x / XlsxWriter metadata.py: one XLDAPR type, one future-metadata block, one cell-metadata record.
const METADATA =
  DECL +
  `<metadata xmlns="${NS_MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>' +
  '</metadata>';

function appXml(book: Workbook): string {
  const sheets = book.sheets.map((s) => s.name);
  const names = [...(book.names ?? [])]
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .map((n) => (n.sheet ? `${/[^A-Za-z0-9_]/.test(n.sheet) ? `'${n.sheet}'` : n.sheet}!${n.name}` : n.name));
  const pairs = [['Worksheets', sheets.length] as const, ...(names.length ? [['Named Ranges', names.length] as const] : [])];
  const parts = [...sheets, ...names];
  return (
    DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="${pairs.length * 2}" baseType="variant">${pairs
      .map(([k, n]) => `<vt:variant><vt:lpstr>${k}</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant>`)
      .join('')}</vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${parts.length}" baseType="lpstr">${parts.map((p) => `<vt:lpstr>${esc(p)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>' +
    '</Properties>'
  );
}

function coreXml(book: Workbook, modified: string): string {
  const who = esc(book.creator ?? 'llm-market');
  return (
    DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${who}</dc:creator><cp:lastModifiedBy>${who}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${modified}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${modified}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Every part of the package, in the order Excel writes them into the zip. */
export function parts(book: Workbook, seed = 'llm-market'): [string, string][] {
  if (book.sheets.length === 0) throw new Error('a workbook needs a sheet');
  const modified = book.modified ?? '2025-10-20T00:00:00Z';
  const strings = new Strings();
  const meta = { used: false };
  const sheets = book.sheets.map((s, i) => sheetXml(s, i, strings, meta, seed));
  const n = book.sheets.length;
  // Tables are numbered across the workbook, in sheet order.
  const tables = book.sheets.flatMap((sheet, i) => (sheet.tables ?? []).map((t) => ({ sheet, index: i, t })));
  tables.forEach((x, k) => Object.assign(x, { id: k + 1 }));
  const tableIds = tables as (typeof tables[number] & { id: number })[];
  const hasStrings = strings.list.length > 0;
  const rels: string[] = book.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  if (hasStrings) rels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (meta.used) rels.push(`<Relationship Id="rId${n + (hasStrings ? 3 : 2)}" Type="${REL}/sheetMetadata" Target="metadata.xml"/>`);
  const types =
    DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
    book.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
    (hasStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` : '') +
    (meta.used ? `<Override PartName="/xl/metadata.xml" ContentType="${CT}.spreadsheetml.sheetMetadata+xml"/>` : '') +
    tableIds.map((t) => `<Override PartName="/xl/tables/table${t.id}.xml" ContentType="${CT}.spreadsheetml.table+xml"/>`).join('') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
    '</Types>';
  const out: [string, string][] = [
    ['[Content_Types].xml', types],
    [
      '_rels/.rels',
      DECL +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    ['xl/workbook.xml', workbookXml(book, seed)],
    ['xl/_rels/workbook.xml.rels', DECL + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`],
    ...sheets.map((x, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, x]),
    ['xl/styles.xml', STYLES],
  ];
  if (hasStrings) {
    out.push([
      'xl/sharedStrings.xml',
      DECL + `<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.list.length}">${strings.list.map((s) => `<si>${tText(s)}</si>`).join('')}</sst>`,
    ]);
  }
  if (meta.used) out.push(['xl/metadata.xml', METADATA]);
  book.sheets.forEach((sheet, i) => {
    const mine = tableIds.filter((x) => x.index === i);
    if (!mine.length) return;
    out.push([
      `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
      DECL +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        mine.map((x, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/table" Target="../tables/table${x.id}.xml"/>`).join('') +
        '</Relationships>',
    ]);
  });
  for (const x of tableIds) out.push([`xl/tables/table${x.id}.xml`, tableXml(x.sheet, x.t, x.id, seed)]);
  out.push(['docProps/core.xml', coreXml(book, modified)], ['docProps/app.xml', appXml(book)]);
  return out;
}

/** The .xlsx bytes. `seed` (e.g. the file name) makes the uids differ between books yet stay fixed across saves. */
export function xlsx(book: Workbook, seed = 'llm-market'): Uint8Array {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(book.modified ?? '2025-10-20T00:00:00Z');
  if (!m) throw new Error(`modified must be an ISO instant like 2025-10-20T00:00:00Z, got ${book.modified}`);
  // fflate stamps DOS times from the Date's LOCAL fields: build the Date from local fields so the
  // bytes do not depend on the machine's time zone.
  const mtime = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const files: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const [name, text] of parts(book, seed)) files[name] = [new TextEncoder().encode(text), { level: 6, mtime }];
  return zipSync(files);
}
