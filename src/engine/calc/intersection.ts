/**
 * Plan stage, implicit intersection: a formula Excel saved without
 * dynamic-array metadata (a plain `<f>`, not `t="array"`) is a legacy formula.
 * Where such a formula gives a range to something that takes one value — a
 * scalar argument of a function, an operand of an operator, the cell itself
 * — Excel intersects the range with the formula's own row (a column range)
 * or column (a row range), or gives #VALUE! when they do not cross; and an
 * array a function returns shows its top-left value. HyperFormula lifts the
 * function over the range instead and spills (#SPILL! in one cell).
 *
 * `legacyFormula` writes Excel's @ (`SINGLE(…)`, which the engine implements
 * as Excel's implicit intersection) around exactly those ranges and
 * array-returning calls. Which argument takes one value is read from the
 * engine's own function metadata (each plugin's `implementedFunctions`), not
 * from a list: a parameter declared NUMBER, STRING, BOOLEAN, INTEGER,
 * NOERROR, SCALAR or COMPLEX takes one value; RANGE and ANY take ranges
 * (SUM, INDEX's array, MATCH's lookup_array, SUMPRODUCT …), and so do the
 * functions that expand ranges themselves (AND, COUNTBLANK …) or read a
 * reference rather than its value (ROW, COLUMN, FORMULATEXT, ISREF).
 *
 * Everything inside a range-taking argument is evaluated as an array, as in
 * Excel's array-class arguments (`SUMPRODUCT((A1:A9>0)*B1:B9)`). One
 * difference remains: Excel's reference-class arguments (SUM's) evaluate a
 * nested expression as one value in a legacy formula, so a legacy
 * `=SUM((A1:A9>0)*B1:B9)` (typed without Ctrl+Shift+Enter) intersects in
 * Excel and sums the array here; the engine's metadata does not tell the two
 * classes apart.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, HyperFormula, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { AnyAst, Call, EnginePlugin, State } from '../hf/internals';

/** What intersection needs to know of a function. */
export interface FunctionShape {
  /** Per declared parameter: true when it takes one value. */
  scalar: boolean[];
  /** The last `repeat` parameters repeat (HyperFormula's repeatLastArgs). */
  repeat: number;
  /** The function may return an array (it declares a result size). */
  arrayResult: boolean;
}

export type ShapeOf = (upperName: string) => FunctionShape | undefined;

const SCALAR_TYPES: ReadonlySet<string> = new Set([
  FunctionArgumentType.NUMBER,
  FunctionArgumentType.STRING,
  FunctionArgumentType.BOOLEAN,
  FunctionArgumentType.INTEGER,
  FunctionArgumentType.NOERROR,
  FunctionArgumentType.SCALAR,
  FunctionArgumentType.COMPLEX,
]);

interface Metadata {
  parameters?: { argumentType: string }[];
  repeatLastArgs?: number;
  sizeOfResultArrayMethod?: string;
  expandRanges?: boolean;
  vectorizationForbidden?: boolean;
  doesNotNeedArgumentsToBeComputed?: boolean;
}

/** A function's shape from its HyperFormula metadata. */
export function shapeFromMetadata(m: Metadata): FunctionShape {
  // A function that reads references (ROW, FORMULATEXT), expands ranges itself (AND, COUNTBLANK) takes them whole.
  const takesRanges = !!m.expandRanges || !!m.doesNotNeedArgumentsToBeComputed;
  const scalar = (m.parameters ?? []).map(
    (p) =>
      !takesRanges &&
      SCALAR_TYPES.has(p.argumentType) &&
      // A function that may not be lifted over arrays yet takes any scalar inspects its argument itself (ISREF).
      !(m.vectorizationForbidden && p.argumentType === FunctionArgumentType.SCALAR),
  );
  return { scalar, repeat: m.repeatLastArgs ?? 0, arrayResult: !!m.sizeOfResultArrayMethod };
}

/**
 * The shapes of every function registered with HyperFormula now (built-ins
 * and plugins, ours included), read lazily and cached per name. Build one per
 * workbook: the registry may change between workbooks.
 */
export function registeredShapes(): ShapeOf {
  const cache = new Map<string, FunctionShape | undefined>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    let shape: FunctionShape | undefined;
    const plugin = HyperFormula.getFunctionPlugin(name) as
      | { implementedFunctions: Record<string, Metadata>; aliases?: Record<string, string> }
      | undefined;
    if (plugin) {
      const m = plugin.implementedFunctions[name] ?? (plugin.aliases?.[name] ? plugin.implementedFunctions[plugin.aliases[name]] : undefined);
      if (m) shape = shapeFromMetadata(m);
    }
    cache.set(name, shape);
    return shape;
  };
}

