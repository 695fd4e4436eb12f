/**
 * `llm-market data draft DOC.txt`: every number a document states, as a draft
 * fact for an analyst to complete. What the text says is filled in — the
 * verbatim quote (the shortest clause that states the number), the value at
 * its scale (万, 亿, 千亿, 万亿, million, billion, trillion, %), the qualifier
 * its words give (超/约/近/最高, over/about/up to), the dates written nearby —
 * and every field the program cannot know (entity, metric, period, source,
 * scope, basis) is left empty, so nothing is invented. A draft fails
 * `data check` until the analyst completes it.
 */
import { quoteNumbers } from './quoteNumbers';
import { WRITTEN } from './writtenNumbers';
import type { QualifierT } from './schema';

export interface DraftFact {
  id: '';
  entity: '';
  metric: '';
  value: number;
  /** Only what the text writes beside the number: "fraction" for %, "CNY" for 元, "USD" for $/美元; else empty. */
  unit: string;
  period: { start: ''; end: '' };
  qualifier: QualifierT;
  basis: '';
  source: '';
  scope: '';
  document: string;
  quote: string;
  written_as?: string;
  /** Dates written in the quote's sentence, as written: the analyst decides the period. */
  dates_nearby: string[];
}

/** Document 003 annotates characters with pinyin, e.g. 萬(wàn)億: skipped when reading numbers, kept in quotes. */
const PINYIN = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]+\)/g;
const SCALE = '万亿|萬億|千亿|千億|亿|億|万|萬|trillion|billion|million|thousand|%|倍';
const NUMBER = new RegExp(`(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?!\\.\\d)\\s*(${SCALE})?`, 'gi');
/** Clause ends: Chinese and English clause punctuation; a comma between digits is a thousands separator, a point before a digit a decimal point. */
function isClauseEnd(t: string, i: number): boolean {
  const c = t[i];
  if ('。；;：:！？!?\n\r，（）()「」“”"'.includes(c)) return true;
  if (c === ',') return !(/\d/.test(t[i - 1] ?? '') && /^\d{3}/.test(t.slice(i + 1, i + 4)));
  if (c === '.') return !/\d/.test(t[i + 1] ?? '');
  return false;
}
function isSentenceEnd(t: string, i: number): boolean {
  const c = t[i];
  if ('。！？!?\n\r'.includes(c)) return true;
  return c === '.' && !/\d/.test(t[i + 1] ?? '');
}

const BEFORE: [RegExp, QualifierT][] = [
  [/(超过|超|逾|高于|多于|more than|over|above|exceeding|exceeded|in excess of)\s*$/i, '>'],
  [/(至少|不少于|不低于|at least)\s*$/i, '≥'],
  [/(最高|最多|至多|不超过|up to|at most)\s*$/i, '≤'],
  [/(不到|低于|少于|under|below|less than)\s*$/i, '<'],
  [/(约|大约|近|接近|将近|约为|大概|about|around|approximately|nearly|almost|roughly|~)\s*$/i, '≈'],
];
const AFTER: [RegExp, QualifierT][] = [
  [/^\s*(以上|多)/, '>'],
  [/^\s*(左右)/, '≈'],
];

const DATE = /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}\s*年(?:\s*[上下]半年|\s*全年|\s*第?[一二三四1-4]季度|\s*Q[1-4])?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{2}(?:-\d{2})?|\b(?:Q[1-4]|[1-4]Q|H[12]|[12]H)\s*(?:FY)?\s*'?\d{2,4}\b|\b\d{4}\s*(?:Q[1-4]|H[12])\b|\bFY\s*\d{2,4}(?:\s*Q[1-4])?\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?\d{4}\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b/g;

/** The text with pinyin annotations removed, and for each of its characters the index in the original. */
function withoutPinyin(text: string): { plain: string; at: number[] } {
  const at: number[] = [];
  let plain = '';
  let last = 0;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) at.push(i);
    plain += text.slice(from, to);
  };
  for (const m of text.matchAll(PINYIN)) {
    copy(last, m.index!);
    last = m.index! + m[0].length;
  }
  copy(last, text.length);
  at.push(text.length);
  return { plain, at };
}

