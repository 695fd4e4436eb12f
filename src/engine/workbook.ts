/**
 * Headless recalculation of an .xlsx workbook as Excel saved it: the raw
 * reader (xlsx/read.ts) gives every cell's saved value and formula,
 * HyperFormula (with the LLM.* plugin) recomputes every formula — defined
 * names as named expressions, spills sized as Excel sized them, the
 * workbook's date system — and the results are compared with the saved values
 * or patched into the file as its cached values (xlsx/write.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { DetailedCellError, ErrorType, HyperFormula, RawCellContent } from 'hyperformula';
import { DATE1904_CONFIG, ENGINE_CONFIG, createEngine, register } from './index';
import { toEngineFormula } from './formula';
import { hintKey, withSpillHints } from './spillHints';
import { registeredFunctions, unsupportedFunctions } from './support';
import { DEFAULT_LIMITS, LimitError, XlsxLimits } from './xlsx/limits';
import { XBook, XCell, XlsxError, readXlsx } from './xlsx/read';
import { a1, formulaDepth, rangeText } from './xlsx/refs';
import { Patch, isExcelError, writeXlsx } from './xlsx/write';
import { ZipFormatError } from './xlsx/zip';
import { REFERENCE, planNames } from './calc/names';

export { a1, DEFAULT_LIMITS };
export type { XlsxLimits };
export type CellValue = number | string | boolean | null;

export interface FormulaCell {
  sheet: string;
  /** A1 address of the formula (the top-left corner of a spill). */
  address: string;
  formula: string;
  /** One value, or the spilled rows. For an unsupported cell, the value Excel saved. */
  value: CellValue | CellValue[][];
  error?: { code: string; message: string };
  /** What the file held before recalculation (null when Excel saved nothing). */
  saved: CellValue | CellValue[][];
  /** Set when the engine cannot evaluate this cell: Excel's value stands. */
  unsupported?: { functions: string[]; reason: string };
  /** A spill whose recomputed size differs from the range Excel saved. */
  spill?: { saved: string; now: string };
}

export interface Calculated {
  book: XBook;
  cells: FormulaCell[];
}

export class WorkbookError extends Error {
  override name = 'WorkbookError';
}

/** A formula's result as Excel shows it: a reference to an empty cell gives 0, not nothing. */
const shown = (v: CellValue): CellValue => (v === null ? 0 : v);

const firstLine = (e: unknown) => ((e as Error)?.message ?? String(e)).split('\n')[0];

function out(v: unknown): { value: CellValue; error?: { code: string; message: string }; parseError?: boolean } {
  if (v instanceof DetailedCellError) return { value: v.value, error: { code: v.value, message: v.message ?? '' }, parseError: v.type === ErrorType.ERROR };
  return { value: (v ?? null) as CellValue };
}

let scratch: HyperFormula | undefined;
/**
 * Whether the engine's parser gets through a long or deep formula without
 * overflowing the stack (one such formula would otherwise abort the whole
 * build). Evaluated on an empty scratch sheet: only its shape matters here. Tried a few hundred frames deeper than the build will parse it, for margin.
 */
function parses(formula: string): boolean {
  // Parsing alone is not enough: dependency collection and evaluation walk the tree recursively too.
  scratch ??= HyperFormula.buildFromSheets({ S: [] }, { ...ENGINE_CONFIG });
  const deeper = (n: number): boolean => (n > 0 ? deeper(n - 1) && true : (scratch!.calculateFormula(formula, 0), true));
  try {
    return deeper(300);
  } catch (e) {
    // Anything else (a sheet the scratch engine lacks, say) is for the real build to judge.
    return !(e instanceof RangeError);
  }
}

