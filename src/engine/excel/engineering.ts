/**
 * Excel's engineering functions: complex numbers (COMPLEX, IM*), base conversion (BIN2DEC … HEX2BIN), CONVERT, BITAND/BITOR/BITXOR/BITLSHIFT/BITRSHIFT, GESTEP, DELTA, ERF, ERFC, ERF.PRECISE, ERFC.PRECISE.
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 *
 * These are the Analysis ToolPak's functions in Excel: a number argument may
 * be a number, text that reads as one, or a blank (0); TRUE and FALSE are
 * #VALUE!, unlike in Excel's arithmetic (`atpNumber`); and they are not lifted
 * over an array given for one value (in an array formula IMABS(C1:Q1) is
 * #VALUE!, not one result per cell), hence `vectorizationForbidden`. The
 * BIT* functions are Excel's own and are lifted.
 */
import { CellError, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { Call, EnginePlugin, State } from '../hf/internals';
import * as cx from './complex';
import { Complex, formatComplex, parseComplex, Suffix } from './complex';
import { err, isEmpty, rawNumber } from './values';

const A = FunctionArgumentType;
const value = { argumentType: A.NOERROR };
const valueOpt = { argumentType: A.NOERROR, optionalArg: true };
const many = { argumentType: A.ANY };
const num = { argumentType: A.NUMBER };

/** A number argument of an Analysis ToolPak function: a number, numeric text or a blank (0); TRUE/FALSE and other text are #VALUE!. */
export function atpNumber(v: unknown, fn: string, what: string): number | CellError {
  if (v instanceof CellError) return v;
  if (isEmpty(v)) return 0;
  const n = rawNumber(v);
  if (n !== undefined) return n;
  if (typeof v === 'string' && v.trim() !== '') {
    const x = Number(v.trim());
    if (Number.isFinite(x)) return x;
  }
  return err(ErrorType.VALUE, `${fn}: ${what} must be a number, got ${JSON.stringify(v)}.`);
}

// ---- complex numbers -------------------------------------------------------

/** A complex-number argument: text such as "3+4i", a number, or a blank (0). */
function toComplex(v: unknown, fn: string): Complex | CellError {
  if (v instanceof CellError) return v;
  if (isEmpty(v)) return { re: 0, im: 0 };
  const n = rawNumber(v);
  if (n !== undefined) return { re: n, im: 0 };
  if (typeof v === 'string') {
    const c = parseComplex(v);
    if (c) return c;
    return err(ErrorType.NUM, `${fn}: ${JSON.stringify(v)} is not a complex number; write it as x+yi or x+yj (e.g. "3+4i", "-2j", "i").`);
  }
  return err(ErrorType.VALUE, `${fn}: a complex number must be text such as "3+4i" or a number, not ${JSON.stringify(v)}.`);
}

/**
 * The suffix of a result from several inputs: i unless some input says j.
 * Inputs that mix i and j are an error: #NUM! for IMDIV and IMSUB, #VALUE!
 * for IMSUM and IMPRODUCT, as Excel gives.
 */
function commonSuffix(fn: string, mixed: ErrorType, ...cs: Complex[]): Suffix | undefined | CellError {
  let s: Suffix | undefined;
  for (const c of cs) {
    if (!c.suffix) continue;
    if (s && s !== c.suffix) return err(mixed, `${fn}: the complex numbers mix the suffixes i and j; use one of them.`);
    s = c.suffix;
  }
  return s;
}

function out(fn: string, z: cx.C, suffix: Suffix | undefined): string | CellError {
  const text = formatComplex({ re: z[0], im: z[1], suffix });
  return text ?? err(ErrorType.NUM, `${fn}: the result is not a finite complex number.`);
}

type Unary = (z: cx.C) => cx.C;
const LOG10: Unary = (z) => [Math.log10(cx.abs(z)), cx.arg(z) / Math.LN10];
const LOG2: Unary = (z) => [Math.log2(cx.abs(z)), cx.arg(z) / Math.LN2];

/** The IM* functions of one complex number that give a complex number. */
const UNARY: Record<string, Unary> = {
  IMCONJUGATE: (z) => [z[0], -z[1]],
  IMCOS: cx.cos,
  IMCOSH: cx.cosh,
  IMCOT: cx.cot,
  IMCSC: (z) => cx.inv(cx.sin(z)),
  IMCSCH: (z) => cx.inv(cx.sinh(z)),
  IMEXP: cx.exp,
  IMLN: cx.ln,
  IMLOG10: LOG10,
  IMLOG2: LOG2,
  IMSEC: (z) => cx.inv(cx.cos(z)),
  IMSECH: (z) => cx.inv(cx.cosh(z)),
  IMSIN: cx.sin,
  IMSINH: cx.sinh,
  IMSQRT: cx.sqrt,
  IMTAN: cx.tan,
};

/** Functions whose value at 0 Excel reports as #NUM! (a logarithm or a pole), rather than letting 1/0 through. */
const UNDEFINED_AT_ZERO = new Set(['IMLN', 'IMLOG10', 'IMLOG2', 'IMCOT', 'IMCSC', 'IMCSCH']);

// ---- base conversion ---------------------------------------------------------

interface Base {
  name: string;
  radix: number;
  digits: RegExp;
  /** Values representable in 10 digits of this base, as two's complement. */
  min: number;
  max: number;
}
const BASES: Record<'BIN' | 'OCT' | 'DEC' | 'HEX', Base> = {
  BIN: { name: 'binary', radix: 2, digits: /^[01]{1,10}$/, min: -(2 ** 9), max: 2 ** 9 - 1 },
  OCT: { name: 'octal', radix: 8, digits: /^[0-7]{1,10}$/, min: -(2 ** 29), max: 2 ** 29 - 1 },
  HEX: { name: 'hexadecimal', radix: 16, digits: /^[0-9a-f]{1,10}$/i, min: -(2 ** 39), max: 2 ** 39 - 1 },
  DEC: { name: 'decimal', radix: 10, digits: /^$/, min: -Infinity, max: Infinity },
};

/** The text of a base-conversion argument: text as it is, a number as its digits, a blank as "". */
function digitsOf(v: unknown, fn: string): string | CellError {
  if (v instanceof CellError) return v;
  if (isEmpty(v)) return '';
  const n = rawNumber(v);
  if (n !== undefined) return String(n);
  if (typeof v === 'string') return v;
  return err(ErrorType.VALUE, `${fn}: the number must be text or a number, not ${JSON.stringify(v)}.`);
}

/** The value of up to 10 digits of `base`, the 10th digit's high bit being the sign (two's complement). */
function fromBase(text: string, base: Base, fn: string): number | CellError {
  if (text === '') return 0;
  if (!base.digits.test(text)) {
    return err(ErrorType.NUM, `${fn}: ${JSON.stringify(text)} is not a ${base.name} number of at most 10 digits.`);
  }
  const n = parseInt(text, base.radix);
  const full = base.radix ** 10;
  return n >= full / 2 ? n - full : n;
}

/** `n` in `base`, upper case, negative numbers as 10 digits of two's complement; padded to `places` when given. */
function toBase(n: number, base: Base, places: number | undefined, fn: string): string | CellError {
  if (n < base.min || n > base.max) {
    return err(ErrorType.NUM, `${fn}: ${n} is outside what 10 ${base.name} digits hold (${base.min} to ${base.max}).`);
  }
  if (n < 0) return (base.radix ** 10 + n).toString(base.radix).toUpperCase();
  const text = n.toString(base.radix).toUpperCase();
  if (places === undefined) return text;
  if (places < text.length) return err(ErrorType.NUM, `${fn}: ${text} needs ${text.length} characters, more than places (${places}).`);
  return text.padStart(places, '0');
}

/** The places argument: omitted or blank is none; otherwise a number from 0 to 10, truncated. */
function placesOf(v: unknown, fn: string): number | undefined | CellError {
  if (v === undefined || isEmpty(v)) return undefined;
  const p = atpNumber(v, fn, 'places');
  if (p instanceof CellError) return p;
  const t = Math.trunc(p);
  if (t < 0 || t > 10) return err(ErrorType.NUM, `${fn}: places must be from 0 to 10, got ${p}.`);
  return t;
}

// ---- BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT -----------------------------------

const BIT_LIMIT = 2 ** 48;

/** A BIT* number: a whole number from 0 to 2^48−1 (#NUM! otherwise), read as the ToolPak reads numbers. */
function bitNumber(v: unknown, fn: string, what: string): bigint | CellError {
  const x = atpNumber(v, fn, what);
  if (x instanceof CellError) return x;
  if (!Number.isInteger(x) || x < 0 || x >= BIT_LIMIT) return err(ErrorType.NUM, `${fn}: ${what} must be a whole number from 0 to 2^48-1, got ${x}.`);
  return BigInt(x);
}

// ---- the error function ----------------------------------------------------

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x) for |x| < 3 by the series 2/√π e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are all positive. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 0; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (2 * x * x) / (2 * n + 3);
    sum += term;
  }
  return ((2 / SQRT_PI) * Math.exp(-x * x)) * sum;
}

