/**
 * Excel's math functions where HyperFormula lacks them or differs from Excel: the ROUND family's exactness (ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT, MROUND, CEILING*, FLOOR*, ISO.CEILING), LCM/GCD, QUOTIENT, POWER, TAN, PI, SQRTPI, ACOT, ARABIC, FACTDOUBLE, RANDBETWEEN, MUNIT/MINVERSE/MDETERM/MMULT, SUMPRODUCT, PERCENTOF.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 *
 * Rounding is decimal, as Excel's is: a number is first taken to the 15
 * significant digits Excel shows (0.0062499999999999986, the double nearest
 * 1.05*(0.0284+0.0046)-0.0284, is 0.00625), and that decimal is rounded, so
 * ROUND(…, 4) is 0.0063 where rounding the binary value would give 0.0062.
 * The digits argument is truncated toward zero (ROUND(7.123, 0.5) is 7).
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { ArrayFunctionPlugin, AnyAst, fit, isOmitted, isWholeFormula, literalNumber, remember, report, rootHint, State } from './sizing';
import { err, Grid, isEmpty, range, rawNumber, result } from './values';
import { atpNumber } from './engineering';

type Call = { args: AnyAst[]; procedureName?: string };

const A = FunctionArgumentType;
const num = { argumentType: A.NUMBER };
const numOpt = (defaultValue: number) => ({ argumentType: A.NUMBER, defaultValue });
const value = { argumentType: A.NOERROR };

// ---- decimal rounding ---------------------------------------------------------

export type RoundMode = 'nearest' | 'up' | 'down';

/**
 * `x` rounded to `digits` decimal places (negative: to tens, hundreds …) the
 * way Excel's ROUND ('nearest', halves away from zero), ROUNDUP ('up', away
 * from zero) and ROUNDDOWN/TRUNC ('down', toward zero) do: on the 15-digit
 * decimal Excel shows for `x`.
 */
export function roundDecimal(x: number, digits: number, mode: RoundMode): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  digits = Math.trunc(digits);
  const sign = x < 0 ? -1 : 1;
  const [mant, e] = Math.abs(x).toExponential(14).split('e');
  const all = mant.replace('.', ''); // 15 digits d0 d1 … d14, x = d0.d1… × 10^exp
  const exp = Number(e);
  const keep = exp + 1 + digits; // how many of those digits lie at or above 10^-digits
  if (keep >= 15) return x;
  const unit = (n: bigint) => sign * Number(`${n}e${-digits}`);
  if (keep < 0) return mode === 'up' ? unit(1n) : 0;
  const kept = keep === 0 ? 0n : BigInt(all.slice(0, keep));
  const rest = all.slice(keep);
  let bump = false;
  if (mode === 'nearest') bump = rest[0] >= '5';
  else if (mode === 'up') bump = /[1-9]/.test(rest);
  const n = bump ? kept + 1n : kept;
  return n === 0n ? 0 : unit(n);
}

