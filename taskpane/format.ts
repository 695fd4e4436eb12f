/**
 * How the pane writes numbers, units, periods and quotes for people, in
 * English or Chinese. Pure functions, no DOM: the browser tests and the unit
 * tests read the same output.
 */
import type { Lang } from './i18n';

/** Units as the pane prints them; "" = no unit word (a count is read from the metric's name). */
const UNIT_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    CNY: 'CNY',
    USD: 'USD',
    tokens: 'tokens',
    'tokens/day': 'tokens/day',
    'tokens/week': 'tokens/week',
    'tokens/month': 'tokens/month',
    count: '',
    multiple: '×',
    hours: 'hours',
    'USD per million tokens': 'USD per million tokens',
    'CNY per million tokens': 'CNY per million tokens',
  },
  zh: {
    CNY: '元',
    USD: '美元',
    tokens: 'Token',
    'tokens/day': 'Token/日',
    'tokens/week': 'Token/周',
    'tokens/month': 'Token/月',
    count: '',
    multiple: '倍',
    hours: '小时',
    'USD per million tokens': '美元/百万Token',
    'CNY per million tokens': '元/百万Token',
  },
};

/** Every unit the pane can name, in both languages (the i18n test reads it). */
export function unitTable(lang: Lang): Readonly<Record<string, string>> {
  return UNIT_WORDS[lang];
}

export function unitWord(unit: string, lang: Lang): string {
  return UNIT_WORDS[lang][unit] ?? unit;
}

/** Units written straight after the number, without a space ("38.6B CNY" but "386亿元", "2×", "2倍"). */
function joinUnit(num: string, unit: string, lang: Lang): string {
  const word = unitWord(unit, lang);
  if (!word) return num;
  if (word === '×' || lang === 'zh') return `${num}${word}`;
  return `${num} ${word}`;
}

const trim = (x: number, digits = 4) => String(+x.toPrecision(digits));

/**
 * A number in the scale analysts read: 43B, 2.62T (English); 430亿, 26.2万亿
 * (Chinese, 万/亿/万亿). Small numbers keep their digits.
 */
export function scaled(value: number, lang: Lang): string {
  const a = Math.abs(value);
  const steps: [number, string][] =
    lang === 'zh'
      ? [
          [1e12, '万亿'],
          [1e8, '亿'],
          [1e4, '万'],
        ]
      : [
          [1e12, 'T'],
          [1e9, 'B'],
          [1e6, 'M'],
          [1e3, 'K'],
        ];
  for (const [size, suffix] of steps) if (a >= size) return `${trim(value / size)}${suffix}`;
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumSignificantDigits: 6 }).format(value);
}

/** Every digit of the stored value, grouped: what a cell holds. */
export function baseNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumSignificantDigits: 15 }).format(value);
}

/** A value with its unit in the analyst's scale: "262B tokens/day", "2620亿Token/日", "49.2%". */
export function valueScaled(value: number, unit: string, lang: Lang): string {
  if (unit === 'fraction') return `${trim(value * 100, 6)}%`;
  return joinUnit(scaled(value, lang), unit, lang);
}

