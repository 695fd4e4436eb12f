/**
 * The dataset, indexed once at load: entities, metrics and sources by every
 * name users may type (a hash lookup; the "did you mean" search runs only on a
 * miss), and each entity's observations of a metric sorted by period, so an
 * as-of lookup is a hash lookup plus a binary search.
 */
import { Dataset, Document, Entity, Fact, Metric, PeriodTypeT, Scope, Source } from '../data/schema';
import { DatasetError } from '../data/load';
import { DateSpan } from './dates';
import { LlmError } from './result';
import { didYouMean, nearest, normalizeKey } from './text';

/** Kinds whose figures also answer for their parent (Gemini's tokens are Alphabet's). */
const ROLLS_UP: ReadonlySet<Entity['kind']> = new Set(['model family', 'model']);

/** Without a source argument, ties on the same period go to the more primary source. */
const SOURCE_KIND_RANK: Record<Source['kind'], number> = {
  'company disclosure': 0,
  'market research': 1,
  'data provider': 2,
  benchmark: 3,
  'media report': 4,
  analyst: 5,
};

export interface Observation {
  fact: Fact;
  /** Set when the fact belongs to a model family or model under the asked entity. */
  via?: Entity;
}

interface Named {
  key: string;
  label: string;
}

/**
 * Indexes a record under each of its names; a name (after normalizeKey) that
 * already leads to another record is a broken dataset, named by record and field.
 */
function addKeys<T extends { id: string }>(map: Map<string, T>, names: [name: string, field: string][], value: T, what: string): void {
  for (const [name, field] of names) {
    const key = normalizeKey(name);
    if (!key) continue;
    const prior = map.get(key);
    if (prior !== undefined && prior.id !== value.id) {
      throw new DatasetError(`${what} "${value.id}", field ${field}: the name "${name}" already refers to ${what} "${prior.id}"; a name must lead to one ${what}`);
    }
    map.set(key, value);
  }
}

const named = (fields: string[], names: string[]): [string, string][] => names.map((n, i) => [n, fields[i] ?? `aliases.${i - fields.length}`]);

export class Market {
  readonly entities = new Map<string, Entity>();
  readonly metrics = new Map<string, Metric>();
  readonly sources = new Map<string, Source>();
  readonly documents = new Map<string, Document>();
  readonly facts = new Map<string, Fact>();
  readonly scopes = new Map<string, Scope>();
  private readonly entityByKey = new Map<string, Entity>();
  private readonly metricByKey = new Map<string, Metric>();
  private readonly sourceByKey = new Map<string, Source>();
  private readonly children = new Map<string, Entity[]>();
  /** Own facts by entity and metric, sorted by period (end, then start). */
  private readonly own = new Map<string, Map<string, Fact[]>>();
  /**
   * observations(), computed once per (entity, metric) and never mutated: by
   * entity id, then by the metric's interned number (one hash lookup, then an
   * array index, on the path every lookup takes).
   */
  private readonly rolled = new Map<string, (Observation[] | undefined)[]>();
  /** Every list the Market made: their lookup numbers may live in the shared columns, as long as the Market does. */
  private readonly made = new WeakSet<readonly Observation[]>();
  /** The lookup columns of every list the Market made and asOf() was asked about. */
  private readonly cols = new Columns();
  /** The lookup numbers of lists a caller built, kept only as long as the list lives. */
  private readonly standalone = new WeakMap<readonly Observation[], { p: Int32Array; latest: number | undefined }>();
  /** Metric ids interned as small numbers. */
  private readonly metricNo = new Map<string, number>();
  /** ownObservations() lists, by the entity's fact list. */
  private readonly ownObs = new WeakMap<readonly Fact[], Observation[]>();
  /** One source's subset of an observation list, by list and source. */
  private readonly sourceSubsets = new WeakMap<readonly Observation[], Map<string, Observation[]>>();
  /** A list's observations split by scope and unit (and by whose figure they are), each group indexed. */
  private readonly groupsOf = new WeakMap<readonly Observation[], Map<string, readonly Observation[]>>();
  private readonly groupsByScopeOf = new WeakMap<readonly Observation[], Map<string, readonly Observation[]>>();
  /** Period lengths in ms, for preferred(). */
  private readonly periodMs = new WeakMap<Fact, number>();
  /** What entity()/metric()/source() answered for a name already asked (misses included: their "did you mean" search is the slow part). */
  private readonly entityAsked = new Map<string, Entity | LlmError>();
  private readonly metricAsked = new Map<string, Metric | LlmError>();
  private readonly sourceAsked = new Map<string, Source | LlmError>();
  private readonly metricsOfCache = new Map<string, string[]>();
  private readonly answeringCache = new Map<string, readonly Entity[]>();
  private readonly entityNames: Named[] = [];
  private readonly metricNames: Named[] = [];
  private readonly sourceNames: Named[] = [];

