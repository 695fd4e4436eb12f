#!/usr/bin/env node
// `npm start`: build the add-in, serve dist/ over https on localhost:3000 with
// development certificates (office-addin-dev-certs), sideload the manifest
// into Excel desktop where Excel is installed (Windows, Mac), otherwise print
// how to sideload it into Excel on the web, recompute the example workbook
// headlessly, and keep serving until Ctrl-C.
//
// It ends with a short summary: where the add-in is served, how it was (or is
// to be) sideloaded, and how the example workbook answered — with its #N/A
// cells explained (the quarters with no reported figure are #N/A on purpose).
//
// Flags: --no-build (serve dist/ as it is), --no-sideload, --no-example,
// --verbose (print every cell of the example workbook, not just the summary),
// --port N (default 3000; 0 picks a free one, for tests: the manifest still says 3000).
//
// The server answers only GET and HEAD (405 otherwise) and only requests whose
// Host is this server on loopback (localhost, 127.0.0.1 or [::1] with its port;
// 421 otherwise), so a web page cannot reach it through DNS rebinding. What it
// logs comes partly from the request, so control characters are escaped there
// and cannot drive the terminal.
// Env: ADDIN_BASE_URL (the build's URL rewrite; npm start serves
// https://localhost:3000 and warns if the manifest points elsewhere),
// LLM_MARKET_NO_CA_INSTALL=1 (never try to trust the CA; also implied by CI).
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const argv = process.argv.slice(2);
const args = new Set(argv);
const portArg = argv.indexOf('--port');
const PORT = portArg >= 0 ? Number(argv[portArg + 1]) : 3000;
/** Where the manifest points (the build's default), whatever port this run serves on. */
const ORIGIN = 'https://localhost:3000';

const say = (s = '') => process.stdout.write(`${s}\n`);
const warn = (s) => process.stderr.write(`${s}\n`);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, argv, opts = {}) {
  return spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32', ...opts });
}

// ---- 1. build ---------------------------------------------------------------

function build() {
  if (args.has('--no-build')) {
    if (!fs.existsSync(path.join(DIST, 'manifest.xml'))) throw new Error('dist/ is not built; run without --no-build');
    return;
  }
  say('Building the add-in (webpack, production) …');
  const r = run(npx, ['webpack', '--mode', 'production']);
  if (r.status !== 0) throw new Error('the build failed (see above)');
}

// ---- 2. certificates --------------------------------------------------------

function certValid(file) {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(file));
    return Date.parse(cert.validTo) > Date.now() + 86_400_000;
  } catch {
    return false;
  }
}

/**
 * The localhost certificate and key from office-addin-dev-certs, generated
 * without root if missing or expiring. Installing (trusting) the CA is tried
 * once and may need an administrator; if it fails we still serve with the
 * generated certificate and say what that means.
 */
async function certificates() {
  const devCerts = require('office-addin-dev-certs');
  const defaults = require('office-addin-dev-certs/lib/defaults');
  const files = { ca: defaults.caCertificatePath, cert: defaults.localhostCertificatePath, key: defaults.localhostKeyPath };
  let trusted = false;
  try {
    trusted = devCerts.isCaCertificateInstalled() && certValid(files.cert) && fs.existsSync(files.key);
  } catch {
    trusted = false;
  }
  if (!trusted) {
    if (!(fs.existsSync(files.ca) && fs.existsSync(files.key) && certValid(files.cert) && certValid(files.ca))) {
      devCerts.deleteCertificateFiles(defaults.certificateDirectory);
      await devCerts.generateCertificates(files.ca, files.cert, files.key, defaults.daysUntilCertificateExpires, defaults.domain);
    }
    let why = '';
    if (process.env.CI || process.env.LLM_MARKET_NO_CA_INSTALL) {
      why = process.env.CI ? 'CI is set' : 'LLM_MARKET_NO_CA_INSTALL is set';
    } else {
      try {
        await devCerts.installCaCertificate(files.ca);
        trusted = true;
      } catch (e) {
        why = String((e && e.message) || e).split('\n')[0];
      }
    }
    if (!trusted) {
      warn(`\nThe development CA is NOT installed as trusted (${why}).`);
      warn(`Serving anyway with the generated certificate ${files.cert}.`);
      warn('Browsers and Excel will refuse https://localhost:3000 until you trust the CA:');
      warn(`  • run \`npx office-addin-dev-certs install\` as an administrator (sudo on Mac/Linux), or`);
      warn(`  • import ${files.ca} into your browser's certificate authorities`);
      warn(`    (Chrome/Edge: Settings › Privacy and security › Security › Manage certificates › Authorities › Import).`);
      warn('  curl works meanwhile with -k (or --cacert that file).\n');
    }
  }
  return { key: fs.readFileSync(files.key), cert: fs.readFileSync(files.cert), ca: fs.readFileSync(files.ca), trusted, caPath: files.ca };
}

