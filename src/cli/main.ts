/**
 * `llm-market`: evaluate formulas, recompute workbooks and audit the facts
 * from a shell. Every failure is one line on stderr and a non-zero exit;
 * usage errors exit 2.
 *
 * This module is what every invocation loads, so it imports nothing heavy:
 * `help` and `--version` answer without the dataset, HyperFormula or zod, and
 * each command's module is loaded only when that command runs.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { datasetEdition } from './edition';

interface CommandHelp {
  synopsis: string;
  text: string;
}

const COMMANDS: Record<string, CommandHelp> = {
  eval: {
    synopsis: 'eval [--format text|csv|tsv|json] [--json] [--data DIR] FORMULA...',
    text: `Evaluate formulas with the headless engine (read from stdin, one per line, when none
are given; blank lines and lines starting with # are skipped).

  --format text   FORMULA → VALUE; a spill follows on indented rows, columns aligned (default)
  --format csv    values only, RFC 4180: one line per row of a spill (a scalar is one line);
                  the results of several formulas are separated by one empty line
  --format tsv    as csv, tab-separated
  --format json   one JSON array: {"formula","value"} (a spill is an array of rows, one row
                  per line) or {"formula","error","message"}, with "facts" (the facts that
                  answered) and "datasets" (each one's dataset: "bundled dataset DATE, HASH"
                  or a data folder's "data NAME DATE, HASH")
  --json          the same as --format json
  --data DIR      also answer from a data folder (repeatable; or LLM_MARKET_DATA; see help data)

An Excel error (#N/A, #VALUE!…) is a result, not a failure: text and json show its message;
csv and tsv show the code in the cell and the message on stderr. Exit 0 once every formula
was evaluated, 2 on a usage error.`,
  },
  calc: {
    synopsis: 'calc BOOK.xlsx|FOLDER... [--out OUT.xlsx] [--check] [--format text|json|junit] [--shard I/N] [--jobs N] [--data DIR]',
    text: `Recompute every formula of one or more workbooks, built-ins and LLM.* alike, and print the
results. A folder stands for every .xlsx under it (subfolders included); the books are taken
in path order, several at once on the machine's cores.

  --out OUT.xlsx  also save the workbook with the recomputed values cached in its cells; only
                  cached values change (formulas, names, styles, dynamic-array metadata stay);
                  one workbook only
  --check         compare each recomputed value with the one Excel saved
  --format text   one workbook: one line per formula cell (default); several: one summary
                  line per workbook, and the differing cells on stderr
  --format json   the cells (and, with --check, the differences) as JSON; several workbooks:
                  {"status", "books": [{"file", "status", "cells", …}]}; a workbook that could
                  not be evaluated is {"file", "status": "error", "error"}
  --format junit  JUnit XML, one test suite per sheet (per workbook and sheet when several),
                  one test case per formula cell: differences are failures, unsupported cells
                  are skipped with the reason, a workbook that could not be evaluated is an
                  <error> test case (implies --check)
  --json          the same as --format json
  --shard I/N     only the I-th of N shares of the sorted list of workbooks (1 ≤ I ≤ N): the
                  books at positions I, I+N, I+2N … (from 1), so N CI jobs split a collection
  --jobs N        recompute at most N workbooks at once (default: the machine's cores)
  --data DIR      the LLM.* functions also answer from a data folder (repeatable; or
                  LLM_MARKET_DATA), so a workbook recomputes in CI against its author's facts

exit status, summarising every workbook (the highest of 4, 1, 3 wins):
  0  every formula matches the saved value (without --check: every workbook was evaluated)
  1  some cell differs from the value Excel saved
  3  nothing differs, but some formulas are unsupported (a function or syntax the engine
     cannot evaluate, named per cell; Excel's value is kept)
  4  a workbook could not be evaluated: not a workbook, damaged, or over a size cap (one
     line on stderr per workbook)
  2  usage error`,
  },
  facts: {
    synopsis: 'facts [--data DIR] [--format tsv|csv|json] [--entity NAME] [--metric ID] [--source ID] [--document ID] [--from DATE] [--to DATE]',
    text: `List the dataset's facts with their quotes, one per row.

  --format tsv    tab-separated, with a header row (default)
  --format csv    RFC 4180 comma-separated, with a header row
  --format json   one JSON array of the facts, each with entity_name, source_name and dataset
                  (the bundled edition or the data folder it came from) added
  --json          the same as --format json
  --entity NAME   facts of an entity (any name or alias, English or Chinese) and of its model
                  families and models; an unknown entity, or one without facts, is an error
                  naming the entities that have them
  --data DIR      include a data folder's facts (repeatable; or LLM_MARKET_DATA)
  --metric ID     facts of one metric       --source ID    measured by one source
  --document ID   reported by one document
  --from DATE     facts whose period ends on or after DATE's start
  --to DATE       facts whose period starts on or before DATE's end
                  (a fact is kept when its period overlaps the window; DATE is any form the
                  functions accept: 2025-09-30, 2025-09, 2025Q3, 2025H1, 1H25, 2025, 2025年9月…)

Columns: id, entity, entity_name, metric, qualifier, value, unit, period_start, period_end,
basis, scope (what the figure counts), source, source_name, document, quote. The value is a plain number in base units; the
qualifier (=, ≈, >, ≥, <, ≤) is its own column.`,
  },
  data: {
    synopsis: 'data check DIR... | data draft DOC.txt [--document ID]',
    text: `Your own sources, held to the bundled dataset's standard (docs/DATA-FOLDERS.md).

  data check DIR   validate a data folder — documents.json, documents/<id>.txt, entities/,
                   sources/, metrics/, scopes.json, facts/ (the shape of seeds/) — with the
                   bundled dataset's schemas and honesty checks: every quote verbatim in its
                   document, the value read at the quote's scale, one answer per question,
                   references resolving (to the folder's records or the bundled ones),
                   written_as and corrected_from rules, and no different answer to a question
                   the bundled data already answers. One line per problem on stderr naming
                   file, record and field, exit 1; otherwise one summary line, exit 0.
  data draft DOC   print, as a JSON array, a draft fact for every number DOC states (万, 亿,
                   千亿, 万亿, million, billion, trillion, %; 超/约/近/最高, over/about/up to):
                   the verbatim quote, the value at scale, the qualifier and the dates written
                   nearby; entity, metric, period, source, scope and basis are left empty for
                   you to fill in, so nothing is invented. A draft fails data check until then.
                   --document ID names the document (default: the file's name without .txt).

eval, calc and facts take --data DIR (repeatable; or LLM_MARKET_DATA=DIR[:DIR…]) to answer
from the bundled dataset and those folders together; a folder that fails data check is
refused. LLM.SOURCE and eval --json name each fact's dataset and edition.`,
  },
  help: {
    synopsis: 'help [COMMAND]',
    text: 'Show the commands, or one command in full.',
  },
};

export const USAGE = `usage: llm-market <command> [options]

commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.synopsis}`)
  .join('\n')}

  eval, calc and facts also take --data DIR (repeatable; or LLM_MARKET_DATA): your own data
  folder, checked like the bundled dataset (llm-market help data).

  help COMMAND (or COMMAND --help) shows a command in full; --version prints the version
  and the dataset's edition (its newest document's date and a hash of its content).

exit status: 0 success, 1 failure (bad data, calc --check found differences), 2 usage
error, 3 calc --check found only unsupported formulas, 4 calc could not evaluate a workbook.

examples (in a project with llm-market installed; in this repository, node bin/llm-market.js):
  npx llm-market eval '=TOKENS("xAI","2025-09-30")' '=SHARE("Volcano","IDC")'
  npx llm-market eval --format csv '=LLM.SERIES("Doubao","tokens")'
  npx llm-market calc book.xlsx --check --format junit > calc-junit.xml
  npx llm-market facts --entity 火山引擎 --from 2025-01 --format csv`;

export const commandUsage = (name: string): string => `usage: llm-market ${COMMANDS[name].synopsis}\n\n${COMMANDS[name].text}`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: () => string;
}

/** Set once stdout's reader has gone away (`| head`): further output is dropped, not an error. */
let stdoutClosed = false;

