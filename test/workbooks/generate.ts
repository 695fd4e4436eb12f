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

if (require.main === module) {
  fs.mkdirSync(GENERATED, { recursive: true });
  const files = corpusFiles();
  for (const stale of fs.readdirSync(GENERATED)) if (stale.endsWith('.xlsx') && !files.has(stale)) fs.rmSync(path.join(GENERATED, stale));
  for (const [name, bytes] of files) {
    const file = path.join(GENERATED, name);
    const same = fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(bytes)) === 0;
    if (!same) fs.writeFileSync(file, bytes);
    console.log(`${same ? 'unchanged' : 'wrote    '} ${path.relative(ROOT, file)}`);
  }
}
