/**
 * The dataset's shapes, stated once. Every other module uses the types
 * inferred here; the loader validates the JSON files in `seeds/` against them.
 */
import { z } from 'zod';

// No `new Function` probing: the task pane's Content-Security-Policy forbids eval.
z.config({ jitless: true });

/**
 * A day that exists (proleptic Gregorian, as Date reads ISO dates). ISO-shaped
 * strings are checked by arithmetic: building Date objects for them was half
 * the cost of validating 100,000 facts.
 */
function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return m >= 1 && m <= 12 && d >= 1 && d <= days;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD').refine(isCalendarDay, 'not a real calendar date');

const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"');

export const DocumentSchema = z
  .object({
    id: z.string().regex(/^\d{3}_[0-9a-f]{16}$/, 'a document id is the seed file stem, e.g. 001_693efba5fa28deb1'),
    title: z.string().min(1),
    title_en: z.string().min(1),
    publisher: z.string().min(1).nullable(),
    /**
     * The publisher's Chinese name, as `publisher` itself writes it ("Guosen International (国证国际)"
     * → "国证国际"): the task pane shows it in Chinese mode. A test requires it to occur in `publisher`.
     */
    publisher_zh: z.string().min(1).optional(),
    author: z.string().min(1).nullable().optional(),
    published: isoDate.nullable(),
    /** What dates the document when `published` is null (or how the date was read). */
    date_note: z.string().min(1).optional(),
    language: z.enum(['en', 'zh-Hans', 'zh-Hant']),
    description: z.string().min(1),
    /**
     * The description in Simplified Chinese, saying what `description` says, no
     * more: the task pane shows it in Chinese mode (the English one where a user's
     * folder has none). The bundled documents all have one.
     */
    description_zh: z.string().min(1).optional(),
    /** The date_note in Simplified Chinese, as description_zh is the description's. */
    date_note_zh: z.string().min(1).optional(),
  })
  .strict()
  .refine((d) => d.published !== null || !!d.date_note, { message: 'a document without a published date needs a date_note', path: ['date_note'] })
  .refine((d) => !d.date_note_zh || !!d.date_note, { message: 'date_note_zh translates date_note: a document without a date_note has no date_note_zh', path: ['date_note_zh'] })
  .refine((d) => !d.publisher_zh || (!!d.publisher && d.publisher.includes(d.publisher_zh)), { message: 'publisher_zh is the Chinese name the publisher field itself writes', path: ['publisher_zh'] });

export const SourceSchema = z
  .object({
    id,
    name: z.string().min(1),
    name_zh: z.string().min(1),
    kind: z.enum(['data provider', 'market research', 'company disclosure', 'media report', 'analyst', 'benchmark']),
    /** Other names users may type for this source ("英富曼", "IDC中国"). */
    aliases: z.array(z.string().min(1)).default([]),
    description: z.string().min(1),
    /**
     * The description in Simplified Chinese, saying what `description` says, no
     * more: the task pane shows it in Chinese mode (the English one where a user's
     * folder has none). The bundled sources all have one.
     */
    description_zh: z.string().min(1).optional(),
  })
  .strict();

/**
 * What universe a figure measures, where the source alone does not say it
 * (OpenRouter traffic; a company's own, company-wide figures; IDC's China
 * public-cloud calls by external customers…). Figures of different scopes are
 * never combined in one answer.
 */
export const ScopeSchema = z
  .object({
    id,
    name: z.string().min(1),
    name_zh: z.string().min(1),
    description: z.string().min(1),
  })
  .strict();

export const EntityKind = z.enum(['company', 'cloud platform', 'model family', 'model', 'product', 'segment', 'market']);

export const EntitySchema = z
  .object({
    id,
    name: z.string().min(1),
    name_zh: z.string().min(1),
    kind: EntityKind,
    parent: id.nullable(),
    /** English and Chinese (simplified and traditional) names users may type. */
    aliases: z.array(z.string().min(1)),
    description: z.string().min(1).optional(),
    /** Month-day its fiscal year ends ("03-31" for Alibaba); calendar-year entities use "12-31". */
    fiscal_year_end: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month-day "MM-DD"').default('12-31'),
  })
  .strict();

