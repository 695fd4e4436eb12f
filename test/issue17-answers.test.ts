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

// Build 2: a unit may name the figure's currency with the scale; another currency is #VALUE!, never converted.
describe('units with currencies', () => {
  // Anthropic's valuation is 1,830亿美元 (document 001: "Anthropic估值达1,830亿美元"); Alibaba's capex for 2025Q2 is 386亿元 (004: 38.6 billion yuan).
  const usd: [string, number][] = [['亿美元', 1830], ['B USD', 183], ['USD', 183e9], ['美元', 183e9], ['亿', 1830]];
  const cny: [string, number][] = [['亿元', 386], ['万亿元', 0.0386], ['CNY', 38.6e9], ['RMB', 38.6e9], ['人民币', 38.6e9], ['亿', 386]];
  test.each(usd)('Anthropic valuation in %s', (unit, want) => {
    expect(callFunction(real, 'VALUE', ['Anthropic', 'valuation', null, unit, null])).toBeCloseTo(want, 6);
    expect(ev(`=LLM.VALUE("Anthropic","valuation",,"${unit}")`)).toMatchObject({ value: expect.closeTo(want, 6) });
  });
  test.each(cny)('Alibaba capex for 2025Q2 in %s', (unit, want) => {
    expect(callFunction(real, 'VALUE', ['Alibaba', 'capex', '2025Q2', unit, null])).toBeCloseTo(want, 6);
    expect(ev(`=LLM.VALUE("Alibaba","capex","2025Q2","${unit}")`)).toMatchObject({ value: expect.closeTo(want, 6) });
  });
  test('another currency than the figure\'s is #VALUE!, saying which it is and that no currency is converted', () => {
    for (const [entity, metric, unit, is] of [['Anthropic', 'valuation', '亿元', 'US dollars'], ['Alibaba', 'capex', 'USD', 'Chinese yuan']]) {
      const e = callFunction(real, 'VALUE', [entity, metric, null, unit, null]) as LlmError;
      expect(e).toBeInstanceOf(LlmError);
      expect(e.code).toBe('#VALUE!');
      expect(e.message).toContain('converts no currency');
      const r = ev(`=LLM.VALUE("${entity}","${metric}",,"${unit}")`) as { error: string; message: string };
      expect(r.error).toBe('#VALUE!');
      expect(r.message).toContain(`this figure is in ${is}`);
    }
  });
  test('eval answers the same', async () => {
    const ok = await runCli(['eval', '--json', '=LLM.VALUE("Anthropic","valuation",,"亿美元")']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)[0].value).toBeCloseTo(1830, 6);
    const bad = await runCli(['eval', '--json', '=LLM.VALUE("Anthropic","valuation",,"亿元")']);
    expect(JSON.parse(bad.out)[0]).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('converts no currency') });
  });
  test('METRICS names the currencies the facts use: revenue in CNY and USD', () => {
    const rows = callFunction(real, 'METRICS', []) as unknown[][];
    const revenue = rows.find((r) => r[0] === 'revenue')!;
    expect(String(revenue[3])).toMatch(/CNY/);
    expect(String(revenue[3])).toMatch(/USD/);
  });
});

