/**
 * The LLM.* functions, once. Each takes the raw arguments an adapter hands
 * over (null = omitted or blank) and returns a value, rows to spill, or an
 * LlmError; nothing here throws.
 */
import { Entity, Fact, Metric, PeriodTypeT, Source } from '../data/schema';
import { FUNCTION_BY_NAME, FunctionSpec } from './catalog';
import { DateSpan, describePeriod, forEntity, isoToSerial, parseDate } from './dates';
import { Market, Observation } from './market';
import { Arg, LlmError, Outcome, Rows, Scalar, badValue, isError, notAvailable } from './result';
import { applyUnit, parseUnit } from './units';
import { readableAmount } from './readable';
import { datasetOf } from '../data/datasets';

type Args = Arg[];

function text(arg: Arg, name: string, optional: false): string | LlmError;
function text(arg: Arg, name: string, optional: true): string | null | LlmError;
function text(arg: Arg, name: string, optional: boolean): string | null | LlmError {
  if (arg === null || (typeof arg === 'string' && arg.trim() === '')) {
    return optional ? null : badValue(`${name} is empty; it is required.`);
  }
  if (typeof arg !== 'string') return badValue(`${name} must be text, not ${typeof arg === 'boolean' ? String(arg).toUpperCase() : arg}.`);
  return arg.trim();
}

const periodText = (f: Fact) => (f.period.start === f.period.end ? f.period.start : `${f.period.start}..${f.period.end}`);

/** How a metric's figures relate to time (flows until the metric says otherwise: never carried forward). */
export const periodTypeOf = (m: Metric): PeriodTypeT => m.period_type ?? 'flow';

const QUALIFIER_WORDS: Record<string, string> = { '>': 'more than', '≥': 'at least', '≈': 'about', '≤': 'at most', '<': 'less than', '=': 'exactly' };

interface Ctx {
  market: Market;
}

// ---- the trace: which facts served -------------------------------------

let sink: Set<string> | null = null;

/** Runs `fn`, returning what it returned and the ids of every fact an LLM function answered from meanwhile. */
export function traced<T>(fn: () => T): { result: T; facts: string[] } {
  const outer = sink;
  const mine = new Set<string>();
  sink = mine;
  try {
    const result = fn();
    return { result, facts: [...mine] };
  } finally {
    sink = outer;
    if (outer) for (const id of mine) outer.add(id);
  }
}

function served(...obs: Observation[]): void {
  if (sink) for (const o of obs) sink.add(o.fact.id);
}

/** Entity + metric + optional source resolved, and their observations. */
interface Query {
  entity: Entity;
  metric: Metric;
  source: Source | null;
  obs: readonly Observation[];
}

function query(ctx: Ctx, entityArg: Arg, metricArg: Arg | Metric, sourceArg: Arg, entityName = 'entity'): Query | LlmError {
  const en = text(entityArg, entityName, false);
  if (isError(en)) return en;
  let metric: Metric | LlmError;
  if (metricArg !== null && typeof metricArg === 'object') metric = metricArg;
  else {
    const mn = text(metricArg, 'metric', false);
    if (isError(mn)) return mn;
    metric = ctx.market.metric(mn);
  }
  const sn = text(sourceArg, 'source', true);
  if (isError(sn)) return sn;
  const entity = ctx.market.entity(en);
  if (isError(entity)) return entity;
  if (isError(metric)) return metric;
  const source = sn === null ? null : ctx.market.source(sn);
  if (isError(source)) return source;
  const all = ctx.market.observations(entity.id, metric.id);
  if (all.length === 0) return noData(ctx, entity, metric);
  const obs = source ? ctx.market.observations(entity.id, metric.id, source.id) : all;
  if (obs.length === 0) {
    const from = [...new Set(all.map((o) => ctx.market.sources.get(o.fact.source)!.name))].join(', ');
    return notAvailable(`no ${metric.id} for ${entity.name} from ${source!.name}; it is available from: ${from}.`);
  }
  return { entity, metric, source, obs };
}

function noData(ctx: Ctx, entity: Entity, metric: Metric): LlmError {
  const has = ctx.market.metricsOf(entity.id);
  const kin = ctx.market
    .childrenOf(entity.id)
    .filter((c) => ctx.market.observations(c.id, metric.id).length > 0)
    .map((c) => c.name);
  const hint = kin.length ? ` Try ${kin.map((k) => `"${k}"`).join(' or ')}.` : '';
  const other = has.length ? ` ${entity.name} has: ${has.join(', ')} (ABOUT("${entity.name}") lists them with their periods).` : ` The dataset has no figures for ${entity.name}.`;
  return notAvailable(`no ${metric.id} data for ${entity.name}.${hint}${other}`);
}

