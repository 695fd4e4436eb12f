/**
 * Caps that keep reading a workbook bounded by its content. Each is far above
 * what an analyst's model holds and far below what exhausts Node's default
 * heap; beyond one, reading stops with a LimitError naming the cap (the CLI
 * prints it as one line) instead of an out-of-memory abort.
 */
export interface XlsxLimits {
  /** Total bytes inflated from the zip, over every part read (a zip bomb stops here). */
  maxInflatedBytes: number;
  /** Cells with a value or a formula, over every sheet. */
  maxCells: number;
  /** Characters of one run of text without markup (Excel's own cell limit is 32,767). */
  maxTextRun: number;
  /** Characters over all shared strings (the one part held whole in memory). */
  maxStringChars: number;
  /** Parentheses nested in one formula; deeper formulas overflow the engine's parser stack. */
  maxFormulaDepth: number;
}

export const DEFAULT_LIMITS: XlsxLimits = {
  maxInflatedBytes: 512 * 1024 * 1024,
  maxCells: 1_000_000,
  maxTextRun: 1024 * 1024,
  maxStringChars: 128 * 1024 * 1024,
  maxFormulaDepth: 100,
};

export class LimitError extends Error {
  override name = 'LimitError';
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

/** Counts inflated bytes across all parts of one workbook. */
export class InflateBudget {
  used = 0;
  constructor(readonly file: string, readonly limits: XlsxLimits) {}
  take(n: number, part: string): void {
    this.used += n;
    if (this.used > this.limits.maxInflatedBytes) {
      throw new LimitError(
        `${this.file} inflates to more than ${mib(this.limits.maxInflatedBytes)} (the cap on a workbook's uncompressed size, reached in ${part}); calc stops here`,
      );
    }
  }
}
