/**
 * Excel's information functions that follow from the workbook: TYPE, CELL
 * (the parts that the workbook's cells determine), FORMULATEXT (the text
 * Excel saved, when the loader gives it), ISODD and ISEVEN.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { Addr, AnyAst, cellValueIn, NOT_COMPUTED, unparenthesised } from '../hf/internals';
import { workbookFormula } from '../spillHints';
import { ArrayFunctionPlugin, State } from './sizing';
import { Cell, err, excelErrorCode, isEmpty, rawNumber } from './values';
import { columnLetters } from './lookup';

const ERROR_TYPE_NUMBERS: Record<string, number> = { '#NULL!': 1, '#DIV/0!': 2, '#VALUE!': 3, '#REF!': 4, '#NAME?': 5, '#NUM!': 6, '#N/A': 7, '#GETTING_DATA': 8, '#SPILL!': 9, '#CALC!': 14 };

type Call = { args: AnyAst[] };
const A = FunctionArgumentType;

/** The cell (top-left corner) and size a reference argument names, read from its AST; undefined for a value. */
function referenceOf(ast: AnyAst | undefined, state: State): { at: Addr; h: number; w: number } | undefined {
  const a = unparenthesised(ast) as (AnyAst & { start?: { toSimpleCellAddress(b: Addr): Addr }; end?: { toSimpleCellAddress(b: Addr): Addr } }) | undefined;
  if (!a) return undefined;
  if (a.type === 'CELL_REFERENCE' && a.reference) return { at: a.reference.toSimpleCellAddress(state.formulaAddress), h: 1, w: 1 };
  if (a.type === 'CELL_RANGE' && a.start && a.end) {
    const s = a.start.toSimpleCellAddress(state.formulaAddress);
    const e = a.end.toSimpleCellAddress(state.formulaAddress);
    return { at: { sheet: s.sheet, row: Math.min(s.row, e.row), col: Math.min(s.col, e.col) }, h: Math.abs(e.row - s.row) + 1, w: Math.abs(e.col - s.col) + 1 };
  }
  return undefined;
}

/** Excel's text of a stored formula: without the storage prefixes of newer functions and LAMBDA parameters. */
const shownFormula = (stored: string) => `=${stored.replace(/_xlfn\._xlws\.|_xlfn\.|_xlws\.|_xlpm\./gi, '')}`;

