/**
 * Which Chromium the browser tests drive, so that `npm ci && npm test` needs
 * nothing from apt: CHROMIUM_PATH if set; else a system Chromium or Chrome;
 * else the Chromium build shipped inside the @sparticuz/chromium npm package
 * (brotli-compressed, unpacked once per version into the temp directory).
 * Fonts: a fontconfig file that adds a CJK font shipped on npm
 * (@fontsource-variable/noto-sans-sc, WOFF2 decoded to TrueType because
 * Chromium's FreeType reads neither WOFF nor WOFF2 from disk), so Chinese
 * text renders as glyphs rather than boxes on a machine without CJK fonts.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export type BrowserKind = 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';

export interface BrowserChoice {
  kind: BrowserKind;
  executablePath: string;
  /** What the binary says of itself (`--version`), or the package version. */
  version: string;
  /** The candidates looked at before this one, and why each was passed over. */
  skipped: string[];
  /** FONTCONFIG_FILE for the browser's environment. */
  fontconfig: string;
}

/** Where Debian, Ubuntu, Fedora and Google install their browsers; PATH is searched too. */
const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * The binary's `--version`, or why it cannot run. An empty file or a broken
 * wrapper (a bind-mounted placeholder, a half-removed package) must count as
 * absent, so existence alone is not enough.
 */
function probe(file: string): { ok: true; version: string } | { ok: false; why: string } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return { ok: false, why: 'not found' };
  }
  if (!st.isFile() || st.size === 0) return { ok: false, why: 'not a usable file' };
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return { ok: false, why: 'not executable' };
  }
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 15000 });
  const out = `${r.stdout ?? ''}`.trim();
  if (r.error || r.status !== 0 || !/\d+\.\d+/.test(out)) {
    return { ok: false, why: `--version failed (${r.error?.message ?? `exit ${r.status}`}${r.stderr ? `: ${String(r.stderr).trim().split('\n')[0]}` : ''})` };
  }
  return { ok: true, version: out.split('\n')[0] };
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const f = path.join(dir, name);
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

/**
 * Runs `make(staging)` in a fresh directory and renames it to `dir`, so a
 * concurrent run or an interrupted one never leaves a half-written `dir`
 * (rename is atomic; the loser of a race just discards its copy).
 */
async function once(dir: string, make: (staging: string) => Promise<void>): Promise<string> {
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const staging = fs.mkdtempSync(`${dir}.partial-`);
  try {
    await make(staging);
    fs.writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      if (!fs.existsSync(path.join(dir, '.complete'))) throw e;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** A package's folder, found from its entry point (some packages do not export package.json). */
function pkgDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const f = path.join(dir, 'package.json');
    if (fs.existsSync(f) && (JSON.parse(fs.readFileSync(f, 'utf8')) as { name?: string }).name === name) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
}

function pkgVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The per-user cache for unpacked browsers and fonts (the temp dir, as @sparticuz/chromium itself uses). */
function cacheRoot(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `llm-market-browser-${uid}`);
}

/** @sparticuz/chromium's binary, unpacked once per package version. */
async function npmChromium(): Promise<string> {
  const version = pkgVersion('@sparticuz/chromium');
  const dir = await once(path.join(cacheRoot(), `sparticuz-chromium-${version}`), async (staging) => {
    // The package unpacks into os.tmpdir(). A child process with TMPDIR set is
    // the only way to aim it: Node's os module reads the real environment,
    // which jest's sandboxed process.env does not reach.
    const script = "require('@sparticuz/chromium').executablePath().then((p) => process.stdout.write(p))";
    const r = spawnSync(process.execPath, ['-e', script], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, TMPDIR: staging },
      encoding: 'utf8',
      timeout: 180000,
    });
    const exe = `${r.stdout ?? ''}`.trim();
    if (r.status !== 0 || path.dirname(exe) !== staging) {
      throw new Error(`@sparticuz/chromium could not unpack into ${staging}: ${r.error?.message ?? `exit ${r.status}`} ${String(r.stderr ?? '').trim()} ${exe}`);
    }
  });
  return path.join(dir, 'chromium');
}

/**
 * A fontconfig file: the system's configuration (if any), the npm CJK font
 * as TrueType, and @sparticuz/chromium's bundled Latin font as a last resort.
 */
async function fontconfig(): Promise<string> {
  const pkg = '@fontsource-variable/noto-sans-sc';
  const version = pkgVersion(pkg);
  const src = path.join(pkgDir(pkg), 'files');
  const fonts = await once(path.join(cacheRoot(), `noto-sans-sc-${version}-ttf`), async (staging) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const decompress = require('wawoff2/decompress') as (b: Uint8Array) => Promise<Uint8Array>;
    const slices = fs.readdirSync(src).filter((f) => f.endsWith('.woff2'));
    if (slices.length === 0) throw new Error(`no .woff2 files in ${src}`);
    for (const f of slices) {
      fs.writeFileSync(path.join(staging, f.replace(/\.woff2$/, '.ttf')), await decompress(fs.readFileSync(path.join(src, f))));
    }
  });
  const dirs = [fonts];
  const sparticuzFonts = path.join(cacheRoot(), `sparticuz-chromium-${safeVersion('@sparticuz/chromium')}`, 'fonts');
  if (fs.existsSync(sparticuzFonts)) dirs.push(sparticuzFonts);
  const conf = path.join(cacheRoot(), `fonts-${version}.conf`);
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    '  <dir>/usr/share/fonts</dir>',
    ...dirs.map((d) => `  <dir>${d}</dir>`),
    `  <cachedir>${path.join(cacheRoot(), 'fontconfig-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  const tmp = `${conf}.${process.pid}`;
  fs.writeFileSync(tmp, xml);
  fs.renameSync(tmp, conf);
  return conf;
}

function safeVersion(name: string): string {
  try {
    return pkgVersion(name);
  } catch {
    return 'absent';
  }
}

/** Picks the browser (see the file's comment) and prepares its fonts. */
export async function chooseBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  const skipped: string[] = [];
  let choice: Omit<BrowserChoice, 'fontconfig' | 'skipped'> | undefined;

  if (env.CHROMIUM_PATH) {
    const p = probe(env.CHROMIUM_PATH);
    // An explicit choice that does not work is an error, not a reason to pick another browser.
    if (!p.ok) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH}: ${p.why}. Unset it to use a system or the npm-shipped Chromium.`);
    choice = { kind: 'CHROMIUM_PATH', executablePath: env.CHROMIUM_PATH, version: p.version };
  }
  if (!choice) {
    const seen = new Set<string>();
    for (const f of [...SYSTEM_CANDIDATES, ...SYSTEM_NAMES.map(onPath).filter((f): f is string => !!f)]) {
      if (seen.has(f)) continue;
      seen.add(f);
      const p = probe(f);
      if (p.ok) {
        choice = { kind: 'system', executablePath: f, version: p.version };
        break;
      }
      if (p.why !== 'not found') skipped.push(`${f}: ${p.why}`);
    }
    if (!choice) skipped.push('no system Chromium or Chrome');
  }
  if (!choice) {
    const exe = await npmChromium();
    const p = probe(exe);
    if (!p.ok) throw new Error(`@sparticuz/chromium ${safeVersion('@sparticuz/chromium')} unpacked to ${exe} but does not run: ${p.why}`);
    choice = { kind: '@sparticuz/chromium', executablePath: exe, version: `${p.version} (@sparticuz/chromium ${pkgVersion('@sparticuz/chromium')})` };
  }
  return { ...choice, skipped, fontconfig: await fontconfig() };
}
