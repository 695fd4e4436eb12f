/**
 * The package other projects install: `npm pack` here, then in an empty project
 * `npm install ./llm-market-<version>.tgz` (dependencies from npm's cache,
 * --prefer-offline: no network beyond the registry). There, as printed:
 * `npx llm-market eval …` and `calc … --check`, every example of
 * `llm-market help`, the README's package examples, and the `run:` steps of
 * the README's GitHub Actions job; `evaluate` and `createEngine` imported from
 * CommonJS and ESM, and type-checked by tsc. The tarball carries only what runs.
 *
 * It packs with --ignore-scripts: `npm test` has just built lib/ (a real
 * `npm pack` runs the prepare step, which builds the same files).
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  private?: boolean;
};
const TARBALL = `${PKG.name}-${PKG.version}.tgz`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-market-package-'));
const project = path.join(work, 'project');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Each test runs up to five npx commands (about a second each, alone on a quiet 2-core machine;
// 32 s measured for the help examples with the machine's load at 16): two minutes a test.
jest.setTimeout(120_000);

/** npm and npx from npm's cache first: nothing but the registry, and only for what the cache lacks. */
const ENV = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/**
 * Runs a shell command in the project. `npx llm-market` resolves to the installed package's bin,
 * node_modules/.bin/llm-market: the tests named for npx run npx itself; the others (the help's
 * and the README's examples) run that same bin directly, which spares npm's start-up, most of
 * a second per command on this 2-core machine.
 */
function sh(command: string, { cwd = project, npx = false } = {}): SpawnSyncReturns<string> {
  const cmd = npx ? command : command.replace(/(^|[\s;&|(])npx llm-market\b/g, '$1./node_modules/.bin/llm-market');
  return spawnSync('bash', ['-c', `(${cmd}) 2>&1`], { cwd, encoding: 'utf8', env: ENV });
}

function consoleExamples(doc: string, marker: string): { command: string; output: string[] }[] {
  const start = doc.indexOf(`<!-- ${marker}`);
  if (start < 0) throw new Error(`no <!-- ${marker} --> marker`);
  const ends = ['\n## ', '\n### ', '\n<!-- '].map((h) => doc.indexOf(h, start + 1)).filter((i) => i >= 0);
  const section = doc.slice(start, Math.min(...ends));
  const out: { command: string; output: string[] }[] = [];
  for (const block of section.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1].replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) out.push({ command: line.slice(2), output: [] });
      else out[out.length - 1].output.push(line);
    }
  }
  return out;
}

/** The shell of each `run:` step of the README's workflow (one line, or a `|` block). */
function workflowRuns(doc: string): string[] {
  const start = doc.indexOf('<!-- ci-job');
  const yaml = /```yaml\n([\s\S]*?)^```$/m.exec(doc.slice(start))![1];
  const lines = yaml.split('\n');
  const runs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)- run: (.*)$/.exec(lines[i]);
    if (!m) continue;
    if (m[2] !== '|') {
      runs.push(m[2]);
      continue;
    }
    const body: string[] = [];
    const indent = m[1].length + 4;
    while (i + 1 < lines.length && (lines[i + 1].trim() === '' || lines[i + 1].length - lines[i + 1].trimStart().length >= indent)) body.push(lines[++i].slice(indent));
    runs.push(body.join('\n'));
  }
  return runs;
}

let files: { path: string; size: number }[] = [];
let packed: { size: number; unpackedSize: number } = { size: 0, unpackedSize: 0 };

