'use strict';
/**
 * The benchmark's workloads, generated deterministically in memory: the
 * questions a workbook asks, the engine sheets, the .xlsx rows for calc and
 * the synthetic datasets for the scale figure. Nothing here is written to the
 * project.
 */
const path = require('path');

/** A small deterministic PRNG (mulberry32), so every run asks the same questions. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pickFrom = (r, xs) => xs[Math.floor(r() * xs.length)];
const ROLLS_UP = new Set(['model family', 'model']);

/**
 * The questions, as users type them: entity names (display names, Chinese
 * names and aliases of entities with token data and of their parents; some
 * entities without token data; some misspelt names), as-of dates (starts,
 * ends and middles of that entity's observations, 20 days after them, other
 * entities' dates, a few before every observation; half as date serials, half
 * as ISO text) and units. Read from the bundled dataset itself (not the
 * Market's internals), so the workload stays the same while the core changes.
 * Each row: [name, date, unit, a number for ABS].
 */
function questions(lib, n) {
  const { bundledMarket } = require(path.join(lib, 'core/bundled'));
  const { isoToSerial, serialToIso } = require(path.join(lib, 'core/dates'));
  const data = bundledMarket().data;
  const byId = new Map(data.entities.map((e) => [e.id, e]));
  const dates = new Map(); // entity id → serials
  const add = (id, s, t) => {
    let xs = dates.get(id);
    if (!xs) dates.set(id, (xs = []));
    xs.push(s, t, s + Math.floor((t - s) / 2), t + 20);
  };
  for (const f of data.facts) {
    if (f.metric !== 'tokens') continue;
    const s = isoToSerial(f.period.start);
    const t = isoToSerial(f.period.end);
    // A model family's (or model's) tokens also answer for its parent.
    for (let e = byId.get(f.entity); e; e = e.parent && ROLLS_UP.has(e.kind) ? byId.get(e.parent) : undefined) add(e.id, s, t);
  }
  const known = [];
  for (const [id, own] of dates) {
    const e = byId.get(id);
    for (const name of [e.name, e.name_zh, ...e.aliases.slice(0, 2)]) known.push([name, own]);
  }
  const anyDates = [...new Set([...dates.values()].flat())];
  const noData = data.entities.filter((e) => !dates.has(e.id)).slice(0, 4).map((e) => e.name);
  const unknown = ['NoSuchModel', 'OpenAl', 'Antropic'];
  const units = ['', 'B', 'T', '亿', 'M'];
  const before = isoToSerial('2020-01-01');
  const r = rng(20251001);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const [name, own] = x < 0.9 || noData.length === 0 ? pickFrom(r, known) : x < 0.95 ? [pickFrom(r, noData), anyDates] : [pickFrom(r, unknown), anyDates];
    const y = r();
    const s = y < 0.8 ? pickFrom(r, own) : y < 0.97 ? pickFrom(r, anyDates) : before;
    rows.push([name, i % 2 ? s : serialToIso(s), pickFrom(r, units), (i % 997) - 498]);
  }
  return { rows, market: bundledMarket(), isoToSerial };
}

/**
 * The per-cell workbooks: identical question data in A:D; `data` has nothing
 * else, the others add one formula per row in column E. What a formula costs
 * is its workbook's time minus the data-only one.
 */
function engineSheets(rows) {
  const books = {
    data: () => null,
    tokens: (r) => `=LLM.TOKENS(A${r},B${r},C${r})`,
    abs: (r) => `=ABS(D${r})`,
    // A custom function that does nothing, declared like TOKENS: HyperFormula's floor for such a cell.
    noop: (r) => `=BENCH.NOOP(A${r},B${r},C${r})`,
  };
  const out = {};
  for (const [k, f] of Object.entries(books)) {
    out[k] = { Questions: rows.map((q, i) => (k === 'data' ? [...q] : [...q, f(i + 1)])) };
  }
  return out;
}

const UNITS_TABLE = [
  ['B', 1e9],
  ['K', 1e3],
  ['M', 1e6],
  ['T', 1e12],
  ['万', 1e4],
  ['亿', 1e8],
];

/**
 * The information-only comparison: an as-of lookup as an analyst writes it
 * with VLOOKUP over the facts pasted into the workbook, keyed lower(name)|start
 * serial; and the same workbook without the formulas.
 */
