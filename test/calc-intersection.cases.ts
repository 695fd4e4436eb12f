/**
 * Implicit intersection in legacy formulas: a formula Excel saved without
 * dynamic-array metadata (a plain <f>, not t="array") takes one cell of a
 * range given where one value is expected — the cell in the formula's own
 * row (for a column range) or column (for a row range), #VALUE! when there is
 * none — and shows the top-left value of an array a function returns
 * (Microsoft: "Implicit intersection operator: @"; "Dynamic array formulas in
 * non-dynamic aware Excel"). Values asserted are the ones Excel saved (corpus
 * books) or follow from that documented rule.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { calcWorkbook, differences } from '../src/engine/workbook';
import { legacyFormula, registeredShapes, shapeFromMetadata } from '../src/engine/calc/intersection';
import { register } from '../src/engine/index';
import { bookVerdicts, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';
import { BookSpec, writeXlsxFile } from './workbookXml';

describe('which places take one value, from the engine’s function metadata', () => {
  register();
  const shapes = registeredShapes();
  const legacy = (f: string) => legacyFormula(f, shapes);

  test('a range in a one-value argument or operand is intersected; range arguments are not', () => {
    expect(legacy('=ROUND(J2:J7, 2)')).toBe('=ROUND(SINGLE(J2:J7), 2)');
    expect(legacy('=CHOOSE(3,B1:D1,E1,12)')).toBe('=CHOOSE(3,SINGLE(B1:D1),E1,12)');
    expect(legacy('=A1:A3*2+$B$1:$B$3')).toBe('=SINGLE(A1:A3)*2+SINGLE($B$1:$B$3)');
    expect(legacy('=A:A')).toBe('=SINGLE(A:A)');
    expect(legacy("=DAYS('Other sheet'!F:F,B42)&\"a:b\"")).toBe("=DAYS(SINGLE('Other sheet'!F:F),B42)&\"a:b\"");
    for (const f of ['=SUM(A1:A3)', '=SUMPRODUCT((A1:A3>0)*B1:B3)', '=MATCH(A1,B1:B9,0)', '=VLOOKUP(A1,Sheet2!A:C,2,FALSE)', '=ROWS(A1:A3)', '=AND(A1:A3)', '=COUNTIF(A1:A9,">0")', '=A1+B1'])
      expect(legacy(f)).toBe(f);
  });

  test('a call that may return an array shows its top-left value; inside a range argument it is left whole', () => {
    expect(legacy('=LLM.RANK("tokens","2025-09-30","OpenRouter",3)')).toBe('=SINGLE(LLM.RANK("tokens","2025-09-30","OpenRouter",3))');
    expect(legacy('=SUM(LLM.RANK("tokens"))')).toBe('=SUM(LLM.RANK("tokens"))');
    expect(legacy('=ROUND({1.5,2.5},0)')).toBe('=ROUND(SINGLE({1.5,2.5}),0)');
    expect(legacy('=TEXTSPLIT(A1:A3,",")')).toBe('=SINGLE(TEXTSPLIT(SINGLE(A1:A3),","))');
  });

  test('metadata: NUMBER/STRING/BOOLEAN… take one value, RANGE/ANY ranges; functions that read references or expand ranges take them whole', () => {
    expect(shapeFromMetadata({ parameters: [{ argumentType: 'NUMBER' }, { argumentType: 'RANGE' }, { argumentType: 'ANY' }] }).scalar).toEqual([true, false, false]);
    expect(shapeFromMetadata({ parameters: [{ argumentType: 'BOOLEAN' }], expandRanges: true }).scalar).toEqual([false]);
    expect(shapeFromMetadata({ parameters: [{ argumentType: 'NOERROR' }], doesNotNeedArgumentsToBeComputed: true }).scalar).toEqual([false]);
    expect(shapeFromMetadata({ parameters: [{ argumentType: 'SCALAR' }], vectorizationForbidden: true }).scalar).toEqual([false]);
  });
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-legacy-'));
let n = 0;
const book = (spec: BookSpec) => writeXlsxFile(path.join(tmp, `b${++n}.xlsx`), spec);

describe('legacy formulas in a workbook Excel saved', () => {
  // A1:A3 = 10, 20, 30; C1:E1 = 1, 2, 3. Legacy formulas (plain <f>) with the values Excel shows for them.
  const rows =
    '<row r="1"><c r="A1"><v>10</v></c><c r="C1"><v>1</v></c><c r="D1"><v>2</v></c><c r="E1"><v>3</v></c></row>' +
    '<row r="2"><c r="A2"><v>20</v></c><c r="B2"><f>A1:A3*2</f><v>40</v></c><c r="F2"><f>SUM(A1:A3)</f><v>60</v></c><c r="G2"><f>SUMPRODUCT(A1:A3*2)</f><v>120</v></c></row>' +
    '<row r="3"><c r="A3"><v>30</v></c><c r="B3"><f>ROUND(A1:A3/7,1)</f><v>4.3</v></c><c r="D3"><f>C1:E1+1</f><v>3</v></c><c r="E3"><f>CHOOSE(3,C1:E1,E1,12)</f><v>12</v></c></row><row r="4"><c r="D4"><f>CHOOSE(1,C1:E1,E1,12)</f><v>2</v></c></row>' +
    '<row r="5"><c r="B5" t="e"><f>A1:A3*2</f><v>#VALUE!</v></c><c r="C5" t="e"><f>A1:A3</f><v>#VALUE!</v></c><c r="G5" t="e"><f>C1:E1</f><v>#VALUE!</v></c></row>';

  test('a range meets one value: the cell in the formula’s row or column, #VALUE! where they do not cross', async () => {
    const calc = await calcWorkbook(book({ sheets: [{ name: 'S', rows }] }));
    expect(calc.cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(calc.cells)).toEqual([]);
  });

  test('a legacy array formula (t="array" without cm, Ctrl+Shift+Enter) lays its array into its range: from the top-left, one value repeated, #N/A beyond the array', async () => {
    const cse =
      '<row r="1"><c r="A1"><v>10</v></c><c r="C1"><v>1</v></c><c r="D1"><v>2</v></c><c r="E1"><v>3</v></c></row><row r="2"><c r="A2"><v>20</v></c></row><row r="3"><c r="A3"><v>30</v></c></row>' +
      '<row r="7"><c r="B7"><f t="array" ref="B7">A1:A3*2</f><v>20</v></c><c r="C7"><f t="array" ref="C7:D7">C1:E1*10</f><v>10</v></c><c r="D7"><v>20</v></c><c r="F7"><f t="array" ref="F7">SUM(A1:A3*C1:C3)</f><v>10</v></c></row>' +
      // One value over a range fills it; a column shorter than its range ends in #N/A.
      '<row r="9"><c r="B9"><f t="array" ref="B9:D9">SUM(A1:A3)</f><v>60</v></c><c r="C9"><v>60</v></c><c r="D9"><v>60</v></c><c r="F9"><f t="array" ref="F9:F12">A1:A3*2</f><v>20</v></c></row>' +
      '<row r="10"><c r="F10"><v>40</v></c></row><row r="11"><c r="F11"><v>60</v></c></row><row r="12"><c r="F12" t="e"><v>#N/A</v></c></row>';
    const calc = await calcWorkbook(book({ sheets: [{ name: 'S', rows: cse }] }));
    expect(calc.cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(calc.cells)).toEqual([]);
  });

  test('the same formula saved as a dynamic array (t="array", cm) spills instead', async () => {
    const spill = '<row r="1"><c r="A1"><v>10</v></c></row><row r="2"><c r="A2"><v>20</v></c><c r="B2" cm="1"><f t="array" ref="B2:B4">A1:A3*2</f><v>20</v></c></row><row r="3"><c r="A3"><v>30</v></c><c r="B3"><v>40</v></c></row><row r="4"><c r="B4"><v>60</v></c></row>';
    const calc = await calcWorkbook(book({ dynamicArrays: true, sheets: [{ name: 'S', rows: spill }] }));
    expect(differences(calc.cells)).toEqual([]);
    expect(calc.cells[0].value).toEqual([[20], [40], [60]]);
  });
});

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus is missing (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS)');
(corpus ? describe : describe.skip)('real Excel: ranges in one-value arguments of legacy formulas', () => {
  const pick = async (book: string, cells: string[]) => {
    const v = (await bookVerdicts(book)).filter((x) => cells.includes(`${x.cell.sheet}!${x.cell.address}`));
    expect(v).toHaveLength(cells.length);
    return v;
  };
  test('ROUND, ROUNDUP, ROUNDDOWN of J2:J7 and with digits R2:R7 (IronCalc ROUND.xlsx)', async () => {
    expect(mismatches(await pick('MATH_AND_TRIGONOMETRY__ROUND.xlsx', ['Sheet1!L4', 'Sheet1!M4', 'Sheet1!N4', 'Sheet1!T4', 'Sheet1!U4', 'Sheet1!V4']))).toEqual([]);
  });
  test('DAYS and DAYS360 of a whole column F:F (IronCalc DAYS_DAYS360.xlsx)', async () => {
    expect(mismatches(await pick('DATE_AND_TIME__DAYS_DAYS360.xlsx', ['Sheet1!C42', 'Sheet1!D42', 'Sheet1!C43', 'Sheet1!D43']))).toEqual([]);
  });
  test('a database function’s field given a row range that misses the formula’s column: #VALUE! (IronCalc DATABASE book)', async () => {
    expect(mismatches(await pick('DATABASE__DCOUNT_DCOUNTA_DGET_DPRODUCT.xlsx', ['DCOUNT_DCOUNTA!B70', 'DCOUNT_DCOUNTA!C70', 'DGET!B56', 'DPRODUCT!B64']))).toEqual([]);
  });
  test('GAMMA, GAMMA.DIST, GAMMA.INV and POISSON.DIST of whole columns (IronCalc GAMMA and POISSON books)', async () => {
    expect(mismatches(await pick('STATISTICAL__GAMMA.xlsx', ['GAMMA!B28', 'GAMMA.DIST GAMMA.INV!E60', 'GAMMA.DIST GAMMA.INV!F60', 'GAMMA.DIST GAMMA.INV!E61', 'GAMMA.DIST GAMMA.INV!F61', 'GAMMA.DIST GAMMA.INV!E62', 'GAMMA.DIST GAMMA.INV!F62', 'GAMMA.DIST GAMMA.INV!E63', 'GAMMA.DIST GAMMA.INV!F63']))).toEqual([]);
    expect(mismatches(await pick('STATISTICAL__POISSON.xlsx', ['POISSON.DIST!D60', 'POISSON.DIST!D61']))).toEqual([]);
  });
});
