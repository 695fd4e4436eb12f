/**
 * Headless recalculation of an .xlsx workbook: exceljs reads it, HyperFormula
 * (with the LLM.* plugin) recomputes every formula, and the results can be
 * compared with the values Excel last saved or written back as cached values.
 */
import ExcelJS from 'exceljs';
import { DetailedCellError, HyperFormula, RawCellContent } from 'hyperformula';
import { isoToSerial } from '../core/dates';
import { createEngine } from './index';
import { toEngineFormula } from './formula';

export type CellValue = number | string | boolean | null;

export interface FormulaCell {
  sheet: string;
  /** A1 address of the formula (the top-left corner of a spill). */
  address: string;
  formula: string;
  /** One value, or the spilled rows. */
  value: CellValue | CellValue[][];
  error?: { code: string; message: string };
  /** What the file held before recalculation (null when Excel saved nothing). */
  saved: CellValue | CellValue[][];
}

export class WorkbookError extends Error {
  override name = 'WorkbookError';
}

const colLetters = (c: number) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
export const a1 = (row: number, col: number) => `${colLetters(col)}${row + 1}`;

function parseRange(ref: string): { r0: number; c0: number; r1: number; c1: number } | undefined {
  const m = ref.replace(/\$/g, '').match(/^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i);
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r0 = Number(m[2]) - 1;
  const c0 = col(m[1]);
  return { r0, c0, r1: m[4] ? Number(m[4]) - 1 : r0, c1: m[3] ? col(m[3]) : c0 };
}

function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return isoToSerial(v.toISOString().slice(0, 10)) + (v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds()) / 86400;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return o.error;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text;
    if ('result' in o) return plain(o.result);
  }
  return String(v);
}

interface Loaded {
  workbook: ExcelJS.Workbook;
  sheets: Record<string, RawCellContent[][]>;
  formulas: { sheet: string; row: number; col: number; formula: string; spill?: { rows: number; cols: number }; saved: CellValue | CellValue[][] }[];
}

export async function loadWorkbook(file: string): Promise<Loaded> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    const why = (e as Error)?.message?.split('\n')[0] ?? String(e);
    throw new WorkbookError(`${file} is not a readable .xlsx workbook (${why})`);
  }
  if (workbook.worksheets.length === 0) throw new WorkbookError(`${file} has no worksheets`);
  const sheets: Loaded['sheets'] = {};
  const formulas: Loaded['formulas'] = [];
  for (const ws of workbook.worksheets) {
    const grid: RawCellContent[][] = [];
    const covered = new Set<string>();
    const cells: { row: number; col: number; cell: ExcelJS.Cell }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => cells.push({ row: r - 1, col: c - 1, cell })),
    );
    // Cells inside a spill hold Excel's cached results, not inputs: leave them to the formula.
    for (const { row, col, cell } of cells) {
      const v = cell.value as { shareType?: string; ref?: string } | null;
      if (cell.type === ExcelJS.ValueType.Formula && v?.shareType === 'array' && v.ref) {
        const r = parseRange(v.ref);
        if (r) for (let i = r.r0; i <= r.r1; i++) for (let j = r.c0; j <= r.c1; j++) if (i !== row || j !== col) covered.add(`${i},${j}`);
      }
    }
    const savedAt = new Map(cells.map((x) => [`${x.row},${x.col}`, x.cell]));
    for (const { row, col, cell } of cells) {
      if (covered.has(`${row},${col}`)) continue;
      (grid[row] ??= [])[col] = null;
      if (cell.type === ExcelJS.ValueType.Formula) {
        const f = cell.formula;
        if (!f) throw new WorkbookError(`${ws.name}!${a1(row, col)}: a formula cell without a formula`);
        const v = cell.value as { shareType?: string; ref?: string };
        const r = v.shareType === 'array' && v.ref ? parseRange(v.ref) : undefined;
        const spill = r ? { rows: r.r1 - r.r0 + 1, cols: r.c1 - r.c0 + 1 } : undefined;
        const saved = spill
          ? Array.from({ length: spill.rows }, (_, i) =>
              Array.from({ length: spill.cols }, (_, j) => {
                const c = savedAt.get(`${row + i},${col + j}`);
                return c ? plain(i === 0 && j === 0 ? c.result : c.value) : null;
              }),
            )
          : plain(cell.result);
        formulas.push({ sheet: ws.name, row, col, formula: f, spill, saved });
        grid[row][col] = toEngineFormula(f);
      } else {
        grid[row][col] = plain(cell.value) as RawCellContent;
      }
    }
    sheets[ws.name] = Array.from({ length: grid.length }, (_, i) => grid[i] ?? []);
  }
  return { workbook, sheets, formulas };
}

