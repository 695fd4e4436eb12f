#!/usr/bin/env node
/**
 * `npm run bench [-- --json] [--repeats N] [--no-build]` — a benchmark, not a test.
 *
 * Every figure is a ratio against a baseline measured in the same run on the
 * same machine: each measurement is warmed up, repeated (interleaved with its
 * baseline, so drift hits both alike) and the median is taken.
 *
 *   tokens_vs_builtin    100,000 =LLM.TOKENS(A,B,C) cells vs 100,000 =ABS(D) cells, same sheet data  (goal ≤ 1.5)
 *   tokens_vs_vlookup    the same TOKENS cells vs 100,000 as-of VLOOKUP cells over the facts pasted
 *                        into the workbook, answering the same questions                              (goal ≤ 0.2)
 *   scale_100k_vs_1k     the core's as-of lookup (Market + callFunction) over a generated
 *                        100,000-fact dataset vs a 1,000-fact one                                    (goal ≤ 2)
 *   cli_cold_vs_node     `node bin/llm-market.js eval '=TOKENS("xAI")'` vs `node -e 0`, wall time
 *   functions_bundle_gzip_kb / taskpane_bundle_gzip_kb
 *                        gzip size of the scripts functions.html / taskpane.html load from dist/    (functions ≤ 150)
 *   engine_peak_mb       peak RSS of a process holding the engine with the 100,000 TOKENS cells
 *
 * Engine timings are build + evaluate: HyperFormula.buildFromSheets (through
 * createEngine) with every cell, then reading the values back. The synthetic
 * datasets are generated in memory here and never written anywhere.
 *
 * With --json the last line of stdout is one JSON object with exactly the keys
 * above (numbers; a bundle size is null when dist/ cannot be built).
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.join(__dirname, '..');
// BENCH_LIB=other/lib/src measures another build of the core and engine (e.g. before a change) with the same workloads.
const LIB = process.env.BENCH_LIB ? path.resolve(process.env.BENCH_LIB) : path.join(ROOT, 'lib', 'src');
const N_CELLS = 100_000;
const GOALS = { tokens_vs_builtin: 1.5, tokens_vs_vlookup: 0.2, scale_100k_vs_1k: 2, functions_bundle_gzip_kb: 150 };

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, dflt) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return dflt;
  const v = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return v === undefined ? dflt : v;
};
const REPEATS = Math.max(3, Number(option('repeats', 5)) | 0);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const gc = () => (global.gc ? global.gc() : undefined);
const round = (x, d = 3) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));
const log = (s) => process.stderr.write(`bench: ${s}\n`);

/** A small deterministic PRNG (mulberry32), so every run asks the same questions. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pickFrom = (r, xs) => xs[Math.floor(r() * xs.length)];

// ---------------------------------------------------------------------------
// (a), (b), (f): the workbooks

/**
 * The questions: entity names as users type them (display names and aliases of
 * the entities with token data; some entities without any; some unknown
 * names), as-of dates (date cells and ISO text: starts, ends and middles of
 * that entity's observations, 20 days after them, dates of other entities'
 * observations, a few before every observation) and units. Most questions have
 * an answer; the rest are deliberate misses (#N/A).
 */
function questions(n) {
  const { bundledMarket } = require(path.join(LIB, 'core/bundled'));
  const { isoToSerial, serialToIso } = require(path.join(LIB, 'core/dates'));
  const m = bundledMarket();
  const all = [...m.entities.values()];
  const withTokens = all.filter((e) => m.observations(e.id, 'tokens').length > 0);
  const without = all.filter((e) => m.observations(e.id, 'tokens').length === 0).slice(0, 4);
  const datesOf = (e) => {
    const out = [];
    for (const o of m.observations(e.id, 'tokens')) {
      const s = isoToSerial(o.fact.period.start);
      const t = isoToSerial(o.fact.period.end);
      out.push(s, t, s + Math.floor((t - s) / 2), t + 20);
    }
    return out;
  };
  const known = []; // [name, that entity's dates]
  for (const e of withTokens) for (const name of [e.name, ...e.aliases.slice(0, 2)]) known.push([name, datesOf(e)]);
  const anyDates = [...new Set([...withTokens.flatMap(datesOf), ...['2024-12-31', '2025-06-30', '2025-09-30', '2025-12-31'].map(isoToSerial)])];
  const before = isoToSerial('2020-01-01');
  const noData = without.map((e) => e.name); // #N/A: no token data
  const unknown = ['NoSuchModel', 'OpenAl', 'Antropic']; // #N/A: unknown, with a "did you mean"
  const units = ['', 'B', 'T', '亿', 'M'];
  const r = rng(20251001);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const [name, own] = x < 0.9 ? pickFrom(r, known) : x < 0.95 ? [pickFrom(r, noData), anyDates] : [pickFrom(r, unknown), anyDates];
    const y = r();
    const s = y < 0.8 ? pickFrom(r, own) : y < 0.97 ? pickFrom(r, anyDates) : before;
    // Half the dates are date cells (serials); half are ISO text, which the engine reads as dates.
    rows.push([name, i % 2 ? s : serialToIso(s), pickFrom(r, units), (i % 997) - 498]);
  }
  const names = [...new Set(rows.map((q) => q[0]))];
  return { rows, names, market: m };
}

