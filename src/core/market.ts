/**
 * The dataset, indexed once at load: entities, metrics and sources by every
 * name users may type (a hash lookup; the "did you mean" search runs only on a
 * miss), and each entity's observations of a metric sorted by period, so an
 * as-of lookup is a hash lookup plus a binary search.
 */
import { Dataset, Document, Entity, Fact, Metric, Source } from '../data/schema';
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

function addKeys<T>(map: Map<string, T>, names: string[], value: T, same: (a: T, b: T) => boolean, what: string): void {
  for (const name of names) {
    const key = normalizeKey(name);
    if (!key) continue;
    const prior = map.get(key);
    if (prior !== undefined && !same(prior, value)) throw new DatasetError(`${what} name "${name}" refers to two different records`);
    map.set(key, value);
  }
}

export class Market {
  readonly entities = new Map<string, Entity>();
  readonly metrics = new Map<string, Metric>();
  readonly sources = new Map<string, Source>();
  readonly documents = new Map<string, Document>();
  readonly facts = new Map<string, Fact>();
  private readonly entityByKey = new Map<string, Entity>();
  private readonly metricByKey = new Map<string, Metric>();
  private readonly sourceByKey = new Map<string, Source>();
  private readonly children = new Map<string, Entity[]>();
  /** Own facts by entity and metric, sorted by period (end, then start). */
  private readonly own = new Map<string, Fact[]>();
  private readonly rolled = new Map<string, Observation[]>();
  private readonly entityNames: Named[] = [];
  private readonly metricNames: Named[] = [];
  private readonly sourceNames: Named[] = [];

  constructor(readonly data: Dataset) {
    for (const d of data.documents) this.documents.set(d.id, d);
    for (const e of data.entities) {
      this.entities.set(e.id, e);
      const names = [e.id, e.name, e.name_zh, ...e.aliases];
      addKeys(this.entityByKey, names, e, (a, b) => a.id === b.id, 'entity');
      for (const n of names) this.entityNames.push({ key: normalizeKey(n), label: e.name });
      if (e.parent) this.children.set(e.parent, [...(this.children.get(e.parent) ?? []), e]);
    }
    for (const m of data.metrics) {
      this.metrics.set(m.id, m);
      const names = [m.id, m.name, m.name_zh];
      addKeys(this.metricByKey, names, m, (a, b) => a.id === b.id, 'metric');
      for (const n of names) this.metricNames.push({ key: normalizeKey(n), label: m.id });
    }
    for (const s of data.sources) {
      this.sources.set(s.id, s);
      // "Alibaba Group (own disclosure)" is also "Alibaba Group".
      const names = [s.id, s.name, s.name_zh, s.name.replace(/\s*\(.*\)\s*$/, ''), s.name_zh.replace(/\s*[(（].*[)）]\s*$/, ''), ...(s.aliases ?? [])];
      addKeys(this.sourceByKey, names, s, (a, b) => a.id === b.id, 'source');
      for (const n of names) this.sourceNames.push({ key: normalizeKey(n), label: s.name.replace(/\s*\(.*\)\s*$/, '') });
    }
    for (const f of data.facts) {
      this.facts.set(f.id, f);
      const k = `${f.entity}\u0000${f.metric}`;
      const list = this.own.get(k);
      if (list) list.push(f);
      else this.own.set(k, [f]);
    }
    for (const list of this.own.values()) list.sort(byPeriod);
  }

  // ---- resolution -------------------------------------------------------

  entity(name: string): Entity | LlmError {
    const hit = this.entityByKey.get(normalizeKey(name));
    if (hit) return hit;
    return new LlmError('#N/A', `unknown entity "${name}".${didYouMean(nearest(name, this.entityNames))} ENTITIES() lists every known name.`);
  }

  metric(name: string): Metric | LlmError {
    const hit = this.metricByKey.get(normalizeKey(name));
    if (hit) return hit;
    return new LlmError('#N/A', `unknown metric "${name}".${didYouMean(nearest(name, this.metricNames))} METRICS() lists them all.`);
  }

  source(name: string): Source | LlmError {
    const hit = this.sourceByKey.get(normalizeKey(name));
    if (hit) return hit;
    return new LlmError('#N/A', `unknown source "${name}".${didYouMean(nearest(name, this.sourceNames))} SOURCES() lists them all.`);
  }

