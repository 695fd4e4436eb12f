/**
 * Excel's stored formula syntax in the headless engine. Formulas are written
 * exactly as Excel stores them in a file (_xlfn., _xlws., _xlpm. prefixes),
 * and the expected values are the ones Microsoft's function reference states
 * (each block cites its page).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { HyperFormula, SimpleCellAddress } from 'hyperformula';
import { createEngine, evaluate } from '../src/engine';
import { toEngineFormula } from '../src/engine/formula';
import { EXCEL_FUNCTIONS, excelError } from '../src/engine/excel';
import { hintKey, withSpillHints } from '../src/engine/spillHints';
import { unsupportedFunctions } from '../src/engine/support';

type Row = (string | number | boolean | null)[];
const xl = (f: string) => toEngineFormula(f);

/** An engine over one sheet; cells starting with "=" are formulas as Excel stores them. */
function book(rows: Row[], hints?: Map<string, readonly [number, number]>): HyperFormula {
  const data = rows.map((r) => r.map((c) => (typeof c === 'string' && c.startsWith('=') ? xl(c) : c)));
  const build = () => createEngine({ S: data });
  return hints ? withSpillHints(hints, build) : build();
}

/** "B3" → address on sheet 0. */
function at(a1: string): SimpleCellAddress {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { sheet: 0, row: Number(m[2]) - 1, col };
}

/** A cell's value, errors as their Excel code (#CALC! included). */
function v(hf: HyperFormula, a1: string): unknown {
  const x = hf.getCellValue(at(a1));
  if (x && typeof x === 'object' && 'value' in x) return excelError(String((x as { value: string }).value), (x as { message?: string }).message);
  return x;
}

