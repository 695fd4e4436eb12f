#!/usr/bin/env node
/**
 * `npm run bench [-- --json] [--repeats N] [--no-build] [--docs] [--docs-from FILE] [--only a,b]`
 * (--only: some of engine, vlookup, scale, calc, corpus, cli, bundles, functions)
 *
 * A benchmark, not a test: each figure is a ratio against a baseline measured
 * in the same run (interleaved, repeated, medians), except sizes. What each key
 * measures is in docs/BENCH.md; the workloads are in scripts/bench/.
 *
 * --json       the last line of stdout is one JSON object of the keys
 * --docs       also save this run (docs/bench-run.json) and regenerate the
 *              table in docs/BENCH.md and the README from it
 * --docs-from  only regenerate the documents from a saved run
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const report = require('./bench/report');

const ROOT = path.join(__dirname, '..');
// BENCH_LIB=other/lib/src measures another build of the core and engine with the same workloads.
const LIB = process.env.BENCH_LIB ? path.resolve(process.env.BENCH_LIB) : path.join(ROOT, 'lib', 'src');
// BENCH_CLI=path/to/llm-market.js runs calc through another entry (e.g. one that loads BENCH_LIB's cli/main.js).
const CLI = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(ROOT, 'bin', 'llm-market.js');
const CELLS = 100_000;
const RUN_FILE = path.join(ROOT, 'docs', 'bench-run.json');
const DOCS = [path.join(ROOT, 'docs', 'BENCH.md')]; // the README links to it

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, dflt) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return dflt;
  const v = argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  return v === undefined ? dflt : v;
};
const REPEATS = Math.max(3, Number(option('repeats', 5)) | 0);
const log = (s) => process.stderr.write(`bench: ${s}\n`);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function child(mode, args) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, `--child=${mode}`, `--args=${JSON.stringify(args)}`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${mode}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Wall time of a command; `ok` decides which exit statuses count as a run. */
function timed(cmd, args, opts = {}) {
  const t0 = now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, ...opts });
  const ms = now() - t0;
  const ok = opts.ok ?? ((s) => s === 0);
  if (!ok(r.status)) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' / ')}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

/** Runs each of `fns` once to warm up, then `repeats` interleaved rounds in rotated order. */
function interleave(fns, repeats) {
  const kinds = Object.keys(fns);
  for (const k of kinds) fns[k]();
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let i = 0; i < repeats; i++) for (let j = 0; j < kinds.length; j++) {
    const k = kinds[(i + j) % kinds.length];
    times[k].push(fns[k]());
  }
  return times;
}

/** The invocation the README documents for the CLI: what precedes ` eval ` in its first example. */
function readmeInvocation() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const line of readme.split('\n')) {
    const m = /^\s*(?:\$\s+)?((?:npx|npm exec|node|\.\/)?[\w./ -]*?llm-market(?:\.js)?)\s+eval\s/.exec(line);
    if (m) return m[1].trim();
  }
  return 'node bin/llm-market.js';
}

function cli() {
  const invocation = readmeInvocation();
  const sh = (cmd) => () => timed('sh', ['-c', cmd]).ms;
  const evalCmd = `${invocation} eval '=TOKENS("xAI","2025-09-30")'`;
  const sample = timed('sh', ['-c', evalCmd]).stdout.trim();
  const times = interleave({ node: sh('node -e 0'), eval: sh(evalCmd), help: sh(`${invocation} help >/dev/null`) }, REPEATS + 4);
  return { invocation, sample, ...times };
}

