#!/usr/bin/env node
// Prints the README's function table — every example evaluated by the headless
// engine — so the README can be regenerated (`npm run readme`) and
// test/readme.test.ts can prove it still answers as shown.
'use strict';
const path = require('path');
const lib = path.join(__dirname, '..', 'lib', 'src');
const { FUNCTIONS } = require(path.join(lib, 'core', 'catalog'));
const { createEngine, evaluateMany } = require(path.join(lib, 'engine'));

/** More examples than the catalog's one per function: dates, units, languages, errors. */
const EXTRA = {
  TOKENS: ['=LLM.TOKENS("Google","2025-09-30","B")', '=LLM.TOKENS("豆包","2025年9月","万亿")', '=LLM.TOKENS("xAI",DATE(2025,9,30))', '=LLM.TOKENS("xAI","2025-12-31")', '=LLM.TOKENS("xAI","2030")', '=LLM.TOKENS("Volcanoe")'],
  SHARE: ['=LLM.SHARE("阿里云","Omdia","1H25")', '=LLM.SHARE("百度智能雲","IDC","2025年上半年")', '=LLM.SHARE("Volcano","IDC","2025")'],
  VALUE: [
    '=LLM.VALUE("Alibaba","capex","2025")',
    '=LLM.VALUE("Alibaba","capex","Q1 FY2026")',
    '=LLM.VALUE("Alibaba","营收","2024Q4","亿")',
    '=LLM.VALUE("OpenAI","valuation","2025-04")',
    '=LLM.VALUE("Volcano","share","2025H1","%","IDC")',
    '=LLM.VALUE("Alibaba","revenue","yesterday")',
  ],
  SERIES: ['=LLM.SERIES("Qwen","derivative_models",,TRUE)'],
  GROWTH: ['=LLM.GROWTH("Doubao","tokens","2024-05","2025-09")'],
  RATIO: ['=LLM.RATIO("Alibaba","Alphabet",,"2025-09-09")', '=LLM.RATIO("Doubao","Google")'],
  RANK: ['=LLM.RANK("share","2025H1","IDC")', '=LLM.RANK("valuation")', '=LLM.RANK("tokens","2025-09-30","OpenRouter",,"model family",TRUE)'],
  UNIT: ['=LLM.UNIT("DeepSeek-V3.2-Exp","price_output")'],
  DETAIL: ['=LLM.DETAIL("Volcano","tokens","2025-09")', '=LLM.DETAIL("Alibaba","capex","Q1 FY2026","period")'],
};

function fmt(r) {
  if ('error' in r) return `\`${r.error}\` ${r.message}`;
  const v = r.value;
  const one = (x) => (typeof x === 'number' ? String(+x.toPrecision(12)) : typeof x === 'string' ? (x.length > 90 ? `"${x.slice(0, 90)}…"` : `"${x}"`) : String(x));
  if (Array.isArray(v)) return `${v.length} rows: ${v.slice(0, 2).map((row) => `{${row.map(one).join(', ')}}`).join(', ')}${v.length > 2 ? ', …' : ''}`;
  return one(v);
}

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rows() {
  const engine = createEngine({});
  const out = [];
  for (const f of FUNCTIONS) {
    const sig = `${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
    const examples = [f.example, ...(EXTRA[f.name] || [])];
    const results = evaluateMany(examples, engine);
    examples.forEach((ex, i) => {
      out.push(`| ${i === 0 ? `\`${sig}\`<br>${cell(f.description)}` : ''} | ${i === 0 ? f.name_zh : ''} | \`${cell(ex)}\` | ${cell(fmt(results[i]))} |`);
    });
  }
  return out.join('\n');
}

module.exports = { rows };
if (require.main === module) console.log(rows());
