/**
 * Headless recalculation of an .xlsx workbook as Excel saved it, as a
 * pipeline of stages under src/engine/calc/:
 *
 * 1. read     (calc/read.ts)     the file → every cell's saved value and formula, names, date system;
 * 2. plan     (calc/plan.ts)     names (calc/names.ts), shared formulas, spills and their saved sizes,
 *                                support triage (calc/triage.ts), formula rewriting → a plan per cell;
 * 3. evaluate (calc/evaluate.ts) HyperFormula (with the LLM.* and Excel plugins) built on the plan;
 *                                a cell that throws inside the engine is isolated (calc/isolate.ts);
 * 4. report   (calc/report.ts)   each formula cell's value, or why it is unsupported; `differences`
 *                                compares with the saved values.
 *
 * The results can also be patched into the file as its cached values (xlsx/write.ts).
 */
import { DEFAULT_LIMITS, XlsxLimits } from './xlsx/limits';
import type { XBook } from './xlsx/read';
import { a1 } from './xlsx/refs';
import { Patch, isExcelError, writeXlsx } from './xlsx/write';
import { readBook } from './calc/read';
import { planBook } from './calc/plan';
import { evaluatePlan } from './calc/evaluate';
import { differences, reportCells, same, verdicts } from './calc/report';
import { Calculated, WorkbookError, firstLine } from './calc/types';

export { a1, DEFAULT_LIMITS, differences, verdicts, WorkbookError };
export type { XlsxLimits };
export type { CellValue, Calculated, Difference, FormulaCell, Verdict } from './calc/types';
export type { CellVerdict } from './calc/report';

/** Reads a workbook (bounded by `limits`); every failure is a WorkbookError with a one-line message. */
export function loadWorkbook(file: string, caps: Partial<XlsxLimits> = {}): Promise<XBook> {
  return readBook(file, caps);
}

/** Recomputes every formula of a workbook: read, plan, evaluate, report. */
export async function calcWorkbook(file: string, limits: Partial<XlsxLimits> = {}): Promise<Calculated> {
  const book = await readBook(file, limits);
  const plan = planBook(book);
  const evaluation = evaluatePlan(plan);
  try {
    return { book, cells: reportCells(plan, evaluation) };
  } finally {
    evaluation.engine.destroy();
  }
}

const grid = <T>(v: T | T[][]): T[][] => (Array.isArray(v) ? v : [[v]]);

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
    throw new WorkbookError(`cannot write ${file} (${firstLine(e)})`, 'write');
  }
}
