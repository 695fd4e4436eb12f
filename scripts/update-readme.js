#!/usr/bin/env node
// Regenerates the documentation's generated tables in place — the function
// examples (evaluated by the engine) in docs/FUNCTIONS.md, the metric list in
// docs/DATASET.md and the Chinese function names in docs/ADDIN.md — after the
// dataset or the catalog changes: `npm run readme`.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');
const node = (script, ...args) => execFileSync(process.execPath, [path.join(__dirname, script), ...args], { cwd: root, encoding: 'utf8' }).trim();

/** Replaces the table (a run of lines starting with "|") that follows `marker`, skipping `skip` lines after it. */
function replaceTable(text, marker, skip, table) {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no "${marker}" to replace the table after`);
  const lines = text.slice(at).split('\n');
  let end = skip;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return text.slice(0, at) + [...lines.slice(0, skip), table, ...lines.slice(end)].join('\n');
}

for (const [page, marker, skip, table] of [
  ['docs/FUNCTIONS.md', '<!-- functions-table', 3, () => require('./readme-functions.js').rows()],
  ['docs/DATASET.md', '## Metrics\n', 2, () => node('readme-metrics.js')],
  ['docs/ADDIN.md', '| English | 中文 |', 0, () => node('addin-build.js', '--zh-table')],
]) {
  const file = path.join(root, page);
  fs.writeFileSync(file, replaceTable(fs.readFileSync(file, 'utf8'), marker, skip, table()));
  console.log(`${page}: table regenerated`);
}
