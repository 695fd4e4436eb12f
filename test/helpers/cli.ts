/** The llm-market command run in-process: its exit code and what it wrote to stdout and stderr. */
import { Io, main } from '../../src/cli/main';

export async function runCli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), stdin: () => stdin };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
