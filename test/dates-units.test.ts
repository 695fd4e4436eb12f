import { parseDate, serialToIso, isoToSerial } from '../src/core/dates';
import { parseUnit, applyUnit } from '../src/core/units';
import { LlmError } from '../src/core/result';
import { normalizeKey, nearest } from '../src/core/text';

const span = (arg: string | number | boolean | null) => {
  const r = parseDate(arg);
  if (r instanceof LlmError) throw new Error(r.message);
  return r && [r.start, r.end];
};

describe('date forms', () => {
  test.each([
    ['2025-09-30', '2025-09-30', '2025-09-30'],
    ['2025/9/30', '2025-09-30', '2025-09-30'],
    ['2025-09', '2025-09-01', '2025-09-30'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2025Q3', '2025-07-01', '2025-09-30'],
    ['2025-Q4', '2025-10-01', '2025-12-31'],
    ['Q3 2025', '2025-07-01', '2025-09-30'],
    ['3Q25', '2025-07-01', '2025-09-30'],
    ['2025H1', '2025-01-01', '2025-06-30'],
    ['1H25', '2025-01-01', '2025-06-30'],
    ['H1 2025', '2025-01-01', '2025-06-30'],
    ['2H2024', '2024-07-01', '2024-12-31'],
    ['2025', '2025-01-01', '2025-12-31'],
    ['2025年9月30日', '2025-09-30', '2025-09-30'],
    ['2025年9月', '2025-09-01', '2025-09-30'],
    ['2025年上半年', '2025-01-01', '2025-06-30'],
    ['2025年下半年', '2025-07-01', '2025-12-31'],
    ['2025年第三季度', '2025-07-01', '2025-09-30'],
    ['２０２５－０９－３０', '2025-09-30', '2025-09-30'],
  ])('%s reads as %s..%s', (input, start, end) => {
    expect(span(input)).toEqual([start, end]);
  });

  test('Excel serials, including the 1900 leap-year quirk', () => {
    expect(span(45930)).toEqual(['2025-09-30', '2025-09-30']);
    expect(span(45930.75)).toEqual(['2025-09-30', '2025-09-30']);
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(isoToSerial('2025-09-30')).toBe(45930);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('1900-01-01')).toBe(1);
  });

  test('a whole number between 1900 and 2199 is a year', () => {
    expect(span(2025)).toEqual(['2025-01-01', '2025-12-31']);
  });

  test('omitted means latest', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate('')).toBeNull();
  });

  test.each([['2025-13'], ['2025-02-30'], ['yesterday'], ['Q5 2025'], ['2025H3'], ['30/09/2025x']])('"%s" is #VALUE! listing the accepted forms', (bad) => {
    const r = parseDate(bad);
    expect(r).toBeInstanceOf(LlmError);
    expect((r as LlmError).code).toBe('#VALUE!');
    expect((r as LlmError).message).toContain(bad);
    expect((r as LlmError).message).toContain('2025Q3');
  });

  test.each([[true], [-5], [0], [3e6], [NaN]])('%p is #VALUE!', (bad) => {
    expect((parseDate(bad as never) as LlmError).code).toBe('#VALUE!');
  });
});

describe('units', () => {
  const u = (s: string, metric?: string) => parseUnit(s, metric);
  test.each([
    ['K', 1e3], ['M', 1e6], ['b', 1e9], ['T', 1e12], ['万', 1e4], ['亿', 1e8], ['万亿', 1e12], ['億', 1e8], ['萬億', 1e12],
  ])('%s divides by %d', (unit, div) => {
    expect(applyUnit(2.62e11, u(unit) as never)).toBeCloseTo(2.62e11 / div, 9);
  });
  test('% multiplies fractions exactly', () => {
    expect(applyUnit(0.492, u('%', 'fraction') as never)).toBe(49.2);
  });
  test('% on an amount, a scale on a fraction, and unknown units are #VALUE!', () => {
    for (const r of [u('%', 'tokens/day'), u('B', 'fraction'), u('bananas')]) {
      expect(r).toBeInstanceOf(LlmError);
      expect((r as LlmError).code).toBe('#VALUE!');
      expect((r as LlmError).message).toMatch(/"K", "M", "B", "T"|fraction/);
    }
  });
});

