/**
 * What the task pane shows, computed from the bundled dataset with the same
 * core the functions use: one search over entities, metrics, sources and
 * documents (English, Chinese, aliases, typos), an entity's family, facts
 * grouped and filtered, a metric's rankings, chart series that never join
 * figures of different scopes or sources, and the formula that answers with
 * a given fact. No DOM here.
 */
import { FUNCTION_BY_NAME } from '../src/core/catalog';
import { fiscalDates, isoToSerial } from '../src/core/dates';
import { callFunction, traced } from '../src/core/functions';
import { Market } from '../src/core/market';
import { isError } from '../src/core/result';
import { editDistance, normalizeKey } from '../src/core/text';
import type { Document, Entity, Fact, Metric, Source } from '../src/data/schema';
import { displayQuote } from './format';
import { STRINGS, fill } from './i18n';
import type { Lang } from './i18n';
import { QUOTE_POSITIONS } from './quotePositions';

export type Kind = 'entity' | 'metric' | 'source' | 'document';
export const KIND_ORDER: readonly Kind[] = ['entity', 'metric', 'source', 'document'];

export interface Hit {
  kind: Kind;
  id: string;
  label: string;
  detail: string;
  /** 0 exact, 1 prefix, 2 contains; 3 and up: an edit distance away (a typo). */
  score: number;
  fuzzy: boolean;
  /** A one-line question read as words: the entity's page opens on this metric ("alibaba capex"). */
  metric?: string;
  /** Only the corrected figures ("openai corrected"). */
  corrected?: boolean;
}

/** Words that say what is asked rather than whom: a ranking, corrected figures, a document. */
const RANKING_WORDS = new Set(['ranking', 'rankings', 'rank', 'ranked', 'top', 'leaderboard', '排名', '排行', '排行榜', '榜单', '榜單']);
const CORRECTED_WORDS = new Set(['corrected', 'correction', 'corrections', 'fixed', '更正', '修正', '已更正', '勘误', '勘誤']);
const DOCUMENT_WORDS = new Set(['document', 'documents', 'doc', 'report', 'note', '文献', '文獻', '文档', '文檔', '报告', '報告', '研报', '研報']);

interface Indexed {
  kind: Kind;
  id: string;
  keys: string[];
}

/** What the filters can narrow a list of facts by. */
export interface Filters {
  metric: string | null;
  /** scope + "|" + source id */
  scope: string | null;
  /** a year of the period's end */
  year: string | null;
  basis: Fact['basis'] | null;
  /** Only figures the dataset corrected. */
  corrected?: boolean | null;
}

export const NO_FILTERS: Filters = { metric: null, scope: null, year: null, basis: null, corrected: null };

export interface FactGroup {
  key: string;
  facts: Fact[];
}

export interface ChartPoint {
  fact: Fact;
  start: string;
  end: string;
  value: number;
}

/** One scope and one source of one entity's metric: one line or one bar group. */
export interface ChartSeries {
  key: string;
  scope: string;
  source: string;
  unit: string;
  points: ChartPoint[];
  /** True when every period starts the day after the one before ends. */
  adjacent: boolean;
  /** =LLM.SERIES(…) returning exactly these points, or null when no formula does. */
  formula: string | null;
  /**
   * What the series measures, in each language: its scope without the source's
   * name ("China public-cloud LLM calls by external customers" for IDC's shares,
   * "China AI-cloud revenue (IaaS+PaaS+MaaS)" for Omdia's). Where series of one
   * chart measure different things, each is labelled with it.
   */
  measure: Record<Lang, string>;
}

/** What the coverage page lists: every entity, metric, source and document, with how many facts and which periods. */
export interface Coverage {
  entities: { entity: Entity; facts: number; metrics: number }[];
  metrics: { metric: Metric; entities: number; facts: number; first: Fact | null; last: Fact | null }[];
  sources: { source: Source; facts: number; first: Fact | null; last: Fact | null }[];
  documents: { document: Document; facts: number }[];
}

export interface RankRow {
  entity: Entity;
  fact: Fact;
}

export interface Ranking {
  kind: Entity['kind'];
  scope: string;
  source: string;
  unit: string;
  rows: RankRow[];
  /** The window ranked (RANK ranks one period). */
  start: string;
  end: string;
  /** The =LLM.RANK(…) formula that returns these rows (with a header row), pinned by its date so it stays what was shown. */
  formula: string;
  /** True when the formula carries the date (it returns these rows whatever is added later). */
  pinned: boolean;
}

const DAY = 86_400_000;