/** The facts the TOKENS cells answer from, pasted as a lookup table: key = lower(name)|start serial, name, value. */
function pastedFacts(names, m) {
  const { isoToSerial } = require(path.join(LIB, 'core/dates'));
  const rows = [];
  for (const name of names) {
    const e = m.entity(name);
    if (!e || !e.id) continue;
    const byStart = new Map();
    for (const o of m.observations(e.id, 'tokens')) {
      const prior = byStart.get(o.fact.period.start);
      // One figure per period start, the one the dataset prefers (an analyst pastes one).
      if (!prior || m.preferred(o, prior) < 0) byStart.set(o.fact.period.start, o);
    }
    for (const o of byStart.values()) {
      const key = `${name.toLowerCase()}|${isoToSerial(o.fact.period.start)}`;
      rows.push([key, name.toLowerCase(), o.fact.value]);
    }
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return rows;
}

const UNITS_TABLE = [
  ['B', 1e9],
  ['K', 1e3],
  ['M', 1e6],
  ['T', 1e12],
  ['万', 1e4],
  ['亿', 1e8],
];

/**
 * The workbooks: identical data (the questions in A:D, the pasted facts, a
 * units table); only column E's formula differs.
 */
function workbooks(n) {
  const { rows, names, market } = questions(n);
  const facts = pastedFacts(names, market);
  const F = facts.length;
  const U = UNITS_TABLE.length;
  const lookup = (r) => {
    const key = `LOWER(A${r})&"|"&B${r}`;
    const range = `Facts!$A$1:$C$${F}`;
    return (
      `=IF(VLOOKUP(${key},${range},2,TRUE)=LOWER(A${r}),` +
      `VLOOKUP(${key},${range},3,TRUE)/IF(C${r}="",1,VLOOKUP(C${r},Units!$A$1:$B$${U},2,FALSE)),NA())`
    );
  };
  const literal = (v) => (typeof v === 'number' ? String(v) : `"${v}"`);
  const formulas = {
    tokens: (q, r) => `=LLM.TOKENS(A${r},B${r},C${r})`,
    builtin: (q, r) => `=ABS(D${r})`,
    vlookup: (q, r) => lookup(r),
    // The same questions written into the formulas, against a built-in with a literal argument.
    tokensLiteral: (q) => `=LLM.TOKENS(${literal(q[0])},${literal(q[1])},${literal(q[2])})`,
    builtinLiteral: (q) => `=ABS(${q[3]})`,
    // A custom function that does nothing, with TOKENS's parameters: HyperFormula's floor for such a cell.
    noop: (q, r) => `=BENCH.NOOP(A${r},B${r},C${r})`,
  };
  const books = {};
  for (const [k, f] of Object.entries(formulas)) {
    books[k] = (count = n) => ({ Questions: rows.slice(0, count).map((q, i) => [...q, f(q, i + 1)]), Facts: facts, Units: UNITS_TABLE });
  }
  return { books, factRows: F };
}

/** Build + evaluate: the engine with every cell, then column E read back. */
function runBook(sheets) {
  const { createEngine } = require(path.join(LIB, 'engine'));
  const t0 = now();
  const hf = createEngine(sheets, { maxRows: 200_000 });
  const values = hf.getSheetValues(hf.getSheetId('Questions'));
  const out = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i][4];
  const ms = now() - t0;
  return { ms, hf, out };
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

function childEngine() {
  registerNoop();
  const { books, factRows } = workbooks(N_CELLS);
  const fast = ['tokens', 'builtin', 'noop', 'tokensLiteral', 'builtinLiteral'];
  // The VLOOKUP workbook takes ~20× longer: three runs give its median.
  const slowRepeats = Math.min(REPEATS, 3);
  const sheets = {};
  for (const k of [...fast, 'vlookup']) sheets[k] = books[k]();
  const times = Object.fromEntries([...fast, 'vlookup'].map((k) => [k, []]));
  const results = {};
  // Warm-up (JIT, the parser's caches, the dataset's indexes): each workbook once, VLOOKUP's at a tenth of the size.
  for (const k of fast) {
    const r = runBook(sheets[k]);
    results[k] = r.out;
    r.hf.destroy();
    gc();
  }
  runBook(books.vlookup(N_CELLS / 10)).hf.destroy();
  gc();
  for (let i = 0; i < REPEATS; i++) {
    // Rotate the order so that no workbook always runs first or last.
    const order = [...fast, ...(i < slowRepeats ? ['vlookup'] : [])];
    for (let j = 0; j < order.length; j++) {
      const k = order[(i + j) % order.length];
      const r = runBook(sheets[k]);
      times[k].push(r.ms);
      if (k === 'vlookup') results[k] = r.out;
      r.hf.destroy();
      gc();
    }
  }
  // The VLOOKUP cells must answer the same questions: count the cells where they agree.
  const isNum = (v) => typeof v === 'number';
  const same = (a, b) => (isNum(a) && isNum(b) ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) : !isNum(a) && !isNum(b));
  let agree = 0;
  let agreeLiteral = 0;
  let answered = 0;
  for (let i = 0; i < N_CELLS; i++) {
    if (isNum(results.tokens[i])) answered++;
    if (same(results.tokens[i], results.vlookup[i])) agree++;
    if (same(results.tokens[i], results.tokensLiteral[i])) agreeLiteral++;
  }
  return { times, agree, agreeLiteral, answered, factRows };
}

