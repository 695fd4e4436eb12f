/** Display units: the scale a value is divided by before it is returned. */
import { boundedMemo } from './memo';
import { Arg, LlmError, badValue } from './result';

const SCALES: Record<string, number> = {
  k: 1e3, thousand: 1e3,
  m: 1e6, mn: 1e6, million: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9,
  t: 1e12, tn: 1e12, trillion: 1e12,
  万: 1e4, 萬: 1e4,
  亿: 1e8, 億: 1e8,
  万亿: 1e12, 萬億: 1e12, 兆: 1e12,
};

export const ACCEPTED_UNITS =
  '"K", "M", "B", "T", "万", "亿", "万亿" (traditional 萬, 億, 萬億 too), with the figure\'s currency if you like ("亿元", "亿美元", "B USD", "CNY", "USD"), or "%" for fractions; omit it for base units';

/**
 * Currencies a unit argument may name (with or without a scale): "亿元", "亿美元", "B USD",
 * "CNY", "RMB", "人民币", "美元". A currency is a check, not a conversion: the dataset holds no
 * exchange rates, so a figure in another currency is #VALUE!, never converted.
 */
const CURRENCY_WORDS: [RegExp, string][] = [
  [/(?:人民币|人民幣|rmb|cny)$/i, 'CNY'],
  [/(?:美元|usd|us\$|\$)$/i, 'USD'],
  [/元$/, 'CNY'],
];
const CURRENCY_NAMES: Record<string, string> = { CNY: 'Chinese yuan (CNY, 元)', USD: 'US dollars (USD, 美元)' };

export interface DisplayUnit {
  divisor: number;
  label: string;
  /** The currency the argument named, if any ("CNY", "USD"): the figure must be in it. */
  currency?: string;
}

export function parseUnit(arg: Arg, metricUnit?: string): DisplayUnit | null | LlmError {
  if (arg === null || arg === '') return null;
  if (typeof arg !== 'string') return badValue(`unit ${String(arg)} is not a unit. Use ${ACCEPTED_UNITS}.`);
  return rememberUnit(metricUnit ?? '', arg);
}

/** Up to 1,000 distinct unit arguments are remembered per metric unit. */
const rememberUnit = boundedMemo<string, DisplayUnit | LlmError>(1_000, 64, (metricUnit, arg) => readUnit(arg, metricUnit || undefined));

function readUnit(arg: string, metricUnit?: string): DisplayUnit | LlmError {
  const key = arg.normalize('NFKC').trim().toLowerCase();
  if (key === '%') {
    if (metricUnit && metricUnit !== 'fraction') {
      return badValue(`unit "%" applies to fractions (shares, growth rates), but this value is in ${metricUnit}. Use ${ACCEPTED_UNITS}.`);
    }
    return { divisor: 0.01, label: '%' };
  }
  let scale = key;
  let currency: string | undefined;
  for (const [re, code] of CURRENCY_WORDS) {
    if (re.test(scale)) {
      currency = code;
      scale = scale.replace(re, '').trim();
      break;
    }
  }
  const divisor = scale === '' && currency ? 1 : SCALES[scale];
  if (divisor === undefined) return badValue(`unit "${arg}" is not one I know. Use ${ACCEPTED_UNITS}.`);
  if (metricUnit === 'fraction') {
    return badValue(`unit "${arg}" scales amounts, but this value is a fraction; use "%" or omit the unit.`);
  }
  if (currency && metricUnit && metricUnit !== currency) {
    const is = CURRENCY_NAMES[metricUnit] ? `in ${CURRENCY_NAMES[metricUnit]}` : `in ${metricUnit}, not a currency`;
    const fix = CURRENCY_NAMES[metricUnit]
      ? `ask in the figure's own currency ("${metricUnit === 'USD' ? '亿美元' : '亿元'}", "B ${metricUnit}"), or give the scale alone ("亿", "B")`
      : 'give the scale alone ("亿", "B") or omit the unit';
    return badValue(`unit "${arg}" asks for ${CURRENCY_NAMES[currency]}, but this figure is ${is}. llm-market converts no currency (the dataset holds no exchange rates): ${fix}.`);
  }
  return { divisor, label: arg.trim(), ...(currency ? { currency } : {}) };
}

/** Percent multiplies (0.492 × 100 = 49.2 exactly, where ÷ 0.01 gives 49.199…). */
export const applyUnit = (value: number, unit: DisplayUnit | null): number =>
  !unit ? value : unit.label === '%' ? value * 100 : value / unit.divisor;