  constructor(readonly data: Dataset) {
    for (const d of data.documents) this.documents.set(d.id, d);
    for (const sc of data.scopes ?? []) this.scopes.set(sc.id, sc);
    for (const e of data.entities) {
      this.entities.set(e.id, e);
      const names = [e.id, e.name, e.name_zh, ...e.aliases];
      addKeys(this.entityByKey, named(['id', 'name', 'name_zh'], names), e, 'entity');
      for (const n of names) this.entityNames.push({ key: normalizeKey(n), label: e.name });
      if (e.parent) this.children.set(e.parent, [...(this.children.get(e.parent) ?? []), e]);
    }
    for (const m of data.metrics) {
      this.metrics.set(m.id, m);
      if (!this.metricNo.has(m.id)) this.metricNo.set(m.id, this.metricNo.size);
      const names = [m.id, m.name, m.name_zh, ...(m.aliases ?? [])];
      addKeys(this.metricByKey, named(['id', 'name', 'name_zh'], names), m, 'metric');
      for (const n of names) this.metricNames.push({ key: normalizeKey(n), label: m.id });
    }
    for (const s of data.sources) {
      this.sources.set(s.id, s);
      // "Alibaba Group (own disclosure)" is also "Alibaba Group".
      const names = [s.id, s.name, s.name_zh, s.name.replace(/\s*\(.*\)\s*$/, ''), s.name_zh.replace(/\s*[(（].*[)）]\s*$/, ''), ...(s.aliases ?? [])];
      addKeys(this.sourceByKey, named(['id', 'name', 'name_zh', 'name (without its parenthesis)', 'name_zh (without its parenthesis)'], names), s, 'source');
      for (const n of names) this.sourceNames.push({ key: normalizeKey(n), label: s.name.replace(/\s*\(.*\)\s*$/, '') });
    }
    for (const f of data.facts) {
      this.facts.set(f.id, f);
      let byMetric = this.own.get(f.entity);
      if (!byMetric) this.own.set(f.entity, (byMetric = new Map()));
      const list = byMetric.get(f.metric);
      if (list) list.push(f);
      else byMetric.set(f.metric, [f]);
    }
    for (const byMetric of this.own.values()) for (const list of byMetric.values()) list.sort(byPeriod);
  }

  // ---- resolution -------------------------------------------------------

  entity(name: string): Entity | LlmError {
    return remember(this.entityAsked, name, () => {
      const hit = this.entityByKey.get(normalizeKey(name));
      if (hit) return hit;
      return new LlmError('#N/A', `unknown entity "${name}".${didYouMean(nearest(name, this.entityNames))} ENTITIES() lists every known name.`);
    });
  }

  metric(name: string): Metric | LlmError {
    return remember(this.metricAsked, name, () => {
      const hit = this.metricByKey.get(normalizeKey(name));
      if (hit) return hit;
      return new LlmError('#N/A', `unknown metric "${name}".${didYouMean(nearest(name, this.metricNames))} METRICS() lists them all.`);
    });
  }

  source(name: string): Source | LlmError {
    return remember(this.sourceAsked, name, () => {
      const hit = this.sourceByKey.get(normalizeKey(name));
      if (hit) return hit;
      return new LlmError('#N/A', `unknown source "${name}".${didYouMean(nearest(name, this.sourceNames))} SOURCES() lists them all.`);
    });
  }

  // ---- observations -----------------------------------------------------

  ownFacts(entityId: string, metricId: string): readonly Fact[] {
    return this.own.get(entityId)?.get(metricId) ?? NONE;
  }

  /**
   * An entity's observations of a metric: its own facts, plus those of the
   * model families and models beneath it where it has none for that period
   * and scope;
   * with a source, only that source's. Every list returned is cached and
   * indexed, so asOf() answers all of them the same (packed) way.
   */
  observations(entityId: string, metricId: string, sourceId: string | null = null): readonly Observation[] {
    return this.ofSource(this.rollup(entityId, metricId), sourceId);
  }

