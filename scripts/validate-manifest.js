#!/usr/bin/env node
// Validates add-in manifests against the offline Office XSDs in ../shared/schemas/
// with libxml2's xmllint compiled to WebAssembly (xmllint-wasm), so no system
// xmllint is needed. Same schemas and verdict as ../shared/schemas/validate-manifest.sh.
// usage: node scripts/validate-manifest.js manifest.xml [more.xml ...]
// exit: 0 all valid, 1 any invalid or unreadable, 2 usage error or schemas missing.
'use strict';
const fs = require('fs');
const path = require('path');

const SCHEMAS = process.env.LLM_MARKET_SCHEMAS || path.resolve(__dirname, '..', '..', 'shared', 'schemas');
const MAIN = 'OfficeAppManifestV1_1.xsd';

function schemaFiles(dir = SCHEMAS) {
  if (!fs.existsSync(path.join(dir, MAIN))) {
    throw new Error(`the Office manifest schemas are missing: expected ${path.join(dir, MAIN)} (shared/schemas beside the repository, or set LLM_MARKET_SCHEMAS)`);
  }
  // Every xs:import names a file in the same folder; xmllint-wasm sees only what is preloaded.
  const others = fs.readdirSync(dir).filter((f) => f.endsWith('.xsd') && f !== MAIN).sort();
  return {
    main: { fileName: MAIN, contents: fs.readFileSync(path.join(dir, MAIN), 'utf8') },
    preload: others.map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), 'utf8') })),
  };
}

/**
 * libxml2's xmllint as xmllint-wasm builds it (the package's Emscripten module, xmllint-node.js),
 * run on the calling thread. The package's own validateXML starts a worker thread per call and
 * terminates it afterwards; in CI that crashed a jest worker with SIGSEGV (terminating worker
 * threads that hold WebAssembly is a known source of Node crashes, nodejs/node#56312). The module's
 * worker glue only listens on `parentPort`, so it is given an inert one here.
 */
let xmllintFactory;
function xmllint() {
  if (!xmllintFactory) {
    const file = require.resolve('xmllint-wasm/xmllint-node.js');
    const mod = { exports: {} };
    const load = (id) => (id === 'worker_threads' ? { parentPort: { on() {} } } : require(id));
    new Function('exports', 'require', 'module', '__filename', '__dirname', fs.readFileSync(file, 'utf8'))(mod.exports, load, mod, file, path.dirname(file));
    xmllintFactory = mod.exports;
  }
  return xmllintFactory;
}

/** Runs xmllint once over files written into its in-memory file system; resolves its exit code and stderr. */
function runXmllint(inputFiles, args) {
  const exitCode = process.exitCode; // Emscripten's exit sets process.exitCode; this process's own must survive it
  return new Promise((resolve, reject) => {
    let stderr = '';
    xmllint()({
      inputFiles,
      arguments: args,
      print() {},
      printErr: (text) => (stderr += `${text}\n`),
      onExit: (code) => resolve({ code, stderr }),
      onAbort: (reason) => reject(new Error(`xmllint aborted: ${reason}`)),
      // 16 MiB to start, 32 MiB at most, as xmllint-wasm's defaults.
      wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: 512 }),
    }).catch(reject);
  }).finally(() => {
    process.exitCode = exitCode;
  });
}

/**
 * Validates one manifest's text. Resolves { valid, errors: [message…] };
 * rejects only if the schemas cannot be loaded or compiled.
 */
async function validateManifest(xml, name = 'manifest.xml') {
  const { main, preload } = schemaFiles();
  const fileName = path.basename(name);
  // --nonet as in validate-manifest.sh: the schemas must never be fetched.
  const r = await runXmllint([{ fileName, contents: xml }, main, ...preload], ['--nonet', '--schema', main.fileName, '--noout', fileName]);
  // xmllint's exit codes: 0 valid, 3 and 4 invalid (not well-formed, not valid), anything else a failure to run.
  if (r.code !== 0 && r.code !== 3 && r.code !== 4) throw new Error(`xmllint failed (exit ${r.code}): ${r.stderr.trim().split('\n')[0]}`);
  const errors = r.stderr.split('\n').filter((line) => line && !line.endsWith(' validates') && !line.endsWith(' fails to validate'));
  return { valid: r.code === 0, errors };
}

module.exports = { validateManifest, SCHEMAS };

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0 || files.some((f) => f === '-h' || f === '--help')) {
    console.error('usage: node scripts/validate-manifest.js manifest.xml [more.xml ...]');
    process.exit(files.length === 0 ? 2 : 0);
  }
  (async () => {
    let status = 0;
    for (const f of files) {
      let xml;
      try {
        xml = fs.readFileSync(f, 'utf8');
      } catch (e) {
        console.error(`${f}: cannot read (${e.code ?? e.message})`);
        status = 1;
        continue;
      }
      const r = await validateManifest(xml, f);
      if (r.valid) console.log(`${f} validates`);
      else {
        for (const m of r.errors) console.error(m.replace(path.basename(f), f));
        console.error(`${f} fails to validate`);
        status = 1;
      }
    }
    process.exit(status);
  })().catch((e) => {
    console.error(`error: ${e.message}`);
    process.exit(2);
  });
}
