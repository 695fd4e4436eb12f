#!/usr/bin/env node
// Builds examples/llm-market-example.xlsx in Excel's own form (the raw-XML
// writer of test/workbooks/excel-xml.ts): every LLM.* call stored as
// `_xldudf_LLM_*`, spills as dynamic arrays (cm="1" + xl/metadata.xml), inputs
// in cells — so it opens in Excel with live functions and passes
// `llm-market calc examples/llm-market-example.xlsx --check`.
//
// Cached values: LLM.* cells get what the core's callFunction answers from the
// bundled dataset — in Excel the add-in runs this same core, so that is what
// Excel shows. They are NOT the headless engine's results (checking the engine
// against its own output would prove nothing). Built-in formulas are computed
// here by hand. The bytes are deterministic: regenerating with an unchanged
// dataset leaves the file (and git) untouched.
//
// `npm run example` (builds lib/ first).
'use strict';
const fs = require('fs');
const path = require('path');
const { callFunction, bundledMarket, FUNCTIONS, LlmError } = require('../lib/src/index');
const { xlsx, STYLE } = require('../lib/workbooks/excel-xml');

const OUT = path.join(__dirname, '..', 'examples', 'llm-market-example.xlsx');
const market = bundledMarket();
const used = new Set();

/** What Excel shows for LLM.NAME(args…): the core's answer, errors as Excel errors. */
function llm(name, ...args) {
  used.add(name);
  const out = callFunction(market, name, args);
  if (out instanceof LlmError) return { error: out.code };
  return out;
}
const isErr = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && 'error' in v;
/** Excel's arithmetic: the first error operand wins, else the number. */
const arith = (fn, ...xs) => xs.find(isErr) ?? fn(...xs);
/** The stored form of a formula typed as =LLM.X(…). */
const stored = (formula) => formula.replace(/\bLLM\.([A-Z]+)\(/g, '_xldudf_LLM_$1(');
const formulaCell = (formula, value, s) => (Array.isArray(value) ? { f: stored(formula), spill: value } : { f: stored(formula), v: value, ...(s ? { s } : {}) });

function inputs() {
  return {
    name: 'Inputs',
    widths: { 1: 16, 2: 14, 3: 40 },
    cells: {
      A1: { v: 'entity', s: STYLE.bold },
      B1: { v: 'as of', s: STYLE.bold },
      C1: { v: 'what', s: STYLE.bold },
      A2: { v: 'xAI' },
      B2: { v: 45930, s: STYLE.date }, // 2025-09-30
      C2: { v: 'a date cell arrives as the serial 45930' },
      A3: { v: '火山引擎' },
      B3: { v: '2025H1' },
      C3: { v: 'Chinese names and half-years work too' },
    },
  };
}

function functions() {
  const rows = [];
  const at = {}; // C-column values by row number, for the built-ins that refer to them
  const row = (name, formula, value) => {
    const r = rows.length + 2;
    at[r] = typeof value === 'function' ? value() : value;
    rows.push([name, formula, at[r]]);
  };
  row('TOKENS', 'LLM.TOKENS("xAI","2025-09-30")', llm('TOKENS', 'xAI', '2025-09-30'));
  row('TOKENS', 'LLM.TOKENS(Inputs!A2,Inputs!B2,"B")', llm('TOKENS', 'xAI', 45930, 'B'));
  row('SHARE', 'LLM.SHARE("Volcano","IDC")', llm('SHARE', 'Volcano', 'IDC'));
  row('SHARE', 'LLM.SHARE(Inputs!A3,"IDC",Inputs!B3)', llm('SHARE', '火山引擎', 'IDC', '2025H1'));
  row('VALUE', 'LLM.VALUE("Alibaba","revenue","2024Q4","亿")', llm('VALUE', 'Alibaba', 'revenue', '2024Q4', '亿'));
  row('VALUE', 'LLM.VALUE("OpenAI","valuation")', llm('VALUE', 'OpenAI', 'valuation'));
  row('GROWTH', 'LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")', llm('GROWTH', 'OpenAI', 'valuation', '2025-04', '2025-10-03'));
  row('CAGR', 'LLM.CAGR("Doubao","tokens","2024-05","2025-09")', llm('CAGR', 'Doubao', 'tokens', '2024-05', '2025-09'));
  row('RATIO', 'LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")', llm('RATIO', 'xAI', 'OpenAI', 'tokens', '2025-09-30'));
  row('SOURCE', 'LLM.SOURCE("xAI","tokens","2025-09-30")', llm('SOURCE', 'xAI', 'tokens', '2025-09-30'));
  row('UNIT', 'LLM.UNIT("Alibaba","capex")', llm('UNIT', 'Alibaba', 'capex'));
  if (FUNCTIONS.some((f) => f.name === 'DETAIL')) row('DETAIL', 'LLM.DETAIL("xAI","tokens","2025-09-30")', llm('DETAIL', 'xAI', 'tokens', '2025-09-30'));
  const notFound = rows.length + 2;
  row('#N/A', 'LLM.TOKENS("Volcanoe")', llm('TOKENS', 'Volcanoe'));
  row('#VALUE!', 'LLM.TOKENS("xAI","yesterday")', llm('TOKENS', 'xAI', 'yesterday'));
  row('built-in', 'VALUE("12")+SUM(1,2)', 12 + 3);
  row('arithmetic', 'C2/1E9', arith((x) => x / 1e9, at[2]));
  row('IF', `IF(ISNA(C${notFound}),"not found",C${notFound})`, () => (isErr(at[notFound]) && at[notFound].error === '#N/A' ? 'not found' : at[notFound]));
  const cells = { A1: { v: 'function', s: STYLE.bold }, B1: { v: 'formula', s: STYLE.bold }, C1: { v: 'result', s: STYLE.bold } };
  rows.forEach(([name, formula, value], i) => {
    cells[`A${i + 2}`] = { v: name };
    cells[`B${i + 2}`] = { v: formula };
    if (Array.isArray(value)) throw new Error(`${formula} spills: put it on the Spills sheet`);
    cells[`C${i + 2}`] = formulaCell(formula, value);
  });
  return { name: 'Functions', widths: { 1: 12, 2: 70, 3: 24 }, cells };
}

function colLetters(n) {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Each spill on row 2 under its formula's text, one empty column between spills. */
function spills() {
  const list = [
    ['LLM.SERIES("Doubao","tokens",,TRUE)', llm('SERIES', 'Doubao', 'tokens', null, true)],
    ['LLM.RANK("tokens","2025-09-30","OpenRouter",3)', llm('RANK', 'tokens', '2025-09-30', 'OpenRouter', 3)],
    ['LLM.ENTITIES("cloud platform")', llm('ENTITIES', 'cloud platform')],
    ['LLM.SOURCES()', llm('SOURCES')],
    ['LLM.METRICS()', llm('METRICS')],
  ];
  if (FUNCTIONS.some((f) => f.name === 'ABOUT')) list.push(['LLM.ABOUT("xAI")', llm('ABOUT', 'xAI')]);
  const cells = {};
  let col = 1;
  for (const [formula, rows] of list) {
    const c = colLetters(col);
    cells[`${c}1`] = { v: formula, s: STYLE.bold };
    cells[`${c}2`] = formulaCell(formula, Array.isArray(rows) ? rows : [[rows]]);
    col += (Array.isArray(rows) ? rows[0].length : 1) + 1;
  }
  return { name: 'Spills', cells };
}

/**
 * Alibaba's quarterly capex: a flow answers a quarter only from a figure for
 * exactly that quarter, so the quarters with no reported figure are #N/A (and
 * so is any change computed from them) — never the previous quarter repeated.
 */
function quarterly() {
  const quarters = ['2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3'];
  const capex = quarters.map((q) => llm('VALUE', 'Alibaba', 'capex', q));
  const cells = {
    A1: { v: 'quarter', s: STYLE.bold },
    B1: { v: 'Alibaba capex (CNY)', s: STYLE.bold },
    C1: { v: 'change on previous quarter', s: STYLE.bold },
    D1: { v: 'change on 2024Q4', s: STYLE.bold },
  };
  const last = quarters.length + 1;
  quarters.forEach((q, i) => {
    const r = i + 2;
    cells[`A${r}`] = { v: q };
    cells[`B${r}`] = i === 0 ? { ...formulaCell('LLM.VALUE("Alibaba","capex",A2)', capex[0], STYLE.thousands), shared: `B2:B${last}` } : { sharedFrom: 'B2', v: capex[i], s: STYLE.thousands };
    if (i > 0) {
      const v = arith((now, before) => now / before - 1, capex[i], capex[i - 1]);
      cells[`C${r}`] = i === 1 ? { f: 'B3/B2-1', v, shared: `C3:C${last}`, s: STYLE.percent } : { sharedFrom: 'C3', v, s: STYLE.percent };
    }
    const v = arith((now, base) => now / base - 1, capex[i], capex[1]);
    cells[`D${r}`] = i === 0 ? { f: 'B2/$B$3-1', v, shared: `D2:D${last}`, s: STYLE.percent } : { sharedFrom: 'D2', v, s: STYLE.percent };
  });
  return { name: 'Quarterly', widths: { 1: 10, 2: 20, 3: 26, 4: 18 }, cells };
}

function main() {
  const book = { sheets: [inputs(), functions(), spills(), quarterly()], creator: 'llm-market', modified: '2025-10-20T00:00:00Z' };
  const missing = FUNCTIONS.map((f) => f.name).filter((n) => !used.has(n));
  if (missing.length) throw new Error(`the example does not use ${missing.join(', ')}: add them`);
  const bytes = Buffer.from(xlsx(book, 'llm-market-example'));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const same = fs.existsSync(OUT) && Buffer.compare(fs.readFileSync(OUT), bytes) === 0;
  if (!same) fs.writeFileSync(OUT, bytes);
  console.log(`${same ? 'unchanged' : 'wrote'} ${path.relative(process.cwd(), OUT)}`);
}

try {
  main();
} catch (e) {
  console.error(`make-example: ${(e && e.message) || e}`);
  process.exit(1);
}
