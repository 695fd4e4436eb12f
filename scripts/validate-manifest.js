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
 * Validates one manifest's text. Resolves { valid, errors: [message…] };
 * rejects only if the schemas cannot be loaded or compiled.
 */
async function validateManifest(xml, name = 'manifest.xml') {
  const { validateXML } = require('xmllint-wasm');
  const { main, preload } = schemaFiles();
  const r = await validateXML({
    xml: [{ fileName: path.basename(name), contents: xml }],
    schema: [main],
    preload,
    // --nonet as in validate-manifest.sh: the schemas must never be fetched.
    modifyArguments: (args) => ['--nonet', ...args],
  });
  return { valid: r.valid, errors: r.errors.map((e) => e.rawMessage) };
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
