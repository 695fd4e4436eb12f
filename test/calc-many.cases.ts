/**
 * `calc` over many workbooks: files and folders (searched recursively), one
 * report, --shard for a CI matrix, and an exit code that summarises every book
 * (4 > 1 > 3 > 0). Books are written the way Excel writes them (workbookXml.ts).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { SaxesParser } from 'saxes';
import { overall, shard } from '../src/cli/calc';
import { runCli } from './helpers/cli';
import { writeXlsxFile } from './workbookXml';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-many-'));
const one = (file: string, rows: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return writeXlsxFile(file, { sheets: [{ name: 'S', rows }, { name: 'T', rows: '<row r="1"><c r="A1"><f>2*3</f><v>6</v></c></row>' }] });
};
const MATCHES = '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>';
const DIFFERS = '<row r="1"><c r="A1"><f>1+1</f><v>3</v></c></row>';
const UNSUPPORTED = '<row r="1"><c r="A1"><f>_xldudf_CONTOSO_PRICE("MSFT")</f><v>400</v></c></row>';

// models/a.xlsx (matches), models/b.xlsx (differs), models/deep/c.xlsx (unsupported), models/~$a.xlsx (Excel's lock file)
const models = path.join(root, 'models');
const a = one(path.join(models, 'a.xlsx'), MATCHES);
const b = one(path.join(models, 'b.xlsx'), DIFFERS);
const c = one(path.join(models, 'deep', 'c.xlsx'), UNSUPPORTED);
fs.writeFileSync(path.join(models, '~$a.xlsx'), 'lock');
fs.writeFileSync(path.join(models, 'notes.txt'), 'not a workbook');
const junk = path.join(root, 'junk.xlsx');
fs.writeFileSync(junk, 'not a zip');

describe('several workbooks and folders, one report', () => {
  test('text: one summary line per book, in path order, and the total; exit 1 (a difference beats unsupported)', async () => {
    const r = await runCli(['calc', models, '--check']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      `${a}: 2 formulas, 2 match, 0 differ, 0 unsupported`,
      `${b}: 2 formulas, 1 match, 1 differ, 0 unsupported`,
      `${c}: 2 formulas, 1 match, 0 differ, 1 unsupported`,
      'check: 3 workbooks, 1 with differences, 1 with only unsupported cells',
    ]);
    expect(r.err).toBe(`differs: ${b} S!A1 =1+1: saved 3, now 2`);
  });

  test('the exit code summarises every book: 4 > 1 > 3 > 0', async () => {
    expect((await runCli(['calc', a, c, '--check'])).code).toBe(3);
    expect((await runCli(['calc', a, path.join(models, 'a.xlsx'), '--check'])).code).toBe(0); // the same book twice is one book
    const r = await runCli(['calc', models, junk, '--check']);
    expect(r.code).toBe(4);
    expect(r.out).toContain(`${junk}: cannot be evaluated: ${junk} is not a readable .xlsx workbook`);
    expect(r.out.split('\n').pop()).toBe('check: 4 workbooks, 1 could not be evaluated, 1 with differences, 1 with only unsupported cells');
    expect(overall(['ok', 'unsupported', 'differences', 'error'])).toBe('error');
    expect(overall(['unsupported', 'differences', 'ok'])).toBe('differences');
    expect(overall(['ok', 'unsupported'])).toBe('unsupported');
    expect(overall([])).toBe('ok');
    // Without --check nothing is compared: only a book that could not be evaluated fails.
    expect((await runCli(['calc', models])).code).toBe(0);
    expect((await runCli(['calc', models, junk])).code).toBe(4);
  });

  test('--format junit: a testsuite per book and sheet, an <error> testcase for a book that could not be evaluated', async () => {
    const r = await runCli(['calc', models, junk, '--format', 'junit']);
    expect(r.code).toBe(4);
    const suites: { name: string; tests: string; failures: string; skipped: string; errors: string; cases: string[] }[] = [];
    let top: Record<string, string> = {};
    const p = new SaxesParser();
    p.on('opentag', (t) => {
      const at = t.attributes as Record<string, string>;
      if (t.name === 'testsuites') top = at;
      else if (t.name === 'testsuite') suites.push({ name: at.name, tests: at.tests, failures: at.failures, skipped: at.skipped, errors: at.errors, cases: [] });
      else if (t.name === 'testcase') suites[suites.length - 1].cases.push(at.name);
      else if (t.name === 'failure' || t.name === 'skipped' || t.name === 'error') {
        const s = suites[suites.length - 1];
        s.cases[s.cases.length - 1] += ` [${t.name}: ${at.message}]`;
      }
    });
    p.write(r.out).close();
    expect(top).toMatchObject({ tests: '7', failures: '1', skipped: '1', errors: '1' });
    // Sorted by path: root/junk.xlsx comes before root/models/….
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.skipped, s.errors])).toEqual([
      [junk, '1', '0', '0', '1'],
      [`${a}: S`, '1', '0', '0', '0'],
      [`${a}: T`, '1', '0', '0', '0'],
      [`${b}: S`, '1', '1', '0', '0'],
      [`${b}: T`, '1', '0', '0', '0'],
      [`${c}: S`, '1', '0', '1', '0'],
      [`${c}: T`, '1', '0', '0', '0'],
    ]);
    expect(suites[3].cases).toEqual(['S!A1 =1+1 [failure: S!A1: saved 3, now 2]']);
    expect(suites[0].cases[0]).toMatch(/\[error: .*not a readable \.xlsx workbook/);
  });

  test('--format json: the overall status and each book with its status', async () => {
    const r = await runCli(['calc', models, junk, '--check', '--json']);
    const j = JSON.parse(r.out);
    expect(j.status).toBe('error');
    expect(j.books.map((x: { file: string; status: string }) => [x.file, x.status])).toEqual([
      [junk, 'error'],
      [a, 'ok'],
      [b, 'differences'],
      [c, 'unsupported'],
    ]);
    expect(j.books[0].error).toMatch(/not a readable \.xlsx workbook/);
    expect(j.books[2].differences).toEqual([expect.objectContaining({ sheet: 'S', address: 'A1', saved: 3, now: 2 })]);
    expect(j.books[3].unsupported).toEqual([expect.objectContaining({ address: 'A1', functions: ['CONTOSO_PRICE'] })]);
  });
});

describe('--shard I/N', () => {
  test('the shares of the sorted book list are disjoint, cover it, and do not depend on the order given', async () => {
    const books = (out: string) => out.split('\n').filter((l) => l.includes(': ') && !/^(check|calc): /.test(l)).map((l) => l.slice(0, l.indexOf(': ')));
    const shares = [];
    for (const i of [1, 2]) shares.push(books((await runCli(['calc', models, junk, '--check', '--shard', `${i}/2`])).out));
    // Sorted: junk.xlsx, models/a.xlsx, models/b.xlsx, models/deep/c.xlsx.
    expect(shares).toEqual([
      [junk, b],
      [a, c],
    ]);
    expect(books((await runCli(['calc', junk, c, b, a, '--shard', '2/2'])).out)).toEqual([a, c]);
    expect(shard(['p', 'q', 'r', 's', 't'], '3/3')).toEqual(['r']);
    expect(shard(['p', 'q', 'r'], '4/4')).toEqual([]);
    // A share with no book is an empty report, not a failure.
    const empty = await runCli(['calc', a, '--check', '--shard', '2/2']);
    expect(empty).toMatchObject({ code: 0, out: 'check: 0 workbooks, every formula matches' });
  });

  test('usage errors (exit 2): a bad shard, --out with several books, a folder without workbooks', async () => {
    for (const s of ['0/2', '3/2', '1/0', 'x', '1-2']) {
      const r = await runCli(['calc', models, '--shard', s]);
      expect([s, r.code]).toEqual([s, 2]);
      expect(r.err).toMatch(/--shard takes I\/N/);
    }
    expect((await runCli(['calc', models, '--out', path.join(root, 'out.xlsx')])).code).toBe(2);
    const bare = fs.mkdtempSync(path.join(root, 'bare-'));
    const r = await runCli(['calc', bare]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no \.xlsx workbook in/);
    expect((await runCli(['calc', models, '--jobs', '0'])).code).toBe(2);
  });
});
