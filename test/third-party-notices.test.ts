/**
 * THIRD-PARTY-NOTICES covers every npm package the add-in's bundles contain:
 * the list webpack's module graph gives (dist/third-party-packages.json), and,
 * as a check on that list, every package imported (not type-only) by the
 * sources the two entry points reach.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const notices = require('../scripts/third-party-notices') as {
  noticesText: (byBundle: Record<string, { name: string; dir: string }[]>) => string;
  packageOf: (file: string) => { name: string; dir: string } | undefined;
};

const ROOT = path.join(__dirname, '..');
const ENTRIES: Record<string, string> = { 'functions.js': 'functions/functions.ts', 'taskpane.js': 'taskpane/taskpane.ts' };

function bundled(): Record<string, { name: string; dir: string }[]> {
  const f = path.join(ROOT, 'dist', 'third-party-packages.json');
  if (!fs.existsSync(f)) throw new Error('dist/third-party-packages.json is missing: run `npm run build` first (npm test does).');
  return JSON.parse(fs.readFileSync(f, 'utf8'));
}

const committed = (): string => fs.readFileSync(path.join(ROOT, 'THIRD-PARTY-NOTICES'), 'utf8');

/** Packages imported for their values by the TypeScript files an entry reaches through relative imports. */
function importedPackages(entry: string): Set<string> {
  const pkgs = new Set<string>();
  const seen = new Set<string>();
  const resolve = (from: string, spec: string): string | undefined => {
    const base = path.resolve(path.dirname(from), spec);
    return [base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => f.endsWith('.ts') && fs.existsSync(f));
  };
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
    const use = (spec: string): void => {
      if (spec.startsWith('.')) {
        const next = resolve(file, spec);
        if (next) visit(next);
      } else {
        pkgs.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    };
    const walk = (n: ts.Node): void => {
      if (ts.isImportDeclaration(n) && !n.importClause?.isTypeOnly && ts.isStringLiteral(n.moduleSpecifier)) {
        const named = n.importClause?.namedBindings;
        const onlyTypes = !n.importClause?.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
        if (!onlyTypes) use(n.moduleSpecifier.text);
      } else if (ts.isExportDeclaration(n) && !n.isTypeOnly && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
        use(n.moduleSpecifier.text);
      } else if (ts.isCallExpression(n) && n.expression.getText(src) === 'require' && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
        use(n.arguments[0].text);
      }
      ts.forEachChild(n, walk);
    };
    walk(src);
  };
  visit(path.join(ROOT, entry));
  return pkgs;
}

test('every package in each bundle is in THIRD-PARTY-NOTICES with its version and its license text', () => {
  const text = committed();
  const all = new Map(Object.values(bundled()).flat().map((p) => [p.name, p.dir]));
  expect(all.size).toBeGreaterThan(0);
  for (const [name, dir] of all) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { version: string };
    expect({ name, listed: text.includes(`\n${name} ${pkg.version}\n`) }).toEqual({ name, listed: true });
    const license = fs.readdirSync(path.join(ROOT, dir)).find((f) => /^licen[sc]e/i.test(f));
    expect(license).toBeDefined();
    expect(text).toContain(fs.readFileSync(path.join(ROOT, dir, license!), 'utf8').replace(/\r\n/g, '\n').trim());
  }
});

test('THIRD-PARTY-NOTICES is exactly what the last build generates (node scripts/third-party-notices.js)', () => {
  expect(committed()).toBe(notices.noticesText(bundled()));
  expect(fs.readFileSync(path.join(ROOT, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8')).toBe(committed());
});

test.each(Object.entries(ENTRIES))('%s: every package its sources import is in the bundle list', (bundle, entry) => {
  const listed = new Set(bundled()[bundle].map((p) => p.name));
  expect([...importedPackages(entry)].filter((p) => !listed.has(p))).toEqual([]);
  expect(listed.has('webpack')).toBe(true); // its runtime is in every bundle
});

test('package names are read from node_modules paths, scoped ones included', () => {
  expect(notices.packageOf('/x/node_modules/zod/v4/core/index.js')?.name).toBe('zod');
  expect(notices.packageOf('/x/node_modules/a/node_modules/@scope/b/lib/i.js')).toEqual({ name: '@scope/b', dir: '/x/node_modules/a/node_modules/@scope/b' });
  expect(notices.packageOf('/x/src/core/market.ts')).toBeUndefined();
});
