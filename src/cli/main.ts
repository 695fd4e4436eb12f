/**
 * `llm-market`: evaluate formulas, recompute workbooks and audit the facts
 * from a shell. Every failure is one line on stderr and a non-zero exit;
 * usage errors exit 2.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { bundledMarket } from '../core/bundled';
import { Fact } from '../data/schema';
import { EvalResult, evaluateMany } from '../engine';

export const USAGE = `usage: llm-market <command> [options]

commands:
  eval [--json] FORMULA...        evaluate formulas (read from stdin, one per line, when none are given)
  calc BOOK.xlsx [--out OUT.xlsx] [--json] [--check]
                                  recompute every formula of a workbook; --check exits 1 listing the
                                  cells whose value differs from the one saved in the file
  facts [--json] [--entity NAME] [--metric ID] [--document ID] [--source ID]
                                  list the dataset's facts with their quotes
  help                            show this text

examples:
  llm-market eval '=TOKENS("xAI","2025-09-30")' '=SHARE("Volcano","IDC")'
  llm-market calc examples/llm-market-example.xlsx --check
  llm-market facts --entity 火山引擎 --json`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: () => string;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  stdin: () => readFileSync(0, 'utf8'),
};

export class UsageError extends Error {}

type Parsed<T> = { values: { [K in keyof T]?: T[K] extends { type: 'string' } ? string : boolean }; positionals: string[] };

export function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T): Parsed<T> {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true }) as unknown as Parsed<T>;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

export const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function evalCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, { json: { type: 'boolean' } });
  let formulas = positionals;
  if (formulas.length === 0) {
    formulas = io
      .stdin()
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    if (formulas.length === 0) throw new UsageError('eval needs at least one formula (as arguments or on stdin)');
  }
  const results = evaluateMany(formulas);
  if (values.json) io.out(JSON.stringify(results));
  else for (const r of results) io.out(`${r.formula} → ${'error' in r ? `${r.error} ${r.message}`.trim() : show(r.value)}`);
  return 0;
}

function factsCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, {
    json: { type: 'boolean' },
    entity: { type: 'string' },
    metric: { type: 'string' },
    document: { type: 'string' },
    source: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`facts takes no positional arguments (got "${positionals[0]}")`);
  const m = bundledMarket();
  let facts: Fact[] = m.data.facts;
  if (values.entity) {
    const e = m.entity(values.entity);
    if ('code' in e) return fail(io, e.message);
    const ids = new Set([e.id]);
    // An entity's model families and models report for it (as in the functions).
    const walk = (id: string) => m.childrenOf(id).forEach((c) => (c.kind === 'model family' || c.kind === 'model') && (ids.add(c.id), walk(c.id)));
    walk(e.id);
    facts = facts.filter((f) => ids.has(f.entity));
  }
  if (values.metric) {
    const met = m.metric(values.metric);
    if ('code' in met) return fail(io, met.message);
    facts = facts.filter((f) => f.metric === met.id);
  }
  if (values.source) {
    const s = m.source(values.source);
    if ('code' in s) return fail(io, s.message);
    facts = facts.filter((f) => f.source === s.id);
  }
  if (values.document) {
    const d = values.document;
    if (!m.documents.has(d)) return fail(io, `unknown document "${d}"; documents: ${[...m.documents.keys()].join(', ')}`);
    facts = facts.filter((f) => f.document === d);
  }
  if (values.json) {
    io.out(JSON.stringify(facts, null, 1));
    return 0;
  }
  for (const f of facts) {
    const period = f.period.start === f.period.end ? f.period.start : `${f.period.start}..${f.period.end}`;
    io.out(`${f.id}\t${f.entity}\t${f.metric}\t${f.qualifier}${f.value}\t${f.unit}\t${period}\t${f.source}\t${f.document}\t"${f.quote}"`);
  }
  io.err(`${facts.length} facts`);
  return 0;
}

function fail(io: Io, message: string): number {
  io.err(`llm-market: ${message}`);
  return 1;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'eval':
        return evalCommand(rest, io);
      case 'calc':
        // Loaded only for calc: `eval` and `facts` start faster without exceljs.
        return await (await import('./calc')).calcCommand(rest, io);
      case 'facts':
        return factsCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`llm-market: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    return fail(io, ((e as Error)?.message ?? String(e)).split('\n').filter(Boolean).join(' ').slice(0, 2000));
  }
}

export type { EvalResult };