describe('name keys', () => {
  test('case, space, width and punctuation do not matter', () => {
    expect(normalizeKey(' Volcano-Engine ')).toBe(normalizeKey('volcanoengine'));
    expect(normalizeKey('ＸＡＩ')).toBe(normalizeKey('xAI'));
    expect(normalizeKey('通义千问')).toBe('通义千问');
  });
  test('nearest names', () => {
    const c = ['Volcano Engine', 'Alibaba Cloud', 'Baidu AI Cloud'].map((label) => ({ key: normalizeKey(label), label }));
    expect(nearest('Volcanoe', c.concat([{ key: 'volcano', label: 'Volcano Engine' }]))).toEqual(['Volcano Engine']);
    expect(nearest('zzzzzz', c)).toEqual([]);
  });
});

describe('fiscal periods', () => {
  const { fiscalDates, forEntity, describePeriod } = require('../src/core/dates') as typeof import('../src/core/dates');
  const alibaba = { name: 'Alibaba Group', fiscal_year_end: '03-31' };
  const span = (arg: string, who: { name: string; fiscal_year_end?: string }) => {
    const d = parseDate(arg);
    if (d === null || d instanceof LlmError) throw new Error(`${arg} did not parse`);
    const s = forEntity(d, who);
    return [s.start, s.end];
  };

  test.each([
    ['FY2026', '2025-04-01', '2026-03-31'],
    ['FY26', '2025-04-01', '2026-03-31'],
    ['Q1 FY2026', '2025-04-01', '2025-06-30'],
    ['1QFY26', '2025-04-01', '2025-06-30'],
    ['FY2026Q1', '2025-04-01', '2025-06-30'],
    ['FY2026 Q1', '2025-04-01', '2025-06-30'],
    ['2026财年第一季度', '2025-04-01', '2025-06-30'],
    ['2026財年第一季度', '2025-04-01', '2025-06-30'],
    ['Q4 FY2026', '2026-01-01', '2026-03-31'],
    ['H2 FY2026', '2025-10-01', '2026-03-31'],
    ['2026财年下半年', '2025-10-01', '2026-03-31'],
  ])('Alibaba (year ends 31 March): %s = %s..%s', (arg, start, end) => {
    expect(span(arg, alibaba)).toEqual([start, end]);
  });

  test('a calendar-year entity: FY = the calendar year, and the label names no fiscal year end', () => {
    expect(span('FY2026', { name: 'xAI' })).toEqual(['2026-01-01', '2026-12-31']);
    expect(span('Q1 FY26', { name: 'xAI', fiscal_year_end: '12-31' })).toEqual(['2026-01-01', '2026-03-31']);
    const d = parseDate('Q1 FY2026');
    expect(d).toMatchObject({ label: 'Q1 FY2026 = 2026-01-01..2026-03-31' });
    expect(forEntity(d as never, alibaba).label).toBe("Q1 FY2026 = 2025-04-01..2025-06-30 (Alibaba Group's fiscal year ends 31 March)");
  });

  test('a year ending mid-month, and a leap day', () => {
    expect(fiscalDates(2026, 'year', 1, '06-30')).toEqual({ start: '2025-07-01', end: '2026-06-30' });
    expect(fiscalDates(2024, 'year', 1, '02-29')).toEqual({ start: '2023-03-01', end: '2024-02-29' });
  });

  test('non-periods are #VALUE! with the accepted forms', () => {
    for (const bad of ['FY', 'H3 FY2026', 'Q5 FY2026', 'FY2026Q0', '2026财年第五季度']) {
      const r = parseDate(bad);
      expect([bad, r instanceof LlmError && r.code]).toEqual([bad, '#VALUE!']);
      expect((r as LlmError).message).toMatch(/"Q1 FY2026"/);
    }
  });

  test('recorded periods are named as people name them', () => {
    expect(describePeriod('2024-10-01', '2024-12-31')).toBe('2024Q4 (Oct–Dec 2024)');
    expect(describePeriod('2025-04-01', '2025-06-30', '03-31')).toBe('2025Q2 (Apr–Jun 2025)');
    expect(describePeriod('2025-01-01', '2025-06-30')).toBe('2025H1 (Jan–Jun 2025)');
    expect(describePeriod('2025-09-01', '2025-09-30')).toBe('2025-09 (Sep 2025)');
    expect(describePeriod('2025-01-01', '2025-12-31')).toBe('2025');
    expect(describePeriod('2024-04-01', '2025-03-31', '03-31')).toBe('FY2025 (Apr 2024–Mar 2025)');
    expect(describePeriod('2024-04-01', '2025-03-31')).toBe('2024-04-01..2025-03-31');
    expect(describePeriod('2025-10-03', '2025-10-03')).toBe('2025-10-03');
    expect(describePeriod('2025-09-17', '2025-09-30')).toBe('2025-09-17..2025-09-30');
  });
});
