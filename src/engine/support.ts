/**
 * Which functions the engine can evaluate. A formula calling anything else is
 * reported by `calc --check` as unsupported (naming the function) instead of
 * being evaluated to a misleading #NAME?. The list is read from HyperFormula's
 * registry at call time, so every plugin registered with the engine (ours and
 * any added later) counts as supported without a change here.
 */
import { HyperFormula } from 'hyperformula';
import { mapCode } from './xlsx/refs';

/** Function names called in a formula (text in quotes ignored), as written. */
export function calledFunctions(formula: string): string[] {
  const names = new Set<string>();
  mapCode(formula, (code) => {
    for (const m of code.matchAll(/(?<![A-Za-z0-9_.\\$])([A-Za-z_\\][A-Za-z0-9_.\\]*)\s*\(/g)) names.add(m[1]);
    return code;
  });
  return [...names];
}

export interface Unsupported {
  /** The function as Excel names it (LAMBDA, or MYADDIN.FN for an add-in). */
  name: string;
  reason: string;
}

/**
 * The functions in an engine-form formula (after `toEngineFormula`) that the
 * engine does not know. `_xlpm.` names are LET/LAMBDA parameters, not functions.
 */
export function unsupportedFunctions(engineFormula: string, known: ReadonlySet<string> = registeredFunctions()): Unsupported[] {
  const out: Unsupported[] = [];
  // A function passed by name to a LAMBDA helper (=BYROW(A1:B2,SUM)), which Excel stores as _xleta.SUM:
  // HyperFormula reads it as an unknown name, so the cell would differ where the engine is the one that is wrong.
  const eta = new Set<string>();
  mapCode(engineFormula, (code) => {
    for (const m of code.matchAll(/(?<![A-Za-z0-9_.])_xleta\.([A-Za-z0-9_.]+)/gi)) eta.add(m[1].toUpperCase());
    return code;
  });
  for (const f of eta) out.push({ name: f, reason: `${f} is passed by name to a LAMBDA helper (stored as _xleta.${f}, Excel's eta-reduced LAMBDA), which the engine does not evaluate; write LAMBDA(x,${f}(x)) to have it evaluated` });
  for (const raw of calledFunctions(engineFormula)) {
    const name = raw.toUpperCase();
    if (name.startsWith('_XLPM.')) continue;
    if (name.startsWith('_XLDUDF_')) {
      out.push({ name: raw.slice(8), reason: `${raw.slice(8)} is a function of another add-in (stored as ${raw}); only LLM.* add-in functions can be evaluated` });
      continue;
    }
    const bare = name.replace(/^_XLFN\.(_XLWS\.)?/, '');
    if (!known.has(bare)) out.push({ name: bare, reason: `the engine has no function ${bare}` });
  }
  return out;
}

let cache: { count: number; names: Set<string> } | undefined;

/** Every function name HyperFormula can evaluate right now (built-ins and registered plugins), upper case. */
export function registeredFunctions(): ReadonlySet<string> {
  const list = HyperFormula.getRegisteredFunctionNames('enGB');
  if (!cache || cache.count !== list.length) cache = { count: list.length, names: new Set(list.map((n) => n.toUpperCase())) };
  return cache.names;
}
