/** `llm-market facts`: the dataset's facts with their quotes, filtered, as TSV, CSV or JSON. */
import { bundledMarket } from '../core/bundled';
import { datasetOf } from '../data/datasets';
import { parseDate } from '../core/dates';
import { Market } from '../core/market';
import { LlmError } from '../core/result';
import { findDocument } from '../core/documents';
import { readableNumber } from '../core/readable';
import type { Entity, Fact } from '../data/schema';
import { Io, UsageError, fail, format, options } from './main';
import { Cell, formatRows } from './table';

const FORMATS = ['tsv', 'csv', 'json'] as const;

export const COLUMNS = [
  'id', 'entity', 'entity_name', 'metric', 'qualifier', 'value', 'unit', 'as_read', 'period_start', 'period_end',
  'basis', 'scope', 'source', 'source_name', 'document', 'document_title', 'document_date', 'quote',
] as const;

/** An entity's own facts and its model families' and models' (which report for it, as in the functions). */
function entityIds(m: Market, e: Entity): Set<string> {
  const ids = new Set([e.id]);
  const walk = (id: string) => {
    for (const c of m.childrenOf(id)) {
      if (c.kind === 'model family' || c.kind === 'model') {
        ids.add(c.id);
        walk(c.id);
      }
    }
  };
  walk(e.id);
  return ids;
}

/** Ancestors and descendants that have facts of their own: where to look instead (ByteDance → Volcano Engine, Doubao). */
function related(m: Market, e: Entity, counts: Map<string, number>): string[] {
  const out: Entity[] = [];
  for (let p = e.parent ? m.entities.get(e.parent) : undefined; p; p = p.parent ? m.entities.get(p.parent) : undefined) out.push(p);
  const down = (id: string) => m.childrenOf(id).forEach((c) => (out.push(c), down(c.id)));
  down(e.id);
  return out.filter((r) => counts.get(r.id)).map((r) => `${r.name} (${counts.get(r.id)} fact${counts.get(r.id) === 1 ? '' : 's'})`);
}

const entityError = (e: LlmError) => e.message.replace(/ENTITIES\(\) lists every known name\.$/, `llm-market eval '=ENTITIES()' lists every known name.`);

export function factsCommand(args: string[], io: Io): number {
  const { values, positionals } = options(
    args,
    {
      json: { type: 'boolean' },
      format: { type: 'string' },
      entity: { type: 'string' },
      metric: { type: 'string' },
      document: { type: 'string' },
      source: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
    'facts',
  );
  if (positionals.length) throw new UsageError(`facts takes no positional arguments (got "${positionals[0]}")`, 'facts');
  const fmt = format(values, FORMATS, 'facts');
  const date = (what: 'from' | 'to') => {
    const v = values[what];
    if (v === undefined) return null;
    const d = parseDate(v.trim(), what);
    if (d instanceof LlmError) throw new UsageError(`--${d.message}`, 'facts');
    if (d === null) throw new UsageError(`--${what} needs a date`, 'facts');
    return d;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && from.start > to.end) throw new UsageError(`--from ${values.from} is after --to ${values.to}`, 'facts');

  const m = bundledMarket();
  let facts: readonly Fact[] = m.data.facts;
  if (values.entity !== undefined) {
    const e = m.entity(values.entity);
    if (e instanceof LlmError) return fail(io, entityError(e));
    const ids = entityIds(m, e);
    facts = facts.filter((f) => ids.has(f.entity));
    if (facts.length === 0) {
      const counts = new Map<string, number>();
      for (const f of m.data.facts) counts.set(f.entity, (counts.get(f.entity) ?? 0) + 1);
      const rel = related(m, e, counts);
      const name = e.name_zh ? `${e.name} (${e.name_zh})` : e.name;
      if (rel.length) return fail(io, `${name} has no facts; related entities with facts: ${rel.join(', ')}.`);
      const alike = [...m.entities.values()].filter((x) => x.kind === e.kind && counts.get(x.id)).map((x) => x.name);
      return fail(io, `${name} has no facts, nor has any entity related to it${alike.length ? `; ${e.kind} entities with facts: ${alike.join(', ')}` : ''}.`);
    }
  }
  if (values.metric !== undefined) {
    const met = m.metric(values.metric);
    if (met instanceof LlmError) return fail(io, met.message.replace(/METRICS\(\) lists them all\.$/, `llm-market eval '=METRICS()' lists them all.`));
    facts = facts.filter((f) => f.metric === met.id);
  }
  if (values.source !== undefined) {
    const s = m.source(values.source);
    if (s instanceof LlmError) return fail(io, s.message.replace(/SOURCES\(\) lists them all\.$/, `llm-market eval '=SOURCES()' lists them all.`));
    facts = facts.filter((f) => f.source === s.id);
  }
  if (values.document !== undefined) {
    const d = findDocument(m, values.document);
    if (typeof d === 'string') return fail(io, d);
    facts = facts.filter((f) => f.document === d.id);
  }
  // Periods overlapping the window: ISO dates compare as strings.
  if (from) facts = facts.filter((f) => f.period.end >= from.start);
  if (to) facts = facts.filter((f) => f.period.start <= to.end);

  const entityName = (id: string) => m.entities.get(id)?.name ?? '';
  const sourceName = (id: string) => m.sources.get(id)?.name ?? '';
  if (fmt === 'json') {
    // dataset: the bundled edition, or the data folder (--data) the fact came from.
    io.out(JSON.stringify(facts.map((f) => ({ ...f, entity_name: entityName(f.entity), source_name: sourceName(f.source), dataset: datasetOf(m, f.id) ?? '' })), null, 1));
    return 0;
  }
  const rows: Cell[][] = [[...COLUMNS]];
  for (const f of facts) {
    // "=" would make Excel read the pasted cell as a formula: an exact figure's qualifier is left empty.
    const qualifier = f.qualifier === '=' ? '' : f.qualifier;
    const doc = m.documents.get(f.document);
    // value stays a plain number (a pasted TSV must sum in Excel); as_read is the figure as a person reads it (2,620亿), never 2.62e+11.
    rows.push([f.id, f.entity, entityName(f.entity), f.metric, qualifier, f.value, f.unit, readableNumber(f.value, f.unit, f.quote), f.period.start, f.period.end, f.basis, f.scope ?? '', f.source, sourceName(f.source), f.document, doc?.title_en || doc?.title || '', doc?.published ?? 'undated', f.quote]);
  }
  io.out(formatRows(rows, fmt).join('\n'));
  return 0;
}
