/**
 * The contract between the engine and HyperFormula beyond its public API:
 * every assumption src/engine/hf/internals.ts makes is checked here against
 * the installed HyperFormula, so an upgrade that breaks one fails this test
 * (and says which) instead of silently changing workbook results.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ArraySize, CellError, DetailedCellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';
import { createEngine } from '../src/engine';
import { toEngineFormula } from '../src/engine/formula';
import {
  arrayCellIn,
  arrayCellPrototype,
  arrayConstantBooleans,
  engineGraph,
  EnginePlugin,
  formulaAst,
  guardArrayResize,
  HF_VERSION,
  isNotComputedError,
  isParseError,
  isVectorizedArrayThrow,
  isWrongArgumentCount,
  pluginInternals,
  unknownNameIn,
  WRONG_ARGUMENT_COUNT,
  PARENTHESES,
  unparenthesised,
  AnyAst,
  State,
} from '../src/engine/hf/internals';

const root = join(__dirname, '..');
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

describe('the HyperFormula version', () => {
  test('package.json pins exactly the version the adapter was written against, and that is the one installed', () => {
    expect(json('package.json').dependencies.hyperformula).toBe(HF_VERSION);
    expect(json('node_modules/hyperformula/package.json').version).toBe(HF_VERSION);
    expect(HyperFormula.version).toBe(HF_VERSION);
  });
});

/** What a probe plugin saw of HyperFormula's internals while a formula was computed. */
interface Seen {
  ast?: AnyAst;
  state?: State;
  whole?: AnyAst;
  size?: ArraySize;
  called?: unknown;
  evaluated?: unknown;
  spill?: ReturnType<typeof arrayCellIn>;
  graph?: unknown;
}
const seen: Seen = {};

class ProbePlugin extends EnginePlugin {
  static override implementedFunctions = {
    PROBE: { method: 'probe', parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY, optionalArg: true }], vectorizationForbidden: true },
  };
  probe(ast: { args: AnyAst[] }, state: State): unknown {
    seen.ast = ast as AnyAst;
    seen.state = state;
    seen.whole = formulaAst(state);
    seen.size = this.sizeOf(ast.args[0], state);
    seen.evaluated = this.evaluate(ast.args[0], state);
    seen.called = this.call('PROBE', ast, state, (x: unknown) => x);
    const ref = ast.args[1];
    if (ref?.type === 'CELL_REFERENCE' && ref.reference) seen.spill = this.arrayCell(ref.reference.toSimpleCellAddress(state.formulaAddress));
    seen.graph = this.graph;
    return 1;
  }
}