/** erfc(x) for x ≥ 3 by its continued fraction e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))) (modified Lentz). */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

export function erf(x: number): number {
  if (Math.abs(x) < 3) return erfSeries(x);
  return x > 0 ? 1 - erfcFraction(x) : erfcFraction(-x) - 1;
}

export function erfc(x: number): number {
  if (x >= 3) return erfcFraction(x);
  if (x <= -3) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

// ---- CONVERT -------------------------------------------------------------------

/**
 * Excel's CONVERT units by category: each unit's size in the category's
 * base unit and whether a metric prefix may go before it (and to which power:
 * "km2" is (10³)² m²). Values are the definitions Microsoft's reference
 * uses (the international foot, inch and pound; the US survey mile; the
 * thermochemical and IT calories; CODATA 2006 for the atomic mass unit and
 * the electron volt).
 */
type UnitSpec = [names: string[], size: number, prefix?: 1 | 2 | 3];
const FT = 0.3048;
const IN = 0.0254;
const LBF = 4.4482216152605; // 0.45359237 kg × 9.80665 m/s²
const LY = 9460730472580800;
const PICA_PT = IN / 72;
const MI = 1609.344;
const NMI = 1852;
const UNITS: Record<string, UnitSpec[]> = {
  mass: [
    [['g'], 1, 1],
    [['sg'], (LBF / FT) * 1000],
    [['lbm'], 453.59237],
    [['u'], 1.660538782e-24, 1],
    [['ozm'], 28.349523125],
    [['grain'], 0.06479891],
    [['cwt', 'shweight'], 45359.237],
    [['uk_cwt', 'lcwt', 'hweight'], 50802.34544],
    [['stone'], 6350.29318],
    [['ton'], 907184.74],
    [['uk_ton', 'LTON', 'brton'], 1016046.9088],
  ],
  distance: [
    [['m'], 1, 1],
    [['mi'], MI],
    [['Nmi'], NMI],
    [['in'], IN],
    [['ft'], FT],
    [['yd'], 0.9144],
    [['ang'], 1e-10, 1],
    [['ell'], 1.143],
    [['ly'], LY, 1],
    [['parsec', 'pc'], 30856775812815500, 1],
    [['Picapt', 'Pica'], PICA_PT],
    [['pica'], IN / 6],
    [['survey_mi'], (5280 * 1200) / 3937],
  ],
  time: [
    [['yr'], 31557600],
    [['day', 'd'], 86400],
    [['hr'], 3600],
    [['mn', 'min'], 60],
    [['sec', 's'], 1, 1],
  ],
  pressure: [
    [['Pa', 'p'], 1, 1],
    [['atm', 'at'], 101325, 1],
    [['mmHg'], 133.322, 1],
    [['psi'], LBF / (IN * IN)],
    [['Torr'], 101325 / 760],
  ],
  force: [
    [['N'], 1, 1],
    [['dyn', 'dy'], 1e-5, 1],
    [['lbf'], LBF],
    [['pond'], 0.00980665, 1],
  ],
  energy: [
    [['J'], 1, 1],
    [['e'], 1e-7, 1],
    [['c'], 4.184, 1],
    [['cal'], 4.1868, 1],
    [['eV', 'ev'], 1.602176487e-19, 1],
    [['HPh', 'hh'], 550 * LBF * FT * 3600],
    [['Wh', 'wh'], 3600, 1],
    [['flb'], LBF * FT],
    [['BTU', 'btu'], 1055.05585262],
  ],
  power: [
    [['HP', 'h'], 550 * LBF * FT],
    [['PS'], 75 * 9.80665],
    [['W', 'w'], 1, 1],
  ],
  magnetism: [
    [['T'], 1, 1],
    [['ga'], 1e-4, 1],
  ],
  volume: [
    [['l', 'L', 'lt'], 1, 1],
    [['tsp'], 0.00492892159375],
    [['tspm'], 0.005],
    [['tbs'], 0.01478676478125],
    [['oz'], 0.0295735295625],
    [['cup'], 0.2365882365],
    [['pt', 'us_pt'], 0.473176473],
    [['uk_pt'], 0.56826125, 1],
    [['qt'], 0.946352946],
    [['uk_qt'], 1.1365225],
    [['gal'], 3.785411784],
    [['uk_gal'], 4.54609],
    [['ang3', 'ang^3'], 1e-27, 3],
    [['barrel'], 158.987294928],
    [['bushel'], 35.23907016688],
    [['ft3', 'ft^3'], FT ** 3 * 1000],
    [['in3', 'in^3'], IN ** 3 * 1000],
    [['ly3', 'ly^3'], LY ** 3 * 1000],
    [['m3', 'm^3'], 1000, 3],
    [['mi3', 'mi^3'], MI ** 3 * 1000],
    [['yd3', 'yd^3'], 0.9144 ** 3 * 1000],
    [['Nmi3', 'Nmi^3'], NMI ** 3 * 1000],
    [['Picapt3', 'Picapt^3', 'Pica3', 'Pica^3'], PICA_PT ** 3 * 1000],
    [['GRT', 'regton'], FT ** 3 * 100 * 1000],
    [['MTON'], FT ** 3 * 40 * 1000],
  ],
  area: [
    [['uk_acre'], 4046.8564224],
    [['us_acre'], 43560 * (1200 / 3937) ** 2],
    [['ang2', 'ang^2'], 1e-20, 2],
    [['ar'], 100, 1],
    [['ft2', 'ft^2'], FT * FT],
    [['ha'], 10000],
    [['in2', 'in^2'], IN * IN],
    [['ly2', 'ly^2'], LY * LY],
    [['m2', 'm^2'], 1, 2],
    [['Morgen'], 2500],
    [['mi2', 'mi^2'], MI * MI],
    [['Nmi2', 'Nmi^2'], NMI * NMI],
    [['Picapt2', 'Pica2', 'Pica^2', 'Picapt^2'], PICA_PT * PICA_PT],
    [['yd2', 'yd^2'], 0.9144 * 0.9144],
  ],
  information: [
    [['bit'], 1, 1],
    [['byte'], 8, 1],
  ],
  speed: [
    [['admkn'], 6080 * FT],
    [['kn'], NMI],
    [['m/h', 'm/hr'], 1, 1],
    [['m/s', 'm/sec'], 3600, 1],
    [['mph'], MI, 1],
  ],
  temperature: [
    [['K', 'kel'], 1, 1],
    [['C', 'cel'], 1],
    [['F', 'fah'], 1],
    [['Rank'], 1],
    [['Reau'], 1],
  ],
};

const PREFIXES: Record<string, number> = {
  Y: 1e24, Z: 1e21, E: 1e18, P: 1e15, T: 1e12, G: 1e9, M: 1e6, k: 1e3, h: 1e2, da: 1e1, e: 1e1,
  d: 1e-1, c: 1e-2, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15, a: 1e-18, z: 1e-21, y: 1e-24,
};
const BINARY_PREFIXES: Record<string, number> = { Yi: 2 ** 80, Zi: 2 ** 70, Ei: 2 ** 60, Pi: 2 ** 50, Ti: 2 ** 40, Gi: 2 ** 30, Mi: 2 ** 20, ki: 2 ** 10 };

interface Unit {
  category: string;
  /** The unit's size in its category's base unit, prefix included. */
  size: number;
  /** The temperature scale, for the conversions that are not a factor. */
  scale?: string;
}

const UNIT_INDEX = new Map<string, { category: string; size: number; prefix?: 1 | 2 | 3; name: string }>();
for (const [category, specs] of Object.entries(UNITS)) {
  for (const [names, size, prefix] of specs) for (const name of names) UNIT_INDEX.set(name, { category, size, prefix, name: names[0] });
}

/**
 * The readings of a unit name for CONVERT: the unit of that name, and a
 * prefix and a unit that takes one (binary prefixes only for bit and byte).
 * "pc" is a parsec and also a pico-calorie; CONVERT takes the reading whose
 * kind matches the other unit.
 */
function unitsOf(text: string): Unit[] {
  const out: Unit[] = [];
  const exact = UNIT_INDEX.get(text);
  if (exact) out.push({ category: exact.category, size: exact.size, scale: exact.category === 'temperature' ? exact.name : undefined });
  for (const len of [2, 1]) {
    const p = text.slice(0, len);
    const rest = UNIT_INDEX.get(text.slice(len));
    if (!rest || !rest.prefix) continue;
    const factor = PREFIXES[p] ?? (rest.category === 'information' ? BINARY_PREFIXES[p] : undefined);
    if (factor === undefined) continue;
    out.push({ category: rest.category, size: rest.size * factor ** rest.prefix, scale: rest.category === 'temperature' ? rest.name : undefined });
  }
  return out;
}

/** A temperature in kelvin from a scale, and back. */
const TO_KELVIN: Record<string, (t: number) => number> = {
  K: (t) => t,
  C: (t) => t + 273.15,
  F: (t) => ((t - 32) * 5) / 9 + 273.15,
  Rank: (t) => (t * 5) / 9,
  Reau: (t) => (t * 5) / 4 + 273.15,
};
const FROM_KELVIN: Record<string, (k: number) => number> = {
  K: (k) => k,
  C: (k) => k - 273.15,
  F: (k) => ((k - 273.15) * 9) / 5 + 32,
  Rank: (k) => (k * 9) / 5,
  Reau: (k) => ((k - 273.15) * 4) / 5,
};

export function convertUnits(x: number, fromText: string, toText: string): number | undefined {
  let from: Unit | undefined;
  let to: Unit | undefined;
  const tos = unitsOf(toText);
  for (const f of unitsOf(fromText)) {
    to = tos.find((t) => t.category === f.category);
    if (to) {
      from = f;
      break;
    }
  }
  if (!from || !to) return undefined;
  if (from.category === 'temperature') {
    const k = TO_KELVIN[from.scale!](x * from.size);
    return FROM_KELVIN[to.scale!](k) / to.size;
  }
  return (x * from.size) / to.size;
}

// ---- the plugin ------------------------------------------------------------

const unaryTable: ImplementedFunctions = {};
for (const name of Object.keys(UNARY)) unaryTable[name] = { method: 'imUnary', parameters: [value], vectorizationForbidden: true };

const convTable: ImplementedFunctions = {};
for (const from of ['BIN', 'OCT', 'DEC', 'HEX']) {
  for (const to of ['BIN', 'OCT', 'DEC', 'HEX']) {
    if (from === to) continue;
    convTable[`${from}2${to}`] = { method: 'baseConvert', parameters: to === 'DEC' ? [value] : [value, valueOpt], vectorizationForbidden: true };
  }
}

export class EngineeringPlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    COMPLEX: { method: 'complex', parameters: [value, value, valueOpt], vectorizationForbidden: true },
    IMREAL: { method: 'imreal', parameters: [value], vectorizationForbidden: true },
    IMAGINARY: { method: 'imaginary', parameters: [value], vectorizationForbidden: true },
    IMABS: { method: 'imabs', parameters: [value], vectorizationForbidden: true },
    IMARGUMENT: { method: 'imargument', parameters: [value], vectorizationForbidden: true },
    ...unaryTable,
    IMPOWER: { method: 'impower', parameters: [value, num], vectorizationForbidden: true },
    IMDIV: { method: 'imdiv', parameters: [value, value], vectorizationForbidden: true },
    IMSUB: { method: 'imsub', parameters: [value, value], vectorizationForbidden: true },
    IMSUM: { method: 'imsum', parameters: [many], repeatLastArgs: 1 },
    IMPRODUCT: { method: 'improduct', parameters: [many], repeatLastArgs: 1 },
    ...convTable,
    BITAND: { method: 'bitand', parameters: [value, value] },
    BITOR: { method: 'bitor', parameters: [value, value] },
    BITXOR: { method: 'bitxor', parameters: [value, value] },
    BITLSHIFT: { method: 'bitlshift', parameters: [value, value] },
    BITRSHIFT: { method: 'bitrshift', parameters: [value, value] },
    GESTEP: { method: 'gestep', parameters: [value, valueOpt], vectorizationForbidden: true },
    DELTA: { method: 'delta', parameters: [value, valueOpt], vectorizationForbidden: true },
    ERF: { method: 'erf', parameters: [value, valueOpt], vectorizationForbidden: true },
    'ERF.PRECISE': { method: 'erfPrecise', parameters: [value], vectorizationForbidden: true },
    ERFC: { method: 'erfc', parameters: [value], vectorizationForbidden: true },
    'ERFC.PRECISE': { method: 'erfcPrecise', parameters: [value], vectorizationForbidden: true },
    CONVERT: { method: 'convert', parameters: [value, value, value], vectorizationForbidden: true },
  };

  complex(ast: Call, state: State): unknown {
    return this.call('COMPLEX', ast, state, (re: unknown, im: unknown, suffix: unknown) => {
      const x = atpNumber(re, 'COMPLEX', 'real_num');
      if (x instanceof CellError) return x;
      const y = atpNumber(im, 'COMPLEX', 'i_num');
      if (y instanceof CellError) return y;
      let s: Suffix = 'i';
      if (suffix !== undefined && !isEmpty(suffix) && suffix !== '') {
        if (suffix !== 'i' && suffix !== 'j') return err(ErrorType.VALUE, `COMPLEX: suffix must be "i" or "j" (lower case), got ${JSON.stringify(suffix)}.`);
        s = suffix;
      }
      return out('COMPLEX', [x, y], s);
    });
  }

  private part(name: string, ast: Call, state: State, f: (z: Complex) => number | CellError): unknown {
    return this.call(name, ast, state, (v: unknown) => {
      const z = toComplex(v, name);
      return z instanceof CellError ? z : f(z);
    });
  }

  imreal(ast: Call, state: State): unknown {
    return this.part('IMREAL', ast, state, (z) => z.re);
  }

  imaginary(ast: Call, state: State): unknown {
    return this.part('IMAGINARY', ast, state, (z) => z.im);
  }

  imabs(ast: Call, state: State): unknown {
    return this.part('IMABS', ast, state, (z) => cx.abs([z.re, z.im]));
  }

  imargument(ast: Call, state: State): unknown {
    return this.part('IMARGUMENT', ast, state, (z) =>
      z.re === 0 && z.im === 0 ? err(ErrorType.DIV_BY_ZERO, 'IMARGUMENT: 0 has no argument (angle).') : cx.arg([z.re, z.im]),
    );
  }

  imUnary(ast: Call & { procedureName?: string }, state: State): unknown {
    const name = String(ast.procedureName ?? '').toUpperCase().replace(/^_XLFN\./, '');
    const f = UNARY[name];
    if (!f) return err(ErrorType.NAME, `${name}: not a complex-number function.`);
    return this.call(name, ast, state, (v: unknown) => {
      const z = toComplex(v, name);
      if (z instanceof CellError) return z;
      if (z.re === 0 && z.im === 0 && UNDEFINED_AT_ZERO.has(name)) return err(ErrorType.NUM, `${name}: undefined at 0.`);
      return out(name, f([z.re, z.im]), z.suffix);
    });
  }

  impower(ast: Call, state: State): unknown {
    return this.call('IMPOWER', ast, state, (v: unknown, n: number) => {
      const z = toComplex(v, 'IMPOWER');
      if (z instanceof CellError) return z;
      if (z.re === 0 && z.im === 0) {
        if (n > 0) return out('IMPOWER', [0, 0], z.suffix);
        return err(ErrorType.NUM, `IMPOWER: 0 to the power ${n} is undefined.`);
      }
      return out('IMPOWER', cx.pow([z.re, z.im], n), z.suffix);
    });
  }

  private binary(name: string, ast: Call, state: State, f: (a: cx.C, b: cx.C) => cx.C | CellError): unknown {
    return this.call(name, ast, state, (u: unknown, v: unknown) => {
      const a = toComplex(u, name);
      if (a instanceof CellError) return a;
      const b = toComplex(v, name);
      if (b instanceof CellError) return b;
      const s = commonSuffix(name, ErrorType.NUM, a, b);
      if (s instanceof CellError) return s;
      const z = f([a.re, a.im], [b.re, b.im]);
      return z instanceof CellError ? z : out(name, z, s);
    });
  }

  imdiv(ast: Call, state: State): unknown {
    return this.binary('IMDIV', ast, state, (a, b) =>
      b[0] === 0 && b[1] === 0 ? err(ErrorType.NUM, 'IMDIV: division by the complex number 0.') : cx.div(a, b),
    );
  }

  imsub(ast: Call, state: State): unknown {
    return this.binary('IMSUB', ast, state, cx.sub);
  }

  /**
   * IMSUM and IMPRODUCT: every argument (a cell, a value, or every cell of a
   * range) is a complex number, read left to right: the first that is an
   * error or not a complex number decides the result (IMSUM("yvj", #N/A) is
   * #NUM!), as in Excel.
   */
  private fold(name: string, ast: Call, state: State, start: cx.C, f: (a: cx.C, b: cx.C) => cx.C): unknown {
    if (ast.args.length === 0) return err(ErrorType.NA, `${name}: needs at least one complex number.`);
    const values: Complex[] = [];
    for (const a of ast.args) {
      const arg = a.type === 'EMPTY' ? undefined : this.evaluate(a, state);
      const cells = arg instanceof SimpleRangeValue ? (arg.data as unknown[][]).flat() : [arg];
      for (const v of cells) {
        const z = toComplex(v, name);
        if (z instanceof CellError) return z;
        values.push(z);
      }
    }
    const s = commonSuffix(name, ErrorType.VALUE, ...values);
    if (s instanceof CellError) return s;
    return out(name, values.reduce<cx.C>((acc, z) => f(acc, [z.re, z.im]), start), s);
  }

  imsum(ast: Call, state: State): unknown {
    return this.fold('IMSUM', ast, state, [0, 0], cx.add);
  }

  improduct(ast: Call, state: State): unknown {
    return this.fold('IMPRODUCT', ast, state, [1, 0], cx.mul);
  }

  // ---- base conversion -------------------------------------------------------

  baseConvert(ast: Call & { procedureName?: string }, state: State): unknown {
    const name = String(ast.procedureName ?? '').toUpperCase().replace(/^_XLFN\./, '');
    const [from, to] = name.split('2') as [keyof typeof BASES, keyof typeof BASES];
    if (!BASES[from] || !BASES[to]) return err(ErrorType.NAME, `${name}: not a base conversion.`);
    return this.call(name, ast, state, (v: unknown, placesArg: unknown) => {
      let n: number | CellError;
      if (from === 'DEC') {
        const x = atpNumber(v, name, 'number');
        n = x instanceof CellError ? x : Math.trunc(x);
      } else {
        const text = digitsOf(v, name);
        n = text instanceof CellError ? text : fromBase(text, BASES[from], name);
      }
      if (n instanceof CellError) return n;
      if (to === 'DEC') return n;
      const places = placesOf(placesArg, name);
      if (places instanceof CellError) return places;
      return toBase(n, BASES[to], places, name);
    });
  }

  // ---- CONVERT -------------------------------------------------------------------

  /** CONVERT(number, from_unit, to_unit): units are case-sensitive text; an unknown unit, or units of different kinds, is #N/A. */
  convert(ast: Call, state: State): unknown {
    return this.call('CONVERT', ast, state, (v: unknown, from: unknown, to: unknown) => {
      const x = atpNumber(v, 'CONVERT', 'number');
      if (x instanceof CellError) return x;
      if (typeof from !== 'string' || typeof to !== 'string') return err(ErrorType.NA, 'CONVERT: the units must be text such as "m" or "ft".');
      const out = convertUnits(x, from, to);
      if (out === undefined) return err(ErrorType.NA, `CONVERT: cannot convert ${JSON.stringify(from)} to ${JSON.stringify(to)} (an unknown unit, or units of different kinds).`);
      return out;
    });
  }

  // ---- BIT* ------------------------------------------------------------------

  private bitwise(name: string, ast: Call, state: State, f: (a: bigint, b: bigint) => bigint): unknown {
    return this.call(name, ast, state, (u: unknown, v: unknown) => {
      const a = bitNumber(u, name, 'number1');
      if (a instanceof CellError) return a;
      const b = bitNumber(v, name, 'number2');
      if (b instanceof CellError) return b;
      return Number(f(a, b));
    });
  }

  bitand(ast: Call, state: State): unknown {
    return this.bitwise('BITAND', ast, state, (a, b) => a & b);
  }

  bitor(ast: Call, state: State): unknown {
    return this.bitwise('BITOR', ast, state, (a, b) => a | b);
  }

  bitxor(ast: Call, state: State): unknown {
    return this.bitwise('BITXOR', ast, state, (a, b) => a ^ b);
  }

  /** BITLSHIFT/BITRSHIFT: the shift is truncated, at most 53 either way; a negative shift goes the other way; the result must stay below 2^48. */
  private shift(name: string, ast: Call, state: State, sign: 1 | -1): unknown {
    return this.call(name, ast, state, (u: unknown, v: unknown) => {
      const n = bitNumber(u, name, 'number');
      if (n instanceof CellError) return n;
      const s = atpNumber(v, name, 'shift_amount');
      if (s instanceof CellError) return s;
      const k = Math.trunc(s) * sign;
      if (Math.abs(k) > 53) return err(ErrorType.NUM, `${name}: shift_amount must be from -53 to 53, got ${s}.`);
      const out = k >= 0 ? n << BigInt(k) : n >> BigInt(-k);
      if (out >= BigInt(BIT_LIMIT)) return err(ErrorType.NUM, `${name}: the result is 2^48 or more.`);
      return Number(out);
    });
  }

  bitlshift(ast: Call, state: State): unknown {
    return this.shift('BITLSHIFT', ast, state, 1);
  }

  bitrshift(ast: Call, state: State): unknown {
    return this.shift('BITRSHIFT', ast, state, -1);
  }

  // ---- GESTEP, DELTA ---------------------------------------------------------

  private compare(name: string, ast: Call, state: State, f: (a: number, b: number) => boolean): unknown {
    return this.call(name, ast, state, (a: unknown, b: unknown) => {
      const x = atpNumber(a, name, 'number');
      if (x instanceof CellError) return x;
      const y = b === undefined ? 0 : atpNumber(b, name, name === 'GESTEP' ? 'step' : 'number2');
      if (y instanceof CellError) return y;
      return f(x, y) ? 1 : 0;
    });
  }

  gestep(ast: Call, state: State): unknown {
    return this.compare('GESTEP', ast, state, (x, step) => x >= step);
  }

  delta(ast: Call, state: State): unknown {
    return this.compare('DELTA', ast, state, (x, y) => x === y);
  }

  // ---- ERF, ERFC ---------------------------------------------------------------

  private erfLike(name: string, ast: Call, state: State, f: (x: number) => number): unknown {
    return this.call(name, ast, state, (v: unknown) => {
      const x = atpNumber(v, name, 'x');
      return x instanceof CellError ? x : f(x);
    });
  }

  erf(ast: Call, state: State): unknown {
    return this.call('ERF', ast, state, (a: unknown, b: unknown) => {
      const lower = atpNumber(a, 'ERF', 'lower_limit');
      if (lower instanceof CellError) return lower;
      if (b === undefined) return erf(lower);
      const upper = atpNumber(b, 'ERF', 'upper_limit');
      return upper instanceof CellError ? upper : erf(upper) - erf(lower);
    });
  }

  erfPrecise(ast: Call, state: State): unknown {
    return this.erfLike('ERF.PRECISE', ast, state, erf);
  }

  erfc(ast: Call, state: State): unknown {
    return this.erfLike('ERFC', ast, state, erfc);
  }

  erfcPrecise(ast: Call, state: State): unknown {
    return this.erfLike('ERFC.PRECISE', ast, state, erfc);
  }
}
