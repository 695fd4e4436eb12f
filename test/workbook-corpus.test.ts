/**
 * `calc --out` over the corpus of Excel-written workbooks (test/workbooks/generated):
 * with every formula's cached value made stale, --check fails and --out writes
 * the values back (only <v> and t change), giving back the saved book byte for
 * byte — so --check passes on it too, and --out on the saved book changes nothing
 * at all (the same structure with the same values writes the same bytes). One
 * recomputation per book: the slowest (last-row-and-column.xlsx, a cell at
 * XFD1048576 and a SUM over the whole of column A) takes about 7 s alone.
 * test/corpus.test.ts runs --check on every other saved book through the real command.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runCli } from './helpers/cli';

const DIR = path.join(__dirname, 'workbooks', 'generated');
const BOOKS = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')) : [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-corpus-out-'));

const run = runCli;

/**
 * Per test. The slowest book (last-row-and-column.xlsx, a cell at XFD1048576)
 * takes one recomputation a test: about 11 s alone on a 2-core machine with
 * light load, 39 s with the machine's load at 16 (every other book well under
 * 1 s). Five minutes leaves room for a machine busier still (machine-test.sh --busy).
 */
const LIMIT = 300_000;

/** Every formula cell's cached value replaced by 0 (and its t dropped): what a stale or foreign save looks like. */
const stale = (xml: string) =>
  xml.replace(/<c ([^>]*?)(?: t="[^"]*")?([^>]*)>(<f[^>]*(?:\/>|>[^<]*<\/f>))(?:<v>[^<]*<\/v>|<v\/>)<\/c>/g, '<c $1$2>$3<v>0</v></c>');

test('the corpus is there', () => expect(BOOKS.length).toBeGreaterThanOrEqual(10));

describe.each(BOOKS)('%s', (name) => {
  const src = path.join(DIR, name);
  test('stale cached values: --check fails, --out rewrites only <v> and t, giving back the saved book byte for byte (so --check passes), and exceljs opens it', async () => {
    const parts = unzipSync(fs.readFileSync(src));
    const changed: Record<string, Uint8Array> = {};
    let touched = 0;
    for (const [k, v] of Object.entries(parts)) {
      const s = strFromU8(v);
      const t = k.startsWith('xl/worksheets/') ? stale(s) : s;
      if (t !== s) touched++;
      changed[k] = strToU8(t);
    }
    expect(touched).toBeGreaterThan(0);
    const bad = path.join(tmp, `stale-${name}`);
    fs.writeFileSync(bad, zipSync(changed));
    // One recomputation both checks the stale book (it must fail) and writes the fixed one.
    const dst = path.join(tmp, `fixed-${name}`);
    const before = await run(['calc', bad, '--check', '--out', dst]);
    expect(before.code).toBe(1);
    expect(fs.existsSync(dst)).toBe(true);
    const out = unzipSync(fs.readFileSync(dst));
    // Every cached value written back as Excel saved it: the repaired book is the saved one.
    expect(Object.keys(out)).toEqual(Object.keys(parts));
    for (const k of Object.keys(parts)) expect([k, Buffer.from(out[k]).equals(Buffer.from(parts[k]))]).toEqual([k, true]);
    const strip = (x: string) => x.replace(/<v>[^<]*<\/v>|<v\/>/g, '').replace(/ t="[^"]*"/g, '');
    for (const k of Object.keys(parts)) {
      const x = strFromU8(out[k]);
      if (k.startsWith('xl/worksheets/')) expect([k, strip(x)]).toEqual([k, strip(strFromU8(changed[k]))]);
      else expect([k, x]).toEqual([k, strFromU8(parts[k])]);
      if (/\.(xml|rels)$/.test(k)) new SaxesParser().write(x).close();
    }
    await new ExcelJS.Workbook().xlsx.readFile(dst);
  }, LIMIT);
});
