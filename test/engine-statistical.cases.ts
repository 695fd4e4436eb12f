/**
 * Excel's statistical functions (src/engine/excel/statistical.ts): every
 * corpus cell calling one of them matches the value Excel saved, and the
 * examples Microsoft's function reference states come out as stated. The
 * corpus cells include legacy formulas (implicit intersection, =GAMMA(D:D))
 * and legacy array ranges (Ctrl+Shift+Enter, larger or smaller than the
 * result): every cell calling the function counts.
 */
import { HyperFormula } from 'hyperformula';
import { evaluate, register } from '../src/engine/index';
import { StatisticalPlugin } from '../src/engine/excel/statistical';
import { LlmPlugin } from '../src/engine/plugin';
import { bookVerdicts, calling, CellVerdict, excelCorpusAvailable, mismatches, everyCellMatches } from './helpers/excelCorpus';

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error('the real-Excel corpus (../shared/excel-corpus or LLM_MARKET_EXCEL_CORPUS) is missing under CI');
const withCorpus = corpus ? describe : describe.skip;

/** Book (name suffix) → the functions of this family its cells call. */
const BOOKS: Record<string, string[]> = {
  'STATISTICAL__MODE.xlsx': ['MODE.SNGL', 'MODE.MULT'],
  'STATISTICAL__FREQUENCY.xlsx': ['FREQUENCY'],
  'STATISTICAL__TREND_GROWTH.xlsx': ['TREND', 'GROWTH'],
  'STATISTICAL__PERCENTIL_QUARTIL.xlsx': ['PERCENTRANK.INC', 'PERCENTRANK.EXC'],
  'STATISTICAL__GAMMA.xlsx': ['GAMMA', 'GAMMA.INV'],
  'STATISTICAL__BETA_GAMMA.xlsx': ['GAMMA', 'BETA.DIST', 'BETA.INV'],
  'STATISTICAL__POISSON.xlsx': ['POISSON.DIST'],
  'STATISTICAL__SMALL_LARGE.xlsx': ['SMALL', 'LARGE'],
  'STATISTICAL__T_TEST.xlsx': ['T.TEST'],
  'STATISTICAL__COUNT.xlsx': ['COUNTBLANK'],
  'STATISTICAL__MEADIAN_KURT_SKEW_HARMEAN.xlsx': ['KURT', 'MEDIAN', 'HARMEAN'],
  'STATISTICAL__AVEDEV.xlsx': ['AVEDEV'],
  'tests__fixtures__stats.xlsx': ['LINEST', 'TREND', 'INTERCEPT', 'FORECAST'],
  'templates__travel_expenses_tracker.xlsx': ['LARGE'],
  // The formulas project's sheet of edge cases: errors and text in the data, legacy array ranges larger or smaller than the result.
  'test__test_files__test.xlsx': ['LINEST', 'LOGEST', 'GROWTH', 'TRIMMEAN', 'PROB', 'PERMUT', 'PERMUTATIONA', 'BINOM.DIST.RANGE', 'MEDIAN', 'AVEDEV', 'DEVSQ', 'GEOMEAN', 'HARMEAN', 'T.DIST', 'T.DIST.2T', 'T.DIST.RT', 'T.INV', 'T.INV.2T', 'SMALL', 'LARGE', 'NORMSDIST'],
};

withCorpus('every corpus cell calling a statistical function matches the value Excel saved', () => {
  register();
  everyCellMatches(BOOKS);
});

/** A number as Microsoft's reference prints it: equal to every decimal printed (within half a unit of the last). */
function near(actual: unknown, printed: number): void {
  expect(typeof actual).toBe('number');
  const decimals = (String(printed).split('.')[1] ?? '').length;
  expect(Math.abs((actual as number) - printed)).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9));
}

function value(formula: string): unknown {
  const r = evaluate(formula);
  if ('error' in r) return r.error;
  return r.value;
}

function rows(formula: string): unknown[][] {
  const v = value(formula);
  if (!Array.isArray(v)) throw new Error(`${formula} gave ${JSON.stringify(v)}, not an array`);
  return v as unknown[][];
}

describe("Excel's RANK, GROWTH and the LLM functions", () => {
  test('bare RANK and GROWTH are Excel’s (the add-in’s stay LLM.-prefixed)', () => {
    register();
    expect(HyperFormula.getFunctionPlugin('RANK')).toBe(StatisticalPlugin);
    expect(HyperFormula.getFunctionPlugin('GROWTH')).toBe(StatisticalPlugin);
    expect(HyperFormula.getFunctionPlugin('LLM.RANK')).toBe(LlmPlugin);
    expect(HyperFormula.getFunctionPlugin('LLM.GROWTH')).toBe(LlmPlugin);
  });
});

