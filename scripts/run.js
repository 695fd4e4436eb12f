// Running the build's and the tests' commands from scripts (scripts/test.js, scripts/prepare.js), in
// the repository's root, with Windows' npm.cmd and npx.cmd where they are needed.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command with inherited output; resolves to its exit status (1 when a signal killed it), the signal and its wall time. */
function run(cmd, args) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve({ status: 1, signal: null, ms: Date.now() - start });
    });
    child.on('exit', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), signal, ms: Date.now() - start }));
  });
}

/** Runs a command with its output held back; resolves to its exit status, output and wall time. */
function capture(cmd, args) {
  const start = Date.now();
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ status: 1, output: `${cmd}: ${e.message}\n`, ms: Date.now() - start }));
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), output, ms: Date.now() - start }));
  });
}

module.exports = { capture, npm, npx, run };