function childMemory(kind) {
  const { createEngine } = require(path.join(LIB, 'engine'));
  createEngine({ S: [[1]] }).destroy();
  const sheets = workbooks(N_CELLS).books[kind]();
  gc();
  const before = process.memoryUsage();
  const r = runBook(sheets);
  gc();
  const held = process.memoryUsage();
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in KB
  r.hf.destroy();
  return {
    peak_rss_mb: peakRssMb,
    rss_before_mb: before.rss / 2 ** 20,
    heap_held_mb: (held.heapUsed - before.heapUsed) / 2 ** 20,
  };
}

// ---------------------------------------------------------------------------
// (c): the core's as-of lookup at 1,000 and 100,000 facts

/**
 * A synthetic dataset: `nEntities` companies, each with a monthly series from
 * a data provider and, every third month, an overlapping quarter from the
 * company itself, so as-of lookups meet exact-period, containing (two
 * candidates), after-the-last and before-the-first cases.
 */
function synthetic(nEntities, monthsPerEntity) {
  const iso = (y, m, d) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const documents = [{ id: '900_0000000000000000', title: 'Synthetic', title_en: 'Synthetic', publisher: null, published: '2030-01-01', language: 'en', description: 'generated for the benchmark' }];
  const sources = [
    { id: 'syn-tracker', name: 'Synthetic Tracker', name_zh: '合成追踪', kind: 'data provider', aliases: [], description: 'generated' },
    { id: 'syn-company', name: 'Synthetic Company', name_zh: '合成公司', kind: 'company disclosure', aliases: [], description: 'generated' },
  ];
  const metrics = [{ id: 'tokens', name: 'Tokens', name_zh: '词元', unit: 'tokens', description: 'generated' }];
  const entities = [];
  const facts = [];
  for (let e = 0; e < nEntities; e++) {
    const id = `syn-${e}`;
    entities.push({ id, name: `Synthetic Co ${e}`, name_zh: `合成公司${e}`, kind: 'company', parent: null, aliases: [`SYN${e}`] });
    const fact = (start, end, value, source) =>
      facts.push({ id: `${id}-${facts.length}`, entity: id, metric: 'tokens', value, unit: 'tokens', period: { start, end }, qualifier: '=', basis: 'actual', source, document: documents[0].id, quote: 'generated' });
    for (let k = 0; k < monthsPerEntity; k++) {
      const y = 2020 + Math.floor(k / 12);
      const mo = (k % 12) + 1;
      fact(iso(y, mo, 1), iso(y, mo, lastDay(y, mo)), 1e9 * (e + 1) + k, 'syn-tracker');
      if (mo % 3 === 0) fact(iso(y, mo - 2, 1), iso(y, mo, lastDay(y, mo)), 3e9 * (e + 1) + k, 'syn-company');
    }
  }
  return { documents, sources, entities, metrics, facts };
}

