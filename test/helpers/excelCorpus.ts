/**
 * The real-Excel corpus: workbooks saved by Microsoft Excel, read from
 * ../shared/excel-corpus (or the folder LLM_MARKET_EXCEL_CORPUS names), never
 * copied into this repository. Every formula cell there holds the value Excel
 * cached when it saved the file: the truth the engine must reproduce.
 *
 * `bookVerdicts(name)` recomputes one book and gives each formula cell its
 * verdict, so a function family's test can say "every ACCRINT cell Excel saved
 * matches" against Excel's own values, not the engine's.
 */
import fs from 'fs';
import path from 'path';
import { calcWorkbook, differences, FormulaCell } from '../../src/engine/workbook';

export const EXCEL_CORPUS_ENV = 'LLM_MARKET_EXCEL_CORPUS';
export const EXCEL_CORPUS_DIR = process.env[EXCEL_CORPUS_ENV] || path.resolve(__dirname, '../../../shared/excel-corpus');

export function excelCorpusAvailable(): boolean {
  try {
    return fs.statSync(EXCEL_CORPUS_DIR).isDirectory();
  } catch {
    return false;
  }
}

/** Every .xlsx of the corpus, as paths relative to its folder, sorted. */
export function corpusBooks(): string[] {
  return (fs.readdirSync(EXCEL_CORPUS_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.xlsx')).sort();
}

/** The corpus file whose name ends with `suffix` (e.g. "FINANCIAL__COUPDAYS.xlsx"); fails if not exactly one. */
export function corpusBook(suffix: string): string {
  const hits = corpusBooks().filter((f) => f.endsWith(suffix));
  if (hits.length !== 1) throw new Error(`${hits.length} corpus books end with ${suffix}`);
  return path.join(EXCEL_CORPUS_DIR, hits[0]);
}

export type Verdict = 'matches' | 'differs' | 'unsupported';
export interface CellVerdict {
  cell: FormulaCell;
  verdict: Verdict;
  /** For a difference: what Excel saved and what the engine gave, cell by cell. */
  detail?: string;
}

/**
 * Verdicts already computed in this process, by file. test/engine-and-calc.test.ts runs many groups
 * in one module registry, and eight of them check the formulas project's book (13,487 formula
 * cells): each book is recomputed once per run, not once per group. The same file always gives
 * the same verdicts; each caller gets its own copy of the list.
 */
const computed = new Map<string, Promise<CellVerdict[]>>();

/** Recomputes one corpus book (by name suffix) and gives every formula cell its verdict. */
export async function bookVerdicts(suffix: string): Promise<CellVerdict[]> {
  const file = corpusBook(suffix);
  let verdicts = computed.get(file);
  if (!verdicts) computed.set(file, (verdicts = computeVerdicts(file)));
  return [...(await verdicts)];
}

async function computeVerdicts(file: string): Promise<CellVerdict[]> {
  const calc = await calcWorkbook(file);
  const diffs = differences(calc.cells);
  const byAnchor = new Map<string, string[]>();
  for (const d of diffs) {
    const k = `${d.sheet}!${d.anchor}`;
    (byAnchor.get(k) ?? byAnchor.set(k, []).get(k)!).push(d.message ?? `${d.address}: Excel ${JSON.stringify(d.saved)}, engine ${JSON.stringify(d.now)}`);
  }
  return calc.cells.map((cell) => {
    if (cell.unsupported) return { cell, verdict: 'unsupported', detail: cell.unsupported.reason };
    const d = byAnchor.get(`${cell.sheet}!${cell.address}`);
    return d ? { cell, verdict: 'differs', detail: d.join('; ') } : { cell, verdict: 'matches' };
  });
}

/** The cells of `verdicts` whose formula calls one of `functions` (as Excel stores it, _xlfn. prefixes ignored). */
export function calling(verdicts: CellVerdict[], ...functions: string[]): CellVerdict[] {
  const re = new RegExp(`(?<![A-Za-z0-9_.])(?:_xlfn\\.)?(?:${functions.map((f) => f.replace(/\./g, '\\.')).join('|')})\\(`, 'i');
  return verdicts.filter((v) => re.test(v.cell.formula));
}

/** "Sheet1!A1 =F(x): Excel 1, engine 2" lines for the cells that do not match, for a failing test's message. */
export function mismatches(verdicts: CellVerdict[]): string[] {
  return verdicts.filter((v) => v.verdict !== 'matches').map((v) => `${v.cell.sheet}!${v.cell.address} ${v.cell.formula}: ${v.verdict} (${v.detail})`);
}

/**
 * One describe per book and one test per function: every cell of the book calling that function
 * matches what Excel saved (`select` narrows the cells first, e.g. leaving out cells a test explains).
 * For the books in `whole`, every formula cell of the book must match too (cells that refer to a
 * spill, A1#, call none of the functions).
 */
export function everyCellMatches(books: Record<string, string[]>, select: (cells: CellVerdict[]) => CellVerdict[] = (cells) => cells, whole: string[] = []): void {
  for (const [book, functions] of Object.entries(books)) {
    describe(book, () => {
      let verdicts: CellVerdict[];
      beforeAll(async () => {
        verdicts = await bookVerdicts(book);
      }, 60_000);
      for (const fn of functions) {
        test(fn, () => {
          const cells = select(calling(verdicts, fn));
          expect(cells.length).toBeGreaterThan(0);
          expect(mismatches(cells)).toEqual([]);
        });
      }
      if (whole.includes(book)) {
        test('every formula cell of the book matches, the ones using a spill (A1#) too', () => {
          expect(mismatches(verdicts)).toEqual([]);
        });
      }
    });
  }
}

/** Every cell of the corpus book `suffix` that calls one of `functions` matches what Excel saved (and there is one). */
export async function allMatch(suffix: string, ...functions: string[]): Promise<void> {
  const cells = calling(await bookVerdicts(suffix), ...functions);
  expect(cells.length).toBeGreaterThan(0);
  expect(mismatches(cells)).toEqual([]);
}
