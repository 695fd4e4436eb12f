/** Rows of cells as CSV (RFC 4180 quoting), TSV or aligned text: what `facts` and `eval` print. */

export type Cell = string | number | boolean | null;
export type TableFormat = 'csv' | 'tsv';

/** As a spreadsheet shows a value: plain digits for numbers (never an exponent below 1e21), TRUE/FALSE, nothing for empty. */
export function cellText(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

// RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes doubled.
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
// TSV has no quoting: a tab or line break inside a field would split it, so it becomes a space.
const tsvField = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

/** One line per row; line ends are LF (RFC 4180 asks for CRLF; every CSV reader accepts LF, and Unix tools expect it). */
export function formatRows(rows: readonly (readonly Cell[])[], fmt: TableFormat): string[] {
  return fmt === 'csv'
    ? rows.map((r) => r.map((c) => csvField(cellText(c))).join(','))
    : rows.map((r) => r.map((c) => tsvField(cellText(c))).join('\t'));
}

/** Columns padded to a common width (numbers right-aligned), for people reading a terminal. */
export function alignRows(rows: readonly (readonly Cell[])[], indent = '  '): string[] {
  const texts = rows.map((r) => r.map((c) => tsvField(cellText(c))));
  const widths: number[] = [];
  for (const r of texts) r.forEach((t, j) => (widths[j] = Math.max(widths[j] ?? 0, [...t].length)));
  return texts.map(
    (r, i) =>
      indent +
      r
        .map((t, j) => {
          if (j === r.length - 1 && typeof rows[i][j] !== 'number') return t;
          const pad = ' '.repeat(widths[j] - [...t].length);
          return typeof rows[i][j] === 'number' ? pad + t : t + pad;
        })
        .join('  '),
  );
}
