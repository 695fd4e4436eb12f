/**
 * The documents' own derived statements, checked against the facts recorded
 * from them — so a mis-scaled or mis-dated figure shows up as arithmetic that
 * no longer holds. Tolerances are the documents' rounding.
 */
import { val } from './helpers/engine';
import { parseSeedFiles } from '../src/data/load';
import { SEED_FILES } from '../src/data/seedFiles';

const n = (f: string) => val(f) as number;
const facts = parseSeedFiles(SEED_FILES).facts;
const fact = (id: string) => {
  const f = facts.find((x) => x.id === id);
  if (!f) throw new Error(`no fact "${id}"`);
  return f;
};

describe('000: ratios stated beside the daily volumes', () => {
  test("DeepSeek ≈ 55% of the 135 billion the summary labels Alphabet (Gemini's)", () => {
    expect(Math.abs(n('=RATIO("DeepSeek","Gemini","tokens","2025-09-09")') - n('=LLM.VALUE("DeepSeek","tokens_vs_alphabet","2025-09-09")'))).toBeLessThan(0.01);
  });
  test("Qwen (the summary's 'Alibaba') = 32% of Gemini and 70% of OpenAI (which proves 000's 'million' means billion)", () => {
    expect(Math.abs(n('=RATIO("Qwen","Gemini","tokens","2025-09-09")') - 0.32)).toBeLessThan(0.005);
    expect(Math.abs(n('=RATIO("Qwen","OpenAI","tokens","2025-09-09")') - 0.7)).toBeLessThan(0.01);
    expect(n('=LLM.VALUE("Qwen","tokens_vs_alphabet","2025-09-09")')).toBe(0.32);
    expect(n('=LLM.VALUE("Qwen","tokens_vs_openai","2025-09-09")')).toBe(0.7);
  });
  test("000's volumes are Qwen's and Gemini's, in the same OpenRouter scope as 001's, and the Qwen conflict is recorded", () => {
    for (const id of ['000-qwen-tokens', '000-gemini-tokens', '001-qwen-tokens', '001-gemini-tokens']) expect(fact(id).scope).toBe('openrouter');
    expect([fact('000-qwen-tokens').entity, fact('000-gemini-tokens').entity]).toEqual(['qwen', 'gemini']);
    // 000: 43 billion; 001, three weeks later: 260亿 "保持平稳". Not stable: the notes must say the documents conflict.
    expect(fact('000-qwen-tokens').value / fact('001-qwen-tokens').value).toBeGreaterThan(1.5);
    for (const id of ['000-qwen-tokens', '001-qwen-tokens']) expect(fact(id).note).toMatch(/CONFLICT/);
    // Gemini: 135 billion in 000, 1,320亿 in 001 — the same series, within 3%.
    expect(Math.abs(fact('000-gemini-tokens').value / fact('001-gemini-tokens').value - 1)).toBeLessThan(0.03);
  });
  test('the weekly total exceeds seven days of the five daily volumes named beside it', () => {
    const daily = ['000-deepseek-tokens', '000-gemini-tokens', '000-anthropic-tokens', '000-openai-tokens', '000-qwen-tokens'].reduce((a, id) => a + fact(id).value, 0);
    expect(daily * 7).toBeLessThan(fact('000-global-tokens-weekly').value);
  });
  test('one 41%: against the previous four weeks; 8% week on week; each its own metric', () => {
    const growth = facts.filter((f) => f.document === '000_efed8babc9be61f5' && f.entity === 'global-llm' && f.metric.startsWith('tokens_growth'));
    expect(growth.map((f) => [f.metric, f.value]).sort()).toEqual([['tokens_growth_vs_prior_4w', 0.41], ['tokens_growth_wow', 0.08]]);
  });
  test('DeepSeek is 75 billion a day in both Guosen notes', () => {
    expect(n('=TOKENS("DeepSeek","2025-09-09")')).toBe(n('=TOKENS("DeepSeek","2025-09-30")'));
  });
});

describe('001: OpenRouter ranking and OpenAI valuation', () => {
  test('xAI > Gemini (Alphabet) > OpenAI > DeepSeek > Qwen, as 001 ranks them (位列第一…分别位列第二、三)', () => {
    const window = facts.filter((f) => f.scope === 'openrouter' && f.metric === 'tokens' && f.period.start === '2025-09-17' && f.period.end === '2025-09-30');
    expect(window.sort((a, b) => b.value - a.value).map((f) => f.entity)).toEqual(['xai', 'gemini', 'openai', 'deepseek', 'qwen']);
  });
  test("OpenAI's H1 2025 net loss answers net_loss and net_income with one figure", () => {
    expect(fact('001-openai-net-loss-h1').value).toBe(13.5e9);
    expect(fact('001-openai-net-income-h1').value).toBe(-fact('001-openai-net-loss-h1').value);
    expect(fact('001-openai-net-loss-h1').period).toEqual(fact('001-openai-net-income-h1').period);
  });
  test('valuation up 67% from April 2025', () => {
    expect(Math.abs(n('=LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")') - n('=LLM.VALUE("OpenAI","valuation_growth")'))).toBeLessThan(0.005);
  });
});

