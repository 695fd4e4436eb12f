/**
 * `data draft` over each seed document proposes the figures the bundled facts
 * of that document hold, each with a verbatim quote; nothing it cannot know
 * (entity, metric, period, source, scope) is filled in. Recall is printed.
 */
import { draftFacts } from '../src/data/draft';
import { parseSeedFiles } from '../src/data/load';
import { SEED_FILES } from '../src/data/seedFiles';
import { quoteNumbers, sameNumber } from '../src/data/quoteNumbers';
import { Fact } from '../src/data/schema';
import { documentsMissingMessage, readDocument } from './helpers/documents';

const dataset = parseSeedFiles(SEED_FILES);
const missing = documentsMissingMessage();
if (missing && process.env.CI) test('the source documents are present', () => { throw new Error(`${missing} Under CI this fails.`); });

/** Where a passage stands in the text: every occurrence, as [start, end). */
const spans = (text: string, q: string): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) out.push([i, i + q.length]);
  return out;
};

/**
 * A bundled fact is proposed when a draft has its figure as the text writes it
 * (the value; for a corrected fact, the number of corrected_from) on a quote
 * overlapping the fact's quote in the document.
 */
function proposed(f: Fact, drafts: ReturnType<typeof draftFacts>, text: string): boolean {
  const figures = f.corrected_from ? quoteNumbers(f.corrected_from, f.unit) : [f.value];
  const at = spans(text, f.quote);
  return drafts.some((d) => figures.some((v) => sameNumber(v, d.value)) && spans(text, d.quote).some(([a, b]) => at.some(([c, e]) => a < e && c < b)));
}

(missing ? describe.skip : describe)('data draft on the seed documents', () => {
  const rows: string[] = [];
  afterAll(() => process.stdout.write(`data draft recall:\n  ${rows.join('\n  ')}\n`));

  test.each(dataset.documents.map((d) => d.id))('%s: at least 90%% of the bundled figures proposed, each quote verbatim, nothing invented', (id) => {
    const text = readDocument(id)!;
    const drafts = draftFacts(text, id);
    for (const d of drafts) {
      expect(text.includes(d.quote)).toBe(true);
      expect([d.entity, d.metric, d.period.start, d.period.end, d.source, d.scope, d.basis, d.id]).toEqual(['', '', '', '', '', '', '', '']);
    }
    const facts = dataset.facts.filter((f) => f.document === id);
    const hit = facts.filter((f) => proposed(f, drafts, text));
    const miss = facts.filter((f) => !proposed(f, drafts, text));
    rows.push(`${id}: ${hit.length}/${facts.length} (${((100 * hit.length) / facts.length).toFixed(1)}%), ${drafts.length} drafts${miss.length ? `; missed: ${miss.map((f) => `${f.id} ${f.value} "${f.quote.slice(0, 50)}"`).join('; ')}` : ''}`);
    expect(hit.length / facts.length).toBeGreaterThanOrEqual(0.9);
  });
});
