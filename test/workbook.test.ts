/**
 * calc on workbooks written the way Excel writes them (raw XML parts, see
 * workbookXml.ts): names, spills sized from the file, empty-string results,
 * shared formulas, the 1904 date system, Excel's grid, unsupported functions,
 * CI output formats and exit codes, and `--out` keeping every byte but cached values.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { unzipSync, strFromU8 } from 'fflate';
import type { Io } from '../src/cli/main';
import { runCli } from './helpers/cli';
import { BookSpec, writeXlsxFile, xlsxParts } from './workbookXml';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-book-'));
let n = 0;
const book = (spec: BookSpec) => writeXlsxFile(path.join(tmp, `b${++n}.xlsx`), spec);

const run = runCli;

const T = 262000000000;

// Inputs in cells, names over them (workbook- and sheet-scoped), LLM functions in Excel's stored form.
const NAMED: BookSpec = {
  strings: ['xAI', '2025-09-30', 'B', 'M'],
  sheets: [
    { name: 'Inputs', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' },
    {
      name: 'Model',
      rows:
        `<row r="1"><c r="A1"><f>_xldudf_LLM_TOKENS(Entity,AsOf,Scale)</f><v>262</v></c>` +
        `<c r="B1"><f>A1*Factor</f><v>524</v></c></row>`,
    },
    { name: 'Other', rows: `<row r="1"><c r="A1"><f>_xldudf_LLM_TOKENS(Entity,AsOf,Scale)</f><v>262000</v></c></row>` },
  ],
  names:
    '<definedName name="AsOf">Inputs!$B$1</definedName><definedName name="Entity">Inputs!$A$1</definedName>' +
    '<definedName name="Factor">2</definedName>' +
    '<definedName name="Scale" localSheetId="1">"B"</definedName><definedName name="Scale" localSheetId="2">"M"</definedName>',
};

describe('defined names', () => {
  test('workbook- and sheet-scoped names (ranges and constants) evaluate as in Excel', async () => {
    const r = await run(['calc', book(NAMED), '--check']);
    expect(r.err).toBe('');
    expect(r.out).toContain('Model!A1 =_xldudf_LLM_TOKENS(Entity,AsOf,Scale) → 262');
    expect(r.out).toContain('Other!A1 =_xldudf_LLM_TOKENS(Entity,AsOf,Scale) → 262000');
    expect(r.out).toContain('Model!B1 =A1*Factor → 524');
    expect(r.code).toBe(0);
  });
});

// RANK over arguments from cells: Excel spilled it into A1:B3 (3 rows, top = 3 from a cell).
const rankRows = (ref: string, rows: [string, number][], extraRows = '') =>
  rows
    .map(([name, v], i) =>
      i === 0
        ? `<row r="1"><c r="A1" t="str" cm="1"><f t="array" ref="${ref}">_xldudf_LLM_RANK(Inputs!A1,Inputs!B1,Inputs!C1,Inputs!D1)</f><v>${name}</v></c><c r="B1"><v>${v}</v></c></row>`
        : `<row r="${i + 1}"><c r="A${i + 1}" t="str"><v>${name}</v></c><c r="B${i + 1}"><v>${v}</v></c></row>`,
    )
    .join('') + extraRows;
const RANKED: [string, number][] = [
  ['xAI', T],
  ['Alphabet (Google)', 132000000000],
  ['OpenAI', 82000000000],
];
const rankBook = (ref: string, rows: [string, number][], below: string): BookSpec => ({
  dynamicArrays: true,
  strings: ['tokens', '2025-09-30', 'OpenRouter', 'total'],
  sheets: [
    { name: 'Inputs', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1"><v>3</v></c></row>' },
    { name: 'Rank', rows: rankRows(ref, rows, below) },
  ],
});
const BELOW = '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><f>SUM(B1:B3)</f><v>476000000000</v></c></row>';

describe('spills sized from the file', () => {
  test('a cell right below a cell-argument RANK spill does not make #SPILL!, and a SUM over the spill is right', async () => {
    const r = await run(['calc', book(rankBook('A1:B3', RANKED, BELOW)), '--check']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Rank!B4 =SUM(B1:B3) → 476000000000');
    expect(r.out).toContain('Rank!A1 =_xldudf_LLM_RANK(Inputs!A1,Inputs!B1,Inputs!C1,Inputs!D1) → [["xAI",262000000000],["Alphabet (Google)",132000000000],["OpenAI",82000000000]]');
  });

  test('a spill whose recomputed size differs is a difference naming both ranges', async () => {
    const four: [string, number][] = [...RANKED, ['DeepSeek', 75000000000]];
    const shrank = await run(['calc', book(rankBook('A1:B4', four, '')), '--check']);
    expect(shrank.code).toBe(1);
    expect(shrank.err).toContain('differs: Rank!A1 =_xldudf_LLM_RANK(Inputs!A1,Inputs!B1,Inputs!C1,Inputs!D1): spill shrank from A1:B4 to A1:B3');
    const grew = await run(['calc', book(rankBook('A1:B2', RANKED.slice(0, 2), '')), '--check']);
    expect(grew.code).toBe(1);
    expect(grew.err).toContain('spill grew from A1:B2 to A1:B3');
  });
});

describe('saved values Excel writes', () => {
  test('an empty <v/> on a t="str" formula is an empty-string result, not "nothing saved"', async () => {
    const r = await run([
      'calc',
      book({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="str"><f>IFERROR(1/0,"")</f><v></v></c><c r="B1" t="str"><f>IF(FALSE,1,"")</f><v/></c><c r="C1" t="e"><f>NA()</f><v>#N/A</v></c><c r="D1" t="b"><f>1&gt;0</f><v>1</v></c></row>' }] }),
      '--check',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('a reference to an empty cell is 0, as Excel shows it; a bare range spills', async () => {
    const rows =
      '<row r="1"><c r="B1"><f>A1</f><v>0</v></c><c r="C1"><v>5</v></c></row>' +
      '<row r="2"><c r="E2" cm="1"><f t="array" ref="E2:E4">C1:C3</f><v>5</v></c></row><row r="3"><c r="C3" t="s"><v>0</v></c><c r="E3"><v>0</v></c></row><row r="4"><c r="E4" t="str"><v>x</v></c></row>';
    const r = await run(['calc', book({ dynamicArrays: true, strings: ['x'], sheets: [{ name: 'S', rows }] }), '--check']);
    expect(r.err).toBe('');
    expect(r.out).toContain('S!E2 =C1:C3 → [[5],[0],["x"]]');
    expect(r.code).toBe(0);
  });

  test('filled-down (shared) formulas are expanded with their relative references moved', async () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*10+$A$1</f><v>11</v></c></row>' +
      '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>21</v></c></row>' +
      '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>31</v></c></row>';
    const r = await run(['calc', book({ sheets: [{ name: 'S', rows }] }), '--check']);
    expect(r.out).toContain('S!B3 =A3*10+$A$1 → 31');
    expect(r.code).toBe(0);
  });

  test('text that looks like a number or a date stays text, as in Excel', async () => {
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>ISTEXT(A1)</f><v>1</v></c><c r="C1" t="b"><f>ISTEXT(A1)</f><v>1</v></c></row>';
    const r = await run(['calc', book({ strings: ['2025-09-30'], sheets: [{ name: 'S', rows }] }), '--check']);
    // B1 saved 1 (a number) where TRUE is now: that is a difference, C1 is not.
    expect(r.err).toContain('differs: S!B1');
    expect(r.err).not.toContain('S!C1');
  });
});

describe('1904 date system', () => {
  test('DATE() gives 1904 serials; LLM.* reads a serial as the add-in does (1900 system), text dates mean the same in both', async () => {
    const rows =
      '<row r="1"><c r="A1" s="1"><f>DATE(2025,9,30)</f><v>44468</v></c>' +
      '<c r="B1"><f>_xldudf_LLM_TOKENS("xAI","2025-09-30")</f><v>262000000000</v></c>' +
      '<c r="C1" t="e"><f>_xldudf_LLM_TOKENS("xAI",A1)</f><v>#N/A</v></c>' +
      '<c r="D1"><f>YEAR(A1)</f><v>2025</v></c></row>';
    const r = await run(['calc', book({ date1904: true, sheets: [{ name: 'S', rows }] }), '--check']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/S!C1 .* → #N\/A no tokens for xAI: .*on or before 2021-09-29 \(Excel serial 44468\)/);
    expect(r.code).toBe(0);
    // The same sheet read in the 1900 system differs at A1: the date system is really applied.
    const wrong = await run(['calc', book({ sheets: [{ name: 'S', rows }] }), '--check']);
    expect(wrong.err).toContain('differs: S!A1 =DATE(2025,9,30): saved 44468, now 45930');
  });
});

describe("Excel's grid and the engine's limits", () => {
  test('a sheet with data in row 1,048,576 computes', async () => {
    const rows = '<row r="1"><c r="A1"><f>A1048576*2</f><v>10</v></c></row><row r="1048576"><c r="A1048576"><v>5</v></c></row>';
    const r = await run(['calc', book({ sheets: [{ name: 'Tall', rows }] }), '--check']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('a formula nested too deep to parse is unsupported for its own cell; the other cells compute', async () => {
    const deep = `${'ABS('.repeat(160)}1${')'.repeat(160)}`;
    const rows = `<row r="1"><c r="A1"><f>${deep}</f><v>1</v></c><c r="B1"><f>A1+1</f><v>2</v></c><c r="C1"><f>_xldudf_LLM_TOKENS("xAI","2025-09-30","B")</f><v>262</v></c></row>`;
    const r = await run(['calc', book({ sheets: [{ name: 'S', rows }] }), '--check']);
    expect(r.err).toMatch(/^unsupported: S!A1 =ABS\(.*: parentheses nest 160 deep; the engine's parser handles at most 100$/m);
    expect(r.out).toContain('S!B1 =A1+1 → 2');
    expect(r.out).toContain('S!C1 =_xldudf_LLM_TOKENS("xAI","2025-09-30","B") → 262');
    expect(r.code).toBe(3);
    // A long chain of operators (within Excel's 8,192 characters) overflows the parser too.
    const chain = Array(3500).fill('1').join('+');
    const r2 = await run(['calc', book({ sheets: [{ name: 'S', rows: `<row r="1"><c r="A1"><f>${chain}</f><v>3500</v></c><c r="B1"><f>A1+1</f><v>3501</v></c></row>` }] }), '--check']);
    expect(r2.err).toMatch(/^unsupported: S!A1 =1\+1.*: the formula is too deeply nested for the engine's parser/m);
    expect(r2.out).toContain('S!B1 =A1+1 → 3501');
    expect(r2.code).toBe(3);
  });

  test('beyond the cap on cells or on inflated size: one line naming the cap, no crash', async () => {
    const { calcCommand } = await import('../src/cli/calc');
    const errs: string[] = [];
    const io: Io = { out: () => undefined, err: (e) => errs.push(e), stdin: () => '' };
    // A book over a cap is not evaluated: exit 4, and the one line on stderr names the cap.
    const refused = async (args: string[], caps: Parameters<typeof calcCommand>[2], message: RegExp) => {
      errs.length = 0;
      expect(await calcCommand(args, io, caps)).toBe(4);
      expect(errs).toEqual([expect.stringMatching(message)]);
    };
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const file = book({ sheets: [{ name: 'S', rows }] });
    await refused([file], { maxCells: 20 }, /^llm-market: \S+ has more than 20 cells with values or formulas \(the cap on cells, reached at S!A21\); calc stops here$/);
    // A zip bomb in miniature: 4 MiB of whitespace compresses to a few KiB.
    const bomb = xlsxParts({ sheets: [{ name: 'S', rows: `<row r="1"><c r="A1"><v>1</v></c></row>${' '.repeat(4 << 20)}` }] });
    const p = path.join(tmp, 'bomb.xlsx');
    fs.writeFileSync(p, require('./workbookXml').zipParts(bomb));
    expect(fs.statSync(p).size).toBeLessThan(64 << 10);
    await refused([p], { maxInflatedBytes: 1 << 20 }, /inflates to more than 1 MiB \(the cap on a workbook's uncompressed size, reached in xl\/worksheets\/sheet1\.xml\); calc stops here$/);
    await refused([p], { maxTextRun: 1 << 20 }, /a run of more than 1048576 characters without markup/);
    const strings = path.join(tmp, 'strings.xlsx');
    writeXlsxFile(strings, { strings: Array.from({ length: 30 }, (_, i) => `s${i}`), sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }] });
    await refused([strings], { maxCells: 20 }, /has more than 20 shared strings \(the cap on cells\)/);
    await refused([strings], { maxStringChars: 50 }, /has more than 50 characters of shared strings \(the cap on text held in memory\)/);
    // Through the command: one line on stderr, exit 4.
    const r = await run(['calc', p]);
    expect(r.code).toBe(4);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});

test('damaged workbooks (random bytes changed in a real one): a WorkbookError or a result, never another exception (200 runs)', async () => {
  const { calcWorkbook, WorkbookError } = await import('../src/engine/workbook');
  const good = fs.readFileSync(book(NAMED));
  const fc = require('fast-check');
  const p = path.join(tmp, 'damaged.xlsx');
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips: [number, number][]) => {
      const b = Buffer.from(good);
      for (const [i, v] of flips) b[i] = v;
      fs.writeFileSync(p, b);
      try {
        await calcWorkbook(p);
      } catch (e) {
        expect(e).toBeInstanceOf(WorkbookError);
        expect((e as Error).message).not.toContain('\n');
      }
    }),
    { numRuns: 200 },
  );
});

test('a <definedName> or <sheet> without its name attribute (found by the damaged-workbook property) is a WorkbookError naming it', async () => {
  const { calcWorkbook, WorkbookError } = await import('../src/engine/workbook');
  const noName = book({ ...NAMED, names: '<definedName>S!$A$1</definedName>' });
  await expect(calcWorkbook(noName)).rejects.toThrow(WorkbookError);
  await expect(calcWorkbook(noName)).rejects.toThrow('xl/workbook.xml: a <definedName> without a name attribute');
  const parts = xlsxParts({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });
  parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace('<sheet name="S"', '<sheet');
  const p = path.join(tmp, 'sheet-without-name.xlsx');
  fs.writeFileSync(p, require('./workbookXml').zipParts(parts));
  await expect(calcWorkbook(p)).rejects.toThrow('xl/workbook.xml: a <sheet> without a name attribute');
});

const UNSUPPORTED: BookSpec = {
  sheets: [
    {
      name: 'S',
      rows:
        '<row r="1"><c r="A1"><f>_xldudf_CONTOSO_PRICE("MSFT")</f><v>400</v></c><c r="B1"><f>A1*2</f><v>800</v></c>' +
        '<c r="C1"><f>_xldudf_LLM_TOKENS("xAI","2025-09-30","B")</f><v>262</v></c></row>',
    },
  ],
};

describe('unsupported functions and CI output', () => {
  test('an unknown add-in function is unsupported (exit 3), named with its cell; its dependents use the value Excel saved', async () => {
    const r = await run(['calc', book(UNSUPPORTED), '--check']);
    expect(r.err).toContain('unsupported: S!A1 =_xldudf_CONTOSO_PRICE("MSFT"): CONTOSO_PRICE is a function of another add-in');
    expect(r.err).not.toContain('differs');
    expect(r.out).toContain('S!B1 =A1*2 → 800');
    expect(r.code).toBe(3);
  });

  test('differences win over unsupported: exit 1; --format json and --json agree', async () => {
    const spec = structuredClone(UNSUPPORTED);
    spec.sheets[0].rows = spec.sheets[0].rows.replace('<v>262</v>', '<v>261</v>');
    const file = book(spec);
    const text = await run(['calc', file, '--check']);
    expect(text.code).toBe(1);
    const a = await run(['calc', file, '--check', '--format', 'json']);
    const b = await run(['calc', file, '--check', '--json']);
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    const j = JSON.parse(a.out);
    expect(j.status).toBe('differences');
    expect(j.differences).toEqual([expect.objectContaining({ sheet: 'S', address: 'C1', saved: 261, now: 262 })]);
    expect(j.unsupported).toEqual([expect.objectContaining({ sheet: 'S', address: 'A1', functions: ['CONTOSO_PRICE'] })]);
    expect((await run(['calc', file, '--format', 'yaml'])).code).toBe(2);
  });

  test('--format junit: one test case per formula cell, differences fail, unsupported are skipped with the reason', async () => {
    const spec = structuredClone(UNSUPPORTED);
    spec.sheets[0].rows = spec.sheets[0].rows.replace('<v>262</v>', '<v>261</v>');
    const r = await run(['calc', book(spec), '--check', '--format', 'junit']);
    expect(r.code).toBe(1);
    const cases: { name: string; child?: string; message?: string }[] = [];
    const p = new SaxesParser();
    p.on('opentag', (t) => {
      if (t.name === 'testcase') cases.push({ name: String(t.attributes.name) });
      else if (t.name === 'failure' || t.name === 'skipped') Object.assign(cases[cases.length - 1], { child: t.name, message: String(t.attributes.message) });
    });
    p.write(r.out).close();
    expect(cases).toEqual([
      { name: 'S!A1 =_xldudf_CONTOSO_PRICE("MSFT")', child: 'skipped', message: expect.stringContaining('unsupported: CONTOSO_PRICE is a function of another add-in') },
      { name: 'S!B1 =A1*2' },
      { name: 'S!C1 =_xldudf_LLM_TOKENS("xAI","2025-09-30","B")', child: 'failure', message: 'S!C1: saved 261, now 262' },
    ]);
    expect(r.out).toMatch(/<testsuites [^>]*tests="3" failures="1" skipped="1"/);
  });
});

describe('--out writes what Excel wrote, with only cached values changed', () => {
  const rows =
    `<row r="1"><c r="A1"><f>_xldudf_LLM_TOKENS(Entity,"2025-09-30","B")</f><v>1</v></c>` +
    `<c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v></c><c r="C1" t="str"><f>IFERROR(1/0,"")</f><v></v></c><c r="D1"><f>_xldudf_CONTOSO_PRICE("MSFT")</f><v>400</v></c></row>` +
    `<row r="2"><c r="A2"><v>7</v></c><c r="B2"><f t="shared" si="0"/><v>14</v></c></row>`;
  const spec = (): BookSpec => {
    const s = rankBook('A1:B3', RANKED.map(([a]) => [a, 1]), BELOW.replace('476000000000', '3'));
    s.sheets.push({ name: 'Mixed', rows });
    s.names = '<definedName name="Entity">"xAI"</definedName><definedName name="Local" localSheetId="1">Rank!$B$1</definedName>';
    s.strings!.push('unused');
    return s;
  };

  test('every part but the sheets is byte-identical; in the sheets only <v> and t changed; --check then passes', async () => {
    const src = book(spec());
    const dst = path.join(tmp, 'out.xlsx');
    const first = await run(['calc', src, '--check', '--out', dst]);
    expect(first.code).toBe(1); // the saved values were stale
    expect(first.err).toContain('unsupported: Mixed!D1');
    const again = await run(['calc', dst, '--check']);
    expect(again.err).toBe(['unsupported: Mixed!D1 =_xldudf_CONTOSO_PRICE("MSFT"): CONTOSO_PRICE is a function of another add-in (stored as _xldudf_CONTOSO_PRICE); only LLM.* add-in functions can be evaluated', 'check: 1 formula unsupported'].join('\n'));
    expect(again.code).toBe(3);

    const before = unzipSync(fs.readFileSync(src));
    const after = unzipSync(fs.readFileSync(dst));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const part of Object.keys(before)) {
      if (part === 'xl/worksheets/sheet2.xml' || part === 'xl/worksheets/sheet3.xml') continue;
      expect([part, Buffer.from(after[part]).equals(Buffer.from(before[part]))]).toEqual([part, true]);
    }
    // The expected sheets: the originals with exactly the stale <v> replaced.
    const rank = strFromU8(before['xl/worksheets/sheet2.xml'])
      .replace('<c r="B1"><v>1</v>', `<c r="B1"><v>${T}</v>`)
      .replace('<c r="B2"><v>1</v>', '<c r="B2"><v>132000000000</v>')
      .replace('<c r="B3"><v>1</v>', '<c r="B3"><v>82000000000</v>')
      .replace('<v>3</v></c></row>', '<v>476000000000</v></c></row>');
    expect(strFromU8(after['xl/worksheets/sheet2.xml'])).toBe(rank);
    const mixed = strFromU8(before['xl/worksheets/sheet3.xml'])
      .replace('<f>_xldudf_LLM_TOKENS(Entity,"2025-09-30","B")</f><v>1</v>', '<f>_xldudf_LLM_TOKENS(Entity,"2025-09-30","B")</f><v>262</v>')
      .replace('<f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v>', '<f t="shared" ref="B1:B2" si="0">A1*2</f><v>524</v>');
    expect(strFromU8(after['xl/worksheets/sheet3.xml'])).toBe(mixed);
    expect(strFromU8(after['xl/workbook.xml'])).toContain('<calcPr calcId="191029"/>');
    expect(strFromU8(after['xl/metadata.xml'])).toContain('fDynamic="1"');

    // Another reader opens it: exceljs, and a plain XML parse of every part.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(dst);
    expect(wb.getWorksheet('Mixed')!.getCell('A1').result).toBe(262);
    expect(wb.getWorksheet('Rank')!.getCell('B4').result).toBe(476000000000);
    for (const [part, bytes] of Object.entries(after)) if (/\.(xml|rels)$/.test(part)) new SaxesParser().write(strFromU8(bytes)).close();
  });

  test('a value of another type rewrites t (a number over a string, an error, a boolean)', async () => {
    const r = `<row r="1"><c r="A1" t="str"><f>1+1</f><v>two</v></c><c r="B1"><f>NA()</f><v>0</v></c><c r="C1" t="e"><f>1&gt;0</f><v>#N/A</v></c><c r="D1" s="1"><f>"x"&amp;"y"</f></c></row>`;
    const src = book({ sheets: [{ name: 'S', rows: r }] });
    const dst = path.join(tmp, 'types.xlsx');
    await run(['calc', src, '--out', dst]);
    const xml = strFromU8(unzipSync(fs.readFileSync(dst))['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="e"><f>NA()</f><v>#N/A</v></c><c r="C1" t="b"><f>1&gt;0</f><v>1</v></c><c r="D1" s="1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>');
    expect((await run(['calc', dst, '--check'])).code).toBe(0);
  });
});