/** The same value in base units, every digit: "262,000,000,000 tokens/day"; fractions as stored (0.492). */
export function valueBase(value: number, unit: string, lang: Lang): string {
  if (unit === 'fraction') return baseNumber(value, lang);
  return joinUnit(baseNumber(value, lang), unit, lang);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

function dayText(iso: string, lang: Lang, withYear = true): string {
  const [y, m, d] = parts(iso);
  if (lang === 'zh') return `${withYear ? `${y}年` : ''}${m}月${d}日`;
  return `${d} ${MONTHS_EN[m - 1]}${withYear ? ` ${y}` : ''}`;
}

const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A period in the fewest characters that still say exactly it: "2025Q2",
 * "2025H1", "2025", "Sep 2025", "17–30 Sep 2025", "as of 3 Oct 2025" (an
 * instant). Chinese: "2025年9月", "2025年9月17日至30日", "截至2025年10月3日".
 */
export function periodCompact(start: string, end: string, lang: Lang, instant: boolean): string {
  if (start === end) return instant ? (lang === 'zh' ? `截至${dayText(end, lang)}` : `as of ${dayText(end, lang)}`) : dayText(end, lang);
  const [ys, ms, ds] = parts(start);
  const [ye, me, de] = parts(end);
  if (ys === ye && ds === 1 && de === lastDayOf(ye, me)) {
    const months = me - ms + 1;
    if (months === 12) return String(ye);
    if (months === 6 && (ms === 1 || ms === 7)) return `${ye}H${ms === 1 ? 1 : 2}`;
    if (months === 3 && ms % 3 === 1) return `${ye}Q${(ms + 2) / 3}`;
    if (months === 1) return lang === 'zh' ? `${ye}年${me}月` : `${MONTHS_EN[me - 1]} ${ye}`;
  }
  if (lang === 'zh') {
    if (ys === ye && ms === me) return `${ye}年${ms}月${ds}日至${de}日`;
    if (ys === ye) return `${ye}年${ms}月${ds}日至${me}月${de}日`;
    return `${dayText(start, lang)}至${dayText(end, lang)}`;
  }
  if (ys === ye && ms === me) return `${ds}–${de} ${MONTHS_EN[me - 1]} ${ye}`;
  if (ys === ye) return `${dayText(start, lang, false)} – ${dayText(end, lang)}`;
  return `${dayText(start, lang)} – ${dayText(end, lang)}`;
}

/**
 * The fiscal name of a period for an entity whose year does not end on 31
 * December ("Q1 FY2026" / "2026财年第一季度"), or null when it is not a fiscal
 * quarter or year of that entity.
 */
export function fiscalLabel(start: string, end: string, fiscalYearEnd: string, lang: Lang): string | null {
  if (fiscalYearEnd === '12-31') return null;
  const [ys, ms, ds] = parts(start);
  const [ye, me, de] = parts(end);
  if (ds !== 1 || de !== lastDayOf(ye, me)) return null;
  const months = (ye - ys) * 12 + me - ms + 1;
  const fyEndMonth = Number(fiscalYearEnd.slice(0, 2));
  // The fiscal year is named by the calendar year it ends in.
  const fy = me > fyEndMonth ? ye + 1 : ye;
  if (months === 12 && me === fyEndMonth) return lang === 'zh' ? `${fy}财年` : `FY${fy}`;
  if (months !== 3) return null;
  const monthsIntoYear = (me - fyEndMonth + 12) % 12 || 12;
  if (monthsIntoYear % 3 !== 0) return null;
  const q = monthsIntoYear / 3;
  return lang === 'zh' ? `${fy}财年第${'一二三四'[q - 1]}季度` : `Q${q} FY${fy}`;
}

/**
 * A quote as people read it: document 003's scraper put the pinyin of some
 * characters after them in parentheses ("市場(chǎng)份額"); those insertions
 * (a Han character followed by a parenthesised, tone-marked Latin syllable)
 * are removed. Nothing else changes; the verbatim quote stays the citation.
 */
export function displayQuote(quote: string): string {
  return quote.replace(/(\p{Script=Han})\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/gu, '$1');
}

/**
 * A note (or note_zh) as people read it: notes quote document 003 as the file
 * writes it, pinyin and all ('日均 30 萬(wàn)億 Tokens'); the pane shows them,
 * as it shows quotes, without the inserted pinyin. The dataset keeps the
 * verbatim text (=LLM.DETAIL(…,"note") answers it).
 */
export function displayNote(note: string): string {
  return displayQuote(note);
}

/**
 * A value as it must be read, in the analyst's scale (or with every digit):
 * the qualifier first (a "more than" is never shown as a plain number), then
 * the value and unit.
 */
export function valueText(f: { qualifier: string; value: number; unit: string }, lang: Lang, everyDigit = false): string {
  return `${f.qualifier === '=' ? '' : `${f.qualifier} `}${(everyDigit ? valueBase : valueScaled)(f.value, f.unit, lang)}`;
}

/**
 * A value for a table whose header carries the unit: the qualifier and the
 * number in scale without the unit ("> 30万亿", "262B"), a fraction in percent
 * without the sign ("49.2"), or every digit ("262,000,000,000").
 */
export function valueInTable(f: { qualifier: string; value: number; unit: string }, lang: Lang, everyDigit = false): string {
  const n = f.unit === 'fraction' ? (everyDigit ? baseNumber(f.value * 100, lang) : trim(f.value * 100, 6)) : everyDigit ? baseNumber(f.value, lang) : scaled(f.value, lang);
  return `${f.qualifier === '=' ? '' : `${f.qualifier} `}${n}`;
}

/** A unit as a table's header names it: "%" for fractions, the unit's word, or "" for plain counts. */
export function unitHeader(unit: string, lang: Lang): string {
  return unit === 'fraction' ? '%' : unitWord(unit, lang);
}

/**
 * What a formula returns, readable ("→ 38.6B", "→ 386亿", "→ 0.492"): the
 * plain number a cell receives, in scale, never 38600000000; a fraction as the
 * cell holds it.
 */
export function resultText(value: number, unit: string, lang: Lang): string {
  if (unit === 'fraction' || Math.abs(value) < 1e4) return baseNumber(value, lang);
  return scaled(value, lang);
}

/** Rows as tab-separated text for pasting into a sheet: a tab or line break inside a cell becomes a space. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => c.replace(/[\t\r\n]+/g, ' ').trim()).join('\t')).join('\n');
}
