/**
 * Excel tables (ListObjects): each worksheet lists its tables in its
 * relationships (`tablePart` → xl/tables/tableN.xml). A table has a name,
 * the range it covers (`ref`, header and totals rows included), how many
 * header rows (`headerRowCount`, default 1: 0 when the header is hidden) and
 * totals rows (`totalsRowCount`, default 0) it has, and its columns in order.
 * Formulas refer to tables by structured references (calc/structuredRefs.ts).
 */
import { SaxesParser } from 'saxes';
import { InflateBudget } from './limits';
import { local, relsOf, resolveTarget, unescapeX, type XBook } from './read';
import { Range, parseRange } from './refs';
import { readText } from './zip';

export interface XTable {
  /** The name formulas use (`displayName`; Excel keeps `name` equal to it). */
  name: string;
  /** The worksheet it is on. */
  sheet: string;
  /** Its whole range: header row, data, totals row. */
  ref: Range;
  headerRows: number;
  totalsRows: number;
  /** Column names, left to right. */
  columns: string[];
}

function parse(xml: string, open: (name: string, a: Record<string, string>) => void): void {
  const p = new SaxesParser();
  p.on('opentag', (t) => open(local(t.name), t.attributes as Record<string, string>));
  p.write(xml).close();
}

/** One table part's content, or undefined when it is not a table this engine can place. */
export function parseTable(xml: string, sheet: string): XTable | undefined {
  let table: XTable | undefined;
  parse(xml, (n, a) => {
    if (n === 'table') {
      const ref = a.ref ? parseRange(a.ref) : undefined;
      const name = a.displayName || a.name;
      if (!ref || !name) return;
      const num = (v: string | undefined, d: number) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : d);
      table = { name, sheet, ref, headerRows: num(a.headerRowCount, 1), totalsRows: num(a.totalsRowCount, 0), columns: [] };
    } else if (n === 'tableColumn' && table) table.columns.push(unescapeX(a.name ?? ''));
  });
  return table;
}

/** Every table of the workbook, found through each worksheet's relationships. Tables that cannot be read are left out. */
export function readTables(book: XBook): XTable[] {
  const budget = new InflateBudget(book.file, book.limits);
  const text = (part: string) => {
    const e = book.entries.get(part);
    return e ? readText(book.data, e, budget) : undefined;
  };
  const out: XTable[] = [];
  for (const s of book.sheets) {
    const rels = text(relsOf(s.part));
    if (!rels) continue;
    const targets: string[] = [];
    try {
      parse(rels, (n, a) => {
        if (n === 'Relationship' && a.Type?.endsWith('/table') && a.Target && a.TargetMode !== 'External') targets.push(resolveTarget(s.part, a.Target));
      });
    } catch {
      continue; // damaged relationships: the sheet's tables stay unknown (their formulas are reported unsupported)
    }
    for (const t of targets) {
      const xml = text(t);
      if (!xml) continue;
      try {
        const table = parseTable(xml, s.name);
        if (table && table.columns.length === table.ref.c1 - table.ref.c0 + 1) out.push(table);
      } catch {
        // not well-formed: left out
      }
    }
  }
  return out;
}
