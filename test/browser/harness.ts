/**
 * Browser-test harness: serves dist/ from a local http server, launches
 * Chromium through playwright-core (which one: ./browser.ts; the choice is
 * printed and written to test-output/browser.json), serves Office.js from the
 * installed @microsoft/office-js package instead of Microsoft's CDN, and
 * records console errors, page errors and any request to another origin.
 * The two reports the pane's Content-Security-Policy rightly raises against
 * Office.js's telemetry (OFFICE_TELEMETRY_BLOCKED) are recorded by name apart
 * from the errors; any other report is an error.
 */
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import { Browser, BrowserContext, Page, Route, chromium } from 'playwright-core';
import { BrowserChoice, chooseBrowser } from './browser';

export const ROOT = path.join(__dirname, '..', '..');
/** The built add-in; PANE_DIST points the browser tests at another build (`npx webpack --output-path DIR`). */
export const DIST = process.env.PANE_DIST ? path.resolve(process.env.PANE_DIST) : path.join(ROOT, 'dist');
export const OUT = path.join(ROOT, 'test-output');
const OFFICE_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TYPES: Record<string, string> = require('../../scripts/content-types');

/** A static server for dist/ on 127.0.0.1 (a free port). */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'taskpane.html';
    const file = path.normalize(path.join(DIST, rel));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function requireBuild(): void {
  for (const f of ['taskpane.html', 'taskpane.js', 'functions.json']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first (npm test does).`);
  }
}

/** Flags for a closed network: nothing in the background may try to reach out. */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let chosen: BrowserChoice | undefined;

/** The browser this run used (after launch()). */
export function browserChoice(): BrowserChoice | undefined {
  return chosen;
}

let shared: Promise<Browser> | undefined;

/**
 * The chosen Chromium, launched on first use and shared by every group of
 * browser cases in this process (test/browser/pane.test.ts runs them one after
 * another; each group opens and closes its own contexts). closeBrowser() ends it.
 */
export function launch(): Promise<Browser> {
  return (shared ??= launchChromium());
}

/** Closes the shared Chromium, if one was launched. */
export async function closeBrowser(): Promise<void> {
  const browser = shared;
  shared = undefined;
  if (browser) await (await browser).close();
}

/**
 * Launches the chosen Chromium. playwright-core gives every launch a fresh
 * profile of its own (a new --user-data-dir in the temp directory, removed on
 * close); it refuses --user-data-dir in args, so none is passed here.
 */
async function launchChromium(): Promise<Browser> {
  chosen = await chooseBrowser();
  const record = { ...chosen, args: LAUNCH_ARGS, at: new Date().toISOString() };
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'browser.json'), `${JSON.stringify(record, null, 2)}\n`);
  process.stderr.write(`browser tests: ${chosen.kind} ${chosen.version} at ${chosen.executablePath}${chosen.skipped.length ? ` (passed over: ${chosen.skipped.join('; ')})` : ''}\n`);
  return chromium.launch({
    executablePath: chosen.executablePath,
    args: LAUNCH_ARGS,
    env: { ...process.env, FONTCONFIG_FILE: chosen.fontconfig },
    timeout: 60000,
  });
}

/**
 * What the pane's policy blocks of Office.js, by name. Office.js (its
 * o15apptofilemappingtable.js, 3 s after it loads) appends a hidden telemetry
 * proxy frame: `iframe.setAttribute("style", "display:none")`, then
 * `src = https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html`.
 * style-src 'self' refuses the inline style and frame-src 'none' the frame.
 * Each is recognised by its directive and what it names (the script that
 * applied the style is Office.js's own file; the frame is the telemetry host),
 * in Chromium's older ("Refused to …") and newer ("Applying … violates") wording.
 * Whether a test sees them depends only on whether it lasts past Office.js's
 * timer, so they are never errors; any other report still is.
 */
export const OFFICE_TELEMETRY_BLOCKED = {
  'telemetry frame': (text: string, url: string) =>
    /Content Security Policy directive/.test(text) && /frame-src/.test(text) && /(?:Framing|frame) 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/'/.test(text) && (url === '' || url.startsWith(OFFICE_CDN)),
  'inline style of the telemetry frame': (text: string, url: string) =>
    /Content Security Policy directive/.test(text) && /inline style/.test(text) && /style-src 'self'/.test(text) && url.startsWith(`${OFFICE_CDN}lib/`),
} as const;
export type OfficeBlocked = keyof typeof OFFICE_TELEMETRY_BLOCKED;

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors (the Office.js telemetry reports above excepted). */
  errors: string[];
  /** The Office.js telemetry reports seen so far, by name, in order. */
  officeBlocked: OfficeBlocked[];
  /** Requests that left the machine (anything but the local server and the routed Office.js). */
  remote: string[];
  /** Office.js files requested (served from node_modules). */
  officeFiles: string[];
}

/**
 * A page whose Office.js requests are answered from node_modules and whose
 * every other non-local request is refused and recorded. `rewrite` may alter
 * a served dist file (a test-only fixture); production files are untouched.
 */
export async function openPage(
  browser: Browser,
  local: string,
  opts: {
    locale?: string;
    rewrite?: (file: string, body: string) => string;
    viewport?: { width: number; height: number };
    /** A script served in place of Office.js (a test double of the Excel host). */
    officeStub?: string;
    /** prefers-color-scheme as the page sees it. */
    colorScheme?: 'light' | 'dark';
    /** Forced colours (Windows high contrast), 'active' to turn them on. */
    forcedColors?: 'active' | 'none';
  } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    viewport: opts.viewport ?? { width: 420, height: 900 },
    ...(opts.colorScheme ? { colorScheme: opts.colorScheme } : {}),
    ...(opts.forcedColors ? { forcedColors: opts.forcedColors } : {}),
  });
  const page = await context.newPage();
  const w: Watched = { page, context, errors: [], officeBlocked: [], remote: [], officeFiles: [] };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const known = (Object.keys(OFFICE_TELEMETRY_BLOCKED) as OfficeBlocked[]).find((k) => OFFICE_TELEMETRY_BLOCKED[k](m.text(), m.location().url ?? ''));
    if (known) w.officeBlocked.push(known);
    else w.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  await context.route('**/*', async (route: Route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_CDN) && opts.officeStub !== undefined) {
      w.officeFiles.push('(stub)');
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: opts.officeStub });
      return;
    }
    if (url.startsWith(OFFICE_CDN)) {
      // https://appsforoffice.microsoft.com/lib/1/hosted/office.js → node_modules/@microsoft/office-js/dist/office.js
      const rel = new URL(url).pathname.replace(/^\/lib\/[^/]+\/hosted\//, '');
      const file = path.normalize(path.join(OFFICE_DIST, rel));
      if (file.startsWith(OFFICE_DIST + path.sep) && fs.existsSync(file)) {
        w.officeFiles.push(rel);
        await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fs.readFileSync(file) });
      } else {
        w.remote.push(`${url} (not in @microsoft/office-js)`);
        await route.fulfill({ status: 404, body: '' });
      }
      return;
    }
    if (url.startsWith(local) && opts.rewrite) {
      const rel = new URL(url).pathname.replace(/^\/+/, '');
      const file = path.join(DIST, rel);
      if (/\.(js|html)$/.test(rel) && fs.existsSync(file)) {
        const body = opts.rewrite(rel, fs.readFileSync(file, 'utf8'));
        await route.fulfill({ status: 200, contentType: TYPES[path.extname(file)], body });
        return;
      }
    }
    if (url.startsWith(local) || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
      return;
    }
    w.remote.push(url);
    await route.abort();
  });
  return w;
}
