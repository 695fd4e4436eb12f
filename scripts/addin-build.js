// Build helpers for the Excel add-in, used by webpack.config.js and by the
// add-in's tests: the deployment base URL, the zh-CN functions metadata
// (generated from the catalog's Chinese names over the JSDoc-generated
// functions.json), the help page the functions' @helpurl tags point at, and
// the manifest with its URLs rewritten.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { sourceExports } = require('./source-modules');

const ROOT = path.join(__dirname, '..');
const DEV_BASE = 'https://localhost:3000';

/**
 * The catalog (src/core/catalog.ts) compiled on the fly, so the build never
 * reads a stale lib/. It imports nothing, by design.
 */
function loadCatalog() {
  const ts = require('typescript');
  const file = path.join(ROOT, 'src', 'core', 'catalog.ts');
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const mod = { exports: {} };
  vm.runInNewContext(js, { module: mod, exports: mod.exports, require: () => { throw new Error('catalog.ts must not import anything'); } }, { filename: file });
  return mod.exports.FUNCTIONS;
}

/** Where the add-in is served: $ADDIN_BASE_URL (https, no trailing slash) or https://localhost:3000. */
function baseUrl(env = process.env) {
  const raw = (env.ADDIN_BASE_URL || '').trim();
  if (!raw) return DEV_BASE;
  let u;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL "${raw}" is not a URL; use e.g. https://addins.example.com/llm-market`);
  }
  if (u.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL "${raw}" must be https: Office loads add-ins only over https`);
  if (u.search || u.hash) throw new Error(`ADDIN_BASE_URL "${raw}" must not have a query or fragment`);
  return u.href.replace(/\/+$/, '');
}

/** Every https://localhost:3000 in a text replaced by the base URL; AppDomain gets the base's origin. */
function rewriteUrls(text, base) {
  if (base === DEV_BASE) return text;
  const origin = new URL(base).origin;
  return text
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEV_BASE)
    .join(base);
}

/**
 * The generated functions.json as the add-in ships it. custom-functions-metadata
 * always writes "allowCustomDataForDataTypeAny": true, a CustomFunctionsRuntime
 * 1.4 property that perpetual Office 2021/2024 does not support (there every
 * function shows #VALUE!; office-js issue #3504). No function takes or returns
 * Excel data types, so it is dropped and the add-in runs on 1.3
 * (test/metadata.test.ts ties the manifest's MinVersion to what is used).
 */
function shippedMetadata(generated) {
  const { allowCustomDataForDataTypeAny, ...rest } = generated; // eslint-disable-line no-unused-vars
  return rest;
}

/**
 * Why a function name would be refused, per Microsoft's naming rules for
 * custom functions ("Custom functions naming and localization"): it must
 * start with a letter, contain only letters, digits, periods and underscores,
 * be at least three characters and at most 128, and not look like a cell
 * reference (A1…XFD1048576, R1C1).
 */
function functionNameProblems(name) {
  const problems = [];
  const chars = [...name];
  if (!/^\p{L}/u.test(name)) problems.push('must start with a letter');
  if (!/^[\p{L}\p{N}._]*$/u.test(name)) problems.push('may contain only letters, digits, "." and "_"');
  if (chars.length < 3) problems.push(`must be at least three characters (has ${chars.length})`);
  if (chars.length > 128) problems.push('must be at most 128 characters');
  if (/^[A-Za-z]{1,3}[0-9]{1,7}$/.test(name) || /^R[0-9]*C[0-9]*$/i.test(name)) problems.push('must not look like a cell reference');
  return problems;
}

/**
 * functions.zh-CN.json: the generated functions.json with each function's and
 * parameter's name and description replaced by the catalog's Chinese ones.
 * Ids, types, optionality and options stay exactly as generated. Returns the
 * metadata and the problems found (missing translations, invalid names).
 */
function localizedMetadata(metadata, catalog) {
  const byName = new Map(catalog.map((f) => [f.name, f]));
  const problems = [];
  const seen = new Map();
  const functions = metadata.functions.map((fn) => {
    const spec = byName.get(fn.id);
    if (!spec) {
      problems.push(`${fn.id}: not in the catalog`);
      return fn;
    }
    for (const p of functionNameProblems(spec.name_zh)) problems.push(`${fn.id}: Chinese name "${spec.name_zh}" ${p}`);
    if (seen.has(spec.name_zh)) problems.push(`${fn.id}: Chinese name "${spec.name_zh}" is also ${seen.get(spec.name_zh)}'s`);
    seen.set(spec.name_zh, fn.id);
    if (fn.parameters.length !== spec.params.length) problems.push(`${fn.id}: ${fn.parameters.length} parameters in functions.json, ${spec.params.length} in the catalog`);
    const parameters = fn.parameters.map((p, i) => {
      const ps = spec.params[i];
      if (!ps || ps.name !== p.name) {
        problems.push(`${fn.id}: parameter ${i + 1} is "${p.name}" in functions.json but "${ps ? ps.name : '(none)'}" in the catalog`);
        return p;
      }
      return { ...p, name: ps.name_zh, description: ps.description_zh };
    });
    return { ...fn, name: spec.name_zh, description: spec.description_zh, parameters };
  });
  return { metadata: { ...metadata, functions }, problems };
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** help.html: every function with its parameters, in English and Chinese; the functions' @helpurl anchors (#TOKENS …). */
function helpHtml(catalog) {
  const sections = catalog
    .map((f) => {
      const sig = `LLM.${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
      const params = f.params
        .map((p) => `<tr><td><code>${esc(p.name)}</code>${p.optional ? ' (optional / 可选)' : ''}</td><td>${esc(p.name_zh)}</td><td>${esc(p.description)}<br>${esc(p.description_zh)}</td></tr>`)
        .join('\n');
      return `<section id="${esc(f.name)}">
<h2><code>${esc(sig)}</code> · ${esc(f.name_zh)}</h2>
<p>${esc(f.description)}<br>${esc(f.description_zh)}</p>
${f.params.length ? `<table><thead><tr><th>parameter</th><th>参数</th><th>description / 说明</th></tr></thead><tbody>\n${params}\n</tbody></table>` : '<p>No parameters. 无参数。</p>'}
<p>Example / 示例: <code>${esc(f.example)}</code></p>
</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'" />
<title>LLM.* functions · 函数说明</title>
<link href="taskpane.css" rel="stylesheet" type="text/css" />
</head>
<body>
<h1>LLM.* functions · 函数说明</h1>
<p>Every function answers from the dataset bundled with the add-in; the task pane shows the quote, document and source behind each number.
Errors: <code>#N/A</code> when the data has no answer, <code>#VALUE!</code> when an argument cannot be read; the cell's error message says which.<br>
所有函数都从加载项内置的数据集中取值;任务窗格可查看每个数字的原文、文献与来源。无答案时返回 <code>#N/A</code>,参数无法识别时返回 <code>#VALUE!</code>,错误提示会说明原因。</p>
${sections}
</body>
</html>
`;
}

/**
 * The webpack side: after custom-functions-metadata-plugin has emitted
 * functions.json, emit functions.zh-CN.json, help.html and manifest.xml, and
 * rewrite the URLs in functions.json for the configured base URL.
 */
class AddinBuildPlugin {
  constructor(options = {}) {
    this.base = options.base || baseUrl();
    this.manifest = options.manifest || path.join(ROOT, 'manifest.xml');
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('AddinBuildPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'AddinBuildPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const catalog = loadCatalog();
        compilation.fileDependencies.add(path.join(ROOT, 'src', 'core', 'catalog.ts'));
        compilation.fileDependencies.add(this.manifest);
        const asset = compilation.getAsset('functions.json');
        if (!asset) {
          compilation.errors.push(new WebpackError('AddinBuildPlugin: functions.json was not generated (see the custom-functions-metadata errors above)'));
          return;
        }
        const text = `${JSON.stringify(shippedMetadata(JSON.parse(rewriteUrls(asset.source.source().toString(), this.base))), null, 4)}\n`;
        compilation.updateAsset('functions.json', new sources.RawSource(text));
        const { metadata, problems } = localizedMetadata(JSON.parse(text), catalog);
        for (const p of problems) {
          // Reported, not fatal: test/metadata.test.ts fails on them, naming each.
          compilation.warnings.push(new WebpackError(`functions.zh-CN.json: ${p}`));
        }
        compilation.emitAsset('functions.zh-CN.json', new sources.RawSource(`${JSON.stringify(metadata, null, 2)}\n`));
        compilation.emitAsset('help.html', new sources.RawSource(helpHtml(catalog)));
        compilation.emitAsset('manifest.xml', new sources.RawSource(rewriteUrls(fs.readFileSync(this.manifest, 'utf8'), this.base)));
      });
    });
  }
}

/** The README's table of Chinese function names (`node scripts/addin-build.js --zh-table`). */
function zhNamesTable(catalog) {
  const rows = catalog.map((f) => `| \`LLM.${f.name}\` | \`LLM.${f.name_zh}\` | ${f.params.map((p) => (p.optional ? `[${p.name_zh}]` : p.name_zh)).join(', ')} |`);
  return ['| English | 中文 | 参数 (parameters) |', '| --- | --- | --- |', ...rows].join('\n');
}

if (require.main === module && process.argv.includes('--zh-table')) console.log(zhNamesTable(loadCatalog()));


/**
 * LLM_MARKET_DATA=DIR[:DIR…] npm run build: the organisation's data folders,
 * checked exactly as `llm-market data check` checks them (src/data/folder.ts,
 * from the sources: scripts/source-modules.js), and returned as the JSON the add-in
 * inlines (LLM_MARKET_USER_DATASETS: [{data, label}]). A folder that fails the
 * check stops the build with every problem listed. Null without the variable.
 */
function userDatasetsFromEnv(env = process.env) {
  const dirs = (env.LLM_MARKET_DATA || '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d));
  if (!dirs.length) return null;
  const { readDataFolder, checkDataFolder, parseSeedFiles, SEED_FILES, combine } = sourceExports({
    'src/data/folder': ['readDataFolder', 'checkDataFolder'],
    'src/data/load': ['parseSeedFiles'],
    'src/data/seedFiles': ['SEED_FILES'],
    'src/data/datasets': ['combine'],
  });
  let base = parseSeedFiles(SEED_FILES);
  const problems = [];
  const out = [];
  for (const dir of dirs) {
    const folder = readDataFolder(dir);
    for (const p of checkDataFolder(folder, base).problems) problems.push(`${dir}/${p}`);
    out.push({ data: folder.data, label: folder.label });
    base = combine(base, [folder.data]);
  }
  if (problems.length) throw new Error(`LLM_MARKET_DATA: the data folder fails \`llm-market data check\` (${problems.length} problem${problems.length > 1 ? 's' : ''}); the add-in is not built:\n  ${problems.join('\n  ')}`);
  return out;
}

module.exports = { userDatasetsFromEnv, DEV_BASE, shippedMetadata, zhNamesTable, loadCatalog, baseUrl, rewriteUrls, functionNameProblems, localizedMetadata, helpHtml, AddinBuildPlugin };
