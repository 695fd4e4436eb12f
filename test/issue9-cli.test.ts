/**
 * Issue 9's examples through the real binary (`node bin/llm-market.js eval
 * --json`, built by `npx tsc -p tsconfig.build.json`): the same answers as the
 * core and the Excel adapter, and each result names the facts that served.
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { ISSUE9_EXAMPLES } from './helpers/issue9Examples';

const ROOT = path.join(__dirname, '..');

const EXAMPLES = [...ISSUE9_EXAMPLES, '=LLM.DETAIL("Doubao","tokens","2025-09","qualifier")'];

test("eval --json answers the issue's examples and names the facts behind each", () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/llm-market.js'), 'eval', '--json', ...EXAMPLES], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as { formula: string; value?: unknown; error?: string; message?: string; facts?: string[]; datasets?: string[] }[];
  expect(out.map((x) => x.formula)).toEqual(EXAMPLES);
  expect(out[0]).toMatchObject({ error: '#N/A', message: expect.stringContaining("Alibaba Group's capex is recorded for 2024Q4 (Oct–Dec 2024) and 2025Q2 (Apr–Jun 2025)") });
  expect(out[0].facts).toBeUndefined();
  expect(out[1]).toMatchObject({ formula: EXAMPLES[1], value: 38600000000, facts: ['004-alibaba-capex'] });
  expect(out[2]).toMatchObject({ formula: EXAMPLES[2], value: 38600000000, facts: ['004-alibaba-capex'] });
  expect(out[3]).toMatchObject({ error: '#N/A' });
  expect(out[4]).toMatchObject({ formula: EXAMPLES[4], value: 262000000000, facts: ['001-xai-tokens'] });
  expect(out[5].value).toBeCloseTo(0.6667, 4);
  expect(out[5].facts).toEqual(['001-openai-valuation-apr-2025', '001-openai-valuation-now']);
  expect(out[6]).toMatchObject({ error: '#N/A', message: expect.stringContaining('measure different things') });
  // One window per ranking (issue 17): Anthropic's September valuation is another period than OpenAI's of 3 October.
  expect(out[7].value).toEqual([['OpenAI', 500e9]]);
  expect(out[7].facts).toHaveLength(1);
  // Each fact's dataset (issue 19): the bundled edition.
  expect(out[1].datasets).toEqual([expect.stringMatching(/^bundled dataset \d{4}-\d{2}-\d{2}, [0-9a-f]{8}$/)]);
  expect(out[8]).toMatchObject({ formula: EXAMPLES[8], value: '>', facts: ['003-doubao-tokens-2025-09'] });
});