const joinAnd = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** "Alibaba Group's capex is recorded for 2024Q4 (Oct–Dec 2024) and 2025Q2 (Apr–Jun 2025)." */
function recorded(ctx: Ctx, entity: Entity, metric: Metric, obs: readonly Observation[]): string {
  // Lists are cached by the Market, so the text is made once per list, not once per miss.
  let text = recordedText.get(obs);
  if (text === undefined) recordedText.set(obs, (text = recordedUncached(entity, metric, obs)));
  return text;
}
const recordedText = new WeakMap<readonly Observation[], string>();

function recordedUncached(entity: Entity, metric: Metric, obs: readonly Observation[]): string {
  const periods = new Map<string, string>();
  for (const o of obs) {
    const k = `${o.fact.period.start}/${o.fact.period.end}/${o.via?.id ?? ''}`;
    if (!periods.has(k)) periods.set(k, `${describePeriod(o.fact.period.start, o.fact.period.end, entity.fiscal_year_end)}${o.via ? ` (for ${o.via.name})` : ''}`);
  }
  let list = [...periods.values()];
  if (list.length > 8) list = [...list.slice(0, 3), `${list.length - 7} more`, ...list.slice(-4)];
  return `${entity.name}'s ${metric.id} is recorded for ${joinAnd(list)}.`;
}

/** Why nothing answers (entity, metric) in or as of a span, and what does exist. */
function missing(ctx: Ctx, q: Query, when: DateSpan, obs: readonly Observation[] = q.obs): LlmError {
  const type = periodTypeOf(q.metric);
  const day = when.start === when.end;
  const why =
    type === 'flow'
      ? day
        ? `no recorded period of this flow contains ${when.label}, and flows are never carried forward`
        : `a flow answers ${when.label} only from a figure for exactly that period`
      : day
        ? `nothing was recorded on or before ${when.label}`
        : `no ${type === 'rate' ? 'rate' : 'figure'} is dated inside ${when.label}`;
  const from = q.source ? ` from ${q.source.name}` : '';
  return notAvailable(`no ${q.metric.id} for ${q.entity.name}${from}: ${why}. ${recorded(ctx, q.entity, q.metric, obs)}`);
}

/** The observation that answers (entity, metric) in or as of a date, or why none does. */
function pick(ctx: Ctx, q: Query, when: DateSpan | null, obs: readonly Observation[] = q.obs): Observation | LlmError {
  const span = when ? forEntity(when, q.entity) : null;
  const o = ctx.market.asOf(obs, span, periodTypeOf(q.metric));
  if (o) return o;
  return missing(ctx, q, span!, obs);
}

function lookup(ctx: Ctx, entityArg: Arg, metricArg: Arg | Metric, asOfArg: Arg, sourceArg: Arg): { q: Query; o: Observation } | LlmError {
  // Arguments that cannot be read are #VALUE! whatever the data holds, so the date is read first.
  const when = parseDate(asOfArg);
  if (isError(when)) return when;
  const q = query(ctx, entityArg, metricArg, sourceArg);
  if (isError(q)) return q;
  const o = pick(ctx, q, when);
  if (isError(o)) return o;
  served(o);
  return { q, o };
}

function scaled(ctx: Ctx, fact: Fact, unitArg: Arg): number | LlmError {
  const unit = parseUnit(unitArg, ctx.market.metrics.get(fact.metric)!.unit === 'fraction' ? 'fraction' : fact.unit);
  if (isError(unit)) return unit;
  return applyUnit(fact.value, unit);
}

function value(ctx: Ctx, entityArg: Arg, metricArg: Arg | Metric, asOfArg: Arg, unitArg: Arg, sourceArg: Arg): Outcome {
  // Read the unit before the data, so a bad unit is #VALUE! whatever the data holds.
  const unitCheck = parseUnit(unitArg);
  if (isError(unitCheck)) return unitCheck;
  // lookup() and scaled() by the answer's position: its value and unit come from
  // the Market's columns, so a hit touches no Fact object (the cache misses that
  // made a 100,000-fact dataset slower per call than a 1,000-fact one).
  const when = parseDate(asOfArg);
  if (isError(when)) return when;
  const q = query(ctx, entityArg, metricArg, sourceArg);
  if (isError(q)) return q;
  const span = when ? forEntity(when, q.entity) : null;
  const i = ctx.market.answerIndex(q.obs, span, periodTypeOf(q.metric));
  if (i < 0) return missing(ctx, q, span!, q.obs);
  if (sink) served(q.obs[i]);
  const unit = parseUnit(unitArg, q.metric.unit === 'fraction' ? 'fraction' : ctx.market.unitAt(q.obs, i));
  if (isError(unit)) return unit;
  return applyUnit(ctx.market.valueAt(q.obs, i), unit);
}

