/**
 * Numbers as a person reads them, for citations (LLM.SOURCE, DETAIL's
 * summary, `facts` text): never scientific notation. Where the fact's quote
 * writes the figure with a Chinese scale (2,620亿, 386亿元, 30万亿), the
 * figure is written the document's way; otherwise in words for large amounts
 * (38.6 billion CNY) and grouped digits below a million. Values returned to
 * cells stay plain numbers: this is only for text.
 */
const CN_SCALES: [string, number][] = [
  ['万亿', 1e12],
  ['萬億', 1e12],
  ['亿', 1e8],
  ['億', 1e8],
  ['万', 1e4],
  ['萬', 1e4],
];
const EN_SCALES: [string, number][] = [
  ['trillion', 1e12],
  ['billion', 1e9],
  ['million', 1e6],
];

/** Up to 6 significant digits, grouped by thousands, no exponent ("2,620", "38.6", "0.0063"). */
export function groupedDigits(v: number): string {
  const r = +v.toPrecision(6);
  const [int, frac] = Math.abs(r).toFixed(Math.max(0, Math.min(20, 6 - Math.max(1, Math.floor(Math.log10(Math.abs(r) || 1)) + 1)))).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const f = (frac ?? '').replace(/0+$/, '');
  return `${r < 0 ? '-' : ''}${grouped}${f ? `.${f}` : ''}`;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** The Chinese scale the quote writes this value with, if any (the number before it times the scale is the value). */
function quotedScale(value: number, quote: string): string | null {
  // Document 003 annotates characters with pinyin (萬(wàn)億): read the characters alone.
  const plain = quote.replace(/[(（][a-zA-Z\u00C0-\u024F\u0300-\u036F]+[)）]/g, '');
  for (const m of plain.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(万亿|萬億|亿|億|万|萬)/g)) {
    const n = Number(m[1].replace(/,/g, ''));
    const scale = CN_SCALES.find(([s]) => s === m[2])![1];
    if (Number.isFinite(n) && close(n * scale, Math.abs(value))) return m[2];
  }
  return null;
}

const CN_CURRENCY: Record<string, string> = { CNY: '元', USD: '美元' };

/** The number alone, as readableAmount writes it: "2,620亿", "38.6 billion", "140,000", "49.2%". */
export function readableNumber(value: number, unit: string, quote = ''): string {
  if (unit === 'fraction') return readableAmount(value, unit);
  const cn = quotedScale(value, quote);
  if (cn) return `${groupedDigits(value / CN_SCALES.find(([s]) => s === cn)![1])}${cn}`;
  for (const [word, scale] of EN_SCALES) if (Math.abs(value) >= scale) return `${groupedDigits(value / scale)} ${word}`;
  return groupedDigits(value);
}

/** "2,620亿 tokens/day", "386亿元", "38.6 billion CNY", "90,000 count", "49.2%". */
export function readableAmount(value: number, unit: string, quote = ''): string {
  if (unit === 'fraction') return `${groupedDigits(value * 100)}%`;
  const cn = quotedScale(value, quote);
  if (cn) {
    const scale = CN_SCALES.find(([s]) => s === cn)![1];
    const n = groupedDigits(value / scale);
    return CN_CURRENCY[unit] ? `${n}${cn}${CN_CURRENCY[unit]}` : `${n}${cn} ${unit}`;
  }
  for (const [word, scale] of EN_SCALES) {
    if (Math.abs(value) >= scale) return `${groupedDigits(value / scale)} ${word} ${unit}`;
  }
  return `${groupedDigits(value)} ${unit}`;
}
