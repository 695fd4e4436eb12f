/**
 * Special functions for the statistical family, in double precision: the
 * gamma function (Lanczos, with exact factorials for whole numbers and the
 * reflection formula below ½), the regularized incomplete beta function
 * (continued fraction) for Student's t, and the Poisson distribution
 * computed in log space (Loader's saddle-point form), so that a mean or x of
 * a million still gives every digit Excel shows.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Γ(x) for x ≥ ½ by the Lanczos approximation (g = 7, 9 terms; ~1e-15 relative). */
function lanczosGamma(x: number): number {
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  // t^(z+½) e^-t split in two powers so that Γ(171) does not overflow on the way.
  const half = Math.pow(t, (z + 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * half * (half * Math.exp(-t)) * a;
}

/** Γ(x); NaN at 0 and the negative integers, Infinity past Γ(171.62…). */
export function gamma(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    if (x > 171) return Infinity;
    let f = 1;
    for (let i = 2; i < x; i++) f *= i;
    return f;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (x > 171.62) return Infinity;
  return lanczosGamma(x);
}

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  if (x < 100) return Math.log(Math.abs(gamma(x)));
  // Stirling's series.
  const z = 1 / (x * x);
  const series = (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z / 1188)))) / x;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T > t) for Student's t with `df` degrees of freedom, t ≥ 0. */
export function studentUpperTail(t: number, df: number): number {
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

// ---- Poisson ---------------------------------------------------------------

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(n+1) − ((n+½) ln n − n + ½ ln 2π): Stirling's error. */
function stirlingError(n: number): number {
  if (n <= 15) {
    return lnGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * nn)) / nn) / nn) / nn) / n;
}

/** x ln(x/m) + m − x, without cancellation when x ≈ m. */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for a Poisson variable of mean m (k a whole number ≥ 0). */
export function poissonPmf(k: number, m: number): number {
  if (m === 0) return k === 0 ? 1 : 0;
  if (k === 0) return Math.exp(-m);
  return Math.exp(-stirlingError(k) - deviance(k, m)) / Math.sqrt(2 * Math.PI * k);
}

/** P(X ≤ k) for a Poisson variable of mean m: the smaller tail summed from its largest term. */
export function poissonCdf(k: number, m: number): number {
  if (m === 0) return 1;
  if (k < m) {
    // Lower tail: p(k) (1 + k/m + k(k−1)/m² + …).
    let term = poissonPmf(k, m);
    let sum = term;
    for (let j = k; j > 0; j--) {
      term *= j / m;
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, sum);
  }
  // Upper tail: P(X > k) = p(k+1) (1 + m/(k+2) + …).
  let term = poissonPmf(k + 1, m);
  let sum = term;
  for (let j = k + 2; term > sum * 1e-17 && j < k + 1e7; j++) {
    term *= m / j;
    sum += term;
  }
  return Math.max(0, 1 - sum);
}

// ---- incomplete gamma --------------------------------------------------------

/**
 * ln P(a, x) and ln Q(a, x), the regularized lower and upper incomplete gamma
 * functions, by the series (x < a + 1) or the continued fraction, each in log
 * space so that a tail of 1e-51 keeps its digits.
 */
export function logIncompleteGamma(a: number, x: number): { lnP: number; lnQ: number } {
  if (x <= 0) return { lnP: -Infinity, lnQ: 0 };
  const lnFront = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1e6; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    const lnP = lnFront + Math.log(sum);
    return { lnP, lnQ: Math.log1p(-Math.exp(lnP)) };
  }
  // Continued fraction for Q (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1e6; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  const lnQ = lnFront + Math.log(h);
  return { lnP: Math.log1p(-Math.exp(lnQ)), lnQ };
}

/**
 * The x with P(a, x) = p (0 < p < 1): Newton's method on ln P (or ln Q for
 * p above ½), kept inside a bracket that bisection narrows when a step
 * would leave it.
 */