/** Reads a workbook (bounded by `limits`); every failure is a WorkbookError with a one-line message. */
export async function loadWorkbook(file: string, caps: Partial<XlsxLimits> = {}): Promise<XBook> {
  const limits: XlsxLimits = { ...DEFAULT_LIMITS, ...caps };
  let data: Uint8Array;
  try {
    // A zip is never larger than what it inflates to (beyond a few headers): a file over the cap is refused unread.
    if ((await stat(file)).size > limits.maxInflatedBytes) {
      throw new LimitError(`${file} is larger than ${Math.round(limits.maxInflatedBytes / 1048576)} MiB (the cap on a workbook's uncompressed size); calc stops here`);
    }
    data = await readFile(file);
  } catch (e) {
    if (e instanceof LimitError) throw new WorkbookError(e.message);
    throw new WorkbookError(`cannot read ${file} (${firstLine(e)})`);
  }
  try {
    return readXlsx(file, data, limits);
  } catch (e) {
    if (e instanceof XlsxError || e instanceof LimitError) throw new WorkbookError(e.message);
    if (e instanceof ZipFormatError) throw new WorkbookError(`${file} is not a readable .xlsx workbook (${e.message})`);
    if (e instanceof RangeError) throw new WorkbookError(`${file} cannot be read (${firstLine(e)})`);
    throw e;
  }
}