/** True when `b` starts the day after `a` ends. */
export function follows(a: { end: string }, b: { start: string }): boolean {
  return Date.parse(`${b.start}T00:00:00Z`) - Date.parse(`${a.end}T00:00:00Z`) === DAY;
}

export class PaneModel {
  private readonly index: Indexed[] = [];
  private readonly metricRank: Map<string, number>;
  private readonly byKind = new Map<string, Fact[]>();
  private readonly rankingCache = new Map<string, Ranking[]>();

  constructor(readonly market: Market) {
    this.metricRank = new Map([...market.metrics.keys()].map((m, i) => [m, i]));
    for (const e of market.entities.values()) this.add('entity', e.id, [e.id, e.name, e.name_zh, ...e.aliases]);
    for (const m of market.metrics.values()) this.add('metric', m.id, [m.id, m.name, m.name_zh, ...m.aliases]);
    for (const s of market.sources.values()) this.add('source', s.id, [s.id, s.name, s.name_zh, ...(s.aliases ?? [])]);
    for (const d of market.documents.values()) this.add('document', d.id, [d.id, d.title, d.title_en, d.publisher ?? '']);
    for (const f of market.facts.values()) {
      for (const k of [`entity:${f.entity}`, `metric:${f.metric}`, `source:${f.source}`, `document:${f.document}`]) {
        const list = this.byKind.get(k);
        if (list) list.push(f);
        else this.byKind.set(k, [f]);
      }
    }
  }

  private add(kind: Kind, id: string, names: string[]): void {
    this.index.push({ kind, id, keys: [...new Set(names.map(normalizeKey).filter(Boolean))] });
  }

  /**
   * Entities, metrics, sources and documents whose names contain the query
   * (case, width and punctuation ignored). When nothing contains it, the names
   * within a few typos of it, as the functions' "did you mean" finds them.
   */
  search(query: string, lang: Lang): Hit[] {
    const words = query.trim().split(/\s+/).filter((w) => normalizeKey(w));
    const whole = this.searchWhole(query, lang);
    if (words.length < 2 && !(words.length === 1 && /^\d{1,3}$/.test(words[0]))) return whole;
    // A name with spaces in it ("Volcano Engine", "Alibaba Cloud") is found whole, as before.
    if (whole.length && !whole[0].fuzzy && whole[0].score <= 1) return whole;
    const read = this.searchWords(words, lang);
    if (!read.length) return whole;
    const seen = new Set(read.map((x) => `${x.kind}:${x.id}:${x.metric ?? ''}:${x.corrected ?? ''}`));
    return [...read, ...whole.filter((x) => !seen.has(`${x.kind}:${x.id}::`))];
  }

  /** The best names a run of words is (exact, then a name starting with it, then containing it), or near it by a typo. */
  private matchSpan(q: string): { item: Indexed; score: number }[] {
    const out: { item: Indexed; score: number }[] = [];
    for (const item of this.index) {
      if (item.kind === 'document') continue;
      let score = Infinity;
      for (const k of item.keys) {
        if (k === q) score = Math.min(score, 0);
        else if (k.startsWith(q)) score = Math.min(score, 1);
        else if (q.length >= 3 && k.includes(q)) score = Math.min(score, 2);
      }
      if (score !== Infinity) out.push({ item, score });
    }
    if (!out.length && q.length >= 4) {
      const limit = Math.max(1, Math.floor(q.length / 4));
      for (const item of this.index) {
        if (item.kind === 'document') continue;
        let best = limit + 1;
        for (const k of item.keys) best = Math.min(best, editDistance(q, k, limit));
        if (best <= limit) out.push({ item, score: 3 + best });
      }
    }
    const order = (k: Kind) => KIND_ORDER.indexOf(k);
    return out.sort((a, b) => a.score - b.score || order(a.item.kind) - order(b.item.kind) || this.facts(b.item.kind, b.item.id).length - this.facts(a.item.kind, a.item.id).length);
  }

  /** True when a document's id, title, publisher or date holds the word ("001", "Guosen", "2025-10-03"). */
  private documentHas(d: Document, word: string): boolean {
    if (/^\d{1,3}$/.test(word)) return d.id.startsWith(word.padStart(3, '0'));
    const w = normalizeKey(word);
    return [d.title, d.title_en, d.publisher ?? '', d.published ?? ''].some((k) => normalizeKey(k).includes(w));
  }

