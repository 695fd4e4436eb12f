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

export const ACCEPTED_UNITS = '"K", "M", "B", "T", "万", "亿", "万亿" (traditional 萬, 億, 萬億 too), or "%" for fractions; omit it for base units';

export interface DisplayUnit {
  divisor: number;
  label: string;
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
  const divisor = SCALES[key];
  if (divisor === undefined) return badValue(`unit "${arg}" is not one I know. Use ${ACCEPTED_UNITS}.`);
  if (metricUnit === 'fraction') {
    return badValue(`unit "${arg}" scales amounts, but this value is a fraction; use "%" or omit the unit.`);
  }
  return { divisor, label: arg.trim() };
}

/** Percent multiplies (0.492 × 100 = 49.2 exactly, where ÷ 0.01 gives 49.199…). */
export const applyUnit = (value: number, unit: DisplayUnit | null): number =>
  !unit ? value : unit.label === '%' ? value * 100 : value / unit.divisor;
