/**
 * The command as a Unix tool, through the real binary (bin/llm-market.js, which
 * runs lib/bundle/ when built): --version, help forms, usage errors, a pipe
 * closed early, facts and eval formats.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { editionOf, formatEdition } from '../src/cli/edition';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'llm-market.js');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cli-unix-'));

function cli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; node?: string[] } = {}) {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...args], { encoding: 'utf8', input: opts.input, env: { ...process.env, ...opts.env }, cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** RFC 4180 reader, for checking what we write (quotes doubled, fields with commas or quotes quoted). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c === '"') throw new Error(`a bare quote inside an unquoted field at ${i}`);
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe('--version and help', () => {
  test("--version prints package.json's version and the dataset's edition, exit 0", () => {
    const r = cli(['--version']);
    expect(r).toEqual({ code: 0, out: `${PKG.version} (${formatEdition(editionOf(path.join(ROOT, 'seeds')))})\n`, err: '' });
    expect(r.out).toMatch(/^\d+\.\d+\.\d+ \(dataset \d{4}-\d{2}-\d{2}, [0-9a-f]{8}\)\n$/);
  });

  test.each([
    ['help eval', ['help', 'eval'], 'usage: llm-market eval'],
    ['eval --help', ['eval', '--help'], 'usage: llm-market eval'],
    ['facts -h', ['facts', '-h'], 'usage: llm-market facts'],
    ['calc --help', ['calc', '--help'], 'usage: llm-market calc'],
    ['help facts', ['help', 'facts'], '--from DATE'],
    ['help', ['help'], 'usage: llm-market <command>'],
    ['--help', ['--help'], 'usage: llm-market <command>'],
  ])('%s: usage on stdout, exit 0', (_name, args, expected) => {
    const r = cli(args);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(expected);
  });

  test('help and --version load neither the dataset, the engine nor zod', () => {
    for (const args of [['help'], ['--version'], ['eval', '--help']]) {
      const list = path.join(tmp, 'loaded.txt');
      const r = cli(args, { node: ['-r', path.join(__dirname, 'helpers', 'loaded-modules.js')], env: { LLM_MARKET_LOADED_LIST: list } });
      expect(r.code).toBe(0);
      const loaded = fs.readFileSync(list, 'utf8').split('\n');
      const ours = loaded.filter((f) => !f.startsWith(path.join(ROOT, 'bin')) && !f.startsWith(path.join(ROOT, 'test')));
      // One small file: the CLI's entry (bundled, or compiled by tsc when no bundle is built).
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatch(/lib[\\/](bundle[\\/]llm-market|src[\\/]cli[\\/]main)\.js$/);
    }
  });

  test('a cold eval loads no zod: the bundled dataset was validated at build time', () => {
    const list = path.join(tmp, 'loaded-eval.txt');
    const r = cli(['eval', '=TOKENS("xAI","2025-09-30")'], { node: ['-r', path.join(__dirname, 'helpers', 'loaded-modules.js')], env: { LLM_MARKET_LOADED_LIST: list } });
    expect(r.out).toBe('=TOKENS("xAI","2025-09-30") → 262000000000\n');
    const loaded = fs.readFileSync(list, 'utf8');
    if (fs.existsSync(path.join(ROOT, 'lib', 'bundle', 'llm-market.js'))) expect(loaded).not.toMatch(/node_modules[\\/]zod/);
  });

  test.each([
    [['frobnicate'], /^llm-market: unknown command "frobnicate"\nusage: llm-market <command>/],
    [['--frobnicate'], /^llm-market: unknown option "--frobnicate"\nusage: llm-market <command>/],
    [['eval', '--bogus', '=1'], /^llm-market: unknown option "--bogus" for eval\nusage: llm-market eval /],
    [['facts', '--format', 'xml'], /^llm-market: unknown format "xml"; use tsv, csv, json\nusage: llm-market facts /],
    [['help', 'nope'], /^llm-market: no command "nope"/],
    [['facts', '--from', 'yesterday'], /^llm-market: --from "yesterday" is not a date I can read\. Use /],
    [['facts', '--from', '2025', '--to', '2024'], /^llm-market: --from 2025 is after --to 2024/],
  ])('%j: one line and a usage hint on stderr, exit 2', (args, expected) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(expected);
    expect(r.err.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('a pipe closed early', () => {
  test.each([
    ['facts | head -1', 'facts --format json'],
    ['eval of a long spill | head -1', `eval --format csv '=LLM.METRICS()' '=LLM.METRICS()' '=LLM.METRICS()'`],
  ])('%s ends quietly, exit 0', (_name, args) => {
    // Enough output to fill the pipe, so that writes after head has exited really fail with EPIPE.
    const big = `node ${JSON.stringify(BIN)} ${args}; node ${JSON.stringify(BIN)} facts --format json; node ${JSON.stringify(BIN)} facts --format csv`;
    const r = spawnSync('bash', ['-c', `set -o pipefail; (${big.split('; ').join(' && ')}) | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });

  test('the binary alone, its reader gone after one line: exit 0, nothing on stderr', () => {
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} facts --format json | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });
});

describe('facts', () => {
  const COLUMNS = 'id entity entity_name metric qualifier value unit as_read period_start period_end basis scope source source_name document document_title document_date quote'.split(' ');

  test('TSV by default, with a header row, names beside ids and plain numbers', () => {
    const r = cli(['facts']);
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows[0]).toEqual(COLUMNS);
    expect(rows.length).toBeGreaterThan(90);
    for (const row of rows) expect(row).toHaveLength(COLUMNS.length);
    const xai = rows.find((row) => row[0] === '001-xai-tokens')!;
    const at = (c: string) => xai[COLUMNS.indexOf(c)];
    expect([at('entity'), at('entity_name'), at('value'), at('qualifier'), at('source'), at('source_name')]).toEqual(['xai', 'xAI', '262000000000', '', 'openrouter', 'OpenRouter']);
    // The figure as the document writes it, and the document named beside its id (issue 17).
    expect([at('as_read'), at('document'), at('document_title'), at('document_date')]).toEqual(['2,620亿', '001_693efba5fa28deb1', 'Dense LLM launches and strong call volumes support the AI investment case', '2025-10-03']);
    for (const row of rows.slice(1)) expect(row[COLUMNS.indexOf('as_read')]).not.toMatch(/e[+-]?\d/);
    // No cell starts with "=": pasted into Excel it would become a formula.
    for (const row of rows) for (const cell of row) expect(cell.startsWith('=')).toBe(false);
  });

  test('a qualifier other than "=" has its own column; the value stays a number', () => {
    const rows = cli(['facts', '--entity', 'Doubao', '--metric', 'tokens']).out.trimEnd().split('\n').map((l) => l.split('\t'));
    const over = rows.find((row) => row[4] === '>')!;
    expect(over[5]).toBe('30000000000000');
  });

  test('CSV is RFC 4180: a quote with commas is quoted and reads back as the same fields', () => {
    const r = cli(['facts', '--format', 'csv', '--entity', 'xAI']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('"xAI的模型token日均调用量为2,620亿"');
    const rows = parseCsv(r.out);
    expect(rows[0]).toEqual(COLUMNS);
    const json = JSON.parse(cli(['facts', '--format', 'json', '--entity', 'xAI']).out);
    expect(rows.slice(1).map((row) => [row[0], row[COLUMNS.indexOf('quote')], Number(row[COLUMNS.indexOf('value')])])).toEqual(
      json.map((f: { id: string; quote: string; value: number }) => [f.id, f.quote, f.value]),
    );
  });

  test('JSON: every fact with its fields and the entity and source names', () => {
    const facts = JSON.parse(cli(['facts', '--json', '--entity', 'xAI']).out);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) expect(f).toMatchObject({ entity_name: expect.any(String), source_name: expect.any(String), period: expect.any(Object) });
    expect(cli(['facts', '--format', 'json', '--entity', 'xAI']).out).toBe(cli(['facts', '--json', '--entity', 'xAI']).out);
  });

  test('--from/--to keep the facts whose period overlaps the window, in any date form', () => {
    const all: { id: string; period: { start: string; end: string } }[] = JSON.parse(cli(['facts', '--json']).out);
    const window = (from: string, to: string) => all.filter((f) => f.period.end >= from && f.period.start <= to).map((f) => f.id);
    const ids = (args: string[]) => JSON.parse(cli(['facts', '--json', ...args]).out).map((f: { id: string }) => f.id);
    const h1 = ids(['--from', '2025H1', '--to', '2025年上半年']);
    expect(h1).toEqual(window('2025-01-01', '2025-06-30'));
    expect(h1.length).toBeGreaterThan(0);
    expect(h1.length).toBeLessThan(all.length);
    expect(ids(['--from', '2025-09-30'])).toEqual(window('2025-09-30', '9999-12-31'));
    expect(ids(['--to', '2024'])).toEqual(window('0000-01-01', '2024-12-31'));
    // A fact spanning the window's edge is kept: a two-year period overlaps its second year.
    const long = all.find((f) => f.period.start < '2025-01-01' && f.period.end >= '2025-01-01');
    if (long) expect(ids(['--from', '2025'])).toContain(long.id);
  });

  test.each([
    ['Baidu', /^llm-market: Baidu \(百度\) has no facts; related entities with facts: Baidu AI Cloud \(\d+ facts?\)\.\n$/],
    ['ByteDance', /^llm-market: ByteDance \(字节跳动\) has no facts; related entities with facts: Volcano Engine \(\d+ facts?\), Doubao \(\d+ facts?\), Seedream 4\.0 \(\d+ facts?\)\.\n$/],
    ['Volcanoe', /^llm-market: unknown entity "Volcanoe"\. Did you mean "Volcano Engine"\? llm-market eval '=ENTITIES\(\)' lists every known name\.\n$/],
  ])('--entity %s: one line naming where the facts are, exit 1', (name, expected) => {
    const r = cli(['facts', '--entity', name]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(expected);
  });
});

describe('eval formats', () => {
  const SERIES = '=LLM.SERIES("Doubao","tokens")';
  const RANK = '=LLM.RANK("share","2025H1","IDC")';

  test('text: a spill on indented rows under its formula', () => {
    const r = cli(['eval', SERIES, '=1+1']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${SERIES} →\n  45443    120000000000\n  45930  30000000000000\n=1+1 → 2\n`);
  });

  test('csv: one line per row, formulas separated by an empty line, text quoted when it must be', () => {
    const r = cli(['eval', '--format', 'csv', SERIES, '=1+1', RANK, '="a,"&CHAR(34)&"b"&CHAR(34)']);
    expect(r.code).toBe(0);
    const blocks = r.out.trimEnd().split('\n\n');
    expect(blocks.map((b) => parseCsv(`${b}\n`))).toEqual([
      [['45443', '120000000000'], ['45930', '30000000000000']],
      [['2']],
      [['Volcano Engine', '0.492'], ['Alibaba Cloud (Cloud Intelligence Group)', '0.27'], ['Baidu AI Cloud', '0.17']],
      [['a,"b"']],
    ]);
  });

  test('tsv: tab-separated rows', () => {
    const r = cli(['eval', '--format', 'tsv', RANK]);
    expect(r.out).toBe('Volcano Engine\t0.492\nAlibaba Cloud (Cloud Intelligence Group)\t0.27\nBaidu AI Cloud\t0.17\n');
  });

  test('csv/tsv: an Excel error is its code in the cell and its message on stderr; exit 0', () => {
    const r = cli(['eval', '--format', 'tsv', '=TOKENS("Volcanoe")']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('#N/A\n');
    expect(r.err).toMatch(/^llm-market: =TOKENS\("Volcanoe"\): #N\/A unknown entity "Volcanoe"\./);
  });

  test('json (and its alias --json): arrays of rows for spills, one row per line', () => {
    const r = cli(['eval', '--format', 'json', SERIES, '=TOKENS("Volcanoe")']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('\n  [45443,120000000000],\n  [45930,30000000000000]]');
    const parsed = JSON.parse(r.out);
    expect(parsed[0]).toMatchObject({ formula: SERIES, value: [[45443, 120e9], [45930, 30e12]] });
    expect(parsed[1]).toMatchObject({ formula: '=TOKENS("Volcanoe")', error: '#N/A' });
    expect(cli(['eval', '--json', SERIES, '=TOKENS("Volcanoe")']).out).toBe(r.out);
  });

  test('formulas from stdin', () => {
    const r = cli(['eval', '--format', 'csv'], { input: '# a comment\n=1+1\n\n=2*3\n' });
    expect(r.out).toBe('2\n\n6\n');
  });
});
