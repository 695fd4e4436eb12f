/**
 * The engine against real Excel: every workbook of the real-Excel corpus
 * (../shared/excel-corpus, or LLM_MARKET_EXCEL_CORPUS; 94 books saved by
 * Microsoft Excel for the test suites of IronCalc, pycel and `formulas`) is
 * recomputed as `calc --check` does, and every formula cell gets one verdict.
 *
 * - No book is lost: each one loads and every formula cell is judged.
 * - At least 97% of all formula cells match Excel's saved value (a spill counts
 *   once, at its anchor).
 * - Every other cell is unsupported with a reason, or listed in
 *   excel-corpus-known-differences.tsv with an honest reason. A difference not
 *   listed fails, and so does a listed one that no longer differs.
 *
 * The per-book table and totals are printed (the closing line of the suite).
 */
import fs from 'fs';
import path from 'path';
import { bookVerdicts, corpusBooks, EXCEL_CORPUS_DIR, EXCEL_CORPUS_ENV, excelCorpusAvailable } from './helpers/excelCorpus';

const KNOWN_FILE = path.join(__dirname, 'excel-corpus-known-differences.tsv');
const MIN_MATCH = 0.97;

interface Known {
  book: string;
  cell: string;
  reason: string;
}
/** book <TAB> Sheet!A1 (the formula's anchor) <TAB> reason; # comments and blank lines skipped. */
function readKnown(): Known[] {
  return fs
    .readFileSync(KNOWN_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [book, cell, reason] = l.split('\t');
      return { book, cell, reason: (reason ?? '').trim() };
    });
}

interface BookRow {
  book: string;
  cells: number;
  match: number;
  differ: string[]; // anchors
  unsupported: { cell: string; reason: string }[];
  lost?: string;
}

const available = excelCorpusAvailable();
if (!available && process.env.CI) {
  test('the real-Excel corpus is present', () => {
    throw new Error(`no corpus at ${EXCEL_CORPUS_DIR}: CI needs ../shared/excel-corpus (or ${EXCEL_CORPUS_ENV})`);
  });
}

(available ? describe : describe.skip)('real Excel workbooks', () => {
  const rows: BookRow[] = [];

  beforeAll(async () => {
    for (const book of corpusBooks()) {
      try {
        // The verdicts the function families' groups then reuse (test/helpers/excelCorpus.ts).
        const verdicts = await bookVerdicts(book);
        const row: BookRow = { book, cells: verdicts.length, match: 0, differ: [], unsupported: [] };
        for (const v of verdicts) {
          const at = `${v.cell.sheet}!${v.cell.address}`;
          if (v.verdict === 'unsupported') row.unsupported.push({ cell: at, reason: v.detail ?? '' });
          else if (v.verdict === 'differs') row.differ.push(at);
          else row.match++;
        }
        rows.push(row);
      } catch (e) {
        rows.push({ book, cells: 0, match: 0, differ: [], unsupported: [], lost: String((e as Error).message).split('\n')[0] });
      }
    }
    const pad = (v: unknown, n: number) => String(v).padStart(n);
    const lines = ['formulas  match differ unsupp  book'];
    for (const r of rows) lines.push(r.lost ? `    LOST                      ${r.book}: ${r.lost}` : `${pad(r.cells, 8)} ${pad(r.match, 6)} ${pad(r.differ.length, 6)} ${pad(r.unsupported.length, 6)}  ${r.book}`);
    const t = totals();
    lines.push(`${pad(t.cells, 8)} ${pad(t.match, 6)} ${pad(t.differ, 6)} ${pad(t.unsupported, 6)}  total over ${rows.length} books: ${((100 * t.match) / Math.max(1, t.cells)).toFixed(2)}% match, ${t.lost} lost`);
    console.log(lines.join('\n'));
  }, 600_000);

  const totals = () => ({
    cells: rows.reduce((n, r) => n + r.cells, 0),
    match: rows.reduce((n, r) => n + r.match, 0),
    differ: rows.reduce((n, r) => n + r.differ.length, 0),
    unsupported: rows.reduce((n, r) => n + r.unsupported.length, 0),
    lost: rows.filter((r) => r.lost).length,
  });

  test('the corpus holds the books SOURCES.tsv lists', () => {
    const listed = fs.readFileSync(path.join(EXCEL_CORPUS_DIR, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t').pop()!);
    expect(rows.map((r) => r.book).sort()).toEqual(listed.sort());
  });

  test('no book is lost: every workbook loads and every formula cell gets a verdict', () => {
    expect(rows.filter((r) => r.lost).map((r) => `${r.book}: ${r.lost}`)).toEqual([]);
  });

  test(`at least ${MIN_MATCH * 100}% of all formula cells match Excel's saved values`, () => {
    const t = totals();
    expect(t.cells).toBeGreaterThan(20_000);
    expect(t.match / t.cells).toBeGreaterThanOrEqual(MIN_MATCH);
  });

  test('every unsupported cell says which function or construct, and why', () => {
    const bare = rows.flatMap((r) => r.unsupported.filter((u) => u.reason.trim().length < 10).map((u) => `${r.book} ${u.cell}`));
    expect(bare).toEqual([]);
  });

  test('every difference is a known one with its reason, and every known one still differs', () => {
    const known = readKnown();
    expect(known.filter((k) => k.reason.length < 10).map((k) => `${k.book} ${k.cell}`)).toEqual([]);
    const listed = new Set(known.map((k) => `${k.book}\t${k.cell}`));
    const now = new Set(rows.flatMap((r) => r.differ.map((c) => `${r.book}\t${c}`)));
    const unlisted = [...now].filter((k) => !listed.has(k));
    const stale = [...listed].filter((k) => !now.has(k));
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
  });
});
