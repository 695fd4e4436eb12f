/**
 * Test workbooks made from raw XML parts, in the form desktop Excel (Microsoft
 * 365) writes them — never through exceljs or our own writer — zipped with fflate.
 */
import fs from 'fs';
import { strToU8, zipSync } from 'fflate';

export interface SheetSpec {
  name: string;
  /** The <sheetData> content: <row r="1"><c r="A1">…</c></row>… */
  rows: string;
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** <definedName> elements. */
  names?: string;
  strings?: string[];
  date1904?: boolean;
  /** Adds xl/metadata.xml with Excel's dynamic-array cell metadata (cells refer to it with cm="1"). */
  dynamicArrays?: boolean;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Excel's xl/metadata.xml for dynamic arrays (cm="1" → XLDAPR fDynamic). */
export const METADATA_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<metadata xmlns="${NS}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

export function xlsxParts(spec: BookSpec): Record<string, string> {
  const parts: Record<string, string> = {};
  const over = (p: string, t: string) => `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.${t}"/>`;
  parts['[Content_Types].xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${over('xl/workbook.xml', 'spreadsheetml.sheet.main+xml')}${spec.sheets.map((_, i) => over(`xl/worksheets/sheet${i + 1}.xml`, 'spreadsheetml.worksheet+xml')).join('')}${over('xl/styles.xml', 'spreadsheetml.styles+xml')}${spec.strings ? over('xl/sharedStrings.xml', 'spreadsheetml.sharedStrings+xml') : ''}${spec.dynamicArrays ? over('xl/metadata.xml', 'spreadsheetml.sheetMetadata+xml') : ''}</Types>`;
  parts['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const rels = spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  const n = spec.sheets.length;
  rels.push(`<Relationship Id="rId${n + 1}" Type="${R}/styles" Target="styles.xml"/>`);
  if (spec.strings) rels.push(`<Relationship Id="rId${n + 2}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (spec.dynamicArrays) rels.push(`<Relationship Id="rId${n + 3}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/>`);
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PR}">${rels.join('')}</Relationships>`;
  parts['xl/workbook.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${R}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="28526"/><workbookPr${spec.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="202300"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720"/></bookViews><sheets>${spec.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${spec.names ? `<definedNames>${spec.names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`;
  parts['xl/styles.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="Aptos Narrow"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  spec.sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${R}" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${s.rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  });
  if (spec.strings) {
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${NS}" count="${spec.strings.length}" uniqueCount="${spec.strings.length}">${spec.strings.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`;
  }
  if (spec.dynamicArrays) parts['xl/metadata.xml'] = METADATA_XML;
  return parts;
}

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) files[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files, { level: 6 });
}

export function writeXlsxFile(file: string, spec: BookSpec): string {
  fs.writeFileSync(file, zipParts(xlsxParts(spec)));
  return file;
}
