'use strict';
/**
 * Writes a workbook in the form Excel saves it, for `calc` to read: shared
 * strings, date cells styled as dates, and a column filled down as one shared
 * formula (`<f t="shared" ref=… si=…>` on the first cell, `<f t="shared"
 * si=…/>` below it) with each cell's cached value. An add-in's custom function
 * is stored as `_xldudf_LLM_TOKENS(…)`, which is what calc meets in users' files.
 */
const { zipSync, strToU8 } = require('fflate');

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const col = (c) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * rows: arrays of cells, each a number, a string, {date: serial}, {error: '#N/A'},
 * or {formula, shared: true, value} (a formula cell; `shared` cells in the same
 * column after the first reuse its formula). The first row is a header of strings.
 */
function xlsxBytes(rows, sheetName = 'Sheet1') {
  const sst = new Map();
  const si = (s) => {
    let i = sst.get(s);
    if (i === undefined) sst.set(s, (i = sst.size));
    return i;
  };
  const sharedOf = new Map(); // column → { si, firstRow }
  // Each shared formula's range: from its first cell to the last consecutive shared cell below it.
  const sharedRef = new Map();
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v && typeof v === 'object' && v.shared) {
        const s = sharedRef.get(c);
        if (!s) sharedRef.set(c, { first: r, last: r });
        else s.last = r;
      }
    }),
  );
  let shareCount = 0;
  const cellXml = (v, r, c) => {
    const ref = `${col(c)}${r + 1}`;
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === 'string') return `<c r="${ref}" t="s"><v>${si(v)}</v></c>`;
    if ('date' in v) return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
    if ('error' in v) return `<c r="${ref}" t="e"><v>${esc(v.error)}</v></c>`;
    const cached = typeof v.value === 'number' ? `<v>${v.value}</v>` : v.value && v.value.error ? `<v>${esc(v.value.error)}</v>` : '';
    const t = v.value && v.value.error ? ' t="e"' : '';
    let f;
    if (v.shared) {
      let s = sharedOf.get(c);
      if (!s) {
        const span = sharedRef.get(c);
        sharedOf.set(c, (s = { si: shareCount++ }));
        f = `<f t="shared" ref="${col(c)}${span.first + 1}:${col(c)}${span.last + 1}" si="${s.si}">${esc(v.formula)}</f>`;
      } else f = `<f t="shared" si="${s.si}"/>`;
    } else f = `<f>${esc(v.formula)}</f>`;
    return `<c r="${ref}"${t}>${f}${cached}</c>`;
  };
  const body = [];
  rows.forEach((row, r) => body.push(`<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`));
  const width = Math.max(...rows.map((r) => r.length));
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${col(width - 1)}${rows.length}"/><sheetData>${body.join('')}</sheetData></worksheet>`;
  const strings = [...sst.keys()];
  const sharedStrings =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('') +
    '</sst>';
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    'xl/worksheets/sheet1.xml': sheet,
    'xl/sharedStrings.xml': sharedStrings,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 6 });
}

module.exports = { xlsxBytes, columnLetters: col };
