/**
 * Excel tables: xl/tables/*.xml read through each sheet's relationships, and
 * structured references written as the ranges they stand for. The values
 * asserted are the ones Excel saved (the pycel corpus book, workbooks written
 * part by part as Excel writes them) or follow from Microsoft's description of
 * structured references ("Using structured references with Excel tables":
 * #All, #Data, #Headers, #Totals, #This Row / @, column spans).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { calcWorkbook, differences } from '../src/engine/workbook';
import { rewriteStructuredRefs } from '../src/engine/calc/structuredRefs';
import { parseTable, XTable } from '../src/engine/xlsx/tables';
import { parseRange } from '../src/engine/xlsx/refs';
import { bookVerdicts, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';
import { xlsxParts, zipParts } from './workbookXml';

// pycel's Table1 (tests/fixtures/excelcompiler.xlsx, sheet sref): D1:F4, header row, data D2:F3, totals row 4.
const TABLE1: XTable = { name: 'Table1', sheet: 'sref', ref: parseRange('D1:F4')!, headerRows: 1, totalsRows: 1, columns: ['col1', 'col2', 'col3'] };
const at = (sheet: string, a1: string) => {
  const r = parseRange(a1)!;
  return { sheet, row: r.r0, col: r.c0 };
};

describe('structured references as ranges', () => {
  const rw = (f: string, where = at('sref', 'B3'), tables: XTable[] = [TABLE1]) => rewriteStructuredRefs(f, where, tables);

  test('whole-table specifiers', () => {
    expect(rw('SUM(Table1[])')).toBe('SUM(D2:F3)');
    expect(rw('SUM(Table1[#Data])')).toBe('SUM(D2:F3)');
    expect(rw('SUM(Table1[#All])')).toBe('SUM(D1:F4)');
    expect(rw('CONCAT(Table1[#Headers])')).toBe('CONCAT(D1:F1)');
    expect(rw('SUM(Table1[#Totals])')).toBe('SUM(D4:F4)');
    expect(rw('ROWS(Table1)')).toBe('ROWS(D2:F3)');
  });

  test('columns, spans and rows of columns', () => {
    expect(rw('SUM(Table1[col2])')).toBe('SUM(E2:E3)');
    expect(rw('SUM(table1[COL2])')).toBe('SUM(E2:E3)'); // names are case-insensitive
    expect(rw('SUM(Table1[[col1]:[col2]])')).toBe('SUM(D2:E3)');
    expect(rw('Table1[[#Headers],[col3]]')).toBe('F1');
    expect(rw('SUM(Table1[[#Data],[#Totals],[col3]])')).toBe('SUM(F2:F4)');
    expect(rw('COUNTA(Table1[[#Headers],[#Data],[col1]:[col2]])')).toBe('COUNTA(D1:E3)');
  });

  test('this row: the formula’s own row of the data, #VALUE! outside it', () => {
    expect(rw('SUM(Table1[#This Row])')).toBe('SUM(D3:F3)');
    expect(rw('Table1[[#This Row],[col2]]*2')).toBe('E3*2');
    expect(rw('Table1[@col2]*2')).toBe('E3*2');
    expect(rw('Table1[@[col1]:[col2]]')).toBe('D3:E3');
    expect(rw('Table1[@col2]', at('sref', 'B1'))).toBe('#VALUE!'); // row 1 is the header row
  });

  test('without a table name: the table the formula is in', () => {
    expect(rw('SUBTOTAL(109,[col3])', at('sref', 'F4'))).toBe('SUBTOTAL(109,F2:F3)');
    expect(rw('[@col1]+[@col2]', at('sref', 'F2'))).toBe('D2+E2');
  });

  test('another sheet’s table is qualified by its sheet; text, external links and unknown columns are left alone', () => {
    expect(rw('SUM(Table1[col2])', at('My sheet', 'A1'))).toBe("SUM('sref'!E2:E3)");
    expect(rw('"Table1[col2]"&Table1[[#Headers],[col1]]')).toBe('"Table1[col2]"&D1');
    expect(rw('[1]Sheet1!A1+1')).toBe('[1]Sheet1!A1+1');
    expect(rw('SUM(Table1[nope])')).toBe('SUM(Table1[nope])');
  });

  test("' escapes special characters in a column name", () => {
    const t: XTable = { ...TABLE1, columns: ['Q[1]', 'Sales#', "It's"] };
    expect(rw("SUM(Table1[Q'[1']])", undefined, [t])).toBe('SUM(D2:D3)');
    expect(rw("SUM(Table1[[Sales'#]:[It''s]])", undefined, [t])).toBe('SUM(E2:F3)');
  });

  test('a table part as Excel writes it', () => {
    const xml =
      '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Table1" displayName="Table1" ref="D1:F4" totalsRowCount="1">' +
      '<autoFilter ref="D1:F3"/><tableColumns count="3"><tableColumn id="1" name="col1" totalsRowLabel="Total"/><tableColumn id="2" name="col2"/>' +
      '<tableColumn id="3" name="col_x0023_3" totalsRowFunction="sum"/></tableColumns></table>';
    expect(parseTable(xml, 'sref')).toEqual({ ...TABLE1, columns: ['col1', 'col2', 'col#3'] });
  });
});

// A workbook as Excel writes one with a table: the sheet lists the table part, the part holds its geometry.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-tables-'));
function bookWithTable(rows: string, strings: string[], table: string, sheetName = 'Data', extraSheets: { name: string; rows: string }[] = []): string {
  const parts: Record<string, string> = xlsxParts({ strings, sheets: [{ name: sheetName, rows }, ...extraSheets] });
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  parts['xl/worksheets/sheet1.xml'] = parts['xl/worksheets/sheet1.xml'].replace('</worksheet>', '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>');
  parts['xl/worksheets/_rels/sheet1.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/table" Target="../tables/table1.xml"/></Relationships>`;
  parts['xl/tables/table1.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${table}`;
  parts['[Content_Types].xml'] = parts['[Content_Types].xml'].replace(
    '</Types>',
    '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>',
  );
  const file = path.join(tmp, `t${fs.readdirSync(tmp).length + 1}.xlsx`);
  fs.writeFileSync(file, zipParts(parts));
  return file;
}

describe('workbooks with tables', () => {
  test('a table with a totals row: column sums, #Totals, this-row formulas in a calculated column, another sheet’s references', async () => {
    // Sales: A1:C5, header row 1, data 2–4, totals row 5 (Total / SUBTOTAL(109,[Amount]) as Excel writes the totals row).
    const T = 'Sales';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>10</v></c><c r="C2"><f>Sales[[#This Row],[Amount]]*2</f><v>20</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3"><v>20</v></c><c r="C3"><f>Sales[[#This Row],[Amount]]*2</f><v>40</v></c></row>' +
      '<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4"><v>30</v></c><c r="C4"><f>Sales[[#This Row],[Amount]]*2</f><v>60</v></c></row>' +
      '<row r="5"><c r="A5" t="s"><v>6</v></c><c r="B5"><f>SUBTOTAL(109,Sales[Amount])</f><v>60</v></c><c r="C5"><f>SUBTOTAL(109,[Double])</f><v>120</v></c></row>' +
      '<row r="7"><c r="E7"><f>SUM(Sales[#Totals])</f><v>180</v></c><c r="F7"><f>ROWS(Sales)</f><v>3</v></c><c r="G7"><f>COUNTA(Sales[#All])</f><v>15</v></c>' +
      '<c r="H7" t="str"><f>Sales[[#Headers],[Double]]</f><v>Double</v></c><c r="I7"><f>SUM(Sales[[Amount]:[Double]])</f><v>180</v></c></row>';
    const table =
      `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="${T}" displayName="${T}" ref="A1:C5" totalsRowCount="1">` +
      '<autoFilter ref="A1:C4"/><tableColumns count="3"><tableColumn id="1" name="Item" totalsRowLabel="Total"/><tableColumn id="2" name="Amount" totalsRowFunction="sum"/>' +
      '<tableColumn id="3" name="Double" totalsRowFunction="sum" dataCellStyle="Normal"><calculatedColumnFormula>Sales[[#This Row],[Amount]]*2</calculatedColumnFormula></tableColumn></tableColumns>' +
      '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
    const other = { name: 'Report', rows: '<row r="1"><c r="A1"><f>SUM(Sales[Amount])/COUNT(Sales[Amount])</f><v>20</v></c><c r="B1"><f>INDEX(Sales[Double],2)</f><v>40</v></c></row>' };
    const file = bookWithTable(rows, ['Item', 'Amount', 'Double', 'a', 'b', 'c', 'Total'], table, 'Data', [other]);
    const calc = await calcWorkbook(file);
    expect(calc.cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(calc.cells)).toEqual([]);
    expect(calc.cells.find((c) => c.address === 'G7')?.value).toBe(15);
  });

  test('a calculated column stored as a shared formula: a column name that looks like a cell (col2) is not moved', async () => {
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>10</v></c><c r="C2"><f t="shared" ref="C2:C4" si="0">Costs[[#This Row],[col2]]+Costs[[#This Row],[col1]]</f><v>11</v></c></row>' +
      '<row r="3"><c r="A3"><v>2</v></c><c r="B3"><v>20</v></c><c r="C3"><f t="shared" si="0"/><v>22</v></c></row>' +
      '<row r="4"><c r="A4"><v>3</v></c><c r="B4"><v>30</v></c><c r="C4"><f t="shared" si="0"/><v>33</v></c></row>';
    const table =
      '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Costs" displayName="Costs" ref="A1:C4">' +
      '<tableColumns count="3"><tableColumn id="1" name="col1"/><tableColumn id="2" name="col2"/><tableColumn id="3" name="sum"><calculatedColumnFormula>Costs[[#This Row],[col2]]+Costs[[#This Row],[col1]]</calculatedColumnFormula></tableColumn></tableColumns></table>';
    const calc = await calcWorkbook(bookWithTable(rows, ['col1', 'col2', 'sum'], table));
    expect(calc.cells.map((c) => c.formula)).toEqual(Array(3).fill('=Costs[[#This Row],[col2]]+Costs[[#This Row],[col1]]'));
    expect(differences(calc.cells)).toEqual([]);
  });

  test('a table without a header row: #Headers is #REF!, the data starts at the top of its range', async () => {
    const rows =
      '<row r="1"><c r="A1"><v>5</v></c><c r="B1"><v>6</v></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2"><v>8</v></c></row>' +
      '<row r="4"><c r="A4"><f>SUM(T2[x])</f><v>12</v></c><c r="B4" t="e"><f>T2[[#Headers],[y]]</f><v>#REF!</v></c></row>';
    const table =
      '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="T2" displayName="T2" ref="A1:B2" headerRowCount="0">' +
      '<tableColumns count="2"><tableColumn id="1" name="x"/><tableColumn id="2" name="y"/></tableColumns></table>';
    const calc = await calcWorkbook(bookWithTable(rows, [], table));
    expect(calc.cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(calc.cells)).toEqual([]);
  });

  test('the corpus structured-references workbook (formerly pending) recomputes to its saved values', async () => {
    const calc = await calcWorkbook(path.join(__dirname, 'workbooks/generated/structured-references.xlsx'));
    expect(calc.cells.filter((c) => c.unsupported).map((c) => `${c.address} ${c.unsupported!.reason}`)).toEqual([]);
    expect(differences(calc.cells)).toEqual([]);
  });
});

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus is missing (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS)');
(corpus ? describe : describe.skip)('real Excel: pycel excelcompiler.xlsx, sheet sref (Table1 with a totals row)', () => {
  test('every structured-reference cell matches the value Excel saved', async () => {
    const v = (await bookVerdicts('tests__fixtures__excelcompiler.xlsx')).filter((x) => x.cell.sheet === 'sref');
    expect(v.map((x) => x.cell.address).sort()).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'F4']);
    expect(mismatches(v)).toEqual([]);
  });
});