// ---- 3. serve ---------------------------------------------------------------

const TYPES = require('./content-types');

/**
 * Text from a request made safe for a terminal: C0/C1 control characters,
 * DEL and bidirectional overrides are shown as \\xNN / \\uNNNN escapes.
 */
function forLog(text) {
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** Whether a Host header names this server on loopback: localhost, 127.0.0.1 or [::1], with its port. */
function hostAllowed(host, port) {
  if (typeof host !== 'string') return false;
  const h = host.trim().toLowerCase();
  return h === `localhost:${port}` || h === `127.0.0.1:${port}` || h === `[::1]:${port}`;
}

/** The request handler for dist/ on `port`; `log` receives one line per request. */
function createHandler({ dist = DIST, port = PORT, log = say } = {}) {
  const root = path.resolve(dist);
  return function handler(req, res) {
    const stamp = new Date().toISOString().slice(11, 19);
    const line = (status, what = req.url) => log(forLog(`${stamp} ${req.method} ${what} ${status}`));
    if (!hostAllowed(req.headers.host, port)) {
      line(421, `${req.url} (Host: ${req.headers.host ?? 'none'})`);
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end(`this server answers only for localhost:${port}, 127.0.0.1:${port} and [::1]:${port}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      line(405);
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('only GET and HEAD\n');
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url || '/', 'https://localhost').pathname).replace(/^\/+/, '') || 'taskpane.html';
    } catch {
      line(400);
      res.writeHead(400).end();
      return;
    }
    const file = path.normalize(path.join(root, rel));
    const ok = file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
    line(ok ? 200 : 404, `/${rel}`);
    if (!ok) {
      // The path is not echoed back: the body is text/plain, but nothing from the request needs repeating.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    // Excel loads functions.json / functions.js from its own origin: allow it, as the Office templates' dev server does.
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  };
}

/** https on both loopback addresses (localhost may resolve to either), never on the network. */
async function serve(tls, port = PORT) {
  const servers = [];
  for (const host of ['127.0.0.1', '::1']) {
    // Port 0: the first listener picks a free port and the second takes the same one.
    const want = servers.length ? servers[0].address().port : port;
    const server = https.createServer({ key: tls.key, cert: tls.cert });
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(want, host, resolve);
      });
      // The Host check needs the port actually bound.
      server.on('request', createHandler({ port: server.address().port }));
      servers.push(server);
    } catch (e) {
      if (host === '::1' && servers.length && port === 0) continue; // a free port on one loopback is enough for a test
      if (e.code === 'EADDRINUSE') throw new Error(`port ${want} on ${host} is already in use: stop whatever serves it (another \`npm start\`?) and try again`);
      if (host === '::1' && servers.length) continue; // no IPv6 loopback here: 127.0.0.1 is enough
      throw e;
    }
  }
  return servers;
}

// ---- 4. sideload ------------------------------------------------------------

function manifestId(manifest) {
  const m = /<Id>([^<]+)<\/Id>/.exec(fs.readFileSync(manifest, 'utf8'));
  if (!m) throw new Error(`${manifest} has no <Id>`);
  return m[1].trim();
}

function excelOnWindows() {
  try {
    execFileSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function sideload(manifest) {
  if (args.has('--no-sideload')) return false;
  const id = manifestId(manifest);
  if (process.platform === 'win32' && excelOnWindows()) {
    // What office-addin-dev-settings does: register the manifest as a developer add-in for Office 16.
    execFileSync('reg', ['add', 'HKCU\\SOFTWARE\\Microsoft\\Office\\16.0\\Wef\\Developer', '/v', id, '/t', 'REG_SZ', '/d', manifest, '/f'], { stdio: 'ignore' });
    say(`Sideloaded into Excel for Windows (HKCU\\SOFTWARE\\Microsoft\\Office\\16.0\\Wef\\Developer\\${id} → ${manifest}).`);
    spawnSync('cmd', ['/c', 'start', '""', 'excel'], { stdio: 'ignore' });
    say('Excel is starting: the add-in loads with it (Home › Sources). If Excel was already open, close and reopen it.');
    say(`To remove it later: reg delete HKCU\\SOFTWARE\\Microsoft\\Office\\16.0\\Wef\\Developer /v ${id} /f`);
    return true;
  }
  if (process.platform === 'darwin' && fs.existsSync('/Applications/Microsoft Excel.app')) {
    const wef = path.join(os.homedir(), 'Library/Containers/com.microsoft.Excel/Data/Documents/wef');
    fs.mkdirSync(wef, { recursive: true });
    const target = path.join(wef, `${id}.manifest.xml`);
    fs.copyFileSync(manifest, target);
    say(`Sideloaded into Excel for Mac (${target}).`);
    spawnSync('open', ['-a', 'Microsoft Excel'], { stdio: 'ignore' });
    say('In Excel: Insert › Add-ins › My Add-ins › Developer Add-ins › LLM Market (reopen Excel if it was already running).');
    say(`To remove it later: rm "${target}"`);
    return true;
  }
  return false;
}

function webSteps(manifest, tls) {
  say('');
  say('No Excel desktop here, so sideload into Excel on the web (in a browser on this machine):');
  let n = 1;
  if (!tls.trusted) say(`  ${n++}. Trust the development CA in that browser first: import ${tls.caPath} as a certificate authority (see above), then open ${ORIGIN}/taskpane.html and check it loads without a warning.`);
  say(`  ${n++}. Open https://www.office.com, sign in, and create or open a workbook in Excel.`);
  say(`  ${n++}. Insert › Add-ins › Office Add-ins (or Home › Add-ins › More Add-ins).`);
  say(`  ${n++}. In the Office Add-ins dialog: MY ADD-INS › Manage My Add-ins › Upload My Add-in.`);
  say(`  ${n++}. Browse to ${manifest} and select Upload.`);
  say(`  ${n++}. Home › LLM Market › Sources opens the task pane; type =LLM.TOKENS("xAI","2025-09-30") in a cell.`);
  say('  (Excel on the web keeps the sideloaded add-in in the browser\'s storage; clearing the cache removes it.)');
}

// ---- 5. the example workbook, headlessly ------------------------------------

const EXAMPLE = path.join(ROOT, 'examples', 'llm-market-example.xlsx');

/**
 * What `calc BOOK --check --json` said of the example workbook, in a few lines:
 * how many formulas answered with a value; the #N/A of the Quarterly sheet
 * (quarters with no reported figure, and the changes computed from them: on
 * purpose, never the previous quarter repeated); the error cells that show the
 * functions' messages; and whether every value matches what the workbook saved.
 */
function exampleSummary(report, rel = path.relative(ROOT, EXAMPLE)) {
  const cells = report.cells || [];
  const errors = cells.filter((c) => c.error);
  const quarterly = errors.filter((c) => c.sheet === 'Quarterly' && c.error.code === '#N/A');
  const shown = errors.filter((c) => !quarterly.includes(c));
  const lines = [`${rel}, recomputed without Excel: ${cells.length - errors.length} of ${cells.length} formulas answered with a value.`];
  if (quarterly.length) {
    lines.push(`  ${quarterly.length} #N/A in Quarterly are on purpose: quarters with no reported capex, and the changes computed from them (never the previous quarter repeated).`);
  }
  for (const c of shown) lines.push(`  ${c.sheet}!${c.address} shows an error on purpose: ${c.error.code} ${c.error.message.length > 70 ? `${c.error.message.slice(0, 69)}…` : c.error.message}`);
  const differ = (report.differences || []).length;
  lines.push(
    report.status === 'ok'
      ? `  Every value matches what the workbook saved (calc --check).`
      : `  calc --check: ${differ} ${differ === 1 ? 'cell differs' : 'cells differ'} from what the workbook saved (${report.status}).`,
  );
  return lines;
}

/** Recomputes the example workbook with the CLI: its summary lines (every cell too with --verbose), or null. */
function example() {
  if (args.has('--no-example')) return null;
  const cli = path.join(ROOT, 'bin', 'llm-market.js');
  if (!fs.existsSync(EXAMPLE) || !fs.existsSync(cli)) return null;
  if (!fs.existsSync(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'))) {
    const r = run(npx, ['tsc', '-p', 'tsconfig.build.json']);
    if (r.status !== 0) return ['  (could not build lib/ for the command; the example workbook was skipped)'];
  }
  const rel = path.relative(ROOT, EXAMPLE);
  if (args.has('--verbose')) {
    say('');
    say(`The example workbook, recomputed headlessly (node bin/llm-market.js calc ${rel}):`);
    run(process.execPath, [cli, 'calc', EXAMPLE]);
  }
  const r = spawnSync(process.execPath, [cli, 'calc', EXAMPLE, '--check', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    return exampleSummary(JSON.parse(r.stdout), rel);
  } catch {
    return [`  (node bin/llm-market.js calc ${rel} --check exited with ${r.status}: ${String(r.stderr).trim().split('\n')[0]})`];
  }
}

// ---- main -------------------------------------------------------------------

async function main() {
  if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) throw new Error(`--port needs a port number (0 picks a free one), not "${argv[portArg + 1] ?? ''}"`);
  build();
  const tls = await certificates();
  const servers = await serve(tls);
  const port = servers[0].address().port;
  const manifest = path.join(DIST, 'manifest.xml');
  const served = fs.readFileSync(manifest, 'utf8').includes(ORIGIN);
  say('');
  say(`Serving ${path.relative(ROOT, DIST) || 'dist'}/ on https://localhost:${port} (${tls.trusted ? 'trusted development certificate' : 'certificate NOT trusted yet'})`);
  if (port !== 3000) warn(`  note: the manifest points at ${ORIGIN}; this run serves port ${port}, so sideload with the default port.`);
  say(`  task pane:   https://localhost:${port}/taskpane.html`);
  say(`  functions:   https://localhost:${port}/functions.json (中文: https://localhost:${port}/functions.zh-CN.json)`);
  say(`  manifest:    ${manifest}`);
  if (!served) warn(`  warning: dist/manifest.xml points at ${process.env.ADDIN_BASE_URL}, not ${ORIGIN}; rebuild without ADDIN_BASE_URL to sideload this server.`);
  const sideloaded = sideload(manifest);
  if (!sideloaded) webSteps(manifest, tls);
  const summary = example();
  say('');
  say('Ready:');
  say(`  add-in:    https://localhost:${port}/taskpane.html (${tls.trusted ? 'trusted certificate' : 'certificate not trusted yet: see above'}); manifest ${path.relative(ROOT, manifest)}`);
  say(
    sideloaded
      ? '  sideload:  done: open Excel, then Home › LLM Market › Sources'
      : args.has('--no-sideload')
        ? '  sideload:  skipped (--no-sideload)'
        : `  sideload:  no Excel desktop here: upload ${path.relative(ROOT, manifest)} in Excel on the web (steps above)`,
  );
  if (summary) {
    say(`  example:   ${summary[0]}`);
    for (const l of summary.slice(1)) say(`             ${l.trim()}`);
    if (!args.has('--verbose')) say('             (npm start -- --verbose prints every cell)');
  }
  say('Serving until Ctrl-C.');
  const stop = () => {
    say('\nStopping.');
    for (const s of servers) s.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

module.exports = { createHandler, hostAllowed, forLog, exampleSummary };

if (require.main === module) {
  main().catch((e) => {
    warn(`npm start: ${(e && e.message) || e}`);
    process.exit(1);
  });
}
