#!/usr/bin/env node
// Prints the README's metric table from seeds/metrics (test/readme.test.ts checks every metric is listed).
'use strict';
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, '..', 'seeds', 'metrics');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort((a, b) => (a === 'core.json' ? -1 : b === 'core.json' ? 1 : a.localeCompare(b)));
const cell = (s) => s.replace(/\|/g, '\\|');
console.log('| metric | unit | period type | meaning | 中文 | also called |\n| --- | --- | --- | --- | --- | --- |');
for (const f of files) {
  for (const m of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) {
    console.log(`| \`${m.id}\` | ${m.unit} | ${m.period_type} | ${cell(m.description)} | ${cell(m.name_zh)} | ${cell((m.aliases || []).join(', '))} |`);
  }
}
