/**
 * manifest.xml validates offline against Microsoft's schemas (the XSDs in
 * ../shared/schemas, checked by libxml2 compiled to WebAssembly — xmllint-wasm
 * through scripts/validate-manifest.js — so no system xmllint and no
 * network), and says what the add-in needs: the JavaScript-only
 * custom-functions runtime, namespace LLM, the ribbon button that opens the
 * pane, zh-CN overrides (names, strings, the Chinese functions metadata), the
 * project's own icons, and URLs the build rewrites.
 */
import fs from 'fs';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../scripts/addin-build') as { baseUrl: (env: Record<string, string | undefined>) => string; rewriteUrls: (t: string, b: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest } = require('../scripts/validate-manifest') as {
  validateManifest: (xml: string, name?: string) => Promise<{ valid: boolean; errors: string[] }>;
};

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const xml = fs.readFileSync(MANIFEST, 'utf8');
/** The manifest without its comments, for the content checks. */
const body = xml.replace(/<!--[\s\S]*?-->/g, '');

test('manifest.xml validates against the offline XSDs', async () => {
  expect(await validateManifest(xml, 'manifest.xml')).toEqual({ valid: true, errors: [] });
});

test('dist/manifest.xml (as built) and a manifest rewritten for a production URL validate too', async () => {
  const dist = path.join(ROOT, 'dist', 'manifest.xml');
  if (!fs.existsSync(dist)) throw new Error('dist/manifest.xml is missing: run `npm run build` first (npm test does).');
  expect(await validateManifest(fs.readFileSync(dist, 'utf8'), 'dist/manifest.xml')).toEqual({ valid: true, errors: [] });
  const prod = build.rewriteUrls(xml, build.baseUrl({ ADDIN_BASE_URL: 'https://addins.example.com/llm-market/' }));
  expect(prod).not.toContain('localhost');
  expect(prod).toContain('<AppDomain>https://addins.example.com</AppDomain>');
  expect(prod).toContain('Value="https://addins.example.com/llm-market/functions.zh-CN.json"');
  expect(await validateManifest(prod, 'prod-manifest.xml')).toEqual({ valid: true, errors: [] });
});

test.each([
  ['a value outside an enumeration', (x: string) => x.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'), /Permissions.*Everything/],
  ['an element the 2019 schema does not know (<Runtimes>)', (x: string) => x.replace('<Hosts>', '<Runtimes /><Hosts>'), /Runtimes.*not expected/],
  ['a misspelt element inside VersionOverrides', (x: string) => x.replace('<Namespace resid=', '<Namespacez resid='), /Namespacez.*not expected/],
  ['a Set without its Name', (x: string) => x.replace('<Set Name="CustomFunctionsRuntime"', '<Set'), /Name.*required/],
  ['XML that is not well-formed', (x: string) => x.slice(0, 400), /error/],
])('a broken manifest is rejected (the validator really validates): %s', async (_what, breakIt, message) => {
  const broken = breakIt(xml);
  expect(broken).not.toBe(xml);
  const exitCode = process.exitCode;
  const r = await validateManifest(broken, 'broken.xml');
  expect(r.valid).toBe(false);
  // libxml2 runs on this thread; its exit status must not become this process's.
  expect(process.exitCode).toBe(exitCode);
  expect(r.errors.join('\n')).toMatch(message);
});

test('ADDIN_BASE_URL must be an https URL', () => {
  expect(build.baseUrl({})).toBe('https://localhost:3000');
  expect(build.baseUrl({ ADDIN_BASE_URL: 'https://x.example.com/a/' })).toBe('https://x.example.com/a');
  expect(() => build.baseUrl({ ADDIN_BASE_URL: 'http://x.example.com' })).toThrow(/https/);
  expect(() => build.baseUrl({ ADDIN_BASE_URL: 'not a url' })).toThrow(/not a URL/);
});

test('custom functions in the JavaScript-only runtime, namespace LLM, a CustomFunctionsRuntime requirement', () => {
  expect(body).not.toMatch(/<Runtimes\b/);
  // Which version: test/metadata.test.ts ties it to the API and metadata the functions use.
  expect(body).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.\d"\s*\/>/);
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
