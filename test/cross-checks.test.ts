/**
 * The documents' own derived statements, checked against the facts recorded
 * from them — so a mis-scaled or mis-dated figure shows up as arithmetic that
 * no longer holds. Tolerances are the documents' rounding.
 */
import { val } from './helpers/engine';

const n = (f: string) => val(f) as number;

describe('000: ratios stated beside the daily volumes', () => {
  test('DeepSeek ≈ 55% of Alphabet', () => {
    expect(Math.abs(n('=RATIO("DeepSeek","Alphabet","tokens","2025-09-09")') - n('=LLM.VALUE("DeepSeek","tokens_vs_alphabet","2025-09-09")'))).toBeLessThan(0.01);
  });
  test("Alibaba = 32% of Alphabet and 70% of OpenAI (which proves 000's 'million' means billion)", () => {
    expect(Math.abs(n('=RATIO("Alibaba","Alphabet","tokens","2025-09-09")') - 0.32)).toBeLessThan(0.005);
    expect(Math.abs(n('=RATIO("Alibaba","OpenAI","tokens","2025-09-09")') - 0.7)).toBeLessThan(0.01);
    expect(n('=LLM.VALUE("Alibaba","tokens_vs_alphabet","2025-09-09")')).toBe(0.32);
    expect(n('=LLM.VALUE("Alibaba","tokens_vs_openai","2025-09-09")')).toBe(0.7);
  });
  test('DeepSeek is 75 billion a day in both Guosen notes', () => {
    expect(n('=TOKENS("DeepSeek","2025-09-09")')).toBe(n('=TOKENS("DeepSeek","2025-09-30")'));
  });
});

describe('001: OpenRouter ranking and OpenAI valuation', () => {
  test('xAI > Gemini (Alphabet) > OpenAI > DeepSeek > Qwen', () => {
    const rows = val('=LLM.RANK("tokens","2025-09-30","OpenRouter")') as [string, number][];
    expect(rows.map((r) => r[0])).toEqual(['xAI', 'Gemini', 'OpenAI', 'DeepSeek', 'Qwen (Tongyi Qianwen)']);
  });
  test('valuation up 67% from April 2025', () => {
    expect(Math.abs(n('=LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")') - n('=LLM.VALUE("OpenAI","valuation_growth")'))).toBeLessThan(0.005);
  });
});

describe('002: Alibaba, December 2024 quarter', () => {
  test("AIDC's revenue is its retail plus wholesale revenue", () => {
    expect(n('=LLM.VALUE("AIDC","revenue","2024Q4","亿")')).toBeCloseTo(n('=LLM.VALUE("国际商业零售","revenue","2024Q4","亿")') + n('=LLM.VALUE("国际商业批发","revenue","2024Q4","亿")'), 6);
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
  test("Google's monthly tokens 'doubled' from 480 to 980 trillion", () => {
    const rows = val('=LLM.SERIES("Google","tokens_monthly")') as [number, number][];
    const values = rows.map((r) => r[1]);
    expect(values).toEqual(expect.arrayContaining([480e12, 980e12]));
    expect(980 / 480).toBeGreaterThan(1.9);
  });
  test("Qwen's derivative models and downloads only grow over time", () => {
    for (const metric of ['derivative_models', 'downloads']) {
      const rows = val(`=LLM.SERIES("Qwen","${metric}")`) as [number, number][];
      for (let i = 1; i < rows.length; i++) expect(rows[i][1]).toBeGreaterThanOrEqual(rows[i - 1][1]);
    }
  });
  test("Alibaba's quarterly capex fits inside its four-quarter total", () => {
    const q = n('=LLM.VALUE("Alibaba","capex","2025Q2")');
    expect(q).toBe(38.6e9);
    expect(n('=LLM.VALUE("Alibaba","capex","2024Q4")') + q).toBeLessThan(n('=LLM.VALUE("Alibaba","ai_investment","2025Q2")'));
  });
});
