/**
 * What every core function returns: a value, a spill, or a typed error.
 * The core never throws across its boundary; adapters map `LlmError` to
 * Excel's `#N/A` / `#VALUE!` carrying `message`.
 */
export type ErrorCode = '#N/A' | '#VALUE!';

export class LlmError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

export type Scalar = number | string | boolean;
/** A spilled result: rows of cells; every row has the same length. */
export type Rows = Scalar[][];
export type Outcome = Scalar | Rows | LlmError;

export const notAvailable = (message: string): LlmError => new LlmError('#N/A', message);
export const badValue = (message: string): LlmError => new LlmError('#VALUE!', message);

export const isError = (x: unknown): x is LlmError => x instanceof LlmError;

/** The raw argument an adapter hands over: null means omitted or blank. */
export type Arg = string | number | boolean | null;