describe('002: Alibaba, December 2024 quarter', () => {
  test("AIDC's revenue is its retail plus wholesale revenue", () => {
    expect(n('=LLM.VALUE("AIDC","revenue","2024Q4","亿")')).toBeCloseTo(n('=LLM.VALUE("国际商业零售","revenue","2024Q4","亿")') + n('=LLM.VALUE("国际商业批发","revenue","2024Q4","亿")'), 6);
  });
  test('Sun Art is sold for up to US$1.6bn (≤), Intime for US$1bn (=)', () => {
    expect([fact('002-divestment-sun-art').qualifier, fact('002-divestment-sun-art').value]).toEqual(['≤', 1.6e9]);
    expect(fact('002-divestment-intime').qualifier).toBe('=');
  });
  test('net cash in CNY and USD imply a plausible year-end exchange rate', () => {
    const rate = n('=LLM.VALUE("Alibaba","net_cash","2024-12-31",,"Alibaba")') / n('=LLM.VALUE("Alibaba","net_cash_usd","2024-12-31")');
    expect(rate).toBeGreaterThan(7.1);
    expect(rate).toBeLessThan(7.4);
  });
});

describe('003: IDC and Omdia rankings, Doubao growth', () => {
  test("IDC's token-call shares sum to at most 100%, and so do Omdia's revenue shares", () => {
    const idc = ['Volcano Engine', 'Alibaba Cloud', 'Baidu AI Cloud'].map((e) => n(`=SHARE("${e}","IDC","2025H1")`));
    expect(idc.reduce((a, b) => a + b)).toBeLessThanOrEqual(1);
    expect(idc[0]).toBeGreaterThan(idc[1]);
    expect(idc[1]).toBeGreaterThan(idc[2]);
    const omdia = ['Alibaba Cloud', 'Volcano Engine'].map((e) => n(`=SHARE("${e}","Omdia","1H25")`));
    expect(omdia.reduce((a, b) => a + b)).toBeLessThanOrEqual(1);
  });
  test("Doubao's company-wide daily tokens are about ten times IDC's whole-market daily rate, so they are not in IDC's scope", () => {
    const idcDaily = fact('003-idc-public-cloud-llm-tokens-2025h1').value / 181; // 1 Jan – 30 Jun 2025
    expect(fact('003-doubao-tokens-2025-09').value / idcDaily).toBeGreaterThan(9);
    expect(fact('003-doubao-tokens-2025-09').scope).toBe('company');
    expect(fact('003-idc-public-cloud-llm-tokens-2025h1').scope).toBe('idc-china-public-cloud-llm');
  });
  test("Doubao grew 253× from May 2024 to more than 30 trillion a day in Sep 2025", () => {
    const from = n('=TOKENS("Doubao","2024-05")');
    const to = n('=TOKENS("Doubao","2025-09")');
    const stated = n('=LLM.VALUE("Doubao","tokens_multiple","2025-09")');
    // "超30万亿": the end point is more than 30 trillion, so 253 × 1200亿 must exceed it.
    expect(stated * from).toBeGreaterThan(to);
    expect(Math.abs(to / from - stated) / stated).toBeLessThan(0.02);
    expect(n('=LLM.GROWTH("Doubao","tokens","2024-05","2025-09")') + 1).toBeCloseTo(to / from, 9);
  });
  test("IDC's 2025H1 total is 'nearly 400%' above 2024's", () => {
    const growth = n('=LLM.GROWTH("China public-cloud LLM","tokens_total","2024","2025H1")');
    expect(growth).toBeLessThanOrEqual(4);
    expect(growth).toBeGreaterThan(3.5);
  });
});

describe('004 and across documents', () => {
  test("Alibaba's AI-related revenue: 000's '>100%' and 004's 'triple-digit' agree for the June 2025 quarter, the eighth after 002's sixth", () => {
    const g000 = fact('000-cloud-ai-revenue-yoy');
    const g004 = fact('004-cloud-ai-revenue-yoy');
    const g002 = fact('002-cloud-ai-revenue-yoy');
    expect([g000.value, g004.value, g002.value]).toEqual([1, 1, 1]);
    expect([g000.qualifier, g004.qualifier]).toEqual(['>', '≥']);
    expect(g000.period).toEqual(g004.period);
    // Sixth consecutive quarter ended 2024-12-31, so the eighth ends two quarters later.
    expect(g002.period.end).toBe('2024-12-31');
    expect(g004.period.end).toBe('2025-06-30');
  });
  test("Google's monthly tokens 'doubled' from 480 to 980 trillion (the 480 is undated, so only the multiple records it)", () => {
    const rows = val('=LLM.SERIES("Google","tokens_monthly")') as [number, number][];
    expect(rows.map((r) => r[1])).toEqual([980e12]);
    expect(val('=LLM.VALUE("Google","tokens_multiple")')).toBe(2);
    const doubled = fact('004-alphabet-tokens-multiple');
    expect(doubled.quote).toContain('from 480 trillion to 980 trillion');
    expect(980 / 480).toBeGreaterThan(1.9);
    expect(980 / 480).toBeLessThan(2.1);
  });
  test("Qwen's derivative models and downloads only grow over time", () => {
    for (const metric of ['derivative_models', 'downloads']) {
      const rows = val(`=LLM.SERIES("Qwen","${metric}")`) as [number, number][];
      for (let i = 1; i < rows.length; i++) expect(rows[i][1]).toBeGreaterThanOrEqual(rows[i - 1][1]);
    }
  });
  test("Alibaba's two quarterly capex figures fit inside the four quarters' AI investment that includes both", () => {
    const q = n('=LLM.VALUE("Alibaba","capex","2025Q2")');
    expect(q).toBe(38.6e9);
    const four = fact('004-alibaba-ai-investment-4q');
    expect([four.period.start <= '2024-10-01', four.period.end]).toEqual([true, '2025-06-30']);
    expect(n('=LLM.VALUE("Alibaba","capex","2024Q4")') + q).toBeLessThan(four.value);
  });
});
