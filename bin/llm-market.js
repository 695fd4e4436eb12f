#!/usr/bin/env node
'use strict';
// The compiled CLI lives in lib/ (built by `npm install`'s prepare step, or `npm run prepare`).
let cli;
try {
  cli = require('../lib/src/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /lib[\\/]src[\\/]cli/.test(e.message)) {
    process.stderr.write('llm-market: not built yet; run `npm run prepare` (or `npm ci`) first\n');
    process.exit(1);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`llm-market: ${(e && e.message) || e}\n`);
    process.exitCode = 1;
  },
);
