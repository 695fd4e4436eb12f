/**
 * Plan stage, Excel tables: structured references are written as the A1
 * ranges they stand for, before anything else reads the formula (HyperFormula
 * has no tables). As Excel stores them:
 *
 * - `Table1` or `Table1[]` or `Table1[#Data]`: the data rows;
 * - `Table1[#All]`, `Table1[#Headers]`, `Table1[#Totals]`: the whole table,
 *   its header row, its totals row (#REF! when the table has none);
 * - `Table1[Col]`, `Table1[[Col1]:[Col2]]`: columns of the data rows;
 * - `Table1[[#Headers],[Col]]`, `Table1[[#Headers],[#Data],[Col]]`,
 *   `Table1[[#Data],[#Totals],[Col1]:[Col2]]`: columns of those rows;
 * - `Table1[#This Row]`, `Table1[[#This Row],[Col]]` (typed `Table1[@Col]`,
 *   which libraries also write): the formula's own row of the data (#VALUE!
 *   outside it, as Excel's implicit intersection gives);
 * - `[Col]`, `[@Col]` without a table name: the table the formula is in.
 *
 * In a column name, `'` escapes the next character (`Sales'#`, `Q'[1']`).
 * A reference that names no table or column of the workbook is left as
 * written (the engine then reports it as a formula it cannot parse).
 */
import type { XTable } from '../xlsx/tables';
import { a1, closingQuote } from '../xlsx/refs';

export interface Place {
  sheet: string;
  row: number;
  col: number;
}

type Special = '#ALL' | '#DATA' | '#HEADERS' | '#TOTALS' | '#THIS ROW';
const SPECIALS: ReadonlySet<string> = new Set(['#ALL', '#DATA', '#HEADERS', '#TOTALS', '#THIS ROW']);

interface Spec {
  specials: Special[];
  /** Column names (first and last of a span). */
  cols?: [string, string];
}

const NAME_CHAR = /[A-Za-z0-9_.\\\u00C0-\uFFFF]/;

const quoteSheet = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The bracket's end (index of its `]`), honouring `'` escapes and one level of nesting. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'") i++;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  return -1;
}

const unescape = (s: string) => s.replace(/'(.)/g, '$1');

/** The items of a bracket's content: `[a],[b]:[c]` → [["a"], ["b","c"]]; a bare `Col` or `#All` → one item. */
function parseSpec(inner: string): Spec | undefined {
  let body = inner.trim();
  const spec: Spec = { specials: [] };
  if (body === '') return { specials: ['#DATA'] };
  if (body.startsWith('@')) {
    spec.specials.push('#THIS ROW');
    body = body.slice(1).trim();
    if (body === '') return spec;
    if (!body.startsWith('[')) body = `[${body}]`;
  }
  if (!body.startsWith('[')) body = `[${body}]`;
  const items: string[][] = [];
  let i = 0;
  let joinNext = false;
  while (i < body.length) {
    const ch = body[i];
    if (ch === ' ') i++;
    else if (ch === ',') (i++, (joinNext = false));
    else if (ch === ':') (i++, (joinNext = true));
    else if (ch === '[') {
      const end = closing(body, i);
      if (end < 0) return undefined;
      const item = unescape(body.slice(i + 1, end)).trim();
      if (joinNext && items.length) items[items.length - 1].push(item);
      else items.push([item]);
      joinNext = false;
      i = end + 1;
    } else return undefined;
  }
  for (const it of items) {
    const up = it[0].toUpperCase();
    if (it.length === 1 && SPECIALS.has(up)) spec.specials.push(up as Special);
    else if (spec.cols || it.length > 2 || it.some((x) => SPECIALS.has(x.toUpperCase()))) return undefined;
    else spec.cols = [it[0], it[it.length - 1]];
  }
  return spec;
}

