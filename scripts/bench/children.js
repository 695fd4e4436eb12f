'use strict';
/**
 * The measurements that run inside a fresh Node process (`node --expose-gc
 * scripts/bench.js --child=MODE`), one process per mode so that no mode's
 * heap or JIT state colours another's. Each returns raw timings; the parent
 * turns them into ratios.
 */
const fs = require('fs');
const path = require('path');
const W = require('./workloads');

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const gc = () => (global.gc ? global.gc() : undefined);

/** Build + evaluate: the engine with every cell, then column E read back. */
function runBook(lib, sheets) {
  const { createEngine } = require(path.join(lib, 'engine'));
  const t0 = now();
  const hf = createEngine(sheets, { maxRows: 200_000 });
  const values = hf.getSheetValues(hf.getSheetId('Questions'));
  const out = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i][4];
  const ms = now() - t0;
  hf.destroy();
  return { ms, out };
}

/** BENCH.NOOP(a, [b], [c], [d]): declared like LLM.TOKENS (ANY arguments, run through runFunction), returns 0. */
function registerNoop() {
  const { HyperFormula, FunctionPlugin, FunctionArgumentType } = require('hyperformula');
  class NoopPlugin extends FunctionPlugin {
    noop(ast, state) {
      return this.runFunction(ast.args, state, this.metadata('BENCH.NOOP'), () => 0);
    }
  }
  NoopPlugin.implementedFunctions = {
    'BENCH.NOOP': { method: 'noop', parameters: [0, 1, 2, 3].map((i) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: i > 0 })), vectorizationForbidden: true },
  };
  HyperFormula.registerFunctionPlugin(NoopPlugin, { enGB: { 'BENCH.NOOP': 'BENCH.NOOP' }, enUS: { 'BENCH.NOOP': 'BENCH.NOOP' } });
}

/** Runs each workbook once to warm up, then `repeats` rounds in rotated order; times per workbook. */
function rounds(lib, books, repeats) {
  const kinds = Object.keys(books);
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  const results = {};
  for (const k of kinds) {
    results[k] = runBook(lib, books[k]).out;
    gc();
  }
  for (let i = 0; i < repeats; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const k = kinds[(i + j) % kinds.length];
      times[k].push(runBook(lib, books[k]).ms);
      gc();
    }
  }
  return { times, results };
}

function engine({ lib, cells, repeats }) {
  registerNoop();
  const { rows } = W.questions(lib, cells);
  const { times, results } = rounds(lib, W.engineSheets(rows), repeats);
  let answered = 0;
  for (const v of results.tokens) if (typeof v === 'number') answered++;
  return { times, answered, cells };
}

function vlookup({ lib, cells, repeats }) {
  const { rows, market, isoToSerial } = W.questions(lib, cells);
  const { times } = rounds(lib, W.vlookupSheets(rows, market, isoToSerial), repeats);
  return { times, cells };
}

function scale({ lib, repeats }) {
  const { Market } = require(path.join(lib, 'core/market'));
  const { callFunction } = require(path.join(lib, 'core/functions'));
  const { parseSeedFiles } = require(path.join(lib, 'data/load'));
  // 1,000 facts: 75 entities × (10 months + 3 quarters) = 975; 100,000: 1,000 entities × (75 months + 25 quarters).
  const data = { small: W.synthetic(75, 10), large: W.synthetic(1000, 75) };
  const info = {};
  const markets = {};
  for (const [k, d] of Object.entries(data)) {
    // Validation as the loader does it, then indexing: what opening a dataset this size costs.
    const files = W.asSeedFiles(d);
    let t0 = now();
    parseSeedFiles(files);
    const validateMs = now() - t0;
    t0 = now();
    markets[k] = new Market(d);
    info[k] = { facts: d.facts.length, entities: d.entities.length, validate_ms: validateMs, index_ms: now() - t0 };
  }
  const work = {
    small: { m: markets.small, calls: W.scaleCalls(75, 10) },
    large: { m: markets.large, calls: W.scaleCalls(1000, 75) },
    // A control: the 100k dataset asked about only 75 entities, as many as the 1k one has.
    largeFew: { m: markets.large, calls: W.scaleCalls(75, 75) },
  };
  const run = (k) => {
    const { m, calls } = work[k];
    const t0 = now();
    let answered = 0;
    for (const c of calls) if (typeof callFunction(m, 'TOKENS', c) === 'number') answered++;
    return { ns: ((now() - t0) * 1e6) / calls.length, answered };
  };
  const kinds = Object.keys(work);
  for (const k of kinds) run(k);
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  const answered = {};
  for (let i = 0; i < repeats; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const k = kinds[(i + j) % kinds.length];
      const r = run(k);
      times[k].push(r.ns);
      answered[k] = r.answered;
    }
  }
  return { times, info, answered };
}

/** Writes the two calc workbooks into `dir`. */
function calcGen({ lib, cells, dir }) {
  const { xlsxBytes } = require('./xlsx');
  const { llm, values, answered } = W.calcRows(lib, cells);
  const files = { llm: path.join(dir, 'llm-formulas.xlsx'), values: path.join(dir, 'plain-values.xlsx') };
  fs.writeFileSync(files.llm, xlsxBytes(llm, 'Tokens'));
  fs.writeFileSync(files.values, xlsxBytes(values, 'Tokens'));
  return { files, answered, bytes: { llm: fs.statSync(files.llm).size, values: fs.statSync(files.values).size } };
}

/**
 * Every workbook of the real-Excel corpus (../shared/excel-corpus, or the
 * folder LLM_MARKET_EXCEL_CORPUS names): the time to check it (read, plan,
 * evaluate, compare with the saved values: what `calc --check` does, without
 * the printing) against the time merely to read it, each book read and checked
 * in turn `repeats` times, after one warm-up pass over a small book.
 */
function corpus({ lib, dir, repeats }) {
  const wb = require(path.join(lib, 'engine', 'workbook'));
  const books = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.xlsx')).sort();
  if (books.length === 0) throw new Error(`no .xlsx in ${dir}`);
  const check = async (file) => wb.differences((await wb.calcWorkbook(file)).cells).length;
  const times = { read: [], check: [] };
  let cells = 0;
  let differ = 0;
  let lost = 0;
  return (async () => {
    const smallest = books.map((b) => path.join(dir, b)).sort((a, b) => fs.statSync(a).size - fs.statSync(b).size)[0];
    await check(smallest);
    for (let round = 0; round < repeats; round++) {
      let read = 0;
      let checked = 0;
      for (const b of books) {
        const file = path.join(dir, b);
        gc();
        let t0 = now();
        await wb.loadWorkbook(file);
        read += now() - t0;
        gc();
        t0 = now();
        try {
          const calc = await wb.calcWorkbook(file);
          const d = wb.differences(calc.cells);
          if (round === 0) {
            cells += calc.cells.length;
            differ += new Set(d.map((x) => `${x.sheet}!${x.anchor}`)).size;
          }
        } catch {
          if (round === 0) lost++;
        }
        checked += now() - t0;
      }
      times.read.push(read);
      times.check.push(checked);
    }
    return { books: books.length, cells, differ, lost, times };
  })();
}

module.exports = { engine, vlookup, scale, 'calc-gen': calcGen, corpus };
