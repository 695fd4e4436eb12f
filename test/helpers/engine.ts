import { createEngine, evaluateMany, EvalResult } from '../../src/engine';

const engine = createEngine({});

/** Evaluates one formula in a shared engine. */
export function ev(formula: string): EvalResult {
  return evaluateMany([formula], engine)[0];
}

/** The value of a formula, failing the test with the engine's message if it is an error. */
export function val(formula: string): unknown {
  const r = ev(formula);
  if ('error' in r) throw new Error(`${formula} → ${r.error} ${r.message}`);
  return r.value;
}

export function err(formula: string): { error: string; message: string } {
  const r = ev(formula);
  if (!('error' in r)) throw new Error(`${formula} → expected an error, got ${JSON.stringify(r.value)}`);
  return r;
}
