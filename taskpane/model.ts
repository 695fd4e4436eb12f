/**
 * What the task pane shows, computed from the bundled dataset with the same
 * core the functions use: search over entities, sources and documents (in
 * English and Chinese), the facts behind a selection, display formatting, and
 * the formula that answers with a given fact. No DOM here.
 */
import { FUNCTION_BY_NAME } from '../src/core/catalog';
import { fiscalDates, serialToIso } from '../src/core/dates';
import { callFunction } from '../src/core/functions';
import { Market } from '../src/core/market';
import { isError } from '../src/core/result';
import { normalizeKey } from '../src/core/text';
import type { Document, Entity, Fact, Source } from '../src/data/schema';
import type { Lang } from './i18n';

export type Kind = 'entity' | 'source' | 'document';

export interface Hit {
  kind: Kind;
  id: string;
  label: string;
  detail: string;
  score: number;
}

interface Indexed {
  kind: Kind;
  id: string;
  keys: string[];
}

export class PaneModel {
  private readonly index: Indexed[] = [];
  private readonly metricRank: Map<string, number>;

  constructor(readonly market: Market) {
    this.metricRank = new Map([...market.metrics.keys()].map((m, i) => [m, i]));
    for (const e of market.entities.values()) this.add('entity', e.id, [e.id, e.name, e.name_zh, ...e.aliases]);
    for (const s of market.sources.values()) this.add('source', s.id, [s.id, s.name, s.name_zh, ...(s.aliases ?? [])]);
    for (const d of market.documents.values()) this.add('document', d.id, [d.id, d.title, d.title_en, d.publisher ?? '']);
  }

  private add(kind: Kind, id: string, names: string[]): void {
    this.index.push({ kind, id, keys: names.map(normalizeKey).filter(Boolean) });
  }

  /** Entities, sources and documents whose names contain the query (case, width and punctuation ignored). */
  search(query: string, lang: Lang): Hit[] {
    const q = normalizeKey(query);
    if (!q) return [];
    const order: Record<Kind, number> = { entity: 0, source: 1, document: 2 };
    const hits: Hit[] = [];
    for (const item of this.index) {
      let score = Infinity;
      for (const k of item.keys) {
        if (k === q) score = Math.min(score, 0);
        else if (k.startsWith(q)) score = Math.min(score, 1);
        else if (k.includes(q)) score = Math.min(score, 2);
      }
      if (score === Infinity) continue;
      hits.push({ kind: item.kind, id: item.id, label: this.label(item.kind, item.id, lang), detail: this.detail(item.kind, item.id, lang), score });
    }
    // Facts-bearing hits first within a rank, so the first hit shows something.
    hits.sort((a, b) => a.score - b.score || order[a.kind] - order[b.kind] || this.facts(b.kind, b.id).length - this.facts(a.kind, a.id).length || a.label.localeCompare(b.label));
    return hits;
  }

  label(kind: Kind, id: string, lang: Lang): string {
    if (kind === 'entity') return this.entityName(this.market.entities.get(id)!, lang);
    if (kind === 'source') return this.sourceName(this.market.sources.get(id)!, lang);
    const d = this.market.documents.get(id)!;
    return lang === 'zh' || d.title === d.title_en ? d.title : d.title_en;
  }

