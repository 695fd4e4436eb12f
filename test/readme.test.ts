/**
 * The README and the docs/ pages keep their promises: the function table
 * answers as shown, every metric is documented, the commands they name exist,
 * the README stays a front door whose every link resolves, and nothing the
 * old one-page README said about the project's pages is lost.
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const readme = read('README.md');
/** The pages the README links to, one topic each. */
const PAGES = ['docs/FUNCTIONS.md', 'docs/CLI.md', 'docs/ENGINE.md', 'docs/DATASET.md', 'docs/ADDIN.md', 'docs/BENCH.md', 'docs/DEVELOPMENT.md'];

test('every function example in docs/FUNCTIONS.md answers as shown (regenerate: npm run readme)', () => {
  const { rows } = require('../scripts/readme-functions.js');
  const page = read('docs/FUNCTIONS.md');
  const start = page.indexOf('<!-- functions-table');
  expect(start).toBeGreaterThan(-1);
  const table = page
    .slice(start)
    .split('\n')
    .slice(3)
    .filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('|')))
    .join('\n');
  expect(table).toBe(rows());
});

test('the README gives the two commands CI and a newcomer run', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
  expect(read('.ci/run')).toMatch(/^npm ci && npm test$/m);
});

test('the README is a front door: short, and each topic one click away', () => {
  expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  for (const page of PAGES) expect(readme).toContain(`](${page})`);
});

test('every relative link in the README and the pages points at a file that exists, and every #anchor at a heading', () => {
  const slug = (h: string) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-');
  const anchors = (file: string) => new Set([...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
  for (const file of ['README.md', ...PAGES]) {
    for (const m of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/.test(target)) continue;
      const [rel, anchor] = target.split('#');
      const resolved = rel ? path.normalize(path.join(path.dirname(file), rel)) : file;
      expect({ file, target, exists: fs.existsSync(path.join(ROOT, resolved)) }).toEqual({ file, target, exists: true });
      if (anchor && resolved.endsWith('.md')) expect({ file, target, anchor: anchors(resolved).has(anchor) }).toEqual({ file, target, anchor: true });
    }
  }
});

test('every metric id is documented with its unit in docs/DATASET.md', () => {
  const page = read('docs/DATASET.md');
  const { SEED_FILES } = require('../src/data/seedFiles');
  for (const f of SEED_FILES.filter((x: { kind: string }) => x.kind === 'metrics')) {
    for (const m of f.data as { id: string; unit: string }[]) expect(page).toContain(`| \`${m.id}\` | ${m.unit} |`);
  }
});

test('every npm script the README and the pages name exists', () => {
  const scripts = require('../package.json').scripts;
  for (const file of ['README.md', ...PAGES]) {
    for (const m of read(file).matchAll(/npm run ([a-z:]+)/g)) expect({ file, script: m[1], exists: m[1] in scripts }).toEqual({ file, script: m[1], exists: true });
  }
});
