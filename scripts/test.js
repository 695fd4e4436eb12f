#!/usr/bin/env node
// `npm test`: type-check, build what the tests read, run jest with --json, and
// end with jest's totals as "N passed, N failed" so a run that executed no test
// is visible. Exit status: 0 when jest and the type-check both pass, else 1.
//
// The builds run side by side, then jest:
//   - the add-in: webpack --mode production → dist/ (browser, metadata and manifest tests);
//   - lib/ (the command and the library: `npm run prepare`, scripts/prepare.js) only when a
//     source is newer than it: `npm ci`'s prepare step has just built it, and building it twice
//     was a minute of a fresh clone's `npm ci && npm test`.
// The type-check (tsc -p tsconfig.json --noEmit: every source, the tests included) needs nothing
// built and nothing waits for it: it starts with the builds and goes on beside jest, whose
// workers leave a core partly idle while browser tests wait on Chromium. Its output is held back
// and printed after jest's; a type error fails the run and counts in the totals as one failure.
// Each step's time is printed, and written with jest's per-suite times to test-output/timings.json.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });
const { capture, npm, npx, run } = require('./run');

/** The newest modification time of the files under `rel` (a file or a folder). */
function newest(rel) {
  const p = path.join(root, rel);
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newest(path.join(rel, name))), 0);
}

/** Whether lib/ (tsc's output and the CLI bundle) is older than anything it is built from. */
function libStale() {
  const built = ['lib/src/index.js', 'lib/src/cli/main.js', 'lib/bundle/llm-market.js'].map((f) => path.join(root, f));
  if (!built.every((f) => fs.existsSync(f))) return true;
  const builtAt = Math.min(...built.map((f) => fs.statSync(f).mtimeMs));
  const inputs = ['src', 'seeds', 'tsconfig.json', 'tsconfig.build.json', 'webpack.cli.config.js', 'package.json'];
  return Math.max(...inputs.map(newest)) > builtAt;
}

async function step(name, commands, timings) {
  for (const [cmd, args] of commands) {
    const r = await run(cmd, args);
    timings[name] = (timings[name] ?? 0) + r.ms;
    if (r.status !== 0) return `${cmd} ${args.join(' ')} failed`;
  }
  return null;
}

async function main() {
  const timings = {};
  const t0 = Date.now();
  const lib = libStale();
  const typecheck = capture(npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  const failures = (
    await Promise.all([
      step('add-in (webpack)', [[npx, ['webpack', '--mode', 'production']]], timings),
      lib
        ? step('lib (npm run prepare)', [[npm, ['run', '--silent', 'prepare']]], timings)
        : Promise.resolve(null),
    ])
  ).filter(Boolean);
  const builds = Date.now() - t0;
  console.log(
    `builds: ${(builds / 1000).toFixed(1)} s (${Object.entries(timings)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}${lib ? '' : '; lib/ was up to date'}; the type-check runs on beside jest)`,
  );
  /** The type-check's verdict, its output printed if it failed; true when it passed. */
  const typesPass = async () => {
    const r = await typecheck;
    timings.typecheck = r.ms;
    console.log(`type-check: ${(r.ms / 1000).toFixed(1)} s${r.status === 0 ? '' : ', failed'}`);
    if (r.status !== 0) {
      process.stdout.write(r.output);
      console.error('tsc -p tsconfig.json --noEmit failed');
    }
    return r.status === 0;
  };
  if (failures.length) {
    await typesPass();
    for (const f of failures) console.error(f);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }

  const report = path.join(out, 'jest.json');
  fs.rmSync(report, { force: true });
  const t1 = Date.now();
  const jest = await run(npx, ['jest', '--json', `--outputFile=${report}`, ...process.argv.slice(2)]);
  const jestMs = Date.now() - t1;
  const types = await typesPass();
  let passed = 0;
  let failed = 1;
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests + r.numRuntimeErrorTestSuites + (types ? 0 : 1);
    const suites = r.testResults
      .map((s) => ({ suite: path.relative(root, s.name), s: Math.round((s.endTime - s.startTime) / 100) / 10 }))
      .sort((a, b) => b.s - a.s);
    fs.writeFileSync(
      path.join(out, 'timings.json'),
      `${JSON.stringify({ builds_s: builds / 1000, steps_s: Object.fromEntries(Object.entries(timings).map(([k, ms]) => [k, ms / 1000])), jest_s: jestMs / 1000, suites }, null, 2)}\n`,
    );
    console.log(`slowest suites: ${suites.slice(0, 6).map((s) => `${s.suite} ${s.s} s`).join(', ')} (all: test-output/timings.json)`);
  } catch {
    console.error('jest wrote no report');
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(jest.status === 0 && types && failed === 0 && passed > 0 ? 0 : 1);
}

main();