/** The block of values from top-left to bottom-right. */
function block(hf: HyperFormula, from: string, to: string): unknown[][] {
  const a = at(from);
  const b = at(to);
  const out: unknown[][] = [];
  for (let r = a.row; r <= b.row; r++) {
    const row: unknown[] = [];
    for (let c = a.col; c <= b.col; c++) row.push(v(hf, cellName(r, c)));
    out.push(row);
  }
  return out;
}
function cellName(row: number, col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

const value = (f: string) => {
  const r = evaluate(f);
  if ('error' in r) throw new Error(`${f} → ${r.error} ${r.message}`);
  return r.value;
};
const error = (f: string) => {
  const r = evaluate(f);
  if (!('error' in r)) throw new Error(`${f} → expected an error, got ${JSON.stringify(r.value)}`);
  return { ...r, code: excelError(r.error, r.message) };
};

describe('what the engine knows', () => {
  beforeAll(() => createEngine({}).destroy()); // registration happens with the first engine
  test('every dynamic-array function of the issue is registered (so support.ts counts it as supported)', () => {
    const names = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
    // HyperFormula 3.5's own: XLOOKUP (re-sized from its arguments' shapes), TEXTJOIN, HSTACK, VSTACK, IFERROR, IFS, SWITCH, MAXIFS, MINIFS.
    // Ours: the rest (FILTER, INDEX, SORT, UNIQUE and SEQUENCE replaced to follow Excel and its saved spill sizes).
    for (const f of ['FILTER', 'SORT', 'SORTBY', 'UNIQUE', 'SEQUENCE', 'XLOOKUP', 'XMATCH', 'TEXTJOIN', 'TAKE', 'DROP', 'CHOOSECOLS', 'CHOOSEROWS', 'HSTACK', 'VSTACK', 'TOCOL', 'TOROW', 'WRAPROWS', 'WRAPCOLS', 'EXPAND', 'ANCHORARRAY', 'SINGLE', 'INDEX', 'IFERROR', 'IFS', 'SWITCH', 'MAXIFS', 'MINIFS', 'CONCAT', 'TEXTBEFORE', 'TEXTAFTER']) {
      expect([f, names.has(f)]).toEqual([f, true]);
    }
    for (const f of EXCEL_FUNCTIONS) expect(names.has(f)).toBe(true);
  });

  test("docs/ENGINE.md's lists agree with the engine: unsupported functions are unknown to it, supported ones known", () => {
    const readme = readFileSync(join(__dirname, '..', 'docs', 'ENGINE.md'), 'utf8'); // the engine's Excel support page
    const section = (start: string, end: string) => readme.slice(readme.indexOf(start), readme.indexOf(end, readme.indexOf(start)));
    const names = (text: string) => [...text.matchAll(/`([A-Z][A-Z0-9.]*)`/g)].map((m) => m[1]);
    const lacking = names(section('**Functions HyperFormula lacks', '- **A LAMBDA called directly'));
    const supported = names(section('Dynamic-array functions:', '`test/excel-syntax.test.ts` checks'));
    expect(lacking.length).toBeGreaterThan(30);
    expect(supported.length).toBeGreaterThan(20);
    const known = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
    expect(lacking.filter((f) => known.has(f))).toEqual([]);
    expect(supported.filter((f) => !known.has(f))).toEqual([]);
    for (const f of lacking) expect([f, error(`=${f}(1)`).error]).toEqual([f, '#NAME?']);
    // calc --check names each of them as unsupported, in the form Excel stores it.
    for (const f of lacking) expect(unsupportedFunctions(xl(`=_xlfn.${f}(A1)`)).map((u) => u.name)).toEqual([f]);
  });

  test('calc --check sees no unsupported function in the stored syntax the engine handles', () => {
    for (const f of [
      '=_xlfn.TAKE(_xlfn.ANCHORARRAY(A1),-1)',
      '=_xlfn.SINGLE(A1:A3)+_xlfn.XMATCH(1,INDEX(_xlfn.ANCHORARRAY(A1),0,1))',
      '=_xlfn.LET(_xlpm.rows,_xlfn._xlws.FILTER(A1:B9,A1:A9>0),_xlfn._xlws.SORT(_xlfn.CHOOSECOLS(_xlpm.rows,2,1)))',
      '=_xlfn.TEXTBEFORE(_xlfn.CONCAT(A1:A3),"x")&_xlfn.TEXTJOIN(",",TRUE,_xlfn.UNIQUE(_xlfn.TOCOL(A1:B2)))',
      '=_xlfn.BYROW(_xlfn.ANCHORARRAY(A1),_xlfn.LAMBDA(_xlpm.r,_xlfn.REDUCE(0,_xlpm.r,_xlfn.LAMBDA(_xlpm.a,_xlpm.v,_xlpm.a+_xlpm.v))))',
    ]) {
      expect([f, unsupportedFunctions(xl(f))]).toEqual([f, []]);
    }
    // A LET the engine leaves alone (a random value used twice) is reported, by name.
    expect(unsupportedFunctions(xl('=_xlfn.LET(_xlpm.x,RAND(),_xlpm.x-_xlpm.x)')).map((u) => u.name)).toEqual(['LET']);
  });

  test('the _xlfn., _xlfn._xlws. and _xlpm. storage prefixes are read', () => {
    expect(xl('=_xlfn._xlws.SORT(_xlfn.ANCHORARRAY(A1))')).toBe('=SORT(ANCHORARRAY(A1))');
    expect(xl('=_xlfn.LET(_xlpm.x,1,_xlpm.x+1)')).toBe('=((1)+1)');
  });
});

describe('A1# — _xlfn.ANCHORARRAY (https://support.microsoft.com/en-us/office/spilled-range-operator-3dd5899f-bca2-4b9d-a172-3eae9ac22efd)', () => {
  test('=SUM(A2#) over =SEQUENCE(10) in A2 is 55, and follows the spill when it changes', () => {
    const hf = book([[null, null, null], ['=_xlfn.SEQUENCE(10)', null, '=SUM(_xlfn.ANCHORARRAY(A2))']]);
    expect(v(hf, 'C2')).toBe(55);
    hf.setCellContents(at('A2'), [[xl('=_xlfn.SEQUENCE(20)')]]);
    expect(v(hf, 'C2')).toBe(210);
  });

  test('A1# spills the whole range; ROWS/COLUMNS/COUNTA see exactly it', () => {
    const hf = book([['=LLM.RANK("tokens","2025-09-30","OpenRouter",3)', null, '=_xlfn.ANCHORARRAY(A1)', null, '=ROWS(_xlfn.ANCHORARRAY(A1))', '=COLUMNS(_xlfn.ANCHORARRAY(A1))', '=COUNTA(_xlfn.ANCHORARRAY(A1))']]);
    expect(block(hf, 'C1', 'D3')).toEqual(block(hf, 'A1', 'B3'));
    expect(v(hf, 'C1')).toBe('xAI');
    expect([v(hf, 'E1'), v(hf, 'F1'), v(hf, 'G1')]).toEqual([3, 2, 6]);
  });

  test('a cell that holds no spilled array gives #REF!, as in Excel (not a count of one cell)', () => {
    const hf = book([[5, '=_xlfn.ANCHORARRAY(A1)', '=COUNTA(_xlfn.ANCHORARRAY(A1))', '=COUNTA(_xlfn.ANCHORARRAY(A9))', '=COUNT(_xlfn.ANCHORARRAY(A1))', '=COUNTA(A1)']]);
    expect([v(hf, 'B1'), v(hf, 'C1'), v(hf, 'D1'), v(hf, 'E1'), v(hf, 'F1')]).toEqual(['#REF!', '#REF!', '#REF!', '#REF!', 1]);
  });

  test("analysts' combinations with our spills", () => {
    const hf = book([
      ['=LLM.RANK("tokens","2025-09-30","OpenRouter")', null, '=_xlfn.XLOOKUP("xAI",INDEX(_xlfn.ANCHORARRAY(A1),0,1),INDEX(_xlfn.ANCHORARRAY(A1),0,2))'],
      [null, null, '=SUM(INDEX(_xlfn.ANCHORARRAY(A1),0,2))'],
      [null, null, '=_xlfn.XMATCH(INDEX(_xlfn.ANCHORARRAY(A1),2,1),INDEX(_xlfn.ANCHORARRAY(A1),0,1))'],
    ]);
    const rank = value('=LLM.RANK("tokens","2025-09-30","OpenRouter")') as [string, number][];
    expect(v(hf, 'C1')).toBe(262e9); // the README's =LLM.TOKENS("xAI","2025-09-30")
    expect(v(hf, 'C2')).toBe(rank.reduce((s, r) => s + r[1], 0));
    expect(v(hf, 'C3')).toBe(2);
  });
});

describe('@ — _xlfn.SINGLE (https://support.microsoft.com/en-us/office/implicit-intersection-operator-ce3be07b-0101-4450-a24e-c1c999be2b34)', () => {
  test("a range gives the value in the formula's own row (a column) or column (a row); otherwise #VALUE!", () => {
    const hf = book([
      [10, '=_xlfn.SINGLE(A1:A3)', 7, 8, 9],
      [20, '=_xlfn.SINGLE(A1:A3)', '=_xlfn.SINGLE(C1:E1)', '=_xlfn.SINGLE(C1:E1)', null],
      [30, '=_xlfn.SINGLE(A1:A3)', null, null, null],
      [null, '=_xlfn.SINGLE(A1:A3)', null, null, null],
    ]);
    expect([v(hf, 'B1'), v(hf, 'B2'), v(hf, 'B3')]).toEqual([10, 20, 30]);
    expect(v(hf, 'B4')).toBe('#VALUE!');
    expect([v(hf, 'C2'), v(hf, 'D2')]).toEqual([7, 8]);
  });
  test('an array gives its top-left value; a single value is itself', () => {
    expect(value('=_xlfn.SINGLE({7,2;3,4})')).toBe(7);
    expect(value('=_xlfn.SINGLE(LLM.RANK("tokens","2025-09-30","OpenRouter"))')).toBe('xAI');
    expect(value('=_xlfn.SINGLE(5)')).toBe(5);
  });
  test('@A1# intersects the spill of A1', () => {
    const hf = book([['=_xlfn.SEQUENCE(3)', '=_xlfn.SINGLE(_xlfn.ANCHORARRAY(A1))'], [null, '=_xlfn.SINGLE(_xlfn.ANCHORARRAY(A1))'], [null, '=_xlfn.SINGLE(_xlfn.ANCHORARRAY(A1))'], [null, '=_xlfn.SINGLE(_xlfn.ANCHORARRAY(A1))']]);
    expect(block(hf, 'B1', 'B4')).toEqual([[1], [2], [3], ['#VALUE!']]);
  });
});

describe('LET — _xlfn.LET with _xlpm. names (https://support.microsoft.com/en-us/office/let-function-34842dd8-b92b-4d3f-b325-b8b8f9908999)', () => {
  test('=LET(x, 5, SUM(x, 1)) is 6', () => {
    expect(value('=_xlfn.LET(_xlpm.x,5,SUM(_xlpm.x,1))')).toBe(6);
  });
  test('names are case-insensitive, later values use earlier names, an inner LET shadows an outer one', () => {
    expect(value('=_xlfn.LET(_xlpm.Rate,2,_xlpm.total,_xlpm.RATE*10,_xlpm.total+_xlpm.rate)')).toBe(22);
    expect(value('=_xlfn.LET(_xlpm.x,10,_xlpm.x+_xlfn.LET(_xlpm.x,1,_xlpm.x*100))')).toBe(110);
  });
  test('a LET name shadows a defined name and leaves cells, sheet names and functions alone', () => {
    const hf = book([[5, '=_xlfn.LET(_xlpm.Rate,1,_xlpm.Rate+A1)', '=Rate', '=_xlfn.LET(_xlpm.sum,2,SUM(A1,_xlpm.sum))', '=_xlfn.LET(_xlpm.S,3,S!A1*_xlpm.S)']]);
    hf.addNamedExpression('Rate', '=100');
    expect([v(hf, 'B1'), v(hf, 'C1'), v(hf, 'D1'), v(hf, 'E1')]).toEqual([6, 100, 7, 15]);
  });
  test('text in strings is never a name; a spilled value works through INDEX', () => {
    expect(value('=_xlfn.LET(_xlpm.x,"a",_xlpm.x&"x")')).toBe('ax');
    const second = (value('=LLM.RANK("tokens","2025-09-30","OpenRouter",2)') as unknown[][])[1][0];
    expect(value('=_xlfn.LET(_xlpm.r,LLM.RANK("tokens","2025-09-30","OpenRouter",2),INDEX(_xlpm.r,2,1))')).toBe(second);
  });
  test('a random value used twice is left unexpanded (reported as LET, not silently redrawn)', () => {
    expect(xl('=_xlfn.LET(_xlpm.x,RAND(),_xlpm.x-_xlpm.x)')).toBe('=LET(_xlpm.x,RAND(),_xlpm.x-_xlpm.x)');
    expect(error('=_xlfn.LET(_xlpm.x,RAND(),_xlpm.x-_xlpm.x)').error).toBe('#NAME?');
    expect(value('=_xlfn.LET(_xlpm.x,RAND(),_xlpm.x*0)')).toBe(0);
  });
});

describe('INDEX with row or column 0 (https://support.microsoft.com/en-us/office/index-function-a5dcf0dd-996d-40a4-a822-b56b061328bd)', () => {
  const data: Row[] = [['Apples', 0.69, 40], ['Bananas', 0.34, 38], ['Lemons', 0.55, 15], ['Oranges', 0.25, 25], ['Pears', 0.59, 40]];
  test('"If row_num or column_num is 0, INDEX returns the array of values for the entire column or row"', () => {
    const hf = book([...data.map((r) => [...r, null]), ['=INDEX(A1:C5,0,2)', '=INDEX(A1:C5,2,0)', null, null, '=SUM(INDEX(A1:C5,0,3))']]);
    expect(block(hf, 'A6', 'A10')).toEqual([[0.69], [0.34], [0.55], [0.25], [0.59]]);
    expect(block(hf, 'B6', 'D6')).toEqual([['Bananas', 0.34, 38]]);
    expect(v(hf, 'E6')).toBe(158);
  });
  test('the intersection, a one-row array by one index, and #REF! outside', () => {
    const hf = book([...data, ['=INDEX(A1:C5,2,3)', '=INDEX({1,2,3},2)', '=INDEX(A1:C5,6,1)']]);
    expect([v(hf, 'A6'), v(hf, 'B6'), v(hf, 'C6')]).toEqual([38, 2, '#REF!']);
  });
  test('a whole column of a spill feeds FILTER', () => {
    const rank = value('=LLM.RANK("tokens","2025-09-30","OpenRouter")') as [string, number][];
    const hf = book([['=LLM.RANK("tokens","2025-09-30","OpenRouter")', null, '=ROWS(_xlfn._xlws.FILTER(INDEX(_xlfn.ANCHORARRAY(A1),0,1),INDEX(_xlfn.ANCHORARRAY(A1),0,2)>1E11))']]);
    expect(v(hf, 'C1')).toBe(rank.filter((r) => r[1] > 1e11).length);
  });
  test('=SUM(INDEX(LLM.RANK(…),0,2)) sums the value column of our spill', () => {
    const rank = value('=LLM.RANK("tokens","2025-09-30","OpenRouter")') as [string, number][];
    expect(value('=SUM(INDEX(LLM.RANK("tokens","2025-09-30","OpenRouter"),0,2))')).toBe(rank.reduce((s, r) => s + r[1], 0));
    expect(value('=INDEX(LLM.RANK("tokens","2025-09-30","OpenRouter"),0,1)')).toEqual(rank.map((r) => [r[0]]));
  });
});

describe('TAKE and DROP (https://support.microsoft.com/en-us/office/take-function-25382ff1-5da1-4f78-ab43-f33bd2e4e003, https://support.microsoft.com/en-us/office/drop-function-1cb4e151-9e17-4838-abe5-9ba48d8c6a34)', () => {
  const nine: Row[] = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
  test('TAKE: first two rows, first two columns, last two rows, first two rows and columns', () => {
    const hf = book([...nine, ['=_xlfn.TAKE(A1:C3,2)', null, null, '=_xlfn.TAKE(A1:C3,,2)', null, '=_xlfn.TAKE(A1:C3,-2)', null, null, '=_xlfn.TAKE(A1:C3,2,2)']]);
    expect(block(hf, 'A4', 'C5')).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(block(hf, 'D4', 'E6')).toEqual([[1, 2], [4, 5], [7, 8]]);
    expect(block(hf, 'F4', 'H5')).toEqual([[4, 5, 6], [7, 8, 9]]);
    expect(block(hf, 'I4', 'J5')).toEqual([[1, 2], [4, 5]]);
  });
  test('TAKE: 0 rows is #CALC! (an empty array)', () => {
    expect(error('=_xlfn.TAKE({1,2},0)').code).toBe('#CALC!');
  });
  test('DROP: drop the first two rows, the first two columns, the last two rows, two rows and two columns', () => {
    expect(value('=_xlfn.DROP({1,2,3;4,5,6;7,8,9},2)')).toEqual([[7, 8, 9]]);
    expect(value('=_xlfn.DROP({1,2,3;4,5,6;7,8,9},,2)')).toEqual([[3], [6], [9]]);
    expect(value('=_xlfn.DROP({1,2,3;4,5,6;7,8,9},-2)')).toEqual([[1, 2, 3]]);
    expect(value('=_xlfn.DROP({1,2,3;4,5,6;7,8,9},2,2)')).toBe(9);
    expect(error('=_xlfn.DROP({1,2,3},1)').code).toBe('#CALC!');
  });
  test('=TAKE(LLM.SERIES("Doubao","tokens"),-1) is the latest observation', () => {
    const series = value('=LLM.SERIES("Doubao","tokens")') as unknown[][];
    expect(value('=_xlfn.TAKE(LLM.SERIES("Doubao","tokens"),-1)')).toEqual([series[series.length - 1]]);
    expect(value('=_xlfn.TAKE(LLM.SERIES("Doubao","tokens"),-1)')).toEqual([[45930, 30e12]]);
  });
});

describe('CHOOSECOLS and CHOOSEROWS (https://support.microsoft.com/en-us/office/choosecols-function-bf117976-2722-4466-9b9a-1c01ed9aebff)', () => {
  const grid: Row[] = Array.from({ length: 6 }, (_, r) => Array.from({ length: 5 }, (__, c) => r * 5 + c + 1));
  test('columns 1, 3, 5 and 1 again; the last two columns in either order', () => {
    const hf = book([...grid, ['=_xlfn.CHOOSECOLS(A1:E6,1,3,5,1)', null, null, null, '=_xlfn.CHOOSECOLS(A1:D6,-1,-2)']]);
    expect(block(hf, 'A7', 'D8')).toEqual([[1, 3, 5, 1], [6, 8, 10, 6]]);
    expect(block(hf, 'E7', 'F8')).toEqual([[4, 3], [9, 8]]);
  });
  test('rows likewise; 0 or beyond the array is #VALUE!', () => {
    expect(value('=_xlfn.CHOOSEROWS({1,2;3,4;5,6},3,1)')).toEqual([[5, 6], [1, 2]]);
    expect(value('=_xlfn.CHOOSEROWS({1,2;3,4;5,6},-1)')).toEqual([[5, 6]]);
    expect(error('=_xlfn.CHOOSECOLS({1,2},0)').code).toBe('#VALUE!');
    expect(error('=_xlfn.CHOOSEROWS({1,2},2)').code).toBe('#VALUE!');
  });
});

describe('FILTER (https://support.microsoft.com/en-us/office/filter-function-f4f7cb66-82eb-4767-8f7c-4877ad80c759)', () => {
  const sales: Row[] = [
    ['East', 'Tom', 'Apple', 6380],
    ['West', 'Fred', 'Grape', 5619],
    ['North', 'Amy', 'Pear', 4565],
    ['South', 'Sal', 'Banana', 5323],
    ['East', 'Fritz', 'Apple', 4394],
  ];
  test('=FILTER(A5:D20,C5:C20=H2,"") returns every record for the product, and "" when there is none', () => {
    const hf = book([...sales, ['=_xlfn._xlws.FILTER(A1:D5,C1:C5="Apple","")', null, null, null, '=_xlfn._xlws.FILTER(A1:D5,C1:C5="Kiwi","")']]);
    expect(block(hf, 'A6', 'D7')).toEqual([['East', 'Tom', 'Apple', 6380], ['East', 'Fritz', 'Apple', 4394]]);
    expect(v(hf, 'E6')).toBe('');
  });
  test('several conditions multiply (AND), and FILTER feeds SORT', () => {
    const hf = book([...sales, ['=_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A1:D5,(C1:C5="Apple")*(A1:A5="East"),""),4,1)']]);
    expect(block(hf, 'A6', 'D7')).toEqual([['East', 'Fritz', 'Apple', 4394], ['East', 'Tom', 'Apple', 6380]]);
  });
  test('nothing kept and no if_empty is #CALC!; an include that is not row- or column-sized is #VALUE!', () => {
    expect(error('=_xlfn._xlws.FILTER({1;2},{FALSE;FALSE})').code).toBe('#CALC!');
    expect(error('=_xlfn._xlws.FILTER({1,2;3,4},{TRUE;FALSE;TRUE})').code).toBe('#VALUE!');
    expect(value('=_xlfn._xlws.FILTER({1,2,3},{1,0,1})')).toEqual([[1, 3]]);
  });
});

describe('SORT, SORTBY, UNIQUE (https://support.microsoft.com/en-us/office/sortby-function-cd2d7a62-1b93-435c-b561-d6a35134f28f, https://support.microsoft.com/en-us/office/unique-function-c5ab87fd-30a3-4ce9-9d1a-40204fb85e1e)', () => {
  test('SORTBY sorts one array by another, ascending or descending, ties kept in order', () => {
    const hf = book([
      ['Tom', 52],
      ['Fred', 65],
      ['Amy', 22],
      ['Sal', 73],
      ['=_xlfn.SORTBY(A1:A4,B1:B4)', '=_xlfn.SORTBY(A1:B4,B1:B4,-1)'],
    ]);
    expect(block(hf, 'A5', 'A8')).toEqual([['Amy'], ['Tom'], ['Fred'], ['Sal']]);
    expect(block(hf, 'B5', 'C6')).toEqual([['Sal', 73], ['Fred', 65]]);
    expect(value('=_xlfn.SORTBY({"a";"b";"c";"d"},{"x";"y";"x";"y"},1,{4;3;2;1},-1)')).toEqual([['a'], ['c'], ['b'], ['d']]);
  });
  test('UNIQUE: distinct rows in first-seen order, case-insensitive; exactly_once', () => {
    expect(value('=_xlfn.UNIQUE({"Fritz";"fritz";"Amy";"Sal";"Amy"})')).toEqual([['Fritz'], ['Amy'], ['Sal']]);
    expect(value('=_xlfn.UNIQUE({"Fritz";"fritz";"Amy";"Sal";"Amy"},FALSE,TRUE)')).toBe('Sal');
    expect(value('=_xlfn.UNIQUE({1,1,2},TRUE)')).toEqual([[1, 2]]);
  });
  test('SORT: by a column, descending, by column; text after numbers', () => {
    expect(value('=_xlfn._xlws.SORT({3,"c";1,"a";2,"b"},2,-1)')).toEqual([[3, 'c'], [2, 'b'], [1, 'a']]);
    expect(value('=_xlfn._xlws.SORT({"b";1;"A";2})')).toEqual([[1], [2], ['A'], ['b']]);
    expect(value('=_xlfn._xlws.SORT({3,1,2},1,1,TRUE)')).toEqual([[1, 2, 3]]);
  });
});

describe('TOCOL, TOROW, WRAPROWS, WRAPCOLS, EXPAND (https://support.microsoft.com/en-us/office/wraprows-function-796825f3-975a-4cee-9c84-1bbddf60ade0)', () => {
  test('=WRAPROWS(A2:G2,3) pads the last two with #N/A; with "x" it pads with "x"', () => {
    const hf = book([['A', 'B', 'C', 'D', 'E', 'F', 'G'], ['=_xlfn.WRAPROWS(A1:G1,3)', null, null, '=_xlfn.WRAPROWS(A1:G1,3,"x")']]);
    expect(block(hf, 'A2', 'C4')).toEqual([['A', 'B', 'C'], ['D', 'E', 'F'], ['G', '#N/A', '#N/A']]);
    expect(block(hf, 'D4', 'F4')).toEqual([['G', 'x', 'x']]);
    expect(value('=_xlfn.WRAPCOLS({1,2,3,4,5},2,0)')).toEqual([[1, 3, 5], [2, 4, 0]]);
  });
  test('TOCOL/TOROW by row or by column, skipping blanks and errors on request', () => {
    expect(value('=_xlfn.TOCOL({1,2;3,4})')).toEqual([[1], [2], [3], [4]]);
    expect(value('=_xlfn.TOCOL({1,2;3,4},0,TRUE)')).toEqual([[1], [3], [2], [4]]);
    expect(value('=_xlfn.TOROW({1,2;3,4})')).toEqual([[1, 2, 3, 4]]);
    const hf = book([[1, null, 3], ['=_xlfn.TOROW(A1:C1,1)', null, null], ['=_xlfn.TOROW(A1:C1)', null, null]]);
    expect(block(hf, 'A2', 'C2')).toEqual([[1, 3, null]]);
    expect(block(hf, 'A3', 'C3')).toEqual([[1, 0, 3]]);
  });
  test('EXPAND pads to the size asked, #N/A by default', () => {
    expect(value('=_xlfn.EXPAND({1,2;3,4},3,3)')).toEqual([[1, 2, '#N/A'], [3, 4, '#N/A'], ['#N/A', '#N/A', '#N/A']]);
    expect(value('=_xlfn.EXPAND({1,2},2,,0)')).toEqual([[1, 2], [0, 0]]);
    expect(error('=_xlfn.EXPAND({1,2;3,4},1)').code).toBe('#VALUE!');
  });
});

describe('XLOOKUP returning several columns (https://support.microsoft.com/en-us/office/xlookup-function-b7fd680e-6d10-43e6-84f9-88eae8bf5929)', () => {
  test('a row of return_array comes back whole, from ranges, spills and functions alike', () => {
    const hf = book([
      ['=LLM.RANK("tokens","2025-09-30","OpenRouter",3)', null, '=_xlfn.XLOOKUP("xAI",INDEX(_xlfn.ANCHORARRAY(A1),0,1),_xlfn.ANCHORARRAY(A1))', null, '=_xlfn.XLOOKUP(262000000000,INDEX(_xlfn.ANCHORARRAY(A1),0,2),_xlfn.CHOOSECOLS(_xlfn.ANCHORARRAY(A1),2,1))'],
      [null, null, '=_xlfn.XLOOKUP("b",{"a";"b"},{1,2;3,4})', null, '=_xlfn.XLOOKUP("zz",{"a";"b"},{1,2;3,4},"none")'],
    ]);
    expect(block(hf, 'C1', 'D1')).toEqual([['xAI', 262e9]]);
    expect(block(hf, 'E1', 'F1')).toEqual([[262e9, 'xAI']]);
    expect(block(hf, 'C2', 'D2')).toEqual([[3, 4]]);
    expect(v(hf, 'E2')).toBe('none');
  });
});

describe('LOOKUP (https://support.microsoft.com/en-us/office/lookup-function-446d94af-663b-451d-8251-369d5e3864cb)', () => {
  test("Microsoft's frequency/color example: 4.19 finds orange; 5.75 the largest below it (yellow); 0 is #N/A", () => {
    const hf = book([
      [4.14, 'red'],
      [4.19, 'orange'],
      [5.17, 'yellow'],
      [5.77, 'green'],
      [6.39, 'blue'],
      ['=LOOKUP(4.19,A1:A5,B1:B5)', '=LOOKUP(5.75,A1:A5,B1:B5)', '=LOOKUP(7.66,A1:A5,B1:B5)', '=LOOKUP(0,A1:A5,B1:B5)'],
    ]);
    expect(block(hf, 'A6', 'D6')).toEqual([['orange', 'yellow', 'blue', '#N/A']]);
  });
  test('the array form, and the LOOKUP(2,1/(…),…) idiom returns the last match', () => {
    expect(value('=LOOKUP("C",{"a","b","c","d";1,2,3,4})')).toBe(3);
    expect(value('=LOOKUP(2,1/({"x";"y";"x";"z"}="x"),{10;20;30;40})')).toBe(30);
  });
});

describe('AVERAGEIFS (https://support.microsoft.com/en-us/office/averageifs-function-48910c45-1fc0-4389-a028-f7c5c3001690)', () => {
  test("Microsoft's quiz example: 80.5 between 70 and 90, #DIV/0! above 95, 87.5 for finals above 80", () => {
    const hf = book([
      ['Emilio', 75, 85, 87],
      ['Julie', 94, 80, 88],
      ['Hans', 86, 93, 'Incomplete'],
      ['Frederique', 'Incomplete', 75, 75],
      ['=AVERAGEIFS(B1:B4,B1:B4,">70",B1:B4,"<90")', '=AVERAGEIFS(C1:C4,C1:C4,">95")', '=AVERAGEIFS(D1:D4,D1:D4,"<>Incomplete",D1:D4,">80")', '=AVERAGEIFS(B1:B4,A1:A4,"J*",C1:C4,"<90")'],
    ]);
    expect(block(hf, 'A5', 'D5')).toEqual([[80.5, '#DIV/0!', 87.5, 94]]);
  });
});

describe('TEXTSPLIT (https://support.microsoft.com/en-us/office/textsplit-function-b1ca414e-4c21-4ca0-b1b7-bdecace8a6e7)', () => {
  test("Microsoft's examples: a name by spaces; rows and columns; pieces of a sentence", () => {
    expect(value('=_xlfn.TEXTSPLIT("Dakota Lennon Sanchez"," ")')).toEqual([['Dakota', 'Lennon', 'Sanchez']]);
    expect(value('=_xlfn.TEXTSPLIT("1,2,3;4,5,6",",",";")')).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(value('=_xlfn.TEXTSPLIT("Do. Or do not. There is no try. -Anonymous",".")')).toEqual([['Do', ' Or do not', ' There is no try', ' -Anonymous']]);
  });
  test('ignore_empty, case-insensitive match_mode, ragged rows padded with #N/A or pad_with', () => {
    expect(value('=_xlfn.TEXTSPLIT("a,,b",",",,TRUE)')).toEqual([['a', 'b']]);
    expect(value('=_xlfn.TEXTSPLIT("a,,b",",")')).toEqual([['a', '', 'b']]);
    expect(value('=_xlfn.TEXTSPLIT("aXbxc","x",,,1)')).toEqual([['a', 'b', 'c']]);
    expect(value('=_xlfn.TEXTSPLIT("a,b;c",",",";")')).toEqual([['a', 'b'], ['c', '#N/A']]);
    expect(value('=_xlfn.TEXTSPLIT("a,b;c",",",";",,,"-")')).toEqual([['a', 'b'], ['c', '-']]);
  });
  test('text from a cell spills at the size Excel saved', () => {
    const hf = book([['x;y;z', '=_xlfn.TEXTSPLIT(A1,,";")']], new Map([[hintKey(at('B1')), [3, 1] as const]]));
    expect(block(hf, 'B1', 'B3')).toEqual([['x'], ['y'], ['z']]);
  });
});

describe('XMATCH (https://support.microsoft.com/en-us/office/xmatch-function-d966da31-7a6b-4a13-a1c6-5a33ed6a0312)', () => {
  test('=XMATCH(4,{5,4,3,2,1}) is 2; =XMATCH(4.5,{5,4,3,2,1},1) is 1 (next larger, 5)', () => {
    expect(value('=_xlfn.XMATCH(4,{5,4,3,2,1})')).toBe(2);
    expect(value('=_xlfn.XMATCH(4.5,{5,4,3,2,1},1)')).toBe(1);
  });
  test('"Gra" with match_mode 1 finds Grape at 2; wildcards; last-to-first; #N/A when absent', () => {
    const fruit = '{"Apple";"Grape";"Pear";"Banana";"Cherry"}';
    expect(value(`=_xlfn.XMATCH("Gra",${fruit},1)`)).toBe(2);
    expect(value(`=_xlfn.XMATCH("b*",${fruit},2)`)).toBe(4);
    expect(value('=_xlfn.XMATCH("a",{"a";"b";"A"},0,-1)')).toBe(3);
    expect(value('=_xlfn.XMATCH(3.5,{1,2,3,4},-1)')).toBe(3);
    expect(error('=_xlfn.XMATCH("Kiwi",{"a";"b"})').code).toBe('#N/A');
  });
});

describe('TEXTBEFORE, TEXTAFTER, CONCAT, TEXTJOIN (https://support.microsoft.com/en-us/office/textbefore-function-d099c28a-dba8-448e-ac6c-f086d0fa1b29)', () => {
  test("Microsoft's examples", () => {
    expect(value('=_xlfn.TEXTBEFORE("Red riding hood\'s, red hood","hood")')).toBe('Red riding ');
    expect(value('=_xlfn.TEXTBEFORE("Red riding hood\'s, red hood","")')).toBe('');
    expect(value('=_xlfn.TEXTBEFORE("Red riding hood\'s, red hood","",-1)')).toBe("Red riding hood's, red hood");
    const hf = book([
      ["Little Red Riding Hood's red hood", '=_xlfn.TEXTBEFORE(A1,"Red")', '=_xlfn.TEXTBEFORE(A2,"Red")', '=_xlfn.TEXTBEFORE(A2,"red",2)', '=_xlfn.TEXTBEFORE(A2,"red",-2)', '=_xlfn.TEXTBEFORE(A2,"Red",,FALSE)', '=_xlfn.TEXTBEFORE(A2,"red",3)'],
      ["Little red riding hood's red hood"],
      ['Marcus Aurelius', '=_xlfn.TEXTBEFORE(A3," ",,,1)', '=_xlfn.TEXTBEFORE(A4," ",,,0)', '=_xlfn.TEXTBEFORE(A4," ",,,1)'],
      ['Socrates'],
    ]);
    expect(block(hf, 'B1', 'G1')).toEqual([['Little ', '#N/A', "Little red riding hood's ", 'Little ', '#N/A', '#N/A']]);
    expect(block(hf, 'B3', 'D3')).toEqual([['Marcus', '#N/A', 'Socrates']]);
  });
  test('TEXTAFTER is the mirror; case-insensitive match_mode; if_not_found', () => {
    expect(value('=_xlfn.TEXTAFTER("Little Red Riding Hood\'s red hood","Red")')).toBe(" Riding Hood's red hood");
    expect(value('=_xlfn.TEXTAFTER("a-b-c","-",-1)')).toBe('c');
    expect(value('=_xlfn.TEXTAFTER("ABC","b",1,1)')).toBe('C');
    expect(value('=_xlfn.TEXTAFTER("ABC","x",1,0,0,"none")')).toBe('none');
    expect(error('=_xlfn.TEXTAFTER("ABC","B",0)').code).toBe('#VALUE!');
  });
  test('CONCAT joins ranges and values; TEXTJOIN (HyperFormula\'s) skips blanks', () => {
    expect(value('=_xlfn.CONCAT({"a","b"},1,TRUE)')).toBe('ab1TRUE');
    expect(value('=_xlfn.TEXTJOIN(", ",TRUE,"x","","y")')).toBe('x, y');
  });
});

describe('LAMBDA helpers (https://support.microsoft.com/en-us/office/byrow-function-2e04c677-78c8-4e6b-8c10-a4602f2602bb, https://support.microsoft.com/en-us/office/map-function-48006093-f97c-47c1-bfcc-749263bb1f01, https://support.microsoft.com/en-us/office/reduce-function-42e39910-b345-45f3-84b8-0642b568b7cb, https://support.microsoft.com/en-us/office/scan-function-d58dfd11-9969-4439-b2dc-e7062724de29, https://support.microsoft.com/en-us/office/makearray-function-b80da5ad-b338-4149-a523-5b221da09097)', () => {
  const data: Row[] = [[1, 2, 3], [4, 5, 6]];
  test('BYROW(…, LAMBDA(array, MAX(array))) is each row\'s maximum; BYCOL each column\'s', () => {
    const hf = book([...data, ['=_xlfn.BYROW(A1:C2,_xlfn.LAMBDA(_xlpm.array,MAX(_xlpm.array)))', '=_xlfn.BYCOL(A1:C2,_xlfn.LAMBDA(_xlpm.array,MAX(_xlpm.array)))']]);
    expect(block(hf, 'A3', 'A4')).toEqual([[3], [6]]);
    expect(block(hf, 'B3', 'D3')).toEqual([[4, 5, 6]]);
  });
  test('MAP(…, LAMBDA(a, IF(a>4, a*a, a))) squares the values above 4', () => {
    expect(value('=_xlfn.MAP({1,2,3;4,5,6},_xlfn.LAMBDA(_xlpm.a,IF(_xlpm.a>4,_xlpm.a*_xlpm.a,_xlpm.a)))')).toEqual([[1, 2, 3], [4, 25, 36]]);
    expect(value('=_xlfn.MAP({1,2},{10,20},_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a+_xlpm.b))')).toEqual([[11, 22]]);
  });
  test('REDUCE(, …, LAMBDA(a, b, a+b^2)) is the sum of squares; SCAN keeps every step', () => {
    expect(value('=_xlfn.REDUCE(,{1,2,3;4,5,6},_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a+_xlpm.b^2))')).toBe(91);
    expect(value('=_xlfn.SCAN("",{"a","b","c";"d","e","f"},_xlfn.LAMBDA(_xlpm.t,_xlpm.i,_xlpm.t&_xlpm.i))')).toEqual([['a', 'ab', 'abc'], ['abcd', 'abcde', 'abcdef']]);
  });
  test('MAKEARRAY(3, 3, LAMBDA(r, c, r*c)) is a multiplication table', () => {
    expect(value('=_xlfn.MAKEARRAY(3,3,_xlfn.LAMBDA(_xlpm.r,_xlpm.c,_xlpm.r*_xlpm.c))')).toEqual([[1, 2, 3], [2, 4, 6], [3, 6, 9]]);
  });
  test('over our spills and cells: recomputes when a cell the LAMBDA reads changes', () => {
    const hf = book([['=LLM.RANK("tokens","2025-09-30","OpenRouter",3)', null, 1e9, '=_xlfn.BYROW(_xlfn.ANCHORARRAY(A1),_xlfn.LAMBDA(_xlpm.row,INDEX(_xlpm.row,1,2)/C1))']]);
    const rank = value('=LLM.RANK("tokens","2025-09-30","OpenRouter",3)') as [string, number][];
    expect(block(hf, 'D1', 'D3')).toEqual(rank.map((r) => [r[1] / 1e9]));
    hf.setCellContents(at('C1'), [[1e12]]);
    expect(block(hf, 'D1', 'D3')).toEqual(rank.map((r) => [r[1] / 1e12]));
  });
  test('parameters shadow LET names and outer LAMBDA parameters; a lone LAMBDA is #CALC!; a nested array is #CALC!', () => {
    expect(value('=_xlfn.LET(_xlpm.x,100,_xlfn.MAP({1,2},_xlfn.LAMBDA(_xlpm.x,_xlpm.x+1)))')).toEqual([[2, 3]]);
    expect(value('=_xlfn.LET(_xlpm.k,100,_xlfn.MAP({1,2},_xlfn.LAMBDA(_xlpm.x,_xlpm.x+_xlpm.k)))')).toEqual([[101, 102]]);
    expect(value('=_xlfn.MAP({1,2},_xlfn.LAMBDA(_xlpm.x,_xlfn.REDUCE(0,{5},_xlfn.LAMBDA(_xlpm.x,_xlpm.y,_xlpm.x+_xlpm.y))+_xlpm.x))')).toEqual([[6, 7]]);
    expect(error('=_xlfn.LAMBDA(_xlpm.x,_xlpm.x+1)').code).toBe('#CALC!');
    expect(error('=_xlfn.BYROW({1,2;3,4},_xlfn.LAMBDA(_xlpm.r,_xlpm.r*2))').code).toBe('#CALC!');
    expect(error('=_xlfn.BYROW({1,2},SUM)').message).toMatch(/must be a LAMBDA/);
    expect(error('=_xlfn.MAP({1,2},_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a))').code).toBe('#VALUE!');
  });
});

describe('spill sizes', () => {
  const data: Row[] = [[1, 'a'], [5, 'b'], [7, 'c'], [2, 'd']];
  const filterAt = (hints?: Map<string, readonly [number, number]>) =>
    book([...data, ['=_xlfn._xlws.FILTER(A1:B4,A1:A4>2)', null], [null, null], ['below', null]], hints);

  test('without a saved size, a value-dependent spill reserves its input size (4 rows here) and so meets the cell below', () => {
    expect(v(filterAt(), 'A5')).toBe('#SPILL!');
  });
  test('with the size Excel saved (2×2), it spills exactly there', () => {
    const hf = filterAt(new Map([[hintKey(at('A5')), [2, 2] as const]]));
    expect(block(hf, 'A5', 'B7')).toEqual([[5, 'b'], [7, 'c'], ['below', null]]);
  });
  test('when the data then needs more rows, the cell says the spill grew (#SPILL! with a message), never a crash', () => {
    const hf = filterAt(new Map([[hintKey(at('A5')), [2, 2] as const]]));
    hf.setCellContents(at('A1'), [[9]]);
    const cell = hf.getCellValue(at('A5')) as { value: string; message: string };
    expect(cell.value).toBe('#SPILL!');
    expect(cell.message).toMatch(/Excel saved a 2×2 spill.*grew/);
  });
  test('the saved size is for the whole formula: a nested FILTER keeps its upper bound, the outer TAKE is exact', () => {
    const hints = new Map([[hintKey(at('A5')), [1, 2] as const]]);
    const hf = book([...data, ['=_xlfn.TAKE(_xlfn._xlws.FILTER(A1:B4,A1:A4>0),1)', null], ['below', null]], hints);
    expect(block(hf, 'A5', 'B6')).toEqual([[1, 'a'], ['below', null]]);
  });
  test('literal and range shapes give exact sizes without any saved size', () => {
    const hf = book([...data, ['=_xlfn.TAKE(A1:B4,2)', null, '=_xlfn.CHOOSECOLS(A1:B4,2)', '=INDEX(A1:B4,0,1)'], [null, null, null, null], ['below', 'x', null, null]]);
    expect(block(hf, 'A5', 'B6')).toEqual([[1, 'a'], [5, 'b']]);
    expect(v(hf, 'C5')).toBe('a');
    expect(v(hf, 'D5')).toBe(1);
  });
  test('a count read from a cell takes the saved size; with none, the one-cell guess says why it cannot spill', () => {
    const hinted = book([[3, '=_xlfn.SEQUENCE(A1)']], new Map([[hintKey(at('B1')), [3, 1] as const]]));
    expect(block(hinted, 'B1', 'B3')).toEqual([[1], [2], [3]]);
    const bare = book([[3, '=_xlfn.SEQUENCE(A1)', '=SUM(_xlfn.SEQUENCE(A1))']]);
    expect((bare.getCellValue(at('B1')) as { message: string }).message).toMatch(/depends on values from cells/);
    expect(v(bare, 'C1')).toBe(6);
  });
});

describe('the size each spill really had, for calc --check', () => {
  test('is the whole formula\'s, not that of a spill nested in it', () => {
    const hints = new Map([
      [hintKey(at('A1')), [3, 1] as const],
      [hintKey(at('C1')), [1, 1] as const],
      [hintKey(at('E1')), [2, 2] as const],
      [hintKey(at('G1')), [2, 6] as const],
    ]);
    const observed = new Map<string, [number, number]>();
    withSpillHints(hints, () => createEngine({ S: [[xl('=_xlfn.TAKE(LLM.RANK("tokens","2025-09-30","OpenRouter"),3,1)'), null, xl('=_xlfn.SINGLE(LLM.RANK("tokens","2025-09-30","OpenRouter"))'), null, xl('=_xlfn._xlws.SORT(_xlfn.CHOOSECOLS(LLM.RANK("tokens","2025-09-30","OpenRouter"),2,1))'), null, xl('=TRANSPOSE(LLM.RANK("tokens","2025-09-30","OpenRouter",6))')]] }), observed);
    expect(observed.get(hintKey(at('A1')))).toEqual([3, 1]);
    expect(observed.get(hintKey(at('C1')))).toEqual([1, 1]);
    const rows = (value('=LLM.RANK("tokens","2025-09-30","OpenRouter")') as unknown[]).length;
    expect(observed.get(hintKey(at('E1')))).toEqual([rows, 2]);
    // A built-in outermost function reports nothing; the RANK inside it must not speak for the cell.
    expect(observed.get(hintKey(at('G1')))).toBeUndefined();
  });
});

describe('never a thrown exception', () => {
  test('a TEXTSPLIT of the most pieces a cell\'s text can hold (32,768) is counted, not a stack overflow', () => {
    // Excel's text stops at 32,767 characters (REPT beyond is #VALUE!), so this is the widest split there is.
    expect(value('=ROWS(_xlfn.TEXTSPLIT(REPT(";",32767),,";"))')).toBe(32768);
  });

  test('a guessed size that proves too small inside a built-in is #SPILL!, not a crash of the whole engine', () => {
    const hf = book([[5, '=_xlfn.SEQUENCE(2)', '=_xlfn.HSTACK(_xlfn.SEQUENCE(A1),1)', null, '=_xlfn.HSTACK(_xlfn.ANCHORARRAY(B1),1)']]);
    expect(v(hf, 'C1')).toBe('#SPILL!');
    expect(block(hf, 'E1', 'F2')).toEqual([[1, 1], [2, '#N/A']]); // HSTACK pads the shorter array with #N/A, as Excel does
    expect(() => hf.setCellContents(at('B1'), [[xl('=_xlfn.SEQUENCE(4)')]])).not.toThrow();
    expect((hf.getCellValue(at('E1')) as { message: string }).message).toMatch(/4×2 but 2×2 .*grew/);
  });

  const odd = [
    '=_xlfn.ANCHORARRAY(1)',
    '=_xlfn.ANCHORARRAY(A1:B2)',
    '=_xlfn.ANCHORARRAY()',
    '=_xlfn.SINGLE()',
    '=INDEX({1,2},-1)',
    '=INDEX({1,2},"x")',
    '=INDEX({1,2},1,1,2)',
    '=_xlfn.TAKE()',
    '=_xlfn.TAKE({1,2},{1,2})',
    '=_xlfn.DROP(1/0,1)',
    '=_xlfn._xlws.FILTER({1;2},{"a";"b"})',
    '=_xlfn._xlws.FILTER({1;2},{1/0;1})',
    '=_xlfn.SORTBY({1;2},{1;2;3})',
    '=_xlfn._xlws.SORT({1;2},5)',
    '=_xlfn._xlws.SORT({1;2},1,0)',
    '=_xlfn.SEQUENCE(-1)',
    '=_xlfn.SEQUENCE("a")',
    '=_xlfn.WRAPROWS({1,2;3,4},2)',
    '=_xlfn.WRAPROWS({1,2},0)',
    '=_xlfn.XMATCH(1,{1,2;3,4})',
    '=_xlfn.XMATCH(1,{1,2},7)',
    '=_xlfn.TEXTBEFORE("abc","b",99)',
    '=_xlfn.TOCOL({1,2},9)',
    '=_xlfn.LET(_xlpm.x)',
    '=_xlfn.LET(1,2,3)',
    '=_xlfn.LET(_xlpm.x,1,_xlpm.x',
  ];
  test.each(odd)('%s is an error value with a message', (f) => {
    const r = evaluate(f);
    expect('error' in r).toBe(true);
    if ('error' in r) expect(r.error).toMatch(/^#/);
  });
});
