/**
 * The Excel side of the one core: arguments in, results and errors out. Each
 * wrapper in functions.ts hands its raw arguments here. Excel passes an
 * omitted optional argument as null (or undefined when trailing ones are
 * left off) and a date cell as its serial number; both reach the core as the
 * HyperFormula plugin hands them over (null = omitted; serials stay numbers).
 * A core LlmError becomes a CustomFunctions.Error with the same code (#N/A or
 * #VALUE!) and the core's message; rows are returned as a dynamic array.
 */
import { bundledMarket } from '../src/core/bundled';
import { FUNCTION_BY_NAME } from '../src/core/catalog';
import { callFunction } from '../src/core/functions';
import { Market } from '../src/core/market';
import { Arg, LlmError, Outcome, Rows, Scalar, isError } from '../src/core/result';

let market: Market | undefined;
let loadError: string | undefined;

/** The bundled dataset, validated once on first use. */
function getMarket(): Market | LlmError {
  if (market) return market;
  if (loadError === undefined) {
    try {
      market = bundledMarket();
      return market;
    } catch (e) {
      loadError = `the bundled dataset could not be loaded: ${(e as Error)?.message ?? String(e)}`;
    }
  }
  return new LlmError('#N/A', loadError);
}

function excelError(e: LlmError): CustomFunctions.Error {
  const code = e.code === '#N/A' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, e.message);
}

/** One raw Excel argument as the core's Arg, or why it cannot be one. */
export function toArg(v: unknown, fn: string, i: number): Arg | LlmError {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  const param = FUNCTION_BY_NAME.get(fn)?.params[i]?.name ?? `argument ${i + 1}`;
  if (Array.isArray(v)) {
    const rows = v.length;
    const cols = Array.isArray(v[0]) ? v[0].length : 1;
    if (rows === 1 && cols === 1) return toArg(Array.isArray(v[0]) ? v[0][0] : v[0], fn, i);
    return new LlmError('#VALUE!', `${fn}: ${param} must be a single value, not a ${rows}×${cols} range.`);
  }
  // Excel passes cell value objects (formatted number, entity…) only under allowCustomDataForDataTypeAny
  // (1.4), which the build drops for perpetual Office; should it come back, read them by their basicValue.
  if (typeof v === 'object' && 'basicValue' in v) {
    const b = (v as { basicValue: unknown }).basicValue;
    if (typeof b === 'number' || typeof b === 'string' || typeof b === 'boolean') return b;
  }
  return new LlmError('#VALUE!', `${fn}: ${param} has an unsupported type (${typeof v}).`);
}

/** The core's outcome as what Excel accepts, or the LlmError to raise. */
export function toResult(out: Outcome): Scalar | Rows | LlmError {
  if (isError(out)) return out;
  if (Array.isArray(out)) {
    if (out.length === 0) return new LlmError('#N/A', 'no rows to show.');
    return out;
  }
  return out;
}

/** Calls one core function with Excel's raw arguments; throws CustomFunctions.Error on failure. */
export function run(fn: string, raw: unknown[]): Scalar | Rows {
  const m = getMarket();
  if (isError(m)) throw excelError(m);
  const args: Arg[] = [];
  for (let i = 0; i < raw.length; i++) {
    const a = toArg(raw[i], fn, i);
    if (isError(a)) throw excelError(a);
    args.push(a);
  }
  const out = toResult(callFunction(m, fn, args));
  if (isError(out)) throw excelError(out);
  if (typeof out === 'number' && !Number.isFinite(out)) {
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber, `${fn}: the result is not a finite number.`);
  }
  return out;
}

/** A scalar function's result (the catalog guarantees the core returns no rows for it). */
export function scalar(fn: string, raw: unknown[]): number | string {
  const out = run(fn, raw);
  if (Array.isArray(out)) throw excelError(new LlmError('#VALUE!', `${fn} returned rows where one value was expected.`));
  return out as number | string;
}

/** A spilling function's rows. */
export function rows(fn: string, raw: unknown[]): (string | number | boolean)[][] {
  const out = run(fn, raw);
  return Array.isArray(out) ? out : [[out]];
}