  /** The entity's own facts as observations (RANK ranks these, never a parent's twice), optionally of one source. */
  ownObservations(entityId: string, metricId: string, sourceId: string | null = null): readonly Observation[] {
    const facts = this.ownFacts(entityId, metricId);
    let all = this.ownObs.get(facts);
    if (!all) {
      all = facts.map((fact) => ({ fact }));
      this.made.add(all);
      this.ownObs.set(facts, all);
    }
    return this.ofSource(all, sourceId);
  }

  private ofSource(all: readonly Observation[], sourceId: string | null): readonly Observation[] {
    if (sourceId === null) return all;
    let bySource = this.sourceSubsets.get(all);
    if (!bySource) this.sourceSubsets.set(all, (bySource = new Map()));
    let subset = bySource.get(sourceId);
    if (!subset) {
      subset = all.filter((o) => o.fact.source === sourceId);
      this.made.add(subset);
      bySource.set(sourceId, subset);
    }
    return subset;
  }

  private rollup(entityId: string, metricId: string): readonly Observation[] {
    let byMetric = this.rolled.get(entityId);
    const mNo = this.metricNo.get(metricId);
    const cached = byMetric && mNo !== undefined ? byMetric[mNo] : undefined;
    if (cached) return cached;
    const out: Observation[] = this.ownFacts(entityId, metricId).map((fact) => ({ fact }));
    // Per period and scope: the parent's company-wide figure does not hide its family's OpenRouter slice.
    const periods = new Set(out.map((o) => periodKey(o.fact)));
    const visit = (id: string) => {
      for (const child of this.children.get(id) ?? []) {
        if (!ROLLS_UP.has(child.kind)) continue;
        for (const fact of this.ownFacts(child.id, metricId)) {
          if (!periods.has(periodKey(fact))) out.push({ fact, via: child });
        }
        visit(child.id);
      }
    };
    visit(entityId);
    out.sort((a, b) => byPeriod(a.fact, b.fact));
    this.made.add(out);
    // An unknown metric id has no facts: its (empty) list is not worth remembering.
    if (mNo === undefined) return out;
    if (!byMetric) this.rolled.set(entityId, (byMetric = []));
    byMetric[mNo] = out;
    return out;
  }

  sourceRank(sourceId: string): number {
    return SOURCE_KIND_RANK[this.sources.get(sourceId)!.kind];
  }

  /** Deterministic choice among observations of the same period. */
  preferred(a: Observation, b: Observation): number {
    const len = (f: Fact) => {
      let ms = this.periodMs.get(f);
      if (ms === undefined) this.periodMs.set(f, (ms = Date.parse(f.period.end) - Date.parse(f.period.start)));
      return ms;
    };
    return (
      Number(!!a.via) - Number(!!b.via) ||
      len(a.fact) - len(b.fact) ||
      this.sourceRank(a.fact.source) - this.sourceRank(b.fact.source) ||
      (this.documents.get(b.fact.document)?.published ?? '').localeCompare(this.documents.get(a.fact.document)?.published ?? '') ||
      a.fact.id.localeCompare(b.fact.id)
    );
  }

  /**
   * The as-of rule, by the metric's period type. A period (month, quarter,
   * half, year, fiscal period) asks "in": a flow answers only from an
   * observation of exactly that period; an instant or a rate from the latest
   * observation lying wholly inside it. A day asks "as of": a flow answers
   * from the shortest observation whose period contains the day; an instant or
   * a rate from the latest observation that ended on or before it. Flows are
   * never carried forward. Without a date: the latest actual observation
   * (forecasts and plans only when nothing else exists). Ties go to
   * preferred(). Every branch is a binary search over the list's packed
   * periods plus a scan of the candidates it bounds.
   */
  asOf(obs: readonly Observation[], when: DateSpan | null, type: PeriodTypeT): Observation | undefined {
    const i = this.answerIndex(obs, when, type);
    return i < 0 ? undefined : obs[i];
  }