describe('plugin internals (EnginePlugin)', () => {
  beforeAll(() => {
    createEngine(); // registers the engine's own plugins first
    HyperFormula.registerFunctionPlugin(ProbePlugin as never, { enGB: { PROBE: 'PROBE' }, enUS: { PROBE: 'PROBE' } });
  });
  afterAll(() => HyperFormula.unregisterFunction('PROBE'));

  test('AST nodes and interpreter state have the fields the engine reads', () => {
    const hf = createEngine({ S: [['={1,2;3,4}', null, '=PROBE((A3:B4),A1)'], [], [1, 2], [3, 4]] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(1);
    expect(seen.ast?.type).toBe('FUNCTION_CALL');
    expect(seen.ast?.procedureName).toBe('PROBE');
    expect(seen.ast?.args?.[0].type).toBe(PARENTHESES);
    expect(seen.ast?.args?.[0].expression?.type).toBe('CELL_RANGE');
    expect(unparenthesised(seen.ast?.args?.[0])?.type).toBe('CELL_RANGE');
    expect(seen.ast?.args?.[1].type).toBe('CELL_REFERENCE');
    expect(seen.ast?.args?.[1].reference?.toSimpleCellAddress({ sheet: 0, row: 0, col: 2 })).toEqual({ sheet: 0, row: 0, col: 0 });
    expect(seen.state?.formulaAddress).toEqual({ sheet: 0, row: 0, col: 2 });
    // formulaAst: the cell's whole formula, the node a plugin compares its own call with.
    expect(seen.whole).toBe(seen.ast);
    hf.destroy();
  });

  test('sizeOf, evaluate and call (runFunction with metadata) work from a subclass', () => {
    const hf = createEngine({ S: [['=PROBE(A3:B4)'], [], [1, 2], [3, 4]] });
    hf.getCellValue({ sheet: 0, row: 0, col: 0 });
    expect([seen.size?.width, seen.size?.height]).toEqual([2, 2]);
    expect(seen.evaluated).toBeInstanceOf(SimpleRangeValue);
    expect((seen.evaluated as SimpleRangeValue).data).toEqual([[1, 2], [3, 4]]);
    expect((seen.called as SimpleRangeValue).data).toEqual([[1, 2], [3, 4]]);
    hf.destroy();
  });

  test('a spill (ArrayVertex) is read at its anchor: size, values, and nothing elsewhere', () => {
    const hf = createEngine({ S: [['={1,2;3,4}', null, '=PROBE(1,A1)', '=PROBE(1,B1)']] });
    hf.getCellValue({ sheet: 0, row: 0, col: 2 });
    // D1 was computed last: B1 is inside the spill, not its anchor.
    expect(seen.spill).toBeUndefined();
    const a1 = arrayCellIn(seen.graph, { sheet: 0, row: 0, col: 0 });
    expect(a1?.size).toMatchObject({ width: 2, height: 2 });
    expect(a1?.raw?.()).toEqual([[1, 2], [3, 4]]);
    expect(a1?.error).toBeUndefined();
    expect(arrayCellIn(engineGraph(hf), { sheet: 0, row: 0, col: 0 })?.raw?.()).toEqual([[1, 2], [3, 4]]);
    expect(arrayCellIn(engineGraph(hf), { sheet: 0, row: 5, col: 5 })).toBeUndefined();
    hf.destroy();
  });

  test('the argument-size prediction starts from a plain object (sizing.ts tells the outermost call by it)', () => {
    let predicted: object | undefined;
    class SizeProbe extends EnginePlugin {
      static override implementedFunctions = { SIZEPROBE: { method: 'p', sizeOfResultArrayMethod: 'ps', parameters: [{ argumentType: FunctionArgumentType.ANY }] } };
      p(): unknown {
        return 1;
      }
      ps(_ast: unknown, state: object): ArraySize {
        predicted = state;
        return ArraySize.scalar();
      }
    }
    HyperFormula.registerFunctionPlugin(SizeProbe as never, { enGB: { SIZEPROBE: 'SIZEPROBE' }, enUS: { SIZEPROBE: 'SIZEPROBE' } });
    try {
      createEngine({ S: [['=SIZEPROBE(1)']] }).destroy();
      expect(predicted).toBeDefined();
      expect(Object.getPrototypeOf(predicted)).toBe(Object.prototype);
    } finally {
      HyperFormula.unregisterFunction('SIZEPROBE');
    }
  });

  test("pluginInternals reaches a built-in plugin's runFunction, arraySizeForAst and graph", () => {
    for (const name of ['XLOOKUP', 'COUNTA', 'COUNT', 'COUNTBLANK']) {
      const P = HyperFormula.getFunctionPlugin(name) as unknown as { prototype: Record<string, unknown>; implementedFunctions: Record<string, { method: string }> };
      expect(typeof P.prototype[P.implementedFunctions[name].method]).toBe('function');
    }
    const hf = createEngine({ S: [[1, 2, 3, '=AVERAGEIFS(A1:C1,A1:C1,">1")']] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 3 })).toBe(2.5);
    hf.destroy();
    expect(typeof pluginInternals).toBe('function');
  });
});

describe('array cells: the setCellValue wrap', () => {
  test('the array cell class is reachable and has setCellValue', () => {
    const probe = HyperFormula.buildFromArray([['={1,2}']], { licenseKey: 'gpl-v3' });
    try {
      expect(typeof arrayCellPrototype(probe)?.setCellValue).toBe('function');
    } finally {
      probe.destroy();
    }
    expect(guardArrayResize((v) => v)).toBe(true);
  });

  test('a spill that outgrows its reserved size is #SPILL!, not a thrown "Resizing to smaller array"', () => {
    const hf = createEngine({ S: [[1, '=HSTACK(SEQUENCE(A1),1)']] });
    hf.setCellContents({ sheet: 0, row: 0, col: 0 }, 3);
    const v = hf.getCellValue({ sheet: 0, row: 0, col: 1 });
    expect(v).toBeInstanceOf(DetailedCellError);
    expect((v as DetailedCellError).type).toBe(ErrorType.SPILL);
    hf.destroy();
  });
});

describe('AST nodes the engine makes', () => {
  test('an ERROR node holding a value evaluates to that value (LAMBDA parameters)', () => {
    const hf = createEngine({ S: [[2, 3, '=MAP(A1:B1,LAMBDA(_xlpm.x,_xlpm.x*10))']] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(20);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 3 })).toBe(30);
    hf.destroy();
  });
});

