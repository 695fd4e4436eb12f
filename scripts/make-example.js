#!/usr/bin/env node
// Builds examples/llm-market-example.xlsx: every LLM.* function (plus a few
// built-ins), with inputs in cells the way analysts write them, and the values
// computed by the headless engine saved as the cells' cached results — so
// `llm-market calc examples/llm-market-example.xlsx --check` verifies them.
// Regenerate after changing the dataset: `npm run example`.
'use strict';
const path = require('path');
const os = require('os');
const fs = require('fs');
const ExcelJS = require('exceljs');
const { calcWorkbook, writeResults } = require('../lib/src/engine/workbook');

const OUT = path.join(__dirname, '..', 'examples', 'llm-market-example.xlsx');

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'llm-market';
  wb.created = new Date(Date.UTC(2025, 9, 20));
  wb.modified = wb.created;

  const inputs = wb.addWorksheet('Inputs');
  inputs.columns = [{ width: 16 }, { width: 14 }, { width: 40 }];
  inputs.addRow(['entity', 'as of', 'what']);
  inputs.addRow(['xAI', new Date(Date.UTC(2025, 8, 30)), 'a date cell arrives as the serial 45930']);
  inputs.addRow(['火山引擎', '2025H1', 'Chinese names and half-years work too']);
  inputs.getCell('B2').numFmt = 'yyyy-mm-dd';

  const fx = wb.addWorksheet('Functions');
  fx.columns = [{ width: 12 }, { width: 70 }, { width: 24 }];
  fx.addRow(['function', 'formula', 'result']);
  const rows = [
    ['TOKENS', 'LLM.TOKENS("xAI","2025-09-30")'],
    ['TOKENS', 'LLM.TOKENS(Inputs!A2,Inputs!B2,"B")'],
    ['SHARE', 'LLM.SHARE("Volcano","IDC")'],
    ['SHARE', 'LLM.SHARE(Inputs!A3,"IDC",Inputs!B3)'],
    ['VALUE', 'LLM.VALUE("Alibaba","revenue","2024Q4","亿")'],
    ['VALUE', 'LLM.VALUE("OpenAI","valuation")'],
    ['GROWTH', 'LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")'],
    ['CAGR', 'LLM.CAGR("Doubao","tokens","2024-05","2025-09")'],
    ['RATIO', 'LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")'],
    ['SOURCE', 'LLM.SOURCE("xAI","tokens","2025-09-30")'],
    ['UNIT', 'LLM.UNIT("Alibaba","capex")'],
    ['#N/A', 'LLM.TOKENS("Volcanoe")'],
    ['#VALUE!', 'LLM.TOKENS("xAI","yesterday")'],
    ['built-in', 'VALUE("12")+SUM(1,2)'],
    ['arithmetic', 'C2/1E9'],
    ['IF', 'IF(ISNA(C13),"not found",C13)'],
  ];
  for (const [name, formula] of rows) fx.addRow([name, formula, { formula }]);

  const spills = wb.addWorksheet('Spills');
  const spill = [
    ['A1', 'LLM.SERIES("Doubao","tokens",,TRUE)'],
    ['D1', 'LLM.RANK("tokens","2025-09-30","OpenRouter",3)'],
    ['G1', 'LLM.ENTITIES("cloud platform")'],
    ['L1', 'LLM.SOURCES()'],
    ['P1', 'LLM.METRICS()'],
  ];
  for (const [addr, formula] of spill) spills.getCell(addr).value = { formula, shareType: 'array', ref: addr };

  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'llm-example-')), 'book.xlsx');
  await wb.xlsx.writeFile(tmp);
  const { loaded, cells } = await calcWorkbook(tmp);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  await writeResults(loaded, cells, OUT);
  for (const c of cells) console.log(`${c.sheet}!${c.address} ${c.formula} → ${c.error ? c.error.code : JSON.stringify(c.value).slice(0, 80)}`);
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
