/**
 * Information functions against the values Excel saved in the real-Excel
 * corpus and the examples Microsoft's function reference states.
 */
import { createEngine } from '../src/engine';
import { toEngineFormula } from '../src/engine/formula';
import { withWorkbookFormulas } from '../src/engine/spillHints';
import { allMatch, bookVerdicts, calling, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus is missing (set LLM_MARKET_EXCEL_CORPUS)');
const withCorpus = corpus ? describe : describe.skip;

withCorpus('against the values Excel saved', () => {
  jest.setTimeout(60_000);
  test('TYPE', () => allMatch('INFORMATION__TYPE.xlsx', 'TYPE'));
  test('ERROR.TYPE (the formulas project\'s test book)', () => allMatch('test__test_files__test.xlsx', 'ERROR.TYPE'), 300_000);
  test('pycel information.xlsx: CELL("contents"), ISODD, ISEVEN and the IS functions', () =>
    allMatch('dgorissen__pycel/tests__fixtures__information.xlsx', 'CELL', 'ISODD', 'ISEVEN', 'ISBLANK', 'ISERR', 'ISERROR', 'ISLOGICAL', 'ISNA', 'ISNONTEXT', 'ISNUMBER', 'ISTEXT'));
  test('FORMULATEXT (every cell but the one reading a formula HyperFormula rewrites, which needs the loader: below)', async () => {
    const cells = calling(await bookVerdicts('INFORMATION__FORMULATEXT.xlsx'), 'FORMULATEXT').filter((v) => !/OFFSET/.test(String(v.cell.saved)));
    expect(cells.length).toBeGreaterThan(10);
    expect(mismatches(cells)).toEqual([]);
  });
});

type Row = (string | number | boolean | null)[];
/** The value of the last cell of row `rows.length-1`, the sheet holding `rows` (formulas as Excel stores them). */
function values(rows: Row[]): unknown[] {
  const data = rows.map((r) => r.map((c) => (typeof c === 'string' && c.startsWith('=') ? toEngineFormula(c) : c)));
  const hf = createEngine({ S: data });
  try {
    const last = data.length - 1;
    return data[last].map((_, col) => {
      const v = hf.getCellValue({ sheet: 0, row: last, col });
      return v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v;
    });
  } finally {
    hf.destroy();
  }
}

describe("Microsoft's documented examples", () => {
  // https://support.microsoft.com/office/type-function-45b4e688-4bc3-48b3-a105-ffa892995899
  test('TYPE', () => {
    expect(values([['Smith', '=TYPE(A1)', '=TYPE("MR. "&A1)', '=TYPE(2+A1)', '=TYPE({1,2;3,4})', '=TYPE(TRUE)', '=TYPE(1)']])).toEqual(['Smith', 2, 2, 16, 64, 4, 1]);
  });

  // https://support.microsoft.com/office/error-type-function-10958677-7c8d-44f7-ae77-b9a9ee6eefaa
  test('ERROR.TYPE', () => {
    expect(values([['=1/0', '=ERROR.TYPE(A1)', '=ERROR.TYPE(NA())', '=ERROR.TYPE(1)']])).toEqual(['#DIV/0!', 2, 7, '#N/A']);
  });

  // https://support.microsoft.com/office/cell-function-51bd39a5-f338-4dbe-a33f-955d67c2b2cf
  test('CELL', () => {
    expect(values([[75, 'Hello, world!'], ['=CELL("row",A20)', '=CELL("contents",A1)', '=CELL("type",A5)', '=CELL("address",C7)', '=CELL("col",D1)', '=CELL("type",B1)']])).toEqual([20, 75, 'b', '$C$7', 4, 'l']);
  });

  test('CELL("filename") is not made up: #N/A saying why', () => {
    expect(values([[1, '=CELL("filename",A1)']])).toEqual([1, '#N/A']);
  });

  // https://support.microsoft.com/office/isodd-function-1208a56d-4f10-4f44-a5fc-648cafd6c07a
  test('ISODD and ISEVEN', () => {
    expect(values([['=ISODD(-1)', '=ISODD(2.5)', '=ISODD(5)', '=ISEVEN(-1)', '=ISEVEN(2.5)', '=ISEVEN(5)', '=ISEVEN(0)', '=ISODD(TRUE)']])).toEqual([true, false, true, false, true, false, true, '#VALUE!']);
  });

  // https://support.microsoft.com/office/formulatext-function-0a786771-54fd-4ae2-96ee-09cda35439c8
  test('FORMULATEXT gives the text Excel saved, even where the engine re-reads the formula differently', () => {
    const saved = new Map([['0,0,1', '_xlfn.FORMULATEXT(OFFSET(A1,2,1))']]);
    const hf = withWorkbookFormulas(
      (at) => saved.get(`${at.sheet},${at.row},${at.col}`),
      () => createEngine({ S: [['=SUM(1,2)', '=B3', '=FORMULATEXT(B1)', '=FORMULATEXT(A1)', '=FORMULATEXT(C2)']] }),
    );
    try {
      const v = (col: number) => {
        const x = hf.getCellValue({ sheet: 0, row: 0, col });
        return x && typeof x === 'object' && 'value' in x ? (x as { value: unknown }).value : x;
      };
      expect([v(2), v(3), v(4)]).toEqual(['=FORMULATEXT(OFFSET(A1,2,1))', '=SUM(1,2)', '#N/A']);
    } finally {
      hf.destroy();
    }
  });
});
