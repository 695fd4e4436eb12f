/**
 * manifest.xml validates offline against Microsoft's schemas (the shared
 * validate-manifest.sh, xmllint, no network), and says what the add-in needs:
 * the JavaScript-only custom-functions runtime, namespace LLM, the ribbon
 * button that opens the pane, zh-CN overrides (names, strings, the Chinese
 * functions metadata), the project's own icons, and URLs the build rewrites.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../scripts/addin-build') as { baseUrl: (env: Record<string, string | undefined>) => string; rewriteUrls: (t: string, b: string) => string };

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const VALIDATOR = path.resolve(ROOT, '..', 'shared', 'schemas', 'validate-manifest.sh');
const xml = fs.readFileSync(MANIFEST, 'utf8');
/** The manifest without its comments, for the content checks. */
const body = xml.replace(/<!--[\s\S]*?-->/g, '');

function validate(file: string): { status: number | null; output: string } {
  if (!fs.existsSync(VALIDATOR)) {
    throw new Error(`the offline validator is missing: expected ${VALIDATOR} (shared/ beside the repository)`);
  }
  const which = spawnSync('sh', ['-c', 'command -v xmllint']);
  if (which.status !== 0) {
    // Never skipped: a manifest that was not validated must not pass, on CI or off it.
    throw new Error('xmllint is not installed, so the manifest cannot be validated: apt-get install -y libxml2-utils (bash .ci/run installs it)');
  }
  const r = spawnSync('bash', [VALIDATOR, file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('manifest.xml validates against the offline XSDs', () => {
  const r = validate(MANIFEST);
  expect(r.output).toContain('validates');
  expect(r.status).toBe(0);
});

test('dist/manifest.xml (as built) and a manifest rewritten for a production URL validate too', () => {
  const dist = path.join(ROOT, 'dist', 'manifest.xml');
  if (!fs.existsSync(dist)) throw new Error('dist/manifest.xml is missing: run `npm run build` first (npm test does).');
  expect(validate(dist).status).toBe(0);
  const prod = build.rewriteUrls(xml, build.baseUrl({ ADDIN_BASE_URL: 'https://addins.example.com/llm-market/' }));
  expect(prod).not.toContain('localhost');
  expect(prod).toContain('<AppDomain>https://addins.example.com</AppDomain>');
  expect(prod).toContain('Value="https://addins.example.com/llm-market/functions.zh-CN.json"');
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'llm-manifest-')), 'manifest.xml');
  fs.writeFileSync(tmp, prod);
  expect(validate(tmp).status).toBe(0);
});

test('a broken manifest is rejected (the validator really validates)', () => {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'llm-manifest-')), 'manifest.xml');
  fs.writeFileSync(tmp, xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
  expect(validate(tmp).status).not.toBe(0);
});

test('ADDIN_BASE_URL must be an https URL', () => {
  expect(build.baseUrl({})).toBe('https://localhost:3000');
  expect(build.baseUrl({ ADDIN_BASE_URL: 'https://x.example.com/a/' })).toBe('https://x.example.com/a');
  expect(() => build.baseUrl({ ADDIN_BASE_URL: 'http://x.example.com' })).toThrow(/https/);
  expect(() => build.baseUrl({ ADDIN_BASE_URL: 'not a url' })).toThrow(/not a URL/);
});

test('custom functions in the JavaScript-only runtime, namespace LLM, CustomFunctionsRuntime 1.1', () => {
  expect(body).not.toMatch(/<Runtimes\b/);
  expect(body).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.1"\s*\/>/);
  expect(body).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">/);
  expect(body).toMatch(/<bt:String id="Functions\.Namespace" DefaultValue="LLM"\s*\/>/);
  for (const [id, file] of [
    ['Functions.Script.Url', 'functions.js'],
    ['Functions.Page.Url', 'functions.html'],
    ['Functions.Metadata.Url', 'functions.json'],
    ['Taskpane.Url', 'taskpane.html'],
  ]) {
    expect(body).toContain(`<bt:Url id="${id}" DefaultValue="https://localhost:3000/${file}"`);
  }
});

test('a ribbon button opens the task pane', () => {
  expect(body).toMatch(/<ExtensionPoint xsi:type="PrimaryCommandSurface">[\s\S]*<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="Taskpane.Url" \/>/);
});

test('zh-CN overrides: display name, description, ribbon strings and the Chinese functions metadata', () => {
  expect(body).toMatch(/<DisplayName DefaultValue="[^"]+">\s*<Override Locale="zh-CN" Value="[^"]*\p{Script=Han}[^"]*" \/>/u);
  expect(body).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="zh-CN" Value="[^"]*\p{Script=Han}[^"]*" \/>/u);
  expect(body).toMatch(/<bt:Url id="Functions\.Metadata\.Url" DefaultValue="https:\/\/localhost:3000\/functions\.json">\s*<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions\.zh-CN\.json" \/>/);
  for (const id of ['LlmMarket.Group.Label', 'TaskpaneButton.Label', 'TaskpaneButton.Tooltip', 'GetStarted.Title', 'GetStarted.Description']) {
    expect(body).toMatch(new RegExp(`<bt:String id="${id.replace('.', '\\.')}" DefaultValue="[^"]+">\\s*<bt:Override Locale="zh-CN" Value="[^"]+" />`));
  }
});

test('every resid is defined, and every URL is https://localhost:3000 and names a file the build writes', () => {
  const defined = new Set([...body.matchAll(/<bt:(?:Url|Image|String) id="([^"]+)"/g)].map((m) => m[1]));
  const used = [...body.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(used.filter((id) => !defined.has(id))).toEqual([]);
  const urls = [...body.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)</g)].map((m) => m[1] ?? m[2]);
  expect(urls.length).toBeGreaterThan(10);
  for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000(\/|$)/);
  const dist = path.join(ROOT, 'dist');
  for (const u of urls) {
    const rel = new URL(u).pathname.replace(/^\//, '');
    if (rel) expect({ url: u, built: fs.existsSync(path.join(dist, rel)) }).toEqual({ url: u, built: true });
  }
});

test('the icons are the project\'s own PNGs at 16, 32, 64 and 80 px', () => {
  for (const size of [16, 32, 64, 80]) {
    const png = fs.readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
  expect(body).toContain('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png" />');
  expect(body).toContain('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png" />');
  for (const size of [16, 32, 80]) expect(body).toContain(`<bt:Image id="Icon.${size}x${size}" DefaultValue="https://localhost:3000/assets/icon-${size}.png" />`);
});