/** What a group of figures measures, for messages: "scope openrouter (OpenRouter traffic) in tokens/day, reported for Gemini". */
function groupText(ctx: Ctx, o: Observation): string {
  return `scope ${ctx.market.scopeName(ctx.market.scopeOf(o.fact))} in ${o.fact.unit}${o.via ? `, reported for ${o.via.name}` : ''}`;
}

/** Without a source, ties between groups go to the entity's own figures, then as preferred() orders their answers. */
function betterPair(ctx: Ctx, a: [Observation, Observation], b: [Observation, Observation]): number {
  const m = ctx.market;
  return Number(!!a[1].via) + Number(!!a[0].via) - Number(!!b[1].via) - Number(!!b[0].via) || m.preferred(a[1], b[1]) || m.preferred(a[0], b[0]);
}

/**
 * Two observations of one entity, at two dates, of one scope and unit (and
 * all the entity's own, or all one model family's): a growth never joins
 * figures that measure different things.
 */
function pair(ctx: Ctx, args: Args): { a: Observation; b: Observation; q: Query } | LlmError {
  const [entityArg, metricArg, fromArg, toArg, sourceArg] = args;
  const from = parseDate(fromArg, 'from');
  if (isError(from)) return from;
  const to = parseDate(toArg, 'to');
  if (isError(to)) return to;
  const q = query(ctx, entityArg, metricArg, sourceArg);
  if (isError(q)) return q;
  if (!from || !to) return badValue('from and to are both required dates.');
  const type = periodTypeOf(q.metric);
  const fs = forEntity(from, q.entity);
  const ts = forEntity(to, q.entity);
  let best: [Observation, Observation] | null = null;
  let same: [Observation, Observation] | null = null;
  const fromIn: string[] = [];
  const toIn: string[] = [];
  for (const g of ctx.market.groups(q.obs, true).values()) {
    const a = ctx.market.asOf(g, fs, type);
    const b = ctx.market.asOf(g, ts, type);
    if (a) fromIn.push(groupText(ctx, a));
    if (b) toIn.push(groupText(ctx, b));
    if (!a || !b) continue;
    // A group whose one figure answers both dates cannot give a growth; another group may.
    if (a.fact.id === b.fact.id) same ??= [a, b];
    else if (!best || betterPair(ctx, [a, b], best) < 0) best = [a, b];
  }
  if (!best && same) {
    const [a] = same;
    return notAvailable(`from (${fs.label}) and to (${ts.label}) are both answered by the same observation (${periodText(a.fact)}); pick dates in different periods. SERIES("${q.entity.name}","${q.metric.id}") lists them.`);
  }
  if (!best) {
    if (!fromIn.length) return missing(ctx, q, fs);
    if (!toIn.length) return missing(ctx, q, ts);
    return notAvailable(
      `no one scope answers both dates for ${q.entity.name}'s ${q.metric.id}: from (${fs.label}) is answered by ${joinAnd(fromIn)}; to (${ts.label}) by ${joinAnd(toIn)}. ` +
        `A growth across them would compare different universes; pass a source to choose figures measured alike, or ask for the model family by name.`,
    );
  }
  const [a, b] = best;
  if (a.fact.value === 0) return notAvailable(`the value at from (${periodText(a.fact)}) is 0, so growth is undefined.`);
  served(a, b);
  return { a, b, q };
}

const KIND_PLURAL: Record<Entity['kind'], string> = {
  company: 'companies',
  'cloud platform': 'cloud platforms',
  'model family': 'model families',
  model: 'models',
  product: 'products',
  segment: 'segments',
  market: 'markets',
};

function readKind(arg: Arg): Entity['kind'] | null | LlmError {
  const k = text(arg, 'kind', true);
  if (isError(k) || k === null) return k;
  const want = KINDS.find((x) => x.replace(/\s/g, '') === k.toLowerCase().replace(/[\s_-]/g, '').replace(/s$/, '').replace(/familie$/, 'family'));
  return want ?? badValue(`kind "${k}" is not one of: ${KINDS.join(', ')}.`);
}

