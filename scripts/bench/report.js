'use strict';
/**
 * From one run's measurements to the keys, the table and the documents. The
 * record a run saves (docs/bench-run.json) is the single source of the table
 * that docs/BENCH.md and the README show, so the two cannot disagree.
 */

const GOALS = {
  tokens_vs_builtin_per_cell: 1.4,
  scale_100k_vs_1k: 2,
  calc_llm_vs_values: 2,
  calc_peak_mb: 1024,
  cli_eval_vs_node: 3,
  cli_help_vs_node: 1.5,
  functions_bundle_gzip_kb: 150,
};
const KEYS = [
  'tokens_vs_builtin_per_cell',
  'scale_100k_vs_1k',
  'calc_llm_vs_values',
  'calc_peak_mb',
  'cli_eval_vs_node',
  'cli_help_vs_node',
  'functions_bundle_gzip_kb',
  'functions_ready_ms_vs_node',
  'tokens_vs_vlookup',
  'corpus_check_vs_read',
];

const median = (xs) => {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d)));
const ratio = (a, b) => (a === null || b === null || !(b > 0) ? null : a / b);
/** What one formula costs: its workbook's median time minus the data-only workbook's, per cell. */
const perCell = (withFormulas, dataOnly, cells) => (withFormulas === null || dataOnly === null ? null : (withFormulas - dataOnly) / cells);

const fmt = (x, d = 0) => (x === null || x === undefined ? 'n/a' : x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));
const verdict = (key, v) => (GOALS[key] === undefined ? 'information' : v === null ? 'not measured' : v <= GOALS[key] ? `met (≤ ${GOALS[key]})` : `**missed** (goal ≤ ${GOALS[key]}, ${fmt((v / GOALS[key] - 1) * 100)}% over)`);

/**
 * The keys and the table from the raw measurements `m` (medians are taken
 * here). Each table row: [key, measured, baseline, value].
 */
function summarise(m) {
  const e = m.engine;
  const n = e ? e.cells : null;
  const D = e ? median(e.times.data) : null;
  const T = e ? median(e.times.tokens) : null;
  const A = e ? median(e.times.abs) : null;
  const N = e ? median(e.times.noop) : null;
  const tokCell = e ? perCell(T, D, n) : null;
  const absCell = e ? perCell(A, D, n) : null;
  const noopCell = e ? perCell(N, D, n) : null;
  const v = m.vlookup;
  const vCell = v ? perCell(median(v.times.vlookup), median(v.times.vdata), v.cells) : null;
  const s = m.scale;
  const sSmall = s ? median(s.times.small) : null;
  const sLarge = s ? median(s.times.large) : null;
  const c = m.calc;
  const cLlm = c ? median(c.llm) : null;
  const cVal = c ? median(c.values) : null;
  const k = m.corpus;
  const kRead = k ? median(k.times.read) : null;
  const kCheck = k ? median(k.times.check) : null;
  const cli = m.cli;
  const node = cli ? median(cli.node) : null;
  const evalMs = cli ? median(cli.eval) : null;
  const helpMs = cli ? median(cli.help) : null;
  const f = m.functions;
  const fNode = f ? median(f.node) : null;
  const fReady = f ? median(f.ready) : null;
  const result = {
    tokens_vs_builtin_per_cell: round(ratio(tokCell, absCell)),
    scale_100k_vs_1k: round(ratio(sLarge, sSmall)),
    calc_llm_vs_values: round(ratio(cLlm, cVal)),
    calc_peak_mb: c && c.peak_mb !== null ? round(c.peak_mb, 1) : null,
    cli_eval_vs_node: round(ratio(evalMs, node)),
    cli_help_vs_node: round(ratio(helpMs, node)),
    functions_bundle_gzip_kb: m.bundles && m.bundles.functions_kb !== null ? round(m.bundles.functions_kb, 1) : null,
    functions_ready_ms_vs_node: round(ratio(fReady, fNode)),
    tokens_vs_vlookup: round(ratio(tokCell, vCell)),
    corpus_check_vs_read: round(ratio(kCheck, kRead)),
  };
  const us = (x) => (x === null ? 'n/a' : `${fmt(x * 1000, 2)} µs`);
  const ms = (x) => `${fmt(x)} ms`;
  const rows = [
    ['tokens_vs_builtin_per_cell', `${fmt(n)} \`=LLM.TOKENS(A,B,C)\`: ${us(tokCell)}/cell`, `\`=ABS(D)\`: ${us(absCell)}/cell`, `${result.tokens_vs_builtin_per_cell}×`],
    ['scale_100k_vs_1k', `100,000 facts: ${fmt(sLarge === null ? null : sLarge / 1000, 2)} µs/call`, `${s ? fmt(s.info.small.facts) : 'n/a'} facts: ${fmt(sSmall === null ? null : sSmall / 1000, 2)} µs/call`, `${result.scale_100k_vs_1k}×`],
    ['calc_llm_vs_values', `calc, ${fmt(c ? c.cells : null)} \`LLM.TOKENS\` cells: ${ms(cLlm)}`, `plain numbers: ${ms(cVal)}`, `${result.calc_llm_vs_values}×`],
    ['calc_peak_mb', 'peak RSS of that calc', '', `${fmt(result.calc_peak_mb)} MB`],
    ['cli_eval_vs_node', `\`${cli ? cli.invocation : '?'} eval\`: ${ms(evalMs)}`, `\`node -e 0\`: ${ms(node)}`, `${result.cli_eval_vs_node}×`],
    ['cli_help_vs_node', `\`${cli ? cli.invocation : '?'} help\`: ${ms(helpMs)}`, `\`node -e 0\`: ${ms(node)}`, `${result.cli_help_vs_node}×`],
    ['functions_bundle_gzip_kb', `gzip of ${m.bundles && m.bundles.functions_files ? m.bundles.functions_files.join(' + ') : 'n/a'}`, '', `${fmt(result.functions_bundle_gzip_kb, 1)} KB`],
    ['functions_ready_ms_vs_node', `functions.js in a bare context to its first answer: ${ms(fReady)}`, `\`node -e 0\`: ${ms(fNode)}`, `${result.functions_ready_ms_vs_node}×`],
    ['tokens_vs_vlookup', `\`LLM.TOKENS\`: ${us(tokCell)}/cell`, `as-of \`VLOOKUP\`: ${us(vCell)}/cell`, `${result.tokens_vs_vlookup}×`],
    ['corpus_check_vs_read', `checking the ${k ? fmt(k.books) : 'n/a'} corpus workbooks: ${ms(kCheck)}`, `reading them: ${ms(kRead)}`, `${result.corpus_check_vs_read}×`],
  ].map(([key, measured, baseline, value]) => [key, measured, baseline, result[key] === null ? 'n/a' : value, verdict(key, result[key])]);
  const details = [];
  if (e) details.push(`per-cell: each workbook's median minus the data-only workbook's (${ms(D)} for ${fmt(n)} rows of A:D); a no-op custom function with TOKENS's arguments costs ${us(noopCell)}/cell (HyperFormula's floor for such a cell); TOKENS answered ${fmt((100 * e.answered) / n, 1)}% of its cells, the rest are deliberate misses`);
  if (s) details.push(`scale: validating ${fmt(s.info.large.facts)} facts ${ms(s.info.large.validate_ms)} (${fmt(s.info.small.facts)}: ${ms(s.info.small.validate_ms)}), indexing ${ms(s.info.large.index_ms)}; the 100k dataset asked about only 75 entities: ${round(ratio(median(s.times.largeFew), sSmall), 2)}× the 1k one`);
  if (c) details.push(`calc: \`node bin/llm-market.js calc BOOK.xlsx --check\` (a start-up included in both), ${fmt(c.cells)} rows filled down as one shared formula \`_xldudf_LLM_TOKENS(A2,B2)\`; ${c.check}`);
  if (k) details.push(`corpus: every workbook of the real-Excel corpus read (\`loadWorkbook\`) and checked (\`calcWorkbook\` + \`differences\`, in-process) in turn; ${fmt(k.cells)} formula cells, ${fmt(k.differ)} differ, ${fmt(k.lost)} books lost`);
  if (cli) details.push(`cli: \`${cli.invocation} eval '=TOKENS("xAI","2025-09-30")'\` printed \`${cli.sample}\` (the invocation is read from the README's first \`… eval\` example)`);
  if (f) details.push(`functions.js answered ${JSON.stringify(f.answer)} for TOKENS("xAI","2025-09-30")`);
  return { result, rows, details };
}

