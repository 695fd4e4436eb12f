/**
 * Every quantity written in a quote, in base units: "2,620亿" → 2.62e11,
 * "536.7萬億" → 5.367e14, "49.2%" → 0.492, "$85 billion" → 8.5e10, "253倍" → 253.
 * Only the scaled reading counts: "54亿" is 5.4e9, never 54 — unless the
 * fact's own unit is in that scale (a unit "million tokens" reads "3 million" as 3).
 */
const MAGNITUDE: Record<string, number> = {
  万亿: 1e12, 萬億: 1e12, 千亿: 1e11, 千億: 1e11, 亿: 1e8, 億: 1e8, 万: 1e4, 萬: 1e4, 千: 1e3,
  trillion: 1e12, billion: 1e9, million: 1e6, thousand: 1e3,
  '%': 0.01, 倍: 1,
};

const NUMBER = /(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万亿|萬億|千亿|千億|亿|億|万|萬|千|trillion|billion|million|thousand|%|倍)?/gi;

/** Document 003 annotates characters with pinyin, e.g. 萬(wàn)億; those are not part of the number. */
const PINYIN = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]+\)/g;

export function quoteNumbers(quote: string, unit = ''): number[] {
  const out: number[] = [];
  const unitWords = unit.toLowerCase();
  for (const m of quote.replace(PINYIN, '').matchAll(NUMBER)) {
    const n = Number(`${m[1].replace(/,/g, '')}${m[2] ?? ''}`);
    const word = m[3]?.toLowerCase();
    const mag = word ? MAGNITUDE[word] ?? MAGNITUDE[m[3]] : 1;
    out.push(n * mag);
    if (mag !== 1 && word && word !== '%' && unitWords.includes(word)) out.push(n);
  }
  return out;
}

export const sameNumber = (a: number, b: number) => Math.abs(Math.abs(a) - Math.abs(b)) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
