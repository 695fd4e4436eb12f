#!/usr/bin/env node
// `npm run prepare` (npm ci, npm install from git, npm pack): lib/ — tsc's JavaScript and type
// declarations of src/ (the library), and the one-file CLI (lib/bundle/, webpack.cli.config.js) —
// built side by side, each on a core: the CLI build reads the sources itself, not tsc's output.
// tsc emits without type-checking here (--noCheck): `npm test` type-checks every source, and
// `npm run typecheck` does alone. Exit status: 0, or 1 when either build fails.
'use strict';
const { npx, run } = require('./run');

/** null when the build passed, else what failed. */
async function build(args) {
  const r = await run(npx, args);
  return r.status === 0 ? null : `${args.join(' ')} failed (${r.signal ?? `exit ${r.status}`})`;
}

Promise.all([build(['tsc', '-p', 'tsconfig.build.json', '--noCheck']), build(['webpack', '-c', 'webpack.cli.config.js'])]).then((failures) => {
  for (const f of failures.filter(Boolean)) console.error(`prepare: ${f}`);
  process.exit(failures.some(Boolean) ? 1 : 0);
});
