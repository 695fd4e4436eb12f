'use strict';
// A V8 code cache for the bundled CLI (lib/bundle/): most of a cold `eval` is
// V8 compiling HyperFormula's code, and the cache lets a run reuse what an
// earlier run compiled.
//
// Why not v8-compile-cache (or node's own cache, which Node 20 lacks): it
// stores the cache V8 produces at compile time, which holds only the top-level
// code — measured, it saved nothing here. The cache below is taken at exit
// with script.createCachedData(), which also holds every function the run
// compiled. It lives beside the bundle (lib/bundle/.v8-cache/, so nothing is
// shared with other users through /tmp), is keyed by the file's size and
// mtime and node's version, is written only when missing or rejected by V8,
// and is skipped silently where the folder is not writable.
const Module = require('module');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

exports.install = function install(bundleDir) {
  const cacheDir = path.join(bundleDir, '.v8-cache');
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (path.dirname(filename) !== bundleDir) return compile.call(this, content, filename);
    let key;
    let cachedData;
    try {
      const st = fs.statSync(filename);
      key = path.join(cacheDir, `${path.basename(filename)}.${st.size}.${Math.floor(st.mtimeMs)}.${process.version}-${process.arch}`);
      cachedData = fs.readFileSync(key);
    } catch {
      // no cache yet
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (key && (!cachedData || script.cachedDataRejected)) pending.push([script, key]);
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.cache = Module._cache;
    require.main = process.mainModule;
    return script.runInThisContext({ displayErrors: true }).call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const [script, key] of pending) {
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${key}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, key); // concurrent runs never read a half-written file
      } catch {
        // read-only install: every run compiles afresh, nothing else changes
      }
    }
  });
};
