/**
 * `npm run corpus`: writes every workbook of the corpus to test/workbooks/generated/.
 * The bytes depend only on corpus.ts and excel-xml.ts, so an unchanged corpus
 * regenerates to identical files (test/corpus.test.ts checks that).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CORPUS } from './corpus';
import { xlsx } from './excel-xml';

/** The repository root: this file runs from test/workbooks/ (ts-jest) and from lib/workbooks/ (compiled). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const GENERATED = path.join(ROOT, 'test', 'workbooks', 'generated');

/** Every corpus workbook as file name → bytes. */
export function corpusFiles(): Map<string, Uint8Array> {
  return new Map(Object.entries(CORPUS).map(([name, book]) => [`${name}.xlsx`, xlsx(book, name)]));
}

/** Committed files that differ from what the generator writes now (missing, changed or stale). */
export function staleFiles(files = corpusFiles()): string[] {
  const on = fs.existsSync(GENERATED) ? fs.readdirSync(GENERATED).filter((f) => f.endsWith('.xlsx')) : [];
  const changed = [...files].filter(([name, bytes]) => !on.includes(name) || Buffer.compare(fs.readFileSync(path.join(GENERATED, name)), Buffer.from(bytes)) !== 0);
  return [...changed.map(([name]) => name), ...on.filter((name) => !files.has(name))].sort();
}

if (require.main === module) {
  const files = corpusFiles();
  if (process.argv.includes('--check')) {
    // Exit 1 naming the files `npm run corpus` would change.
    const stale = staleFiles(files);
    for (const name of stale) console.error(`differs from the generator: ${path.relative(ROOT, path.join(GENERATED, name))}`);
    process.exit(stale.length ? 1 : 0);
  }
  fs.mkdirSync(GENERATED, { recursive: true });
  for (const stale of fs.readdirSync(GENERATED)) if (stale.endsWith('.xlsx') && !files.has(stale)) fs.rmSync(path.join(GENERATED, stale));
  for (const [name, bytes] of files) {
    const file = path.join(GENERATED, name);
    const same = fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(bytes)) === 0;
    if (!same) fs.writeFileSync(file, bytes);
    console.log(`${same ? 'unchanged' : 'wrote    '} ${path.relative(ROOT, file)}`);
  }
}
