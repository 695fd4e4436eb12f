/**
 * `llm-market calc`: recompute workbooks, check them against Excel's saved
 * values, write cached values back.
 *
 * Takes workbooks and folders (searched recursively for *.xlsx; Excel's
 * `~$` lock files skipped); the books are sorted by path so `--shard I/N`
 * (the books whose position in that list, counted from 0, leaves I-1 when
 * divided by N) gives a CI matrix a deterministic share. Several books are
 * recomputed in parallel, on up to os.availableParallelism() worker threads
 * (`--jobs`), each running this command on one book.
 *
 * Exit codes, summarising every book:
 *   0  every formula matches (without --check: every book was evaluated);
 *   1  some cell differs from the value Excel saved (--check);
 *   2  usage error;
 *   3  nothing differs but some cells are unsupported (--check): a function or
 *      construct the engine cannot evaluate, named per cell; Excel's value kept;
 *   4  a book could not be evaluated: not a workbook, damaged, or over a
 *      documented cap (one line on stderr; `"status": "error"` in JSON, an
 *      <error> test case in JUnit).
 * Precedence when books disagree: 4 > 1 > 3 > 0 — a book that was not
 * evaluated at all leaves the report incomplete, which is worse than a
 * difference; a difference is worse than a cell left at Excel's value.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Calculated, CellValue, Difference, FormulaCell, XlsxLimits } from '../engine/workbook';
import { Io, UsageError, options, show } from './main';

export const EXIT = { ok: 0, differences: 1, usage: 2, unsupported: 3, unevaluable: 4 } as const;

type Format = 'text' | 'json' | 'junit';
export type BookStatus = 'ok' | 'differences' | 'unsupported' | 'error';

/** One book's outcome: its cells, or why it could not be evaluated. */
export interface BookReport {
  file: string;
  status: BookStatus;
  /** Set when the book could not be evaluated (status "error"). */
  error?: string;
  cells: FormulaCell[];
  differences: Difference[];
}

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

const fmt = (v: CellValue | CellValue[][]) => (v === null ? '(nothing saved)' : show(v));
const describe = (d: Difference) => d.message ?? `saved ${fmt(d.saved)}, now ${fmt(d.now)}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const RANK: Record<BookStatus, number> = { ok: 0, unsupported: 1, differences: 2, error: 3 };
const CODE: Record<BookStatus, number> = { ok: EXIT.ok, unsupported: EXIT.unsupported, differences: EXIT.differences, error: EXIT.unevaluable };

/** The status that summarises several books (error > differences > unsupported > ok). */
export function overall(statuses: BookStatus[]): BookStatus {
  return statuses.reduce<BookStatus>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}

function statusOf(cells: FormulaCell[], diffs: Difference[], check: boolean): BookStatus {
  if (!check) return 'ok';
  return diffs.length ? 'differences' : cells.some((c) => c.unsupported) ? 'unsupported' : 'ok';
}

/**
 * JUnit XML: a test suite per sheet (named "BOOK: SHEET" when there are
 * several books), a test case per formula cell; differences fail, unsupported
 * cells are skipped with the reason, a book that cannot be evaluated is one
 * test case with an <error>.
 */
export function junit(file: string | BookReport[], cells?: FormulaCell[], diffs?: Difference[]): string {
  const books: BookReport[] = typeof file === 'string' ? [{ file, status: 'ok', cells: cells ?? [], differences: diffs ?? [] }] : file;
  const many = books.length > 1;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  let errors = 0;
  for (const b of books) {
    if (b.error !== undefined) {
      tests++;
      errors++;
      suites.push(
        `  <testsuite name="${xml(b.file)}" tests="1" failures="0" skipped="0" errors="1">`,
        `    <testcase classname="${xml(b.file)}" name="${xml(`${b.file} is evaluated`)}">`,
        `      <error message="${xml(b.error)}" type="unevaluable">${xml(b.error)}</error>`,
        '    </testcase>',
        '  </testsuite>',
      );
      continue;
    }
    const bySheet = new Map<string, FormulaCell[]>();
    for (const c of b.cells) (bySheet.get(c.sheet) ?? bySheet.set(c.sheet, []).get(c.sheet)!).push(c);
    const diffsOf = new Map<string, Difference[]>();
    for (const d of b.differences) {
      const id = `${d.sheet}!${d.anchor}`;
      (diffsOf.get(id) ?? diffsOf.set(id, []).get(id)!).push(d);
    }
    tests += b.cells.length;
    failures += diffsOf.size;
    skipped += b.cells.filter((c) => c.unsupported).length;
    for (const [sheet, list] of bySheet) {
      const f = list.filter((c) => diffsOf.has(`${c.sheet}!${c.address}`)).length;
      const s = list.filter((c) => c.unsupported).length;
      suites.push(`  <testsuite name="${xml(many ? `${b.file}: ${sheet}` : sheet)}" tests="${list.length}" failures="${f}" skipped="${s}" errors="0">`);
      for (const c of list) {
        const name = `${c.sheet}!${c.address} ${c.formula}`;
        const ds = diffsOf.get(`${c.sheet}!${c.address}`);
        const open = `    <testcase classname="${xml(`${b.file}.${sheet}`)}" name="${xml(name)}"`;
        if (c.unsupported) {
          suites.push(`${open}>`, `      <skipped message="${xml(`unsupported: ${c.unsupported.reason}`)}"/>`, '    </testcase>');
        } else if (ds) {
          const body = ds.map((d) => `${d.sheet}!${d.address}: ${describe(d)}`).join('\n');
          suites.push(`${open}>`, `      <failure message="${xml(`${ds[0].sheet}!${ds[0].address}: ${describe(ds[0])}`)}" type="difference">${xml(body)}</failure>`, '    </testcase>');
        } else {
          suites.push(`${open}/>`);
        }
      }
      suites.push('  </testsuite>');
    }
  }
  const title = many ? `llm-market calc (${plural(books.length, 'workbook')})` : `llm-market calc ${books[0]?.file ?? ''}`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xml(title)}" tests="${tests}" failures="${failures}" skipped="${skipped}" errors="${errors}">`, ...suites, '</testsuites>'].join('\n');
}