function readHeaders(arg: Arg): boolean | LlmError {
  if (arg !== null && typeof arg !== 'boolean' && typeof arg !== 'number') return badValue(`headers must be TRUE or FALSE, not "${arg}".`);
  return !!arg;
}

/**
 * RANK: entities of one kind, by figures of one scope and unit. Without a
 * kind, the first kind (companies, cloud platforms, model families, models,
 * products, segments, markets) that has two or more entities answering; within
 * it, the scope that answers for the most of them (ties: the more primary
 * source). A model family's figure answers for its company, as everywhere; an
 * entity whose ancestor of the same kind is ranked is left out (a segment is
 * never ranked against its own parts).
 */
function rank(ctx: Ctx, args: Args): Outcome {
  const [metricArg, asOfArg, sourceArg, topArg, kindArg, headersArg] = args;
  const mn = text(metricArg, 'metric', false);
  if (isError(mn)) return mn;
  const metric = ctx.market.metric(mn);
  if (isError(metric)) return metric;
  const when = parseDate(asOfArg);
  if (isError(when)) return when;
  const sn = text(sourceArg, 'source', true);
  if (isError(sn)) return sn;
  const source = sn === null ? null : ctx.market.source(sn);
  if (isError(source)) return source;
  let top = Infinity;
  if (topArg !== null) {
    if (typeof topArg !== 'number' || !Number.isFinite(topArg) || topArg < 1) return badValue(`top must be a whole number of rows, at least 1 (got ${String(topArg)}).`);
    top = Math.floor(topArg);
  }
  const kind = readKind(kindArg);
  if (isError(kind)) return kind;
  const headers = readHeaders(headersArg);
  if (isError(headers)) return headers;
  const type = periodTypeOf(metric);
  const m = ctx.market;
  // (kind, scope|unit) → the entities answering in it.
  const combos = new Map<string, { kind: Entity['kind']; rows: { e: Entity; o: Observation }[] }>();
  for (const e of m.entitiesAnswering(metric.id)) {
    if (kind && e.kind !== kind) continue;
    const all = m.observations(e.id, metric.id, source?.id ?? null);
    if (!all.length) continue;
    const span = when ? forEntity(when, e) : null;
    for (const [k, g] of m.groups(all, false)) {
      const o = m.asOf(g, span, type);
      if (!o) continue;
      const key = `${e.kind}\u0000${k}`;
      let c = combos.get(key);
      if (!c) combos.set(key, (c = { kind: e.kind, rows: [] }));
      c.rows.push({ e, o });
    }
  }
  for (const c of combos.values()) {
    const ids = new Set(c.rows.map((r) => r.e.id));
    c.rows = c.rows.filter((r) => ![...ids].some((a) => a !== r.e.id && m.isAncestor(a, r.e.id)));
  }
  const primacy = (c: { rows: { o: Observation }[] }) => Math.min(...c.rows.map((r) => m.sourceRank(r.o.fact.source)));
  const ordered = [...combos.entries()].sort(
    ([ka, a], [kb, b]) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || b.rows.length - a.rows.length || primacy(a) - primacy(b) || ka.localeCompare(kb),
  );
  const chosen = ordered.find(([, c]) => c.rows.length >= 2) ?? ordered[0];
  if (!chosen) {
    const at = when ? ` in or as of ${when.label}` : '';
    return notAvailable(`no ${kind ? KIND_PLURAL[kind] : 'entity'} ${kind ? 'have' : 'has'} ${metric.id}${source ? ` from ${source.name}` : ''}${at}.`);
  }
  // One window: only figures for the same period are compared, as only figures of one scope are. The
  // period that answers for the most entities wins (ties: the latest); the others are left out.
  const byWindow = new Map<string, { e: Entity; o: Observation }[]>();
  for (const r of chosen[1].rows) {
    const k = `${r.o.fact.period.start}/${r.o.fact.period.end}`;
    (byWindow.get(k) ?? byWindow.set(k, []).get(k)!).push(r);
  }
  const picked = [...byWindow.entries()].sort(([ka, a], [kb, b]) => b.length - a.length || kb.slice(11).localeCompare(ka.slice(11)) || kb.localeCompare(ka))[0][1];
  picked.sort((a, b) => b.o.fact.value - a.o.fact.value || a.e.name.localeCompare(b.e.name));
  const shown = picked.slice(0, top);
  served(...shown.map((x) => x.o));
  const rows: Rows = shown.map((x) => [x.e.name, x.o.fact.value]);
  if (headers) {
    const o = picked[0].o;
    rows.unshift([KIND_PLURAL[chosen[1].kind], `${metric.id} (${o.fact.unit}), scope ${m.scopeName(m.scopeOf(o.fact))}, period ${periodText(o.fact)}`]);
  }
  return rows;
}

