/** The `llm-market` command: eval, calc (with --check and --out), facts, usage and damaged input. */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from './helpers/cli';

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'llm-market-example.xlsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cli-'));

const run = runCli;

describe('eval', () => {
  test('the README example, as JSON, through the real binary', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/llm-market.js'), 'eval', '--json', '=TOKENS("xAI","2025-09-30")', '=SHARE("Volcano","IDC")', '=LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const values = JSON.parse(r.stdout).map((x: { value: number }) => x.value);
    expect(values[0]).toBe(262000000000);
    expect(values[1]).toBe(0.492);
    expect(values[2]).toBeCloseTo(3.195, 3);
  });

  test('text output, errors still exit 0', async () => {
    const r = await run(['eval', '=TOKENS("xAI","2025-09-30","B")', '=TOKENS("Volcanoe")']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('=TOKENS("xAI","2025-09-30","B") → 262');
    expect(r.out).toMatch(/=TOKENS\("Volcanoe"\) → #N\/A unknown entity "Volcanoe"\. Did you mean "Volcano Engine"\?/);
  });

  test('formulas from stdin, one per line; spills as arrays of rows', async () => {
    const r = await run(['eval', '--json'], '=LLM.SERIES("Doubao","tokens")\n\n=1+1\n');
    expect(JSON.parse(r.out)).toEqual([
      { formula: '=LLM.SERIES("Doubao","tokens")', value: [[45443, 120e9], [45930, 30e12]], facts: ['003-doubao-tokens-2024-05', '003-doubao-tokens-2025-09'], datasets: [expect.stringMatching(/^bundled dataset \d{4}-\d\d-\d\d, [0-9a-f]{8}$/), expect.stringMatching(/^bundled dataset /)] },
      { formula: '=1+1', value: 2 },
    ]);
  });

  test('usage errors exit 2 with usage text', async () => {
    for (const argv of [[], ['eval'], ['eval', '--bogus', '=1'], ['frobnicate'], ['calc'], ['facts', 'x']]) {
      const r = await run(argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.err).toContain('usage: llm-market');
    }
  });
});

describe('calc', () => {
  test('--check passes on the committed example workbook', async () => {
    const r = await run(['calc', EXAMPLE, '--check']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/check: all \d+ formulas match/);
    expect(r.out).toContain('Functions!C2 =_xldudf_LLM_TOKENS("xAI","2025-09-30") → 262000000000');
  });

  test('--check exits 1 naming the cell whose saved value differs', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const cell = wb.getWorksheet('Functions')!.getCell('C2');
    cell.value = { formula: cell.formula, result: 1 } as ExcelJS.CellValue;
    const copy = path.join(tmp, 'changed.xlsx');
    await wb.xlsx.writeFile(copy);
    const r = await run(['calc', copy, '--check']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/differs: Functions!C2 =_xldudf_LLM_TOKENS\("xAI","2025-09-30"\): saved 1, now 262000000000/);
  });

  test('--out writes recomputed values that --check then accepts', async () => {
    const out = path.join(tmp, 'out.xlsx');
    expect((await run(['calc', EXAMPLE, '--out', out, '--json'])).code).toBe(0);
    expect((await run(['calc', out, '--check'])).code).toBe(0);
  });

  test('--json lists every formula cell', async () => {
    const r = await run(['calc', EXAMPLE, '--json']);
    const cells = JSON.parse(r.out);
    expect(cells.find((c: { address: string; sheet: string }) => c.sheet === 'Spills' && c.address === 'D2').value).toEqual([
      ['xAI', 262e9],
      ['Alphabet (Google)', 132e9],
      ['OpenAI', 82e9],
    ]);
  });
});