/** The A1 text a structured reference stands for, `#REF!`/`#VALUE!`, or undefined when it names no column of the table. */
export function resolve(table: XTable, spec: Spec, at: Place): string | undefined {
  const { ref, headerRows, totalsRows } = table;
  const dataTop = ref.r0 + headerRows;
  const dataBottom = ref.r1 - totalsRows;
  let c0 = ref.c0;
  let c1 = ref.c1;
  if (spec.cols) {
    const find = (n: string) => table.columns.findIndex((c) => c.toUpperCase() === n.toUpperCase());
    const a = find(spec.cols[0]);
    const b = find(spec.cols[1]);
    if (a < 0 || b < 0) return undefined;
    c0 = ref.c0 + Math.min(a, b);
    c1 = ref.c0 + Math.max(a, b);
  }
  const sp = new Set(spec.specials.length ? spec.specials : ['#DATA']);
  let r0: number;
  let r1: number;
  if (sp.has('#THIS ROW')) {
    if (at.row < dataTop || at.row > dataBottom) return '#VALUE!';
    r0 = r1 = at.row;
  } else if (sp.has('#ALL')) {
    r0 = ref.r0;
    r1 = ref.r1;
  } else {
    const parts: [number, number][] = [];
    if (sp.has('#HEADERS')) {
      if (headerRows === 0) return '#REF!';
      parts.push([ref.r0, dataTop - 1]);
    }
    if (sp.has('#DATA')) {
      if (dataBottom < dataTop) return '#REF!';
      parts.push([dataTop, dataBottom]);
    }
    if (sp.has('#TOTALS')) {
      if (totalsRows === 0) return '#REF!';
      parts.push([dataBottom + 1, ref.r1]);
    }
    r0 = Math.min(...parts.map((p) => p[0]));
    r1 = Math.max(...parts.map((p) => p[1]));
  }
  const area = r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
  return at.sheet === table.sheet ? area : `${quoteSheet(table.sheet)}!${area}`;
}

/**
 * The formula (as Excel stores it, with or without "=") with every
 * structured reference written as its A1 range; `at` is the formula's own
 * cell (for `#This Row` and references without a table name).
 */
export function rewriteStructuredRefs(formula: string, at: Place, tables: readonly XTable[]): string {
  if (tables.length === 0 || (!formula.includes('[') && !hasTableName(formula, tables))) return formula;
  const byName = new Map(tables.map((t) => [t.name.toUpperCase(), t]));
  const home = tables.find((t) => t.sheet === at.sheet && at.row >= t.ref.r0 && at.row <= t.ref.r1 && at.col >= t.ref.c0 && at.col <= t.ref.c1);
  let out = '';
  let i = 0;
  const s = formula;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      // A string, or a quoted sheet name: copied whole.
      const j = closingQuote(s, i);
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (NAME_CHAR.test(ch) && (i === 0 || !/[A-Za-z0-9_.\\!$\u00C0-\uFFFF\]]/.test(s[i - 1]))) {
      let j = i;
      while (j < s.length && NAME_CHAR.test(s[j])) j++;
      const word = s.slice(i, j);
      const table = byName.get(word.toUpperCase());
      if (table && s[j] !== '(' && s[j] !== '!') {
        if (s[j] === '[') {
          const end = closing(s, j);
          const spec = end > 0 ? parseSpec(s.slice(j + 1, end)) : undefined;
          // Its A1 range, or (not a reference this engine resolves) as written.
          const stop = end > 0 ? end + 1 : s.length;
          out += (spec && resolve(table, spec, at)) ?? s.slice(i, stop);
          i = stop;
          continue;
        }
        // The table's name alone: its data rows.
        out += resolve(table, { specials: ['#DATA'] }, at);
        i = j;
        continue;
      }
      out += word;
      i = j;
      continue;
    }
    if (ch === '[') {
      const end = closing(s, i);
      const inner = end > 0 ? s.slice(i + 1, end) : '';
      // `[1]Sheet!A1`, `[1]!Name`: another workbook, not a table.
      const external = /^\d+$/.test(inner);
      const spec = home && !external && end > 0 ? parseSpec(inner) : undefined;
      const stop = end > 0 ? end + 1 : s.length;
      out += (spec && home ? resolve(home, spec, at) : undefined) ?? s.slice(i, stop);
      i = stop;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function hasTableName(formula: string, tables: readonly XTable[]): boolean {
  const up = formula.toUpperCase();
  return tables.some((t) => up.includes(t.name.toUpperCase()));
}