function out(v: unknown): { value: CellValue; error?: { code: string; message: string } } {
  if (v instanceof DetailedCellError) return { value: v.value, error: { code: v.value, message: v.message ?? '' } };
  return { value: (v ?? null) as CellValue };
}

/** Recomputes every formula of a workbook. */
export async function calcWorkbook(file: string): Promise<{ loaded: Loaded; cells: FormulaCell[] }> {
  const loaded = await loadWorkbook(file);
  let hf: HyperFormula;
  try {
    hf = createEngine(loaded.sheets);
  } catch (e) {
    throw new WorkbookError(`${file} cannot be evaluated: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}`);
  }
  try {
    const cells: FormulaCell[] = loaded.formulas.map((f) => {
      const sheet = hf.getSheetId(f.sheet)!;
      const top = out(hf.getCellValue({ sheet, row: f.row, col: f.col }));
      const base = { sheet: f.sheet, address: a1(f.row, f.col), formula: `=${f.formula}`, saved: f.saved };
      if (top.error || !hf.isCellPartOfArray({ sheet, row: f.row, col: f.col })) {
        return { ...base, value: top.value, ...(top.error ? { error: top.error } : {}) };
      }
      // A spill: evaluate the formula on its own to get exactly its rows (neighbouring spills
      // are indistinguishable cell by cell).
      const whole = hf.calculateFormula(toEngineFormula(f.formula), sheet);
      const rows: CellValue[][] = Array.isArray(whole) ? whole.map((r) => r.map((c) => out(c).value)) : [[out(whole).value]];
      return { ...base, value: rows };
    });
    return { loaded, cells };
  } finally {
    hf.destroy();
  }
}

const same = (a: CellValue, b: CellValue) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;

/** Cells whose recomputed value differs from the saved one, with both values. */
export function differences(cells: FormulaCell[]): { sheet: string; address: string; formula: string; saved: CellValue; now: CellValue }[] {
  const diffs: ReturnType<typeof differences> = [];
  for (const c of cells) {
    const now = Array.isArray(c.value) ? c.value : [[c.value]];
    const saved = Array.isArray(c.saved) ? c.saved : [[c.saved]];
    const [r0, c0] = [Number(c.address.match(/\d+/)![0]) - 1, c.address.match(/^[A-Z]+/)![0]];
    const col0 = [...c0].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const rows = Math.max(now.length, saved.length);
    for (let i = 0; i < rows; i++) {
      const cols = Math.max(now[i]?.length ?? 0, saved[i]?.length ?? 0);
      for (let j = 0; j < cols; j++) {
        const a = saved[i]?.[j] ?? null;
        const b = now[i]?.[j] ?? null;
        if (!same(a, b)) diffs.push({ sheet: c.sheet, address: a1(r0 + i, col0 + j), formula: c.formula, saved: a, now: b });
      }
    }
  }
  return diffs;
}

/** Writes recomputed values into the workbook as the formulas' cached results. */
export async function writeResults(loaded: Loaded, cells: FormulaCell[], file: string): Promise<void> {
  for (const c of cells) {
    const ws = loaded.workbook.getWorksheet(c.sheet)!;
    const cell = ws.getCell(c.address);
    const formula = c.formula.slice(1);
    const toResult = (v: CellValue) => (c.error && v === c.value ? { error: c.error.code } : v);
    if (Array.isArray(c.value)) {
      const rows = c.value;
      const end = a1(cell.fullAddress.row - 1 + rows.length - 1, cell.fullAddress.col - 1 + (rows[0]?.length ?? 1) - 1);
      cell.value = { formula, result: rows[0]?.[0] ?? undefined, shareType: 'array', ref: `${c.address}:${end}` } as ExcelJS.CellValue;
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (i || j) ws.getCell(cell.fullAddress.row + i, cell.fullAddress.col + j).value = v as ExcelJS.CellValue;
        }),
      );
    } else {
      cell.value = { formula, result: toResult(c.value) ?? undefined } as ExcelJS.CellValue;
    }
  }
  await loaded.workbook.xlsx.writeFile(file);
}
