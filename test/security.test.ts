/**
 * Security budget of the built add-in (dist/) and of its sources:
 * - no remote origin anywhere in the bundles, pages, metadata or manifest
 *   except Office.js's own (https://appsforoffice.microsoft.com) and the
 *   add-in's own (https://localhost:3000 in development, or the origin of
 *   $ADDIN_BASE_URL the build was given): the dataset ships inside the add-in,
 *   so nothing else is ever fetched;
 * - the task pane's Content-Security-Policy allows no inline script, no eval
 *   and no remote origin but Office.js's;
 * - the task pane and the functions never turn text into markup or code
 *   (innerHTML, outerHTML, insertAdjacentHTML, document.write, eval, new Function).
 *
 * dist/ is built here when missing (`npm run build`); if the build is not
 * available the suite fails, loudly, rather than skipping.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const { baseUrl } = require('../scripts/addin-build') as { baseUrl: () => string };

const OFFICE_JS = 'https://appsforoffice.microsoft.com';

beforeAll(() => {
  const ready = () => ['taskpane.html', 'functions.html', 'manifest.xml'].every((f) => fs.existsSync(path.join(DIST, f)));
  if (ready()) return;
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 10 * 60_000 });
  const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (/not yet/i.test(said)) throw new Error(`dist/ is missing and the add-in build is not available yet (npm run build said: "${said.split('\n').pop()}"); the security checks need the built add-in`);
  if (r.status !== 0 || !ready()) throw new Error(`dist/ is missing and \`npm run build\` failed (exit ${r.status}):\n${said.slice(-2000)}`);
}, 10 * 60_000);

/** The files the scan covers: every script, page and JSON file in dist/, and the manifest. */
function distFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|cjs|html?|json)$/i.test(e.name) || e.name === 'manifest.xml') out.push(p);
    }
  };
  walk(DIST);
  return out.sort();
}

/** The origins the add-in may name: Office.js's, and its own (development or the configured deployment). */
function allowedOrigin(origin: string): boolean {
  if (origin === OFFICE_JS) return true;
  const host = new URL(origin).hostname;
  if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]') return true; // the development server
  return origin === new URL(baseUrl()).origin; // $ADDIN_BASE_URL: where the add-in itself is served
}

/**
 * URLs that are identifiers, never fetched, each allowed only in the exact
 * context that makes it one:
 * - XML namespace names in the manifest, as the value of an xmlns attribute
 *   (Office's schemas.microsoft.com namespaces and the W3C's XMLSchema-instance);
 * - the SVG namespace passed to document.createElementNS by the chart;
 * - the `$schema` identifiers zod writes into JSON Schemas it generates (zod is
 *   bundled with the core; the add-in never asks it for a JSON Schema, and a
 *   $schema value is a name, not a download);
 * - zod's IPv6 check, which parses `http://[${input}]` with the URL constructor
 *   to validate an address: a template with no host of its own, never requested;
 * - a URL inside a license comment (a block comment starting with /*! or
 *   containing @license) in a script: comments are never executed.
 */
