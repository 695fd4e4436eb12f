/**
 * `llm-market data check DIR` and `llm-market data draft DOC.txt`, and the
 * `--data DIR` option (also LLM_MARKET_DATA) of eval, calc and facts: a user's
 * data folder, checked like the bundled dataset and answered from with it.
 */
import { readFileSync } from 'node:fs';
import { basename, delimiter, resolve } from 'node:path';
import { setUserDatasets } from '../data/datasets';
import { draftFacts } from '../data/draft';
import { checkDataFolder, loadDataFolders, readDataFolder } from '../data/folder';
import { Io, UsageError, options } from './main';
import { bundledDataset } from '../core/bundled';

export const DATA_ENV = 'LLM_MARKET_DATA';

/** The data folders named by LLM_MARKET_DATA (several separated by the platform's path delimiter). */
export const envDataDirs = (env: NodeJS.ProcessEnv = process.env): string[] => (env[DATA_ENV] ?? '').split(delimiter).filter(Boolean);

/**
 * Takes every `--data DIR` (or `--data=DIR`) out of a command's arguments, up to a `--`.
 * Returns the folders and the remaining arguments.
 */
export function takeDataOption(args: string[], command: string): { dirs: string[]; rest: string[] } {
  const dirs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--data') {
      const dir = args[++i];
      if (dir === undefined || dir.startsWith('--')) throw new UsageError('--data needs a folder', command);
      dirs.push(dir);
    } else if (a.startsWith('--data=')) dirs.push(a.slice('--data='.length));
    else rest.push(a);
  }
  return { dirs, rest };
}

/**
 * Reads and checks the folders, and makes every later answer include them.
 * The folders are also put in LLM_MARKET_DATA so `calc`'s worker threads load the same ones.
 * Throws (a DatasetError naming each problem) when a folder fails `data check`.
 */
export function useDataFolders(dirs: string[]): void {
  const abs = [...new Set(dirs.map((d) => resolve(d)))];
  if (!abs.length) return;
  const folders = loadDataFolders(abs, bundledDataset());
  setUserDatasets(folders.map((f) => ({ data: f.data, label: f.label })));
  process.env[DATA_ENV] = abs.join(delimiter);
}

export function dataCommand(args: string[], io: Io): number {
  const [sub, ...rest] = args;
  if (sub === 'check') {
    const { positionals } = options(rest, {}, 'data');
    if (positionals.length === 0) throw new UsageError('data check needs a folder', 'data');
    let failed = false;
    let base = bundledDataset();
    for (const dir of positionals) {
      const folder = readDataFolder(dir);
      const r = checkDataFolder(folder, base);
      for (const p of r.problems) io.err(`${dir.replace(/[\\/]+$/, '')}/${p}`);
      if (r.problems.length) failed = true;
      else io.out(`${dir}: ok — ${r.documents} document${r.documents === 1 ? '' : 's'}, ${r.facts} fact${r.facts === 1 ? '' : 's'}, ${r.newEntities} new entit${r.newEntities === 1 ? 'y' : 'ies'}; ${folder.label}`);
      base = { ...base, ...Object.fromEntries(Object.entries(folder.data).map(([k, v]) => [k, [...(base as unknown as Record<string, unknown[]>)[k], ...(v as unknown[])]])) };
    }
    return failed ? 1 : 0;
  }
  if (sub === 'draft') {
    const { values, positionals } = options(rest, { document: { type: 'string' } }, 'data');
    if (positionals.length !== 1) throw new UsageError('data draft needs one document (a .txt file)', 'data');
    const file = positionals[0];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, 'data');
    }
    const id = values.document ?? basename(file).replace(/\.txt$/i, '');
    io.out(JSON.stringify(draftFacts(text, id), null, 1));
    return 0;
  }
  throw new UsageError(sub === undefined ? 'data needs check or draft' : `unknown data command "${sub}"; use check or draft`, 'data');
}
