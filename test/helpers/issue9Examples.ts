/** The formulas issue 9 says must answer exactly what was asked (the engine, the CLI and the Excel adapter all run them). */
export const ISSUE9_EXAMPLES = [
  '=LLM.VALUE("Alibaba","capex","2025")',
  '=LLM.VALUE("Alibaba","capex","2025Q2")',
  '=LLM.VALUE("Alibaba","capex","Q1 FY2026")',
  '=LLM.TOKENS("xAI","2030")',
  '=LLM.TOKENS("xAI","2025-12-31")',
  '=LLM.GROWTH("OpenAI","valuation","2025-04-30","2025-10-03")',
  '=LLM.RATIO("Doubao","Google")',
  '=LLM.RANK("valuation")',
];
