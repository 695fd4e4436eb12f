#!/usr/bin/env node
'use strict';
// Runs the single-file build of the CLI (lib/bundle/, made by `npm run build:cli`,
// which `npm ci`'s prepare step and `npm test` run) or, without it, the modules
// tsc compiled into lib/src/ — slower to start, same behaviour.
const fs = require('fs');
const path = require('path');

function load() {
  const bundle = path.join(__dirname, '..', 'lib', 'bundle', 'llm-market.js');
  if (fs.existsSync(bundle)) {
    if (!process.env.LLM_MARKET_NO_CODE_CACHE) require('./compile-cache').install(path.dirname(bundle));
    return require(bundle);
  }
  const modules = path.join(__dirname, '..', 'lib', 'src', 'cli', 'main.js');
  try {
    return require(modules);
  } catch (e) {
    if (!(e && e.code === 'MODULE_NOT_FOUND' && e.message.includes(modules))) throw e;
  }
  process.stderr.write(`llm-market: not built yet; run \`npm ci\` (or \`npm run prepare\`) in ${path.resolve(__dirname, '..')} first\n`);
  process.exit(1);
}

const cli = load();
cli.quietOnClosedPipe();
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`llm-market: ${(e && e.message) || e}\n`);
    process.exitCode = 1;
  },
);