function takesScalar(shape: FunctionShape, i: number): boolean {
  const n = shape.scalar.length;
  if (i < n) return shape.scalar[i];
  if (shape.repeat > 0 && n > 0) return shape.scalar[n - shape.repeat + ((i - n) % shape.repeat)];
  return false;
}

// ---- scanning ---------------------------------------------------------------

const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z0-9_.\u00C0-\uFFFF]+)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
/** A multi-cell area: A1:B3, A:C, 1:3 (optionally sheet-qualified); not part of a longer name, not a call. */
const AREA = new RegExp(String.raw`(?:${SHEET})?(?:${CELL}:${CELL}|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d{1,7}:\$?\d{1,7})(?![A-Za-z0-9_.(!\\:\u00C0-\uFFFF])`, 'y');
/** Any other reference or name, to skip over whole (so `Sheet1!A1` is not read as a call or an area). */
const WORD = new RegExp(String.raw`(?:${SHEET})?[A-Za-z0-9_.\\$\u00C0-\uFFFF]+`, 'y');
const NAME_CHAR = /[A-Za-z0-9_.\\$\u00C0-\uFFFF]/;

interface Frame {
  /** The function called, or undefined for a parenthesis or an array literal. */
  shape?: FunctionShape;
  /** Whether the frame's content takes one value. */
  scalar: boolean;
  brace?: boolean;
  arg: number;
}

/**
 * The legacy formula (engine form, "=…") with Excel's implicit intersection
 * written in as SINGLE(…); the formula itself when nothing needs it.
 */
export function legacyFormula(formula: string, shapeOf: ShapeOf): string {
  const body = formula.startsWith('=') ? 1 : 0;
  // Quick exits: no range and no call that may return an array, nothing to do.
  if (!formula.includes(':') && !formula.includes('(') && !formula.includes('{')) return formula;
  const wraps: [number, number][] = []; // [start, end) spans to wrap
  const stack: Frame[] = [{ scalar: true, arg: 0 }];
  const top = () => stack[stack.length - 1];
  const argScalar = (f: Frame) => (f.brace ? false : f.shape ? f.scalar && takesScalar(f.shape, f.arg) : f.scalar);
  // Open calls that may return an array, to wrap when they close in a scalar place.
  const calls: { start: number; depth: number }[] = [];
  let i = body;
  const s = formula;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"') {
      i++;
      while (i < s.length && !(s[i] === '"' && s[i + 1] !== '"')) i += s[i] === '"' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '(') {
      stack.push({ scalar: argScalar(top()), arg: 0 });
      i++;
      continue;
    }
    if (ch === '{') {
      if (argScalar(top())) wraps.push([i, matchingBrace(s, i) + 1]);
      stack.push({ scalar: false, brace: true, arg: 0 });
      i++;
      continue;
    }
    if (ch === ')' || ch === '}') {
      if (stack.length > 1) stack.pop();
      const c = calls[calls.length - 1];
      if (ch === ')' && c && c.depth === stack.length) {
        calls.pop();
        wraps.push([c.start, i + 1]);
      }
      i++;
      continue;
    }
    if (ch === ',' || ch === ';') {
      top().arg++;
      i++;
      continue;
    }
    const prev = i > 0 ? s[i - 1] : '';
    if ((ch === "'" || NAME_CHAR.test(ch)) && !NAME_CHAR.test(prev) && prev !== ':') {
      AREA.lastIndex = i;
      const area = AREA.exec(s);
      if (area) {
        if (argScalar(top()) && s[i - 1] !== ':') wraps.push([i, i + area[0].length]);
        i += area[0].length;
        continue;
      }
      WORD.lastIndex = i;
      const word = WORD.exec(s);
      if (word) {
        const end = i + word[0].length;
        let j = end;
        while (s[j] === ' ') j++;
        if (s[j] === '(' && !word[0].includes('!')) {
          const shape = shapeOf(word[0].toUpperCase());
          const scalarHere = argScalar(top());
          // A call that may return an array, in a place that takes one value: Excel shows its top-left value.
          if (shape?.arrayResult && scalarHere) calls.push({ start: i, depth: stack.length });
          // An unknown function (another add-in's, OFFSET): its arguments are left as written.
          stack.push({ shape: shape ?? { scalar: [], repeat: 0, arrayResult: false }, scalar: scalarHere, arg: 0 });
          i = j + 1;
          continue;
        }
        i = end;
        continue;
      }
    }
    if (ch === "'") {
      // A quoted sheet name that is not followed by an area: skip it whole.
      let j = i + 1;
      while (j < s.length && !(s[j] === "'" && s[j + 1] !== "'")) j += s[j] === "'" ? 2 : 1;
      i = j + 1;
      continue;
    }
    i++;
  }
  if (wraps.length === 0) return formula;
  // Spans nest as the formula does (a range inside an array-returning call is wrapped, and so is the call).
  const opens = new Map<number, number>();
  const closes = new Map<number, number>();
  for (const [a, b] of wraps) {
    opens.set(a, (opens.get(a) ?? 0) + 1);
    closes.set(b, (closes.get(b) ?? 0) + 1);
  }
  const cuts = [...new Set([...opens.keys(), ...closes.keys()])].sort((a, b) => a - b);
  let out = '';
  let at = 0;
  for (const p of cuts) {
    out += s.slice(at, p) + ')'.repeat(closes.get(p) ?? 0) + 'SINGLE('.repeat(opens.get(p) ?? 0);
    at = p;
  }
  return out + s.slice(at);
}