  /** asOf()'s answer as its position in the list (-1: none), for valueAt() and unitAt(). */
  answerIndex(obs: readonly Observation[], when: DateSpan | null, type: PeriodTypeT): number {
    const n = obs.length;
    if (n === 0) return -1;
    let k = (obs as Indexed)[INDEX];
    if (k === undefined && this.made.has(obs)) {
      k = this.cols.add(obs, (x, y) => this.preferred(x, y));
      Object.defineProperty(obs, INDEX, { value: k, enumerable: false });
    }
    let p: Int32Array;
    let o: number;
    if (k !== undefined) {
      p = this.cols.p;
      o = this.cols.start[k] * W;
      if (!when) {
        let hit = this.cols.latest[k];
        if (hit === undefined) this.cols.latest[k] = hit = this.latestIndex(obs);
        return hit;
      }
    } else {
      let own = this.standalone.get(obs);
      if (!own) {
        own = { p: new Int32Array(n * W), latest: undefined as number | undefined };
        packInto(own.p, 0, obs, (x, y) => this.preferred(x, y));
        this.standalone.set(obs, own);
      }
      p = own.p;
      o = 0;
      if (!when) {
        if (own.latest === undefined) own.latest = this.latestIndex(obs);
        return own.latest;
      }
    }
    const d = ymd(when.end);
    const ds = ymd(when.start);
    if (d < 0 || ds < 0) return -1;
    const day = d === ds;
    let pick = -1;
    if (type === 'flow') {
      const lo = firstEndingOnOrAfter(p, o, n, d);
      if (!day) {
        for (let i = lo; i < n && p[o + i * W + END] === d; i++) if (p[o + i * W + START] === ds && (pick < 0 || p[o + i * W + PREF] < p[o + pick * W + PREF])) pick = i;
      } else {
        // Ends on or after the day and starts on or before it; the earliest start from i on bounds the scan.
        for (let i = lo; i < n && p[o + i * W + MIN_START] <= d; i++) {
          if (p[o + i * W + START] > d) continue;
          if (pick < 0 || p[o + i * W + LEN] < p[o + pick * W + LEN] || (p[o + i * W + LEN] === p[o + pick * W + LEN] && p[o + i * W + PREF] < p[o + pick * W + PREF])) pick = i;
        }
      }
    } else {
      // The last observation ending on or before the span's end, walking back.
      const hi = firstEndingOnOrAfter(p, o, n, d + 1);
      let bestEnd = -1;
      for (let i = hi - 1; i >= 0; i--) {
        const e = p[o + i * W + END];
        if (bestEnd >= 0 && e < bestEnd) break;
        if (!day && e < ds) break;
        if (!day && p[o + i * W + START] < ds) continue; // not wholly inside the asked period
        if (pick < 0 || p[o + i * W + PREF] < p[o + pick * W + PREF]) pick = i;
        bestEnd = e;
      }
    }
    return pick;
  }

  /** The value of a list's i-th observation: from the value column when the list is laid out there, so no Fact is touched. */
  valueAt(obs: readonly Observation[], i: number): number {
    const k = (obs as Indexed)[INDEX];
    return k === undefined ? obs[i].fact.value : this.cols.values[this.cols.start[k] + i];
  }

  /** The unit of a list's i-th observation, likewise from the (interned) unit column. */
  unitAt(obs: readonly Observation[], i: number): string {
    const k = (obs as Indexed)[INDEX];
    return k === undefined ? obs[i].fact.unit : this.cols.unitNames[this.cols.units[this.cols.start[k] + i]];
  }

  private latestIndex(obs: readonly Observation[]): number {
    const o = this.latest(obs);
    return o ? obs.indexOf(o) : -1;
  }

  /** How many lists asOf() has laid out in the shared columns, and their observations (for tests and diagnostics). */
  columnStats(): { lists: number; observations: number } {
    return { lists: this.cols.start.length, observations: this.cols.size };
  }

  /**
   * A list's observations by what they measure: scope and unit, and (with
   * byWho) whose figure they are, so an entity's own figures never join a
   * model family's in one line. Groups keep the list's order and are indexed.
   */
  groups(obs: readonly Observation[], byWho: boolean): Map<string, readonly Observation[]> {
    const cache = byWho ? this.groupsOf : this.groupsByScopeOf;
    let out = cache.get(obs);
    if (!out) {
      const acc = new Map<string, Observation[]>();
      for (const o of obs) {
        const k = groupKey(o, byWho);
        const g = acc.get(k);
        if (g) g.push(o);
        else acc.set(k, [o]);
      }
      for (const g of acc.values()) this.made.add(g);
      out = new Map(acc);
      cache.set(obs, out);
    }
    return out;
  }

