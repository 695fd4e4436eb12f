/* global CustomFunctions */
/**
 * The LLM.* custom functions: one thin wrapper per function of the core's
 * catalog (src/core/catalog.ts). The JSDoc tags below are the single source of
 * Excel's metadata: `npm run build` turns them into dist/functions.json
 * (custom-functions-metadata-plugin), and test/metadata.test.ts proves that
 * file lists exactly the catalog's functions and parameters, as the headless
 * engine registers them. Every parameter is typed "any" in that metadata (a
 * union type here), as the engine declares them, so Excel hands the values
 * over unconverted and the core alone reads them. No function is volatile.
 * The build rewrites https://localhost:3000 in the @helpurl tags to
 * ADDIN_BASE_URL, as it does in the manifest.
 */
import { rows, scalar } from './adapter';

/**
 * Daily-average tokens processed by an entity, as of a date.
 * @customfunction TOKENS
 * @helpurl https://localhost:3000/help.html#TOKENS
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [unit] Scale of the result: "K", "M", "B", "T", "万", "亿", "万亿", or "%" for fractions; omitted = base units.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns Tokens per day (or in the unit asked for).
 */
export function tokens(entity: string | null, as_of?: string | number | null, unit?: string | null, source?: string | null): number | string {
  return scalar('TOKENS', [entity, as_of, unit, source]);
}

/**
 * Market share from a given source, as a fraction (0.492).
 * @customfunction SHARE
 * @helpurl https://localhost:3000/help.html#SHARE
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param source Who measured the share, e.g. "IDC" or "Omdia".
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @returns The share as a fraction (0.492 = 49.2%).
 */
export function share(entity: string | null, source: string | null, as_of?: string | number | null): number | string {
  return scalar('SHARE', [entity, source, as_of]);
}

/**
 * Any metric of an entity, as of a date.
 * @customfunction VALUE
 * @helpurl https://localhost:3000/help.html#VALUE
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [unit] Scale of the result: "K", "M", "B", "T", "万", "亿", "万亿", or "%" for fractions; omitted = base units.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns The value in the metric's base unit (or in the unit asked for).
 */
export function value(entity: string | null, metric: string | null, as_of?: string | number | null, unit?: string | null, source?: string | null): number | string {
  return scalar('VALUE', [entity, metric, as_of, unit, source]);
}

/**
 * Every observation of a metric: rows of (period end as a date serial, value), oldest first.
 * @customfunction SERIES
 * @helpurl https://localhost:3000/help.html#SERIES
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @param [headers] TRUE adds a header row.
 * @returns Rows of (period end as a date serial, value), oldest first.
 */
export function series(entity: string | null, metric: string | null, source?: string | null, headers?: boolean | number | null): any[][] {
  return rows('SERIES', [entity, metric, source, headers]);
}

/**
 * Growth between two dates: value at "to" ÷ value at "from" − 1.
 * @customfunction GROWTH
 * @helpurl https://localhost:3000/help.html#GROWTH
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param from The earlier date (any form as_of accepts).
 * @param to The later date (any form as_of accepts).
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns The growth as a fraction (0.25 = +25%).
 */
export function growth(entity: string | null, metric: string | null, from: string | number | null, to: string | number | null, source?: string | null): number | string {
  return scalar('GROWTH', [entity, metric, from, to, source]);
}

/**
 * Annualised growth between the two observations' period ends.
 * @customfunction CAGR
 * @helpurl https://localhost:3000/help.html#CAGR
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param from The earlier date (any form as_of accepts).
 * @param to The later date (any form as_of accepts).
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns The compound annual growth rate as a fraction.
 */
export function cagr(entity: string | null, metric: string | null, from: string | number | null, to: string | number | null, source?: string | null): number | string {
  return scalar('CAGR', [entity, metric, from, to, source]);
}

/**
 * One entity's value divided by another's (metric defaults to tokens).
 * @customfunction RATIO
 * @helpurl https://localhost:3000/help.html#RATIO
 * @param entity_a The numerator entity.
 * @param entity_b The denominator entity.
 * @param [metric] Metric id; omitted = "tokens".
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns entity_a ÷ entity_b.
 */
