/**
 * Excel's database functions (src/engine/excel/database.ts): every corpus
 * cell calling one of them matches the value Excel saved, and the examples
 * Microsoft's function reference states (the orchard table of the DSUM,
 * DAVERAGE, DCOUNT … pages) come out as stated.
 */
import { HyperFormula } from 'hyperformula';
import { createEngine, register } from '../src/engine/index';
import { toEngineFormula } from '../src/engine/formula';
import { bookVerdicts, calling, CellVerdict, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS) is missing under CI');
const withCorpus = corpus ? describe : describe.skip;

withCorpus('every corpus cell calling a database function matches the value Excel saved', () => {
  register();
  describe('IronCalc DATABASE__DCOUNT_DCOUNTA_DGET_DPRODUCT.xlsx (labels as numbers and logicals, missing labels, wildcards, begins-with text, blanks)', () => {
    let verdicts: CellVerdict[];
    beforeAll(async () => {
      verdicts = await bookVerdicts('DATABASE__DCOUNT_DCOUNTA_DGET_DPRODUCT.xlsx');
    }, 60_000);
    for (const fn of ['DCOUNT', 'DCOUNTA', 'DGET', 'DPRODUCT']) {
      test(fn, () => {
        const cells = calling(verdicts, fn);
        expect(cells.length).toBeGreaterThan(10);
        expect(mismatches(cells)).toEqual([]);
      });
    }
    test('DPRODUCT with a criteria label the database lacks is 0 (no record matches), not the product of every record', () => {
      const cell = verdicts.find((v) => v.cell.sheet === 'DPRODUCT' && v.cell.address === 'B27')!;
      expect(cell.cell.formula).toBe('=DPRODUCT($A$1:$H$11,$F$1,D14:D15)');
      expect(cell.verdict).toBe('matches');
      expect(cell.cell.value).toBe(0);
    });
  });
});

/** Microsoft's orchard example (DSUM, DAVERAGE, DCOUNT, DGET … pages), in A1:F11: criteria in A1:F3, the list in A5:E11. */
function orchard(formulas: string[]): HyperFormula {
  const rows: (string | number | null)[][] = [
    ['Tree', 'Height', 'Age', 'Yield', 'Profit', 'Height'],
    ['="=Apple"', '>10', null, null, null, '<16'],
    ['="=Pear"', null, null, null, null, null],
    [null, null, null, null, null, null],
    ['Tree', 'Height', 'Age', 'Yield', 'Profit', null],
    ['Apple', 18, 20, 14, 105, null],
    ['Pear', 12, 12, 10, 96, null],
    ['Cherry', 13, 14, 9, 105, null],
    ['Apple', 14, 15, 10, 75, null],
    ['Pear', 9, 8, 8, 77, null],
    ['Apple', 8, 9, 6, 45, null],
    ...formulas.map((f) => [f, null, null, null, null, null]),
  ];
  return createEngine({ S: rows.map((r) => r.map((c) => (typeof c === 'string' && c.startsWith('=') ? toEngineFormula(c) : c))) });
}

describe("Microsoft's examples: the orchard table", () => {
  register();
  const examples: [string, unknown][] = [
    ['=DSUM(A5:E11,"Profit",A1:A2)', 225],
    ['=DSUM(A5:E11,"Profit",A1:F3)', 248],
    ['=DAVERAGE(A5:E11,"Yield",A1:B2)', 12],
    ['=DAVERAGE(A5:E11,3,A5:E11)', 13],
    ['=DCOUNT(A5:E11,"Age",A1:F2)', 1],
    ['=DCOUNTA(A5:E11,"Profit",A1:F2)', 1],
    ['=DMAX(A5:E11,"Profit",A1:F3)', 96],
    ['=DMIN(A5:E11,"Profit",A1:B2)', 75],
    ['=DPRODUCT(A5:E11,"Yield",A1:F3)', 800],
    ['=DGET(A5:E11,"Yield",A1:A3)', '#NUM!'],
    ['=DGET(A5:E11,"Yield",A1:F2)', 10],
    ['=DSTDEV(A5:E11,"Yield",A1:A3)', 2.96647939483827],
    ['=DSTDEVP(A5:E11,"Yield",A1:A3)', 2.65329983228432],
    ['=DVAR(A5:E11,"Yield",A1:A3)', 8.8],
    ['=DVARP(A5:E11,"Yield",A1:A3)', 7.04],
  ];
  const hf = orchard(examples.map(([f]) => f));
  for (const [i, [formula, expected]] of examples.entries()) {
    test(`${formula} is ${expected}`, () => {
      const v = hf.getCellValue({ sheet: 0, row: 11 + i, col: 0 });
      if (typeof expected === 'number') expect(v).toBeCloseTo(expected, 10);
      else expect((v as { value: string }).value).toBe(expected);
    });
  }
  test('text without an operator matches text that begins with it; "=text" only the whole text', () => {
    const hf2 = createEngine({
      S: [
        ['Name', 'N', 'Name', 'Name'],
        ['Pea', 1, 'Pea', toEngineFormula('="=Pea"')],
        ['Pear', 2, null, null],
        ['Peach', 4, null, null],
        ['Apple', 8, null, null],
        [toEngineFormula('=DSUM(A1:B5,"N",C1:C2)'), toEngineFormula('=DSUM(A1:B5,2,D1:D2)'), toEngineFormula('=DSUM(A1:B5,"n",C1:C1)'), null],
      ],
    });
    expect(hf2.getCellValue({ sheet: 0, row: 5, col: 0 })).toBe(7);
    expect(hf2.getCellValue({ sheet: 0, row: 5, col: 1 })).toBe(1);
    // A criteria range of labels only selects every record.
    expect(hf2.getCellValue({ sheet: 0, row: 5, col: 2 })).toBe(15);
  });
});