  private detail(kind: Kind, id: string, lang: Lang): string {
    if (kind === 'entity') {
      const e = this.market.entities.get(id)!;
      return lang === 'zh' ? e.name : e.name_zh;
    }
    if (kind === 'source') return this.market.sources.get(id)!.kind;
    const d = this.market.documents.get(id)!;
    return [d.publisher ?? '', d.published ?? ''].filter(Boolean).join(', ');
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

  /** The universe a fact measures, in the pane's language: "OpenRouter traffic" / "OpenRouter平台调用量". */
  scopeName(f: Fact, lang: Lang): string {
    const id = this.market.scopeOf(f);
    const sc = this.market.scopes.get(id);
    return sc ? (lang === 'zh' ? sc.name_zh : sc.name) : id;
  }

  /** The facts behind a selection: by entity, then metric in the dataset's order, oldest period first. An entity shows its own facts. */
  facts(kind: Kind, id: string): Fact[] {
    const rank = this.metricRank;
    const out: Fact[] = [];
    for (const f of this.market.facts.values()) {
      if ((kind === 'entity' && f.entity === id) || (kind === 'source' && f.source === id) || (kind === 'document' && f.document === id)) out.push(f);
    }
    return out.sort((a, b) => a.entity.localeCompare(b.entity) || (rank.get(a.metric) ?? 1e9) - (rank.get(b.metric) ?? 1e9) || a.metric.localeCompare(b.metric) || a.period.end.localeCompare(b.period.end) || a.id.localeCompare(b.id));
  }

  document(f: Fact): Document {
    return this.market.documents.get(f.document)!;
  }

  /** Metrics an entity has observations of (its own or its model families'). */
  metricsOf(entityId: string): string[] {
    return this.market.metricsOf(entityId);
  }

  /** The chart's data: exactly what =LLM.SERIES(entity, metric) returns, as ISO dates. */
  series(entityId: string, metricId: string): { date: string; value: number }[] {
    const out = callFunction(this.market, 'SERIES', [entityId, metricId]);
    if (isError(out) || !Array.isArray(out)) return [];
    return out.map((row) => ({ date: serialToIso(row[0] as number), value: row[1] as number }));
  }

  seriesFormula(entityId: string, metricId: string): string {
    return formula('SERIES', [this.market.entities.get(entityId)!.name, metricId]);
  }

  /**
   * The formula that answers with this fact: LLM.TOKENS for daily tokens,
   * LLM.SHARE for shares, LLM.VALUE otherwise, with the fact's period as the
   * date and its source wherever leaving the source out would answer with
   * another fact. Returns the formula and what the core answers for it.
   */
  formulaFor(f: Fact): { formula: string; result: string | number | boolean | null; exact: boolean } {
    const entity = this.market.entities.get(f.entity)!.name;
    const source = this.market.sources.get(f.source)!.name.replace(/\s*\(.*\)\s*$/, '');
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
      if (!isError(out) && out === f.value && this.answers(fn, args, f)) return { formula: formula(fn, args), result: out, exact: true };
    }
    const [fn, args] = candidates[candidates.length - 1];
    const out = callFunction(this.market, fn, args);
    // Another fact of the same entity, metric, period and source answers first: say so rather than hide it.
    return { formula: formula(fn, args), result: isError(out) || Array.isArray(out) ? null : out, exact: false };
  }

  /** True when LLM.SOURCE for the same question cites this very fact. */
  private answers(fn: string, args: (string | null)[], f: Fact): boolean {
    const [entity, metric, when, source] =
      fn === 'TOKENS' ? [args[0], 'tokens', args[1], args[3] ?? null] : fn === 'SHARE' ? [args[0], 'share', args[2], args[1]] : [args[0], args[1], args[2], args[4] ?? null];
    const cite = callFunction(this.market, 'SOURCE', [entity, metric, when, source]);
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
export function formula(fn: string, args: (string | number | null)[]): string {
  if (!FUNCTION_BY_NAME.has(fn)) throw new Error(`unknown function ${fn}`);
  const parts = args.map((a) => (a === null ? '' : typeof a === 'number' ? String(a) : `"${a.replace(/"/g, '""')}"`));
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return `=LLM.${fn}(${parts.join(',')})`;
}

/**
 * A fact's value as it must be read: the qualifier first (a "more than" is
 * never shown as a plain number), then the value, then a basis other than actual.
 */
export function valueText(f: Pick<Fact, 'qualifier' | 'value' | 'unit' | 'basis'>, lang: Lang, basisWord: (b: Fact['basis']) => string): string {
  return `${f.qualifier === '=' ? '' : `${f.qualifier} `}${formatValue(f.value, f.unit, lang)}${f.basis !== 'actual' ? ` (${basisWord(f.basis)})` : ''}`;
}

/** A value with its unit for people: 49.2% for fractions; grouped digits plus a compact form for large amounts. */
export function formatValue(value: number, unit: string, lang: Lang): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  if (unit === 'fraction') return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(+(value * 100).toPrecision(10))}%`;
  const full = new Intl.NumberFormat(locale, { maximumSignificantDigits: 8 }).format(value);
  const compact = Math.abs(value) >= 1e4 ? ` (${new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: 4 }).format(value)})` : '';
  return `${full}${compact} ${unit}`;
}

export function periodText(start: string, end: string): string {
  return start === end ? start : `${start} – ${end}`;
}
