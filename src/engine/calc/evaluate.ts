/**
 * Evaluate stage: the plan → a built HyperFormula engine holding every
 * workbook cell. A formula cell the plan judged unsupported holds the value
 * Excel saved, so its dependents compute from Excel's value. A cell whose
 * evaluation throws inside the engine (which would abort the whole build) is
 * found on scratch engines (calc/isolate.ts) and held at Excel's value too;
 * a defined name that throws is left out. Only a build that fails with no
 * formula and no name at all ends the book (WorkbookError).
 */
import type { HyperFormula, RawCellContent, SerializedNamedExpression } from 'hyperformula';
import { createEngine } from '../index';
import { isParseError } from '../hf/internals';
import { errorInput } from './excelErrors';
import { formulaLookup, hintKey, withSpillHints, withWorkbookFormulas } from '../spillHints';
import { bookCharacterSet, withCharacterSet } from '../excel/charset';
import { Isolated, isolateGroups, isolatePrefix } from './isolate';
import { Dependencies, dependencies } from './order';
import type { BookPlan, CellPlan } from './plan';
import type { XCell } from '../xlsx/read';
import { WorkbookError, firstLine } from './types';
import { CycleCandidate, bookIterationSettings, inCycle, resolveCycles } from './iterate';

export interface Evaluation {
  engine: HyperFormula;
  /** Spill sizes the functions really produced (hintKey → [rows, cols]), for the spills Excel saved. */
  observed: Map<string, [number, number]>;
  /** Formula cells held at Excel's value because evaluating them threw inside the engine, with why. */
  failed: Map<CellPlan, string>;
  /** Of those, the cells whose text outgrew what JavaScript can hold (Excel's own limit is 32,767 characters). */
  tooLong: Set<CellPlan>;
  /** Defined names left out because the engine threw on them (their uses are then unknown names). */
  droppedNames: Map<string, string>;
}

const key = (row: number, col: number) => row * 16384 + col;

/** A saved value as a cell input: text stays text (never read as a number or date); an error Excel has and HyperFormula lacks (#NULL!) stays an error. */
const input = (saved: unknown, text: boolean | undefined): RawCellContent => (text ? `'${saved}` : errorInput(saved) ?? (saved as RawCellContent));

/** The engine's sheets: `active` formula cells as formulas, every other cell as the value Excel saved. */
function grids(plan: BookPlan, active: ReadonlySet<CellPlan>): { sheets: Record<string, RawCellContent[][]>; hints: Map<string, [number, number]> } {
  const sheets: Record<string, RawCellContent[][]> = {};
  const hints = new Map<string, [number, number]>();
  const planOf = new Map<string, Map<number, CellPlan>>();
  for (const p of active) (planOf.get(p.sheet) ?? planOf.set(p.sheet, new Map()).get(p.sheet)!).set(key(p.cell.row, p.cell.col), p);
  // Rows the sheet leaves empty share one empty array (a sheet may reach row 1,048,576).
  const EMPTY: RawCellContent[] = [];
  for (const s of plan.sheets) {
    const grid: RawCellContent[][] = [];
    const formulas = planOf.get(s.name);
    // Cells inside a spill hold Excel's cached results, not inputs: they are the formula's to fill.
    const covered = new Set<number>();
    if (formulas) {
      for (const p of formulas.values()) {
        const r = p.cell.array;
        if (!r) continue;
        for (let i = r.r0; i <= r.r1; i++) for (let k = r.c0; k <= r.c1; k++) if (i !== p.cell.row || k !== p.cell.col) covered.add(key(i, k));
        hints.set(hintKey({ sheet: s.id, row: p.cell.row, col: p.cell.col }), [r.r1 - r.r0 + 1, r.c1 - r.c0 + 1]);
      }
    }
    for (const c of s.cells) {
      const k = key(c.row, c.col);
      if (covered.has(k)) continue;
      const p = formulas?.get(k);
      // An unsupported or failing formula's cell holds what Excel computed, so its dependents compute as in Excel.
      const v = p ? p.text : c.saved !== null ? input(c.saved, c.text) : undefined;
      if (v !== undefined) (grid[c.row] ??= [])[c.col] = v;
    }
    for (let i = 0; i < grid.length; i++) if (!grid[i]) grid[i] = EMPTY;
    sheets[s.name] = grid;
  }
  return { sheets, hints };
}

/**
 * Builds the engine with `active` formula cells and `names`. With `readBack`,
 * every active cell's value is read too (a value the engine never computed
 * throws here, in the cell that has it, not later in a dependent's).
 */