// Build 5: the Chinese function names evaluate headless as their English names.
describe('Chinese function names headless', () => {
  test('=LLM.词元调用量("xAI","2025-09-30") is 262000000000 through ev', () => {
    expect(ev('=LLM.词元调用量("xAI","2025-09-30")')).toMatchObject({ value: 262e9 });
    expect(ev('=LLM.指标数值("Anthropic","valuation",,"亿美元")')).toMatchObject({ value: 1830 });
    expect(ev('=LLM.指标排名("tokens","2025-09-30",,5)')).toEqual({ ...ev('=LLM.RANK("tokens","2025-09-30",,5)'), formula: '=LLM.指标排名("tokens","2025-09-30",,5)' });
  });
  test('every Chinese name gives what its English name gives', () => {
    const { FUNCTIONS } = require('../src/core/catalog') as typeof import('../src/core/catalog');
    for (const f of FUNCTIONS) {
      const zh = ev(`=LLM.${f.name_zh}()`);
      const en = ev(`=LLM.${f.name}()`);
      expect([f.name_zh, zh]).toEqual([f.name_zh, { ...en, formula: `=LLM.${f.name_zh}()` }]);
    }
  });
  test('a Chinese name inside quotes stays text', () => {
    expect(ev('="LLM.词元调用量("&"x"')).toMatchObject({ value: 'LLM.词元调用量(x' });
  });
  test('createEngine with a cell formula', () => {
    const { createEngine } = require('../src/engine') as typeof import('../src/engine');
    const hf = createEngine({ Sheet1: [['=LLM.词元调用量("xAI","2025-09-30")', '=A1/1e9']] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(262e9);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe(262);
    hf.destroy();
  });
  test('eval', async () => {
    const r = await runCli(['eval', '--json', '=LLM.词元调用量("xAI","2025-09-30")']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0].value).toBe(262e9);
  });
});

// Build 5: Excel's VALUE, RANK and GROWTH keep Excel's meaning; called with the LLM. function's arguments, they say so.
describe('bare names with the LLM. function\'s arguments say "did you mean LLM.…?"', () => {
  test.each([
    ['=VALUE("Alibaba","capex")', '#N/A', 'LLM.VALUE'],
    ['=RANK("tokens")', '#N/A', 'LLM.RANK'],
    ['=RANK("tokens","2025-09-30")', '#VALUE!', 'LLM.RANK'],
    ['=GROWTH("OpenAI","valuation","2025-04","2025-10-03")', '#VALUE!', 'LLM.GROWTH'],
  ])('%s', (formula, error, fn) => {
    const r = ev(formula) as { error: string; message: string };
    expect(r.error).toBe(error);
    expect(r.message).toContain(`did you mean ${fn}?`.replace('did', 'Did'));
  });
  test('the LLM. functions answer those questions', () => {
    expect(ev('=LLM.VALUE("Alibaba","capex","2025Q2")')).toMatchObject({ value: 38.6e9 });
    expect(ev('=LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")')).toMatchObject({ value: expect.closeTo(5000 / 3000 - 1, 9) });
  });
  // Microsoft's examples (VALUE, RANK, GROWTH function pages): Excel's meaning is unchanged.
  test('Excel-shaped arguments keep Excel\'s answers', () => {
    expect(ev('=VALUE("$1,000")')).toMatchObject({ value: 1000 });
    expect(ev('=RANK(3.5,{7,3.5,3.5,1,2},1)')).toMatchObject({ value: 3 });
    expect(ev('=RANK(7,{7,3.5,3.5,1,2},1)')).toMatchObject({ value: 5 });
    expect(ev('=ROUND(GROWTH({33100,47300,69000,102000,150000,220000},{11,12,13,14,15,16},17),0)')).toMatchObject({ value: 320197 });
    expect((ev('=VALUE("abc")') as { message: string }).message).not.toContain('LLM.');
  });
  test('eval prints the hint', async () => {
    const r = await runCli(['eval', '--json', '=VALUE("Alibaba","capex")']);
    expect(JSON.parse(r.out)[0].message).toContain('Did you mean LLM.VALUE?');
  });
});

// Build 4: DETAIL(…,"dataset") names the dataset and edition that answered (the edition is issue 19's datasetEdition).
describe('DETAIL names the dataset edition', () => {
  test('=LLM.DETAIL("xAI","tokens",,"dataset") is the bundled dataset with its edition, as SOURCE ends', () => {
    const d = callFunction(real, 'DETAIL', ['xAI', 'tokens', null, 'dataset', null]) as string;
    expect(d).toMatch(/^bundled dataset \d{4}-\d{2}-\d{2}, [0-9a-f]{8}$/);
    expect(callFunction(real, 'SOURCE', ['xAI', 'tokens', null, null])).toMatch(new RegExp(`— ${d}$`));
    expect(ev('=LLM.DETAIL("xAI","tokens",,"dataset")')).toMatchObject({ value: d });
  });
});

describe("the dataset's edition travels with the answers", () => {
  test('calc --format json names the datasets that answered', async () => {
    const r = await runCli(['calc', require('path').join(__dirname, '..', 'examples', 'llm-market-example.xlsx'), '--check', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).datasets).toEqual([expect.stringMatching(/^bundled (dataset )?\d{4}-\d{2}-\d{2}, [0-9a-f]{8}$/)]);
  });
});
