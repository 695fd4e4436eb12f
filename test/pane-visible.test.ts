/** The task pane shows, beside each number, what it must be read with: qualifier, scope, basis, corrections. */
import { bundledMarket } from '../src/core/bundled';
import { valueText } from '../taskpane/format';
import { STRINGS } from '../taskpane/i18n';
import { PaneModel, periodArg } from '../taskpane/model';

const model = new PaneModel(bundledMarket());
const fact = (id: string) => bundledMarket().facts.get(id)!;

test('a "more than" stays a "more than", with its scope in the pane\'s language', () => {
  const f = fact('003-doubao-tokens-2025-09');
  expect(valueText(f, 'en')).toBe('> 30T tokens/day');
  expect(valueText(f, 'zh')).toBe('> 30万亿Token/日');
  expect(valueText(f, 'en', true)).toBe('> 30,000,000,000,000 tokens/day');
  expect(model.scopeName(f, 'en')).toBe("The entity's own, company-wide figure");
  expect(model.scopeName(fact('001-xai-tokens'), 'zh')).toBe('OpenRouter平台调用量');
  expect(STRINGS.zh.qualifier['>']).toBe('超过');
});

test('an "up to" keeps its ≤', () => {
  expect(valueText({ qualifier: '≤', value: 1.6e9, unit: 'USD' }, 'en')).toBe('≤ 1.6B USD');
  expect(valueText({ qualifier: '≤', value: 1.6e9, unit: 'USD' }, 'zh')).toBe('≤ 16亿美元');
});

test("a fiscal year's figure gets a formula that names the fiscal year", () => {
  expect(periodArg('2024-04-01', '2025-03-31', '03-31')).toBe('FY2025');
  expect(periodArg('2024-04-01', '2025-03-31')).toBe('2025-03-31');
  expect(periodArg('2025-04-01', '2025-06-30', '03-31')).toBe('2025Q2');
});