/** Recomputes every formula of a workbook. */
export async function calcWorkbook(file: string, limits: Partial<XlsxLimits> = {}): Promise<Calculated> {
  const book = await loadWorkbook(file, limits);
  register(); // the function registry must hold our plugins before support is judged
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const s of book.sheets) sheets[s.name] = [];
  // HyperFormula numbers sheets in the order it iterates the object's keys.
  const ids = new Map(Object.keys(sheets).map((n, i) => [n, i]));
  const hints = new Map<string, [number, number]>();
  type Job = { sheet: string; id: number; cell: XCell; unsupported?: FormulaCell['unsupported']; savedRows?: CellValue[][] };
  const jobs: Job[] = [];
  const engineText = new Map<XCell, string>();

  // Defined names: reference names written in, names the engine refuses renamed (calc/names.ts).
  const namePlan = planNames(book);
  const inline = namePlan.rewrite;

  // HyperFormula's registry, read once per workbook, not once per formula cell.
  const known = registeredFunctions();
  for (const s of book.sheets) {
    const id = ids.get(s.name)!;
    const grid: RawCellContent[][] = sheets[s.name];
    const put = (row: number, col: number, v: RawCellContent) => ((grid[row] ??= [])[col] = v);
    const arrays: Job[] = [];
    for (const cell of s.cells) {
      if (cell.formula === undefined) continue;
      const job: Job = { sheet: s.name, id, cell };
      let ef = inline(toEngineFormula(cell.formula), s.name);
      // Excel spills a bare range (=A1:B3); HyperFormula refuses one unless an operator applies to it.
      if (cell.array && ef.includes(':') && REFERENCE.test(ef.slice(1).trim())) ef = `=+${ef.slice(1).trim()}`;
      engineText.set(cell, ef);
      const depth = formulaDepth(ef);
      const missing = unsupportedFunctions(ef, known);
      if (depth > book.limits.maxFormulaDepth) {
        job.unsupported = { functions: [], reason: `parentheses nest ${depth} deep; the engine's parser handles at most ${book.limits.maxFormulaDepth}` };
      } else if ((ef.length > 400 || depth > 40) && !parses(ef)) {
        job.unsupported = { functions: [], reason: `the formula is too deeply nested for the engine's parser (long chains of operators count too)` };
      } else if (missing.length) {
        job.unsupported = { functions: missing.map((m) => m.name), reason: missing.map((m) => m.reason).join('; ') };
      }
      jobs.push(job);
      if (cell.array) arrays.push(job);
    }
    // Cells inside a spill hold Excel's cached results, not inputs: they are the formula's to fill.
    const covered = new Set<number>();
    const key = (row: number, col: number) => row * 16384 + col;
    if (arrays.length) {
      const at = new Map(s.cells.map((c) => [key(c.row, c.col), c]));
      for (const j of arrays) {
        const r = j.cell.array!;
        j.savedRows = [];
        for (let i = r.r0; i <= r.r1; i++) {
          const row: CellValue[] = [];
          for (let k = r.c0; k <= r.c1; k++) {
            const c = at.get(key(i, k));
            row.push(c?.saved ?? null);
            if (!j.unsupported && (i !== j.cell.row || k !== j.cell.col)) covered.add(key(i, k));
          }
          j.savedRows.push(row);
        }
        if (!j.unsupported) hints.set(hintKey({ sheet: id, row: j.cell.row, col: j.cell.col }), [r.r1 - r.r0 + 1, r.c1 - r.c0 + 1]);
      }
    }
    const unsupportedAt = new Set(jobs.filter((j) => j.sheet === s.name && j.unsupported).map((j) => key(j.cell.row, j.cell.col)));
    for (const c of s.cells) {
      const k = key(c.row, c.col);
      if (covered.has(k)) continue;
      if (c.formula !== undefined && !unsupportedAt.has(k)) put(c.row, c.col, engineText.get(c)!);
      // An unsupported formula's cell holds what Excel computed, so its dependents compute as in Excel.
      else if (c.saved !== null) put(c.row, c.col, c.text ? `'${c.saved}` : (c.saved as RawCellContent));
    }
  }
  // Rows the sheet leaves empty share one empty array (a sheet may reach row 1,048,576).
  const EMPTY: RawCellContent[] = [];
  for (const name of Object.keys(sheets)) {
    const g = sheets[name];
    for (let i = 0; i < g.length; i++) if (!g[i]) g[i] = EMPTY;
  }

  const names = namePlan.expressions(ids);

  const observed = new Map<string, [number, number]>();
  let hf: HyperFormula;
  try {
    hf = withSpillHints(hints, () => createEngine(sheets, book.date1904 ? DATE1904_CONFIG : {}, names), observed);
  } catch (e) {
    throw new WorkbookError(`${file} cannot be evaluated: ${firstLine(e)}`);
  }
  try {
    const cells = jobs.map((j) => result(hf, j, observed));
    return { book, cells };
  } finally {
    hf.destroy();
  }

  function result(hf: HyperFormula, j: Job, observed: Map<string, [number, number]>): FormulaCell {
    const { cell } = j;
    const saved: CellValue | CellValue[][] = j.savedRows && j.savedRows.length * j.savedRows[0].length > 1 ? j.savedRows : cell.saved;
    const base = { sheet: j.sheet, address: a1(cell.row, cell.col), formula: `=${cell.formula}`, saved };
    if (j.unsupported) return { ...base, value: saved, unsupported: j.unsupported };
    const at = { sheet: j.id, row: cell.row, col: cell.col };
    const { parseError, ...top } = out(hf.getCellValue(at));
    if (parseError) {
      return { ...base, value: saved, unsupported: { functions: [], reason: `the engine cannot parse this formula (${top.error?.message || 'parse error'})` } };
    }
    // A name the engine does not know (an Excel table such as `Ranking`, or a name it could not
    // read) is the engine's gap, not a different answer: Excel saved a value for it.
    const unknownName = top.error?.code === '#NAME?' ? /Named expression (\S+) not recognized/i.exec(top.error.message) : null;
    if (unknownName && firstSaved(saved) !== '#NAME?') {
      return { ...base, value: saved, unsupported: { functions: [], reason: `the engine does not know the name ${namePlan.excelName(unknownName[1])} (an Excel table, or a name it could not read)` } };
    }
    if (cell.array) {
      const r = cell.array;
      const rows = r.r1 - r.r0 + 1;
      const cols = r.c1 - r.c0 + 1;
      const now = observed.get(hintKey(at));
      const spill = now && (now[0] !== rows || now[1] !== cols) ? { saved: rangeText(r), now: rangeText({ r0: r.r0, c0: r.c0, r1: r.r0 + now[0] - 1, c1: r.c0 + now[1] - 1 }) } : undefined;
      if (rows * cols === 1) return { ...base, value: shown(top.value), ...(top.error ? { error: top.error } : {}), ...(spill ? { spill } : {}) };
      const values: CellValue[][] = [];
      for (let i = 0; i < rows; i++) {
        const row: CellValue[] = [];
        for (let k = 0; k < cols; k++) row.push(shown(i === 0 && k === 0 ? top.value : out(hf.getCellValue({ sheet: j.id, row: r.r0 + i, col: r.c0 + k })).value));
        values.push(row);
      }
      return { ...base, value: values, ...(top.error ? { error: top.error } : {}), ...(spill ? { spill } : {}) };
    }
    if (top.error || !hf.isCellPartOfArray(at)) return { ...base, value: shown(top.value), ...(top.error ? { error: top.error } : {}) };
    // A spill Excel did not save as one (no t="array"): evaluate the formula on its own to get
    // exactly its rows (neighbouring spills are indistinguishable cell by cell).
    const whole = hf.calculateFormula(engineText.get(cell)!, j.id);
    const value: CellValue[][] = Array.isArray(whole) ? whole.map((r) => r.map((c) => out(c).value)) : [[out(whole).value]];
    return { ...base, value };
  }
}