export function inverseIncompleteGamma(p: number, a: number): number {
  const useLower = p < 0.5;
  const target = useLower ? Math.log(p) : Math.log1p(-p);
  // g(x) increases in x for ln P and decreases for ln Q; make it increasing.
  const g = (x: number) => {
    const { lnP, lnQ } = logIncompleteGamma(a, x);
    return useLower ? lnP - target : target - lnQ;
  };
  let lo = 0;
  let hi = Math.max(1, a);
  while (g(hi) < 0 && hi < 1e300) hi *= 2;
  // A first guess from the lower tail's leading term, x^a / Γ(a+1), when p is small.
  let x = useLower ? Math.exp((Math.log(p) + lnGamma(a + 1)) / a) : a;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const gx = g(x);
    if (gx === 0) return x;
    if (gx < 0) lo = x;
    else hi = x;
    // d/dx ln P = density / P; d/dx (−ln Q) = density / Q.
    const { lnP, lnQ } = logIncompleteGamma(a, x);
    const lnDensity = (a - 1) * Math.log(x) - x - lnGamma(a);
    const slope = Math.exp(lnDensity - (useLower ? lnP : lnQ));
    let next = x - gx / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * x) return next;
    x = next;
  }
  return x;
}

// ---- incomplete beta in log space ------------------------------------------------

/** ln I_x(a, b) and ln(1 − I_x(a, b)), each without losing a tail far below 1e-16. */
export function logIncompleteBeta(x: number, a: number, b: number): { lnI: number; lnJ: number } {
  if (x <= 0) return { lnI: -Infinity, lnJ: 0 };
  if (x >= 1) return { lnI: 0, lnJ: -Infinity };
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) {
    const lnI = lnFront + Math.log(betaFraction(a, b, x) / a);
    return { lnI, lnJ: Math.log1p(-Math.exp(lnI)) };
  }
  const lnJ = lnFront + Math.log(betaFraction(b, a, 1 - x) / b);
  return { lnI: Math.log1p(-Math.exp(lnJ)), lnJ };
}

/**
 * The x in (0, 1) with I_x(a, b) = p (0 < p < 1): Newton's method on ln I
 * (or ln(1 − I) for p above ½) inside a bracket that bisection narrows.
 */
export function inverseIncompleteBeta(p: number, a: number, b: number): number {
  const useLower = p < 0.5;
  const target = useLower ? Math.log(p) : Math.log1p(-p);
  const lnB = lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  let lo = 0;
  let hi = 1;
  // First guess from the leading term of the tail being matched.
  let x = useLower ? Math.exp((Math.log(p) + Math.log(a) + lnB) / a) : 1 - Math.exp((Math.log1p(-p) + Math.log(b) + lnB) / b);
  if (!(x > lo && x < hi)) x = 0.5;
  for (let i = 0; i < 300; i++) {
    const { lnI, lnJ } = logIncompleteBeta(x, a, b);
    // g increases with x in both forms.
    const gx = useLower ? lnI - target : target - lnJ;
    if (gx === 0) return x;
    if (gx < 0) lo = x;
    else hi = x;
    const lnDensity = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB;
    const slope = Math.exp(lnDensity - (useLower ? lnI : lnJ));
    let next = x - gx / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-16 * Math.max(x, 1e-300) || hi - lo <= 1e-17 * hi) return next;
    x = next;
  }
  return x;
}

// ---- Student's t ---------------------------------------------------------------

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentCdf(t: number, df: number): number {
  return t >= 0 ? 1 - studentUpperTail(t, df) : studentUpperTail(-t, df);
}

/** P(T > t) for any t. */
export function studentRightTail(t: number, df: number): number {
  return t >= 0 ? studentUpperTail(t, df) : 1 - studentUpperTail(-t, df);
}

/** The density of Student's t. */
export function studentPdf(t: number, df: number): number {
  return Math.exp(lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The t ≥ 0 with P(|T| > t) = q (0 < q ≤ 1), from the inverse of the incomplete beta function. */
export function studentTwoTailedInverse(q: number, df: number): number {
  if (q >= 1) return 0;
  // q = I_z(df/2, ½) with z = df/(df + t²); for q above ½ solve for w = 1 − z = t²/(df + t²) instead, which keeps small t exact.
  if (q < 0.5) {
    const z = inverseIncompleteBeta(q, df / 2, 0.5);
    return Math.sqrt((df * (1 - z)) / z);
  }
  const w = inverseIncompleteBeta(1 - q, 0.5, df / 2);
  return Math.sqrt((df * w) / (1 - w));
}