beforeAll(() => {
  for (const f of ['lib/bundle/llm-market.js', 'lib/src/index.js', 'lib/src/index.d.ts']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm ci\` (its prepare step builds lib/) or \`npm test\` first`);
  }
  const r = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', env: ENV });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }[];
  files = info.files;
  packed = info;
  fs.mkdirSync(path.join(project, 'vendor'), { recursive: true });
  fs.mkdirSync(path.join(project, 'models'), { recursive: true });
  fs.copyFileSync(path.join(work, info.filename), path.join(project, TARBALL));
  fs.copyFileSync(path.join(work, info.filename), path.join(project, 'vendor', TARBALL));
  // The workbook the help's example names, and one for the CI job's folder.
  fs.copyFileSync(path.join(ROOT, 'examples', 'llm-market-example.xlsx'), path.join(project, 'book.xlsx'));
  fs.copyFileSync(path.join(ROOT, 'examples', 'llm-market-example.xlsx'), path.join(project, 'models', 'example.xlsx'));
  fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'a-project', version: '1.0.0', private: true }, null, 2)}\n`);
  // The README's first step: the install.
  const install = sh(`npm install ./${TARBALL}`);
  if (install.status !== 0) throw new Error(`npm install ./${TARBALL} failed:\n${install.stdout}`);
}, 240_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the tarball', () => {
  test('is a public package with an exports map, types and the bin', () => {
    expect(PKG.private).toBeUndefined();
    const pkg = require('../package.json');
    expect(pkg.exports['.']).toMatchObject({ types: './lib/src/index.d.ts', require: './lib/src/index.js', import: './lib/src/index.js' });
    expect(pkg.bin).toEqual({ 'llm-market': 'bin/llm-market.js' });
  });

  test('carries only what runs: the command, the library with its types, the dataset', () => {
    const paths = files.map((f) => f.path).sort();
    const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^bin\/(llm-market|compile-cache)\.js$/, /^lib\/bundle\/[\w.-]+\.(js|txt)$/, /^lib\/src\/.+\.(js|d\.ts)$/, /^lib\/seeds\/.+\.json$/];
    expect(paths.filter((p) => !allowed.some((a) => a.test(p)))).toEqual([]);
    for (const p of ['bin/llm-market.js', 'lib/bundle/llm-market.js', 'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli/main.js', 'lib/seeds/documents.json', 'LICENSE']) expect(paths).toContain(p);
    // No test workbooks, add-in sources, built add-in, sources or V8 cache.
    expect(paths.filter((p) => /\.xlsx$|^test\/|^taskpane\/|^functions\/|^dist\/|^src\/|\.v8-cache|\.map$/.test(p))).toEqual([]);
    expect(packed.size).toBeLessThan(2_000_000);
    process.stderr.write(`${TARBALL}: ${paths.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked\n`);
  });

  test('installs only the run-time dependencies; the dev ones stay behind', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
    expect(lock.packages['node_modules/llm-market'].dependencies).toEqual(PKG.dependencies);
    for (const dep of Object.keys(PKG.dependencies)) expect({ dep, installed: fs.existsSync(path.join(project, 'node_modules', dep)) }).toEqual({ dep, installed: true });
    // The build and test tools (a dev dependency may still arrive as some run-time package's own dependency, as @types/node does).
    for (const dev of ['typescript', 'jest', 'ts-jest', 'webpack', 'playwright-core', '@sparticuz/chromium', '@microsoft/office-js', 'fast-check', 'office-addin-dev-certs']) {
      expect(PKG.devDependencies[dev]).toBeDefined();
      expect({ dev, installed: fs.existsSync(path.join(project, 'node_modules', dev)) }).toEqual({ dev, installed: false });
    }
  });
});

describe('in a project that installed it', () => {
  test('npx llm-market --version names the version and the dataset', () => {
    const r = sh('npx llm-market --version', { npx: true });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${PKG.version.replace(/\./g, '\\.')} \\(dataset \\d{4}-\\d{2}-\\d{2}, [0-9a-f]{8}\\)\\n$`));
  });

  test('npx llm-market eval and calc --check', () => {
    expect(sh(`npx llm-market eval '=LLM.TOKENS("xAI","2025-09-30")'`, { npx: true })).toMatchObject({ status: 0, stdout: '=LLM.TOKENS("xAI","2025-09-30") → 262000000000\n' });
    const calc = sh('npx llm-market calc book.xlsx --check', { npx: true });
    expect(calc.status).toBe(0);
    expect(calc.stdout).toMatch(/check: all \d+ formulas match the saved values\n$/);
  });

  test('every example `llm-market help` shows works as printed', () => {
    const help = sh('npx llm-market help');
    expect(help.status).toBe(0);
    const examples = help.stdout.slice(help.stdout.indexOf('examples')).split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const command of examples) {
      expect(command).toMatch(/^npx llm-market /);
      const r = sh(command);
      expect({ command, status: r.status }).toEqual({ command, status: 0 });
    }
  });

  test("the README's package examples, as shown", () => {
    const examples = consoleExamples(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), 'package-examples');
    expect(examples.map((e) => e.command)[0]).toBe(`npm install ./${TARBALL}`);
    expect(examples.some((e) => e.command.startsWith('npx llm-market eval'))).toBe(true);
    // The install ran first (beforeAll); the rest run here.
    for (const { command, output } of examples.slice(1)) {
      const r = sh(command);
      expect({ command, status: r.status }).toEqual({ command, status: 0 });
      if (output.length) expect({ command, out: r.stdout }).toEqual({ command, out: `${output.join('\n')}\n` });
    }
  });

  test("the README's GitHub Actions job: its steps run, and write one JUnit report per workbook", () => {
    const runs = workflowRuns(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[0]).toBe(`npm install --no-save ./vendor/${TARBALL}`);
    for (const run of runs) {
      const r = sh(run);
      expect({ run, status: r.status, out: r.status ? r.stdout : '' }).toEqual({ run, status: 0, out: '' });
    }
    const report = fs.readFileSync(path.join(project, 'reports', 'example.xml'), 'utf8');
    expect(report).toMatch(/^<\?xml/);
    expect(report).toContain('<testsuite');
    expect(report).not.toContain('<failure');
  });

  test('require("llm-market") and import … from "llm-market": evaluate and createEngine', () => {
    fs.writeFileSync(
      path.join(project, 'cjs.js'),
      `const { evaluate, createEngine } = require('llm-market');
const hf = createEngine({ Model: [['xAI', '2025-09-30', '=LLM.TOKENS(A1,B1,"B")']] });
console.log(evaluate('=LLM.TOKENS("xAI","2025-09-30")').value, hf.getCellValue({ sheet: 0, row: 0, col: 2 }));
`,
    );
    fs.writeFileSync(
      path.join(project, 'esm.mjs'),
      `import { evaluate, createEngine } from 'llm-market';
const hf = createEngine({ Model: [['xAI', '2025-09-30', '=LLM.TOKENS(A1,B1,"B")']] });
console.log(evaluate('=LLM.TOKENS("xAI","2025-09-30")').value, hf.getCellValue({ sheet: 0, row: 0, col: 2 }));
`,
    );
    expect(sh('node cjs.js')).toMatchObject({ status: 0, stdout: '262000000000 262\n' });
    expect(sh('node esm.mjs')).toMatchObject({ status: 0, stdout: '262000000000 262\n' });
  });

  test('with types: tsc type-checks a CommonJS and an ESM file that use the library', () => {
    const use = `const r = evaluate('=LLM.TOKENS("xAI","2025-09-30")');
const n: number | undefined = 'value' in r && typeof r.value === 'number' ? r.value : undefined;
const message: string | undefined = 'error' in r ? r.message : undefined;
const hf = createEngine({ Model: [['xAI']] });
const v = hf.getCellValue({ sheet: 0, row: 0, col: 0 });
// @ts-expect-error evaluate takes a formula string
evaluate(42);
export { n, message, v };
`;
    fs.writeFileSync(path.join(project, 'use-cjs.ts'), `import { evaluate, createEngine } from 'llm-market';\n${use}`);
    fs.writeFileSync(path.join(project, 'use-esm.mts'), `import { evaluate, createEngine } from 'llm-market';\n${use}`);
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2020', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use-cjs.ts', 'use-esm.mts'] }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    const r = sh(`"${process.execPath}" "${tsc}" -p tsconfig.json`);
    expect({ status: r.status, out: r.stdout }).toEqual({ status: 0, out: '' });
  });
});