function childScale() {
  const { Market } = require(path.join(LIB, 'core/market'));
  const { callFunction } = require(path.join(LIB, 'core/functions'));
  // 1,000 facts: 75 entities × (10 months + 3 quarters) = 975; 100,000: 1,000 entities × (75 months + 25 quarters).
  const data = { small: synthetic(75, 10), large: synthetic(1000, 75) };
  /**
   * 200,000 TOKENS calls with the same mix for both sizes: random entities (by
   * name or alias; 2% unknown), and dates relative to the data — 80% a day,
   * month or quarter inside the months covered, 10% before them, 10% after.
   */
  const calls = (d, entityCount, months) => {
    const r = rng(7);
    const pad2 = (x) => String(x).padStart(2, '0');
    const out = [];
    for (let i = 0; i < 200_000; i++) {
      const e = Math.floor(r() * entityCount);
      const name = r() < 0.02 ? 'Synthetic Co X' : r() < 0.5 ? `Synthetic Co ${e}` : `syn${e}`;
      const w = r();
      const k = w < 0.1 ? -12 + Math.floor(r() * 12) : w < 0.9 ? Math.floor(r() * months) : months + Math.floor(r() * 12);
      const y = 2020 + Math.floor(k / 12);
      const mo = (((k % 12) + 12) % 12) + 1;
      const x = r();
      const date = x < 0.6 ? `${y}-${pad2(mo)}-${pad2(1 + Math.floor(r() * 28))}` : x < 0.8 ? `${y}-${pad2(mo)}` : `${y}Q${Math.ceil(mo / 3)}`;
      out.push([name, date, r() < 0.5 ? 'B' : null]);
    }
    return out;
  };
  const info = {};
  const markets = {};
  for (const [k, d] of Object.entries(data)) {
    const t0 = now();
    markets[k] = new Market(d);
    info[k] = { facts: d.facts.length, entities: d.entities.length, index_ms: now() - t0 };
  }
  const work = {
    small: { m: markets.small, calls: calls(data.small, 75, 10) },
    large: { m: markets.large, calls: calls(data.large, 1000, 75) },
    // A control: the 100k dataset asked about only 75 entities, as many as the 1k one has.
    largeFew: { m: markets.large, calls: calls(data.large, 75, 75) },
  };
  const run = (k) => {
    const { m, calls: cs } = work[k];
    const t0 = now();
    let answered = 0;
    for (const c of cs) if (typeof callFunction(m, 'TOKENS', c) === 'number') answered++;
    return { ns: ((now() - t0) * 1e6) / cs.length, answered };
  };
  const kinds = Object.keys(work);
  for (const k of kinds) run(k);
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  const answered = {};
  for (let i = 0; i < REPEATS; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const k = kinds[(i + j) % kinds.length];
      const r = run(k);
      times[k].push(r.ns);
      answered[k] = r.answered;
    }
  }
  return { times, info, answered };
}

// ---------------------------------------------------------------------------
// The parent: orchestrates the children and the measurements done from outside

