/**
 * docs/DATA-FOLDERS.md's worked example runs exactly as shown: every block
 * that starts with `$ llm-market …` is run by bash (with `llm-market` being
 * this repository's bin/llm-market.js) in a folder holding what the page names
 * — the fictional folder at test/data-folders/fictional, `drafts-only` (the
 * folder with its facts replaced by the first draft `data draft` printed),
 * `conflict` (the folder plus a fact answering a bundled question
 * differently) and `zephyrine.xlsx` (the workbook the page describes) — and
 * its output, stdout and stderr together, and its exit status must be the
 * page's, line for line.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { writeXlsxFile } from './workbookXml';
import { parseSeedFiles } from '../src/data/load';
import { SEED_FILES } from '../src/data/seedFiles';

const ROOT = path.join(__dirname, '..');
const PAGE = fs.readFileSync(path.join(ROOT, 'docs', 'DATA-FOLDERS.md'), 'utf8');
const FOLDER = path.join(ROOT, 'test', 'data-folders', 'fictional');
const FACTS = 'facts/900_f1c7105a1e000001.json';
const BIN = path.join(ROOT, 'bin', 'llm-market.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-data-doc-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Shown {
  command: string;
  output: string[];
  exit: number;
}

/** The page's ``` blocks that start with "$ llm-market": one command each, its output, and "(exit N)". */
function shownCommands(page: string): Shown[] {
  const out: Shown[] = [];
  for (const m of page.matchAll(/^```\n(\$ llm-market [\s\S]*?)^```$/gm)) {
    const lines = m[1].replace(/\n$/, '').split('\n');
    const exit = /^\(exit (\d+)\)$/.exec(lines[lines.length - 1]);
    if (!exit) throw new Error(`a shown command without its "(exit N)" line: ${lines[0]}`);
    out.push({ command: lines[0].slice(2), output: lines.slice(1, -1), exit: Number(exit[1]) });
  }
  return out;
}

const shown = shownCommands(PAGE);

beforeAll(() => {
  fs.cpSync(FOLDER, path.join(work, 'test', 'data-folders', 'fictional'), { recursive: true });
  // drafts-only: the folder with its facts replaced by the first draft, as printed.
  const drafts = spawnSync(process.execPath, [BIN, 'data', 'draft', path.join(FOLDER, 'documents', '900_f1c7105a1e000001.txt')], { encoding: 'utf8' });
  if (drafts.status !== 0) throw new Error(`data draft failed: ${drafts.stderr}`);
  fs.cpSync(FOLDER, path.join(work, 'drafts-only'), { recursive: true });
  fs.writeFileSync(path.join(work, 'drafts-only', FACTS), JSON.stringify(JSON.parse(drafts.stdout).slice(0, 1), null, 1));
  // conflict: the folder plus Alibaba's December-quarter revenue answered differently from the bundled fact.
  const g = parseSeedFiles(SEED_FILES).facts.find((f) => f.id === '002-group-revenue')!;
  fs.cpSync(FOLDER, path.join(work, 'conflict'), { recursive: true });
  const facts = JSON.parse(fs.readFileSync(path.join(FOLDER, FACTS), 'utf8')) as unknown[];
  facts.push({ ...g, id: '900-alibaba-revenue', value: 3200000000, document: '900_f1c7105a1e000001', quote: 'Revenue for the quarter reached 3.2 billion yuan' });
  fs.writeFileSync(path.join(work, 'conflict', FACTS), JSON.stringify(facts, null, 1));
  // The workbook of step 4, as Excel saves the two formulas with the values their author saw.
  writeXlsxFile(path.join(work, 'zephyrine.xlsx'), {
    sheets: [
      {
        name: 'S',
        rows: '<row r="1"><c r="A1"><f>_xldudf_LLM_TOKENS("Zephyrine","2025-12-31")</f><v>125000000000</v></c><c r="B1"><f>_xldudf_LLM_GROWTH("Zephyrine","tokens","2025-09-30","2025-12-31")</f><v>0.5625</v></c></row>',
      },
    ],
  });
});

test('the page shows the whole path: draft, check (a draft failing, the folder passing, a conflict), eval, calc with and without --data', () => {
  const all = shown.map((s) => s.command).join('\n');
  for (const s of ['data draft ', 'data check drafts-only', 'data check test/data-folders/fictional', 'data check conflict', 'eval --data ', 'eval --json --data ', 'calc zephyrine.xlsx --check', 'calc zephyrine.xlsx --check --data ']) expect(all).toContain(s);
});

test.each(shown.map((s) => [s.command, s] as const))('$ %s', (_command, { command, output, exit }) => {
  const r = spawnSync('bash', ['-c', `(${command.replace(/^llm-market /, `"${process.execPath}" "${BIN}" `)}) 2>&1`], { cwd: work, encoding: 'utf8' });
  expect({ command, exit: r.status, output: r.stdout }).toEqual({ command, exit, output: output.length ? `${output.join('\n')}\n` : '' });
});