export class InformationPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    TYPE: { method: 'type', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true },
    CELL: { method: 'cell', parameters: [{ argumentType: A.ANY }, { argumentType: A.ANY, optionalArg: true }], vectorizationForbidden: true, isDependentOnSheetStructureChange: true },
    FORMULATEXT: { method: 'formulatext', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true, doesNotNeedArgumentsToBeComputed: true, isDependentOnSheetStructureChange: true },
    ISODD: { method: 'isodd', parameters: [{ argumentType: A.SCALAR }] },
    'ERROR.TYPE': { method: 'errortype', parameters: [{ argumentType: A.SCALAR }] },
    ISEVEN: { method: 'iseven', parameters: [{ argumentType: A.SCALAR }] },
  };

  /** TYPE(value): 1 number (and blank), 2 text, 4 logical, 16 error, 64 array (a range of several cells). */
  type(ast: Call, state: State): unknown {
    if (ast.args.length !== 1) return err(ErrorType.NA, `TYPE: wrong number of arguments (${ast.args.length}).`);
    // Evaluated here, not through runFunction, which would answer an error argument with the error itself.
    return ((v: unknown) => {
      if (v instanceof SimpleRangeValue) {
        if (v.width() * v.height() > 1) return 64;
        v = v.data[0][0];
      }
      if (v instanceof CellError) return 16;
      if (typeof v === 'boolean') return 4;
      if (typeof v === 'string') return 2;
      return 1;
    })(this.evaluate(ast.args[0], state));
  }

  /**
   * ERROR.TYPE(value): Excel's number for an error value — #NULL! 1, #DIV/0! 2, #VALUE! 3, #REF! 4,
   * #NAME? 5, #NUM! 6, #N/A 7, #GETTING_DATA 8, #SPILL! 9, #CALC! 14 — and #N/A for anything else.
   */
  errortype(ast: Call, state: State): unknown {
    return this.run('ERROR.TYPE', ast, state, (v: Cell) => {
      if (!(v instanceof CellError)) return err(ErrorType.NA, 'ERROR.TYPE: the value is not an error.');
      const code = excelErrorCode(v);
      return ERROR_TYPE_NUMBERS[code] ?? err(ErrorType.NA, `ERROR.TYPE: ${code} has no number in Excel.`);
    });
  }

  /** ISODD/ISEVEN: the number truncated toward zero; text that reads as a number counts; a logical or other text is #VALUE!. */
  private parity(fn: 'ISODD' | 'ISEVEN', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (v: Cell) => {
      if (v instanceof CellError) return v;
      if (typeof v === 'boolean') return err(ErrorType.VALUE, `${fn}: a logical value is not a number.`);
      const n = isEmpty(v) ? 0 : rawNumber(v) ?? (typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
      if (!Number.isFinite(n)) return err(ErrorType.VALUE, `${fn}: ${JSON.stringify(v)} is not a number.`);
      const odd = Math.abs(Math.trunc(n)) % 2 === 1;
      return fn === 'ISODD' ? odd : !odd;
    });
  }
  isodd(ast: Call, state: State): unknown {
    return this.parity('ISODD', ast, state);
  }
  iseven(ast: Call, state: State): unknown {
    return this.parity('ISEVEN', ast, state);
  }

  /**
   * FORMULATEXT(reference): the formula Excel saved for the cell (so also for
   * a cell the engine does not evaluate), else the engine's own text of it;
   * #N/A for a cell holding no formula.
   */
  formulatext(ast: Call, state: State): unknown {
    if (ast.args.length !== 1) return err(ErrorType.NA, `FORMULATEXT: wrong number of arguments (${ast.args.length}).`);
    const ref = referenceOf(ast.args[0], state);
    if (!ref) return err(ErrorType.NA, 'FORMULATEXT: the argument must be a reference to a cell.');
    const saved = workbookFormula(ref.at);
    if (saved !== undefined) return shownFormula(saved);
    const own = this.serialization.getCellFormula(ref.at);
    return own ?? err(ErrorType.NA, `FORMULATEXT: ${columnLetters(ref.at.col + 1)}${ref.at.row + 1} holds no formula.`);
  }

  /**
   * CELL(info_type, [reference]) for what the workbook's cells determine:
   * "address", "col", "row", "contents", "type" ("b" blank, "l" text, "v"
   * anything else). Without a reference, the formula's own cell (Excel takes
   * the last cell changed). "filename" is the file's path on the machine
   * that computes, which a saved value from another machine cannot match,
   * and the formatting kinds ("format", "color", "width", "prefix",
   * "protect", "parentheses") depend on styles the engine does not read:
   * #N/A saying so.
   */
  cell(ast: Call, state: State): unknown {
    if (ast.args.length < 1 || ast.args.length > 2) return err(ErrorType.VALUE, `CELL: wrong number of arguments (${ast.args.length}).`);
    let info = this.evaluate(ast.args[0], state);
    if (info instanceof SimpleRangeValue) info = info.data[0][0];
    if (info instanceof CellError) return info;
    if (typeof info !== 'string') return err(ErrorType.VALUE, 'CELL: info_type must be text such as "address" or "contents".');
    const hasRef = ast.args.length === 2 && unparenthesised(ast.args[1])?.type !== 'EMPTY';
    const ref = hasRef ? referenceOf(ast.args[1], state) : { at: state.formulaAddress, h: 1, w: 1 };
    if (!ref) return err(ErrorType.VALUE, 'CELL: reference must be a cell or range reference.');
    const { at } = ref;
    const value = (): unknown => {
      const v = cellValueIn(this.graph, at);
      return v === NOT_COMPUTED ? err(ErrorType.NA, 'CELL: the referenced formula had not been computed yet.') : v;
    };
    switch (info.trim().toLowerCase()) {
      case 'address':
        return `$${columnLetters(at.col + 1)}$${at.row + 1}`;
      case 'col':
        return at.col + 1;
      case 'row':
        return at.row + 1;
      case 'contents': {
        const v = value();
        return v === EmptyValue ? 0 : v;
      }
      case 'type': {
        const v = value();
        if (v instanceof CellError && v.type === ErrorType.NA && v.message?.startsWith('CELL:')) return v;
        return isEmpty(v) ? 'b' : typeof v === 'string' ? 'l' : 'v';
      }
      case 'filename':
        return err(ErrorType.NA, "CELL(\"filename\") is the workbook's path on the machine computing it; the engine does not give one (a saved value from another machine could not match).");
      case 'format':
      case 'color':
      case 'width':
      case 'prefix':
      case 'protect':
      case 'parentheses':
        return err(ErrorType.NA, `CELL("${info}") depends on the cell's formatting, which the engine does not read.`);
      default:
        return err(ErrorType.VALUE, `CELL: unknown info_type ${JSON.stringify(info)}.`);
    }
  }
}
