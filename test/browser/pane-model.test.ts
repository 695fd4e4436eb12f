/** The task pane's pure logic (taskpane/model.ts), without a browser: search, formulas, formatting. */
import { bundledMarket } from '../../src/core/bundled';
import { callFunction } from '../../src/core/functions';
import { PaneModel, formatValue, formula, periodArg } from '../../taskpane/model';

const model = new PaneModel(bundledMarket());

test('search finds entities by Chinese, English and alias fragments, entities first', () => {
  expect(model.search('火山', 'en')[0]).toMatchObject({ kind: 'entity', id: 'volcano-engine', label: 'Volcano Engine', detail: '火山引擎' });
  expect(model.search('volcano', 'zh')[0]).toMatchObject({ kind: 'entity', id: 'volcano-engine', label: '火山引擎' });
  expect(model.search('XAI', 'en')[0]).toMatchObject({ kind: 'entity', id: 'xai' });
  expect(model.search('idc', 'en').map((h) => `${h.kind}:${h.id}`)).toContain('source:idc');
  expect(model.search('澎湃', 'en').map((h) => `${h.kind}:${h.id}`)).toContain('document:003_2eccd512af54e578');
  expect(model.search('  ', 'en')).toEqual([]);
  expect(model.search('no such thing at all', 'en')).toEqual([]);
});

test('every fact gets a formula that answers with that very fact', () => {
  const facts = [...bundledMarket().facts.values()];
  for (const f of facts) {
    const { formula: text, result, exact } = model.formulaFor(f);
    if (exact) {
      expect({ id: f.id, text, result }).toEqual({ id: f.id, text, result: f.value });
    } else {
      // Only another fact of the same entity, metric and source ending the same day (a twin, or a shorter period the
      // as-of rule prefers, where no date form names this one) can keep a fact from being singled out; the pane says so.
      const twin = facts.find((g) => g.id !== f.id && g.entity === f.entity && g.metric === f.metric && g.source === f.source && g.period.end === f.period.end);
      expect({ id: f.id, text, twin: !!twin }).toEqual({ id: f.id, text, twin: true });
    }
  }
});

test('periods become the shortest date argument that names them exactly', () => {
  expect(periodArg('2025-09-30', '2025-09-30')).toBe('2025-09-30');
  expect(periodArg('2025-09-01', '2025-09-30')).toBe('2025-09');
  expect(periodArg('2024-10-01', '2024-12-31')).toBe('2024Q4');
  expect(periodArg('2025-01-01', '2025-06-30')).toBe('2025H1');
  expect(periodArg('2024-01-01', '2024-12-31')).toBe('2024');
  expect(periodArg('2025-09-17', '2025-09-30')).toBe('2025-09-30');
  expect(periodArg('2024-04-01', '2025-03-31')).toBe('2025-03-31');
  expect(callFunction(bundledMarket(), 'SHARE', ['Volcano', 'IDC', periodArg('2025-01-01', '2025-06-30')])).toBe(0.492);
});

test('formulas quote text (doubling quotes), leave omitted arguments empty and drop trailing ones', () => {
  expect(formula('TOKENS', ['xAI', '2025-09-30', null, null])).toBe('=LLM.TOKENS("xAI","2025-09-30")');
  expect(formula('VALUE', ['Volcano', 'share', null, '%', 'IDC'])).toBe('=LLM.VALUE("Volcano","share",,"%","IDC")');
  expect(formula('SOURCE', ['say "hi"', 'tokens'])).toBe('=LLM.SOURCE("say ""hi""","tokens")');
  expect(formula('RANK', ['tokens', null, null, 3])).toBe('=LLM.RANK("tokens",,,3)');
  expect(() => formula('NOPE', [])).toThrow();
});

test('values are shown with their unit, in the pane\'s language', () => {
  expect(formatValue(0.492, 'fraction', 'en')).toBe('49.2%');
  expect(formatValue(2.62e11, 'tokens/day', 'en')).toBe('262,000,000,000 (262B) tokens/day');
  expect(formatValue(2.62e11, 'tokens/day', 'zh')).toBe('262,000,000,000 (2620亿) tokens/day');
  expect(formatValue(9, 'count', 'en')).toBe('9 count');
});
