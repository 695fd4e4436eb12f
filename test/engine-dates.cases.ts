/**
 * Excel's date functions (src/engine/excel/dateTime.ts, calendar in
 * dayCount.ts): every corpus cell calling one of them matches the value Excel
 * saved, and the examples Microsoft's function reference states come out as
 * stated, in both date systems.
 *
 * Cells where Excel saved #NULL! are left out: they get it from a #NULL!
 * typed in an input cell, which is the workbook reader's business (issue 16,
 * Build 3), not these functions'.
 */
import { createEngine, DATE1904_CONFIG, evaluate, evaluateMany, register } from '../src/engine/index';
import { bookVerdicts, calling, CellVerdict, excelCorpusAvailable, mismatches, everyCellMatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS) is missing under CI');
const withCorpus = corpus ? describe : describe.skip;

/** Book (name suffix) → the functions of this family its cells call. */
const BOOKS: Record<string, string[]> = {
  'DATE_AND_TIME__DATE.xlsx': ['DATE'],
  'DATE_AND_TIME__DAYS_DAYS360.xlsx': ['DAYS', 'DAYS360'],
  'DATE_AND_TIME__YEARFRAC.xlsx': ['YEARFRAC'],
  'tests__fixtures__yearfrac.xlsx': ['YEARFRAC'],
  'tests__fixtures__date-time.xlsx': ['DAY', 'MONTH', 'YEAR', 'EDATE', 'EOMONTH'],
  'docs__DAY.xlsx': ['DAY'],
  'docs__MONTH.xlsx': ['MONTH'],
};

const notNull = (v: CellVerdict[]) => v.filter((c) => c.cell.saved !== '#NULL!');

withCorpus('every corpus cell calling a date function matches the value Excel saved', () => {
  register();
  everyCellMatches(BOOKS, notNull);
});

function value(formula: string): unknown {
  const r = evaluate(formula);
  if ('error' in r) return r.error;
  return r.value;
}

/** A number as Microsoft's reference prints it: equal to every decimal printed (within half a unit of the last). */
function near(formula: string, printed: number): void {
  const actual = value(formula);
  expect(typeof actual).toBe('number');
  const decimals = (String(printed).split('.')[1] ?? '').length;
  expect(Math.abs((actual as number) - printed)).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9));
}

describe("Microsoft's function reference examples", () => {
  beforeAll(() => register());

  test('DATE: years 0–1899 count from 1900, months and days overflow', () => {
    expect(value('=DATE(108,1,2)')).toBe(39449); // 2008-01-02
    expect(value('=DATE(2008,14,2)')).toBe(39846); // 2009-02-02
    expect(value('=DATE(2008,-3,2)')).toBe(39327); // 2007-09-02
    expect(value('=DATE(2008,1,35)')).toBe(39482); // 2008-02-04
    expect(value('=DATE(2008,1,-15)')).toBe(39432); // 2007-12-16
    expect(value('=DATE(10000,1,1)')).toBe('#NUM!');
    expect(value('=DATE(1900,2,29)')).toBe(60); // Excel's phantom day
  });

  test('DAY, MONTH, YEAR, including serial 0 (1900-01-00) and the limits', () => {
    expect(value('=DAY(DATE(2011,4,15))')).toBe(15);
    expect(value('=MONTH(DATE(2011,4,15))')).toBe(4);
    expect(value('=YEAR(DATE(2008,7,5))')).toBe(2008);
    expect([value('=DAY(0)'), value('=MONTH(0)'), value('=YEAR(0)')]).toEqual([0, 1, 1900]);
    expect(value('=DAY(60)')).toBe(29);
    expect(value('=DAY(2958466)')).toBe('#NUM!');
    expect(value('=DAY(-1)')).toBe('#NUM!');
  });

  test('DAYS, DAYS360', () => {
    expect(value('=DAYS(DATE(2021,3,15),DATE(2021,2,1))')).toBe(42);
    // US method: an end on the 31st moves to the 1st of the next month when the start is before the 30th.
    expect(value('=DAYS360(DATE(2011,1,1),DATE(2011,1,31))')).toBe(30);
    expect(value('=DAYS360(DATE(2011,1,1),DATE(2011,1,31),TRUE)')).toBe(29);
  });

  test('EDATE, EOMONTH', () => {
    expect(value('=EDATE(DATE(2011,1,15),1)')).toBe(40589);
    expect(value('=EDATE(DATE(2011,1,15),-1)')).toBe(40527);
    expect(value('=EDATE(DATE(2011,1,15),2)')).toBe(40617);
    expect(value('=EOMONTH(DATE(2011,1,1),1)')).toBe(40602);
    expect(value('=EOMONTH(DATE(2011,1,1),-3)')).toBe(40482);
  });

  test('YEARFRAC in each basis; a bad basis, a logical or a date out of range is an error', () => {
    near('=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30))', 0.58055556);
    near('=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),1)', 0.57650273);
    near('=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),3)', 0.57808219);
    expect(value('=YEARFRAC(1,200,5)')).toBe('#NUM!');
    expect(value('=YEARFRAC(1,200,TRUE)')).toBe('#VALUE!');
    expect(value('=YEARFRAC(-1,200,0)')).toBe('#NUM!');
    expect(value('=YEARFRAC(1,2958466,0)')).toBe('#NUM!');
  });

  test('WEEKNUM, DATEDIF', () => {
    expect(value('=WEEKNUM(DATE(2012,3,9))')).toBe(10);
    expect(value('=WEEKNUM(DATE(2012,3,9),2)')).toBe(11);
    expect(value('=WEEKNUM(0)')).toBe(0);
    expect(value('=WEEKNUM(TRUE)')).toBe('#VALUE!');
    expect(value('=DATEDIF(DATE(2001,1,1),DATE(2003,1,1),"Y")')).toBe(2);
    expect(value('=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),"D")')).toBe(440);
    expect(value('=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),"YD")')).toBe(75);
    expect(value('=DATEDIF(DATE(2003,1,1),DATE(2001,1,1),"Y")')).toBe('#NUM!');
  });

  test('EDATE, EOMONTH and YEARFRAC refuse a reference to several cells but compute over an array', () => {
    expect(value('=EDATE(B1:B2,1)')).toBe('#VALUE!');
    expect(value('=EOMONTH(B1:B2,1)')).toBe('#VALUE!');
    expect(value('=EDATE({1;2}+0,1)')).toEqual([[32], [33]]);
  });

  test('the 1904 date system', () => {
    const engine = createEngine({}, DATE1904_CONFIG);
    const out = evaluateMany(['=DAY(0)', '=DATE(1904,1,1)', '=DATE(1903,12,31)', '=EOMONTH(0,1)', '=YEAR(2957003)'], engine).map((r) => ('error' in r ? r.error : r.value));
    engine.destroy();
    expect(out).toEqual([1, 0, '#NUM!', 59, 9999]);
  });
});
