/** Which functions `calc --check` reports as unsupported: read from the engine's registry, so new plugins count at once. */
import { FunctionPlugin, HyperFormula } from 'hyperformula';
import { register } from '../src/engine';
import { toEngineFormula } from '../src/engine/formula';
import { calledFunctions, unsupportedFunctions } from '../src/engine/support';
import { shiftFormula } from '../src/engine/xlsx/refs';

beforeAll(() => register());
const missing = (f: string) => unsupportedFunctions(toEngineFormula(f)).map((u) => u.name);

test('function names are found outside quotes only, as written', () => {
  expect(calledFunctions('=SUM(A1,"NOPE(1)",\'My(Sheet)\'!A1)+_xlfn.XLOOKUP(1,B:B,C:C)+LLM.TOKENS("x")')).toEqual(['SUM', '_xlfn.XLOOKUP', 'LLM.TOKENS']);
});

test("Excel's and ours are supported; another add-in's function and an unknown one are not", () => {
  expect(missing('SUM(1)+_xldudf_LLM_TOKENS("xAI")+LLM.RANK("tokens")+IFERROR(1,0)')).toEqual([]);
  expect(missing('_xldudf_CONTOSO_PRICE("MSFT")+NOSUCHFN(1)+SUM("NOPE(1)")')).toEqual(['CONTOSO_PRICE', 'NOSUCHFN']);
  // A LET/LAMBDA parameter called like a function is not a function name.
  expect(unsupportedFunctions('=_xlpm.f(1)')).toEqual([]);
});

test('a plugin registered later is supported without a change to support.ts', () => {
  class Later extends FunctionPlugin {
    static override implementedFunctions = { ZZLATER: { method: 'zz', parameters: [] } };
    zz() {
      return 1;
    }
  }
  expect(missing('ZZLATER()')).toEqual(['ZZLATER']);
  HyperFormula.registerFunctionPlugin(Later, { enGB: { ZZLATER: 'ZZLATER' }, enUS: { ZZLATER: 'ZZLATER' } });
  try {
    expect(missing('ZZLATER()')).toEqual([]);
  } finally {
    HyperFormula.unregisterFunction('ZZLATER');
  }
});

test('shared formulas: relative references move, $ ones and names and quoted text stay', () => {
  expect(shiftFormula('A1*2+$A$1+A$1+$A1+SUM(B1:C2)+Sheet2!D4+\'My Sheet\'!A1+LOG10(4)+"A1"+ZZZ9+XFE1', 2, 1)).toBe(
    'B3*2+$A$1+B$1+$A3+SUM(C3:D4)+Sheet2!E6+\'My Sheet\'!B3+LOG10(4)+"A1"+ZZZ9+XFE1',
  );
  expect(shiftFormula('SUM(A:A)+SUM(1:1)+A1', 1, 1)).toBe('SUM(B:B)+SUM(2:2)+B2');
  expect(shiftFormula('A1', -1, 0)).toBe('#REF!');
});