/**
 * RATIO: both figures of one scope and unit. Without a source, the scope in
 * which both entities answer, preferring what VALUE would answer for each.
 */
function ratio(ctx: Ctx, [aArg, bArg, m, asOfArg, sourceArg]: Args): Outcome {
  const metricArg = m === null || m === '' ? 'tokens' : m;
  const when = parseDate(asOfArg);
  if (isError(when)) return when;
  const qa = query(ctx, aArg, metricArg, sourceArg, 'entity_a');
  if (isError(qa)) return qa;
  const qb = query(ctx, bArg, metricArg, sourceArg, 'entity_b');
  if (isError(qb)) return qb;
  const type = periodTypeOf(qa.metric);
  const sa = when ? forEntity(when, qa.entity) : null;
  const sb = when ? forEntity(when, qb.entity) : null;
  const ga = ctx.market.groups(qa.obs, false);
  const gb = ctx.market.groups(qb.obs, false);
  let best: [Observation, Observation] | null = null;
  const aIn: string[] = [];
  const bIn: string[] = [];
  for (const [k, g] of ga) {
    const a = ctx.market.asOf(g, sa, type);
    if (a) aIn.push(groupText(ctx, a));
    const h = gb.get(k);
    const b = h ? ctx.market.asOf(h, sb, type) : undefined;
    if (a && b && (!best || betterPair(ctx, [b, a], [best[1], best[0]]) < 0)) best = [a, b];
  }
  for (const g of gb.values()) {
    const b = ctx.market.asOf(g, sb, type);
    if (b) bIn.push(groupText(ctx, b));
  }
  if (!best) {
    if (!aIn.length) return missing(ctx, qa, sa!);
    if (!bIn.length) return missing(ctx, qb, sb!);
    return notAvailable(
      `${qa.entity.name}'s and ${qb.entity.name}'s ${qa.metric.id} measure different things: ${qa.entity.name}'s is ${joinAnd(aIn)}; ${qb.entity.name}'s is ${joinAnd(bIn)}. ` +
        `A ratio needs one scope and one unit; pass a source to choose figures measured alike (ABOUT lists each entity's scopes).`,
    );
  }
  const [a, b] = best;
  // One window, as RANK: latest figures of different periods are not divided unless a date pins both.
  if (!when && periodText(a.fact) !== periodText(b.fact)) {
    return notAvailable(
      `${qa.entity.name}'s latest ${qa.metric.id} is for ${periodText(a.fact)} and ${qb.entity.name}'s for ${periodText(b.fact)}: different windows. ` +
        `Pass as_of to pin one date for both (each figure is then the one in or as of that date), e.g. RATIO("${qa.entity.name}","${qb.entity.name}","${qa.metric.id}","${a.fact.period.end > b.fact.period.end ? a.fact.period.end : b.fact.period.end}").`,
    );
  }
  if (b.fact.value === 0) return notAvailable(`${qb.entity.name}'s ${qa.metric.id} is 0; the ratio is undefined.`);
  served(a, b);
  return a.fact.value / b.fact.value;
}

/** SERIES: one scope and unit, and one entity's own figures (or one model family's). */
function series(ctx: Ctx, [e, m, source, headersArg]: Args): Outcome {
  const headers = readHeaders(headersArg);
  if (isError(headers)) return headers;
  const q = query(ctx, e, m, source);
  if (isError(q)) return q;
  const mk = ctx.market;
  const primacy = (g: readonly Observation[]) => Math.min(...g.map((o) => mk.sourceRank(o.fact.source)));
  // The entity's own figures first; then the group with the most periods; then the more primary source.
  const groups = [...mk.groups(q.obs, true).entries()].sort(
    ([ka, a], [kb, b]) => Number(!!a[0].via) - Number(!!b[0].via) || b.length - a.length || primacy(a) - primacy(b) || ka.localeCompare(kb),
  );
  const g = groups[0][1];
  // One row per period: where sources overlap, the same rule as as-of decides.
  const byPeriod = new Map<string, Observation>();
  for (const o of g) {
    const k = `${o.fact.period.start}/${o.fact.period.end}`;
    const prior = byPeriod.get(k);
    if (!prior || mk.preferred(o, prior) < 0) byPeriod.set(k, o);
  }
  const obs = [...byPeriod.values()];
  served(...obs);
  const rows: Rows = obs.map((o) => [isoToSerial(o.fact.period.end), o.fact.value]);
  if (headers) rows.unshift(['period_end', `${q.metric.id} (${g[0].fact.unit}), scope ${mk.scopeName(mk.scopeOf(g[0].fact))}${g[0].via ? `, reported for ${g[0].via.name}` : ''}`]);
  return rows;
}

