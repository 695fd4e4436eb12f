/**
 * Validates the raw seed files and assembles the dataset. A malformed file is
 * rejected as a whole with a message naming the file, the record and the field;
 * nothing downstream ever sees half a dataset.
 */
import { z } from 'zod';
import { normalizeKey } from '../core/text';
import { Dataset, DocumentSchema, EntitySchema, FactSchema, MetricSchema, ScopeSchema, SourceSchema } from './schema';

export interface SeedFile {
  /** Path relative to the project root, e.g. "seeds/facts/001_693efba5fa28deb1.json". */
  path: string;
  kind: keyof Dataset;
  data: unknown;
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

const SCHEMAS = {
  documents: DocumentSchema,
  sources: SourceSchema,
  entities: EntitySchema,
  metrics: MetricSchema,
  scopes: ScopeSchema,
  facts: FactSchema,
} as const;

/**
 * Above this many records of a kind, Node validates them with the same schema
 * compiled by zod (z.compile: generated code, about three times faster, and
 * the runtime parser still writes every error message). Browsers keep the
 * runtime parser: the task pane's Content-Security-Policy forbids the eval
 * compiling needs, and the bundled dataset is too small for compiling to pay.
 */
const COMPILE_ABOVE = 2000;
const compiled = new Map<keyof Dataset, (typeof SCHEMAS)[keyof Dataset]>();
const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

function schemaFor(kind: keyof Dataset, records: number): (typeof SCHEMAS)[keyof Dataset] {
  if (!inNode || records <= COMPILE_ABOVE) return SCHEMAS[kind];
  let s = compiled.get(kind);
  if (!s) compiled.set(kind, (s = z.compile(SCHEMAS[kind])));
  return s;
}

function describe(file: string, index: number, record: unknown, issue: z.core.$ZodIssue): string {
  const rid = record && typeof record === 'object' && 'id' in record ? ` (id "${String((record as { id: unknown }).id)}")` : '';
  const field = issue.path.length ? issue.path.join('.') : '(record)';
  return `${file}: record ${index}${rid}, field ${field}: ${issue.message}`;
}

export function parseSeedFiles(files: SeedFile[]): Dataset {
  const { data, problems } = parseRecords(files);
  problems.push(...checkReferences(data, files));
  if (problems.length) {
    const shown = problems.slice(0, 20).join('\n  ');
    throw new DatasetError(`the dataset is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  ${shown}`);
  }
  return data;
}

/** Each record through its schema: what passed, and a message per problem naming file, record and field. */
export function parseRecords(files: SeedFile[]): { data: Dataset; problems: string[] } {
  const out: Dataset = { documents: [], sources: [], entities: [], metrics: [], scopes: [], facts: [] };
  const problems: string[] = [];
  const count: Partial<Record<keyof Dataset, number>> = {};
  for (const file of files) if (Array.isArray(file.data)) count[file.kind] = (count[file.kind] ?? 0) + file.data.length;
  for (const file of files) {
    if (!Array.isArray(file.data)) {
      problems.push(`${file.path}: expected a JSON array of ${file.kind} records`);
      continue;
    }
    const schema = schemaFor(file.kind, count[file.kind] ?? 0);
    file.data.forEach((record, i) => {
      const r = schema.safeParse(record);
      if (r.success) (out[file.kind] as unknown[]).push(r.data);
      else for (const issue of r.error.issues) problems.push(describe(file.path, i, record, issue));
    });
  }
  return { data: out, problems };
}

/** Unique ids and resolvable references, named by file and record. */
export function checkReferences(d: Dataset, files: SeedFile[] = []): string[] {
  const problems: string[] = [];
  // Which file holds each record, for messages: built once, at the first problem (a search per record would be quadratic).
  let fileOf: Map<string, string> | undefined;
  const where = (kind: keyof Dataset, id: string) => {
    if (!fileOf) {
      fileOf = new Map();
      for (const f of files) {
        if (!Array.isArray(f.data)) continue;
        for (const r of f.data as { id?: unknown }[]) if (r && typeof r.id === 'string') fileOf.set(`${f.kind}\u0000${r.id}`, f.path);
      }
    }
    return fileOf.get(`${kind}\u0000${id}`) ?? kind;
  };
  const ids = (kind: keyof Dataset) => {
    const seen = new Set<string>();
    for (const r of d[kind] as { id: string }[]) {
      if (seen.has(r.id)) problems.push(`${where(kind, r.id)}: id "${r.id}" is used twice among ${kind}`);
      seen.add(r.id);
    }
    return seen;
  };
  const docs = ids('documents');
  const sources = ids('sources');
  const entities = ids('entities');
  const metrics = ids('metrics');
  const scopes = ids('scopes');
  ids('facts');
  for (const e of d.entities) {
    if (e.parent !== null && !entities.has(e.parent)) problems.push(`${where('entities', e.id)}: entity "${e.id}", field parent: unknown entity "${e.parent}"`);
  }
  const parentOf = new Map(d.entities.map((e) => [e.id, e.parent]));
  for (const e of d.entities) {
    // A parent chain must end: Doubao → Volcano Engine → ByteDance → (none).
    const seen = new Set<string>([e.id]);
    let p = e.parent;
    while (p) {
      if (seen.has(p)) {
        problems.push(`${where('entities', e.id)}: entity "${e.id}", field parent: the parent chain loops through "${p}"`);
        break;
      }
      seen.add(p);
      p = parentOf.get(p) ?? null;
    }
  }
  // A name typed in a cell must lead to one record: "营收" to revenue only, "Qwen" to one entity.
  const clashes = (kind: 'entities' | 'metrics', records: { id: string; name: string; name_zh: string; aliases: string[] }[]) => {
    const owner = new Map<string, string>();
    for (const r of records) {
      for (const name of [r.id, r.name, r.name_zh, ...r.aliases]) {
        const k = normalizeKey(name);
        if (!k) continue;
        const prior = owner.get(k);
        if (prior !== undefined && prior !== r.id) problems.push(`${where(kind, r.id)}: ${kind === 'entities' ? 'entity' : 'metric'} "${r.id}": the name "${name}" already names ${kind === 'entities' ? 'entity' : 'metric'} "${prior}"`);
        else owner.set(k, r.id);
      }
    }
  };
  clashes('entities', d.entities);
  clashes('metrics', d.metrics);
  const metricUnit = new Map(d.metrics.map((m) => [m.id, m.unit]));
  for (const f of d.facts) {
    const at = () => `${where('facts', f.id)}: fact "${f.id}"`;
    if (!entities.has(f.entity)) problems.push(`${at()}, field entity: unknown entity "${f.entity}"`);
    if (!metrics.has(f.metric)) problems.push(`${at()}, field metric: unknown metric "${f.metric}"`);
    if (!sources.has(f.source)) problems.push(`${at()}, field source: unknown source "${f.source}"`);
    if (!docs.has(f.document)) problems.push(`${at()}, field document: unknown document "${f.document}"`);
    if (!scopes.has(f.scope)) problems.push(`${at()}, field scope: unknown scope "${f.scope}"`);
    const mu = metricUnit.get(f.metric);
    if (mu === 'fraction' && f.unit !== 'fraction') problems.push(`${at()}, field unit: metric "${f.metric}" is a fraction, not "${f.unit}"`);
    if (mu && mu !== 'fraction' && f.unit === 'fraction') problems.push(`${at()}, field unit: metric "${f.metric}" is in ${mu}, not a fraction`);
  }
  return problems;
}
