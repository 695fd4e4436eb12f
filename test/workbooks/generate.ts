/**
 * `npm run corpus`: writes every workbook of the corpus to test/workbooks/generated/
 * (those the engine must recompute), pending/ (not yet) and unsupported/
 * (functions the engine documents as unsupported).
 * The bytes depend only on corpus.ts and excel-xml.ts, so an unchanged corpus
 * regenerates to identical files (test/corpus.test.ts checks that).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CORPUS, PENDING, UNSUPPORTED } from './corpus';
import { xlsx } from './excel-xml';

/** The repository root: this file runs from test/workbooks/ (ts-jest) and from lib/workbooks/ (compiled). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const WORKBOOKS = path.join(ROOT, 'test', 'workbooks');
export const GENERATED = path.join(WORKBOOKS, 'generated');
export const PENDING_DIR = path.join(WORKBOOKS, 'pending');
export const UNSUPPORTED_DIR = path.join(WORKBOOKS, 'unsupported');
const DIRS = { generated: CORPUS, pending: PENDING, unsupported: UNSUPPORTED };

/** Every corpus workbook as path under test/workbooks/ (e.g. "generated/let.xlsx") → bytes. */
export function corpusFiles(): Map<string, Uint8Array> {
  return new Map(
    Object.entries(DIRS).flatMap(([dir, books]) => Object.entries(books).map(([name, book]): [string, Uint8Array] => [`${dir}/${name}.xlsx`, xlsx(book, name)])),
  );
}

const onDisk = () =>
  Object.keys(DIRS).flatMap((dir) => (fs.existsSync(path.join(WORKBOOKS, dir)) ? fs.readdirSync(path.join(WORKBOOKS, dir)).filter((f) => f.endsWith('.xlsx')).map((f) => `${dir}/${f}`) : []));

/** Committed files that differ from what the generator writes now (missing, changed or stale). */
export function staleFiles(files = corpusFiles()): string[] {
  const on = onDisk();
  const changed = [...files].filter(([name, bytes]) => !on.includes(name) || Buffer.compare(fs.readFileSync(path.join(WORKBOOKS, name)), Buffer.from(bytes)) !== 0);
  return [...changed.map(([name]) => name), ...on.filter((name) => !files.has(name))].sort();
}

if (require.main === module) {
  const files = corpusFiles();
  if (process.argv.includes('--check')) {
    // Exit 1 naming the files `npm run corpus` would change.
    const stale = staleFiles(files);
    for (const name of stale) console.error(`differs from the generator: test/workbooks/${name}`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const stale of onDisk()) if (!files.has(stale)) fs.rmSync(path.join(WORKBOOKS, stale));
  for (const [name, bytes] of files) {
    const file = path.join(WORKBOOKS, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const same = fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(bytes)) === 0;
    if (!same) fs.writeFileSync(file, bytes);
    console.log(`${same ? 'unchanged' : 'wrote    '} ${path.relative(ROOT, file)}`);
  }
}
