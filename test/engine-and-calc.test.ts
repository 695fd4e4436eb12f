/**
 * The real-Excel corpus as a whole (excel-corpus.cases.ts: every book, every
 * formula cell's verdict, the 97% floor and the known differences), the
 * engine's function families (engine-*.cases.ts: each against hand-worked
 * values and against every cell of the real-Excel corpus that calls it) and
 * the recalculation's stages (calc-*.cases.ts: parse, plan, spills, tables,
 * iteration, implicit intersection), one group per file, run in this one jest
 * suite. As eighteen suites, each loaded HyperFormula, the dataset and the
 * workbook reader afresh (jest isolates every suite's modules): run alone on
 * this 2-core machine they took 43 s (66 s of CPU), as one suite 33 s (43 s of
 * CPU). The corpus group runs first: the verdicts it computes for every book
 * are the ones the families' groups then check (test/helpers/excelCorpus.ts
 * keeps them for the run). test/sequencer.js starts this suite early, so it
 * never becomes the tail of a run.
 *
 * One group alone: `npx jest test/engine-and-calc.test.ts -t "engine-text"`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
describe('excel-corpus', () => {
  require('./excel-corpus.cases');
});
describe('calc-intersection', () => {
  require('./calc-intersection.cases');
});
describe('calc-iterate', () => {
  require('./calc-iterate.cases');
});
describe('calc-library-written', () => {
  require('./calc-library-written.cases');
});
describe('calc-many', () => {
  require('./calc-many.cases');
});
describe('calc-parse', () => {
  require('./calc-parse.cases');
});
describe('calc-pipeline', () => {
  require('./calc-pipeline.cases');
});
describe('calc-tables', () => {
  require('./calc-tables.cases');
});
describe('engine-conditional', () => {
  require('./engine-conditional.cases');
});
describe('engine-database', () => {
  require('./engine-database.cases');
});
describe('engine-dates', () => {
  require('./engine-dates.cases');
});
describe('engine-engineering', () => {
  require('./engine-engineering.cases');
});
describe('engine-financial', () => {
  require('./engine-financial.cases');
});
describe('engine-information', () => {
  require('./engine-information.cases');
});
describe('engine-logical', () => {
  require('./engine-logical.cases');
});
describe('engine-lookup', () => {
  require('./engine-lookup.cases');
});
describe('engine-math', () => {
  require('./engine-math.cases');
});
describe('engine-statistical', () => {
  require('./engine-statistical.cases');
});
describe('engine-text', () => {
  require('./engine-text.cases');
});
