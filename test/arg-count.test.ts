/**
 * A call with the wrong number of arguments gets one answer whichever path
 * evaluates it: the core (what the Excel adapter calls) and the headless
 * engine (where HyperFormula checks arity first and the plugin rewrites its
 * "Wrong number of arguments.") give the same code and the same message.
 */
import { bundledMarket } from '../src/core/bundled';
import { FUNCTIONS } from '../src/core/catalog';
import { callFunction, requiredArgCount, wrongArgumentCount } from '../src/core/functions';
import { isError } from '../src/core/result';
import { evaluate } from '../src/engine';

const market = bundledMarket();
const literal = (i: number): string => `"a${i}"`;

function core(name: string, n: number): { error: string; message: string } {
  const out = callFunction(market, name, Array.from({ length: n }, (_, i) => `a${i}`));
  if (!isError(out)) throw new Error(`${name} with ${n} arguments answered ${JSON.stringify(out)}`);
  return { error: out.code, message: out.message };
}

function engine(name: string, n: number): { error?: string; message?: string } {
  const r = evaluate(`=LLM.${name}(${Array.from({ length: n }, (_, i) => literal(i)).join(',')})`) as { error?: string; message?: string };
  return { error: r.error, message: r.message };
}

describe.each(FUNCTIONS.map((f) => [f.name, f] as const))('%s', (name, spec) => {
  test('too many arguments: the same #VALUE! and message from the core and the engine', () => {
    const n = spec.params.length + 1;
    const want = wrongArgumentCount(spec, n);
    expect(core(name, n)).toEqual({ error: '#VALUE!', message: want.message });
    expect(engine(name, n)).toEqual(core(name, n));
    expect(want.message).toContain(`got ${n}`);
  });

});

describe.each(FUNCTIONS.filter((f) => requiredArgCount(f) > 0).map((f) => [f.name, f] as const))('%s', (name, spec) => {
  test('too few arguments: the same #VALUE! and message from the core and the engine', () => {
    const n = requiredArgCount(spec) - 1;
    expect(core(name, n)).toEqual({ error: '#VALUE!', message: wrongArgumentCount(spec, n).message });
    expect(engine(name, n)).toEqual(core(name, n));
  });
});

test('the message says how many the function takes and how to call it', () => {
  const tokens = FUNCTIONS.find((f) => f.name === 'TOKENS')!;
  expect(wrongArgumentCount(tokens, 5).message).toBe('TOKENS takes 1 to 4 arguments, got 5: use TOKENS(entity, [as_of], [unit], [source]).');
  const metrics = FUNCTIONS.find((f) => f.name === 'METRICS')!;
  expect(wrongArgumentCount(metrics, 1).message).toBe('METRICS takes 0 arguments, got 1: use METRICS().');
  const share = FUNCTIONS.find((f) => f.name === 'SHARE')!;
  expect(wrongArgumentCount(share, 1).message).toBe('SHARE takes 2 to 3 arguments, got 1: use SHARE(entity, source, [as_of]).');
});

test('a required argument left empty is still named, on both paths (not counted as missing)', () => {
  const r = evaluate('=LLM.SHARE("Volcano",)') as { error?: string; message?: string };
  expect(r.error).toBe('#VALUE!');
  expect(r.message).toMatch(/^SHARE: source is required/);
  const c = callFunction(market, 'SHARE', ['Volcano', null]);
  expect(isError(c) && c.message).toBe(r.message);
});