/** `x` taken to Excel's 15 significant digits, so that a quotient such as 1.3/0.2 = 6.500000000000001 is 6.5. */
export function sig15(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

// ---- TAN -------------------------------------------------------------------------

/**
 * Excel reduces a trigonometric argument by π/2 taken from π in 64-bit
 * precision (0xC90FDAA22168C235 × 2⁻⁶², 5.0e-20 above π), so TAN(PI()/2) is
 * 1.6324552277619072E+16 where the double nearest π gives 1.633123935319537E+16.
 * π/2 = P1 + P1B + P2: P1 + P1B is the double nearest π/2 split so that k·P1 is
 * exact, P2 what Excel's π adds to it.
 */
const HALF_PI = 1.5707963267948966;
const P1 = 1.5707963267341256; // HALF_PI with its low 27 bits cleared (k·P1 exact for |k| < 2^26)
const P1B = HALF_PI - P1;
const P2 = 6.1257422745431e-17;

export function excelTan(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const k = Math.round(x / HALF_PI);
  if (Math.abs(k) >= 2 ** 26) return Math.tan(x);
  const r = x - k * P1 - k * P1B - k * P2;
  return k % 2 === 0 ? Math.tan(r) : -1 / Math.tan(r);
}

// ---- LCM, GCD --------------------------------------------------------------------

const gcd2 = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

// ---- matrices ----------------------------------------------------------------------

/** A square matrix of numbers from a range, or #VALUE! (a blank, text or logical cell, or a non-square range). */
function squareMatrix(arg: SimpleRangeValue, fn: string): number[][] | CellError {
  const data = arg.data as unknown[][];
  const h = data.length;
  const w = h ? data[0].length : 0;
  if (h !== w || h === 0) return err(ErrorType.VALUE, `${fn}: the array must be square, not ${h}×${w}.`);
  const m: number[][] = [];
  for (const row of data) {
    const out: number[] = [];
    for (const v of row) {
      if (v instanceof CellError) return v;
      const n = rawNumber(v);
      if (n === undefined) return err(ErrorType.VALUE, `${fn}: every cell of the array must be a number; found ${isEmpty(v) ? 'a blank' : JSON.stringify(v)}.`);
      out.push(n);
    }
    m.push(out);
  }
  return m;
}

/** Gauss–Jordan elimination with partial pivoting: the determinant, and the inverse unless the matrix is singular. */
function gaussJordan(m: number[][], wantInverse: boolean): { det: number; inv?: number[][] } {
  const n = m.length;
  const a = m.map((row, i) => (wantInverse ? [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))] : [...row]));
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (a[p][c] === 0) return { det: 0 };
    if (p !== c) {
      [a[p], a[c]] = [a[c], a[p]];
      det = -det;
    }
    const pivot = a[c][c];
    det *= pivot;
    // Below the pivot for the determinant; above it too for the inverse.
    for (let r = wantInverse ? 0 : c + 1; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / pivot;
      if (f === 0) continue;
      for (let k = c; k < a[r].length; k++) a[r][k] -= f * a[c][k];
    }
  }
  if (!wantInverse) return { det };
  return { det, inv: a.map((row, i) => row.slice(n).map((v) => v / a[i][i])) };
}

// ---- the plugin ----------------------------------------------------------------------

