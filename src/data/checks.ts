/**
 * The dataset's honesty checks as library code: `npm test` runs them on the
 * bundled seeds and `llm-market data check DIR` on a user's data folder.
 * Each is a function of the facts (and the documents' texts), so each can be
 * run on a deliberately broken copy and seen to fail. Every message names the
 * file, the record and the field.
 */
import type { Dataset, Fact } from './schema';
import { quoteNumbers, sameNumber } from './quoteNumbers';
import { WRITTEN } from './writtenNumbers';

export type At = (f: Fact, field: string) => string;
const plain: At = (f, field) => `fact "${f.id}", field ${field}`;

/** The question a fact answers: one entity, metric, period, source, scope and basis. */
export const questionOf = (f: Fact) => [f.entity, f.metric, f.period.start, f.period.end, f.source, f.scope, f.basis].join(' | ');

/** Facts that answer the same question differently (value or qualifier). */
export function conflictingAnswers(facts: readonly Fact[], at: At = plain): string[] {
  const byQuestion = new Map<string, Fact[]>();
  for (const f of facts) byQuestion.set(questionOf(f), [...(byQuestion.get(questionOf(f)) ?? []), f]);
  const out: string[] = [];
  for (const [q, fs] of byQuestion) {
    const answers = new Set(fs.map((f) => `${f.qualifier}${f.value}`));
    if (answers.size > 1) out.push(`${at(fs[0], 'value')}: the question (${q}) has ${answers.size} answers: ${fs.map((f) => `${f.id} ${f.qualifier}${f.value}`).join(', ')}`);
  }
  return out;
}

/** A value that is not a number written in its quote (scaled), nor what its written_as words say, nor a declared correction. */
export function quoteNumberProblems(facts: readonly Fact[], at: At = plain): string[] {
  const bad: string[] = [];
  for (const f of facts) {
    if (f.corrected_from || f.written_as) continue;
    const found = quoteNumbers(f.quote, f.unit);
    if (!found.some((n) => sameNumber(n, f.value))) {
      bad.push(`${at(f, 'value')}: ${f.value} matches no number in the quote "${f.quote}" (read: ${found.join(', ') || 'none'})`);
    }
  }
  return bad;
}

/** written_as must be verbatim in the quote, known, and say the fact's value (and bound). */
export function writtenAsProblems(facts: readonly Fact[], at: At = plain): string[] {
  const bad: string[] = [];
  for (const f of facts) {
    if (!f.written_as) continue;
    const w = WRITTEN[f.written_as];
    if (!f.quote.includes(f.written_as)) bad.push(`${at(f, 'written_as')}: "${f.written_as}" does not occur in the quote "${f.quote}"`);
    else if (!w) bad.push(`${at(f, 'written_as')}: "${f.written_as}" is not a number word the checks know (src/data/writtenNumbers.ts)`);
    else if (!sameNumber(w.value, f.value)) bad.push(`${at(f, 'value')}: "${f.written_as}" says ${w.value}, not ${f.value}`);
    else if (w.qualifiers && !w.qualifiers.includes(f.qualifier)) bad.push(`${at(f, 'qualifier')}: "${f.written_as}" is a bound (${w.qualifiers.join(' or ')}), not "${f.qualifier}"`);
    if (f.corrected_from) bad.push(`${at(f, 'corrected_from')}: a number written in words is not a correction; keep written_as only`);
  }
  return bad;
}

/** corrected_from is for values that differ from the text: not for words, not when the quote already says the value. */
export function correctionProblems(facts: readonly Fact[], at: At = plain): string[] {
  const bad: string[] = [];
  for (const f of facts) {
    if (!f.corrected_from) continue;
    if (!f.quote.includes(f.corrected_from)) bad.push(`${at(f, 'corrected_from')}: "${f.corrected_from}" does not occur in the quote`);
    if (WRITTEN[f.corrected_from]) bad.push(`${at(f, 'corrected_from')}: "${f.corrected_from}" is a number written in words; use written_as`);
    if (quoteNumbers(f.corrected_from, f.unit).some((n) => sameNumber(n, f.value))) bad.push(`${at(f, 'corrected_from')}: the text "${f.corrected_from}" already says ${f.value}; nothing was corrected`);
  }
  return bad;
}

/** Quotes not found verbatim in their document's text; a document without text is named once per fact. */
export function verbatimProblems(facts: readonly Fact[], textOf: (doc: string) => string | null | undefined, at: At = plain): string[] {
  const bad: string[] = [];
  for (const f of facts) {
    const text = textOf(f.document);
    if (text == null) bad.push(`${at(f, 'document')}: the text of document "${f.document}" is missing (${f.document}.txt), so the quote cannot be verified`);
    else if (!text.includes(f.quote)) bad.push(`${at(f, 'quote')}: not found verbatim in ${f.document}.txt: "${f.quote}"`);
  }
  return bad;
}

/**
 * A user's facts that answer a question the other dataset (the bundled one)
 * already answers, differently: reported, never silently preferred.
 */
export function conflictsWith(base: readonly Fact[], added: readonly Fact[], at: At = plain): string[] {
  const answers = new Map<string, Fact[]>();
  for (const f of base) answers.set(questionOf(f), [...(answers.get(questionOf(f)) ?? []), f]);
  const out: string[] = [];
  for (const f of added) {
    const other = (answers.get(questionOf(f)) ?? []).filter((b) => b.qualifier !== f.qualifier || !sameNumber(b.value, f.value));
    if (other.length) out.push(`${at(f, 'value')}: ${f.qualifier}${f.value} answers the question (${questionOf(f)}) that bundled fact${other.length > 1 ? 's' : ''} ${other.map((b) => `${b.id} (${b.qualifier}${b.value})`).join(', ')} already answer${other.length > 1 ? '' : 's'} differently`);
  }
  return out;
}

/** Every honesty rule over a dataset's facts: one answer per question, verbatim quotes, values at the quote's scale, written_as and corrected_from. */
export function honestyProblems(d: Pick<Dataset, 'facts'>, textOf: (doc: string) => string | null | undefined, at: At = plain): string[] {
  return [
    ...conflictingAnswers(d.facts, at),
    ...verbatimProblems(d.facts, textOf, at),
    ...quoteNumberProblems(d.facts, at),
    ...writtenAsProblems(d.facts, at),
    ...correctionProblems(d.facts, at),
  ];
}
