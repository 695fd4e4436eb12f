/**
 * Every command the documentation shows runs exactly as shown: each `$ …` line
 * of the console blocks in docs/CLI.md (from its cli-examples marker) and in the
 * README's tour (tour-examples) is run by bash in the project folder, and where
 * output is shown, stdout and stderr together must be exactly that. (The
 * README's `npx llm-market` examples run in test/package.test.ts, in a project
 * that installed the package.)
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

interface Example {
  command: string;
  output: string[];
}

/** The console blocks from a marker (`<!-- cli-examples`) to the next level-2 or -3 heading or the next marker. */
export function cliExamples(doc: string, marker = 'cli-examples'): Example[] {
  const start = doc.indexOf(`<!-- ${marker}`);
  if (start < 0) throw new Error(`no <!-- ${marker} --> marker`);
  const ends = ['\n## ', '\n### ', '\n<!-- '].map((h) => doc.indexOf(h, start + 1)).filter((i) => i >= 0);
  const section = doc.slice(start, ends.length ? Math.min(...ends) : undefined);
  const examples: Example[] = [];
  for (const block of section.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1].replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) examples.push({ command: line.slice(2), output: [] });
      else if (examples.length) examples[examples.length - 1].output.push(line);
      else throw new Error(`output before any command in a console block: ${line}`);
    }
  }
  return examples;
}

const examples = cliExamples(read('docs/CLI.md'));
const tour = cliExamples(read('README.md'), 'tour-examples');

test("the README's tour runs the command from this repository: eval and calc --check", () => {
  const all = tour.map((e) => e.command).join('\n');
  for (const s of ['node bin/llm-market.js eval ', 'node bin/llm-market.js calc ', '--check']) expect(all).toContain(s);
});

test('docs/CLI.md has examples of --version, help-worthy commands, every format and a pipe', () => {
  const all = examples.map((e) => e.command).join('\n');
  for (const s of ['--version', 'eval ', 'calc ', 'facts ', '--format csv', '--format tsv', '--json', '| head']) expect(all).toContain(s);
  expect(examples.length).toBeGreaterThanOrEqual(8);
});

test.each([...tour, ...examples].map((e) => [e.command, e] as const))('$ %s', (_command, { command, output }) => {
  const r = spawnSync('bash', ['-c', `(${command}) 2>&1`], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  if (output.length) expect(r.stdout).toBe(`${output.join('\n')}\n`);
});