  /** The scope a fact measures (until every fact states one, its source stands in for it). */
  scopeOf(f: Fact): string {
    return f.scope ?? `source:${f.source}`;
  }

  /** A scope as people read it, id first (what DETAIL and ABOUT return): "openrouter (OpenRouter traffic)". */
  scopeName(id: string): string {
    const sc = this.scopes.get(id);
    if (sc) return `${sc.id} (${sc.name})`;
    return id.startsWith('source:') ? `as measured by ${this.sources.get(id.slice(7))?.name ?? id.slice(7)}` : id;
  }

  /** The latest actual observation (forecasts and plans only when nothing else exists). */
  private latest(obs: readonly Observation[]): Observation | undefined {
    const n = obs.length;
    // Sorted by end: the pool's latest end is that of its last member.
    let last = n - 1;
    while (last >= 0 && obs[last].fact.basis !== 'actual') last--;
    const actualOnly = last >= 0;
    if (!actualOnly) last = n - 1;
    const maxEnd = obs[last].fact.period.end;
    let first = last;
    while (first > 0 && obs[first - 1].fact.period.end === maxEnd) first--;
    let pick: Observation | undefined;
    for (let i = first; i < n && obs[i].fact.period.end === maxEnd; i++) {
      const o = obs[i];
      if (actualOnly && o.fact.basis !== 'actual') continue;
      if (!pick || this.preferred(o, pick) < 0) pick = o;
    }
    return pick;
  }

  childrenOf(id: string): readonly Entity[] {
    return this.children.get(id) ?? [];
  }

  /** Metrics that an entity (with its model families) has data for. */
  metricsOf(entityId: string): string[] {
    let out = this.metricsOfCache.get(entityId);
    if (!out) {
      out = [];
      for (const m of this.metrics.keys()) if (this.observations(entityId, m).length) out.push(m);
      this.metricsOfCache.set(entityId, out);
    }
    return [...out];
  }

  /**
   * Entities that observations() answers for a metric: those with own facts,
   * and the parents their model families and models roll up into.
   */
  entitiesAnswering(metricId: string): readonly Entity[] {
    let out = this.answeringCache.get(metricId);
    if (!out) {
      const ids = new Set<string>();
      for (const e of this.entities.values()) {
        if (!this.ownFacts(e.id, metricId).length) continue;
        ids.add(e.id);
        let x: Entity | undefined = e;
        while (x && ROLLS_UP.has(x.kind) && x.parent) {
          ids.add(x.parent);
          x = this.entities.get(x.parent);
        }
      }
      out = [...this.entities.values()].filter((e) => ids.has(e.id));
      this.answeringCache.set(metricId, out);
    }
    return out;
  }

  /** True when `ancestor` is above `id` in the parent chain. */
  isAncestor(ancestor: string, id: string): boolean {
    for (let p = this.entities.get(id)?.parent; p; p = this.entities.get(p)?.parent) if (p === ancestor) return true;
    return false;
  }

  /** Entities with own facts for a metric (RANK ranks these, never a parent twice). */
  entitiesWith(metricId: string): Entity[] {
    const out: Entity[] = [];
    for (const e of this.entities.values()) if (this.ownFacts(e.id, metricId).length) out.push(e);
    return out;
  }
}

const NONE: readonly Fact[] = Object.freeze([]);

/**
 * A list's number in the Market's Columns, kept on the list itself as a
 * non-enumerable symbol property: invisible to callers, and reached without a
 * hash lookup (a WeakMap probe was a cache miss per call at 100,000 facts).
 */
const INDEX = Symbol('lookup columns');
type Indexed = readonly Observation[] & { [INDEX]?: number };

/**
 * pack() lays a sorted list's periods out as YYYYMMDD numbers, which order and
 * compare exactly as the ISO strings do, four per observation in one
 * Int32Array: [start, end, earliest start from here on, preference rank]. The
 * earliest start lets the scan for a period containing a date stop once
 * nothing further on can start by it; the rank orders observations as
 * preferred() does (equal ranks exactly where it returns 0). An as-of lookup
 * reads only this array until it knows its answer: one compact block per
 * list, which keeps a large dataset cache-friendly.
 */
const START = 0;
const END = 1;
const MIN_START = 2;
const PREF = 3;
const LEN = 4;
/** Numbers per observation. */
const W = 5;

