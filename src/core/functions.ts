/**
 * The LLM.* functions, once. Each takes the raw arguments an adapter hands
 * over (null = omitted or blank) and returns a value, rows to spill, or an
 * LlmError; nothing here throws.
 */
import { Entity, Fact, Metric, Source } from '../data/schema';
import { FUNCTION_BY_NAME, FunctionSpec } from './catalog';
import { DateSpan, isoToSerial, parseDate } from './dates';
import { Market, Observation } from './market';
import { Arg, LlmError, Outcome, Rows, badValue, isError, notAvailable } from './result';
import { applyUnit, parseUnit } from './units';

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

const fmtNumber = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4).replace(/\.?0+e/, 'e') : String(+v.toPrecision(6)));
const periodText = (f: Fact) => (f.period.start === f.period.end ? f.period.start : `${f.period.start}..${f.period.end}`);

interface Ctx {
  market: Market;
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
  const other = has.length ? ` ${entity.name} has: ${has.join(', ')}.` : ` The dataset has no figures for ${entity.name}.`;
  return notAvailable(`no ${metric.id} data for ${entity.name}.${hint}${other}`);
}

/** The observation that answers (entity, metric) as of a date, or why none does. */
function pick(ctx: Ctx, q: Query, when: DateSpan | null): Observation | LlmError {
  const o = ctx.market.asOf(q.obs, when);
  if (o) return o;
  const first = q.obs[0].fact;
  const from = q.source ? ` from ${q.source.name}` : '';
  return notAvailable(
    `no ${q.metric.id} for ${q.entity.name}${from} on or before ${when!.label}; the earliest observation is for ${periodText(first)}.`,
  );
}

function lookup(ctx: Ctx, entityArg: Arg, metricArg: Arg | Metric, asOfArg: Arg, sourceArg: Arg): { q: Query; o: Observation } | LlmError {
  // Arguments that cannot be read are #VALUE! whatever the data holds, so the date is read first.
  const when = parseDate(asOfArg);
  if (isError(when)) return when;
  const q = query(ctx, entityArg, metricArg, sourceArg);
  if (isError(q)) return q;
  const o = pick(ctx, q, when);
  return isError(o) ? o : { q, o };
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
  const r = lookup(ctx, entityArg, metricArg, asOfArg, sourceArg);
  return isError(r) ? r : scaled(ctx, r.o.fact, unitArg);
}

/** Two observations at two dates, in one unit. */
function pair(ctx: Ctx, args: Args): { a: Observation; b: Observation; q: Query } | LlmError {
  const [entityArg, metricArg, fromArg, toArg, sourceArg] = args;
  const from = parseDate(fromArg, 'from');
  if (isError(from)) return from;
  const to = parseDate(toArg, 'to');
  if (isError(to)) return to;
  const q = query(ctx, entityArg, metricArg, sourceArg);
  if (isError(q)) return q;
  if (!from || !to) return badValue('from and to are both required dates.');
  const a = pick(ctx, q, from);
  if (isError(a)) return a;
  const b = pick(ctx, q, to);
  if (isError(b)) return b;
  if (a.fact.id === b.fact.id) {
    return notAvailable(`from (${from.label}) and to (${to.label}) are both answered by the same observation (${periodText(a.fact)}); pick dates in different periods. SERIES("${q.entity.name}","${q.metric.id}") lists them.`);
  }
  if (a.fact.unit !== b.fact.unit) return notAvailable(`the two observations are in different units (${a.fact.unit} and ${b.fact.unit}); pass a source to compare like with like.`);
  if (a.fact.value === 0) return notAvailable(`the value at from (${periodText(a.fact)}) is 0, so growth is undefined.`);
  return { a, b, q };
}

function rank(ctx: Ctx, args: Args): Outcome {
  const [metricArg, asOfArg, sourceArg, topArg] = args;
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
  let picked: { e: Entity; o: Observation }[] = [];
  for (const e of ctx.market.entitiesWith(metric.id)) {
    const o = ctx.market.asOf(ctx.market.ownObservations(e.id, metric.id, source?.id ?? null), when);
    if (o) picked.push({ e, o });
  }
  if (!source) {
    // Figures from different measurers are not comparable: rank the source
    // that covers the most entities (ties: the more primary source).
    const count = new Map<string, number>();
    for (const x of picked) count.set(x.o.fact.source, (count.get(x.o.fact.source) ?? 0) + 1);
    const best = [...count.entries()].sort((a, b) => b[1] - a[1] || ctx.market.sourceRank(a[0]) - ctx.market.sourceRank(b[0]) || a[0].localeCompare(b[0]))[0];
    if (best) picked = picked.filter((x) => x.o.fact.source === best[0]);
  }
  if (picked.length === 0) {
    const at = when ? ` on or before ${when.label}` : '';
    return notAvailable(`no entity has ${metric.id}${source ? ` from ${source.name}` : ''}${at}.`);
  }
  const units = new Set(picked.map((x) => x.o.fact.unit));
  if (units.size > 1) return notAvailable(`${metric.id} is reported in several units here (${[...units].join(', ')}); pass a source to rank like with like.`);
  picked.sort((a, b) => b.o.fact.value - a.o.fact.value || a.e.name.localeCompare(b.e.name));
  return picked.slice(0, top).map((x) => [x.e.name, x.o.fact.value]);
}

