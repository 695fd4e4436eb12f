/** The headless engine: Excel parity, registration, and the public API. */
import { HyperFormula } from 'hyperformula';
import { FUNCTIONS } from '../src/core/catalog';
import { LlmPlugin } from '../src/engine/plugin';
import { createEngine, evaluate } from '../src/engine';
import { val, err } from './helpers/engine';

/** Excel worksheet functions that a bare LLM name must never replace. */
const EXCEL_BUILTINS_WE_SHADOW_OTHERWISE = ['VALUE', 'RANK', 'GROWTH'];

describe('registration', () => {
  const builtins = new Set(
    HyperFormula.getAllFunctionPlugins()
      .filter((p) => p !== LlmPlugin)
      .flatMap((p) => Object.keys(p.implementedFunctions)),
  );

  test('every function is registered as LLM.NAME', () => {
    for (const f of FUNCTIONS) expect(LlmPlugin.implementedFunctions[`LLM.${f.name}`]).toBeDefined();
  });

  test("bare names exist exactly where they shadow no Excel or HyperFormula built-in", () => {
    for (const f of FUNCTIONS) {
      const clash = builtins.has(f.name) || EXCEL_BUILTINS_WE_SHADOW_OTHERWISE.includes(f.name);
      expect([f.name, Boolean(LlmPlugin.implementedFunctions[f.name])]).toEqual([f.name, !clash]);
    }
  });

  test("Excel's own VALUE, RANK and GROWTH keep their meaning", () => {
    expect(val('=VALUE("12")')).toBe(12);
    // Excel's RANK and GROWTH (the statistical family), never the dataset's LLM.RANK / LLM.GROWTH.
    expect(val('=RANK(2,{1,2,3})')).toBe(2);
    expect(val('=GROWTH({1,2},{1,2},3)')).toBeCloseTo(4, 12); // y = 0.5·2^x through (1,1) and (2,2)
    expect(val('=LLM.RANK("share","2025H1","IDC",1)')).toEqual([['Volcano Engine', 0.492]]);
  });

  test('bare and LLM.-prefixed names agree', () => {
    for (const f of FUNCTIONS.filter((x) => x.bare)) {
      const bare = f.example.replace(/^=LLM\./, '=');
      expect(evaluate(bare)).toEqual({ ...evaluate(f.example), formula: bare });
    }
  });

  test('function names follow Excel custom-function naming rules', () => {
    for (const f of FUNCTIONS) {
      expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      expect(f.name.length).toBeLessThanOrEqual(64);
    }
  });
});

describe('Excel parity', () => {
  test('DATE(2025,9,30) is 45930, and the 1900 leap-year quirk holds', () => {
    expect(val('=DATE(2025,9,30)')).toBe(45930);
    expect(val('=DATE(1900,3,1)')).toBe(61);
    expect(val('=DATE(1900,1,1)')).toBe(1);
  });
  test('an ISO date typed into a cell is a date serial, as in Excel', () => {
    const hf = createEngine({ S: [['2025-09-30', '=A1', '=LLM.TOKENS("xAI",A1)']] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe(45930);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(262e9);
    hf.destroy();
  });
  test('bare TRUE/FALSE and an upper-case exponent read as Excel writes them', () => {
    expect(val('=IF(TRUE,1E3,0)')).toBe(1000);
    expect(val('=LLM.SERIES("Doubao","tokens",,FALSE)')).toHaveLength(2);
  });
  test('full double precision, as Excel keeps it', () => {
    expect(val('=LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")')).toBe(262e9 / 82e9);
  });
  test('cells referencing LLM results recalculate', () => {
    const hf = createEngine({ S: [['xAI', '=LLM.TOKENS(A1,"2025-09-30","B")', '=B1*2']] });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(524);
    hf.setCellContents({ sheet: 0, row: 0, col: 0 }, [['OpenAI']]);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(164);
    hf.destroy();
  });
});

describe('public API', () => {
  test('evaluate returns a value or an error object', () => {
    // Each result names the facts that served.
    expect(evaluate('=SHARE("Volcano","IDC")')).toEqual({ formula: '=SHARE("Volcano","IDC")', value: 0.492, facts: ['003-idc-share-volcano-engine-2025h1'] });
    expect(evaluate('=1+1')).toEqual({ formula: '=1+1', value: 2 });
    expect(evaluate('LLM.TOKENS("nobody")')).toMatchObject({ error: '#N/A', message: expect.stringContaining('"nobody"') });
  });
  test('the package entry exports the engine and the core', () => {
    const api = require('../src/index');
    for (const name of ['createEngine', 'evaluate', 'evaluateMany', 'callFunction', 'FUNCTIONS', 'bundledMarket', 'parseSeedFiles']) {
      expect(api[name]).toBeDefined();
    }
  });
});

describe("issue 9's examples through evaluate()", () => {
  test.each([
    ['=LLM.VALUE("Alibaba","capex","2025")', { error: '#N/A', message: expect.stringContaining("Alibaba Group's capex is recorded for 2024Q4 (Oct–Dec 2024) and 2025Q2 (Apr–Jun 2025)") }],
    ['=LLM.VALUE("Alibaba","capex","2025Q2")', { value: 38600000000, facts: ['004-alibaba-capex'] }],
    ['=LLM.VALUE("Alibaba","capex","Q1 FY2026")', { value: 38600000000, facts: ['004-alibaba-capex'] }],
    ['=LLM.TOKENS("xAI","2030")', { error: '#N/A', message: expect.stringContaining('2025-09-17..2025-09-30') }],
    ['=LLM.TOKENS("xAI","2025-12-31")', { value: 262000000000, facts: ['001-xai-tokens'] }],
    ['=LLM.GROWTH("OpenAI","valuation","2025-04-30","2025-10-03")', { value: expect.closeTo(0.6667, 4) }],
    ['=LLM.RATIO("Doubao","Google")', { error: '#N/A', message: expect.stringMatching(/scope company .* scope openrouter .*reported for Gemini/) }],
    // One window per ranking (issue 17): Anthropic's September figure is another period.
    ['=LLM.RANK("valuation")', { value: [['OpenAI', 500e9]] }],
    ['=LLM.DETAIL("Doubao","tokens","2025-09","qualifier")', { value: '>' }],
  ])('%s', (formula, want) => {
    expect(evaluate(formula)).toMatchObject({ formula, ...want });
  });
  test('a formula of two LLM calls names both facts', () => {
    expect(evaluate('=LLM.TOKENS("xAI","2025-09-30")/LLM.TOKENS("OpenAI","2025-09-30")').facts).toEqual(['001-xai-tokens', '001-openai-tokens']);
  });
});

test('a spilling function whose arguments are written in parentheses spills exactly its answer, leaving the cells below free', () => {
  // ("tokens") is the literal "tokens": the spill is the 5 rows of the answer, not the largest ranking
  // the dataset could give, which would cover A7 and make its formula a spill collision.
  const hf = createEngine({ S: [['=LLM.RANK(("tokens"),("2025-09-30"),,(5))'], [], [], [], [], [], ['=1+1']] });
  try {
    expect(hf.getSheetDimensions(0)).toEqual({ width: 2, height: 7 });
    expect([hf.getCellValue({ sheet: 0, row: 0, col: 0 }), hf.getCellValue({ sheet: 0, row: 4, col: 0 }), hf.getCellValue({ sheet: 0, row: 6, col: 0 })]).toEqual(['xAI', 'Alibaba Group', 2]);
  } finally {
    hf.destroy();
  }
});