  // ---- observations -----------------------------------------------------

  ownFacts(entityId: string, metricId: string): readonly Fact[] {
    return this.own.get(`${entityId}\u0000${metricId}`) ?? [];
  }

  /**
   * An entity's observations of a metric: its own facts, plus those of the
   * model families and models beneath it where it has none for that period.
   */
  observations(entityId: string, metricId: string): readonly Observation[] {
    const key = `${entityId}\u0000${metricId}`;
    const cached = this.rolled.get(key);
    if (cached) return cached;
    const out: Observation[] = this.ownFacts(entityId, metricId).map((fact) => ({ fact }));
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
    this.rolled.set(key, out);
    return out;
  }

  sourceRank(sourceId: string): number {
    return SOURCE_KIND_RANK[this.sources.get(sourceId)!.kind];
  }

  /** Deterministic choice among observations of the same period. */
  preferred(a: Observation, b: Observation): number {
    const len = (f: Fact) => Date.parse(f.period.end) - Date.parse(f.period.start);
    return (
      Number(!!a.via) - Number(!!b.via) ||
      len(a.fact) - len(b.fact) ||
      this.sourceRank(a.fact.source) - this.sourceRank(b.fact.source) ||
      (this.documents.get(b.fact.document)?.published ?? '').localeCompare(this.documents.get(a.fact.document)?.published ?? '') ||
      a.fact.id.localeCompare(b.fact.id)
    );
  }

  /**
   * The as-of rule. With a date: an observation whose period is exactly the
   * asked span; else one whose period contains the span's end; else the latest
   * that ended before it; never one that starts after it. Without a date: the
   * latest actual observation (forecasts and plans only when nothing else exists).
   */
  asOf(obs: readonly Observation[], when: DateSpan | null): Observation | undefined {
    if (obs.length === 0) return undefined;
    const best = (list: Observation[]) => (list.length ? [...list].sort((a, b) => this.preferred(a, b))[0] : undefined);
    if (!when) {
      const actual = obs.filter((o) => o.fact.basis === 'actual');
      const pool = actual.length ? actual : [...obs];
      const maxEnd = pool.reduce((m, o) => (o.fact.period.end > m ? o.fact.period.end : m), '');
      return best(pool.filter((o) => o.fact.period.end === maxEnd));
    }
    const exact = obs.filter((o) => o.fact.period.start === when.start && o.fact.period.end === when.end);
    if (exact.length) return best(exact);
    const d = when.end;
    // Sorted by end: binary-search the first observation ending on or after d.
    let lo = 0;
    let hi = obs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (obs[mid].fact.period.end < d) lo = mid + 1;
      else hi = mid;
    }
    const containing: Observation[] = [];
    for (let i = lo; i < obs.length; i++) if (obs[i].fact.period.start <= d) containing.push(obs[i]);
    if (containing.length) return best(containing);
    if (lo === 0) return undefined;
    const lastEnd = obs[lo - 1].fact.period.end;
    const before: Observation[] = [];
    for (let i = lo - 1; i >= 0 && obs[i].fact.period.end === lastEnd; i--) before.push(obs[i]);
    return best(before);
  }

  childrenOf(id: string): readonly Entity[] {
    return this.children.get(id) ?? [];
  }

  /** Metrics that an entity (with its model families) has data for. */
  metricsOf(entityId: string): string[] {
    const out: string[] = [];
    for (const m of this.metrics.keys()) if (this.observations(entityId, m).length) out.push(m);
    return out;
  }

  /** Entities with own facts for a metric (RANK ranks these, never a parent twice). */
  entitiesWith(metricId: string): Entity[] {
    const out: Entity[] = [];
    for (const e of this.entities.values()) if (this.ownFacts(e.id, metricId).length) out.push(e);
    return out;
  }
}

const periodKey = (f: Fact) => `${f.period.start}/${f.period.end}`;
const byPeriod = (a: Fact, b: Fact) =>
  a.period.end.localeCompare(b.period.end) || a.period.start.localeCompare(b.period.start) || a.id.localeCompare(b.id);