function clauseAround(text: string, start: number, end: number, stop: (t: string, i: number) => boolean): [number, number] {
  let a = start;
  while (a > 0 && !stop(text, a - 1)) a--;
  let b = end;
  while (b < text.length && !stop(text, b)) b++;
  return [a, b];
}

/** Every number the text states, as draft facts; `document` is the document id (its file's stem). */
export function draftFacts(text: string, document: string): DraftFact[] {
  const { plain, at } = withoutPinyin(text);
  const out: DraftFact[] = [];
  const seen = new Set<string>();
  const add = (pStart: number, pEnd: number, value: number, qualifier: QualifierT, unit: string, written?: string) => {
    // The quote is taken from the original text (pinyin kept), so it is verbatim.
    const [ca, cb] = clauseAround(plain, pStart, pEnd, isClauseEnd);
    const quote = text.slice(at[ca], at[cb]).replace(/^[\s•·*-]+/, '').trim();
    const [sa, sb] = clauseAround(plain, pStart, pEnd, isSentenceEnd);
    const dates = [...new Set([...plain.slice(sa, sb).matchAll(DATE)].map((m) => m[0].replace(/\s+/g, ' ').trim()))];
    const key = `${quote}\u0000${value}`;
    if (!quote || seen.has(key)) return;
    seen.add(key);
    out.push({ id: '', entity: '', metric: '', value, unit, period: { start: '', end: '' }, qualifier, basis: '', source: '', scope: '', document, quote, ...(written ? { written_as: written } : {}), dates_nearby: dates });
  };
  for (const m of plain.matchAll(NUMBER)) {
    const s = m.index!;
    const e = s + m[0].length;
    const before = plain.slice(Math.max(0, s - 20), s);
    const after = plain.slice(e, e + 6);
    // A year, a date's parts or a period label is not a figure.
    if (!m[3] && (/^\s*(年|月|日|号|季|H\d|Q\d|-\d)/i.test(after) || /(Q|H|FY|第|-|\d\/)\s*$/i.test(before) || /^(19|20)\d\d$/.test(m[0]))) continue;
    const value = quoteNumbers(m[0])[0];
    if (value === undefined || !Number.isFinite(value)) continue;
    let qualifier: QualifierT = '=';
    for (const [re, q] of BEFORE) if (re.test(before)) qualifier = q;
    for (const [re, q] of AFTER) if (re.test(after)) qualifier = q;
    const scale = (m[3] ?? '').toLowerCase();
    const unit = scale === '%' ? 'fraction' : /^\s*(亿|万)?\s*元|^\s*(yuan|RMB|CNY)/i.test(plain.slice(e, e + 8)) || /(RMB|CNY|¥|人民币)\s*$/i.test(before) ? 'CNY' : /\$\s*$/.test(before) || /^\s*(美元|USD|dollars)/i.test(after) ? 'USD' : '';
    add(s, e, value, qualifier, unit);
  }
  // Numbers written in words (八成, 两位数, double-digit, 翻倍): the value the words say, recorded as written_as.
  // A scale word alone (超万亿: over a trillion) is a figure too, where no digit precedes it.
  for (const [words, w] of Object.entries(WRITTEN)) {
    const bare = /^(万亿|萬億|亿|億)$/.test(words);
    let from = 0;
    for (let i = plain.indexOf(words, from); i >= 0; i = plain.indexOf(words, from)) {
      from = i + words.length;
      const before = plain.slice(Math.max(0, i - 20), i);
      if (bare && (/[\d.,万萬千百十一二三四五六七八九两兩]\s*$/.test(before) || (words.length === 1 && /^[亿億]/.test(plain.slice(i - 1))))) continue;
      let qualifier: QualifierT = w.qualifiers ? w.qualifiers[0] : '=';
      if (!w.qualifiers) for (const [re, q] of BEFORE) if (re.test(before)) qualifier = q;
      add(i, i + words.length, w.value, qualifier, w.value < 1 ? 'fraction' : '', words);
    }
  }
  return out;
}
