/**
 * Circular references. With iterative calculation on (`<calcPr iterate="1"
 * iterateCount="N" iterateDelta="D"/>`), Excel recalculates the cells of a
 * cycle from each other's latest values until no value changes by D or more,
 * at most N times (Microsoft: "Change formula recalculation, iteration, or
 * precision in Excel"; defaults 100 and 0.001). Without it, the cells of a
 * circular reference show 0 and so do the cells computed from them, while a
 * cell whose formula never reaches the cycle (a lazy IF) computes. Values
 * asserted are the ones Excel saved (pycel's and `formulas`' circular books)
 * or follow from that documented rule.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { calcWorkbook, differences } from '../src/engine/workbook';
import { iterationSettings } from '../src/engine/calc/iterate';
import { bookVerdicts, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';
import { BookSpec, xlsxParts, zipParts } from './workbookXml';

describe('iteration settings from calcPr', () => {
  test('iterate, iterateCount, iterateDelta, with Excel’s defaults', () => {
    expect(iterationSettings('<workbook><calcPr calcId="191029" iterate="1" iterateCount="10000" iterateDelta="0.01"/></workbook>')).toEqual({ iterate: true, count: 10000, delta: 0.01 });
    expect(iterationSettings('<calcPr calcId="191029" iterate="1"/>')).toEqual({ iterate: true, count: 100, delta: 0.001 });
    // iterateCount alone does not turn iteration on (the `formulas` project's circular.xlsx).
    expect(iterationSettings('<calcPr calcId="191029" iterateCount="1" calcOnSave="0"/>')).toEqual({ iterate: false, count: 1, delta: 0.001 });
    expect(iterationSettings('<workbook/>')).toEqual({ iterate: false, count: 100, delta: 0.001 });
  });
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-iterate-'));
let n = 0;
/** A workbook as Excel writes it, with these calcPr attributes. */
function book(spec: BookSpec, calcPr: string): string {
  const parts = xlsxParts(spec);
  parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace('<calcPr calcId="191029"/>', `<calcPr calcId="191029"${calcPr}/>`);
  const file = path.join(tmp, `b${++n}.xlsx`);
  fs.writeFileSync(file, zipParts(parts));
  return file;
}

describe('iterative calculation on', () => {
  // Interest on the closing balance: B3 = B2 * (B1 + B3), the fixed point B3 = B1*B2 / (1 - B2) = 1000/9.
  const interest = (saved: string) =>
    '<row r="1"><c r="A1"><v>1000</v></c></row><row r="2"><c r="A2"><v>0.1</v></c></row>' +
    `<row r="3"><c r="A3"><f>A2*(A1+A4)</f>${saved}</c></row><row r="4"><c r="A4"><f>A3</f>${saved}</c></row><row r="5"><c r="A5"><f>A1+A4</f>${saved}</c></row>`;

  test('a cycle converges to its fixed point (delta tight enough); cells outside it follow', async () => {
    const calc = await calcWorkbook(book({ sheets: [{ name: 'S', rows: interest('') }] }, ' iterate="1" iterateCount="1000" iterateDelta="1E-13"'));
    const v = Object.fromEntries(calc.cells.map((c) => [c.address, c.value]));
    expect(v.A3).toBeCloseTo(1000 / 9, 9);
    expect(v.A4).toBeCloseTo(1000 / 9, 9);
    expect(v.A5).toBeCloseTo(1000 + 1000 / 9, 9);
    expect(calc.cells.every((c) => !c.error)).toBe(true);
  });

  test('Excel starts from the values it saved: a workbook saved converged recomputes to its saved values', async () => {
    const x = 1000 / 9;
    const rows = interest(`<v>${x}</v>`).replace(`<f>A1+A4</f><v>${x}</v>`, `<f>A1+A4</f><v>${1000 + x}</v>`);
    const calc = await calcWorkbook(book({ sheets: [{ name: 'S', rows }] }, ' iterate="1"'));
    expect(differences(calc.cells)).toEqual([]);
  });

  test('a cycle that never settles stops after iterateCount recalculations: =A1+1 from 0 gives iterateCount', async () => {
    const calc = await calcWorkbook(book({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><f>A1+1</f><v>0</v></c><c r="B1"><f>A1*2</f><v>0</v></c></row>' }] }, ' iterate="1" iterateCount="100"'));
    expect(calc.cells.map((c) => c.value)).toEqual([100, 200]);
  });
});

describe('iterative calculation off', () => {
  test('a circular reference shows 0, and so do the cells computed from it; a lazy IF that never reaches the cycle computes', async () => {
    const rows =
      '<row r="1"><c r="A1"><f>B1+1</f><v>0</v></c><c r="B1"><f>A1*2</f><v>0</v></c><c r="C1"><f>A1+5</f><v>0</v></c></row>' +
      '<row r="2"><c r="A2" t="b"><v>0</v></c><c r="B2"><f>IF(A2,C2,7)</f><v>7</v></c><c r="C2"><f>B2*2</f><v>14</v></c></row>';
    const calc = await calcWorkbook(book({ sheets: [{ name: 'S', rows }] }, ''));
    expect(Object.fromEntries(calc.cells.map((c) => [c.address, c.value]))).toEqual({ A1: 0, B1: 0, C1: 0, B2: 7, C2: 14 });
    expect(differences(calc.cells)).toEqual([]);
  });
});

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus is missing (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS)');
(corpus ? describe : describe.skip)('real Excel: circular books', () => {
  test('pycel circular.xlsx (iterate="1" iterateCount="10000" iterateDelta="0.01"): every cell matches', async () => {
    const v = await bookVerdicts('dgorissen__pycel/tests__fixtures__circular.xlsx');
    expect(v).toHaveLength(6);
    expect(mismatches(v)).toEqual([]);
  });

  test('formulas circular.xlsx (no iteration): every cell matches but seven, whose values depend on the order Excel happened to calculate in', async () => {
    const v = await bookVerdicts('vinci1it2000__formulas/test__test_files__circular.xlsx');
    expect(v).toHaveLength(53);
    // Row 8: the array formula D8:D9 =IF(A8:A9,B8:B9,1) sits in a circular chain (B8 → C8 → D8). With A8:A9
    // FALSE no element reads B8:B9, yet Excel left the whole chain uncalculated (0); the same construct on
    // row 10 it calculated element by element ({1;0;1}), as the engine does on both rows. Excel's result here
    // follows the order it happened to calculate in, which the file does not record.
    const orderDependent = ['B8', 'B9', 'C8', 'C9', 'D8', 'E8', 'E9'];
    expect(v.filter((x) => x.verdict !== 'matches').map((x) => x.cell.address).sort()).toEqual(orderDependent);
    expect(mismatches(v.filter((x) => !orderDependent.includes(x.cell.address)))).toEqual([]);
  });
});