describe('damaged input: one line, exit 4, no stack trace', () => {
  const cases: [string, () => Promise<string>][] = [
    ['a missing file', async () => path.join(tmp, 'nope.xlsx')],
    ['a text file', async () => {
      const p = path.join(tmp, 'text.xlsx');
      fs.writeFileSync(p, 'this is not a workbook');
      return p;
    }],
    ['a truncated workbook', async () => {
      const p = path.join(tmp, 'truncated.xlsx');
      const b = fs.readFileSync(EXAMPLE);
      fs.writeFileSync(p, b.subarray(0, Math.floor(b.length / 2)));
      return p;
    }],
    ['a zip that is not a workbook', async () => {
      const JSZip = require('jszip');
      const zip = new JSZip();
      zip.file('hello.txt', 'hi');
      const p = path.join(tmp, 'zip.xlsx');
      fs.writeFileSync(p, await zip.generateAsync({ type: 'nodebuffer' }));
      return p;
    }],
    ['an empty file', async () => {
      const p = path.join(tmp, 'empty.xlsx');
      fs.writeFileSync(p, '');
      return p;
    }],
  ];
  test.each(cases)('%s', async (_name, make) => {
    const file = await make();
    const r = await run(['calc', file, '--check']);
    expect(r.code).toBe(4); // a book that could not be evaluated
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^llm-market: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('a formula the engine cannot parse is reported for its cell, not a crash', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').getCell('A1').value = { formula: 'SUM(1,', result: 1 } as ExcelJS.CellValue;
    const p = path.join(tmp, 'badformula.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await run(['calc', p]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/S!A1 =SUM\(1, → unsupported: the engine cannot parse this formula \(.+\) \(Excel's value 1 kept\)/);
    expect((await run(['calc', p, '--check'])).code).toBe(3);
  });
});

describe('facts', () => {
  test('--json prints every fact with all its fields', async () => {
    const r = await run(['facts', '--json']);
    const facts = JSON.parse(r.out);
    expect(facts.length).toBeGreaterThanOrEqual(97);
    for (const f of facts) {
      for (const k of ['id', 'entity', 'metric', 'value', 'unit', 'period', 'qualifier', 'source', 'document', 'quote']) expect(f).toHaveProperty(k);
    }
  });
  test('filters by entity (any alias), metric and document', async () => {
    const r = await run(['facts', '--json', '--entity', '火山引擎', '--metric', 'share']);
    const facts = JSON.parse(r.out);
    expect(facts.map((f: { value: number }) => f.value).sort()).toEqual([0.148, 0.492]);
    const d = JSON.parse((await run(['facts', '--json', '--document', '001_693efba5fa28deb1'])).out);
    expect(d.every((f: { document: string }) => f.document === '001_693efba5fa28deb1')).toBe(true);
  });
  test('an unknown entity is an error naming it', async () => {
    const r = await run(['facts', '--entity', 'Volcanoe']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown entity "Volcanoe"/);
  });
});

describe('fuzzing the command line', () => {
  const fc = require('fast-check');
  const token = fc.oneof(
    fc.constantFrom('eval', 'calc', 'facts', 'help', '--json', '--check', '--out', '--entity', '--metric', '--document', '--source', '--bogus', '-x', '--', '=1+1', '=TOKENS("xAI")', EXAMPLE),
    fc.string(),
  );
  test('random argument lists: an exit code of 0 to 4, never an exception or a stack trace (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 5 }), async (argv: string[]) => {
        // --out would write files: keep it pointing into the temp folder.
        const safe = argv.map((a, i) => (argv[i - 1] === '--out' ? path.join(tmp, 'fuzz-out.xlsx') : a));
        const r = await run(safe, '=1\n');
        expect([0, 1, 2, 3, 4]).toContain(r.code);
        expect(r.err).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes as a workbook: one line, exit 4 (100 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes: Uint8Array) => {
        const p = path.join(tmp, 'random.xlsx');
        fs.writeFileSync(p, bytes);
        const r = await run(['calc', p]);
        expect(r.code).toBe(4);
        expect(r.err.split('\n')).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
  });

  test("a sheet using Excel's last row computes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tall');
    ws.getCell('A1').value = { formula: 'LLM.TOKENS("xAI","2025-09-30","B")+A1048576' } as ExcelJS.CellValue;
    ws.getCell('A1048576').value = 1;
    const p = path.join(tmp, 'tall.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await run(['calc', p]);
    expect(r.err).toBe('');
    expect(r.out).toBe('Tall!A1 =LLM.TOKENS("xAI","2025-09-30","B")+A1048576 → 263');
    expect(r.code).toBe(0);
  });
});