describe("HyperFormula's messages and throws the adapter recognises", () => {
  test('wrong number of arguments', () => {
    const hf = HyperFormula.buildFromArray([['=ABS()']], { licenseKey: 'gpl-v3' });
    const v = hf.getCellValue({ sheet: 0, row: 0, col: 0 }) as DetailedCellError;
    expect(v.message).toBe(WRONG_ARGUMENT_COUNT);
    expect(isWrongArgumentCount(new CellError(v.type, v.message))).toBe(true);
    hf.destroy();
  });

  test('an unknown name', () => {
    const hf = HyperFormula.buildFromArray([['=Nowhere+1']], { licenseKey: 'gpl-v3' });
    const v = hf.getCellValue({ sheet: 0, row: 0, col: 0 }) as DetailedCellError;
    expect(v.value).toBe('#NAME?');
    expect(unknownNameIn(v.message)).toBe('Nowhere');
    expect(unknownNameIn('Function name X not recognized.')).toBeUndefined();
    hf.destroy();
  });

  test('a parse error is #ERROR! with the parser\'s message; #CALC! is not one', () => {
    const hf = createEngine({ S: [['=1+*2', toEngineFormula('=_xlfn._xlws.FILTER({1;2},{FALSE;FALSE})')]] });
    expect(isParseError(hf.getCellValue({ sheet: 0, row: 0, col: 0 }))).toBe(true);
    const calc = hf.getCellValue({ sheet: 0, row: 0, col: 1 }) as DetailedCellError;
    expect(calc.type).toBe(ErrorType.ERROR);
    expect(isParseError(calc)).toBe(false);
    hf.destroy();
  });

  test('the throw of a vectorized function that returns an array', () => {
    class Arr extends FunctionPlugin {
      static override implementedFunctions = { ARRPROBE: { method: 'a', parameters: [{ argumentType: FunctionArgumentType.NUMBER }] } };
      a(ast: { args: unknown[] }, state: unknown): unknown {
        return (this as unknown as { runFunction: (...x: unknown[]) => unknown }).runFunction(ast.args, state, (this as unknown as { metadata: (n: string) => unknown }).metadata('ARRPROBE'), () => SimpleRangeValue.onlyValues([[1, 2]] as never));
      }
    }
    HyperFormula.registerFunctionPlugin(Arr as never, { enGB: { ARRPROBE: 'ARRPROBE' }, enUS: { ARRPROBE: 'ARRPROBE' } });
    try {
      let thrown: unknown;
      try {
        HyperFormula.buildFromArray([[1, 2, '=ARRPROBE(A1:B1)']], { licenseKey: 'gpl-v3', useArrayArithmetic: true }).destroy();
      } catch (e) {
        thrown = e;
      }
      expect(isVectorizedArrayThrow(thrown)).toBe(true);
    } finally {
      HyperFormula.unregisterFunction('ARRPROBE');
    }
  });

  test('a name inside an array constant is not a dependency (why arrayConstantBooleans exists), and the rewrite avoids it', () => {
    let thrown: unknown;
    try {
      HyperFormula.buildFromSheets({ S: [['={FALSE;TRUE}']] }, { licenseKey: 'gpl-v3' }, [{ name: 'FALSE', expression: '=FALSE()' }, { name: 'TRUE', expression: '=TRUE()' }]).destroy();
    } catch (e) {
      thrown = e;
    }
    // If HyperFormula starts ordering names inside {…}, this workaround may go (the rewrite stays harmless).
    expect(isNotComputedError(thrown)).toBe(true);
    expect(arrayConstantBooleans('={FALSE;TRUE,"TRUE"}+TRUE')).toBe('={FALSE();TRUE(),"TRUE"}+TRUE');
    const hf = createEngine({ S: [[arrayConstantBooleans('=_xlfn._xlws.FILTER({1;2},{FALSE;TRUE})').replace(/_xlfn\._xlws\./, '')]] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(2);
    hf.destroy();
  });
});