const firstSaved = (v: CellValue | CellValue[][]): CellValue => (Array.isArray(v) ? v[0]?.[0] ?? null : v);

const same = (a: CellValue, b: CellValue) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;

export interface Difference {
  sheet: string;
  address: string;
  /** The formula's own cell (the top-left corner when the difference is inside a spill). */
  anchor: string;
  formula: string;
  saved: CellValue;
  now: CellValue;
  /** For a spill that changed size: "spill grew from A1:B3 to A1:B5". */
  message?: string;
}

const grid = (v: CellValue | CellValue[][]) => (Array.isArray(v) ? v : [[v]]);

/** Cells whose recomputed value differs from the saved one, with both values. Unsupported cells are never differences. */
export function differences(cells: FormulaCell[]): Difference[] {
  const diffs: Difference[] = [];
  for (const c of cells) {
    if (c.unsupported) continue;
    if (c.spill) {
      const area = (t: string) => {
        const [p, q = p] = t.split(':');
        const n = (s: string) => Number(s.match(/\d+/)![0]);
        const l = (s: string) => [...s.match(/^[A-Z]+/)![0]].reduce((x, ch) => x * 26 + ch.charCodeAt(0) - 64, 0);
        return (n(q) - n(p) + 1) * (l(q) - l(p) + 1);
      };
      const verb = area(c.spill.now) > area(c.spill.saved) ? 'grew' : area(c.spill.now) < area(c.spill.saved) ? 'shrank' : 'changed shape';
      diffs.push({ sheet: c.sheet, address: c.address, anchor: c.address, formula: c.formula, saved: null, now: null, message: `spill ${verb} from ${c.spill.saved} to ${c.spill.now}` });
      continue;
    }
    const now = grid(c.value);
    const saved = grid(c.saved);
    const [r0, col0] = [Number(c.address.match(/\d+/)![0]) - 1, [...c.address.match(/^[A-Z]+/)![0]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1];
    const rows = Math.max(now.length, saved.length);
    for (let i = 0; i < rows; i++) {
      const cols = Math.max(now[i]?.length ?? 0, saved[i]?.length ?? 0);
      for (let j = 0; j < cols; j++) {
        const a = saved[i]?.[j] ?? null;
        const b = now[i]?.[j] ?? null;
        if (!same(a, b)) diffs.push({ sheet: c.sheet, address: a1(r0 + i, col0 + j), anchor: c.address, formula: c.formula, saved: a, now: b });
      }
    }
  }
  return diffs;
}

/**
 * The workbook with recomputed values as the formulas' cached values: only
 * `<v>` and `t` of cells whose value changed; cells the engine cannot
 * evaluate, and spills whose size changed (Excel must lay those out), keep
 * what Excel saved.
 */
export function resultBytes(calc: Calculated): Uint8Array {
  const patches = new Map<string, Map<string, Patch>>();
  const errors = new Map<string, Set<string>>();
  for (const c of calc.cells) {
    if (c.unsupported || c.spill) continue;
    const p = patches.get(c.sheet) ?? patches.set(c.sheet, new Map()).get(c.sheet)!;
    const e = errors.get(c.sheet) ?? errors.set(c.sheet, new Set()).get(c.sheet)!;
    const now = grid(c.value);
    const saved = grid(c.saved);
    const r0 = Number(c.address.match(/\d+/)![0]) - 1;
    const col0 = [...c.address.match(/^[A-Z]+/)![0]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    now.forEach((row, i) =>
      row.forEach((v, j) => {
        if (same(saved[i]?.[j] ?? null, v)) return;
        const addr = a1(r0 + i, col0 + j);
        const isError = i === 0 && j === 0 ? !!c.error : typeof v === 'string' && isExcelError(v);
        if (isError) e.add(addr);
        p.set(addr, { value: v, formula: i === 0 && j === 0 });
      }),
    );
  }
  return writeXlsx(calc.book, patches, errors);
}

/** Writes `resultBytes` to a file. */
export async function writeResults(calc: Calculated, file: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(file, resultBytes(calc));
  } catch (e) {
    throw new WorkbookError(`cannot write ${file} (${firstLine(e)})`);
  }
}
