/**
 * Checks that a Chinese text (a note_zh, a description_zh…) says what its English says and reads
 * as Chinese: shared by test/note-zh.test.ts and test/description-zh.test.ts.
 */
/**
 * The numbers a text writes in digits: ISO dates whole, others by value
 * ("1,320" = "1320", "0.10" = "0.1"). With `standalone`, digits that belong to
 * a name or code are left out: FY2026, Q1, H1, 2025H1, 1H25, V3.1, Qwen3, 88VIP.
 */
export function digitNumbers(text: string, standalone = false): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}|\d+(?:,\d{3})*(?:\.\d+)?/g)) {
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + m[0].length] ?? '';
    if (standalone && (/[A-Za-z]/.test(before) || /[A-Z]/.test(after))) continue;
    out.add(/^\d{4}-/.test(m[0]) ? m[0] : String(Number(m[0].replace(/,/g, ''))));
  }
  return out;
}

const MONTHS = [/\bJan(uary)?\b/, /\bFeb(ruary)?\b/, /\bMar(ch)?\b/, /\bApr(il)?\b/, /\bMay\b/, /\bJune?\b/, /\bJuly?\b/, /\bAug(ust)?\b/, /\bSep(t|tember)?\b/, /\bOct(ober)?\b/, /\bNov(ember)?\b/, /\bDec(ember)?\b/];
/** Months the English names in words, as the digits Chinese writes them in ("Sep 2025" → 2025年9月). */
export const monthsNamed = (text: string) => new Set(MONTHS.flatMap((re, i) => (re.test(text) ? [String(i + 1)] : [])));

/** The text outside quotations (“…”) and titles (《…》), which are copied as the documents write them. */
export const ownWords = (zh: string) => zh.replace(/“[^”]*”/g, '“”').replace(/《[^》]*》/g, '《》');

/**
 * Why a text does not read as Chinese, or null. `fullStop`: an ASCII "." after Han counts too (the
 * descriptions; a note may end a sentence with an English quotation's own full stop).
 */
export function notChinese(zh: string, { fullStop = false } = {}): string | null {
  const own = ownWords(zh);
  const han = (own.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (own.match(/[A-Za-z]+/g) ?? []).length;
  if (han === 0) return 'no Chinese outside its quotations';
  const sentence = own.match(/[A-Za-z]+\s+[a-z]+\s+[a-z]+/) ?? own.match(/[A-Za-z0-9)][.;:!?]\s+[A-Z][a-z]/);
  if (sentence) return `an English phrase outside quotations: "${sentence[0]}"`;
  if (han < 1.5 * words) return `more English words (${words}) than Chinese allows (${han} Han characters)`;
  const ascii = own.match(fullStop ? /\p{Script=Han}[,;:()!?.]|[,;:()!?]\p{Script=Han}/u : /\p{Script=Han}[,;:()!?]|[,;:()!?]\p{Script=Han}/u);
  if (ascii) return `ASCII punctuation in Chinese text: "${ascii[0]}" (use ，；：（）！？${fullStop ? '。' : ''})`;
  return null;
}

/**
 * The note's Chinese quotations ('…', "…" or 《…》 holding Han and no English
 * word): each must stay verbatim. An apostrophe inside or after a word (IDC's,
 * vendors') is not a quotation mark, so it cannot pair with one and hide a quotation.
 */
export function chineseQuotations(note: string): string[] {
  const out: string[] = [];
  for (const m of note.matchAll(/(?<![A-Za-z])'([^']*)'(?![A-Za-z])|"([^"]*)"|《([^》]*)》/g)) {
    const q = m[1] ?? m[2] ?? m[3];
    if (/\p{Script=Han}/u.test(q) && !/\b[a-z]{3,}\b/.test(q)) out.push(q);
  }
  return out;
}
