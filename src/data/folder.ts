/**
 * A user's data folder: the same shape as the bundled `seeds/` —
 *
 *   DIR/documents.json            document records
 *   DIR/documents/<id>.txt        each document's text (quotes are checked against it)
 *   DIR/entities/*.json, DIR/sources/*.json, DIR/metrics/*.json, DIR/facts/*.json
 *   DIR/scopes.json (or DIR/scopes/*.json)
 *
 * — validated by the same zod schemas and the same honesty checks (checks.ts)
 * the bundled data passes in `npm test`. A folder may refer to the bundled
 * entities, metrics, sources and scopes and add its own. Node only (reads files).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { honestyProblems, conflictsWith, At } from './checks';
import { datasetEdition, Edition, formatEdition } from './edition';
import { checkReferences, DatasetError, parseRecords, SeedFile } from './load';
import type { Dataset, Fact } from './schema';
import { combine } from './datasets';

const KINDS: (keyof Dataset)[] = ['documents', 'sources', 'entities', 'metrics', 'scopes', 'facts'];

export interface DataFolder {
  dir: string;
  /** The folder's JSON files, paths relative to the folder ("facts/acme.json"). */
  files: SeedFile[];
  /** What the schemas made of the records (only the records that passed). */
  data: Dataset;
  /** Document texts by document id. */
  texts: Map<string, string>;
  edition: Edition;
  /** "data <folder name> 2026-01-15, 1a2b3c4d": what citations say of a fact from this folder. */
  label: string;
  /** Problems found reading the files and validating their records. */
  problems: string[];
}

function jsonIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(dir, n));
}

/** Reads a data folder and validates each record with the schemas; never throws for a bad record (problems lists it). */
export function readDataFolder(dir: string): DataFolder {
  const problems: string[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DatasetError(`${dir}: not a folder (a data folder holds documents.json, documents/*.txt, facts/*.json …)`);
  const rel = (p: string) => relative(dir, p).split(sep).join('/');
  const files: SeedFile[] = [];
  for (const kind of KINDS) {
    const paths = [...(existsSync(join(dir, `${kind}.json`)) ? [join(dir, `${kind}.json`)] : []), ...jsonIn(join(dir, kind))];
    for (const p of paths) {
      try {
        files.push({ path: rel(p), kind, data: JSON.parse(readFileSync(p, 'utf8')) });
      } catch (e) {
        problems.push(`${rel(p)}: not valid JSON (${(e as Error).message})`);
      }
    }
  }
  if (!files.some((f) => f.kind === 'documents')) problems.push(`documents.json: missing (a data folder lists its documents there)`);
  const texts = new Map<string, string>();
  const textDir = join(dir, 'documents');
  if (existsSync(textDir)) for (const n of readdirSync(textDir)) if (n.endsWith('.txt')) texts.set(basename(n, '.txt'), readFileSync(join(textDir, n), 'utf8'));
  const parsed = parseRecords(files);
  problems.push(...parsed.problems);
  const edition = datasetEdition([...files, ...[...texts].sort().map(([id, t]) => ({ path: `documents/${id}.txt`, data: t }))]);
  return { dir, files, data: parsed.data, texts, edition, label: `data ${basename(dir.replace(/[\\/]+$/, ''))} ${edition.date}, ${edition.hash}`, problems };
}


export interface CheckReport {
  problems: string[];
  documents: number;
  facts: number;
  newEntities: number;
}

/**
 * `data check`: the folder's records against the schemas, its references
 * against itself plus the bundled dataset, every honesty rule on its facts, and
 * its facts against the bundled answers (a different answer to a question the
 * bundled data answers is a problem, never silently preferred).
 */
export function checkDataFolder(folder: DataFolder, bundled: Dataset): CheckReport {
  const problems = [...folder.problems];
  const fileOf = new Map<string, string>();
  for (const f of folder.files) if (f.kind === 'facts' && Array.isArray(f.data)) for (const r of f.data as { id?: unknown }[]) if (r && typeof r.id === 'string') fileOf.set(r.id, f.path);
  const at: At = (f: Fact, field: string) => `${fileOf.get(f.id) ?? 'facts'}: fact "${f.id}", field ${field}`;
  const combined = combine(bundled, [folder.data]);
  const bundledIds = new Set(KINDS.flatMap((k) => (bundled[k] as { id: string }[]).map((r) => `${k}\u0000${r.id}`)));
  const mine = (p: string) => !/^(seeds\/|documents|sources|entities|metrics|scopes|facts)$/.test(p);
  // Reference problems of the combined data that concern the folder's records (the bundled ones pass on their own).
  for (const p of checkReferences(combined, folder.files)) if (mine(p.split(':')[0]) || /is used twice/.test(p)) problems.push(p);
  for (const d of folder.data.documents) if (!folder.texts.has(d.id)) problems.push(`documents.json: document "${d.id}", field id: no text documents/${d.id}.txt beside it`);
  for (const id of folder.texts.keys()) if (!folder.data.documents.some((d) => d.id === id) && !bundledIds.has(`documents\u0000${id}`)) problems.push(`documents/${id}.txt: no record in documents.json`);
  const textOf = (doc: string) => folder.texts.get(doc);
  problems.push(...honestyProblems(folder.data, textOf, at));
  problems.push(...conflictsWith(bundled.facts, folder.data.facts, at));
  const bundledEntities = new Set(bundled.entities.map((e) => e.id));
  return { problems, documents: folder.data.documents.length, facts: folder.data.facts.length, newEntities: folder.data.entities.filter((e) => !bundledEntities.has(e.id)).length };
}

/** Reads and checks data folders; throws a DatasetError listing every problem when one fails. */
export function loadDataFolders(dirs: readonly string[], bundled: Dataset): DataFolder[] {
  const folders = dirs.map((d) => readDataFolder(d));
  const problems: string[] = [];
  let base = bundled;
  for (const f of folders) {
    const r = checkDataFolder(f, base);
    problems.push(...r.problems.map((p) => `${f.dir}/${p}`));
    base = combine(base, [f.data]);
  }
  if (problems.length) throw new DatasetError(`the data folder${dirs.length > 1 ? 's fail' : ' fails'} \`llm-market data check\` (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  ${problems.slice(0, 20).join('\n  ')}`);
  return folders;
}

export { formatEdition };
