/**
 * Numbers written in words, as the documents write them, and what they say.
 * A fact whose quote states its figure in words records those words in
 * `written_as`; its value must be the one this table gives (and where the words
 * are a bound, "double-digit growth", its qualifier must say so).
 */
import type { QualifierT } from './schema';

export interface Written {
  value: number;
  /** Qualifiers the words allow; any when absent. */
  qualifiers?: QualifierT[];
}

const BOUND: QualifierT[] = ['≥', '>'];
const DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const WRITTEN: Record<string, Written> = {
  // 成 = tenths: 八成 = 80%.
  ...Object.fromEntries(DIGITS.slice(0, 9).map((d, i) => [`${d}成`, { value: (i + 1) / 10 }])),
  // 第一 … 第十: ranks.
  ...Object.fromEntries(DIGITS.map((d, i) => [`第${d}`, { value: i + 1 }])),
  两位数: { value: 0.1, qualifiers: BOUND },
  兩位數: { value: 0.1, qualifiers: BOUND },
  三位数: { value: 1, qualifiers: BOUND },
  三位數: { value: 1, qualifiers: BOUND },
  'double-digit': { value: 0.1, qualifiers: BOUND },
  'triple-digit': { value: 1, qualifiers: BOUND },
  // 数十 = several tens (几十): at least 20. 003 writes 數十 with a pinyin note inside it, 數(shù)十.
  数十: { value: 20, qualifiers: ['≥'] },
  數十: { value: 20, qualifiers: ['≥'] },
  '數(shù)十': { value: 20, qualifiers: ['≥'] },
  // 登顶 = topped (a leaderboard): rank 1.
  登顶: { value: 1 },
  登頂: { value: 1 },
  翻倍: { value: 2 },
  翻番: { value: 2 },
  doubled: { value: 2 },
  万亿: { value: 1e12 },
  萬億: { value: 1e12 },
  亿: { value: 1e8 },
  億: { value: 1e8 },
};
