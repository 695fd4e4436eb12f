/**
 * Excel's financial functions (src/engine/excel/financial.ts, day counts in
 * dayCount.ts): every corpus cell calling one of them matches the value Excel
 * saved, and the examples Microsoft's function reference states come out as
 * stated.
 */
import { evaluate, register } from '../src/engine/index';
import { bookVerdicts, calling, CellVerdict, excelCorpusAvailable, mismatches, everyCellMatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS) is missing under CI');
const withCorpus = corpus ? describe : describe.skip;

/** Book (name suffix) → the functions of this family its cells call. */
const BOOKS: Record<string, string[]> = {
  'FINANCIAL__accrint_cases.xlsx': ['ACCRINT'],
  'FINANCIAL__ACCRINTM.xlsx': ['ACCRINTM'],
  'FINANCIAL__COUPDAYS.xlsx': ['COUPDAYS', 'COUPDAYBS', 'COUPDAYSNC', 'COUPNCD', 'COUPNUM', 'COUPPCD'],
  'FINANCIAL__DISC.xlsx': ['DISC'],
  'FINANCIAL__INTRATE.xlsx': ['INTRATE'],
  'FINANCIAL__TBILLs.xlsx': ['TBILLEQ', 'TBILLPRICE', 'TBILLYIELD'],
  'FINANCIAL__PMT.xlsx': ['PMT'],
  'FINANCIAL__RATE.xlsx': ['RATE'],
  'FINANCIAL__NPER.xlsx': ['NPER'],
  'tests__fixtures__npv.xlsx': ['NPV'],
};

