/**
 * Plan stage, support triage: before the engine is built, each formula is
 * judged — a function the engine does not have, or parentheses nested
 * deeper than its parser can take, make the cell unsupported (with the
 * function or construct and why). An unsupported cell then holds the value
 * Excel saved, so the cells that depend on it compute from Excel's value
 * instead of from an error. (A formula the parser rejects is found when the
 * engine is built, and held at Excel's value the same way: calc/evaluate.ts.)
 */
import { HyperFormula } from 'hyperformula';
import { ENGINE_CONFIG } from '../index';
import { unsupportedFunctions } from '../support';
import { formulaDepth } from '../xlsx/refs';
import type { XlsxLimits } from '../xlsx/limits';

export interface Unsupported {
  functions: string[];
  reason: string;
}

/**
 * Judges formulas for one workbook: `sheets` are its sheet names (a parse
 * needs them to resolve `Sheet!A1`), `known` the engine's function registry.
 */
export class Triage {
  private scratch?: HyperFormula;

  constructor(
    private readonly sheets: string[],
    private readonly known: ReadonlySet<string>,
    private readonly limits: Pick<XlsxLimits, 'maxFormulaDepth'>,
  ) {}

  /** An engine with the book's sheets, empty (built when a long formula first needs it). */
  private get parser(): HyperFormula {
    if (!this.scratch) {
      const empty: Record<string, []> = {};
      for (const s of this.sheets) empty[s] = [];
      this.scratch = HyperFormula.buildFromSheets(empty, { ...ENGINE_CONFIG });
    }
    return this.scratch;
  }

  /** Why the engine cannot evaluate this engine-form formula, or undefined when it can try. */
  judge(formula: string): Unsupported | undefined {
    const depth = formulaDepth(formula);
    if (depth > this.limits.maxFormulaDepth) {
      return { functions: [], reason: `parentheses nest ${depth} deep; the engine's parser handles at most ${this.limits.maxFormulaDepth}` };
    }
    if ((formula.length > 400 || depth > 40) && !this.walks(formula)) {
      return { functions: [], reason: `the formula is too deeply nested for the engine's parser (long chains of operators count too)` };
    }
    const missing = unsupportedFunctions(formula, this.known);
    // A cell reference before "(" is no function: Excel's intersection operator (a space) between a
    // reference and a parenthesised one, often a union (E3:G4 (B2:E5,G2:H5)), which the parser lacks.
    const refCall = missing.find((m) => /^\$?[A-Z]{1,3}\$?\d{1,7}$/i.test(m.name));
    if (refCall) {
      return { functions: [], reason: `${refCall.name} ( is Excel's intersection operator between a reference and a parenthesised reference or union, which the engine's parser does not have` };
    }
    if (missing.length) return { functions: missing.map((m) => m.name), reason: missing.map((m) => m.reason).join('; ') };
    return undefined;
  }

  /**
   * Whether the engine's parser gets through a long or deep formula without
   * overflowing the stack (one such formula would otherwise abort the whole
   * build), tried a few hundred frames deeper than the build will parse it.
   * Parsing alone is not enough: dependency collection and evaluation walk
   * the tree recursively too, so it is evaluated on the empty sheets.
   */
  private walks(formula: string): boolean {
    const deeper = (n: number): boolean => (n > 0 ? deeper(n - 1) && true : (this.parser.calculateFormula(formula, 0), true));
    try {
      return deeper(300);
    } catch (e) {
      // Anything else (a sheet the scratch engine lacks, say) is for the real build to judge.
      return !(e instanceof RangeError);
    }
  }

  destroy(): void {
    this.scratch?.destroy();
  }
}
