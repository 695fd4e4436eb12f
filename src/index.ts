/** llm-market's public API: the core, the dataset, and the headless engine. */
export { FUNCTIONS, FUNCTION_BY_NAME } from './core/catalog';
export type { FunctionSpec, ParamSpec, ParamType } from './core/catalog';
export { callFunction } from './core/functions';
export { Market } from './core/market';
export { bundledMarket } from './core/bundled';
export { LlmError } from './core/result';
export type { Arg, Outcome, Rows, Scalar, ErrorCode } from './core/result';
export { parseDate, serialToIso, isoToSerial } from './core/dates';
export { parseSeedFiles, DatasetError } from './data/load';
export type { Dataset, Fact, Entity, Metric, Source, Document } from './data/schema';
export { createEngine, evaluate, evaluateMany } from './engine';
export type { EvalResult } from './engine';
