/**
 * Which dataset each fact came from, for citations: the bundled dataset's
 * edition, or a user data folder's own ("data acme 2026-01-15, 1a2b3c4d").
 * Browser-safe (no file access): the add-in and the CLI share it.
 */
import type { Dataset } from './schema';

/** A user's dataset, already read and checked (src/data/folder.ts in Node; inlined by the add-in's build). */
export interface UserDataset {
  data: Dataset;
  /** What citations say of its facts: "data acme 2026-01-15, 1a2b3c4d". */
  label: string;
}

let users: readonly UserDataset[] = [];
let generation = 0;

/** The user datasets every later answer includes (eval/calc/facts --data, createEngine's data option, the add-in's build). */
export function setUserDatasets(list: readonly UserDataset[]): void {
  users = [...list];
  generation++;
}

export const userDatasets = (): readonly UserDataset[] => users;
/** Changes whenever setUserDatasets is called: a cached Market built before is stale. */
export const userDatasetsGeneration = (): number => generation;

/** The bundled dataset with user datasets added: records concatenated, in order. */
export function combine(base: Dataset, added: readonly Dataset[]): Dataset {
  const out: Dataset = { documents: [...base.documents], sources: [...base.sources], entities: [...base.entities], metrics: [...base.metrics], scopes: [...base.scopes], facts: [...base.facts] };
  for (const d of added) {
    out.documents.push(...d.documents);
    out.sources.push(...d.sources);
    out.entities.push(...d.entities);
    out.metrics.push(...d.metrics);
    out.scopes.push(...d.scopes);
    out.facts.push(...d.facts);
  }
  return out;
}

const labels = new WeakMap<object, { bundled: string; byFact: Map<string, string> }>();

/** Records, for a Market built from the bundled data plus user datasets, which dataset each fact is from. */
export function labelDatasets(market: object, bundled: string, added: readonly UserDataset[]): void {
  const byFact = new Map<string, string>();
  for (const u of added) for (const f of u.data.facts) byFact.set(f.id, u.label);
  labels.set(market, { bundled, byFact });
}

/** "bundled dataset 2025-10-18, 1a2b3c4d" or "data acme 2026-01-15, 1a2b3c4d"; undefined for a Market nobody labelled (a test's own). */
export function datasetOf(market: object, factId: string): string | undefined {
  const l = labels.get(market);
  return l && (l.byFact.get(factId) ?? l.bundled);
}

/** Whether a fact is from a user's dataset (the pane marks those). */
export function isUserFact(market: object, factId: string): boolean {
  return !!labels.get(market)?.byFact.has(factId);
}
