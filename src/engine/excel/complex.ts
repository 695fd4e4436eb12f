/**
 * Complex numbers as Excel's engineering functions (COMPLEX, IM*) keep them:
 * text such as "3+4i", "-2.5j", "i", "1E-3-2i", read and written the way
 * Excel does.
 *
 * - Reading accepts a real part, an imaginary part, or both, each an
 *   optional sign and a decimal number with an optional exponent; the
 *   imaginary part ends in a lower-case i or j, and its coefficient may be
 *   left out ("i", "-j", "3+i"). No spaces, no upper-case suffix. A number
 *   with no imaginary part has no suffix and combines with either.
 * - Writing rounds each part to 15 significant digits (Excel's precision),
 *   writes it in plain decimals ("0.0000000000000001"), or with an exponent
 *   ("1E-20", "1.28233995888454E-06") when that would take more than 19
 *   digits after the point or it is at least 1E+15, leaves out a zero part
 *   and a coefficient of 1, and keeps the suffix of the inputs.
 */

export type Suffix = 'i' | 'j';

export interface Complex {
  re: number;
  im: number;
  /** The suffix written in the text, or undefined for a plain real number. */
  suffix?: Suffix;
}

const NUM = String.raw`(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const REAL = new RegExp(`^([+-]?${NUM})$`);
const IMAG = new RegExp(`^([+-]?)(${NUM})?([ij])$`);
const BOTH = new RegExp(`^([+-]?${NUM})([+-])(${NUM})?([ij])$`);

/** Excel's complex-number text as a value, or undefined when Excel would say #NUM!. The empty text is 0. */
export function parseComplex(text: string): Complex | undefined {
  if (text === '') return { re: 0, im: 0 };
  let m = REAL.exec(text);
  if (m) return finite({ re: Number(m[1]), im: 0 });
  m = IMAG.exec(text);
  if (m) {
    const coef = m[2] === undefined ? 1 : Number(m[2]);
    return finite({ re: 0, im: m[1] === '-' ? -coef : coef, suffix: m[3] as Suffix });
  }
  m = BOTH.exec(text);
  if (m) {
    const coef = m[3] === undefined ? 1 : Number(m[3]);
    return finite({ re: Number(m[1]), im: m[2] === '-' ? -coef : coef, suffix: m[4] as Suffix });
  }
  return undefined;
}

function finite(c: Complex): Complex | undefined {
  return Number.isFinite(c.re) && Number.isFinite(c.im) ? c : undefined;
}

/** A number rounded to Excel's 15 significant digits (-0 is 0). */
export function sig15(x: number): number {
  if (x === 0) return 0;
  return Number(x.toPrecision(15));
}

/**
 * One part of a complex number as Excel writes it (after rounding to 15
 * digits): in plain decimals when that takes at most 19 digits after the
 * point and the number is below 1E+15 ("0.0000000000000001",
 * "0.0000692361330972509"), otherwise with a two-digit exponent
 * ("1.28233995888454E-06", "1E-20").
 */
export function formatPart(x: number): string {
  if (x === 0) return '0';
  const [mant, e] = x.toExponential(14).split('e');
  const e10 = Number(e);
  const m = mant.replace(/\.?0+$/, '');
  const significant = m.replace(/^-/, '').replace('.', '').length;
  const decimals = Math.max(0, significant - 1 - e10);
  if (e10 >= 15 || decimals > 19) return `${m}E${e10 < 0 ? '-' : '+'}${String(Math.abs(e10)).padStart(2, '0')}`;
  return plainDecimal(x);
}

/** A number in plain decimal notation, without an exponent, with its shortest round-trip digits. */
function plainDecimal(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  const neg = x < 0;
  const [mant, e] = Math.abs(x).toExponential().split('e');
  const e10 = Number(e);
  const digits = mant.replace('.', '');
  let out: string;
  if (e10 < 0) out = '0.' + '0'.repeat(-e10 - 1) + digits;
  else if (digits.length <= e10 + 1) out = digits + '0'.repeat(e10 + 1 - digits.length);
  else out = digits.slice(0, e10 + 1) + '.' + digits.slice(e10 + 1);
  return (neg ? '-' : '') + out;
}

/** Excel's text for a complex number, or undefined when a part is not finite (Excel's #NUM!). */
export function formatComplex(c: Complex): string | undefined {
  if (!Number.isFinite(c.re) || !Number.isFinite(c.im)) return undefined;
  const re = sig15(c.re);
  const im = sig15(c.im);
  const suffix = c.suffix ?? 'i';
  if (im === 0) return formatPart(re);
  const imText = im === 1 ? suffix : im === -1 ? `-${suffix}` : `${formatPart(im)}${suffix}`;
  if (re === 0) return imText;
  return `${formatPart(re)}${im > 0 ? '+' : ''}${imText}`;
}

// ---- arithmetic ------------------------------------------------------------

export type C = [number, number];

export const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];
export const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export function div(a: C, b: C): C {
  const t = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / t, (a[1] * b[0] - a[0] * b[1]) / t];
}
export const abs = (a: C): number => Math.hypot(a[0], a[1]);
export const arg = (a: C): number => Math.atan2(a[1], a[0]);

export const exp = (a: C): C => {
  const r = Math.exp(a[0]);
  return [r * Math.cos(a[1]), r * Math.sin(a[1])];
};
export const ln = (a: C): C => [Math.log(abs(a)), arg(a)];
export const sqrt = (a: C): C => {
  const r = Math.sqrt(abs(a));
  const t = arg(a) / 2;
  return [r * Math.cos(t), r * Math.sin(t)];
};
/** z^n through the polar form, as Microsoft's reference defines IMPOWER. */
export const pow = (a: C, n: number): C => {
  const r = Math.pow(abs(a), n);
  const t = arg(a) * n;
  return [r * Math.cos(t), r * Math.sin(t)];
};
export const sin = (a: C): C => [Math.sin(a[0]) * Math.cosh(a[1]), Math.cos(a[0]) * Math.sinh(a[1])];
export const cos = (a: C): C => [Math.cos(a[0]) * Math.cosh(a[1]), -Math.sin(a[0]) * Math.sinh(a[1])];
export const sinh = (a: C): C => [Math.sinh(a[0]) * Math.cos(a[1]), Math.cosh(a[0]) * Math.sin(a[1])];
export const cosh = (a: C): C => [Math.cosh(a[0]) * Math.cos(a[1]), Math.sinh(a[0]) * Math.sin(a[1])];
/** tan z = (sin 2x + i sinh 2y) / (cos 2x + cosh 2y), the denominator as 2(cos²x + sinh²y): no cancellation. */
export const tan = (a: C): C => {
  const d = 2 * (Math.cos(a[0]) ** 2 + Math.sinh(a[1]) ** 2);
  return [Math.sin(2 * a[0]) / d, Math.sinh(2 * a[1]) / d];
};
/** cot z = (sin 2x - i sinh 2y) / (cosh 2y - cos 2x), the denominator as 2(sin²x + sinh²y). */
export const cot = (a: C): C => {
  const d = 2 * (Math.sin(a[0]) ** 2 + Math.sinh(a[1]) ** 2);
  return [Math.sin(2 * a[0]) / d, -Math.sinh(2 * a[1]) / d];
};
export const inv = (a: C): C => div([1, 0], a);