function matchingBrace(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '"') {
      i++;
      while (i < s.length && !(s[i] === '"' && s[i + 1] !== '"')) i += s[i] === '"' ? 2 : 1;
    } else if (s[i] === '}') return i;
  }
  return s.length - 1;
}

/**
 * A legacy array formula (`t="array"` without dynamic-array metadata, typed
 * with Ctrl+Shift+Enter over a range of `rows` × `cols` cells): Excel
 * evaluates it as an array and lays the result into exactly that range —
 * from its top-left, as far as the range holds; a one-row or one-column
 * result repeated down or across, a single value (or error) in every cell,
 * and #N/A where the result has no value for a cell. It never spills.
 */
export function legacyArrayFormula(formula: string, rows: number, cols: number): string {
  return `=${FIT}((${formula.replace(/^=/, '')}),${rows},${cols})`;
}

const FIT = 'XL.LEGACYARRAY';

/** XL.LEGACYARRAY(value, rows, cols): `value` laid into a rows × cols range as Excel lays a legacy array formula's result. */
export class LegacyArrayPlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    [FIT]: {
      method: 'fit',
      sizeOfResultArrayMethod: 'fitSize',
      parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.NUMBER }],
      vectorizationForbidden: true,
    },
  };

  private static dims(ast: Call): [number, number] | undefined {
    const n = (a: AnyAst | undefined) => (a && a.type === 'NUMBER' && typeof a.value === 'number' && a.value >= 1 ? Math.floor(a.value) : undefined);
    const r = n(ast.args[1]);
    const c = n(ast.args[2]);
    return r && c ? [r, c] : undefined;
  }

  fit(ast: Call, state: State): unknown {
    const dims = LegacyArrayPlugin.dims(ast);
    if (!dims || ast.args.length !== 3) return new CellError(ErrorType.VALUE, `${FIT} takes a value and the literal size of its range.`);
    const [rows, cols] = dims;
    const v = this.evaluate(ast.args[0], state);
    const data: unknown[][] = v instanceof SimpleRangeValue ? (v.data as unknown[][]) : [[v]];
    const h = data.length;
    const w = data[0]?.length ?? 0;
    const missing = new CellError(ErrorType.NA, 'this cell of the array formula’s range is beyond the array it returned');
    const out: unknown[][] = [];
    for (let i = 0; i < rows; i++) {
      const row: unknown[] = [];
      for (let j = 0; j < cols; j++) {
        const a = h === 1 ? 0 : i;
        const b = w === 1 ? 0 : j;
        row.push(a < h && b < w ? data[a][b] : missing);
      }
      out.push(row);
    }
    return SimpleRangeValue.onlyValues(out as never);
  }

  fitSize(ast: Call): ArraySize {
    const dims = LegacyArrayPlugin.dims(ast);
    return dims ? new ArraySize(dims[1], dims[0]) : ArraySize.scalar();
  }
}

let registered = false;
/** Registers XL.LEGACYARRAY with HyperFormula (once); before the registry is read for support triage. */
export function registerLegacyArrays(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(LegacyArrayPlugin, { enGB: { [FIT]: FIT }, enUS: { [FIT]: FIT } });
  registered = true;
}
