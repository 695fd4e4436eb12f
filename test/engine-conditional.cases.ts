/**
 * Excel's criteria functions (src/engine/excel/conditional.ts): every corpus
 * cell calling COUNTIF, COUNTIFS, SUMIF, SUMIFS, AVERAGEIF, AVERAGEIFS, MAXIFS
 * or MINIFS matches the value Excel saved (blank and error criteria, "<=TRUE",
 * errors in the value range, array criteria), and the examples Microsoft's
 * function reference states come out as stated.
 */
import { HyperFormula } from 'hyperformula';
import { createEngine, register } from '../src/engine/index';
import { toEngineFormula } from '../src/engine/formula';
import { bookVerdicts, calling, CellVerdict, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS) is missing under CI');
const withCorpus = corpus ? describe : describe.skip;

const FUNCTIONS = ['COUNTIF', 'COUNTIFS', 'SUMIF', 'SUMIFS', 'AVERAGEIF', 'AVERAGEIFS', 'MAXIFS', 'MINIFS'];

withCorpus('every corpus cell calling a criteria function matches the value Excel saved', () => {
  register();
  describe('formulas test__test_files__test.xlsx (blank, error and "<=TRUE" criteria, errors in the value range, array criteria)', () => {
    let verdicts: CellVerdict[];
    beforeAll(async () => {
      verdicts = await bookVerdicts('vinci1it2000__formulas/test__test_files__test.xlsx');
    }, 120_000);
    for (const fn of FUNCTIONS) {
      test(fn, () => {
        const cells = calling(verdicts, fn);
        expect(cells.length).toBeGreaterThanOrEqual(15);
        expect(mismatches(cells)).toEqual([]);
      });
    }
  });
});

/** A sheet S with `rows` and then one formula per row in column A below them; returns each formula's value. */
function values(rows: (string | number | boolean | null)[][], formulas: string[]): unknown[] {
  const all = [...rows, ...formulas.map((f) => [f])];
  const hf: HyperFormula = createEngine({ S: all.map((r) => r.map((c) => (typeof c === 'string' && c.startsWith('=') ? toEngineFormula(c) : c))) });
  return formulas.map((_, i) => {
    const v = hf.getCellValue({ sheet: 0, row: rows.length + i, col: 0 });
    return typeof v === 'object' && v !== null && 'value' in v ? (v as { value: string }).value : v;
  });
}

function check(name: string, rows: (string | number | boolean | null)[][], examples: [string, unknown][]): void {
  describe(name, () => {
    register();
    const got = values(rows, examples.map(([f]) => f));
    for (const [i, [formula, expected]] of examples.entries()) {
      test(`${formula} is ${expected}`, () => {
        if (typeof expected === 'number') expect(got[i]).toBeCloseTo(expected, 9);
        else expect(got[i]).toBe(expected);
      });
    }
  });
}

// Data start in row 1 here (Microsoft's tables start in row 2 under a header): A1:B4.
check("Microsoft's COUNTIF examples (apples, oranges, peaches, apples)", [
  ['apples', 32],
  ['oranges', 54],
  ['peaches', 75],
  ['apples', 86],
], [
  ['=COUNTIF(A1:A4,"apples")', 2],
  ['=COUNTIF(A1:A4,A3)', 1],
  ['=COUNTIF(A1:A4,A1)+COUNTIF(A1:A4,A2)', 3],
  ['=COUNTIF(B1:B4,">55")', 2],
  ['=COUNTIF(B1:B4,"<>"&B3)', 3],
  ['=COUNTIF(B1:B4,">=32")-COUNTIF(B1:B4,">85")', 3],
  ['=COUNTIF(A1:A4,"*")', 4],
  ['=COUNTIF(A1:A4,"?????es")', 2],
]);

check("Microsoft's SUMIF and AVERAGEIF examples (property values and commissions)", [
  [100000, 7000],
  [200000, 14000],
  [300000, 21000],
  [400000, 28000],
], [
  ['=SUMIF(A1:A4,">160000",B1:B4)', 63000],
  ['=SUMIF(A1:A4,">160000")', 900000],
  ['=SUMIF(A1:A4,300000,B1:B4)', 21000],
  ['=SUMIF(A1:A4,">"&A3,B1:B4)', 28000],
  ['=AVERAGEIF(B1:B4,"<23000")', 14000],
  ['=AVERAGEIF(A1:A4,"<250000")', 150000],
  ['=AVERAGEIF(A1:A4,"<95000")', '#DIV/0!'],
  ['=AVERAGEIF(A1:A4,">250000",B1:B4)', 24500],
  // SUMIF's sum_range is read from its top-left cell in the shape of range (Microsoft: "uses the top left cell").
  ['=SUMIF(A1:A4,">250000",B1)', 49000],
]);

check("Microsoft's SUMIFS, COUNTIFS and AVERAGEIFS examples (fruit sold by salesperson)", [
  [5, 'Apples', 'Tom'],
  [4, 'Apples', 'Sarah'],
  [15, 'Artichokes', 'Tom'],
  [3, 'Artichokes', 'Sarah'],
  [22, 'Bananas', 'Tom'],
  [12, 'Bananas', 'Sarah'],
  [10, 'Carrots', 'Tom'],
  [33, 'Carrots', 'Sarah'],
], [
  ['=SUMIFS(A1:A8,B1:B8,"=A*",C1:C8,"Tom")', 20],
  ['=SUMIFS(A1:A8,B1:B8,"<>Bananas",C1:C8,"Tom")', 30],
  ['=COUNTIFS(B1:B8,"A*",C1:C8,"Sarah")', 2],
  ['=AVERAGEIFS(A1:A8,C1:C8,"Tom",A1:A8,">5")', 47 / 3],
  // The *IFS functions need ranges of one shape.
  ['=SUMIFS(A1:A8,B1:B7,"Apples")', '#VALUE!'],
]);

check("Microsoft's MAXIFS and MINIFS examples (grades and weights)", [
  [89, 1],
  [93, 2],
  [96, 2],
  [85, 3],
  [91, 1],
  [88, 1],
], [
  ['=MAXIFS(A1:A6,B1:B6,1)', 91],
  ['=MINIFS(A1:A6,B1:B6,1)', 88],
  ['=MAXIFS(A1:A6,B1:B6,9)', 0],
]);

check('wildcards: ~ makes * and ? literal; text is matched whole and case-insensitively', [
  ['a*b', 1],
  ['axxb', 2],
  ['A?B', 4],
  ['ab', 8],
], [
  ['=SUMIF(A1:A4,"a~*b",B1:B4)', 1],
  ['=SUMIF(A1:A4,"a*b",B1:B4)', 15],
  ['=SUMIF(A1:A4,"a~?b",B1:B4)', 4],
  ['=SUMIF(A1:A4,"a?b",B1:B4)', 5],
  ['=SUMIF(A1:A4,"AB",B1:B4)', 8],
  ['=COUNTIF(A1:A4,"<>a*")', 0],
]);
