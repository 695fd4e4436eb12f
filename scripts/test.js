#!/usr/bin/env node
// `npm test`: type-check, build the add-in (the browser and metadata tests read
// dist/), run jest with --json, and end with jest's totals as "N passed, N failed"
// so a run that executed no test is visible. Exit status is jest's.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

for (const [cmd, args] of [
  ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['npx', ['tsc', '-p', 'tsconfig.build.json']], // lib/, which bin/llm-market.js runs
  ['npm', ['run', '--silent', 'build']],
]) {
  const r = run(cmd, args);
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const report = path.join(out, 'jest.json');
fs.rmSync(report, { force: true });
const jest = run('npx', ['jest', '--json', `--outputFile=${report}`, ...process.argv.slice(2)]);
let passed = 0;
let failed = 1;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
} catch {
  console.error('jest wrote no report');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