function build(plan: BookPlan, active: ReadonlySet<CellPlan>, names: SerializedNamedExpression[], observed?: Map<string, [number, number]>, readBack = false): HyperFormula {
  const { sheets, hints } = grids(plan, active);
  // (Iterative calculation, when the workbook's calcPr asks for it, is a way of building this engine.)
  // CHAR and CODE use the character set of the application that saved the book (excel/charset.ts).
  // FORMULATEXT reads the formula Excel saved, also for a cell the engine holds as a value (unsupported).
  const engine = withWorkbookFormulas(formulaLookup(plan.sheets), () =>
    withCharacterSet(bookCharacterSet(plan.book), () => withSpillHints(hints, () => createEngine(sheets, plan.config, names), observed)),
  );
  if (readBack) {
    try {
      for (const p of active) engine.getCellValue({ sheet: p.sheetId, row: p.cell.row, col: p.cell.col });
    } catch (e) {
      engine.destroy();
      throw e;
    }
  }
  return engine;
}

/** Undefined when the engine builds with these cells and names, else what it threw. */
function attempt(plan: BookPlan, active: ReadonlySet<CellPlan>, names: SerializedNamedExpression[]): string | undefined {
  try {
    build(plan, active, names, undefined, true).destroy();
    return undefined;
  } catch (e) {
    return firstLine(e) || String(e);
  }
}

/** `group` and every formula cell it reads, directly or not, except `without`. */
function closure(group: readonly CellPlan[], deps: Dependencies, without: ReadonlyMap<CellPlan, unknown>): Set<CellPlan> {
  const out = new Set<CellPlan>();
  const todo = group.filter((p) => !without.has(p));
  for (const p of todo) out.add(p);
  while (todo.length) {
    for (const q of deps.precedents(todo.pop()!)) {
      if (out.has(q) || without.has(q)) continue;
      out.add(q);
      todo.push(q);
    }
  }
  return out;
}

/**
 * The formula cells that throw when evaluated alone against Excel's saved
 * values: one engine holds every cell at its saved value, and each formula is
 * run there and forgotten (HyperFormula's calculateFormula). Cheap, and right
 * for a cell that throws on its own inputs; a cell that throws only on
 * recomputed inputs is left for the bisection.
 */
function screen(plan: BookPlan, cells: readonly CellPlan[], names: SerializedNamedExpression[]): CellPlan[] {
  let engine: HyperFormula;
  try {
    engine = build(plan, new Set(), names);
  } catch {
    return [];
  }
  try {
    return cells.filter((p) => {
      try {
        engine.calculateFormula(p.text, p.sheetId);
        return false;
      } catch {
        return true;
      }
    });
  } finally {
    engine.destroy();
  }
}

/** Puts Excel's saved values in the cells of these formulas (and of their spills), in one batch. */
function holdAtSaved(engine: HyperFormula, plan: BookPlan, cells: Iterable<CellPlan>): void {
  const bySheet = new Map<number, Map<number, XCell>>();
  const savedAt = (sheet: number, row: number, col: number) => {
    let m = bySheet.get(sheet);
    if (!m) bySheet.set(sheet, (m = new Map(plan.sheets.find((s) => s.id === sheet)!.cells.map((c) => [key(c.row, c.col), c]))));
    const c = m.get(key(row, col));
    return c && c.saved !== null ? input(c.saved, c.text) : null;
  };
  engine.batch(() => {
    for (const p of cells) {
      const r = p.cell.array ?? { r0: p.cell.row, c0: p.cell.col, r1: p.cell.row, c1: p.cell.col };
      for (let i = r.r0; i <= r.r1; i++) for (let k = r.c0; k <= r.c1; k++) engine.setCellContents({ sheet: p.sheetId, row: i, col: k }, savedAt(p.sheetId, i, k));
    }
  });
}

/** The active cells whose formula the engine could not parse, with the parser's message. */
function unparsable(engine: HyperFormula, active: ReadonlySet<CellPlan>): Map<CellPlan, string> {
  const out = new Map<CellPlan, string>();
  for (const p of active) {
    let v: unknown;
    try {
      v = engine.getCellValue({ sheet: p.sheetId, row: p.cell.row, col: p.cell.col });
    } catch {
      continue; // the report stage says why this cell cannot be read
    }
    // A parse error also flows into the cells that read it: only the formula that does not parse is held.
    if (isParseError(v) && !engine.validateFormula(p.text)) out.set(p, (v as { message?: string }).message || 'parse error');
  }
  return out;
}