/** "2025-09-30" → 20250930; -1 for anything not of that exact shape. */
function ymd(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  let v = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The first index whose end is on or after d (n when none): the list (from offset o) is sorted by end. */
function firstEndingOnOrAfter(p: Int32Array, o: number, n: number, d: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p[o + mid * W + END] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The facts for lookup as typed columns: every indexed list's period numbers
 * one after another in one Int32Array (W per observation, see packInto), its
 * values in one Float64Array and its units interned in one Int32Array, and per
 * list its first observation's position. A lookup of a value reads a few cache
 * lines of these blocks instead of chasing objects scattered over the heap.
 */
class Columns {
  p = new Int32Array(W * 4096);
  values = new Float64Array(4096);
  /** Units interned: units[i] indexes unitNames. */
  units = new Int32Array(4096);
  readonly unitNames: string[] = [];
  private readonly unitNo = new Map<string, number>();
  /** Per list number: its first observation's position. */
  readonly start: number[] = [];
  /** Per list number: the position of its answer without a date (-1: none; undefined: not computed yet). */
  readonly latest: (number | undefined)[] = [];
  private used = 0;

  get size(): number {
    return this.used;
  }

  /** Lays a list out at the end of the columns; returns its number. */
  add(obs: readonly Observation[], preferred: (a: Observation, b: Observation) => number): number {
    const n = obs.length;
    if (this.used + n > this.values.length) {
      const size = Math.max(this.values.length * 2, this.used + n);
      const p = new Int32Array(size * W);
      p.set(this.p.subarray(0, this.used * W));
      this.p = p;
      const values = new Float64Array(size);
      values.set(this.values.subarray(0, this.used));
      this.values = values;
      const units = new Int32Array(size);
      units.set(this.units.subarray(0, this.used));
      this.units = units;
    }
    packInto(this.p, this.used * W, obs, preferred);
    for (let i = 0; i < n; i++) {
      const f = obs[i].fact;
      let u = this.unitNo.get(f.unit);
      if (u === undefined) {
        this.unitNo.set(f.unit, (u = this.unitNames.length));
        this.unitNames.push(f.unit);
      }
      this.values[this.used + i] = f.value;
      this.units[this.used + i] = u;
    }
    this.start.push(this.used);
    this.latest.push(undefined);
    this.used += n;
    return this.start.length - 1;
  }
}

function packInto(data: Int32Array, o: number, obs: readonly Observation[], preferred: (a: Observation, b: Observation) => number): void {
  const n = obs.length;
  for (let i = 0; i < n; i++) {
    const f = obs[i].fact;
    const s = ymd(f.period.start);
    const e = ymd(f.period.end);
    // The schema admits only ISO dates; a record built around it is a programming error.
    if (s < 0 || e < 0) throw new DatasetError(`fact "${f.id}", field period: ${f.period.start}..${f.period.end} is not a pair of ISO dates`);
    data[o + i * W + START] = s;
    data[o + i * W + END] = e;
    data[o + i * W + LEN] = Math.round((Date.parse(f.period.end) - Date.parse(f.period.start)) / 86_400_000);
  }
  for (let i = n - 1, m = 0x7fffffff; i >= 0; i--) data[o + i * W + MIN_START] = m = Math.min(m, data[o + i * W + START]);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => preferred(obs[i], obs[j]));
  for (let k = 0, rank = 0; k < n; k++) {
    if (k > 0 && preferred(obs[order[k - 1]], obs[order[k]]) !== 0) rank++;
    data[o + order[k] * W + PREF] = rank;
  }
}

const groupKey = (o: Observation, byWho: boolean) =>
  `${o.fact.scope ?? `source:${o.fact.source}`}|${o.fact.unit}${byWho ? `|${o.via?.id ?? ''}` : ''}`;

/** Up to this many distinct names asked are remembered per kind; then the memory starts afresh. */
const ASKED_LIMIT = 10_000;

function remember<T>(cache: Map<string, T>, name: string, answer: () => T): T {
  let hit = cache.get(name);
  if (hit === undefined) {
    if (cache.size >= ASKED_LIMIT) cache.clear();
    cache.set(name, (hit = answer()));
  }
  return hit;
}

const periodKey = (f: Fact) => `${f.period.start}/${f.period.end}/${f.scope ?? `source:${f.source}`}`;
const byPeriod = (a: Fact, b: Fact) =>
  a.period.end.localeCompare(b.period.end) || a.period.start.localeCompare(b.period.start) || a.id.localeCompare(b.id);
