/** The README's promises: its function table answers as shown, and its commands exist. */
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('every function example in the README answers as shown (regenerate: npm run readme)', () => {
  const { rows } = require('../scripts/readme-functions.js');
  const start = readme.indexOf('<!-- functions-table');
  expect(start).toBeGreaterThan(-1);
  const table = readme
    .slice(start)
    .split('\n')
    .slice(3)
    .filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('|')))
    .join('\n');
  expect(table).toBe(rows());
});

test('the quick start is the two commands CI runs', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
  expect(fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm ci && npm test$/m);
});

test('every metric id is documented with its unit', () => {
  const { SEED_FILES } = require('../src/data/seedFiles');
  for (const f of SEED_FILES.filter((x: { kind: string }) => x.kind === 'metrics')) {
    for (const m of f.data as { id: string; unit: string }[]) expect(readme).toContain(`| \`${m.id}\` | ${m.unit} |`);
  }
});

test('every npm script the README names exists', () => {
  const scripts = require('../package.json').scripts;
  for (const m of readme.matchAll(/npm run ([a-z:]+)/g)) expect(Object.keys(scripts)).toContain(m[1]);
});
