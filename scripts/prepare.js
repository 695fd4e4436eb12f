#!/usr/bin/env node
// `npm run prepare` (npm ci, npm install from git, npm pack): lib/ — tsc's JavaScript and type
// declarations of src/ (the library), and the one-file CLI (lib/bundle/, webpack.cli.config.js) —
// built side by side, each on a core: the CLI build reads the sources itself, not tsc's output.
// tsc emits without type-checking here (--noCheck): `npm test` type-checks every source, and
// `npm run typecheck` does alone. Exit status: 0, or 1 when either build fails.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(npx, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (e) => resolve(`${args.join(' ')}: ${e.message}`));
    child.on('exit', (code, signal) => resolve(code === 0 ? null : `${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
  });
}

Promise.all([run(['tsc', '-p', 'tsconfig.build.json', '--noCheck']), run(['webpack', '-c', 'webpack.cli.config.js'])]).then((failures) => {
  for (const f of failures.filter(Boolean)) console.error(`prepare: ${f}`);
  process.exit(failures.some(Boolean) ? 1 : 0);
});
