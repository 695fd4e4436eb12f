/**
 * Answers an analyst uses as they are (issue 17): one window per ranking and
 * ratio, and citations written as a person reads them — through the core,
 * the headless engine and the command.
 */
import { callFunction } from '../src/core/functions';
import { bundledMarket } from '../src/core/bundled';
import { LlmError } from '../src/core/result';
import { ev } from './helpers/engine';
import { runCli } from './helpers/cli';
import { readableAmount } from '../src/core/readable';

const real = bundledMarket();

describe('RANK compares one window', () => {
  const ranked = [
    ['xAI', 262e9],
    ['Alphabet (Google)', 132e9],
    ['OpenAI', 82e9],
    ['DeepSeek', 75e9],
    ['Alibaba Group', 26e9],
  ];
  test('=LLM.RANK("tokens","2025-09-30",,5) is document 001\'s OpenRouter ranking, without Guosen\'s 9 September Anthropic figure', () => {
    expect(callFunction(real, 'RANK', ['tokens', '2025-09-30', null, 5, null, null])).toEqual(ranked);
    expect(ev('=LLM.RANK("tokens","2025-09-30",,5)')).toMatchObject({ value: ranked });
  });
  test('the header row names the period as well as the scope', () => {
    const rows = callFunction(real, 'RANK', ['tokens', '2025-09-30', null, 5, null, true]) as unknown[][];
    expect(rows[0]).toEqual(['companies', 'tokens (tokens/day), scope openrouter (OpenRouter traffic), period 2025-09-17..2025-09-30']);
  });
  test('eval prints the same ranking', async () => {
    const r = await runCli(['eval', '--json', '=LLM.RANK("tokens","2025-09-30",,5)']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0].value).toEqual(ranked);
  });

  // Every metric with figures from several entities, with and without a date: never two periods in one ranking.
  const metrics = [...real.metrics.keys()].filter((id) => new Set([...real.facts.values()].filter((f) => f.metric === id).map((f) => f.entity)).size > 1);
  const dates = [null, ...new Set([...real.facts.values()].map((f) => f.period.end))];
  test.each(metrics)('RANK(%s) never ranks two periods together', (metric) => {
    expect(metrics.length).toBeGreaterThan(5);
    for (const d of dates) {
      const traced = require('../src/core/functions').traced as typeof import('../src/core/functions').traced;
      const { result, facts } = traced(() => callFunction(real, 'RANK', [metric, d, null, null, null, null]));
      if (result instanceof LlmError) continue;
      const periods = new Set(facts.map((id) => `${real.facts.get(id)!.period.start}/${real.facts.get(id)!.period.end}`));
      expect([metric, d, periods.size]).toEqual([metric, d, 1]);
    }
  });
});

describe('RATIO divides figures of one window unless a date pins both', () => {
  test('latest figures of different windows are #N/A naming both periods', () => {
    const e = callFunction(real, 'RATIO', ['xAI', 'Anthropic', null, null, null]) as LlmError;
    expect(e.code).toBe('#N/A');
    expect(e.message).toContain('2025-09-17..2025-09-30');
    expect(e.message).toContain('2025-09-09');
    expect(e.message).toMatch(/as_of/);
  });
  test('a date pins both', () => {
    expect(callFunction(real, 'RATIO', ['xAI', 'Anthropic', 'tokens', '2025-09-30', null])).toBeCloseTo(262 / 101, 12);
  });
  test('latest figures of one window divide', () => {
    expect(callFunction(real, 'RATIO', ['xAI', 'OpenAI', null, null, null])).toBeCloseTo(262 / 82, 12);
  });
});

describe('citations a person reads', () => {
  test('LLM.SOURCE writes the document\'s own scale', () => {
    expect(callFunction(real, 'SOURCE', ['xAI', 'tokens', '2025-09-30', null])).toContain('tokens 2,620亿 tokens/day, period');
    expect(callFunction(real, 'SOURCE', ['Alibaba', 'capex', '2024Q4', null])).toContain('capex 317亿元, period');
    expect(callFunction(real, 'SOURCE', ['Anthropic', 'valuation', null, null])).toContain('valuation 1,830亿美元');
  });
  test('otherwise billions in words, or grouped digits', () => {
    expect(callFunction(real, 'SOURCE', ['Alibaba', 'capex', '2025Q2', null])).toContain('capex 38.6 billion CNY, period');
    expect(readableAmount(140000, 'count')).toBe('140,000 count');
    expect(readableAmount(0.492, 'fraction')).toBe('49.2%');
    expect(readableAmount(-13.5e9, 'USD', '净亏损135亿美元')).toBe('-135亿美元');
  });
  test('DETAIL\'s summary too', () => {
    expect(callFunction(real, 'DETAIL', ['Doubao', 'tokens', '2025-09', null, null])).toMatch(/^> 30萬億 tokens\/day; period/);
  });
  test('values returned to cells stay plain numbers', () => {
    expect(callFunction(real, 'VALUE', ['Alibaba', 'capex', '2025Q2', null, null])).toBe(38.6e9);
  });
  test.each([...real.facts.values()].map((f) => [f.id, f]))('SOURCE for %s has no number in scientific notation', (_id, f) => {
    const ent = real.entities.get(f.entity)!;
    const s = callFunction(real, 'SOURCE', [ent.id, f.metric, f.period.end, real.sources.get(f.source)!.id]);
    const text = s instanceof LlmError ? s.message : String(s);
    // A number such as 3.86e+10; not the edition's hex hash (e7e08a61), whose letters sit against its digits.
    expect(text).not.toMatch(/(?<![0-9a-z.])\d+(\.\d+)?e[+-]?\d+(?![0-9a-z])/i);
  });
});
