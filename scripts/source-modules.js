// The project's TypeScript modules for build scripts, from the sources themselves rather than
// tsc's lib/ (which may not be built yet, or be older than the sources): esbuild bundles the
// modules asked for into memory, in a tenth of a second, and the bundle is loaded here. One bundle
// per call, so the modules of one call share their classes and state (a DatasetError thrown by one
// is the class another checks).
'use strict';
const Module = require('module');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/**
 * `names` maps a module's path from the repository root (without .ts) to the exports wanted from
 * it: sourceExports({ 'src/data/load': ['parseSeedFiles'] }).parseSeedFiles.
 */
function sourceExports(names) {
  const { buildSync } = require('esbuild');
  const entry = Object.entries(names)
    .map(([file, exported]) => `export { ${exported.join(', ')} } from './${file}';`)
    .join('\n');
  const built = buildSync({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'error' });
  const mod = new Module(path.join(ROOT, 'source-modules.bundle.js'));
  mod._compile(built.outputFiles[0].text, mod.id);
  return mod.exports;
}

module.exports = { sourceExports };
