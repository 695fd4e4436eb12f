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

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error(`the real-Excel corpus is missing: ${EXCEL_CORPUS_DIR}`);
(corpus ? describe : describe.skip)('corpus cells with #N/A literals', () => {
  test('test.xlsx: #N/A in arguments and array constants parses and matches Excel', async () => {
    const verdicts = await bookVerdicts('test__test_files__test.xlsx');
    const cells = ['CORE!Q9', 'FINANCIAL!Z26', 'FINANCIAL!U54', 'FINANCIAL!V54', 'FINANCIAL!AA54'];
    const got = cells.map((k) => {
      const v = verdicts.find((x) => `${x.cell.sheet}!${x.cell.address}` === k);
      return `${k} ${v?.verdict}${v?.verdict === 'matches' ? '' : ` (${v?.detail})`}`;
    });
    expect(got).toEqual(cells.map((k) => `${k} matches`));
  }, 300_000);
});