describe('values Excel saved inside legacy array ranges (formulas project test.xlsx, STATISTICAL!AH57:AW57 and AH95:AW95)', () => {
  test('LARGE takes position n − k + 1 and SMALL position k, truncated, after refusing a k below 1', () => {
    const large = '{0.1,-10,0.9,2.2,-0.1}';
    expect(value(`=LARGE(${large},2.2)`)).toBe(0.1); // AK57
    expect(value(`=LARGE(${large},0.9)`)).toBe('#NUM!'); // AJ57
    expect(value(`=LARGE(${large},0.1)`)).toBe('#NUM!'); // AH57
    expect(value(`=LARGE(${large},TRUE)`)).toBe(2.2); // AO57
    const small = '{0,-10,0.9,2.2,-0.1}';
    expect(value(`=SMALL(${small},2.2)`)).toBe(-0.1); // AK95
    expect(value(`=SMALL(${small},0.9)`)).toBe('#NUM!'); // AJ95
    expect(value(`=SMALL(${small},TRUE)`)).toBe(-10); // AO95
  });
});

describe("Microsoft's documented examples", () => {
  test('RANK.AVG: 94 among 89, 88, 92, 101, 94, 97, 95 is 4; ties share the average rank', () => {
    expect(value('=RANK.AVG(94,{89;88;92;101;94;97;95})')).toBe(4);
    expect(value('=RANK.AVG(3.5,{7;3.5;3.5;1;2})')).toBe(2.5);
  });

  test('RANK.EQ and RANK: 7 ascending is 5th, 2 descending 4th, 3.5 ascending 3rd (ties share the top rank)', () => {
    expect(value('=RANK.EQ(7,{7;3.5;3.5;1;2},1)')).toBe(5);
    expect(value('=RANK.EQ(2,{7;3.5;3.5;1;2})')).toBe(4);
    expect(value('=RANK.EQ(3.5,{7;3.5;3.5;1;2},1)')).toBe(3);
    expect(value('=RANK(3.5,{7;3.5;3.5;1;2},1)')).toBe(3);
    expect(value('=RANK(4,{7;3.5;3.5;1;2})')).toBe('#N/A');
  });

  test('FORECAST.LINEAR(30, {6,7,9,15,21}, {20,28,31,38,40}) = 10.607253', () => {
    near(value('=FORECAST.LINEAR(30,{6,7,9,15,21},{20,28,31,38,40})'), 10.607253);
    near(value('=FORECAST(30,{6,7,9,15,21},{20,28,31,38,40})'), 10.607253);
  });

  test('INTERCEPT({2,3,9,1,8}, {6,5,11,7,5}) = 0.0483871', () => {
    near(value('=INTERCEPT({2,3,9,1,8},{6,5,11,7,5})'), 0.0483871);
  });

  const months = '{1;2;3;4;5;6;7;8;9;10;11;12}';
  const costs = '{133890;135000;135790;137300;138130;139100;139900;141120;141890;143230;144000;145290}';
  test('TREND: the fitted costs for months 1–12 and the projections for months 13–17', () => {
    const fitted = [133953.3333, 134971.5152, 135989.697, 137007.8788, 138026.0606, 139044.2424, 140062.4242, 141080.6061, 142098.7879, 143116.9697, 144135.1515, 145153.3333];
    const got = rows(`=TREND(${costs},${months})`);
    expect(got.length).toBe(12);
    got.forEach((r, i) => near(r[0], fitted[i]));
    const ahead = [146171.5152, 147189.697, 148207.8788, 149226.0606, 150244.2424];
    rows(`=TREND(${costs},${months},{13;14;15;16;17})`).forEach((r, i) => near(r[0], ahead[i]));
  });

  const units = '{33100;47300;69000;102000;150000;220000}';
  const unitMonths = '{11;12;13;14;15;16}';
  test('GROWTH: the fitted units for months 11–16 and the projection for month 17', () => {
    const fitted = [32618.20377, 47729.42261, 69841.30086, 102197.0734, 149542.4867, 218821.8762];
    rows(`=GROWTH(${units},${unitMonths})`).forEach((r, i) => near(r[0], fitted[i]));
    near(value(`=GROWTH(${units},${unitMonths},17)`), 320196.7184);
  });

  test('LINEST: slope 2 and intercept 1 of {1,9,5,7} on {0,4,2,3}; SUM(LINEST(…)*{9,1}) projects month 9 at 11000', () => {
    const [[m, b]] = rows('=LINEST({1;9;5;7},{0;4;2;3})');
    near(m, 2);
    near(b, 1);
    near(value('=SUM(LINEST({3100;4500;4400;5400;7500;8100},{1;2;3;4;5;6})*{9,1})'), 11000);
  });

  test('LINEST with statistics: the office-building multiple regression (four x’s), all five rows', () => {
    const y = '{142000;144000;151000;150000;139000;169000;126000;142900;163000;169000;149000}';
    const x =
      '{2310,2,2,20;2333,2,2,12;2356,3,1.5,33;2379,3,2,43;2402,2,3,53;2425,4,2,23;2448,2,1.5,99;2471,2,2,34;2494,3,3,23;2517,4,4,55;2540,2,3,22}';
    const out = rows(`=LINEST(${y},${x},TRUE,TRUE)`);
    const expected: (number | string)[][] = [
      [-234.2371645, 2553.21066, 12529.76817, 27.64138737, 52317.83051],
      [13.26801148, 530.6691519, 400.0668382, 5.429374042, 12237.3616],
      [0.996747993, 970.5784629, '#N/A', '#N/A', '#N/A'],
      [459.7536742, 6, '#N/A', '#N/A', '#N/A'],
      [1732393319, 5652135.316, '#N/A', '#N/A', '#N/A'],
    ];
    expect(out.length).toBe(5);
    out.forEach((r, i) => r.forEach((c, j) => (typeof expected[i][j] === 'string' ? expect(c).toBe(expected[i][j]) : near(c, expected[i][j] as number))));
  });

  test('LOGEST with statistics: units over months 11–16 give m = 1.463275628 and b = 495.3047702', () => {
    const out = rows(`=LOGEST(${units},${unitMonths},TRUE,TRUE)`);
    const expected = [
      [1.463275628, 495.3047702],
      [0.002633403, 0.035834282],
      [0.99980862, 0.011016315],
      [20896.8011, 4],
      [2.53601883, 0.000485437],
    ];
    out.forEach((r, i) => r.forEach((c, j) => near(c, expected[i][j])));
  });

  test('PERCENTRANK.INC and PERCENTRANK.EXC, truncated to the significance asked', () => {
    const a = '{13,12,11,8,4,3,2,1,1,1}';
    expect(value(`=PERCENTRANK.INC(${a},2)`)).toBe(0.333);
    expect(value(`=PERCENTRANK.INC(${a},4)`)).toBe(0.555);
    expect(value(`=PERCENTRANK.INC(${a},8)`)).toBe(0.666);
    expect(value(`=PERCENTRANK.INC(${a},5)`)).toBe(0.583);
    expect(value(`=PERCENTRANK(${a},5)`)).toBe(0.583);
    const b = '{1,2,3,6,6,6,7,8,9}';
    expect(value(`=PERCENTRANK.EXC(${b},7)`)).toBe(0.7);
    expect(value(`=PERCENTRANK.EXC(${b},5.43)`)).toBe(0.381);
    expect(value(`=PERCENTRANK.EXC(${b},5.43,1)`)).toBe(0.3);
  });

  test('MODE.SNGL and MODE.MULT', () => {
    expect(value('=MODE.SNGL(5.6,4,4,3,2,4)')).toBe(4);
    expect(value('=MODE(5.6,4,4,3,2,4)')).toBe(4);
    expect(rows('=MODE.MULT({1,2,3,4,3,2,1,2,3,5,6,1})')).toEqual([[1], [2], [3]]);
  });

  test('FREQUENCY: scores 79, 85, 78, 85, 50, 81, 95, 88, 97 in bins 70, 79, 89', () => {
    expect(rows('=FREQUENCY({79;85;78;85;50;81;95;88;97},{70;79;89})')).toEqual([[1], [2], [4], [2]]);
  });

  test('BETA.DIST, BETA.INV and GAMMA.INV', () => {
    near(value('=BETA.DIST(2,8,10,TRUE,1,3)'), 0.6854706);
    near(value('=BETA.DIST(2,8,10,FALSE,1,3)'), 1.4837646);
    // The reference prints 2; the probability it starts from has 9 decimals, so x is good to about 1e-8.
    expect(Math.abs((value('=BETA.INV(0.685470581,8,10,1,3)') as number) - 2)).toBeLessThan(1e-7);
    near(value('=GAMMA.INV(0.068094,9,2)'), 10.0000112);
  });

  test('NORMSDIST(1.333333) = 0.908788726', () => {
    near(value('=NORMSDIST(1.333333)'), 0.908788726);
  });

  test('GAMMA, POISSON.DIST, T.TEST, KURT', () => {
    near(value('=GAMMA(2.5)'), 1.329340388);
    near(value('=GAMMA(-3.75)'), 0.267866129);
    expect(value('=GAMMA(0)')).toBe('#NUM!');
    expect(value('=GAMMA(-2)')).toBe('#NUM!');
    near(value('=POISSON.DIST(2,5,TRUE)'), 0.124652);
    near(value('=POISSON.DIST(2,5,FALSE)'), 0.084224);
    near(value('=T.TEST({3,4,5,8,9,1,2,4,5},{6,19,3,2,14,4,5,17,1},2,1)'), 0.196016);
    near(value('=KURT(3,4,5,2,3,4,5,6,4,7)'), -0.151799637);
  });
});