function vlookupSheets(rows, market, isoToSerial) {
  const byKey = new Map();
  const names = new Set(rows.map((q) => q[0]));
  for (const name of names) {
    const e = market.entity(name);
    if (!e || !e.id) continue;
    for (const f of market.data.facts) {
      if (f.entity !== e.id || f.metric !== 'tokens') continue;
      const key = `${name.toLowerCase()}|${isoToSerial(f.period.start)}`;
      if (!byKey.has(key)) byKey.set(key, [key, name.toLowerCase(), f.value]);
    }
  }
  const facts = [...byKey.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const F = Math.max(1, facts.length);
  const lookup = (r) => {
    const key = `LOWER(A${r})&"|"&B${r}`;
    const range = `Facts!$A$1:$C$${F}`;
    return `=IF(VLOOKUP(${key},${range},2,TRUE)=LOWER(A${r}),VLOOKUP(${key},${range},3,TRUE)/IF(C${r}="",1,VLOOKUP(C${r},Units!$A$1:$B$${UNITS_TABLE.length},2,FALSE)),NA())`;
  };
  return {
    vdata: { Questions: rows.map((q) => [...q]), Facts: facts, Units: UNITS_TABLE },
    vlookup: { Questions: rows.map((q, i) => [...q, lookup(i + 1)]), Facts: facts, Units: UNITS_TABLE },
  };
}

/**
 * The calc workbooks' rows: a header, then per row an entity name, an as-of
 * date (a date cell, or ISO text as typed) and `=LLM.TOKENS(A,B)` filled down
 * as one shared formula with its cached value — or, in the values workbook,
 * that value as a plain number (an error value where the formula answered one).
 */
function calcRows(lib, n) {
  const { callFunction } = require(path.join(lib, 'core/functions'));
  const { rows, market } = questions(lib, n);
  const llm = [['Entity', 'As of', 'Tokens']];
  const values = [['Entity', 'As of', 'Tokens']];
  let answered = 0;
  for (let i = 0; i < rows.length; i++) {
    const [name, date] = rows[i];
    const out = callFunction(market, 'TOKENS', [name, date]);
    const value = typeof out === 'number' ? out : { error: out && out.code ? out.code : '#N/A' };
    if (typeof out === 'number') answered++;
    const r = i + 2;
    const dateCell = typeof date === 'number' ? { date } : date;
    llm.push([name, dateCell, { formula: `_xldudf_LLM_TOKENS(A${r},B${r})`, shared: true, value }]);
    values.push([name, dateCell, value]);
  }
  return { llm, values, answered };
}

/**
 * A synthetic dataset: `nEntities` companies, each with a monthly series from
 * a data provider and, every third month, an overlapping quarter from the
 * company itself, so as-of lookups meet exact-period, containing (two
 * candidates), after-the-last and before-the-first cases.
 */
function synthetic(nEntities, monthsPerEntity) {
  const iso = (y, m, d) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const doc = '900_0000000000000000';
  const documents = [{ id: doc, title: 'Synthetic', title_en: 'Synthetic', publisher: null, published: '2030-01-01', language: 'en', description: 'generated for the benchmark' }];
  const sources = [
    { id: 'syn-tracker', name: 'Synthetic Tracker', name_zh: '合成追踪', kind: 'data provider', aliases: [], description: 'generated' },
    { id: 'syn-company', name: 'Synthetic Company', name_zh: '合成公司', kind: 'company disclosure', aliases: [], description: 'generated' },
  ];
  const metrics = [{ id: 'tokens', name: 'Tokens', name_zh: '词元', unit: 'tokens', description: 'generated', period_type: 'rate', aliases: [] }];
  const scopes = [{ id: 'syn-scope', name: 'Synthetic scope', name_zh: '合成范围', description: 'generated' }];
  const entities = [];
  const facts = [];
  for (let e = 0; e < nEntities; e++) {
    const id = `syn-${e}`;
    entities.push({ id, name: `Synthetic Co ${e}`, name_zh: `合成公司${e}号`, kind: 'company', parent: null, aliases: [`SYN${e}`], fiscal_year_end: '12-31' });
    const fact = (start, end, value, source) =>
      facts.push({ id: `${id}-${facts.length}`, entity: id, metric: 'tokens', value, unit: 'tokens', period: { start, end }, qualifier: '=', basis: 'actual', source, scope: 'syn-scope', document: doc, quote: 'generated' });
    for (let k = 0; k < monthsPerEntity; k++) {
      const y = 2020 + Math.floor(k / 12);
      const mo = (k % 12) + 1;
      fact(iso(y, mo, 1), iso(y, mo, lastDay(y, mo)), 1e9 * (e + 1) + k, 'syn-tracker');
      if (mo % 3 === 0) fact(iso(y, mo - 2, 1), iso(y, mo, lastDay(y, mo)), 3e9 * (e + 1) + k, 'syn-company');
    }
  }
  return { documents, sources, entities, metrics, scopes, facts };
}

/** The dataset as the loader receives it: one file per kind, facts split into files of 1,000 as documents would be. */
function asSeedFiles(d) {
  const files = ['documents', 'sources', 'entities', 'metrics', 'scopes'].map((kind) => ({ path: `seeds/${kind}.json`, kind, data: d[kind] }));
  for (let i = 0; i < d.facts.length; i += 1000) files.push({ path: `seeds/facts/900_${String(i).padStart(16, '0')}.json`, kind: 'facts', data: d.facts.slice(i, i + 1000) });
  return files;
}

/**
 * 200,000 TOKENS calls with the same mix for both sizes: random entities (by
 * name or alias; 2% unknown), and dates relative to the data — 80% a day,
 * month or quarter inside the months covered, 10% before them, 10% after.
 */
function scaleCalls(entityCount, months, count = 200_000) {
  const r = rng(7);
  const pad2 = (x) => String(x).padStart(2, '0');
  const out = [];
  for (let i = 0; i < count; i++) {
    const e = Math.floor(r() * entityCount);
    const name = r() < 0.02 ? 'Synthetic Co X' : r() < 0.5 ? `Synthetic Co ${e}` : `syn${e}`;
    const w = r();
    const k = w < 0.1 ? -12 + Math.floor(r() * 12) : w < 0.9 ? Math.floor(r() * months) : months + Math.floor(r() * 12);
    const y = 2020 + Math.floor(k / 12);
    const mo = (((k % 12) + 12) % 12) + 1;
    const x = r();
    const date = x < 0.6 ? `${y}-${pad2(mo)}-${pad2(1 + Math.floor(r() * 28))}` : x < 0.8 ? `${y}-${pad2(mo)}` : `${y}Q${Math.ceil(mo / 3)}`;
    out.push([name, date, r() < 0.5 ? 'B' : null]);
  }
  return out;
}

module.exports = { rng, questions, engineSheets, vlookupSheets, calcRows, synthetic, asSeedFiles, scaleCalls };