function identifierUse(file: string, text: string, index: number, url: string): string | null {
  const before = text.slice(Math.max(0, index - 80), index);
  if (file.endsWith('.xml') && /\bxmlns(:[\w-]+)?\s*=\s*["']$/.test(before) && /^http:\/\/(schemas\.microsoft\.com|www\.w3\.org)\//.test(url)) return 'an XML namespace name';
  if (/\.m?js$/.test(file)) {
    if (url === 'http://www.w3.org/2000/svg' && /createElementNS\(\s*["']$/.test(before)) return 'the SVG namespace for createElementNS';
    if (/^https?:\/\/json-schema\.org\/(draft\/2020-12\/schema|draft-07\/schema#|draft-04\/schema#)$/.test(url) && /\$schema\s*=\s*["']$/.test(before)) return "a JSON Schema's $schema identifier";
    if (url.startsWith('http://[${') && before.endsWith('`')) return 'a template URL built to validate an IPv6 address';
    const open = text.lastIndexOf('/*', index);
    const close = text.lastIndexOf('*/', index);
    if (open >= 0 && open > close) {
      const end = text.indexOf('*/', index);
      const comment = text.slice(open, end < 0 ? undefined : end);
      if (comment.startsWith('/*!') || comment.includes('@license')) return 'a license comment';
    }
  }
  return null;
}

interface Finding {
  file: string;
  url: string;
  context: string;
}

function scan(): Finding[] {
  const remote: Finding[] = [];
  for (const file of distFiles()) {
    const rel = path.relative(ROOT, file);
    const text = fs.readFileSync(file, 'utf8');
    // Every http(s) URL, whatever quotes or markup surround it.
    for (const m of text.matchAll(/\bhttps?:\/\/[^\s"'`<>)\\,;]+/gi)) {
      const url = m[0];
      if (identifierUse(rel, text, m.index!, url)) continue;
      let origin: string | null = null;
      try {
        origin = new URL(url).origin;
      } catch {
        origin = null;
      }
      if (origin && allowedOrigin(origin)) continue;
      remote.push({ file: rel, url, context: text.slice(Math.max(0, m.index! - 60), m.index! + url.length + 20).replace(/\s+/g, ' ') });
    }
    // Pages: a protocol-relative src/href ("//cdn.example.com/x.js") loads from a remote origin too.
    if (/\.html?$/i.test(file)) {
      for (const m of text.matchAll(/\b(?:src|href|action|data)\s*=\s*["']?(\/\/[^\s"'>]+)/gi)) {
        remote.push({ file: rel, url: m[1], context: m[0] });
      }
    }
  }
  return remote;
}

describe('the built add-in names no remote origin but Office.js', () => {
  test('dist/ holds the pages, bundles and manifest', () => {
    const files = distFiles().map((f) => path.relative(DIST, f));
    expect(files).toEqual(expect.arrayContaining(['functions.html', 'functions.js', 'functions.json', 'manifest.xml', 'taskpane.html', 'taskpane.js']));
  });

  test('every http(s) URL is Office.js, the add-in itself, or an identifier that is never fetched', () => {
    const remote = scan();
    expect(remote.map((f) => `${f.file}: ${f.url}   …${f.context}…`)).toEqual([]);
  });

  test('the pages load Office.js from its own origin and every other script from the add-in', () => {
    for (const page of ['taskpane.html', 'functions.html']) {
      const html = fs.readFileSync(path.join(DIST, page), 'utf8');
      const srcs = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
      expect(srcs.filter((s) => s.startsWith(`${OFFICE_JS}/`))).toHaveLength(1);
      for (const s of srcs) expect(s.startsWith(`${OFFICE_JS}/`) || !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(s)).toBe(true);
    }
  });

  test('the scanner catches what it must (a check of the check)', () => {
    const t = 'x="https://evil.example.com/a.js";';
    expect(identifierUse('dist/x.js', t, 3, 'https://evil.example.com/a.js')).toBeNull();
    expect(allowedOrigin('https://evil.example.com')).toBe(false);
    expect(allowedOrigin('https://appsforoffice.microsoft.com.evil.example')).toBe(false);
    expect(allowedOrigin(OFFICE_JS)).toBe(true);
    // An XML namespace outside an xmlns attribute, or a namespace host in a script, is not an identifier.
    expect(identifierUse('dist/manifest.xml', '<SupportUrl DefaultValue="http://schemas.microsoft.com/x"', 27, 'http://schemas.microsoft.com/x')).toBeNull();
    expect(identifierUse('dist/a.js', 'fetch("http://www.w3.org/2000/svg")', 7, 'http://www.w3.org/2000/svg')).toBeNull();
  });
});

/** The page's Content-Security-Policy, directive → sources. */
function csp(page: string): Map<string, string[]> | null {
  const html = fs.readFileSync(path.join(DIST, page), 'utf8');
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/http-equiv\s*=\s*["']?Content-Security-Policy["'\s>]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (!content) return new Map();
    const policy = new Map<string, string[]>();
    for (const part of (content[1] ?? content[2] ?? content[3]).split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (name) policy.set(name.toLowerCase(), sources);
    }
    return policy;
  }
  return null;
}

describe("the task pane's Content-Security-Policy", () => {
  const KEYWORDS = new Set(["'self'", "'none'"]);

  test('is present, and allows no inline script and no eval', () => {
    const policy = csp('taskpane.html');
    expect(policy).not.toBeNull();
    // script-src, or default-src where there is none, governs scripts.
    const scripts = policy!.get('script-src') ?? policy!.get('default-src');
    expect(scripts).toBeDefined();
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:']) {
      expect({ source: bad, allowed: scripts!.includes(bad) }).toEqual({ source: bad, allowed: false });
    }
    expect(policy!.get('default-src')).toEqual(["'none'"]);
    expect(policy!.get('object-src') ?? policy!.get('default-src')).toEqual(["'none'"]);
  });

  test('names no remote origin but Office.js in any directive', () => {
    const policy = csp('taskpane.html')!;
    const remote: string[] = [];
    for (const [directive, sources] of policy) {
      for (const s of sources) {
        if (KEYWORDS.has(s) || /^'(nonce|sha256|sha384|sha512)-/.test(s)) continue;
        // data: images are inline bytes, not an origin (and never allowed for scripts: see above).
        if (s === 'data:' && directive === 'img-src') continue;
        if (s === OFFICE_JS || s.startsWith(`${OFFICE_JS}/`)) continue;
        remote.push(`${directive} ${s}`);
      }
    }
    expect(remote).toEqual([]);
  });

  test('the page itself has no inline script or inline event handler the policy would have to allow', () => {
    const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc\s*=/.test(m[1]) || m[2].trim() !== '');
    expect(inline.map((m) => m[0].slice(0, 120))).toEqual([]);
    expect(html.match(/<[^>]+\son[a-z]+\s*=/gi) ?? []).toEqual([]);
    expect(html).not.toMatch(/javascript:/i);
  });
});

describe('the task pane and the functions never turn text into markup or code', () => {
  /** Source files of the two front ends (TypeScript and any script or page beside it). */
  function sources(): string[] {
    const out: string[] = [];
    for (const dir of ['taskpane', 'functions']) {
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (/\.(ts|tsx|js|mjs|html?)$/.test(e.name)) out.push(p);
        }
      };
      walk(path.join(ROOT, dir));
    }
    return out;
  }

  /**
   * The sinks, found in TypeScript's syntax tree so that comments and prose in
   * strings do not count: a property innerHTML/outerHTML/insertAdjacentHTML
   * (also as el['innerHTML']), document.write(ln), eval(…), new Function(…) or
   * Function(…), and setTimeout/setInterval given a string.
   */
  function sinks(file: string): string[] {
    const text = fs.readFileSync(file, 'utf8');
    const scripts = /\.html?$/.test(file) ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]) : [text];
    const found: string[] = [];
    const MARKUP = /^(innerHTML|outerHTML|insertAdjacentHTML)$/;
    for (const code of scripts) {
      const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, /\.tsx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const at = (n: ts.Node) => `line ${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
      const visit = (n: ts.Node): void => {
        if (ts.isPropertyAccessExpression(n) && MARKUP.test(n.name.text)) found.push(`${n.name.text} at ${at(n)}`);
        if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && MARKUP.test(n.argumentExpression.text)) found.push(`${n.argumentExpression.text} at ${at(n)}`);
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const callee = n.expression;
          if (ts.isIdentifier(callee) && callee.text === 'eval') found.push(`eval( at ${at(n)}`);
          if (ts.isIdentifier(callee) && callee.text === 'Function') found.push(`${ts.isNewExpression(n) ? 'new ' : ''}Function at ${at(n)}`);
          if (ts.isPropertyAccessExpression(callee) && /^(write|writeln)$/.test(callee.name.text) && ts.isIdentifier(callee.expression) && callee.expression.text === 'document') found.push(`document.${callee.name.text} at ${at(n)}`);
          const first = n.arguments?.[0];
          if (ts.isIdentifier(callee) && /^(setTimeout|setInterval)$/.test(callee.text) && first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first))) found.push(`${callee.text}("…") at ${at(n)}`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    return found;
  }

  test('there are sources to check', () => {
    const files = sources().map((f) => path.relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining(['taskpane/taskpane.ts', 'functions/functions.ts']));
  });

  test('no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function', () => {
    const found: string[] = [];
    for (const f of sources()) for (const s of sinks(f)) found.push(`${path.relative(ROOT, f)}: ${s}`);
    expect(found).toEqual([]);
  });

  test('the detector finds each sink and ignores comments and prose (a check of the check)', () => {
    const tmp = path.join(ROOT, 'test-output', 'security-sinks.ts');
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    fs.writeFileSync(
      tmp,
      [
        '// el.innerHTML = x; eval("1") in a comment does not count',
        'const note = "we never use innerHTML or eval(";',
        'el.innerHTML = html;',
        "el['outerHTML'] = html;",
        'el.insertAdjacentHTML("beforeend", html);',
        'document.write(html);',
        'eval(code);',
        'const f = new Function("a", code);',
        'setTimeout("alert(1)", 0);',
        'const ok = { innerHTML: 1 }.toString(); el.textContent = "innerHTML";',
      ].join('\n'),
    );
    try {
      expect(sinks(tmp)).toEqual([
        'innerHTML at line 3',
        'outerHTML at line 4',
        'insertAdjacentHTML at line 5',
        'document.write at line 6',
        'eval( at line 7',
        'new Function at line 8',
        'setTimeout("…") at line 9',
      ]);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });
});
