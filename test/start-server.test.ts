/**
 * The dev server (`npm start`, scripts/start.js), started for real on a free
 * port with certificates generated into a throwaway HOME and no CA install:
 * it serves dist/ over https, answers only GET and HEAD, only for a Host that
 * names it on loopback, and escapes control characters in what it logs.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import https from 'https';
import os from 'os';
import path from 'path';

const ROOT = path.join(__dirname, '..');
let child: ChildProcess;
let port = 0;
let ca: Buffer;
let out = '';

beforeAll(async () => {
  for (const f of ['taskpane.html', 'functions.json', 'manifest.xml']) {
    if (!fs.existsSync(path.join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first (npm test does).`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-start-home-'));
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--no-build', '--no-sideload', '--no-example', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, CI: '', HOME: home, USERPROFILE: home, LLM_MARKET_NO_CA_INSTALL: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 50 s:\n${out}`)), 50000);
    const check = (): void => {
      const m = /Serving dist\/ on https:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
  });
  ca = fs.readFileSync(path.join(home, '.office-addin-dev-certs', 'ca.crt'));
}, 60000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to 127.0.0.1:port, verified against the generated CA, with the Host header given (null: none). */
function request(method: string, urlPath: string, host: string | null = `localhost:${port}`): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, method, path: urlPath, ca, servername: 'localhost', setHost: false, headers: host === null ? {} : { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('serves dist/ over https with the generated (untrusted, not installed) certificate', async () => {
  const r = await request('GET', '/taskpane.html');
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toMatch(/text\/html/);
  expect(r.body).toMatch(/<html/i);
  expect(out).toContain('NOT installed as trusted (LLM_MARKET_NO_CA_INSTALL is set)');
  const head = await request('HEAD', '/functions.json');
  expect([head.status, head.body]).toEqual([200, '']);
  expect((await request('GET', '/no-such-file.js')).status).toBe(404);
  expect((await request('GET', '/../package.json')).status).toBe(404);
});

test('answers for localhost, 127.0.0.1 and [::1] with its port', async () => {
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
    expect({ host, status: (await request('GET', '/functions.json', host)).status }).toEqual({ host, status: 200 });
  }
});

test('any other Host is refused with 421 (DNS rebinding)', async () => {
  const other = port === 3000 ? 3001 : 3000;
  for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, `localhost:${other}`, 'localhost', `127.0.0.2:${port}`, `[::2]:${port}`]) {
    const r = await request('GET', '/functions.json', host);
    expect({ host, status: r.status }).toEqual({ host, status: 421 });
    expect(r.body).not.toContain('"functions"');
  }
  // No Host at all: Node's HTTP/1.1 parser answers 400 before the handler runs.
  const none = await request('GET', '/functions.json', null);
  expect(none.status).toBe(400);
  expect(none.body).not.toContain('"functions"');
});

test('only GET and HEAD: every other method is 405 with Allow', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const r = await request(method, '/functions.json');
    expect({ method, status: r.status, allow: r.headers.allow }).toEqual({ method, status: 405, allow: 'GET, HEAD' });
  }
});

test('control characters from the request are escaped in the log, never written raw', async () => {
  const before = out.length;
  // ESC [31m (colour), BEL, a right-to-left override and a C1 control, percent-encoded in the path.
  expect((await request('GET', '/%1B%5B31mred%07%E2%80%AEtxt.js%C2%9B')).status).toBe(404);
  await new Promise((r) => setTimeout(r, 200));
  const logged = out.slice(before);
  expect(logged).toContain('/\\x1b[31mred\\x07\\u202etxt.js\\x9b 404');
  expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});
