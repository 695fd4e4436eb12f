/**
 * A user's data folder (test/data-folders/fictional: a made-up document and
 * three facts, kept only in the tests): checked like the bundled dataset,
 * answering through eval --data, calc --data and createEngine, citing its own
 * edition; each honesty rule rejects a planted mistake with a message naming
 * file, record and field; a conflict with a bundled fact is reported.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { runCli } from './helpers/cli';
import { writeXlsxFile } from './workbookXml';
import { checkDataFolder, readDataFolder } from '../src/data/folder';
import { parseSeedFiles } from '../src/data/load';
import { SEED_FILES } from '../src/data/seedFiles';
import { datasetEdition, sha256Hex } from '../src/data/edition';
import { setUserDatasets } from '../src/data/datasets';
import { createEngine } from '../src/engine';

const FOLDER = path.join(__dirname, 'data-folders', 'fictional');
const bundled = parseSeedFiles(SEED_FILES);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-data-'));
afterAll(() => {
  setUserDatasets([]);
  delete process.env.LLM_MARKET_DATA;
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  setUserDatasets([]);
  delete process.env.LLM_MARKET_DATA;
});

/** A copy of the fixture folder with one file's records changed. */
let copies = 0;
function broken(file: string, change: (records: Record<string, unknown>[]) => Record<string, unknown>[]): string {
  const dir = path.join(tmp, `broken${++copies}`);
  fs.cpSync(FOLDER, dir, { recursive: true });
  const p = path.join(dir, file);
  fs.writeFileSync(p, JSON.stringify(change(JSON.parse(fs.readFileSync(p, 'utf8'))), null, 1));
  return dir;
}
const FACTS = 'facts/900_f1c7105a1e000001.json';
const editFact = (i: number, patch: Record<string, unknown>) => broken(FACTS, (rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
const problemsOf = (dir: string) => checkDataFolder(readDataFolder(dir), bundled).problems;

describe('data check', () => {
  test('the fixture folder passes: one summary line, exit 0', async () => {
    const r = await runCli(['data', 'check', FOLDER]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/: ok — 1 document, 3 facts, 1 new entity; data fictional 2026-01-15, [0-9a-f]{8}$/);
    expect(r.code).toBe(0);
  });

  test.each([
    ['a quote not verbatim in its document', () => editFact(0, { quote: 'processed an average of 1,250亿 tokens a day' }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-tokens-2025q4", field quote: not found verbatim/],
    ['a value not read at the quote’s scale (亿 ignored)', () => editFact(0, { value: 1250 }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-tokens-2025q4", field value: 1250 matches no number in the quote/],
    ['two answers to one question', () => editFact(1, { period: { start: '2025-10-01', end: '2025-12-31' }, quote: 'up from 800亿 in the third quarter' }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-tokens-2025q4", field value: the question \(zephyrine \| tokens \| 2025-10-01 \| 2025-12-31 .*\) has 2 answers/],
    ['an unknown entity', () => editFact(2, { entity: 'zephyrine-typo' }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-revenue-2025q4", field entity: unknown entity "zephyrine-typo"/],
    ['an unknown scope', () => editFact(2, { scope: 'lakeside' }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-revenue-2025q4", field scope: unknown scope "lakeside"/],
    ['written_as not in the quote', () => editFact(2, { written_as: '八成' }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-revenue-2025q4", field written_as: "八成" does not occur in the quote/],
    ['corrected_from when the text already says the value', () => editFact(2, { corrected_from: '3.2 billion', note: 'x', note_zh: 'x' }), /^facts\/900_f1c7105a1e000001\.json: fact "900-zephyrine-revenue-2025q4", field corrected_from: the text "3.2 billion" already says 3200000000/],
    ['a field the schema does not know', () => editFact(2, { dates_nearby: [] }), /^facts\/900_f1c7105a1e000001\.json: record 2 \(id "900-zephyrine-revenue-2025q4"\), field \(record\): Unrecognized key/],
    ['a fact id the bundled data already uses', () => editFact(2, { id: '002-group-revenue' }), /id "002-group-revenue" is used twice among facts/],
    ['a document without its text', () => broken('documents.json', (rs) => [...rs, { ...rs[0], id: '901_f1c7105a1e000002' }]), /^documents\.json: document "901_f1c7105a1e000002", field id: no text documents\/901_f1c7105a1e000002\.txt/],
  ])('%s is rejected, naming file, record and field', async (_what, make, message) => {
    const dir = make();
    const problems = problemsOf(dir);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    const r = await runCli(['data', 'check', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n').length).toBe(problems.length);
  });

  test('a user fact answering a bundled question differently is reported, never silently preferred', async () => {
    const g = bundled.facts.find((f) => f.id === '002-group-revenue')!;
    const dir = broken(FACTS, (rs) => [...rs, { ...g, id: '900-alibaba-revenue', value: 3200000000, document: '900_f1c7105a1e000001', quote: 'Revenue for the quarter reached 3.2 billion yuan' }]);
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/^facts\/900_f1c7105a1e000001\.json: fact "900-alibaba-revenue", field value: =3200000000 answers the question \(alibaba \| revenue \| 2024-10-01 \| 2024-12-31 \| alibaba \| company \| actual\) that bundled fact 002-group-revenue \(=280200000000\) already answers differently/)]);
    // eval --data refuses the folder rather than answering from either fact.
    const r = await runCli(['eval', '--data', dir, '=LLM.VALUE("Alibaba","revenue","2024Q4")']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/fails `llm-market data check`.*900-alibaba-revenue/);
  });

  test('data draft output fails data check until completed', async () => {
    const d = await runCli(['data', 'draft', path.join(FOLDER, 'documents', '900_f1c7105a1e000001.txt')]);
    expect(d.code).toBe(0);
    const drafts = JSON.parse(d.out);
    expect(drafts.map((x: { value: number }) => x.value)).toEqual(expect.arrayContaining([125e9, 80e9, 3.2e9, 0.12]));
    expect(drafts.find((x: { value: number }) => x.value === 0.12)).toMatchObject({ qualifier: '≈', unit: 'fraction', entity: '', metric: '', source: '', scope: '' });
    const dir = broken(FACTS, () => drafts);
    expect(problemsOf(dir).length).toBeGreaterThan(0);
  });
});

describe('answers from the bundled data and the folder together', () => {
  test('eval --data answers the folder’s facts, as-of and latest, and cites its edition', async () => {
    const r = await runCli(['eval', '--json', '--data', FOLDER, '=LLM.TOKENS("Zephyrine","2025-12-31")', '=LLM.TOKENS("泽菲琳实验室","2025-09-30")', '=LLM.SOURCE("Zephyrine","revenue")', '=LLM.TOKENS("xAI","2025-09-30")']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.map((x: { value: unknown }) => x.value).slice(0, 2)).toEqual([125e9, 80e9]);
    expect(out[2].value).toMatch(/3\.2 billion yuan.* — data fictional 2026-01-15, [0-9a-f]{8}$/);
    expect(out[0].datasets).toEqual([expect.stringMatching(/^data fictional 2026-01-15, [0-9a-f]{8}$/)]);
    expect(out[3]).toMatchObject({ value: 262e9, facts: ['001-xai-tokens'], datasets: [expect.stringMatching(/^bundled dataset 2025-\d\d-\d\d, [0-9a-f]{8}$/)] });
  });

  test('LLM_MARKET_DATA works as --data does; without either the folder’s entity is unknown', async () => {
    expect((await runCli(['eval', '=LLM.TOKENS("Zephyrine","2025-12-31")'])).out).toMatch(/#N\/A/);
    process.env.LLM_MARKET_DATA = FOLDER;
    expect((await runCli(['eval', '=LLM.TOKENS("Zephyrine","2025-12-31")'])).out).toMatch(/→ 125000000000$/);
  });

  test('facts --data lists the folder’s facts', async () => {
    const r = await runCli(['facts', '--data', FOLDER, '--entity', 'Zephyrine', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(4);
  });

  test('calc --data recomputes a workbook against the folder (saved values match)', async () => {
    const book = writeXlsxFile(path.join(tmp, 'zephyrine.xlsx'), {
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><f>_xldudf_LLM_TOKENS("Zephyrine","2025-12-31")</f><v>125000000000</v></c><c r="B1"><f>_xldudf_LLM_GROWTH("Zephyrine","tokens","2025-09-30","2025-12-31")</f><v>0.5625</v></c></row>' }],
    });
    const without = await runCli(['calc', book, '--check']);
    expect(without.code).toBe(1);
    const r = await runCli(['calc', book, '--check', '--data', FOLDER]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('calc --data over a folder of workbooks: the worker threads answer from the same data folder', async () => {
    const dir = path.join(tmp, 'books');
    fs.mkdirSync(dir);
    for (const n of [1, 2]) writeXlsxFile(path.join(dir, `z${n}.xlsx`), { sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><f>_xldudf_LLM_TOKENS("Zephyrine","2025-12-31")</f><v>125000000000</v></c></row>' }] });
    const r = await runCli(['calc', dir, '--check', '--jobs', '2', '--data', FOLDER]);
    expect(r.out).toMatch(/z1\.xlsx: 1 formula, 1 match/);
    expect(r.out).toMatch(/z2\.xlsx: 1 formula, 1 match/);
    expect(r.code).toBe(0);
  });

  test('createEngine answers from a folder given as its data option', () => {
    const hf = createEngine({ S: [['=LLM.VALUE("Zephyrine","revenue","2025Q4")', '=LLM.TOKENS("xAI","2025-09-30")']] }, {}, [], { data: [FOLDER] });
    expect(hf.getSheetValues(0)).toEqual([[3.2e9, 262e9]]);
    hf.destroy();
    const back = createEngine({ S: [['=LLM.VALUE("Zephyrine","revenue","2025Q4")']] }, {}, [], { data: [] });
    expect(String((back.getCellValue({ sheet: 0, row: 0, col: 0 }) as { value: unknown }).value)).toBe('#N/A');
    back.destroy();
  });
});

describe('editions', () => {
  test("the edition's SHA-256 (pure code, for the add-in) is Node's", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHash } = require('crypto');
    for (const s of ['', 'abc', 'héllo 世界'.repeat(100), 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64)]) expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
  });
  const files = () => readDataFolder(FOLDER).files;
  test('the same data gives the same edition; one changed value changes it', () => {
    const a = datasetEdition(files());
    expect(datasetEdition(files())).toEqual(a);
    expect(datasetEdition([...files()].reverse())).toEqual(a);
    const changed = files().map((f) => (f.kind === 'facts' ? { ...f, data: (f.data as { value: number }[]).map((r, i) => (i === 0 ? { ...r, value: r.value + 1 } : r)) } : f));
    expect(datasetEdition(changed).hash).not.toBe(a.hash);
    expect(a.date).toBe('2026-01-15');
  });

  test('--version names the bundled edition computed by the same function', async () => {
    const r = await runCli(['--version']);
    const e = datasetEdition(SEED_FILES);
    expect(r.out).toContain(`(dataset ${e.date}, ${e.hash})`);
  });
});
