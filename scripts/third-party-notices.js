#!/usr/bin/env node
// THIRD-PARTY-NOTICES for what the add-in's bundles (dist/functions.js,
// dist/taskpane.js) contain. The build (webpack.config.js) records, from
// webpack's own module graph, which npm packages went into each bundle
// (dist/third-party-packages.json) and ships the notices beside them
// (dist/THIRD-PARTY-NOTICES.txt); this script writes the same text to the
// repository's THIRD-PARTY-NOTICES.
// usage: npm run build && node scripts/third-party-notices.js [--check]
//   --check: exit 1 if THIRD-PARTY-NOTICES is not what the last build contains.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'THIRD-PARTY-NOTICES');
const LIST = path.join(ROOT, 'dist', 'third-party-packages.json');
const LICENSE_FILE = /^(licen[sc]e|copying|notice)([.-].*)?$/i;

/** The package a file belongs to: the path after the last node_modules/ ("zod", "@scope/name"). */
function packageOf(file) {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return undefined;
  const name = parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
  return { name, dir: parts.slice(0, i + 1 + name.split('/').length).join('/') };
}

/**
 * Every npm package with a module in each named chunk of a finished webpack
 * compilation (concatenated modules are looked into), plus webpack itself,
 * whose runtime is in every bundle. → { "functions.js": [{name, dir}], … }
 */
function bundledPackages(compilation) {
  const byBundle = {};
  for (const chunk of compilation.chunks) {
    const seen = new Map();
    const visit = (m) => {
      if (m.modules) for (const inner of m.modules) visit(inner);
      const res = m.resource || (m.rootModule && m.rootModule.resource);
      const pkg = res && packageOf(res);
      if (pkg) seen.set(pkg.name, pkg.dir);
    };
    for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) visit(m);
    if (compilation.chunkGraph.getChunkRuntimeModulesIterable(chunk)[Symbol.iterator]().next().done === false) {
      seen.set('webpack', path.dirname(require.resolve('webpack/package.json')));
    }
    for (const file of chunk.files) {
      if (file.endsWith('.js')) byBundle[file] = [...seen].map(([name, dir]) => ({ name, dir: path.relative(ROOT, dir).split(path.sep).join('/') })).sort((a, b) => a.name.localeCompare(b.name));
    }
  }
  return byBundle;
}

/** A package's name, version, license and the text of its license file(s). */
function packageNotice(dir) {
  const abs = path.resolve(ROOT, dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(abs, 'package.json'), 'utf8'));
  const files = fs.readdirSync(abs).filter((f) => LICENSE_FILE.test(f) && fs.statSync(path.join(abs, f)).isFile()).sort();
  if (files.length === 0) throw new Error(`${pkg.name}@${pkg.version} (${dir}) ships no license file: add its license text by hand or drop the package`);
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository && pkg.repository.url;
  return {
    name: pkg.name,
    version: pkg.version,
    license: typeof pkg.license === 'string' ? pkg.license : (pkg.license && pkg.license.type) || 'see below',
    source: (repo || pkg.homepage || `https://www.npmjs.com/package/${pkg.name}`).replace(/^git\+/, ''),
    texts: files.map((f) => ({ file: f, text: fs.readFileSync(path.join(abs, f), 'utf8').replace(/\r\n/g, '\n').trim() })),
  };
}

/** The notices file for a bundle → packages map. Deterministic: same input, same text. */
function noticesText(byBundle) {
  const where = new Map();
  for (const [bundle, pkgs] of Object.entries(byBundle)) for (const p of pkgs) where.set(p.dir, [...(where.get(p.dir) || []), bundle]);
  const notices = [...where.keys()].map((dir) => ({ ...packageNotice(dir), bundles: where.get(dir).sort() })).sort((a, b) => a.name.localeCompare(b.name));
  const rule = '-'.repeat(78);
  const head = [
    'THIRD-PARTY NOTICES',
    '',
    'The llm-market Excel add-in (dist/functions.js, dist/taskpane.js) includes the',
    'following third-party software. Each is listed with its version, its license',
    'and the license text it ships with. This file is generated from the build',
    '(node scripts/third-party-notices.js); do not edit it by hand.',
    '',
    ...notices.map((n) => `  ${n.name} ${n.version} (${n.license}) — in ${n.bundles.join(', ')}`),
    '',
  ];
  const body = notices.flatMap((n) => [
    rule,
    `${n.name} ${n.version}`,
    `License: ${n.license}`,
    `Source: ${n.source}`,
    `Included in: ${n.bundles.join(', ')}`,
    '',
    ...n.texts.flatMap((t) => (n.texts.length > 1 ? [`[${t.file}]`, t.text, ''] : [t.text, ''])),
  ]);
  return `${[...head, ...body].join('\n').trimEnd()}\n`;
}

/** The webpack side: records the packages per bundle and ships the notices in dist/. */
class ThirdPartyNoticesPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ThirdPartyNoticesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ThirdPartyNoticesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const byBundle = bundledPackages(compilation);
        compilation.emitAsset('third-party-packages.json', new sources.RawSource(`${JSON.stringify(byBundle, null, 2)}\n`));
        compilation.emitAsset('THIRD-PARTY-NOTICES.txt', new sources.RawSource(noticesText(byBundle)));
      });
    });
  }
}

module.exports = { packageOf, bundledPackages, packageNotice, noticesText, ThirdPartyNoticesPlugin };

if (require.main === module) {
  if (!fs.existsSync(LIST)) {
    console.error('dist/third-party-packages.json is missing: run `npm run build` first.');
    process.exit(2);
  }
  const text = noticesText(JSON.parse(fs.readFileSync(LIST, 'utf8')));
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error('THIRD-PARTY-NOTICES is out of date: run `npm run build && node scripts/third-party-notices.js`.');
      process.exit(1);
    }
    console.log('THIRD-PARTY-NOTICES is up to date.');
  } else {
    fs.writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  }
}