/** Markdown: an environment line, the table, the details and the JSON line. */
function markdown(record) {
  const { result, rows, details } = summarise(record.measurements);
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [
    `One run of \`npm run bench -- --json\` on ${record.env}, ${record.date}; medians of ${record.repeats} interleaved runs after a warm-up.`,
    '',
    '| key | measured | baseline | value | goal |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| \`${r[0]}\` | ${r.slice(1).map(esc).join(' | ')} |`),
    '',
    ...details.map((d) => `- ${d}`),
    ...(record.notes || []).map((n) => `- note: ${n}`),
    '',
    '```json',
    JSON.stringify(result),
    '```',
  ].join('\n');
}

/** Plain text for the terminal. */
function text(record) {
  const { rows, details } = summarise(record.measurements);
  const w = [28, 62, 34, 12];
  const line = (cols) => cols.map((c, i) => (w[i] ? String(c).replace(/`/g, '').padEnd(w[i]) : String(c).replace(/\*\*/g, ''))).join(' ').trimEnd();
  return [
    `llm-market benchmark — ${record.env}; medians of ${record.repeats} interleaved runs`,
    '',
    line(['key', 'measured', 'baseline', 'value', 'goal']),
    ...rows.map(line),
    '',
    ...details.map((d) => `  ${d.replace(/`/g, '')}`),
    ...(record.notes || []).map((n) => `  note: ${n}`),
  ].join('\n');
}

const START = '<!-- bench:run:start (generated by `node scripts/bench.js --docs-from docs/bench-run.json`) -->';
const END = '<!-- bench:run:end -->';

/** Replaces the generated region of a document with this record's markdown. */
function replaceRegion(doc, record) {
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  if (i < 0 || j < i) throw new Error(`no generated region (${START} … ${END})`);
  return `${doc.slice(0, i + START.length)}\n${markdown(record)}\n${doc.slice(j)}`;
}

/** The generated region of a document, or null. */
function region(doc) {
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  return i < 0 || j < i ? null : doc.slice(i + START.length, j).trim();
}

module.exports = { GOALS, KEYS, median, summarise, markdown, text, replaceRegion, region };
