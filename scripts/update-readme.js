#!/usr/bin/env node
// Regenerates the README's generated tables in place — the function examples
// (evaluated by the engine), the metric list and the Chinese function names —
// after the dataset or the catalog changes: `npm run readme`.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');
const file = path.join(root, 'README.md');
const node = (script, ...args) => execFileSync(process.execPath, [path.join(__dirname, script), ...args], { cwd: root, encoding: 'utf8' }).trim();

/** Replaces the table (a run of lines starting with "|") that follows `marker`, skipping `skip` lines after it. */
function replaceTable(text, marker, skip, table) {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no "${marker}"`);
  const lines = text.slice(at).split('\n');
  let end = skip;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return text.slice(0, at) + [...lines.slice(0, skip), table, ...lines.slice(end)].join('\n');
}

let readme = fs.readFileSync(file, 'utf8');
readme = replaceTable(readme, '<!-- functions-table', 3, require('./readme-functions.js').rows());
readme = replaceTable(readme, '### Metrics\n', 2, node('readme-metrics.js'));
readme = replaceTable(readme, '| English | 中文 |', 0, node('addin-build.js', '--zh-table'));
fs.writeFileSync(file, readme);
console.log('README.md: tables regenerated');