const defaultIo: Io = {
  out: (s) => {
    if (!stdoutClosed) process.stdout.write(`${s}\n`);
  },
  err: (s) => process.stderr.write(`${s}\n`),
  stdin: () => readFileSync(0, 'utf8'),
};

/**
 * A reader that stops early (`llm-market facts | head -3`) is the normal end of
 * a pipeline, not a failure: stop writing and exit 0, quietly.
 */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`llm-market: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

type Parsed<T> = { values: { [K in keyof T]?: T[K] extends { type: 'string' } ? string : boolean }; positionals: string[] };

export function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T, command?: string): Parsed<T> {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true }) as unknown as Parsed<T>;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    // node's own text for an unknown option goes on for two sentences about '--'.
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    throw new UsageError(unknown ? `unknown option "${unknown[1]}"${command ? ` for ${command}` : ''}` : message, command);
  }
}

/** --format, with --json as its alias. */
export function format<F extends string>(values: { format?: string; json?: boolean }, formats: readonly F[], command: string): F {
  if (values.json && values.format && values.format !== 'json') throw new UsageError(`--json and --format ${values.format} disagree`, command);
  const f = values.json ? 'json' : values.format ?? formats[0];
  if (!(formats as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}"; use ${formats.join(', ')}`, command);
  return f as F;
}