export function evaluatePlan(plan: BookPlan): Evaluation {
  const failed = new Map<CellPlan, string>();
  const tooLong = new Set<CellPlan>();
  const droppedNames = new Map<string, string>();
  const supported = plan.cells.filter((p) => !p.unsupported);
  const observed = new Map<string, [number, number]>();
  let names = plan.names;
  const done = (active: Set<CellPlan>): Evaluation => {
    observed.clear(); // a failed build may have left sizes behind
    let engine = build(plan, active, names, observed);
    // A formula the engine cannot parse is held at Excel's value too, so that its dependents compute
    // from that value rather than from the parse error: the engine is built again without it.
    const unparsed = unparsable(engine, active);
    if (unparsed.size) {
      for (const [p, why] of unparsed) failed.set(p, `the engine cannot parse this formula (${why})`);
      active = new Set([...active].filter((p) => !unparsed.has(p)));
      // In place (HyperFormula recomputes only their dependents); built again if that throws.
      try {
        holdAtSaved(engine, plan, unparsed.keys());
      } catch {
        engine.destroy();
        observed.clear();
        engine = build(plan, active, names, observed);
      }
    }
    return { engine: cycles(plan, engine, active), observed, failed, tooLong, droppedNames };
  };
  let failure: string;
  try {
    return done(new Set(supported));
  } catch (e) {
    // One cell or name threw: find which, below.
    failure = firstLine(e) || String(e);
  }
  const none = new Set<CellPlan>();
  // Names first, with no formula cell: a name that throws on its own.
  if (attempt(plan, none, names) !== undefined) {
    const bare = attempt(plan, none, []);
    if (bare !== undefined) throw new WorkbookError(`${plan.book.file} cannot be evaluated: ${bare}`, 'damaged');
    const { culprits, untried } = isolatePrefix(names, (some) => attempt(plan, none, [...some]));
    for (const [n, why] of culprits) droppedNames.set(plan.excelName(n.name), why);
    for (const n of untried) droppedNames.set(plan.excelName(n.name), 'not tried: too many names made the engine fail');
    names = names.filter((n) => !culprits.has(n) && !untried.includes(n));
    failure = attempt(plan, new Set(supported), names) ?? '';
    if (!failure) return done(new Set(supported));
  }
  // Then formula cells. Screening first: each formula evaluated on its own (run and forget) on one
  // engine whose cells all hold Excel's values; the ones that throw there are the suspects.
  const deps = dependencies(supported);
  const record = (r: Isolated<CellPlan>) => {
    for (const [p, why] of r.culprits) {
      failed.set(p, `evaluating it threw inside the engine (${why})`);
      if (/^Invalid string length/.test(why)) tooLong.add(p);
    }
    for (const p of r.untried) failed.set(p, 'not evaluated: too many cells of this workbook threw inside the engine to isolate them all');
  };
  const tryGroup = (group: readonly CellPlan[], culprits: ReadonlyMap<CellPlan, string>) => {
    const without = new Map<CellPlan, unknown>([...failed, ...culprits]);
    return attempt(plan, closure(group, deps, without), names);
  };
  const suspects = screen(plan, deps.order, names);
  // A suspect is confirmed when it throws in a real build too, with the cells it reads (groups of suspects, bisected).
  if (suspects.length) record(isolateGroups(suspects, tryGroup));
  const active = () => new Set(supported.filter((p) => !failed.has(p)));
  let remaining = failure;
  if (failed.size) {
    try {
      return done(active());
    } catch (e) {
      remaining = firstLine(e) || String(e);
    }
  }
  // Something the screening did not show: bisect all the cells, in groups with what they read, precedents first.
  record(isolateGroups(deps.order.filter((p) => !failed.has(p)), tryGroup, remaining));
  try {
    return done(active());
  } catch {
    // A failure no smaller group shows (two cells that do not read each other): grow a prefix instead.
    const left = active();
    record(isolatePrefix(deps.order.filter((p) => left.has(p)), (some) => attempt(plan, new Set(some), names)));
  }
  try {
    return done(active());
  } catch (e) {
    throw new WorkbookError(`${plan.book.file} cannot be evaluated: ${firstLine(e)}`, 'damaged');
  }
}

/** Circular references computed as Excel does with the workbook's iteration settings (calc/iterate.ts). */
function cycles(plan: BookPlan, engine: HyperFormula, active: Iterable<CellPlan>): HyperFormula {
  const candidates: CycleCandidate[] = [];
  for (const p of active) {
    const at = { sheet: p.sheetId, row: p.cell.row, col: p.cell.col };
    if (!inCycle(engine, at)) continue;
    const array = p.cell.array && p.savedRows ? { array: { rows: p.savedRows.length, cols: p.savedRows[0].length, saved: p.savedRows } } : {};
    candidates.push({ ...at, formula: p.text, saved: p.cell.saved, ...array });
  }
  if (candidates.length === 0) return engine;
  try {
    resolveCycles(engine, candidates, bookIterationSettings(plan.book));
  } catch {
    // The cycle's cells stay #CYCLE!: a difference to report, not a reason to lose the book.
  }
  return engine;
}