function calc() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-market-bench-'));
  try {
    const gen = child('calc-gen', { lib: LIB, cells: CELLS, dir });
    const rssFile = path.join(dir, 'maxrss');
    let check = '';
    const run = (file, which) => () => {
      const r = timed(process.execPath, ['-r', path.join(__dirname, 'bench', 'maxrss.js'), CLI, 'calc', file, '--check'], {
        env: { ...process.env, BENCH_MAXRSS_FILE: which === 'llm' ? rssFile : path.join(dir, 'maxrss-values') },
        ok: (s) => s === 0 || s === 1,
      });
      const said = (r.stderr.trim().split('\n').pop() || r.stdout.trim().split('\n').pop() || '').slice(0, 200);
      // Exit 1 is a run only when --check found differing cells; anything else means calc did not evaluate the workbook.
      if (!/^check: /.test(said)) throw new Error(`calc of the ${which === 'llm' ? 'LLM' : 'values'} workbook did not run to its check: ${said}`);
      if (which === 'llm') check = `calc --check said: ${said}`;
      return r.ms;
    };
    const times = interleave({ llm: run(gen.files.llm, 'llm'), values: run(gen.files.values, 'values') }, REPEATS);
    const peaks = fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
    return { cells: CELLS, ...times, peak_mb: Math.max(...peaks), check, answered: gen.answered, bytes: gen.bytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Sum of the gzip sizes of the local scripts a dist/ page loads (remote ones, like Office.js, excluded). */
function pageScripts(page) {
  const html = fs.readFileSync(path.join(ROOT, 'dist', page), 'utf8');
  let bytes = 0;
  const files = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    if (/^[a-z]+:|^\/\//i.test(m[1])) continue;
    bytes += zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'dist', m[1].split(/[?#]/)[0])), { level: 9 }).length;
    files.push(m[1]);
  }
  return { kb: bytes / 1024, files };
}

function functionsReady() {
  const script = path.join(__dirname, 'bench', 'functions-ready.js');
  const bundle = path.join(ROOT, 'dist', 'functions.js');
  const answer = JSON.parse(timed(process.execPath, [script, bundle]).stdout.trim()).answer;
  const times = interleave({ node: () => timed(process.execPath, ['-e', '0']).ms, ready: () => timed(process.execPath, [script, bundle]).ms }, REPEATS + 4);
  return { answer, ...times };
}

function build(notes) {
  log('compiling lib/ (tsc -p tsconfig.build.json) and dist/ (npm run build)');
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) {
    process.stderr.write(tsc.stdout + tsc.stderr);
    process.exit(1);
  }
  const wp = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (wp.status !== 0) notes.push(`npm run build failed (${(wp.stdout + wp.stderr).trim().split('\n').pop()}); the bundle figures are of the dist/ already there, if any`);
}

function writeDocs(record) {
  for (const file of DOCS) fs.writeFileSync(file, report.replaceRegion(fs.readFileSync(file, 'utf8'), record));
  log(`wrote the table into ${DOCS.map((f) => path.relative(ROOT, f)).join(' and ')}`);
}

function main() {
  if (option('docs-from', null)) {
    writeDocs(JSON.parse(fs.readFileSync(option('docs-from'), 'utf8')));
    return;
  }
  const notes = [];
  if (!flag('no-build')) build(notes);
  const only = option('only', null)?.split(',');
  const t0 = now();
  const m = {};
  const step = (key, what, fn) => {
    if (only && !only.includes(key)) return;
    log(what);
    try {
      m[key] = fn();
    } catch (e) {
      m[key] = null;
      notes.push(`${key} not measured: ${e.message}`);
      log(`  failed: ${e.message}`);
    }
  };
  step('engine', `per cell: 4 workbooks × ${CELLS.toLocaleString('en')} rows, a warm-up and ${REPEATS} interleaved runs`, () => child('engine', { lib: LIB, cells: CELLS, repeats: REPEATS }));
  step('vlookup', 'information: as-of VLOOKUP, 20,000 rows, 3 runs', () => child('vlookup', { lib: LIB, cells: 20_000, repeats: 3 }));
  step('scale', 'scale: as-of lookups over generated 1,000- and 100,000-fact datasets', () => child('scale', { lib: LIB, repeats: REPEATS }));
  step('calc', `calc: ${CELLS.toLocaleString('en')} LLM.TOKENS cells vs plain numbers`, calc);
  step('corpus', 'corpus: calc --check of every real-Excel corpus workbook vs reading it', () =>
    child('corpus', { lib: LIB, dir: process.env.LLM_MARKET_EXCEL_CORPUS || path.join(ROOT, '..', 'shared', 'excel-corpus'), repeats: 1 }),
  );
  step('cli', 'cli: eval and help through the README invocation vs node -e 0', cli);
  step('bundles', 'bundles: gzip sizes', () => {
    const f = pageScripts('functions.html');
    return { functions_kb: f.kb, functions_files: f.files, taskpane_kb: pageScripts('taskpane.html').kb };
  });
  step('functions', 'functions.js: loaded in a bare context to its first answer vs node -e 0', functionsReady);
  const cpu = os.cpus();
  const record = {
    env: `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpu.length} core${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model?.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, shared`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    repeats: REPEATS,
    seconds: Math.round((now() - t0) / 1000),
    measurements: m,
    notes,
  };
  process.stdout.write(`${report.text(record)}\n  total ${record.seconds} s\n`);
  if (option('save', null)) fs.writeFileSync(option('save'), `${JSON.stringify(record, null, 1)}\n`);
  if (flag('docs')) {
    fs.writeFileSync(RUN_FILE, `${JSON.stringify(record, null, 1)}\n`);
    writeDocs(record);
  }
  if (flag('json')) process.stdout.write(`${JSON.stringify(report.summarise(m).result)}\n`);
}

const mode = option('child', null);
if (mode) {
  const run = require('./bench/children')[mode];
  if (!run) throw new Error(`unknown child ${mode}`);
  // A child may answer asynchronously (the corpus one reads workbooks).
  Promise.resolve(run(JSON.parse(option('args', '{}')))).then((out) => process.stdout.write(`${JSON.stringify(out)}\n`));
} else {
  main();
}