function cite(ctx: Ctx, q: Query, o: Observation): string {
  const f = o.fact;
  const m = ctx.market;
  const src = m.sources.get(f.source)!;
  const doc = m.documents.get(f.document)!;
  const metric = m.metrics.get(f.metric)!;
  const who = o.via ? `${q.entity.name} (reported for ${o.via.name})` : m.entities.get(f.entity)!.name;
  const dated = doc.published ?? `undated: ${doc.date_note}`;
  const qual = f.qualifier === '=' ? '' : `${f.qualifier} `;
  const parts = [
    `${src.name}: ${who}, ${metric.id} ${qual}${readableAmount(f.value, f.unit, f.quote)}${f.qualifier === '=' ? '' : ` (${QUALIFIER_WORDS[f.qualifier]})`}, period ${periodText(f)}, scope ${m.scopeName(m.scopeOf(f))}, basis ${f.basis}`,
    `"${f.quote.replace(/\s+/g, ' ')}"`,
    `${doc.title}${doc.title !== doc.title_en ? ` (${doc.title_en})` : ''}, ${doc.publisher ?? 'publisher not stated'}, ${dated}`,
    `fact ${f.id}${f.of ? `; share of ${f.of}` : ''}${f.corrected_from ? `; corrected from "${f.corrected_from}" as written` : ''}${f.written_as ? `; written as "${f.written_as}"` : ''}${f.note ? `; note: ${f.note.replace(/\s+/g, ' ')}` : ''}`,
  ];
  // Which dataset the fact is from (issue 19): the bundled edition or a user data folder's own.
  const ds = datasetOf(m, f.id);
  if (ds) parts.push(ds);
  return parts.join(' — ');
}

/** DETAIL's fields: what a number loses when it is only a number. */
const DETAIL_FIELDS: Record<string, (ctx: Ctx, q: Query, o: Observation) => Scalar> = {
  value: (_c, _q, o) => o.fact.value,
  qualifier: (_c, _q, o) => o.fact.qualifier,
  unit: (_c, _q, o) => o.fact.unit,
  period: (_c, q, o) => describePeriod(o.fact.period.start, o.fact.period.end, q.entity.fiscal_year_end),
  period_start: (_c, _q, o) => isoToSerial(o.fact.period.start),
  period_end: (_c, _q, o) => isoToSerial(o.fact.period.end),
  period_type: (_c, q) => periodTypeOf(q.metric),
  scope: (c, _q, o) => c.market.scopeOf(o.fact),
  basis: (_c, _q, o) => o.fact.basis,
  source: (c, _q, o) => c.market.sources.get(o.fact.source)!.name,
  document: (_c, _q, o) => o.fact.document,
  fact: (_c, _q, o) => o.fact.id,
  reported_for: (c, _q, o) => c.market.entities.get(o.fact.entity)!.name,
  of: (_c, _q, o) => o.fact.of ?? '',
  of_zh: (_c, _q, o) => o.fact.of_zh ?? '',
  corrected_from: (_c, _q, o) => o.fact.corrected_from ?? '',
  written_as: (_c, _q, o) => o.fact.written_as ?? '',
  quote: (_c, _q, o) => o.fact.quote,
  note: (_c, _q, o) => o.fact.note ?? '',
  note_zh: (_c, _q, o) => o.fact.note_zh ?? '',
  // The dataset that answered, with its edition (issue 17): "bundled dataset 2025-10-18, e7e08a61" or a data folder's.
  dataset: (c, _q, o) => datasetOf(c.market, o.fact.id) ?? '',
};