withCorpus('every corpus cell calling a financial function matches the value Excel saved', () => {
  register();
  everyCellMatches(BOOKS);
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

  test('ACCRINT and ACCRINTM', () => {
    near('=ACCRINT(DATE(2008,3,1),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0)', 16.666667);
    near('=ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0.1,1000,3)', 20.54794521);
  });

  test('the COUP* family (settlement 2011-01-25, maturity 2011-11-15, semiannual, actual/actual)', () => {
    const args = 'DATE(2011,1,25),DATE(2011,11,15),2,1';
    expect(value(`=COUPDAYBS(${args})`)).toBe(71);
    expect(value(`=COUPDAYS(${args})`)).toBe(181);
    expect(value(`=COUPDAYSNC(${args})`)).toBe(110);
    expect(value(`=COUPNCD(${args})`)).toBe(40678); // 2011-05-15
    expect(value(`=COUPPCD(${args})`)).toBe(40497); // 2010-11-15
    expect(value('=COUPNUM(DATE(2007,1,25),DATE(2008,11,15),2,1)')).toBe(4);
  });

  test('discounted securities', () => {
    near('=DISC(DATE(2018,1,25),DATE(2018,6,15),97.975,100,1)', 0.052420213);
    near('=INTRATE(DATE(2008,2,15),DATE(2008,5,15),1000000,1014420,2)', 0.05768);
    near('=PRICEDISC(DATE(2008,2,16),DATE(2008,3,1),0.0525,100,2)', 99.79583);
    near('=YIELDDISC(DATE(2008,2,16),DATE(2008,3,1),99.795,100,2)', 0.052823);
    near('=RECEIVED(DATE(2008,2,15),DATE(2008,5,15),1000000,0.0575,2)', 1014584.654);
    near('=PRICEMAT(DATE(2008,2,15),DATE(2008,4,13),DATE(2007,11,11),0.061,0.061,0)', 99.98449888);
    near('=YIELDMAT(DATE(2008,3,15),DATE(2008,11,3),DATE(2007,11,8),0.0625,100.0123,0)', 0.060954);
  });

  test('coupon bonds: PRICE, YIELD, DURATION, MDURATION', () => {
    near('=PRICE(DATE(2008,2,15),DATE(2017,11,15),0.0575,0.065,100,2,0)', 94.63436);
    near('=YIELD(DATE(2008,2,15),DATE(2016,11,15),0.0575,95.04287,100,2,0)', 0.065);
    near('=DURATION(DATE(2018,7,1),DATE(2048,1,1),0.08,0.09,2,1)', 10.9191453);
    near('=MDURATION(DATE(2008,1,1),DATE(2016,1,1),0.08,0.09,2,1)', 5.73567);
  });

  test('odd first and last periods: ODDFPRICE, ODDFYIELD, ODDLPRICE, ODDLYIELD', () => {
    near('=ODDFPRICE(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,0.0625,100,2,1)', 113.5977);
    near('=ODDFYIELD(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0575,84.5,100,2,0)', 0.0772);
    near('=ODDLPRICE(DATE(2008,2,7),DATE(2008,6,15),DATE(2007,10,15),0.0375,0.0405,100,2,0)', 99.87829);
    near('=ODDLYIELD(DATE(2008,4,20),DATE(2008,6,15),DATE(2007,12,24),0.0375,99.875,100,2,0)', 0.045192);
    expect(value('=ODDLPRICE(DATE(2008,2,7),DATE(2007,10,15),DATE(2008,6,15),0.0375,0.0405,100,2,0)')).toBe('#NUM!');
  });

  test('AMORLINC, AMORDEGRC', () => {
    expect(value('=AMORLINC(2400,DATE(2008,8,19),DATE(2008,12,31),300,1,0.15,1)')).toBeCloseTo(360, 9);
    expect(value('=AMORDEGRC(2400,DATE(2008,8,19),DATE(2008,12,31),300,1,0.15,1)')).toBe(776);
    expect(value('=AMORLINC(2400,DATE(2008,8,19),DATE(2008,12,31),300,1,0.15,2)')).toBe('#NUM!');
  });

  test('treasury bills', () => {
    near('=TBILLEQ(DATE(2008,3,31),DATE(2008,6,1),0.0914)', 0.094151);
    near('=TBILLPRICE(DATE(2008,3,31),DATE(2008,6,1),0.09)', 98.45);
    near('=TBILLYIELD(DATE(2008,3,31),DATE(2008,6,1),98.45)', 0.091417);
  });

  test('VDB', () => {
    near('=VDB(2400,300,10*365,0,1)', 1.32);
    near('=VDB(2400,300,10*12,0,1)', 40.0);
    near('=VDB(2400,300,10,0,1)', 480.0);
    near('=VDB(2400,300,10*12,6,18)', 396.31);
    near('=VDB(2400,300,10*12,6,18,1.5)', 311.81);
    near('=VDB(2400,300,10,0,0.875,1.5)', 315.0);
  });

  test('IRR; an error among the values is #VALUE!, as Excel saves it', () => {
    near('=IRR({-70000,12000,15000,18000,21000})', -0.021245);
    near('=IRR({-70000,12000,15000,18000,21000,26000})', 0.086631);
    near('=IRR({-70000,12000,15000},-0.1)', -0.443507);
    expect(value('=IRR({-70000,12000,15000,18000,21000,26000}/{1,1,1,1,1,0})')).toBe('#VALUE!');
  });

  test('XIRR; a logical guess or a logical among the values is #VALUE!', () => {
    const flows = '{-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904}';
    near(`=XIRR(${flows},0.1)`, 0.3734);
    expect(value(`=XIRR(${flows},TRUE)`)).toBe('#VALUE!');
    expect(value('=XIRR({-10000,2750,TRUE},{39448,39508,39751})')).toBe('#VALUE!');
  });

  test('CUMIPMT, CUMPRINC, XNPV', () => {
    near('=CUMIPMT(0.09/12,30*12,125000,13,24,0)', -11135.23213);
    near('=CUMIPMT(0.09/12,30*12,125000,1,1,0)', -937.5);
    near('=CUMPRINC(0.09/12,30*12,125000,13,24,0)', -934.1071234);
    near('=CUMPRINC(0.09/12,30*12,125000,1,1,0)', -68.27827118);
    near('=XNPV(0.09,{-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904})', 2086.647602);
    expect(value('=CUMIPMT(0.09/12,30*12,125000,13,24,2)')).toBe('#NUM!');
    expect(value('=CUMIPMT(TRUE,30*12,125000,13,24,0)')).toBe('#VALUE!');
  });

  test('NPV: a rate array gives one NPV per rate (a legacy array formula such as {=NPV(C33:G33,C33:G33)})', () => {
    near('=NPV(0.1,-10000,3000,4200,6800)', 1188.44);
    const out = value('=NPV({0.1;0.2},100)') as number[][];
    expect(out.map((r) => r.map((x) => Math.round(x * 1e6) / 1e6))).toEqual([[90.909091], [83.333333]]);
  });

  test('IPMT, PPMT, NPER; a period outside 1…nper is #NUM!', () => {
    near('=IPMT(0.1/12,1,3*12,8000)', -66.67);
    near('=IPMT(0.1,3,3,8000)', -292.45);
    near('=PPMT(0.1/12,1,2*12,2000)', -75.62);
    near('=PPMT(0.08,10,10,200000)', -27598.05);
    near('=NPER(0.12/12,-100,-1000,10000,1)', 59.6738657);
    near('=NPER(0.12/12,-100,-1000,10000)', 60.0821229);
    near('=NPER(0.12/12,-100,-1000)', -9.57859404);
    expect(value('=PPMT(-0.1/12,2,1,4,1)')).toBe('#NUM!');
    expect(value('=NPER(4,2,0,10000,1)')).toBe('#NUM!');
  });

  test('EFFECT, NOMINAL', () => {
    near('=EFFECT(0.0525,4)', 0.05354267);
    near('=NOMINAL(0.053543,4)', 0.05250032);
    expect(value('=EFFECT(TRUE,4)')).toBe('#VALUE!');
    expect(value('=NOMINAL(0.053543,0.5)')).toBe('#NUM!');
  });

  test('argument rules: frequency, basis, logicals, dates out of range, several cells', () => {
    expect(value('=COUPNUM(DATE(2007,1,25),DATE(2008,11,15),3,1)')).toBe('#NUM!');
    expect(value('=COUPNUM(DATE(2007,1,25),DATE(2008,11,15),2,5)')).toBe('#NUM!');
    expect(value('=COUPNUM(DATE(2008,11,15),DATE(2007,1,25),2,1)')).toBe('#NUM!');
    expect(value('=DISC(TRUE,DATE(2018,6,15),97.975,100,1)')).toBe('#VALUE!');
    expect(value('=DISC(-1,DATE(2018,6,15),97.975,100,1)')).toBe('#NUM!');
  });
});