export const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The package's version, from the package.json above this file (src/cli/ in tests, lib/src/cli/ or lib/bundle/ once built). */
export function version(): string {
  for (let dir = __dirname, up = 0; up < 5; dir = dirname(dir), up++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'llm-market') return pkg.version;
    } catch {
      // not here: look one folder up
    }
  }
  return 'unknown';
}

const isCommand = (name: string | undefined): name is string => name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name);

const wantsHelp = (args: string[]): boolean => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (isCommand(command) && command !== 'help' && wantsHelp(rest)) {
      io.out(commandUsage(command));
      return 0;
    }
    let args = rest;
    // Loaded only when asked: a cold eval without data folders loads nothing more than before.
    if ((command === 'eval' || command === 'calc' || command === 'facts') && (process.env.LLM_MARKET_DATA || rest.some((a) => a === '--data' || a.startsWith('--data=')))) {
      // --data DIR / LLM_MARKET_DATA: the user's data folders, checked, then answered from with the bundled data.
      const data = await import('./data');
      const taken = data.takeDataOption(rest, command);
      const dirs = [...data.envDataDirs(), ...taken.dirs];
      if (dirs.length) data.useDataFolders(dirs);
      args = taken.rest;
    }
    switch (command) {
      case 'eval':
        return (await import('./eval')).evalCommand(args, io);
      case 'calc':
        return await (await import('./calc')).calcCommand(args, io);
      case 'facts':
        return (await import('./facts')).factsCommand(args, io);
      case 'data':
        return (await import('./data')).dataCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        if (rest.length === 0) io.out(USAGE);
        else if (rest.length === 1 && isCommand(rest[0])) io.out(commandUsage(rest[0]));
        else throw new UsageError(`no command "${rest.join(' ')}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
        return 0;
      case '--version':
      case '-V':
        if (rest.length) throw new UsageError(`--version takes no arguments (got "${rest[0]}")`);
        io.out(`${version()} (${datasetEdition()})`);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command given' : command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const cmd = e.command ?? (isCommand(command) && command !== 'help' ? command : undefined);
      const hint = cmd ? `usage: llm-market ${COMMANDS[cmd].synopsis} (llm-market help ${cmd} for more)` : 'usage: llm-market <command> [options] (llm-market help for more)';
      io.err(`llm-market: ${e.message}\n${hint}`);
      return 2;
    }
    return fail(io, (e as Error)?.message ?? String(e));
  }
}

export function fail(io: Io, message: string): number {
  io.err(`llm-market: ${message.split('\n').filter(Boolean).join(' ').slice(0, 2000)}`);
  return 1;
}