function detail(ctx: Ctx, [e, m, asOf, fieldArg, source]: Args): Outcome {
  const field = text(fieldArg, 'field', true);
  if (isError(field)) return field;
  const key = field === null ? null : field.toLowerCase().replace(/[\s-]+/g, '_');
  if (key !== null && !(key in DETAIL_FIELDS)) return badValue(`field "${field}" is not one I know. Use one of: ${Object.keys(DETAIL_FIELDS).join(', ')}; omit it for a one-line summary.`);
  const r = lookup(ctx, e, m, asOf, source);
  if (isError(r)) return r;
  if (key !== null) return DETAIL_FIELDS[key](ctx, r.q, r.o);
  const f = r.o.fact;
  return [
    `${f.qualifier} ${readableAmount(f.value, f.unit, f.quote)}`,
    `period ${DETAIL_FIELDS.period(ctx, r.q, r.o)}`,
    `scope ${ctx.market.scopeOf(f)}`,
    `basis ${f.basis}`,
    ...(r.o.via ? [`reported for ${r.o.via.name}`] : []),
    ...(f.corrected_from ? [`corrected from "${f.corrected_from}"`] : []),
    ...(f.written_as ? [`written as "${f.written_as}"`] : []),
    `fact ${f.id}`,
  ].join('; ');
}

/** ABOUT: what can I ask about this entity? One row per metric and scope, with a header row. */
function about(ctx: Ctx, [e]: Args): Outcome {
  const en = text(e, 'entity', false);
  if (isError(en)) return en;
  const entity = ctx.market.entity(en);
  if (isError(entity)) return entity;
  const rows: Rows = [['metric', 'period_type', 'latest period', 'unit', 'source', 'scope', 'observations', 'reported for']];
  for (const id of ctx.market.metricsOf(entity.id)) {
    const metric = ctx.market.metrics.get(id)!;
    for (const g of ctx.market.groups(ctx.market.observations(entity.id, id), true).values()) {
      const o = ctx.market.asOf(g, null, periodTypeOf(metric))!;
      rows.push([
        id,
        periodTypeOf(metric),
        describePeriod(o.fact.period.start, o.fact.period.end, entity.fiscal_year_end),
        o.fact.unit,
        ctx.market.sources.get(o.fact.source)!.name,
        ctx.market.scopeOf(o.fact),
        new Set(g.map((x) => `${x.fact.period.start}/${x.fact.period.end}`)).size,
        o.via ? o.via.name : entity.name,
      ]);
    }
  }
  if (rows.length === 1) return notAvailable(`the dataset has no figures for ${entity.name}.${ctx.market.childrenOf(entity.id).length ? ` Try its parts: ${ctx.market.childrenOf(entity.id).map((c) => `"${c.name}"`).join(', ')}.` : ''}`);
  return rows;
}

const KINDS = ['company', 'cloud platform', 'model family', 'model', 'product', 'segment', 'market'] as const;

type Impl = (ctx: Ctx, args: Args) => Outcome;

const IMPLS: Record<string, Impl> = {
  TOKENS: (ctx, [e, asOf, unit, source]) => value(ctx, e, 'tokens', asOf, unit, source),
  SHARE: (ctx, [e, source, asOf]) => {
    const s = text(source, 'source', false);
    if (isError(s)) return s;
    return value(ctx, e, 'share', asOf, null, s);
  },
  VALUE: (ctx, [e, m, asOf, unit, source]) => value(ctx, e, m, asOf, unit, source),
  SERIES: series,
  GROWTH: (ctx, args) => {
    const r = pair(ctx, args);
    return isError(r) ? r : r.b.fact.value / r.a.fact.value - 1;
  },
  CAGR: (ctx, args) => {
    const r = pair(ctx, args);
    if (isError(r)) return r;
    const years = (Date.parse(r.b.fact.period.end) - Date.parse(r.a.fact.period.end)) / (365.25 * 86_400_000);
    if (years <= 0) return notAvailable(`"to" (${periodText(r.b.fact)}) does not end after "from" (${periodText(r.a.fact)}); CAGR needs a later "to".`);
    const ratio = r.b.fact.value / r.a.fact.value;
    if (ratio <= 0) return notAvailable(`the values change sign (${r.a.fact.value} → ${r.b.fact.value}); a compound rate is undefined.`);
    return Math.pow(ratio, 1 / years) - 1;
  },
  RATIO: ratio,
  RANK: rank,
  SOURCE: (ctx, [e, m, asOf, source]) => {
    const r = lookup(ctx, e, m, asOf, source);
    return isError(r) ? r : cite(ctx, r.q, r.o);
  },
  UNIT: (ctx, [e, m, asOf, source]) => {
    const r = lookup(ctx, e, m, asOf, source);
    return isError(r) ? r : r.o.fact.unit;
  },
  DETAIL: detail,
  ABOUT: about,
  ENTITIES: (ctx, [kind]) => {
    const want = readKind(kind);
    if (isError(want)) return want;
    return [...ctx.market.entities.values()].filter((e) => !want || e.kind === want).map((e) => [e.name, e.name_zh, e.kind, e.id]);
  },
  // The unit column names what the facts really use (revenue: "CNY, USD"), not only the metric's usual unit.
  METRICS: (ctx) => [...ctx.market.metrics.values()].map((m) => [m.id, m.name, m.name_zh, factUnits(ctx.market, m)]),
  SOURCES: (ctx) => [...ctx.market.sources.values()].map((s) => [s.id, s.name, s.kind]),
};