export function ratio(entity_a: string | null, entity_b: string | null, metric?: string | null, as_of?: string | number | null, source?: string | null): number | string {
  return scalar('RATIO', [entity_a, entity_b, metric, as_of, source]);
}

/**
 * Entities of one kind ranked by figures of one scope: rows of (name, value), largest first.
 * @customfunction RANK
 * @helpurl https://localhost:3000/help.html#RANK
 * @param metric Metric id, e.g. "tokens" or "share".
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @param [top] How many rows; omitted = all.
 * @param [kind] Rank only this kind: company, cloud platform, model family, model, product, segment or market; omitted = companies if two or more answer, else the next kind that does.
 * @param [headers] TRUE adds a header row naming the kind, the metric, its unit and the scope ranked.
 * @returns Rows of (name, value), largest first.
 */
export function rank(metric: string | null, as_of?: string | number | null, source?: string | null, top?: number | null, kind?: string | null, headers?: boolean | number | null): any[][] {
  return rows('RANK', [metric, as_of, source, top, kind, headers]);
}

/**
 * One line citing the fact that answers: source, period, qualifier, scope, basis, any correction, quote, document, publisher and date.
 * @customfunction SOURCE
 * @helpurl https://localhost:3000/help.html#SOURCE
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns One line of citation text.
 */
export function source(entity: string | null, metric: string | null, as_of?: string | number | null, source?: string | null): number | string {
  return scalar('SOURCE', [entity, metric, as_of, source]);
}

/**
 * The unit of the value that answers (e.g. "tokens/day", "CNY", "fraction").
 * @customfunction UNIT
 * @helpurl https://localhost:3000/help.html#UNIT
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns The unit, e.g. "tokens/day".
 */
export function unit(entity: string | null, metric: string | null, as_of?: string | number | null, source?: string | null): number | string {
  return scalar('UNIT', [entity, metric, as_of, source]);
}

/**
 * What the number that answers carries besides its value: qualifier, period, scope, basis, fact id, correction.
 * @customfunction DETAIL
 * @helpurl https://localhost:3000/help.html#DETAIL
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @param metric Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.
 * @param [as_of] Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.
 * @param [field] One of: value, qualifier, unit, period, period_start, period_end, period_type, scope, basis, source, document, fact, reported_for, of, of_zh, corrected_from, written_as, quote, note, note_zh, dataset; omitted = a one-line summary.
 * @param [source] Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.
 * @returns The field asked for (e.g. ">" for the qualifier), or a one-line summary.
 */
export function detail(entity: string | null, metric: string | null, as_of?: string | number | null, field?: string | null, source?: string | null): number | string {
  return scalar('DETAIL', [entity, metric, as_of, field, source]);
}

/**
 * What you can ask about an entity: a header row, then one row per metric and scope (period type, latest period, unit, source, scope, observations, whose figure).
 * @customfunction ABOUT
 * @helpurl https://localhost:3000/help.html#ABOUT
 * @param entity Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").
 * @returns Rows of (metric, period type, latest period, unit, source, scope, observations, reported for) under a header row.
 */
export function about(entity: string | null): any[][] {
  return rows('ABOUT', [entity]);
}

/**
 * Known entities: rows of (name, Chinese name, kind, id).
 * @customfunction ENTITIES
 * @helpurl https://localhost:3000/help.html#ENTITIES
 * @param [kind] Only this kind: company, cloud platform, model family, model, product, segment or market.
 * @returns Rows of (name, Chinese name, kind, id).
 */
export function entities(kind?: string | null): any[][] {
  return rows('ENTITIES', [kind]);
}

/**
 * Known metrics: rows of (id, name, Chinese name, unit).
 * @customfunction METRICS
 * @helpurl https://localhost:3000/help.html#METRICS
 * @returns Rows of (id, name, Chinese name, unit).
 */
export function metrics(): any[][] {
  return rows('METRICS', []);
}

/**
 * Known sources: rows of (id, name, kind).
 * @customfunction SOURCES
 * @helpurl https://localhost:3000/help.html#SOURCES
 * @returns Rows of (id, name, kind).
 */
export function sources(): any[][] {
  return rows('SOURCES', []);
}
