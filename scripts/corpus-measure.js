#!/usr/bin/env node
// Developer tool: `node scripts/corpus-measure.js [filter] [--cells]` recomputes every workbook of
// the real-Excel corpus (../shared/excel-corpus, or LLM_MARKET_EXCEL_CORPUS) with the compiled
// library (lib/, `npx tsc -p tsconfig.build.json`) and prints per book: formula cells, matches,
// differences, unsupported; then the totals and the functions most often involved in differences
// and unsupported cells. --cells lists every cell that does not match; --tsv prints the differing
// anchors in the form of test/excel-corpus-known-differences.tsv.
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const dir = process.env.LLM_MARKET_EXCEL_CORPUS || path.join(root, '..', 'shared', 'excel-corpus');
const args = process.argv.slice(2);
const cellsFlag = args.includes('--cells');
const tsvFlag = args.includes('--tsv'); // differing anchors as book<TAB>Sheet!A1<TAB>formula, saved, now (to annotate test/excel-corpus-known-differences.tsv)
const tsv = [];
const filter = args.find((a) => !a.startsWith('--'));
const wb = require(path.join(root, 'lib/src/engine/workbook.js'));
const { calledFunctions } = require(path.join(root, 'lib/src/engine/support.js'));

const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.xlsx')).sort();
(async () => {
  const tot = { cells: 0, match: 0, differ: 0, unsupported: 0, lost: 0 };
  const fnDiff = new Map();
  const fnUns = new Map();
  const bump = (m, k, n = 1) => m.set(k, (m.get(k) || 0) + n);
  for (const f of files) {
    if (filter && !f.includes(filter)) continue;
    const t0 = Date.now();
    let line;
    try {
      const r = wb.calcWorkbook(path.join(dir, f));
      const calc = await r;
      const diffs = wb.differences(calc.cells);
      const bad = new Set(diffs.map((d) => `${d.sheet}!${d.anchor}`));
      let m = 0, d = 0, u = 0;
      for (const c of calc.cells) {
        const fns = calledFunctions(c.formula.replace(/_xlfn\.(_xlws\.)?/g, '')).map((x) => x.toUpperCase());
        if (c.unsupported) { u++; bump(fnUns, (c.unsupported.functions.join(',') || c.unsupported.reason.slice(0, 60))); if (cellsFlag) console.log(`  U ${c.sheet}!${c.address} ${c.formula} :: ${c.unsupported.reason}`); }
        else if (bad.has(`${c.sheet}!${c.address}`)) { d++; for (const x of new Set(fns)) bump(fnDiff, x); if (tsvFlag) { const dd = diffs.find((x) => `${x.sheet}!${x.anchor}` === `${c.sheet}!${c.address}`); tsv.push(`${f}\t${c.sheet}!${c.address}\t${c.formula} :: Excel ${JSON.stringify(dd.saved)}, engine ${JSON.stringify(dd.now)}`); } if (cellsFlag) { const dd = diffs.find((x) => `${x.sheet}!${x.anchor}` === `${c.sheet}!${c.address}`); console.log(`  D ${c.sheet}!${c.address} ${c.formula} :: saved ${JSON.stringify(dd.saved)} now ${JSON.stringify(dd.now)} ${dd.message || ''} ${c.error ? c.error.message : ''}`); } }
        else m++;
      }
      tot.cells += calc.cells.length; tot.match += m; tot.differ += d; tot.unsupported += u;
      line = `${String(calc.cells.length).padStart(6)} ${String(m).padStart(6)} ${String(d).padStart(5)} ${String(u).padStart(5)}  ${f} (${Date.now() - t0} ms)`;
    } catch (e) {
      tot.lost++;
      line = `  LOST                     ${f}: ${String(e && e.message).split('\n')[0]}`;
    }
    console.log(line);
  }
  if (tsvFlag) { console.log(tsv.join('\n')); return; }
  console.log(`total: ${tot.cells} formula cells, ${tot.match} match (${((100 * tot.match) / Math.max(1, tot.cells)).toFixed(1)}%), ${tot.differ} differ, ${tot.unsupported} unsupported, ${tot.lost} books lost`);
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k}:${v}`).join('  ');
  console.log(`differences by function: ${top(fnDiff)}`);
  console.log(`unsupported: ${top(fnUns)}`);
})();