  /**
   * A query read as words: runs of words naming an entity, a metric or a source (the longest run first),
   * words asking for a ranking, corrected figures or a document, and documents every word describes.
   * The combination opens one page: entity + metric → the entity on that metric; metric + source or
   * "ranking" → the metric's rankings; publisher, date or number → the document; "corrected" → the
   * corrected figures.
   */
  private searchWords(words: string[], lang: Lang): Hit[] {
    let ranking = false;
    let corrected = false;
    let docWord = false;
    const rest: string[] = [];
    for (const w of words) {
      const k = normalizeKey(w);
      if (RANKING_WORDS.has(k)) ranking = true;
      else if (CORRECTED_WORDS.has(k)) corrected = true;
      else if (DOCUMENT_WORDS.has(k)) docWord = true;
      else rest.push(w);
    }
    const out: Hit[] = [];
    const docs = rest.length ? [...this.market.documents.values()].filter((d) => rest.every((w) => this.documentHas(d, w))) : [];
    const found: { kind: Kind; id: string; score: number }[] = [];
    let unread = 0;
    for (let i = 0; i < rest.length; ) {
      let took = 0;
      for (let n = rest.length - i; n >= 1 && !took; n--) {
        const q = normalizeKey(rest.slice(i, i + n).join(' '));
        const m = this.matchSpan(q);
        if (m.length) {
          found.push({ kind: m[0].item.kind, id: m[0].item.id, score: m[0].score });
          took = n;
        }
      }
      if (!took) {
        unread++;
        took = 1;
      }
      i += took;
    }
    // Every word must be read as something, unless documents answer them all.
    if (unread && !docs.length) return [];
    const entity = found.find((x) => x.kind === 'entity');
    const metric = found.find((x) => x.kind === 'metric');
    const source = found.find((x) => x.kind === 'source');
    const fuzzy = found.some((x) => x.score >= 3);
    const push = (kind: Kind, id: string, extra: Partial<Hit> = {}) => {
      const hit = this.hit({ kind, id, keys: [] }, 0, fuzzy, lang);
      out.push({ ...hit, ...extra });
    };
    if (docs.length && (docWord || unread || (!entity && !metric))) for (const d of docs) push('document', d.id);
    if (entity && metric) {
      // The entity's own figures of that metric, or those of the first entity below it that has them.
      const has = (id: string) => this.facts('entity', id).some((f) => f.metric === metric.id);
      // Neither: the entity's page, which says it has no such figure ("Baidu revenue").
      const id = has(entity.id) ? entity.id : this.descendantsWithFacts(entity.id).map((x) => x.entity.id).find(has) ?? entity.id;
      push('entity', id, { metric: metric.id, label: `${this.label('entity', id, lang)} · ${this.metricName(metric.id, lang)}`, ...(corrected ? { corrected: true } : {}) });
    }
    if (metric && (ranking || source || !entity)) push('metric', metric.id);
    if (entity && corrected) push('entity', entity.id, { corrected: true, label: `${this.label('entity', entity.id, lang)} · ${lang === 'zh' ? '已更正的数据' : 'corrected figures'}` });
    if (entity) push('entity', entity.id);
    if (source) push('source', source.id);
    if (docWord && !docs.length && !rest.length) for (const d of this.market.documents.keys()) push('document', d);
    const seen = new Set<string>();
    return out.filter((x) => {
      const k = `${x.kind}:${x.id}:${x.metric ?? ''}:${x.corrected ?? ''}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  /** What the dataset covers, said when nothing matches: how many of each, and the companies and platforms by name. */
  coverage(): { entities: number; metrics: number; sources: number; documents: number; named: Entity[] } {
    const m = this.market;
    const named = [...m.entities.values()].filter((e) => (e.kind === 'company' || e.kind === 'cloud platform') && (this.facts('entity', e.id).length || this.descendantsWithFacts(e.id).length));
    return { entities: m.entities.size, metrics: m.metrics.size, sources: m.sources.size, documents: m.documents.size, named };
  }

  private searchWhole(query: string, lang: Lang): Hit[] {
    const q = normalizeKey(query);
    if (!q) return [];
    const hits: Hit[] = [];
    for (const item of this.index) {
      let score = Infinity;
      for (const k of item.keys) {
        if (k === q) score = Math.min(score, 0);
        else if (k.startsWith(q)) score = Math.min(score, 1);
        else if (k.includes(q)) score = Math.min(score, 2);
      }
      if (score !== Infinity) hits.push(this.hit(item, score, false, lang));
    }
    if (!hits.length && q.length >= 3) {
      const limit = Math.max(1, Math.floor(q.length / 3));
      for (const item of this.index) {
        let best = limit + 1;
        for (const k of item.keys) {
          best = Math.min(best, editDistance(q, k, limit));
          // A typo inside a longer name: compare with the name's start of the same length.
          if (k.length > q.length) best = Math.min(best, editDistance(q, k.slice(0, q.length), limit) + 1);
        }
        if (best <= limit) hits.push(this.hit(item, 3 + best, true, lang));
      }
    }
    const order = (k: Kind) => KIND_ORDER.indexOf(k);
    // Facts-bearing hits first within a rank, so the first hit shows something.
    hits.sort((a, b) => a.score - b.score || order(a.kind) - order(b.kind) || this.facts(b.kind, b.id).length - this.facts(a.kind, a.id).length || a.label.localeCompare(b.label));
    return hits;
  }

  private hit(item: Indexed, score: number, fuzzy: boolean, lang: Lang): Hit {
    return { kind: item.kind, id: item.id, label: this.label(item.kind, item.id, lang), detail: this.detail(item.kind, item.id, lang), score, fuzzy };
  }

  label(kind: Kind, id: string, lang: Lang): string {
    if (kind === 'entity') return this.entityName(this.market.entities.get(id)!, lang);
    if (kind === 'metric') return this.metricName(id, lang);
    if (kind === 'source') return this.sourceName(this.market.sources.get(id)!, lang);
    const d = this.market.documents.get(id)!;
    return displayQuote(lang === 'zh' || d.title === d.title_en ? d.title : d.title_en);
  }

  /** The other-language name, shown under a hit. */
  private detail(kind: Kind, id: string, lang: Lang): string {
    if (kind === 'entity') {
      const e = this.market.entities.get(id)!;
      return lang === 'zh' ? e.name : e.name_zh;
    }
    if (kind === 'metric') {
      const m = this.market.metrics.get(id)!;
      return lang === 'zh' ? m.name : m.name_zh;
    }
    if (kind === 'source') {
      const s = this.market.sources.get(id)!;
      return lang === 'zh' ? s.name : s.name_zh;
    }
    const d = this.market.documents.get(id)!;
    return [this.publisherName(d, lang) ?? '', d.published ?? ''].filter(Boolean).join(lang === 'zh' ? '，' : ', ');
  }

  /** A document's publisher in the interface's language (its Chinese name in Chinese mode, where the dataset has one); null when not stated. */
  publisherName(d: { publisher: string | null; publisher_zh?: string }, lang: Lang): string | null {
    return lang === 'zh' && d.publisher_zh ? d.publisher_zh : d.publisher;
  }

  entityName(e: Entity, lang: Lang): string {
    return lang === 'zh' ? e.name_zh : e.name;
  }

  sourceName(s: Source, lang: Lang): string {
    return lang === 'zh' ? s.name_zh : s.name;
  }

  metricName(id: string, lang: Lang): string {
    const m = this.market.metrics.get(id);
    if (!m) return id;
    return lang === 'zh' ? m.name_zh : m.name;
  }

  metric(id: string): Metric {
    return this.market.metrics.get(id)!;
  }

  /** The universe a scope id measures, in the pane's language: "OpenRouter traffic" / "OpenRouter平台调用量". */
  scopeLabel(id: string, lang: Lang): string {
    const sc = this.market.scopes.get(id);
    return sc ? (lang === 'zh' ? sc.name_zh : sc.name) : id;
  }

  scopeName(f: Fact, lang: Lang): string {
    return this.scopeLabel(this.market.scopeOf(f), lang);
  }

  /** "scope|source": what one chart line, ranking or filter option holds. */
  scopeKey(f: Fact): string {
    return `${this.market.scopeOf(f)}|${f.source}`;
  }

  scopeKeyLabel(key: string, lang: Lang): string {
    const [scope, source] = key.split('|');
    const s = this.market.sources.get(source);
    const sl = s ? this.sourceName(s, lang) : source;
    const sc = this.scopeLabel(scope, lang);
    return sc === sl ? sc : `${sc} · ${sl}`;
  }

  /** The facts behind a selection: an entity's own, a metric's, a source's or a document's. */
  facts(kind: Kind, id: string): Fact[] {
    return this.byKind.get(`${kind}:${id}`) ?? [];
  }

  document(f: Fact): Document {
    return this.market.documents.get(f.document)!;
  }

  /** The entities above this one (nearest first) and those directly under it. */
  family(entityId: string): { parents: Entity[]; children: Entity[] } {
    const parents: Entity[] = [];
    for (let p = this.market.entities.get(entityId)?.parent; p; p = this.market.entities.get(p)?.parent) parents.push(this.market.entities.get(p)!);
    return { parents, children: [...this.market.childrenOf(entityId)] };
  }

  /** Every entity below this one (breadth first) that has facts of its own, with how many. */
  descendantsWithFacts(entityId: string): { entity: Entity; facts: number }[] {
    const out: { entity: Entity; facts: number }[] = [];
    const queue = [...this.market.childrenOf(entityId)];
    for (let e = queue.shift(); e; e = queue.shift()) {
      const n = this.facts('entity', e.id).length;
      if (n) out.push({ entity: e, facts: n });
      queue.push(...this.market.childrenOf(e.id));
    }
    return out;
  }

  /** Entities whose own facts include this metric. */
  entitiesWith(metricId: string): Entity[] {
    return this.market.entitiesWith(metricId);
  }

  /** Latest period first; among equal ends the shorter period, then the id (a stable order). */
  static latestFirst(a: Fact, b: Fact): number {
    return b.period.end.localeCompare(a.period.end) || b.period.start.localeCompare(a.period.start) || a.id.localeCompare(b.id);
  }

  /** Facts grouped by metric (or entity), biggest group first, the latest fact first in each. */
  group(facts: readonly Fact[], by: 'metric' | 'entity'): FactGroup[] {
    const acc = new Map<string, Fact[]>();
    for (const f of facts) {
      const k = by === 'metric' ? f.metric : f.entity;
      const g = acc.get(k);
      if (g) g.push(f);
      else acc.set(k, [f]);
    }
    const rank = (k: string) => (by === 'metric' ? this.metricRank.get(k) ?? 1e9 : 0);
    return [...acc.entries()]
      .map(([key, list]) => ({ key, facts: list.sort(PaneModel.latestFirst) }))
      .sort((a, b) => b.facts.length - a.facts.length || rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  }

  /** The values each filter can take over a list of facts (only those present). */
  filterOptions(facts: readonly Fact[]): { metric: string[]; scope: string[]; year: string[]; basis: Fact['basis'][] } {
    const metric = new Set<string>();
    const scope = new Set<string>();
    const year = new Set<string>();
    const basis = new Set<Fact['basis']>();
    for (const f of facts) {
      metric.add(f.metric);
      scope.add(this.scopeKey(f));
      year.add(f.period.end.slice(0, 4));
      basis.add(f.basis);
    }
    const order: Fact['basis'][] = ['actual', 'forecast', 'guidance', 'plan'];
    return {
      metric: [...metric].sort((a, b) => (this.metricRank.get(a) ?? 0) - (this.metricRank.get(b) ?? 0)),
      scope: [...scope].sort(),
      year: [...year].sort().reverse(),
      basis: order.filter((b) => basis.has(b)),
    };
  }

  applyFilters(facts: readonly Fact[], f: Filters): Fact[] {
    return facts.filter(
      (x) =>
        (!f.metric || x.metric === f.metric) &&
        (!f.scope || this.scopeKey(x) === f.scope) &&
        (!f.year || x.period.end.startsWith(f.year)) &&
        (!f.basis || x.basis === f.basis) &&
        (!f.corrected || !!x.corrected_from),
    );
  }

  /** The metric an entity's chart opens on: its own most-observed metric (ties: the dataset's metric order). */
  defaultChartMetric(entityId: string): string | null {
    const g = this.group(this.facts('entity', entityId), 'metric');
    return g.length ? g[0].key : null;
  }

  /** The entity's own metrics, most observed first (the chart's choices). */
  chartMetrics(entityId: string): string[] {
    return this.group(this.facts('entity', entityId), 'metric').map((g) => g.key);
  }

  /**
   * One entity's own figures of one metric, one series per scope and source
   * (and unit), periods in order. Each series says whether its periods are
   * adjacent (a line may join them) and which LLM.SERIES formula returns it.
   */
  chartSeries(entityId: string, metricId: string): ChartSeries[] {
    const acc = new Map<string, Fact[]>();
    for (const f of this.facts('entity', entityId)) {
      if (f.metric !== metricId) continue;
      const k = `${this.scopeKey(f)}|${f.unit}`;
      const g = acc.get(k);
      if (g) g.push(f);
      else acc.set(k, [f]);
    }
    const entity = this.market.entities.get(entityId)!;
    const out: ChartSeries[] = [];
    for (const [key, facts] of acc) {
      facts.sort((a, b) => a.period.end.localeCompare(b.period.end) || a.period.start.localeCompare(b.period.start));
      const points = facts.map((f) => ({ fact: f, start: f.period.start, end: f.period.end, value: f.value }));
      const adjacent = points.length > 1 && points.every((p, i) => i === 0 || follows(points[i - 1], p));
      const source = this.market.sources.get(facts[0].source)!;
      const args = [entity.name, metricId, this.sourceArg(source)];
      const got = callFunction(this.market, 'SERIES', args);
      const same =
        Array.isArray(got) &&
        got.length === points.length &&
        got.every((row, i) => row[0] === isoToSerial(points[i].end) && row[1] === points[i].value);
      out.push({
        key,
        scope: this.market.scopeOf(facts[0]),
        source: facts[0].source,
        unit: facts[0].unit,
        points,
        adjacent,
        formula: same ? formula('SERIES', [...args, true]) : null,
        measure: { en: this.measure(this.market.scopeOf(facts[0]), facts[0].source, 'en'), zh: this.measure(this.market.scopeOf(facts[0]), facts[0].source, 'zh') },
      });
    }
    // The series with the most points first.
    return out.sort((a, b) => b.points.length - a.points.length || a.key.localeCompare(b.key));
  }

  /** A source as a function argument: its name without a parenthesised gloss ("IDC (International Data Corporation)" → "IDC"). */
  sourceArg(s: Source): string {
    return s.name.replace(/\s*\(.*\)\s*$/, '');
  }

  /**
   * A metric's rankings: for each source and kind of entity, exactly what
   * =LLM.RANK(metric,,source,,kind) returns (one scope each), with the fact
   * behind every row. Identical tables are listed once.
   */
  rankings(metricId: string): Ranking[] {
    const cached = this.rankingCache.get(metricId);
    if (cached) return cached;
    const computed = this.computeRankings(metricId);
    this.rankingCache.set(metricId, computed);
    return computed;
  }

  /** The rankings of two entities or more among the metrics this source measures (a source's page shows them; a company's own disclosure makes dozens of one-row "rankings"). */
  sourceRankings(sourceId: string): Ranking[] {
    const metrics = new Set(this.facts('source', sourceId).map((f) => f.metric));
    return [...metrics]
      .sort((a, b) => (this.metricRank.get(a) ?? 1e9) - (this.metricRank.get(b) ?? 1e9))
      .flatMap((m) => this.rankings(m).filter((r) => r.source === sourceId && r.rows.length > 1));
  }

  private computeRankings(metricId: string): Ranking[] {
    const combos = new Map<string, { source: Source; kind: Entity['kind'] }>();
    for (const f of this.facts('metric', metricId)) {
      const e = this.market.entities.get(f.entity)!;
      const s = this.market.sources.get(f.source)!;
      combos.set(`${s.id}|${e.kind}`, { source: s, kind: e.kind });
    }
    const out: Ranking[] = [];
    const seen = new Set<string>();
    for (const { source, kind } of combos.values()) {
      const args: (string | null)[] = [metricId, null, this.sourceArg(source), null, kind];
      const { result, facts } = traced(() => callFunction(this.market, 'RANK', args));
      if (isError(result) || !Array.isArray(result) || facts.length !== result.length) continue;
      // The trace lists the served facts in the order of the rows; a row names the entity ranked (a company
      // whose model family's figure answers for it is named, not the family).
      const rows: RankRow[] = [];
      for (let i = 0; i < facts.length; i++) {
        const e = this.market.entity(String(result[i][0]));
        if (isError(e)) break;
        rows.push({ entity: e, fact: this.market.facts.get(facts[i])! });
      }
      if (rows.length !== result.length) continue;
      const sig = rows.map((r) => r.fact.id).join(',');
      if (seen.has(sig)) continue;
      seen.add(sig);
      // Pin the date: the window's end day, else its shortest name; kept only if it returns exactly these rows.
      const { start, end } = rows[0].fact.period;
      const same = (got: unknown) => Array.isArray(got) && got.length === rows.length && got.every((row, i) => row[0] === result[i][0] && row[1] === result[i][1]);
      const date = [end, periodArg(start, end)].find((d) => same(callFunction(this.market, 'RANK', [metricId, d, ...args.slice(2)])));
      const pinned = date === undefined ? args : [metricId, date, ...args.slice(2)];
      out.push({
        kind,
        scope: this.market.scopeOf(rows[0].fact),
        source: source.id,
        unit: rows[0].fact.unit,
        rows,
        start,
        end,
        formula: formula('RANK', [...pinned, true]),
        pinned: date !== undefined,
      });
    }
    return out.sort((a, b) => b.rows.length - a.rows.length || a.source.localeCompare(b.source));
  }

  /**
   * A ranking's title: the metric, the kind of entity, the source and what it measures
   * ("Market share · Cloud platforms — IDC: China public-cloud LLM calls by external customers"
   * beside "… — Omdia: China AI-cloud revenue (IaaS+PaaS+MaaS)").
   */
  rankingTitle(r: Ranking, lang: Lang): string {
    const t = STRINGS[lang];
    const s = this.market.sources.get(r.source);
    return fill(t.rankingTitleMeasure, {
      metric: this.metricName(r.rows[0].fact.metric, lang),
      kinds: t.entityKindPlural[r.kind],
      source: s ? this.sourceName(s, lang) : r.source,
      measure: this.measure(r.scope, r.source, lang),
    });
  }

  /** What a scope measures, without a leading "Source:" ("IDC: China public-cloud LLM calls…" → "China public-cloud LLM calls…"). */
  measure(scope: string, sourceId: string, lang: Lang): string {
    const label = this.scopeLabel(scope, lang);
    const s = this.market.sources.get(sourceId);
    if (!s) return label;
    for (const name of [this.sourceArg(s), s.name, s.name_zh]) {
      const m = /^[\s]*[:：]\s*(.+)$/.exec(label.startsWith(name) ? label.slice(name.length) : '');
      if (m) return m[1];
    }
    return label;
  }

  /**
   * Said unfolded where figures side by side measure different things (IDC's shares of token calls beside
   * Omdia's shares of revenue): each source with what it measures, or null when they measure one thing.
   */
  difference(items: readonly { scope: string; source: string }[], lang: Lang): string | null {
    const seen = new Map<string, { scope: string; source: string }>();
    for (const x of items) if (!seen.has(`${x.scope}|${x.source}`)) seen.set(`${x.scope}|${x.source}`, x);
    if (new Set([...seen.values()].map((x) => x.scope)).size < 2) return null;
    const t = STRINGS[lang];
    const list = [...seen.values()].map((x) => {
      const s = this.market.sources.get(x.source);
      return `${s ? this.sourceName(s, lang) : x.source}${lang === 'zh' ? '：' : ': '}${this.measure(x.scope, x.source, lang)}`;
    });
    return fill(t.notComparable, { list: list.join(lang === 'zh' ? '；' : '; ') });
  }

  /** The answer to "entity metric": the entity's latest figure of that metric (latest period end; then the shorter period), if it has one. */
  latestOf(entityId: string, metricId: string): Fact | undefined {
    return this.facts('entity', entityId)
      .filter((f) => f.metric === metricId)
      .sort(PaneModel.latestFirst)[0];
  }

  /** A document's facts in the order its text gives them (where each quote starts; ties and unknown positions in the dataset's order). */
  documentFacts(id: string): Fact[] {
    const list = this.facts('document', id);
    const order = new Map(list.map((f, i) => [f.id, i]));
    const at = (f: Fact) => QUOTE_POSITIONS[f.id] ?? Number.MAX_SAFE_INTEGER;
    return [...list].sort((a, b) => at(a) - at(b) || order.get(a.id)! - order.get(b.id)!);
  }

  /** Every entity, metric, source and document, with its facts and the periods they cover (the coverage page). */
  coverageTables(lang: Lang): Coverage {
    const m = this.market;
    const span = (fs: Fact[]) => {
      if (!fs.length) return { first: null, last: null };
      const sorted = [...fs].sort(PaneModel.latestFirst);
      return { first: sorted[sorted.length - 1], last: sorted[0] };
    };
    const byName = <T>(name: (x: T) => string) => (a: T, b: T) => name(a).localeCompare(name(b), lang === 'zh' ? 'zh-CN' : 'en');
    const kinds = Object.keys(STRINGS.en.entityKind);
    return {
      entities: [...m.entities.values()]
        .map((e) => ({ entity: e, facts: this.facts('entity', e.id).length, metrics: new Set(this.facts('entity', e.id).map((f) => f.metric)).size }))
        .sort((a, b) => kinds.indexOf(a.entity.kind) - kinds.indexOf(b.entity.kind) || byName<Entity>((e) => this.entityName(e, lang))(a.entity, b.entity)),
      metrics: [...m.metrics.values()].map((x) => {
        const fs = this.facts('metric', x.id);
        return { metric: x, entities: new Set(fs.map((f) => f.entity)).size, facts: fs.length, ...span(fs) };
      }),
      sources: [...m.sources.values()].map((s) => {
        const fs = this.facts('source', s.id);
        return { source: s, facts: fs.length, ...span(fs) };
      }),
      documents: [...m.documents.values()].map((d) => ({ document: d, facts: this.facts('document', d.id).length })),
    };
  }

  /**
   * The formula that answers with this fact: LLM.TOKENS for daily tokens,
   * LLM.SHARE for shares, LLM.VALUE otherwise, with the fact's period as the
   * date and its source wherever leaving the source out would answer with
   * another fact. Returns the formula and what the core answers for it.
   */
  formulaFor(f: Fact): { formula: string; result: string | number | boolean | null; exact: boolean; citation: string } {
    const entity = this.market.entities.get(f.entity)!.name;
    const source = this.sourceArg(this.market.sources.get(f.source)!);
    const when = periodArg(f.period.start, f.period.end, this.market.entities.get(f.entity)!.fiscal_year_end);
    const candidates: [string, (string | null)[]][] = [];
    if (f.metric === 'tokens') {
      candidates.push(['TOKENS', [entity, when]], ['TOKENS', [entity, when, null, source]]);
    } else if (f.metric === 'share') {
      candidates.push(['SHARE', [entity, source, when]]);
    }
    candidates.push(['VALUE', [entity, f.metric, when]], ['VALUE', [entity, f.metric, when, null, source]]);
    for (const [fn, args] of candidates) {
      const out = callFunction(this.market, fn, args);
      if (!isError(out) && out === f.value && this.answers(fn, args, f)) return { formula: formula(fn, args), result: out, exact: true, citation: this.citation(fn, args) };
    }
    const [fn, args] = candidates[candidates.length - 1];
    const out = callFunction(this.market, fn, args);
    // Another fact of the same entity, metric, period and source answers first: say so rather than hide it.
    return { formula: formula(fn, args), result: isError(out) || Array.isArray(out) ? null : out, exact: false, citation: this.citation(fn, args) };
  }

  /** The LLM.SOURCE arguments of a TOKENS, SHARE or VALUE question. */
  private sourceArgs(fn: string, args: (string | null)[]): (string | null)[] {
    return fn === 'TOKENS' ? [args[0], 'tokens', args[1], args[3] ?? null] : fn === 'SHARE' ? [args[0], 'share', args[2], args[1]] : [args[0], args[1], args[2], args[4] ?? null];
  }

  /** =LLM.SOURCE(…) for the same question: the citation of the fact that formula answers with. */
  private citation(fn: string, args: (string | null)[]): string {
    return formula('SOURCE', this.sourceArgs(fn, args));
  }

  /** True when LLM.SOURCE for the same question cites this very fact. */
  private answers(fn: string, args: (string | null)[], f: Fact): boolean {
    const cite = callFunction(this.market, 'SOURCE', this.sourceArgs(fn, args));
    return typeof cite === 'string' && cite.includes(`fact ${f.id}`);
  }
}

/**
 * A period as the shortest date argument that names exactly it (a day, month,
 * quarter, half, year, or the entity's fiscal year), else its end date.
 */
export function periodArg(start: string, end: string, fiscalYearEnd = '12-31'): string {
  if (start === end) return end;
  if (fiscalYearEnd !== '12-31') {
    const fy = fiscalDates(Number(end.slice(0, 4)), 'year', 1, fiscalYearEnd);
    if (fy.start === start && fy.end === end) return `FY${end.slice(0, 4)}`;
  }
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de] = end.split('-').map(Number);
  const lastDay = new Date(Date.UTC(ye, me, 0)).getUTCDate();
  if (ys !== ye || ds !== 1 || de !== lastDay) return end;
  const months = me - ms + 1;
  if (months === 1) return `${ye}-${String(me).padStart(2, '0')}`;
  if (months === 3 && ms % 3 === 1) return `${ye}Q${(ms + 2) / 3}`;
  if (months === 6 && (ms === 1 || ms === 7)) return `${ye}H${ms === 1 ? 1 : 2}`;
  if (months === 12) return String(ye);
  return end;
}

/** =LLM.FN("a","b",,"d"): text arguments quoted (quotes doubled), null left empty, trailing empties dropped. */
export function formula(fn: string, args: (string | number | boolean | null)[]): string {
  if (!FUNCTION_BY_NAME.has(fn)) throw new Error(`unknown function ${fn}`);
  const parts = args.map((a) => (a === null ? '' : typeof a === 'boolean' ? (a ? 'TRUE' : 'FALSE') : typeof a === 'number' ? String(a) : `"${a.replace(/"/g, '""')}"`));
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return `=LLM.${fn}(${parts.join(',')})`;
}