/**
 * How a metric's figures relate to time, as XBRL's periodType: a flow over a
 * period (revenue, capex), an instant (valuation, downloads to date) or a rate
 * averaged over a window (daily tokens).
 */
export const PeriodType = z.enum(['flow', 'instant', 'rate']);

export const MetricSchema = z
  .object({
    id,
    name: z.string().min(1),
    name_zh: z.string().min(1),
    /** The base unit every fact of this metric is stored in. */
    unit: z.string().min(1),
    description: z.string().min(1),
    period_type: PeriodType,
    /** Other names analysts use, English and Chinese (simplified and traditional): "sales", "营收", "營收". */
    aliases: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const Qualifier = z.enum(['=', '≈', '>', '≥', '<', '≤']);

export const FactSchema = z
  .object({
    id,
    entity: id,
    metric: id,
    /** In the metric's base unit (tokens, CNY, USD, a 0–1 fraction, a count…). */
    value: z.number().finite(),
    unit: z.string().min(1),
    period: z.object({ start: isoDate, end: isoDate }).strict().refine((p) => p.start <= p.end, 'period.start must not be after period.end'),
    qualifier: Qualifier,
    /** actual = a reported outcome; forecast/guidance/plan = forward-looking. */
    basis: z.enum(['actual', 'forecast', 'guidance', 'plan']).default('actual'),
    source: id,
    /** The universe the figure measures (a ScopeSchema id). */
    scope: id,
    document: z.string(),
    /** The shortest passage of the document, copied verbatim, that states the figure. */
    quote: z.string().min(1),
    /** For shares and ratios: what the figure is a fraction of. */
    of: z.string().min(1).optional(),
    /** `of` in Simplified Chinese, saying the same, no more: the task pane's 份额口径 line in Chinese mode. */
    of_zh: z.string().min(1).optional(),
    /**
     * When the value deliberately differs from the number written in the quote
     * (a mistranslated unit, say): the text as written, which must occur in the quote.
     */
    corrected_from: z.string().min(1).optional(),
    /**
     * When the quote writes the number in words (八成, 三位数, 两位数): those
     * words, which must occur in the quote. Not a correction: the value is what
     * the words say.
     */
    written_as: z.string().min(1).optional(),
    /** Why judgement was used: a corrected unit, an inferred period, a rounding. */
    note: z.string().min(1).optional(),
    /**
     * The note in Simplified Chinese, saying the same as `note`, no more: the
     * task pane shows it instead of `note` in Chinese mode.
     */
    note_zh: z.string().min(1).optional(),
  })
  .strict()
  .refine((f) => !f.corrected_from || !!f.note, { message: 'a corrected fact needs a note saying why', path: ['note'] })
  .refine((f) => !f.of_zh || !!f.of, { message: 'of_zh translates of: a fact without an of has no of_zh', path: ['of_zh'] })
  .refine((f) => !f.note_zh || !!f.note, { message: 'note_zh translates note: a fact without a note has no note_zh', path: ['note_zh'] })
  .refine((f) => !f.corrected_from || !!f.note_zh, { message: 'a corrected fact needs its note in Chinese too (note_zh)', path: ['note_zh'] });

export type Document = z.infer<typeof DocumentSchema>;
export type Scope = z.infer<typeof ScopeSchema>;
export type PeriodTypeT = z.infer<typeof PeriodType>;
export type Source = z.infer<typeof SourceSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Metric = z.infer<typeof MetricSchema>;
export type Fact = z.infer<typeof FactSchema>;
export type QualifierT = z.infer<typeof Qualifier>;

export interface Dataset {
  documents: Document[];
  sources: Source[];
  entities: Entity[];
  metrics: Metric[];
  scopes: Scope[];
  facts: Fact[];
}