/** The .xlsx files a list of paths names: files as given, folders searched recursively; sorted, without repeats. */
export function workbookPaths(paths: string[]): { books: string[]; empty: string[] } {
  const books = new Set<string>();
  const empty: string[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // A path that does not exist is a book that cannot be read (exit 4), reported as such.
    }
    if (!dir) {
      books.add(p);
      continue;
    }
    const found = (readdirSync(p, { recursive: true }) as string[])
      .filter((f) => /\.xlsx$/i.test(f) && !/(^|[\\/])~\$/.test(f))
      .map((f) => join(p, f))
      .filter((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      });
    if (found.length === 0) empty.push(p);
    for (const f of found) books.add(f);
  }
  return { books: [...books].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), empty };
}

/** `--shard I/N`: the books at positions I-1, I-1+N, I-1+2N … of the sorted list. */
export function shard<T>(books: T[], spec: string | undefined): T[] {
  if (spec === undefined) return books;
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--shard takes I/N with 1 ≤ I ≤ N, such as 1/4 (got "${spec}")`);
  return books.filter((_, k) => k % n === i - 1);
}

/** Recomputes one book in this thread. `calc` is the loaded workbook module. */
async function runBook(file: string, check: boolean, limits: Partial<XlsxLimits>, keep?: (calc: Calculated) => Promise<void>): Promise<BookReport> {
  const { calcWorkbook, differences, WorkbookError } = await import('../engine/workbook');
  let calc: Calculated;
  try {
    calc = await calcWorkbook(file, limits);
  } catch (e) {
    if (e instanceof WorkbookError) return { file, status: 'error', error: e.message, cells: [], differences: [] };
    throw e;
  }
  const diffs = check ? differences(calc.cells) : [];
  if (keep) await keep(calc);
  return { file, status: statusOf(calc.cells, diffs, check), cells: calc.cells, differences: diffs };
}

/**
 * The module a worker thread loads to run this command: the compiled CLI
 * (lib/src/cli/main.js next to this file, or the single-file bundle's
 * llm-market.js). From TypeScript sources (tests) there is none: books are
 * then recomputed one after the other in this thread.
 */
function workerEntry(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  return [join(__dirname, 'main.js'), join(__dirname, 'llm-market.js')].find((f) => existsSync(f));
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const cli = require(workerData.entry);
parentPort.on('message', async (file) => {
  const out = [];
  const err = [];
  try {
    const code = await cli.main(['calc', file, '--format', 'json', '--check'], { out: (s) => out.push(s), err: (s) => err.push(s), stdin: () => '' });
    parentPort.postMessage({ file, code, out: out.join('\\n'), err: err.join('\\n') });
  } catch (e) {
    parentPort.postMessage({ file, code: 1, out: '', err: String((e && e.message) || e) });
  }
});
`;

/** Recomputes `books` on `jobs` worker threads, each running `calc BOOK --format json --check`. */
async function runInWorkers(books: string[], check: boolean, jobs: number, entry: string): Promise<BookReport[]> {
  const { Worker } = await import('node:worker_threads');
  const results = new Map<string, BookReport>();
  let next = 0;
  const one = (worker: InstanceType<typeof Worker>) =>
    new Promise<void>((resolve, reject) => {
      const give = () => {
        if (next >= books.length) return resolve();
        worker.postMessage(books[next++]);
      };
      worker.on('message', (m: { file: string; code: number; out: string; err: string }) => {
        results.set(m.file, fromWorker(m, check));
        give();
      });
      worker.on('error', reject);
      give();
    });
  const workers = Array.from({ length: Math.min(jobs, books.length) }, () => new Worker(WORKER, { eval: true, workerData: { entry } }));
  try {
    await Promise.all(workers.map(one));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return books.map((f) => results.get(f)!);
}

function fromWorker(m: { file: string; code: number; out: string; err: string }, check: boolean): BookReport {
  try {
    const r = JSON.parse(m.out) as BookReport;
    if (r.status === 'error') return { file: m.file, status: 'error', error: r.error ?? m.err, cells: [], differences: [] };
    const differences = check ? r.differences : [];
    return { file: m.file, status: statusOf(r.cells, differences, check), cells: r.cells, differences };
  } catch {
    const error = m.err.replace(/^llm-market: /, '').split('\n')[0] || `${m.file} could not be evaluated`;
    return { file: m.file, status: 'error', error, cells: [], differences: [] };
  }
}

/** One book's summary line in text output. */
function summary(b: BookReport, check: boolean): string {
  if (b.error !== undefined) return `${b.file}: cannot be evaluated: ${b.error}`;
  const unsupported = b.cells.filter((c) => c.unsupported).length;
  if (!check) return `${b.file}: ${plural(b.cells.length, 'formula')} recomputed${unsupported ? `, ${unsupported} unsupported` : ''}`;
  const differ = new Set(b.differences.map((d) => `${d.sheet}!${d.anchor}`)).size;
  const match = b.cells.length - differ - unsupported;
  return `${b.file}: ${plural(b.cells.length, 'formula')}, ${match} match, ${differ} differ, ${unsupported} unsupported`;
}

const unsupportedList = (cells: FormulaCell[]) => cells.filter((c) => c.unsupported).map((c) => ({ sheet: c.sheet, address: c.address, formula: c.formula, ...c.unsupported }));

/** `limits` overrides the documented caps (tests use small ones). */
export async function calcCommand(args: string[], io: Io, limits: Partial<XlsxLimits> = {}): Promise<number> {
  const { values, positionals } = options(args, {
    json: { type: 'boolean' },
    check: { type: 'boolean' },
    out: { type: 'string' },
    format: { type: 'string' },
    shard: { type: 'string' },
    jobs: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('calc takes at least one workbook or folder');
  const format = (values.format ?? (values.json ? 'json' : 'text')) as Format;
  if (!['text', 'json', 'junit'].includes(format)) throw new UsageError(`--format must be text, json or junit (got "${values.format}")`);
  if (values.json && values.format && values.format !== 'json') throw new UsageError('--json is --format json; give one format');
  let jobs = availableParallelism();
  if (values.jobs !== undefined) {
    if (!/^\d+$/.test(values.jobs) || Number(values.jobs) < 1) throw new UsageError(`--jobs takes a whole number of at least 1 (got "${values.jobs}")`);
    jobs = Math.min(jobs, Number(values.jobs));
  }
  // JUnit output is a report of a check.
  const check = !!values.check || format === 'junit';
  const { books: found, empty } = workbookPaths(positionals);
  if (empty.length) throw new UsageError(`no .xlsx workbook in ${empty.join(', ')}`);
  const books = shard(found, values.shard);
  // One book given as a file: the report is that book's, as it always was.
  const single = positionals.length === 1 && found.length === 1 && found[0] === positionals[0] && values.shard === undefined;
  if (values.out && !single) throw new UsageError('--out writes one workbook: give exactly one');

  let reports: BookReport[];
  const entry = books.length > 1 && jobs > 1 ? workerEntry() : undefined;
  if (entry) reports = await runInWorkers(books, check, jobs, entry);
  else {
    reports = [];
    for (const f of books) reports.push(await runBook(f, check, limits, values.out ? (calc) => writeOut(calc, values.out!) : undefined));
  }
  const status = overall(reports.map((r) => r.status));

  if (single) {
    const [b] = reports;
    if (b.error !== undefined) {
      if (format === 'json') io.out(JSON.stringify({ file: b.file, status: 'error', error: b.error }));
      if (format === 'junit') io.out(junit(reports));
      io.err(`llm-market: ${b.error}`);
      return EXIT.unevaluable;
    }
    report(io, b, format, check, format === 'json' && check ? await datasetsInUse() : []);
    return check ? CODE[b.status] : EXIT.ok;
  }

  if (format === 'junit') io.out(junit(reports));
  else if (format === 'json') {
    io.out(JSON.stringify({ status, datasets: await datasetsInUse(), books: reports.map((b) => (b.error !== undefined ? { file: b.file, status: b.status, error: b.error } : { file: b.file, status: b.status, cells: b.cells, ...(check ? { differences: b.differences, unsupported: unsupportedList(b.cells) } : {}) })) }));
  } else {
    for (const b of reports) io.out(summary(b, check));
    for (const b of reports) {
      for (const d of b.differences) io.err(`differs: ${b.file} ${d.sheet}!${d.address} ${d.formula}: ${describe(d)}`);
    }
    const count = (s: BookStatus) => reports.filter((r) => r.status === s).length;
    const parts = [count('error') ? `${count('error')} could not be evaluated` : '', check && count('differences') ? `${count('differences')} with differences` : '', check && count('unsupported') ? `${count('unsupported')} with only unsupported cells` : ''].filter(Boolean);
    io.out(`${check ? 'check' : 'calc'}: ${plural(reports.length, 'workbook')}${parts.length ? `, ${parts.join(', ')}` : check ? ', every formula matches' : ''}`);
  }
  for (const b of reports) if (b.error !== undefined && format !== 'text') io.err(`llm-market: ${b.error}`);
  return status === 'error' ? EXIT.unevaluable : check ? CODE[status] : EXIT.ok;
}

async function writeOut(calc: Calculated, file: string): Promise<void> {
  const { writeResults } = await import('../engine/workbook');
  await writeResults(calc, file);
}

/** The editions of the datasets the LLM.* functions answer from (bundled, and any --data folders), for JSON reports. */
async function datasetsInUse(): Promise<string[]> {
  const [{ bundledMarket }, { datasetOf }] = await Promise.all([import('../core/bundled'), import('../data/datasets')]);
  const m = bundledMarket();
  return [...new Set([...m.facts.keys()].map((id) => datasetOf(m, id)).filter((d): d is string => !!d))];
}

/** One book's report, as `calc BOOK` has always printed it. */
function report(io: Io, b: BookReport, format: Format, check: boolean, datasets: string[] = []): void {
  const { cells, differences: diffs } = b;
  const unsupported = cells.filter((c) => c.unsupported);
  if (format === 'junit') io.out(junit([b]));
  else if (format === 'json') {
    io.out(JSON.stringify(check ? { file: b.file, status: b.status, datasets, cells, differences: diffs, unsupported: unsupportedList(cells) } : cells));
  } else {
    for (const c of cells) {
      const v = c.unsupported ? `unsupported: ${c.unsupported.reason} (Excel's value ${fmt(c.saved)} kept)` : c.error ? `${c.error.code} ${c.error.message}`.trim() : show(c.value);
      io.out(`${c.sheet}!${c.address} ${c.formula} → ${v}`);
    }
  }
  if (!check || format !== 'text') return;
  for (const d of diffs) io.err(`differs: ${d.sheet}!${d.address} ${d.formula}: ${describe(d)}`);
  for (const c of unsupported) io.err(`unsupported: ${c.sheet}!${c.address} ${c.formula}: ${c.unsupported!.reason}`);
  const counts = [diffs.length ? `${plural(diffs.length, 'cell')} differ` : '', unsupported.length ? `${plural(unsupported.length, 'formula')} unsupported` : ''].filter(Boolean);
  if (counts.length) io.err(`check: ${counts.join(', ')}`);
  else io.out(`check: all ${cells.length} formulas match the saved values`);
}
