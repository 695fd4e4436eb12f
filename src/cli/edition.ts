/**
 * The dataset's edition, which `llm-market --version` names: the date of the
 * newest document in seeds/documents.json and the first 8 hex digits of a
 * SHA-256 over the seed files — each file's path under seeds/ and its JSON in
 * compact form, in path order (compact, so tsc's copy in lib/seeds/ and the
 * committed file give the same hash). Any change to a fact, a document or a
 * definition changes the hash.
 *
 * The single-file CLI (lib/bundle/) has the edition computed when it is built
 * (webpack.cli.config.js defines LLM_MARKET_DATASET_EDITION); the modules in
 * src/ and lib/src/ compute it from the seed files beside them. Either way
 * nothing of the dataset's modules, HyperFormula or zod is loaded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { datasetEdition as editionOfFiles, Edition, formatEdition } from '../data/edition';

export type { Edition };
export { formatEdition };

declare const LLM_MARKET_DATASET_EDITION: string | undefined;

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsonFiles(p) : name.endsWith('.json') ? [p] : [];
  });
}

/** The edition of the seed files under `seedsDir`. */
export function editionOf(seedsDir: string): Edition {
  // The library's datasetEdition (src/data/edition.ts), over the files as they are on disk.
  return editionOfFiles(jsonFiles(seedsDir).map((f) => ({ path: relative(seedsDir, f).split(sep).join('/'), data: JSON.parse(readFileSync(f, 'utf8')) })));
}

/** "dataset 2025-10-18, 1a2b3c4d", or "dataset unknown" where no seed files are found. */
export function datasetEdition(): string {
  if (typeof LLM_MARKET_DATASET_EDITION === 'string') return LLM_MARKET_DATASET_EDITION;
  // src/cli/ → seeds/; lib/src/cli/ → lib/seeds/ (tsc's copy).
  for (const dir of [join(__dirname, '..', '..', 'seeds')]) {
    if (existsSync(join(dir, 'documents.json'))) return formatEdition(editionOf(dir));
  }
  return 'dataset unknown';
}
