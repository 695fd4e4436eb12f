/**
 * Plan stage: the raw book → what the engine is given and what each formula
 * cell is to be judged against. Per formula cell: the formula as the engine
 * must read it (Excel's storage prefixes dropped, defined names planned —
 * calc/names.ts), its support triage (calc/triage.ts), and for a spill the
 * range and values Excel saved (the engine sizes the spill from them, see
 * spillHints.ts). Nothing is evaluated here.
 */
import type { ConfigParams, SerializedNamedExpression } from 'hyperformula';
import { DATE1904_CONFIG, register } from '../index';
import { toEngineFormula } from '../formula';
import { registeredFunctions } from '../support';
import type { Range } from '../xlsx/refs';
import type { XBook, XCell } from '../xlsx/read';
import { registerExcelErrors, rewriteErrorLiterals } from './excelErrors';
import { REFERENCE, planNames } from './names';
import { Triage, Unsupported } from './triage';
import { legacyFormula, legacyArrayFormula, registeredShapes, registerLegacyArrays, ShapeOf } from './intersection';
import { rewriteStructuredRefs } from './structuredRefs';
import { rewriteRangeOperators } from './rangeOps';
import { inlineLambdaNames, lambdaNames } from './lambdaNames';
import { SharedPlans } from './sharedFormulas';
import { readTables, XTable } from '../xlsx/tables';
import type { CellValue } from './types';

export interface CellPlan {
  /** The sheet's name and its id in the engine. */
  sheet: string;
  sheetId: number;
  cell: XCell;
  /** The formula as the engine reads it (after every rewrite). */
  text: string;
  /** Set when the engine cannot evaluate the cell: it then holds Excel's saved value. */
  unsupported?: Unsupported;
  /** For an array formula (`t="array"`): the values Excel saved over its range, row by row. */
  savedRows?: CellValue[][];
}

export interface SheetPlan {
  name: string;
  id: number;
  /** Every cell with a value or a formula, as read. */
  cells: XCell[];
}

export interface BookPlan {
  book: XBook;
  /** In engine order: a sheet's id is its index. */
  sheets: SheetPlan[];
  /** Every formula cell, in reading order. */
  cells: CellPlan[];
  /** The defined names as the engine's named expressions. */
  names: SerializedNamedExpression[];
  /** Engine configuration the workbook asks for (its date system). */
  config: Partial<ConfigParams>;
  /** Excel's spelling of a name the engine knows by an internal one. */
  excelName(name: string): string;
}

const key = (row: number, col: number) => row * 16384 + col;

/** The values Excel saved over a spill's range, row by row (null where it saved nothing). */
function savedOver(r: Range, at: ReadonlyMap<number, XCell>): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let i = r.r0; i <= r.r1; i++) {
    const row: CellValue[] = [];
    for (let k = r.c0; k <= r.c1; k++) row.push(at.get(key(i, k))?.saved ?? null);
    rows.push(row);
  }
  return rows;
}

export function planBook(book: XBook): BookPlan {
  register(); // the function registry must hold our plugins before support is judged
  registerExcelErrors();
  registerLegacyArrays(); // XL.LEGACYARRAY, for legacy array formulas (calc/intersection.ts)
  const names = planNames(book);
  // HyperFormula numbers sheets in the order it iterates the keys of the object it is built from
  // (a sheet named "123" comes first: JavaScript puts integer-like keys before the others).
  const keys: Record<string, true> = {};
  for (const s of book.sheets) keys[s.name] = true;
  const ids = new Map(Object.keys(keys).map((n, i) => [n, i]));
  const sheets: SheetPlan[] = book.sheets.map((s) => ({ name: s.name, id: ids.get(s.name)!, cells: s.cells }));
  const triage = new Triage(
    sheets.map((s) => s.name),
    registeredFunctions(),
    book.limits,
  );
  const cells: CellPlan[] = [];
  const tables = readTables(book); // Excel tables, for structured references
  const shapes = registeredShapes(); // which arguments take one value, for implicit intersection
  const shared = new SharedPlans<Unsupported>();
  const lambdas = lambdaNames(book.names); // names holding a LAMBDA, called as functions (calc/lambdaNames.ts)
  try {
    for (const s of sheets) {
      let at: Map<number, XCell> | undefined;
      for (const cell of s.cells) {
        if (cell.formula === undefined) continue;
        // A cell filled from a shared formula takes its group's first cell's plan, moved (calc/sharedFormulas.ts).
        const reused = shared.reuse(s.name, cell);
        let text: string;
        let unsupported: Unsupported | undefined;
        if (reused) ({ text, unsupported } = reused);
        else {
          const made = engineFormula(cell, s.name, names.rewrite, tables, shapes, lambdas);
          text = made.text;
          unsupported = triage.judge(text);
          shared.remember(s.name, cell, { text, unsupported }, made.movable);
        }
        const plan: CellPlan = { sheet: s.name, sheetId: s.id, cell, text };
        if (unsupported) plan.unsupported = unsupported;
        if (cell.array) {
          at ??= new Map(s.cells.map((c) => [key(c.row, c.col), c]));
          plan.savedRows = savedOver(cell.array, at);
        }
        cells.push(plan);
      }
    }
  } finally {
    triage.destroy();
  }
  return {
    book,
    sheets,
    cells,
    names: names.expressions(new Map(sheets.map((s) => [s.name, s.id]))),
    config: book.date1904 ? DATE1904_CONFIG : {},
    excelName: names.excelName,
  };
}

/**
 * The formula as the engine must read it. Every rewrite of formula text
 * happens here, in this order:
 * 1. Excel's storage form → HyperFormula's (toEngineFormula: `_xlfn.`
 *    prefixes, exponents, LET, string escapes); error literals HyperFormula
 *    lacks (`#NULL!`) as values it can hold (calc/excelErrors.ts);
 * 2. defined names: reference names written in, refused names renamed;
 * 3. a bare range that Excel spills (`=A1:B3`) gets a unary `+`, the form
 *    HyperFormula accepts.
 * (Structured references to Excel tables and implicit intersection for
 * formulas saved without dynamic-array metadata are rewrites of the same
 * kind and belong in this function.)
 */
function engineFormula(cell: XCell, sheet: string, rewriteNames: (formula: string, sheet: string) => string, tables: readonly XTable[], shapes: ShapeOf, lambdas: ReturnType<typeof lambdaNames>): { text: string; movable: boolean } {
  // Calls of names holding a LAMBDA, as the LET they mean (calc/lambdaNames.ts); then structured
  // references, on Excel's own text (calc/structuredRefs.ts).
  const structured = rewriteStructuredRefs(inlineLambdaNames(cell.formula!, lambdas), { sheet, row: cell.row, col: cell.col }, tables);
  const engine = rewriteErrorLiterals(toEngineFormula(structured));
  // Intersections of literal ranges, computed (calc/rangeOps.ts).
  let text = rewriteRangeOperators(engine);
  const named = rewriteNames(text, sheet);
  // Whether every rewrite here is independent of where the formula is (calc/sharedFormulas.ts).
  const movable = structured === cell.formula && named === text && text === engine;
  text = named;
  if (cell.array && text.includes(':') && REFERENCE.test(text.slice(1).trim())) text = `=+${text.slice(1).trim()}`;
  // Saved without t="array": a legacy formula, implicitly intersected as in Excel (calc/intersection.ts).
  if (!cell.array) text = legacyFormula(text, shapes);
  else if (!cell.dynamic) text = legacyArrayFormula(text, cell.array.r1 - cell.array.r0 + 1, cell.array.c1 - cell.array.c0 + 1);
  return { text, movable };
}
