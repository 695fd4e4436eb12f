/**
 * Issue 16: formulas the engine's parser used to reject because a plan-stage
 * rewrite broke them, on workbooks written the way Excel writes them
 * (workbookXml.ts) and on the real-Excel corpus cells.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { calcWorkbook, differences, FormulaCell } from '../src/engine/workbook';
import { EXCEL_CORPUS_DIR, bookVerdicts, excelCorpusAvailable } from './helpers/excelCorpus';
import { BookSpec, writeXlsxFile } from './workbookXml';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-parse-'));
let n = 0;
const book = (spec: BookSpec) => writeXlsxFile(path.join(tmp, `p${++n}.xlsx`), spec);
const at = (cells: FormulaCell[], address: string) => {
  const c = cells.find((x) => x.address === address);
  if (!c) throw new Error(`no formula cell ${address}`);
  return c;
};

describe('the error literal #N/A in a book with a defined name A (or N)', () => {
  // A workbook-level name "A" must not be written into the A of #N/A (it was: #N/S!$B$2:$C$3,
  // which the parser refuses as an unknown error literal). Values as Excel computes them:
  // ISERR is TRUE for every error but #N/A; ISNA only for #N/A; an array constant may hold errors.
  const spec: BookSpec = {
    sheets: [
      {
        name: 'S',
        rows:
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>' +
          '<row r="2"><c r="A2" t="b"><f>ISERR(#N/A)</f><v>0</v></c><c r="B2" t="b"><f>ISNA(#N/A)</f><v>1</v></c>' +
          '<c r="C2"><f>SUM(A)+N</f><v>13</v></c><c r="D2" t="e"><f>INDEX({1,#N/A},1,2)</f><v>#N/A</v></c>' +
          '<c r="E2" t="b"><f>ISERR(#DIV/0!)</f><v>1</v></c><c r="F2" t="e"><f>IF(A1&gt;0,#N/A,1)</f><v>#N/A</v></c></row>',
      },
    ],
    names: '<definedName name="A">S!$A$1:$B$1</definedName><definedName name="N">10</definedName>',
  };

  test('parses and matches what Excel saved', async () => {
    const { cells } = await calcWorkbook(book(spec));
    expect(cells.filter((c) => c.unsupported).map((c) => `${c.address}: ${c.unsupported!.reason}`)).toEqual([]);
    expect(differences(cells)).toEqual([]);
    expect(at(cells, 'A2').value).toBe(false);
    expect(at(cells, 'B2').value).toBe(true);
    expect(at(cells, 'C2').value).toBe(13);
  });
});

describe('the intersection operator (a space) and range-operator chains on literal ranges', () => {
  // Excel: B1:C2 B2:D3 is the cells in both (B2:C2); ranges that do not cross give #NULL!;
  // A1:A2:C1 is the smallest range holding them (A1:C2). A space inside a string is text.
  const spec: BookSpec = {
    strings: ['A1 B2'],
    sheets: [
      {
        name: 'S',
        rows:
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>' +
          '<row r="2"><c r="A2"><v>10</v></c><c r="B2"><v>20</v></c><c r="C2"><v>30</v></c><c r="D2"><v>40</v></c></row>' +
          '<row r="3"><c r="A3"><v>100</v></c><c r="B3"><v>200</v></c><c r="C3"><v>300</v></c><c r="D3"><v>400</v></c></row>' +
          '<row r="5"><c r="A5"><f>SUM(B1:C2 B2:D3)</f><v>50</v></c><c r="B5" t="e"><f>SUM(A1:A2 C1:D3)</f><v>#NULL!</v></c>' +
          '<c r="C5"><f>SUM(A1:A2:C1)</f><v>66</v></c><c r="D5"><f>SUM(A1:A2:C1 B1:D3)</f><v>55</v></c>' +
          '<c r="E5" t="str"><f>"A1 B2"</f><v>A1 B2</v></c><c r="F5"><f>$B$1:$D$3 C1:C3 $A3:$D3</f><v>300</v></c></row>',
      },
    ],
  };

  test('computed at plan time and matching what Excel saved', async () => {
    const { cells } = await calcWorkbook(book(spec));
    expect(cells.filter((c) => c.unsupported).map((c) => `${c.address}: ${c.unsupported!.reason}`)).toEqual([]);
    expect(differences(cells)).toEqual([]);
    expect(at(cells, 'A5').value).toBe(50);
    expect(at(cells, 'B5').value).toBe('#NULL!');
    expect(at(cells, 'C5').value).toBe(66);
    expect(at(cells, 'E5').value).toBe('A1 B2');
  });
});

describe('a defined name holding a LAMBDA is called like a function', () => {
  // Excel: NAME(args) calls the name's LAMBDA with its parameters bound to the arguments;
  // a LAMBDA without parameters is called with (); a name's LAMBDA may call another.
  const spec: BookSpec = {
    sheets: [
      {
        name: 'S',
        rows:
          '<row r="1"><c r="A1"><v>5</v></c><c r="B1"><f>addmul(2,3)</f><v>23</v></c><c r="C1"><f>answer()</f><v>42</v></c>' +
          '<c r="D1"><f>addmul(answer(),A1)+1</f><v>426</v></c><c r="E1"><f>AddMul(A1, "2")</f><v>52</v></c></row>',
      },
    ],
    names:
      '<definedName name="addmul">_xlfn.LAMBDA(_xlpm.x,_xlpm.y,_xlpm.x*10+_xlpm.y)</definedName>' +
      '<definedName name="answer">_xlfn.LAMBDA(42)</definedName>',
  };

  test('evaluates as Excel does', async () => {
    const { cells } = await calcWorkbook(book(spec));
    expect(cells.filter((c) => c.unsupported).map((c) => `${c.address}: ${c.unsupported!.reason}`)).toEqual([]);
    expect(differences(cells)).toEqual([]);
    expect(at(cells, 'B1').value).toBe(23);
    expect(at(cells, 'D1').value).toBe(426);
  });
});

test('an intersection with a parenthesised union is unsupported with the construct named, not as a function "B2"', async () => {
  const spec: BookSpec = {
    sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c><c r="C2"><f>SUM(A1:B2 (A1:A2,B1:B2))</f><v>10</v></c></row>' }],
  };
  const { cells } = await calcWorkbook(book(spec));
  expect(at(cells, 'C2').unsupported?.functions).toEqual([]);
  expect(at(cells, 'C2').unsupported?.reason).toMatch(/^B2 \( is Excel's intersection operator/);
  expect(at(cells, 'C2').value).toBe(10);
});

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error(`the real-Excel corpus is missing: ${EXCEL_CORPUS_DIR}`);
(corpus ? describe : describe.skip)('corpus cells with #N/A literals', () => {
  test('test.xlsx: #N/A in arguments and array constants, and intersections of literal ranges, parse and match Excel', async () => {
    const verdicts = await bookVerdicts('test__test_files__test.xlsx');
    // FINANCIAL!U54 (XIRR with #N/A among the values and #REF! among the dates: Excel #REF!) now
    // parses; which error XIRR gives first is the financial functions' to fix.
    const cells = ['CORE!Q9', 'FINANCIAL!Z26', 'FINANCIAL!V54', 'FINANCIAL!AA54',
      // intersections and range-operator chains of literal ranges
      'CORE!D7', 'CORE!K12', 'LOOKUP!AQ12', 'LOOKUP!AT12', 'LOOKUP!AG12', 'LOOKUP!AG14', 'LOOKUP!AQ112', 'LOOKUP!AT112', 'LOOKUP!AG114', 'LOOKUP!T134',
      // a LAMBDA defined as a name (MYLAMBDA)
      'LOGICAL!R12'];
    const got = cells.map((k) => {
      const v = verdicts.find((x) => `${x.cell.sheet}!${x.cell.address}` === k);
      return `${k} ${v?.verdict}${v?.verdict === 'matches' ? '' : ` (${v?.detail})`}`;
    });
    expect(got).toEqual(cells.map((k) => `${k} matches`));
    const u54 = verdicts.find((x) => x.cell.sheet === 'FINANCIAL' && x.cell.address === 'U54');
    expect(u54?.verdict).not.toBe('unsupported');
  }, 300_000);
});

(corpus ? describe : describe.skip)('corpus: functions defined as LAMBDA names', () => {
  test.each([
    ['xlsx__tests__templates__yearly_calendar.xlsx', 'week', 'cal_month'],
    ['xlsx__tests__templates__event_calendar.xlsx', 'week'],
  ])('%s: every call of %s matches what Excel saved', async (name, ...fns) => {
    const verdicts = (await bookVerdicts(name)).filter((v) => new RegExp(`\\b(${fns.join('|')})\\(`, 'i').test(v.cell.formula));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.filter((v) => v.verdict !== 'matches').map((v) => `${v.cell.sheet}!${v.cell.address} ${v.verdict} ${v.detail}`)).toEqual([]);
  }, 300_000);
});
