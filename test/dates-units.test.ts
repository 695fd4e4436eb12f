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