const factUnitsCache = new WeakMap<Market, Map<string, string>>();
/** The units a metric's facts are in, the metric's own first ("CNY, USD"); its declared unit when it has no facts. */
function factUnits(m: Market, metric: Metric): string {
  let byMetric = factUnitsCache.get(m);
  if (!byMetric) {
    const sets = new Map<string, Set<string>>();
    for (const f of m.facts.values()) (sets.get(f.metric) ?? sets.set(f.metric, new Set()).get(f.metric)!).add(f.unit);
    byMetric = new Map([...sets].map(([id, us]) => [id, [...us].join(', ')]));
    factUnitsCache.set(m, byMetric);
  }
  const used = byMetric.get(metric.id);
  if (!used) return metric.unit;
  const list = used.split(', ');
  return [...new Set([metric.unit, ...list].filter((u) => list.includes(u)))].join(', ');
}

/** How many arguments a function needs at least: up to its last required parameter. */
export function requiredArgCount(spec: FunctionSpec): number {
  let n = 0;
  spec.params.forEach((p, i) => {
    if (!p.optional) n = i + 1;
  });
  return n;
}

/**
 * The one error for a call with too many or too few arguments. The engine
 * answers HyperFormula's own arity error with it too, so a formula gets the
 * same code and message from Excel's path and the headless one.
 */
export function wrongArgumentCount(spec: FunctionSpec, got: number): LlmError {
  const [min, max] = [requiredArgCount(spec), spec.params.length];
  const takes = min === max ? `${max} argument${max === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
  const usage = `${spec.name}(${spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
  return badValue(`${spec.name} takes ${takes}, got ${got}: use ${usage}.`);
}

/**
 * Calls one LLM function by name. More arguments than declared, or fewer than
 * the required ones, is #VALUE! (wrongArgumentCount); a required one given as
 * empty is #VALUE! naming it; anything unexpected inside becomes #VALUE! with
 * its message rather than an exception.
 */
export function callFunction(market: Market, name: string, args: Args): Outcome {
  // The adapters pass the catalog's own name: look that up before normalising what a user typed.
  const spec: FunctionSpec | undefined = FUNCTION_BY_NAME.get(name) ?? FUNCTION_BY_NAME.get(name.toUpperCase().replace(/^LLM\./, ''));
  if (!spec) return notAvailable(`unknown function "${name}".`);
  if (args.length > spec.params.length || args.length < requiredArgCount(spec)) return wrongArgumentCount(spec, args.length);
  const full = spec.params.map((_, i) => (i < args.length ? args[i] : null));
  for (let i = 0; i < spec.params.length; i++) {
    if (!spec.params[i].optional && (full[i] === null || full[i] === '')) {
      return badValue(`${spec.name}: ${spec.params[i].name} is required (${spec.params[i].description})`);
    }
  }
  try {
    return IMPLS[spec.name]({ market }, full);
  } catch (e) {
    caughtUnexpectedly.count++;
    caughtUnexpectedly.last = `${spec.name}(${JSON.stringify(full)}): ${(e as Error)?.stack ?? String(e)}`;
    return badValue(`${spec.name} failed unexpectedly: ${(e as Error)?.message ?? String(e)}`);
  }
}

/**
 * What callFunction's catch-all has caught: it keeps a user's sheet working,
 * but every exception it catches is a bug (test/fuzz.test.ts fails on any).
 */
export const caughtUnexpectedly: { count: number; last?: string } = { count: 0 };

export const IMPLEMENTED = Object.keys(IMPLS);