export class MathPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    ROUND: { method: 'round', parameters: [num, numOpt(0)] },
    ROUNDUP: { method: 'roundup', parameters: [num, numOpt(0)] },
    ROUNDDOWN: { method: 'rounddown', parameters: [num, numOpt(0)] },
    TRUNC: { method: 'trunc', parameters: [num, numOpt(0)] },
    INT: { method: 'int', parameters: [num] },
    MROUND: { method: 'mround', parameters: [value, value], vectorizationForbidden: true },
    CEILING: { method: 'ceiling', parameters: [num, numOpt(1)] },
    FLOOR: { method: 'floor', parameters: [num, numOpt(1)] },
    'CEILING.MATH': { method: 'ceilingMath', parameters: [num, numOpt(1), numOpt(0)] },
    'FLOOR.MATH': { method: 'floorMath', parameters: [num, numOpt(1), numOpt(0)] },
    'CEILING.PRECISE': { method: 'ceilingPrecise', parameters: [num, numOpt(1)] },
    'ISO.CEILING': { method: 'ceilingPrecise', parameters: [num, numOpt(1)] },
    'FLOOR.PRECISE': { method: 'floorPrecise', parameters: [num, numOpt(1)] },
    LCM: { method: 'lcm', parameters: [{ argumentType: A.ANY }], repeatLastArgs: 1 },
    GCD: { method: 'gcd', parameters: [{ argumentType: A.ANY }], repeatLastArgs: 1 },
    QUOTIENT: { method: 'quotient', parameters: [value, value], vectorizationForbidden: true },
    POWER: { method: 'power', parameters: [num, num] },
    TAN: { method: 'tan', parameters: [num] },
    PI: { method: 'pi', parameters: [] },
    SQRTPI: { method: 'sqrtpi', parameters: [value], vectorizationForbidden: true },
    ACOT: { method: 'acot', parameters: [num] },
    ARABIC: { method: 'arabic', parameters: [value] },
    FACTDOUBLE: { method: 'factdouble', parameters: [value], vectorizationForbidden: true },
    RANDBETWEEN: { method: 'randbetween', parameters: [value, value], vectorizationForbidden: true, isVolatile: true },
    MUNIT: { method: 'munit', sizeOfResultArrayMethod: 'munitSize', parameters: [{ argumentType: A.ANY }], vectorizationForbidden: true },
    MINVERSE: { method: 'minverse', sizeOfResultArrayMethod: 'minverseSize', parameters: [range], vectorizationForbidden: true },
    MDETERM: { method: 'mdeterm', parameters: [range], vectorizationForbidden: true },
    MMULT: { method: 'mmult', sizeOfResultArrayMethod: 'mmultSize', parameters: [range, range], vectorizationForbidden: true },
    SUMPRODUCT: { method: 'sumproduct', parameters: [range], repeatLastArgs: 1 },
    PERCENTOF: { method: 'percentof', parameters: [{ argumentType: A.ANY }, { argumentType: A.ANY }], vectorizationForbidden: true },
  };

  // ---- the ROUND family ------------------------------------------------------------

  round(ast: Call, state: State): unknown {
    return this.call('ROUND', ast, state, (x: number, d: number) => roundDecimal(x, d, 'nearest'));
  }

  roundup(ast: Call, state: State): unknown {
    return this.call('ROUNDUP', ast, state, (x: number, d: number) => roundDecimal(x, d, 'up'));
  }

  rounddown(ast: Call, state: State): unknown {
    return this.call('ROUNDDOWN', ast, state, (x: number, d: number) => roundDecimal(x, d, 'down'));
  }

  trunc(ast: Call, state: State): unknown {
    return this.call('TRUNC', ast, state, (x: number, d: number) => roundDecimal(x, d, 'down'));
  }

  /** INT rounds down to an integer: INT(-8.9) is -9 (HyperFormula's gives -8). */
  int(ast: Call, state: State): unknown {
    return this.call('INT', ast, state, (x: number) => Math.floor(x));
  }

  /** MROUND, an Analysis ToolPak function: TRUE/FALSE are #VALUE!. */
  mround(ast: Call, state: State): unknown {
    return this.call('MROUND', ast, state, (a: unknown, b: unknown) => {
      const x = atpNumber(a, 'MROUND', 'number');
      if (x instanceof CellError) return x;
      const m = atpNumber(b, 'MROUND', 'multiple');
      if (m instanceof CellError) return m;
      if (m === 0 || x === 0) return 0;
      if (Math.sign(x) !== Math.sign(m)) return err(ErrorType.NUM, `MROUND: number (${x}) and multiple (${m}) must have the same sign.`);
      return roundDecimal(sig15(x / m), 0, 'nearest') * m;
    });
  }

  /** `x` to a multiple of `s`: toward +∞ ('ceil') or −∞ ('floor'), on the 15-digit quotient so 0.3/0.1 counts as 3. */
  private static toMultiple(x: number, s: number, dir: 'ceil' | 'floor'): number {
    const q = sig15(x / s);
    const n = dir === 'ceil' ? Math.ceil(q) : Math.floor(q);
    return n === 0 ? 0 : n * s;
  }

  /** CEILING: number and significance of different signs are #NUM! unless the number is negative (then toward zero). */
  ceiling(ast: Call, state: State): unknown {
    return this.call('CEILING', ast, state, (x: number, s: number) => {
      if (x === 0 || s === 0) return 0;
      if (x > 0 && s < 0) return err(ErrorType.NUM, 'CEILING: a positive number needs a positive significance.');
      // Up to a multiple of s in the quotient x/s: a negative number with s > 0 goes toward zero, with s < 0 away from it.
      return MathPlugin.toMultiple(x, s, 'ceil');
    });
  }

  floor(ast: Call, state: State): unknown {
    return this.call('FLOOR', ast, state, (x: number, s: number) => {
      if (x === 0) return 0;
      if (s === 0) return err(ErrorType.DIV_BY_ZERO, 'FLOOR: significance must not be 0.');
      if (x > 0 && s < 0) return err(ErrorType.NUM, 'FLOOR: a positive number needs a positive significance.');
      return MathPlugin.toMultiple(x, s, 'floor');
    });
  }

  /**
   * CEILING.MATH ('ceil') and FLOOR.MATH ('floor'): to a multiple of
   * |significance|, up or down; when mode is not 0 a negative number is
   * rounded as its magnitude (CEILING.MATH away from zero, FLOOR.MATH toward it).
   */
  private toMultipleMath(fn: string, ast: Call, state: State, dir: 'ceil' | 'floor'): unknown {
    return this.call(fn, ast, state, (x: number, s: number, mode: number) => {
      if (x === 0 || s === 0) return 0;
      s = Math.abs(s);
      return x < 0 && mode !== 0 ? -MathPlugin.toMultiple(-x, s, dir) : MathPlugin.toMultiple(x, s, dir);
    });
  }

  ceilingMath(ast: Call, state: State): unknown {
    return this.toMultipleMath('CEILING.MATH', ast, state, 'ceil');
  }

  floorMath(ast: Call, state: State): unknown {
    return this.toMultipleMath('FLOOR.MATH', ast, state, 'floor');
  }

  ceilingPrecise(ast: Call, state: State): unknown {
    return this.call(String(ast.procedureName ?? 'CEILING.PRECISE').toUpperCase(), ast, state, (x: number, s: number) =>
      x === 0 || s === 0 ? 0 : MathPlugin.toMultiple(x, Math.abs(s), 'ceil'),
    );
  }

  floorPrecise(ast: Call, state: State): unknown {
    return this.call('FLOOR.PRECISE', ast, state, (x: number, s: number) => (x === 0 || s === 0 ? 0 : MathPlugin.toMultiple(x, Math.abs(s), 'floor')));
  }

  // ---- LCM, GCD ----------------------------------------------------------------------

  /**
   * The whole numbers LCM and GCD work on: each argument truncated; a blank
   * cell is left out, an omitted argument is #N/A, a logical or text that is
   * not a number (the empty text too) is #VALUE!, a negative number or one of
   * 2^53 or more is #NUM!; all blank is #VALUE!.
   */
  private integers(fn: string, ast: Call, args: unknown[]): number[] | CellError {
    const out: number[] = [];
    let notNumber: CellError | undefined;
    for (let i = 0; i < args.length; i++) {
      if (isOmitted(ast.args[i])) return err(ErrorType.NA, `${fn}: argument ${i + 1} is empty.`);
      const arg = args[i];
      const cells = arg instanceof SimpleRangeValue ? (arg.data as unknown[][]).flat() : [arg];
      for (const v of cells) {
        if (v instanceof CellError) return v;
        if (v === EmptyValue || v === null || v === undefined) continue;
        let n = rawNumber(v);
        if (n === undefined && typeof v === 'string' && v.trim() !== '') {
          // " 10 " reads as 10, but a date ("2024-01-10") only without spaces around it.
          const plain = Number(v.trim());
          if (Number.isFinite(plain)) n = plain;
          else if (v === v.trim()) {
            const c = this.toNumber(v);
            n = c instanceof CellError ? undefined : c;
          }
        }
        if (n === undefined) notNumber ??= err(ErrorType.VALUE, `${fn}: ${JSON.stringify(v)} is not a number.`);
        else out.push(n);
      }
    }
    // A logical or text anywhere is #VALUE!, before any number is found out of range (GCD(-0.4, TRUE) is #VALUE!).
    if (notNumber) return notNumber;
    if (out.length === 0) return err(ErrorType.VALUE, `${fn}: no numbers (every argument is blank).`);
    for (const n of out) {
      if (n < 0) return err(ErrorType.NUM, `${fn}: ${n} is negative; the numbers must be 0 or more.`);
      if (n >= 2 ** 53) return err(ErrorType.NUM, `${fn}: ${n} is too large (the limit is 2^53).`);
    }
    return out.map(Math.trunc);
  }

  lcm(ast: Call, state: State): unknown {
    return this.call('LCM', ast, state, (...args: unknown[]) => {
      const ns = this.integers('LCM', ast, args);
      if (ns instanceof CellError) return ns;
      let l = 1;
      for (const n of ns) {
        if (n === 0) return 0;
        l = (l / gcd2(l, n)) * n;
        if (l >= 2 ** 53) return err(ErrorType.NUM, 'LCM: the result is 2^53 or more.');
      }
      return l;
    });
  }

  gcd(ast: Call, state: State): unknown {
    return this.call('GCD', ast, state, (...args: unknown[]) => {
      const ns = this.integers('GCD', ast, args);
      if (ns instanceof CellError) return ns;
      return ns.reduce(gcd2, 0);
    });
  }

  // ---- QUOTIENT, POWER, TAN ------------------------------------------------------------

  /** QUOTIENT, an Analysis ToolPak function: numbers, numeric text or blanks; TRUE/FALSE are #VALUE!. */
  quotient(ast: Call, state: State): unknown {
    return this.call('QUOTIENT', ast, state, (a: unknown, b: unknown) => {
      const n = atpNumber(a, 'QUOTIENT', 'numerator');
      if (n instanceof CellError) return n;
      const d = atpNumber(b, 'QUOTIENT', 'denominator');
      if (d instanceof CellError) return d;
      if (d === 0) return err(ErrorType.DIV_BY_ZERO, 'QUOTIENT: the denominator is 0.');
      return Math.trunc(n / d);
    });
  }

  /** POWER: 0^0 is #NUM!, 0 to a negative power #DIV/0!, a result that is not a real number #NUM!. */
  power(ast: Call, state: State): unknown {
    return this.call('POWER', ast, state, (b: number, e: number) => {
      if (b === 0 && e === 0) return err(ErrorType.NUM, 'POWER: 0 to the power 0 is undefined.');
      if (b === 0 && e < 0) return err(ErrorType.DIV_BY_ZERO, `POWER: 0 to a negative power (${e}) divides by zero.`);
      const r = Math.pow(b, e);
      if (!Number.isFinite(r)) return err(ErrorType.NUM, `POWER: ${b}^${e} is not a finite real number.`);
      return r;
    });
  }

  tan(ast: Call, state: State): unknown {
    return this.call('TAN', ast, state, (x: number) => {
      if (Math.abs(x) >= 134217728) return err(ErrorType.NUM, 'TAN: the angle must be less than 2^27 in absolute value.');
      const t = excelTan(x);
      return Number.isFinite(t) ? t : err(ErrorType.NUM, 'TAN: the result is not finite.');
    });
  }

  /** π as the double nearest it (3.1415926535897931), as Excel's; HyperFormula's is cut to 14 decimals (3.14159265358979). */
  pi(ast: Call, state: State): unknown {
    return this.call('PI', ast, state, () => Math.PI);
  }

  /** SQRTPI, an Analysis ToolPak function: TRUE/FALSE are #VALUE!. */
  sqrtpi(ast: Call, state: State): unknown {
    return this.call('SQRTPI', ast, state, (v: unknown) => {
      const x = atpNumber(v, 'SQRTPI', 'number');
      if (x instanceof CellError) return x;
      return x < 0 ? err(ErrorType.NUM, `SQRTPI: the number must not be negative, got ${x}.`) : Math.sqrt(x * Math.PI);
    });
  }

  /** ACOT's principal value lies between 0 and π: ACOT(-1) is 3π/4, not −π/4. */
  acot(ast: Call, state: State): unknown {
    return this.call('ACOT', ast, state, (x: number) => (x === 0 ? Math.PI / 2 : x > 0 ? Math.atan(1 / x) : Math.PI + Math.atan(1 / x)));
  }

  /**
   * ARABIC reads Roman numerals as Excel does: case-insensitive, an optional
   * leading "-", and each numeral subtracted when a larger one stands to its
   * right (so "IIIIIIV" is -1 and "IILMIIC" 1046); the empty text and a blank
   * are 0; anything else is #VALUE!.
   */
  arabic(ast: Call, state: State): unknown {
    return this.call('ARABIC', ast, state, (v: unknown) => {
      if (isEmpty(v)) return 0;
      if (typeof v !== 'string') return err(ErrorType.VALUE, `ARABIC: the Roman numeral must be text, got ${JSON.stringify(v)}.`);
      let text = v.trim().toUpperCase();
      const sign = text.startsWith('-') ? -1 : 1;
      if (sign < 0) text = text.slice(1);
      if (text.length > 255) return err(ErrorType.VALUE, 'ARABIC: the text is longer than 255 characters.');
      const VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
      let total = 0;
      let largest = 0;
      for (let i = text.length - 1; i >= 0; i--) {
        const n = VALUES[text[i]];
        if (n === undefined) return err(ErrorType.VALUE, `ARABIC: ${JSON.stringify(v)} is not a Roman numeral.`);
        if (n < largest) total -= n;
        else {
          total += n;
          largest = n;
        }
      }
      return sign * total;
    });
  }

  /** FACTDOUBLE, an Analysis ToolPak function: n!! of the number truncated; -1 gives 1, below -1 #NUM!; TRUE/FALSE are #VALUE!. */
  factdouble(ast: Call, state: State): unknown {
    return this.call('FACTDOUBLE', ast, state, (v: unknown) => {
      const x = atpNumber(v, 'FACTDOUBLE', 'number');
      if (x instanceof CellError) return x;
      if (x < -1) return err(ErrorType.NUM, `FACTDOUBLE: the number must be -1 or more, got ${x}.`);
      let out = 1;
      for (let k = Math.trunc(x); k > 1; k -= 2) out *= k;
      return Number.isFinite(out) ? out : err(ErrorType.NUM, 'FACTDOUBLE: the result is too large.');
    });
  }

  /** RANDBETWEEN, an Analysis ToolPak function: a whole number from bottom rounded up to top rounded down; TRUE/FALSE are #VALUE!. */
  randbetween(ast: Call, state: State): unknown {
    return this.call('RANDBETWEEN', ast, state, (a: unknown, b: unknown) => {
      const lo = atpNumber(a, 'RANDBETWEEN', 'bottom');
      if (lo instanceof CellError) return lo;
      const hi = atpNumber(b, 'RANDBETWEEN', 'top');
      if (hi instanceof CellError) return hi;
      const bottom = Math.ceil(lo);
      const top = Math.floor(hi);
      if (bottom > top) return err(ErrorType.NUM, `RANDBETWEEN: bottom (${lo}) is above top (${hi}).`);
      return bottom + Math.floor(Math.random() * (top - bottom + 1));
    });
  }

  // ---- MUNIT, MINVERSE, MDETERM -----------------------------------------------------------

  /**
   * An array function's value: checked against the reserved spill only when it
   * is the formula's whole value; nested (in @, in arithmetic) the enclosing
   * formula decides what it shows (@MUNIT(2) is its top-left 1).
   */
  private array(name: string, ast: Call, state: State, impl: (...args: never[]) => unknown): unknown {
    if (!isWholeFormula(ast, state)) return this.call(name, ast, state, impl);
    return this.run(name, ast, state, impl);
  }

  /**
   * MUNIT(dimension): the identity matrix. Given an array of dimensions,
   * Excel lifts MUNIT over it and keeps each result's top-left value, 1 (or
   * that element's error): SUM(MUNIT({1,2;3,4;7,8})) is 6.
   */
  munit(ast: Call, state: State): unknown {
    const dimension = (v: unknown): number | CellError => {
      if (v instanceof CellError) return v;
      const x = typeof v === 'boolean' ? Number(v) : isEmpty(v) ? 0 : typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : rawNumber(v);
      if (x === undefined || Number.isNaN(x)) return err(ErrorType.VALUE, `MUNIT: dimension must be a number, got ${JSON.stringify(v)}.`);
      const n = Math.trunc(x);
      if (!(n >= 1)) return err(ErrorType.VALUE, `MUNIT: dimension must be at least 1, got ${String(v)}.`);
      if (n > 1_048_576) return err(ErrorType.VALUE, 'MUNIT: larger than a worksheet.');
      return n;
    };
    return this.array('MUNIT', ast, state, (v: unknown) => {
      if (v instanceof SimpleRangeValue && (v.width() > 1 || v.height() > 1)) {
        return result((v.data as unknown[][]).map((row) => row.map((x) => {
          const n = dimension(x);
          return n instanceof CellError ? n : 1;
        })));
      }
      const n = dimension(v instanceof SimpleRangeValue ? v.data[0][0] : v);
      if (n instanceof CellError) return n;
      const out: Grid = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (r === c ? 1 : 0)));
      return result(out);
    });
  }

  munitSize(ast: Call, state: State): ArraySize {
    const n = literalNumber(ast.args[0]);
    if (n !== undefined && n >= 1) return remember(ast, state, { h: n, w: n });
    const arg = this.size(ast.args[0], state);
    if (arg.h > 1 || arg.w > 1) return remember(ast, state, arg);
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }

  minverse(ast: Call, state: State): unknown {
    return this.array('MINVERSE', ast, state, (arg: SimpleRangeValue) => {
      const m = squareMatrix(arg, 'MINVERSE');
      if (m instanceof CellError) return m;
      const { det, inv } = gaussJordan(m, true);
      if (!inv || det === 0) return err(ErrorType.NUM, 'MINVERSE: the matrix is singular (its determinant is 0).');
      return result(inv);
    });
  }

  minverseSize(ast: Call, state: State): ArraySize {
    const s = this.size(ast.args[0], state);
    return remember(ast, state, s);
  }

  /**
   * MMULT: the matrix product; the first cell of either array (left, then
   * right, row by row) that is an error gives that error, one that is not a
   * number #VALUE!; columns of the first must equal rows of the second.
   */
  mmult(ast: Call, state: State): unknown {
    return this.array('MMULT', ast, state, (a: SimpleRangeValue, b: SimpleRangeValue) => {
      const num = (m: SimpleRangeValue): number[][] | CellError => {
        const out: number[][] = [];
        for (const row of m.data as unknown[][]) {
          const r: number[] = [];
          for (const v of row) {
            if (v instanceof CellError) return v;
            const n = rawNumber(v);
            if (n === undefined) return err(ErrorType.VALUE, `MMULT: every cell must be a number; found ${isEmpty(v) ? 'a blank' : JSON.stringify(v)}.`);
            r.push(n);
          }
          out.push(r);
        }
        return out;
      };
      const x = num(a);
      if (x instanceof CellError) return x;
      const y = num(b);
      if (y instanceof CellError) return y;
      if (x[0].length !== y.length) return err(ErrorType.VALUE, `MMULT: the first array has ${x[0].length} columns but the second ${y.length} rows.`);
      return result(x.map((row) => y[0].map((_, j) => row.reduce((acc, v, k) => acc + v * y[k][j], 0))));
    });
  }

  mmultSize(ast: Call, state: State): ArraySize {
    const a = this.size(ast.args[0], state);
    const b = this.size(ast.args[1], state);
    return remember(ast, state, { h: a.h, w: b.w });
  }

  /**
   * SUMPRODUCT: the sum of the products of corresponding entries; an error
   * in any array decides first (the first array's first, row by row), then
   * arrays of different sizes are #VALUE!; entries that are not numbers
   * (text, numeric text included, logicals, blanks) count as 0.
   */
  sumproduct(ast: Call, state: State): unknown {
    return this.call('SUMPRODUCT', ast, state, (...args: SimpleRangeValue[]) => {
      const grids = args.map((a) => a.data as unknown[][]);
      for (const g of grids) for (const row of g) for (const v of row) if (v instanceof CellError) return v;
      const h = grids[0].length;
      const w = grids[0][0]?.length ?? 0;
      if (grids.some((g) => g.length !== h || (g[0]?.length ?? 0) !== w)) {
        return err(ErrorType.VALUE, 'SUMPRODUCT: the arrays must all have the same number of rows and columns.');
      }
      let sum = 0;
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          let p = 1;
          for (const g of grids) p *= typeof g[r][c] === 'number' ? (g[r][c] as number) : rawNumber(g[r][c]) ?? 0;
          sum += p;
        }
      }
      return sum;
    });
  }

  /** PERCENTOF(subset, all): the sum of the numbers of subset over the sum of those of all (text and logicals left out); an error in either is #NUM!, as Excel gives. */
  percentof(ast: Call, state: State): unknown {
    return this.call('PERCENTOF', ast, state, (...args: unknown[]) => {
      const sums: number[] = [];
      for (const arg of args) {
        let sum = 0;
        for (const v of arg instanceof SimpleRangeValue ? (arg.data as unknown[][]).flat() : [arg]) {
          if (v instanceof CellError) return err(ErrorType.NUM, `PERCENTOF: the data holds an error (${v.type}).`);
          sum += rawNumber(v) ?? 0;
        }
        sums.push(sum);
      }
      if (sums[1] === 0) return err(ErrorType.DIV_BY_ZERO, 'PERCENTOF: the total is 0.');
      return sums[0] / sums[1];
    });
  }

  mdeterm(ast: Call, state: State): unknown {
    return this.call('MDETERM', ast, state, (arg: SimpleRangeValue) => {
      const m = squareMatrix(arg, 'MDETERM');
      if (m instanceof CellError) return m;
      return gaussJordan(m, false).det;
    });
  }
}