function child(mode) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, `--child=${mode}`, `--repeats=${REPEATS}`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`bench child ${mode} failed:\n${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function coldStart() {
  const cli = path.join(ROOT, 'bin', 'llm-market.js');
  const time = (args) => {
    const t0 = now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const ms = now() - t0;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { ms, out: r.stdout.trim() };
  };
  const cliArgs = [cli, 'eval', '=TOKENS("xAI")'];
  time(['-e', '0']);
  const sample = time(cliArgs).out;
  const node = [];
  const ours = [];
  const rounds = REPEATS + 4;
  for (let i = 0; i < rounds; i++) {
    node.push(time(['-e', '0']).ms);
    ours.push(time(cliArgs).ms);
  }
  return { node: median(node), cli: median(ours), sample };
}

/** Sum of the gzip sizes of the local scripts a dist/ page loads (remote ones, like Office.js, excluded). */
function pageScriptsGzipKb(page) {
  const html = fs.readFileSync(path.join(ROOT, 'dist', page), 'utf8');
  let bytes = 0;
  const files = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    const src = m[1];
    if (/^[a-z]+:|^\/\//i.test(src)) continue;
    const file = path.join(ROOT, 'dist', src.split(/[?#]/)[0]);
    bytes += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    files.push(src);
  }
  return { kb: bytes / 1024, files };
}

function bundles() {
  const notes = [];
  const have = () => fs.existsSync(path.join(ROOT, 'dist', 'functions.html')) && fs.existsSync(path.join(ROOT, 'dist', 'taskpane.html'));
  if (!have()) {
    log('dist/ is missing: npm run build');
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0 || /not yet/.test(r.stdout) || !have()) {
      notes.push(`the add-in build is not available (npm run build: ${(r.stdout + r.stderr).trim().split('\n').pop() || `exit ${r.status}`}); bundle sizes are null`);
      return { functions: null, taskpane: null, notes };
    }
  }
  try {
    return { functions: pageScriptsGzipKb('functions.html'), taskpane: pageScriptsGzipKb('taskpane.html'), notes };
  } catch (e) {
    notes.push(`could not read the bundles: ${e.message}`);
    return { functions: null, taskpane: null, notes };
  }
}

function main() {
  if (!flag('no-build')) {
    log('compiling lib/ (tsc -p tsconfig.build.json)');
    const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      process.exit(1);
    }
  }
  const t0 = now();
  log(`engine: 6 workbooks × ${N_CELLS.toLocaleString("en")} cells, a warm-up and ${REPEATS} interleaved runs each (VLOOKUP: 3)`);
  const engine = child('engine');
  log('core: as-of lookups over generated 1,000- and 100,000-fact datasets');
  const scale = child('scale');
  log('memory: a fresh process holding each workbook');
  const memTokens = child('memory-tokens');
  const memBuiltin = child('memory-builtin');
  log('cold start: the CLI vs node -e 0');
  const cold = coldStart();
  log('bundles: gzip sizes');
  const b = bundles();

  const med = (xs) => median(xs);
  const tTok = med(engine.times.tokens);
  const tAbs = med(engine.times.builtin);
  const tVl = med(engine.times.vlookup);
  const tNoop = med(engine.times.noop);
  const tTokLit = med(engine.times.tokensLiteral);
  const tAbsLit = med(engine.times.builtinLiteral);
  const sSmall = med(scale.times.small);
  const sLarge = med(scale.times.large);
  const result = {
    tokens_vs_builtin: round(tTok / tAbs),
    tokens_vs_vlookup: round(tTok / tVl),
    scale_100k_vs_1k: round(sLarge / sSmall),
    cli_cold_vs_node: round(cold.cli / cold.node),
    functions_bundle_gzip_kb: b.functions ? round(b.functions.kb, 1) : null,
    taskpane_bundle_gzip_kb: b.taskpane ? round(b.taskpane.kb, 1) : null,
    engine_peak_mb: round(memTokens.peak_rss_mb, 1),
  };
  const verdict = (key, v) => (GOALS[key] === undefined ? '' : v === null ? 'n/a' : v <= GOALS[key] ? `met (≤ ${GOALS[key]})` : `MISSED (goal ≤ ${GOALS[key]})`);
  const fmt = (x, d = 0) => (x === null ? 'n/a' : x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const cpu = os.cpus();
  const lines = [
    `llm-market benchmark — node ${process.version}, ${os.platform()} ${os.arch()}, ${cpu.length} core${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model?.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM`,
    `medians of ${REPEATS} runs after a warm-up; engine = createEngine (buildFromSheets) with every cell + reading the values back`,
    '',
    pad(['measure', 'value', 'baseline', 'ratio / size', 'goal']),
    pad(['-------', '-----', '--------', '------------', '----']),
    pad([`(a) ${fmt(N_CELLS)} =LLM.TOKENS(A,B,C)`, `${fmt(tTok)} ms`, `=ABS(D): ${fmt(tAbs)} ms`, `${result.tokens_vs_builtin}×`, verdict('tokens_vs_builtin', result.tokens_vs_builtin)]),
    pad([`    a no-op custom function (A,B,C)`, `${fmt(tNoop)} ms`, `=ABS(D): ${fmt(tAbs)} ms`, `${round(tNoop / tAbs)}×`, "(HyperFormula's floor)"]),
    pad([`    same, arguments as literals`, `${fmt(tTokLit)} ms`, `=ABS(-123): ${fmt(tAbsLit)} ms`, `${round(tTokLit / tAbsLit)}×`, '(not a key)']),
    pad([`(b) same TOKENS cells`, `${fmt(tTok)} ms`, `as-of VLOOKUP: ${fmt(tVl)} ms`, `${result.tokens_vs_vlookup}×`, verdict('tokens_vs_vlookup', result.tokens_vs_vlookup)]),
    pad([`(c) as-of lookup, 100k facts`, `${fmt(sLarge / 1000, 2)} µs/call`, `1k facts: ${fmt(sSmall / 1000, 2)} µs/call`, `${result.scale_100k_vs_1k}×`, verdict('scale_100k_vs_1k', result.scale_100k_vs_1k)]),
    pad([`(d) CLI cold start (eval)`, `${fmt(cold.cli)} ms`, `node -e 0: ${fmt(cold.node)} ms`, `${result.cli_cold_vs_node}×`, '']),
    pad([`(e) functions bundle, gzip`, b.functions ? b.functions.files.join('+') : 'n/a', '', result.functions_bundle_gzip_kb === null ? 'null' : `${result.functions_bundle_gzip_kb} KB`, verdict('functions_bundle_gzip_kb', result.functions_bundle_gzip_kb)]),
    pad([`(e) task pane bundle, gzip`, b.taskpane ? b.taskpane.files.join('+') : 'n/a', '', result.taskpane_bundle_gzip_kb === null ? 'null' : `${result.taskpane_bundle_gzip_kb} KB`, '']),
    pad([`(f) peak RSS, engine + 100k TOKENS`, `${fmt(memTokens.peak_rss_mb)} MB`, `100k ABS: ${fmt(memBuiltin.peak_rss_mb)} MB`, `${round(memTokens.peak_rss_mb / memBuiltin.peak_rss_mb, 2)}×`, '']),
    '',
    'details:',
    `  (a,b) per run, ms: ${Object.entries(engine.times).map(([k, xs]) => `${k} ${xs.map((x) => fmt(x)).join(', ')}`).join('; ')}`,
    `  (a,b) per cell: TOKENS ${fmt((tTok * 1000) / N_CELLS, 1)} µs, a no-op with the same arguments ${fmt((tNoop * 1000) / N_CELLS, 1)} µs, ABS ${fmt((tAbs * 1000) / N_CELLS, 1)} µs, VLOOKUP ${fmt((tVl * 1000) / N_CELLS, 1)} µs`,
    `  (b) VLOOKUP cell: =IF(VLOOKUP(LOWER(A)&"|"&B,Facts,2,TRUE)=LOWER(A), VLOOKUP(…,3,TRUE)/IF(C="",1,VLOOKUP(C,Units,2,FALSE)), NA()) over ${engine.factRows} pasted fact rows keyed name|start`,
    `  (b) VLOOKUP and TOKENS give the same answer in ${fmt((100 * engine.agree) / N_CELLS, 1)}% of cells (literal-argument TOKENS: ${fmt((100 * engine.agreeLiteral) / N_CELLS, 1)}%); TOKENS answers ${fmt((100 * engine.answered) / N_CELLS, 1)}%, the rest are deliberate misses (#N/A)`,
    `  (c) ${fmt(scale.info.small.facts)} facts (${scale.info.small.entities} entities) vs ${fmt(scale.info.large.facts)} (${fmt(scale.info.large.entities)}), 200,000 TOKENS calls each (${fmt(scale.answered.small)} / ${fmt(scale.answered.large)} answered); indexing ${fmt(scale.info.small.index_ms, 1)} / ${fmt(scale.info.large.index_ms)} ms`,
    `  (c) control: the 100k dataset asked about only 75 entities: ${fmt(med(scale.times.largeFew) / 1000, 2)} µs/call, ${round(med(scale.times.largeFew) / sSmall, 2)}× the 1k one (what remains of the 100k ratio is memory locality, not the algorithm)`,
    `  (d) the CLI printed: ${cold.sample}`,
    `  (f) RSS before building ${fmt(memTokens.rss_before_mb)} MB; JS heap held by the engine: TOKENS ${fmt(memTokens.heap_held_mb)} MB, ABS ${fmt(memBuiltin.heap_held_mb)} MB`,
    ...b.notes.map((n) => `  note: ${n}`),
    `  total ${fmt((now() - t0) / 1000, 1)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (flag('json')) process.stdout.write(`${JSON.stringify(result)}\n`);
}

function pad(cols) {
  const widths = [38, 22, 30, 14, 0];
  return cols.map((c, i) => (widths[i] ? String(c).padEnd(widths[i]) : String(c))).join(' ').trimEnd();
}

const mode = option('child', null);
if (mode) {
  const out = mode === 'engine' ? childEngine() : mode === 'scale' ? childScale() : mode === 'memory-tokens' ? childMemory('tokens') : mode === 'memory-builtin' ? childMemory('builtin') : null;
  if (!out) throw new Error(`unknown child ${mode}`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  main();
}
