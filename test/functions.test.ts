/**
 * Every function through the headless engine, against the figures in the
 * documents: normal cases, each date form, each unit, each error path.
 */
import { ev, val, err } from './helpers/engine';

describe('TOKENS', () => {
  test('daily tokens from OpenRouter (doc 001), base units by default', () => {
    expect(val('=TOKENS("xAI","2025-09-30")')).toBe(262e9);
    expect(val('=LLM.TOKENS("xAI","2025-09-30")')).toBe(262e9);
  });
  test('the window\'s last day, a later day, a month, a quarter, a serial and a DATE() all find it', () => {
    for (const d of ['"2025-09-30"', '"2025-12-31"', '"2025-09"', '45930', 'DATE(2025,9,30)', '"2025年9月30日"', '"2025Q3"']) {
      expect(val(`=TOKENS("xAI",${d})`)).toBe(262e9);
    }
  });
  test('a day inside a rate\'s window is #N/A: the average was not known until the window ended', () => {
    const e = err('=TOKENS("xAI","2025-09-20")');
    expect(e.error).toBe('#N/A');
    expect(e.message).toBe("no tokens for xAI: nothing was recorded on or before 2025-09-20. xAI's tokens is recorded for 2025-09-17..2025-09-30.");
  });
  test('a year with no figure inside it is #N/A, never an earlier year\'s figure carried forward', () => {
    expect(err('=TOKENS("xAI","2030")').message).toMatch(/no rate is dated inside 2030 = 2030-01-01\.\.2030-12-31\. xAI's tokens is recorded for 2025-09-17\.\.2025-09-30\./);
  });
  test('units', () => {
    expect(val('=TOKENS("xAI","2025-09-30","B")')).toBe(262);
    expect(val('=TOKENS("xAI","2025-09-30","亿")')).toBe(2620);
    expect(val('=TOKENS("xAI","2025-09-30","T")')).toBeCloseTo(0.262, 12);
    expect(val('=TOKENS("xAI","2025-09-30","M")')).toBe(262000);
    expect(val('=TOKENS("xAI","2025-09-30","K")')).toBe(262e6);
    expect(val('=TOKENS("xAI","2025-09-30","万")')).toBe(262e5);
    expect(val('=TOKENS("Doubao","2025-09","万亿")')).toBe(30);
  });
  test('Google and 谷歌 answer with Alphabet figures; Gemini rolls up to Alphabet', () => {
    expect(val('=TOKENS("Google","2025-09-09")')).toBe(135e9);
    expect(val('=TOKENS("谷歌","2025-09-09")')).toBe(135e9);
    expect(val('=TOKENS("Gemini","2025-09-30")')).toBe(132e9);
    expect(val('=TOKENS("Alphabet","2025-09-30")')).toBe(132e9);
  });
  test('Chinese names, simplified and traditional', () => {
    expect(val('=TOKENS("豆包","2025-09")')).toBe(30e12);
    expect(val('=TOKENS("通義千問","2025-09-30")')).toBe(26e9);
    expect(val('=TOKENS("通义千问","2025-09-30")')).toBe(26e9);
  });
  test("000's mistranslated 'million' is recorded in billions", () => {
    expect(val('=TOKENS("OpenAI","2025-09-09")')).toBe(62e9);
    expect(val('=TOKENS("Alibaba","2025-09-09")')).toBe(43e9);
  });
  test('as-of: the latest observation that ended before the date, never one from the future', () => {
    expect(val('=TOKENS("Doubao","2025-01-15")')).toBe(120e9);
    const e = err('=TOKENS("Doubao","2024-01-01")');
    expect(e.error).toBe('#N/A');
    expect(e.message).toMatch(/Doubao's tokens is recorded for 2024-05 \(May 2024\) and 2025-09 \(Sep 2025\)\./);
  });
  test('omitted date = the latest observation', () => {
    expect(val('=TOKENS("xAI")')).toBe(262e9);
    expect(val('=TOKENS("Doubao")')).toBe(30e12);
  });
  test('a source narrows the facts', () => {
    expect(val('=TOKENS("DeepSeek","2025-09-30",,"OpenRouter")')).toBe(75e9);
    const e = err('=TOKENS("DeepSeek","2025-09-30",,"IDC")');
    expect(e.message).toMatch(/no tokens for DeepSeek from IDC/);
  });
});

describe('SHARE', () => {
  test('IDC token shares and Omdia revenue shares for 2025H1', () => {
    expect(val('=SHARE("Volcano","IDC")')).toBe(0.492);
    expect(val('=SHARE("火山引擎","IDC","2025H1")')).toBe(0.492);
    expect(val('=SHARE("阿里雲","IDC","1H25")')).toBe(0.27);
    expect(val('=SHARE("Baidu AI Cloud","IDC","H1 2025")')).toBe(0.17);
    expect(val('=SHARE("Alibaba Cloud","Omdia")')).toBe(0.358);
    expect(val('=SHARE("Volcano Engine","英富曼Omdia")')).toBe(0.148);
  });
  test('an unknown source is #N/A naming it', () => {
    const e = err('=SHARE("Volcano","Gartner")');
    expect(e.error).toBe('#N/A');
    expect(e.message).toContain('"Gartner"');
  });
  test('the source is required', () => {
    expect(err('=SHARE("Volcano","")').error).toBe('#VALUE!');
  });
});

describe('VALUE', () => {
  test("Alibaba's December 2024 quarter (doc 002)", () => {
    expect(val('=LLM.VALUE("Alibaba","revenue","2024Q4")')).toBe(280.2e9);
    expect(val('=LLM.VALUE("阿里巴巴","revenue","2024Q4","亿")')).toBe(2802);
    expect(val('=LLM.VALUE("Alibaba","capex","2024-12-31","亿")')).toBe(317);
    expect(val('=LLM.VALUE("Alibaba","adjusted_ebita","2024Q4","亿")')).toBe(549);
  });
  test('a percentage metric in %', () => {
    expect(val('=LLM.VALUE("Alibaba","revenue_yoy","2024Q4","%")')).toBe(8);
  });
  test('OpenAI valuation: as of April 2025 and now', () => {
    expect(val('=LLM.VALUE("OpenAI","valuation","2025-04")')).toBe(300e9);
    expect(val('=LLM.VALUE("OpenAI","valuation")')).toBe(500e9);
  });
  test('VALUE is not registered bare: Excel\'s VALUE keeps its meaning', () => {
    expect(val('=VALUE("12")')).toBe(12);
  });
  test('unknown metric: #N/A with suggestions', () => {
    const e = err('=LLM.VALUE("Alibaba","revenu")');
    expect(e.error).toBe('#N/A');
    expect(e.message).toMatch(/did you mean "revenue/i);
  });
  test('an entity with no such metric says what it has', () => {
    const e = err('=LLM.VALUE("xAI","capex")');
    expect(e.message).toMatch(/no capex data for xAI/);
    expect(e.message).toMatch(/tokens/);
  });
  test('ByteDance points to where its figures are', () => {
    expect(err('=TOKENS("ByteDance")').message).toMatch(/Volcano Engine/);
  });
});

describe('SERIES', () => {
  test('rows of (period end serial, value), oldest first', () => {
    expect(val('=SERIES("Doubao","tokens")')).toEqual([
      [45443, 120e9],
      [45930, 30e12],
    ]);
  });
  test('headers TRUE adds a header row', () => {
    const rows = val('=SERIES("Doubao","tokens",,TRUE)') as unknown[][];
    expect(rows[0]).toEqual(['period_end', "tokens (tokens/day), scope company (The entity's own, company-wide figure)"]);
    expect(rows).toHaveLength(3);
  });
  test('sized correctly when the arguments come from cells', () => {
    // A cell reference cannot be sized at parse time: the spill is padded, the data is the same.
    const { createEngine } = require('../src/engine');
    const hf = createEngine({ S: [['Doubao', 'tokens', '=LLM.SERIES(A1,B1)']] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(45443);
    expect(hf.getCellValue({ sheet: 0, row: 1, col: 3 })).toBe(30e12);
    expect(hf.getCellValue({ sheet: 0, row: 2, col: 2 })).toBeNull();
    hf.destroy();
  });
});

describe('GROWTH and CAGR', () => {
  test("OpenAI's valuation growth matches the document's +67%", () => {
    expect(val('=LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")')).toBeCloseTo(500 / 300 - 1, 12);
  });
  test("GROWTH bare is Excel's exponential trend, not LLM.GROWTH", () => {
    // Microsoft's GROWTH example: known_y 33100…, known_x 11…16, new_x 17 → 320197 (rounded).
    expect(val('=ROUND(GROWTH({33100;47300;69000;102000;150000;220000},{11;12;13;14;15;16},17),0)')).toBe(320197);
  });
  test('CAGR annualises between period ends', () => {
    const years = (Date.UTC(2025, 8, 30) - Date.UTC(2024, 4, 31)) / (365.25 * 86400000);
    expect(val('=CAGR("Doubao","tokens","2024-05","2025-09")')).toBeCloseTo(Math.pow(250, 1 / years) - 1, 9);
  });
  test('the same observation at both ends is #N/A, not 0', () => {
    const e = err('=LLM.GROWTH("xAI","tokens","2025-09-30","2025-12-31")');
    expect(e.error).toBe('#N/A');
    expect(e.message).toMatch(/same observation/);
  });
  test('missing dates are #VALUE!', () => {
    expect(err('=CAGR("Doubao","tokens","2024-05","")').error).toBe('#VALUE!');
  });
});

describe('RATIO', () => {
  test('xAI ÷ OpenAI on OpenRouter, 17–30 Sep 2025', () => {
    expect(val('=LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")')).toBeCloseTo(262 / 82, 12);
    expect(val('=RATIO("xAI","OpenAI",,"2025-09-30")')).toBeCloseTo(262 / 82, 12);
  });
  test('different units are #N/A', () => {
    expect(err('=RATIO("Alibaba","OpenAI","revenue")').message).toMatch(/one unit/);
  });
});

describe('RANK', () => {
  test('OpenRouter ranking 17–30 Sep 2025, by company: xAI > Alphabet (its Gemini family) > OpenAI', () => {
    expect(val('=LLM.RANK("tokens","2025-09-30","OpenRouter",3)')).toEqual([
      ['xAI', 262e9],
      ['Alphabet (Google)', 132e9],
      ['OpenAI', 82e9],
    ]);
  });
  test('RANK ranks one kind and says so: model families on their own, with a header row', () => {
    expect(val('=LLM.RANK("tokens","2025-09-30","OpenRouter",,"model family",TRUE)')).toEqual([
      ['model families', 'tokens (tokens/day), scope openrouter (OpenRouter traffic), period 2025-09-17..2025-09-30'],
      ['Gemini', 132e9],
      ['Qwen (Tongyi Qianwen)', 26e9],
    ]);
    expect(err('=LLM.RANK("tokens",,,,"planet")').message).toMatch(/kind "planet" is not one of: company, cloud platform/);
  });
  test('RANK never ranks a group against its own segments', () => {
    const companies = val('=LLM.RANK("revenue",,,,"company")') as unknown[][];
    expect(companies.map((r) => r[0])).toEqual(['Alibaba Group']);
    const segments = val('=LLM.RANK("revenue",,,,,TRUE)') as unknown[][];
    expect(segments[0][0]).toBe('segments');
    expect(segments.map((r) => r[0])).not.toContain('Alibaba Group');
  });
  test("RANK bare is Excel's RANK (the rank of a number in a list), not LLM.RANK", () => {
    expect(ev('=RANK(1,{1,2})')).toMatchObject({ value: 2 });
  });
  test('top must be a positive number', () => {
    expect(err('=LLM.RANK("tokens",,,0)').error).toBe('#VALUE!');
  });
});

describe('SOURCE and UNIT', () => {
  test('SOURCE cites the fact that served, with its quote', () => {
    const s = val('=LLM.SOURCE("xAI","tokens","2025-09-30")') as string;
    expect(s).toContain('OpenRouter');
    expect(s).toContain('2,620亿');
    expect(s).toContain('大模型密集更新');
    expect(s).toContain('2025-10-03');
    expect(s).toContain('2025-09-17..2025-09-30');
    expect(s).not.toContain('\n');
  });
  test('SOURCE says when a model family answered for its parent', () => {
    expect(val('=LLM.SOURCE("Google","tokens","2025-09-30")')).toMatch(/reported for Gemini/);
  });
  test('UNIT', () => {
    expect(val('=UNIT("xAI","tokens")')).toBe('tokens/day');
    expect(val('=UNIT("Alibaba","capex","2024Q4")')).toBe('CNY');
    expect(val('=UNIT("Volcano","share")')).toBe('fraction');
    expect(val('=UNIT("Grok Code Fast 1","price_input")')).toBe('USD per million tokens');
  });
});

describe('discovery', () => {
  test('ENTITIES, METRICS, SOURCES spill lists', () => {
    const clouds = val('=ENTITIES("cloud platform")') as string[][];
    expect(clouds.map((r) => r[3])).toEqual(expect.arrayContaining(['volcano-engine', 'alibaba-cloud', 'baidu-ai-cloud']));
    expect(clouds.every((r) => r[2] === 'cloud platform')).toBe(true);
    expect((val('=METRICS()') as string[][]).map((r) => r[0])).toEqual(expect.arrayContaining(['tokens', 'share', 'revenue']));
    expect((val('=SOURCES()') as string[][]).map((r) => r[0])).toEqual(expect.arrayContaining(['openrouter', 'idc', 'omdia']));
  });
  test('an unknown kind is #VALUE! listing the kinds', () => {
    const e = err('=ENTITIES("planet")');
    expect(e.error).toBe('#VALUE!');
    expect(e.message).toMatch(/company, cloud platform/);
  });
});

describe('errors carry messages', () => {
  test.each([
    ['=TOKENS("Volcanoe")', '#N/A', /did you mean "Volcano Engine"/i],
    ['=TOKENS("xAI","yesterday")', '#VALUE!', /2025Q3/],
    ['=TOKENS("xAI",,"bananas")', '#VALUE!', /"K", "M", "B"/],
    ['=TOKENS(42)', '#VALUE!', /entity must be text/],
    ['=TOKENS("")', '#VALUE!', /required/],
    ['=SHARE("Volcano","IDC",,1)', '#VALUE!', /^SHARE takes 2 to 3 arguments, got 4/],
  ])('%s → %s', (formula, code, message) => {
    const e = err(formula);
    expect(e.error).toBe(code);
    expect(e.message).toMatch(message);
  });
  test('a range where one value is expected', () => {
    const { createEngine } = require('../src/engine');
    const hf = createEngine({ S: [['xAI', 'OpenAI', '=LLM.TOKENS(A1:B1)']] });
    const v = hf.getCellValue({ sheet: 0, row: 0, col: 2 });
    expect(v.value).toBe('#VALUE!');
    expect(v.message).toMatch(/single value, not a 1×2 range/);
    hf.destroy();
  });
});