function cite(ctx: Ctx, q: Query, o: Observation): string {
  const f = o.fact;
  const src = ctx.market.sources.get(f.source)!;
  const doc = ctx.market.documents.get(f.document)!;
  const metric = ctx.market.metrics.get(f.metric)!;
  const who = o.via ? `${q.entity.name} (reported for ${o.via.name})` : ctx.market.entities.get(f.entity)!.name;
  const dated = doc.published ?? `undated: ${doc.date_note}`;
  const parts = [
    `${src.name}: ${who}, ${metric.id} ${f.qualifier === '=' ? '' : `${f.qualifier} `}${fmtNumber(f.value)} ${f.unit}${f.basis !== 'actual' ? ` (${f.basis})` : ''}, period ${periodText(f)}`,
    `"${f.quote.replace(/\s+/g, ' ')}"`,
    `${doc.title}${doc.title !== doc.title_en ? ` (${doc.title_en})` : ''}, ${doc.publisher ?? 'publisher not stated'}, ${dated}`,
    `fact ${f.id}${f.of ? `; share of ${f.of}` : ''}${f.note ? `; note: ${f.note.replace(/\s+/g, ' ')}` : ''}`,
  ];
  return parts.join(' — ');
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
  SERIES: (ctx, [e, m, source, headers]) => {
    if (headers !== null && typeof headers !== 'boolean' && typeof headers !== 'number') return badValue(`headers must be TRUE or FALSE, not "${headers}".`);
    const q = query(ctx, e, m, source);
    if (isError(q)) return q;
    // One row per period: where sources overlap, the same rule as as-of decides.
    const byPeriod = new Map<string, Observation>();
    for (const o of q.obs) {
      const k = `${o.fact.period.start}/${o.fact.period.end}`;
      const prior = byPeriod.get(k);
      if (!prior || ctx.market.preferred(o, prior) < 0) byPeriod.set(k, o);
    }
    const rows: Rows = [...byPeriod.values()].map((o) => [isoToSerial(o.fact.period.end), o.fact.value]);
    if (headers) rows.unshift(['period_end', `${q.metric.id} (${q.obs[0].fact.unit})`]);
    return rows;
  },
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
  RATIO: (ctx, [a, b, m, asOf, source]) => {
    const metric = m === null || m === '' ? 'tokens' : m;
    const ra = lookup(ctx, a, metric, asOf, source);
    if (isError(ra)) return ra;
    const rb = lookup(ctx, b, metric, asOf, source);
    if (isError(rb)) return rb;
    if (ra.o.fact.unit !== rb.o.fact.unit) return notAvailable(`${ra.q.entity.name} is in ${ra.o.fact.unit} and ${rb.q.entity.name} in ${rb.o.fact.unit}; a ratio needs one unit.`);
    if (rb.o.fact.value === 0) return notAvailable(`${rb.q.entity.name}'s ${ra.q.metric.id} is 0; the ratio is undefined.`);
    return ra.o.fact.value / rb.o.fact.value;
  },
  RANK: rank,
  SOURCE: (ctx, [e, m, asOf, source]) => {
    const r = lookup(ctx, e, m, asOf, source);
    return isError(r) ? r : cite(ctx, r.q, r.o);
  },
  UNIT: (ctx, [e, m, asOf, source]) => {
    const r = lookup(ctx, e, m, asOf, source);
    return isError(r) ? r : r.o.fact.unit;
  },
  ENTITIES: (ctx, [kind]) => {
    const k = text(kind, 'kind', true);
    if (isError(k)) return k;
    const want = k === null ? null : KINDS.find((x) => x.replace(/\s/g, '') === k.toLowerCase().replace(/[\s_-]/g, '').replace(/s$/, '').replace(/familie$/, 'family'));
    if (k !== null && !want) return badValue(`kind "${k}" is not one of: ${KINDS.join(', ')}.`);
    return [...ctx.market.entities.values()].filter((e) => !want || e.kind === want).map((e) => [e.name, e.name_zh, e.kind, e.id]);
  },
  METRICS: (ctx) => [...ctx.market.metrics.values()].map((m) => [m.id, m.name, m.name_zh, m.unit]),
  SOURCES: (ctx) => [...ctx.market.sources.values()].map((s) => [s.id, s.name, s.kind]),
};

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
    return badValue(`${spec.name} failed unexpectedly: ${(e as Error)?.message ?? String(e)}`);
  }
}

export const IMPLEMENTED = Object.keys(IMPLS);
