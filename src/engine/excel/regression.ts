/**
 * Least squares as Excel's LINEST family computes it since Excel 2003
 * (Microsoft KB 828533): a QR decomposition (Householder reflections) of the
 * known x's — centred on their means when the model has a constant — taking
 * the columns in order and leaving out a column that is (numerically) a
 * linear combination of the ones already kept. A column left out gets the
 * coefficient 0 and the standard error 0, and each one raises the degrees of
 * freedom by 1, as Microsoft's LINEST reference states.
 *
 * When every x column is left out (all of them constant, with a constant in
 * the model), Excel reports the mean of y as the intercept and a degenerate
 * perfect fit in the statistics (r² 1, standard errors 0, F #NUM!, the
 * degrees of freedom not raised); this module does the same.
 */

export interface RegressionStats {
  /** Standard errors of the coefficients, one per x column (0 for a column left out). */
  slopeErrors: number[];
  /** Standard error of the intercept (NaN when the model has no constant: Excel shows #N/A). */
  interceptError: number;
  r2: number;
  /** Standard error of the y estimate. */
  sey: number;
  /** The F statistic (NaN when undefined: Excel shows #NUM!). */
  f: number;
  df: number;
  ssreg: number;
  ssresid: number;
}

export interface Fit {
  /** One coefficient per x column, in the columns' order. */
  slopes: number[];
  intercept: number;
  stats: RegressionStats;
}

/** A column whose part not explained by the columns before it is below this fraction of its length is left out. */
const COLLINEAR = 1e-12;

/**
 * Fits y ≈ b + Σ m_j x_j (b = 0 when `withConst` is false) to the rows of `x`
 * (n rows × p columns). Never throws; undefined statistics are NaN.
 */
export function leastSquares(y: number[], x: number[][], withConst: boolean): Fit {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const yBar = withConst ? mean(y) : 0;
  const xBar: number[] = [];
  const cols: number[][] = [];
  for (let j = 0; j < p; j++) {
    const c = x.map((row) => row[j]);
    const m = withConst ? mean(c) : 0;
    xBar.push(m);
    cols.push(c.map((v) => v - m));
  }
  const yc = y.map((v) => v - yBar);
  const norm = (v: number[], from = 0) => {
    let s = 0;
    for (let i = from; i < v.length; i++) s += v[i] * v[i];
    return Math.sqrt(s);
  };
  const original = cols.map((c) => norm(c));

  // Householder QR, column by column, leaving out dependent columns.
  const work = cols.map((c) => c.slice());
  const qty = yc.slice();
  const kept: number[] = [];
  for (let j = 0; j < p; j++) {
    const k = kept.length;
    const col = work[j];
    const len = norm(col, k);
    if (k >= n || original[j] === 0 || len <= COLLINEAR * original[j]) continue;
    const alpha = col[k] > 0 ? -len : len;
    const v = col.slice(k);
    v[0] -= alpha;
    const vv = v.reduce((s, a) => s + a * a, 0);
    const reflect = (target: number[]) => {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i] * target[k + i];
      const f = (2 * s) / vv;
      for (let i = 0; i < v.length; i++) target[k + i] -= f * v[i];
    };
    if (vv > 0) {
      for (let l = j + 1; l < p; l++) reflect(work[l]);
      reflect(qty);
    }
    col[k] = alpha;
    for (let i = k + 1; i < n; i++) col[i] = 0;
    kept.push(j);
  }
  const k = kept.length;
  const R = (r: number, c: number) => work[kept[c]][r];

  // Back substitution: R b = Qᵀy.
  const b = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = qty[r];
    for (let c = r + 1; c < k; c++) s -= R(r, c) * b[c];
    b[r] = s / R(r, r);
  }
  const slopes = new Array<number>(p).fill(0);
  kept.forEach((j, c) => (slopes[j] = b[c]));
  let intercept = yBar;
  for (let j = 0; j < p; j++) intercept -= slopes[j] * xBar[j];

  const sstot = withConst ? yc.reduce((s, v) => s + v * v, 0) : y.reduce((s, v) => s + v * v, 0);
  if (k === 0 && withConst) {
    // Every x column is constant: Excel's degenerate answer.
    return {
      slopes,
      intercept: yBar,
      stats: { slopeErrors: new Array(p).fill(0), interceptError: 0, r2: 1, sey: 0, f: NaN, df: n - p - 1, ssreg: sstot, ssresid: 0 },
    };
  }
  let ssresid = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < p; j++) fit += slopes[j] * cols[j][i];
    const r = yc[i] - fit;
    ssresid += r * r;
  }
  // A fit exact but for rounding is exact (Excel reports 0 and F as #NUM!).
  if (ssresid <= 1e-28 * sstot) ssresid = 0;
  const ssreg = sstot - ssresid;
  const df = n - k - (withConst ? 1 : 0);
  const sey = Math.sqrt(ssresid / df);
  const f = ssresid === 0 || df <= 0 || k === 0 ? NaN : ssreg / k / (ssresid / df);

  // (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, from the inverse of the triangular R.
  const inv: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    inv[c][c] = 1 / R(c, c);
    for (let r = c - 1; r >= 0; r--) {
      let s = 0;
      for (let l = r + 1; l <= c; l++) s += R(r, l) * inv[l][c];
      inv[r][c] = -s / R(r, r);
    }
  }
  const cov = (a: number, c: number) => {
    let s = 0;
    for (let l = Math.max(a, c); l < k; l++) s += inv[a][l] * inv[c][l];
    return s;
  };
  const slopeErrors = new Array<number>(p).fill(0);
  kept.forEach((j, c) => (slopeErrors[j] = sey * Math.sqrt(cov(c, c))));
  let interceptError = NaN;
  if (withConst) {
    let q = 1 / n;
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) q += xBar[kept[a]] * cov(a, c) * xBar[kept[c]];
    interceptError = sey * Math.sqrt(q);
  }
  return { slopes, intercept, stats: { slopeErrors, interceptError, r2: sstot === 0 ? NaN : ssreg / sstot, sey, f, df, ssreg, ssresid } };
}

/** The fitted value at one row of x's. */
export function predict(fit: Fit, xs: number[]): number {
  let s = fit.intercept;
  for (let j = 0; j < xs.length; j++) s += fit.slopes[j] * xs[j];
  return s;
}
