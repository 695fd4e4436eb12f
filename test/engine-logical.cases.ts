/**
 * Excel's logical functions (src/engine/excel/logical.ts): every corpus cell
 * calling one of them matches the value Excel saved, except the cells listed
 * in KNOWN with the reason (each owned elsewhere); and the examples
 * Microsoft's function reference states come out as stated.
 */
import { createEngine, evaluate, register } from '../src/engine/index';
import { bookVerdicts, calling, CellVerdict, excelCorpusAvailable, mismatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS) is missing under CI');
const withCorpus = corpus ? describe : describe.skip;


const FUNCTIONS = ['AND', 'OR', 'XOR', 'IF', 'IFS', 'IFERROR', 'IFNA', 'SWITCH'];

/** Book (name suffix) → the functions of this family its cells call. */
const BOOKS: Record<string, string[]> = {
  'tests__fixtures__logical.xlsx': FUNCTIONS,
  'LOGICAL__IFERROR.xlsx': ['IFERROR', 'IFNA'],
  'LOGICAL__IF_ARRAY.xlsx': ['IF'],
};

const NULL_TYPED = '#NULL! typed in a cell is read as text (the reader)';
/** Cells that still differ for a reason outside this family: "book|Sheet!A1" → why. */
const KNOWN: Record<string, string> = {
  ...Object.fromEntries(['C8', 'D8', 'E8', 'F8', 'G8', 'H8', 'I8', 'J8', 'K8', 'D31', 'E31', 'J31', 'N31', 'O31'].map((a) => [`tests__fixtures__logical.xlsx|Logical!${a}`, NULL_TYPED])),
  ...Object.fromEntries(['C8', 'D8', 'E8', 'F8', 'G8'].map((a) => [`tests__fixtures__logical.xlsx|Switch!${a}`, NULL_TYPED])),
  'LOGICAL__IFERROR.xlsx|Sheet1!C13': 'SUMM, a function Excel does not have either: the engine reports the cell unsupported instead of #NAME?',
  'LOGICAL__IFERROR.xlsx|Sheet1!C14': 'SUMM, a function Excel does not have either: the engine reports the cell unsupported instead of #NAME?',
  'LOGICAL__IFERROR.xlsx|Sheet1!C20': 'XYZ, a function Excel does not have either: the engine reports the cell unsupported instead of #NAME?',
};

const unexplained = (book: string, cells: CellVerdict[]) => mismatches(cells.filter((v) => !KNOWN[`${book}|${v.cell.sheet}!${v.cell.address}`]));

withCorpus('every corpus cell calling a logical function matches the value Excel saved', () => {
  beforeAll(() => register());
  for (const [book, functions] of Object.entries(BOOKS)) {
    describe(book, () => {
      let verdicts: CellVerdict[];
      beforeAll(async () => {
        verdicts = await bookVerdicts(book);
      }, 60_000);
      test(functions.join(', '), () => {
        const cells = calling(verdicts, ...functions);
        expect(cells.length).toBeGreaterThan(0);
        expect(unexplained(book, cells)).toEqual([]);
      });
    });
  }

  // The Python `formulas` project's grid: each function over numbers, blank, text, TRUE and every error,
  // one input per cell in columns R:AF. Column AD reads #NULL! (typed, read as text by the reader), and the
  // columns after AF are legacy array formulas (implicit intersection, #N/A padding): both are owned elsewhere.
  test('test__test_files__test.xlsx, single-value cells of the LOGICAL sheet', async () => {
    const verdicts = await bookVerdicts('test__test_files__test.xlsx');
    const single = (a: string) => /^([R-Z]|A[A-C]|A[EF])$/.test(a.replace(/\d+/g, ''));
    const cells = calling(verdicts, ...FUNCTIONS).filter((v) => v.cell.sheet === 'LOGICAL' && single(v.cell.address));
    expect(cells.length).toBeGreaterThan(50);
    expect(mismatches(cells)).toEqual([]);
    // And the direct-argument cases Excel saved beside them (AND(TRUE,"0") is TRUE: text given directly is skipped).
    const direct = verdicts.filter((v) => v.cell.sheet === 'LOGICAL' && /^A[O-T]\d+$/.test(v.cell.address) && /^(AND|OR|_xlfn\.XOR)\(/.test(v.cell.formula.replace(/^=/, '')));
    expect(direct.length).toBeGreaterThan(5);
    expect(mismatches(direct)).toEqual([]);
  }, 180_000);
});

function value(formula: string): unknown {
  const r = evaluate(formula);
  if ('error' in r) return r.error;
  return r.value;
}

describe("Microsoft's function reference examples", () => {
  beforeAll(() => register());

  test('AND, OR, XOR', () => {
    expect(value('=AND(TRUE,TRUE)')).toBe(true);
    expect(value('=AND(TRUE,FALSE)')).toBe(false);
    expect(value('=AND(2+2=4,2+3=5)')).toBe(true);
    expect(value('=OR(1+1=1,2+2=5)')).toBe(false);
    expect(value('=OR(TRUE,FALSE,TRUE)')).toBe(true);
    expect(value('=XOR(3>0,2<9)')).toBe(false);
    expect(value('=XOR(3>12,4>6)')).toBe(false);
    expect(value('=XOR(3>0,4<6,5=5)')).toBe(true);
    // "If the specified range contains no logical values, AND returns the #VALUE! error value."
    expect(value('=AND({"a","b"})')).toBe('#VALUE!');
  });

  test('IF, IFS, SWITCH', () => {
    expect(value('=IF(2>1,"Over Budget","OK")')).toBe('Over Budget');
    expect(value('=IF(1>2,"Over Budget")')).toBe(false);
    expect(value('=IFS(85>89,"A",85>79,"B",85>69,"C",TRUE,"F")')).toBe('B');
    expect(value('=IFS(1>2,"A")')).toBe('#N/A');
    expect(value('=SWITCH(WEEKDAY(DATE(2025,1,1)),1,"Sunday",2,"Monday",3,"Tuesday","No match")')).toBe('No match');
    expect(value('=SWITCH(WEEKDAY(DATE(2025,1,5)),1,"Sunday",2,"Monday",3,"Tuesday","No match")')).toBe('Sunday');
    expect(value('=SWITCH(99,1,"Sunday",2,"Monday",3,"Tuesday")')).toBe('#N/A');
  });

  test('IFERROR, IFNA', () => {
    expect(value('=IFERROR(210/35,"Error in calculation")')).toBe(6);
    expect(value('=IFERROR(55/0,"Error in calculation")')).toBe('Error in calculation');
    expect(value('=IFNA(NA(),"Not found")')).toBe('Not found');
    expect(value('=IFNA(1/0,"Not found")')).toBe('#DIV/0!');
  });
});

describe('a reference in parentheses is still a reference', () => {
  // Excel skips text in a reference given to AND/OR/XOR, and (A1) is the reference A1: with only the
  // text "TRUE" there, there is no logical value at all (#VALUE!), whereas the text given directly counts.
  test('AND((A1)) skips the text A1 holds, as AND(A1) does; AND("TRUE") reads it', () => {
    const hf = createEngine({ S: [["'TRUE", '=AND((A1))', '=AND(A1)', '=AND("TRUE")', '=OR(((A1)),FALSE)']] });
    try {
      const row = (hf.getSheetValues(0)[0] as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v));
      expect(row).toEqual(['#VALUE!', '#VALUE!', true, false]);
    } finally {
      hf.destroy();
    }
  });
});
