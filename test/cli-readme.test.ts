/**
 * Every command in the README's CLI section runs exactly as shown: each `$ …`
 * line of its console blocks is run by bash in the project folder, and where
 * the README shows output, stdout and stderr together must be exactly that.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Example {
  command: string;
  output: string[];
}

/** The console blocks from the cli-examples marker to the next level-2 heading. */
export function cliExamples(readme: string): Example[] {
  const start = readme.indexOf('<!-- cli-examples');
  if (start < 0) throw new Error('README.md has no <!-- cli-examples --> marker');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end < 0 ? undefined : end);
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

const examples = cliExamples(README);

test('the CLI section has examples of --version, help-worthy commands, every format and a pipe', () => {
  const all = examples.map((e) => e.command).join('\n');
  for (const s of ['--version', 'eval ', 'calc ', 'facts ', '--format csv', '--format tsv', '--json', '| head']) expect(all).toContain(s);
  expect(examples.length).toBeGreaterThanOrEqual(8);
});

test.each(examples.map((e) => [e.command, e] as const))('$ %s', (_command, { command, output }) => {
  const r = spawnSync('bash', ['-c', `(${command}) 2>&1`], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  if (output.length) expect(r.stdout).toBe(`${output.join('\n')}\n`);
});
