/**
 * Excel's database functions (DSUM, DCOUNT, DPRODUCT … with Excel's criteria rules).
 *
 * One HyperFormula function plugin for this family: the static
 * `implementedFunctions` table declares each function's parameters (the
 * engine's runFunction coerces them), each method does only its own work and
 * returns a value or a CellError with a message, never throws. Semantics
 * follow Microsoft's function reference and are tested against values Excel
 * saved (the real-Excel corpus) or that the reference states.
 *
 * Every function is F(database, field, criteria):
 *
 * - database: a range whose first row holds the labels and which has at
 *   least one record below them (#VALUE! otherwise);
 * - field: a label, matched case-insensitively against the labels as text
 *   (a label 1 is "1", TRUE is "TRUE"), or a column number (truncated; TRUE
 *   is 1); #VALUE! when there is no such column;
 * - criteria: a range whose first row holds labels and whose other rows hold
 *   conditions. A record matches when, on some row (OR), every condition of
 *   that row holds (AND) for the record's value in the column with that
 *   label; a blank condition, or an error, always holds, so a blank row
 *   matches every record. A label the database lacks is tested against a
 *   blank value (so "North" never holds and "*" always does).
 * - a condition is a value or text: a number or logical matches an equal
 *   value; text without an operator matches text that begins with it
 *   (wildcards * ? ~ allowed) or the number it reads as; "=text" matches the
 *   whole text, "=" a blank; "<>x" any value that does not match x; "<x",
 *   "<=x", ">x", ">=x" compare numbers with numbers (x may be a date) and text
 *   with text, case-insensitively.
 */
import { CellError, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { Call, EnginePlugin, State } from '../hf/internals';
import { compareValues, err, isEmpty, range, rawNumber, textOf, wildcard } from './values';

const A = FunctionArgumentType;
const PARAMS = [range, { argumentType: A.ANY }, range];

type Grid = unknown[][];
type Test = (v: unknown) => boolean;

const header = (v: unknown): string | undefined => (v instanceof CellError ? undefined : textOf(v).toLowerCase());

export class DatabasePlugin extends EnginePlugin {
  static override implementedFunctions: ImplementedFunctions = {
    DSUM: { method: 'dsum', parameters: PARAMS, vectorizationForbidden: true },
    DAVERAGE: { method: 'daverage', parameters: PARAMS, vectorizationForbidden: true },
    DCOUNT: { method: 'dcount', parameters: PARAMS, vectorizationForbidden: true },
    DCOUNTA: { method: 'dcounta', parameters: PARAMS, vectorizationForbidden: true },
    DGET: { method: 'dget', parameters: PARAMS, vectorizationForbidden: true },
    DMAX: { method: 'dmax', parameters: PARAMS, vectorizationForbidden: true },
    DMIN: { method: 'dmin', parameters: PARAMS, vectorizationForbidden: true },
    DPRODUCT: { method: 'dproduct', parameters: PARAMS, vectorizationForbidden: true },
    DSTDEV: { method: 'dstdev', parameters: PARAMS, vectorizationForbidden: true },
    DSTDEVP: { method: 'dstdevp', parameters: PARAMS, vectorizationForbidden: true },
    DVAR: { method: 'dvar', parameters: PARAMS, vectorizationForbidden: true },
    DVARP: { method: 'dvarp', parameters: PARAMS, vectorizationForbidden: true },
  };

  /** Text of a condition read as a number: plain numerals, or a date/time as the workbook's date formats read it. */
  private numberIn(text: string): number | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    const n = Number(t);
    if (Number.isFinite(n)) return n;
    const c = this.toNumber(text);
    return c instanceof CellError ? undefined : c;
  }

  /** The test one condition cell puts on a value. */
  private condition(c: unknown): Test {
    if (isEmpty(c) || c instanceof CellError) return () => true;
    if (typeof c === 'boolean') return (v) => v === c;
    const cn = rawNumber(c);
    if (cn !== undefined) return (v) => rawNumber(v) === cn;
    const text = String(c);
    const m = /^(<>|<=|>=|<|>|=)?(.*)$/s.exec(text)!;
    const op = m[1] ?? '';
    const rest = m[2];
    const num = this.numberIn(rest);
    const bool = /^(true|false)$/i.test(rest) ? rest.toLowerCase() === 'true' : undefined;
    const equals = (v: unknown, whole: boolean): boolean => {
      if (rest === '') return whole ? isEmpty(v) : true;
      if (num !== undefined) return rawNumber(v) === num;
      if (bool !== undefined && typeof v === 'boolean') return v === bool;
      return typeof v === 'string' && wildcard(rest, !whole).test(v);
    };
    switch (op) {
      case '':
        return (v) => equals(v, false);
      case '=':
        return (v) => equals(v, true);
      case '<>':
        return (v) => !equals(v, true);
      default: {
        const holds = (d: number) => (op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0);
        if (num !== undefined) return (v) => rawNumber(v) !== undefined && holds((rawNumber(v) as number) - num);
        return (v) => typeof v === 'string' && holds(compareValues(v, rest));
      }
    }
  }

  /**
   * The records of `database` that `criteria` selects, as row indexes (1 = the
   * first record), and the field's column; or the error Excel gives.
   */
  private select(fn: string, db: SimpleRangeValue, fieldArg: unknown, crit: SimpleRangeValue): { rows: unknown[]; } | CellError {
    const data = db.data as Grid;
    if (data.length < 2) return err(ErrorType.VALUE, `${fn}: the database needs a row of labels and at least one record below it.`);
    const labels = data[0].map(header);
    const width = labels.length;

    let col: number;
    if (fieldArg instanceof SimpleRangeValue) {
      if (fieldArg.width() !== 1 || fieldArg.height() !== 1) return err(ErrorType.VALUE, `${fn}: field must be one label or column number, not a range.`);
      fieldArg = fieldArg.data[0][0];
    }
    if (fieldArg instanceof CellError) return fieldArg;
    const fieldNumber = typeof fieldArg === 'boolean' ? Number(fieldArg) : rawNumber(fieldArg);
    if (fieldNumber !== undefined) {
      col = Math.trunc(fieldNumber) - 1;
      if (col < 0 || col >= width) return err(ErrorType.VALUE, `${fn}: field ${fieldNumber} is not a column of the database (1 to ${width}).`);
    } else {
      const want = textOf(fieldArg).toLowerCase();
      col = labels.indexOf(want);
      if (col < 0) return err(ErrorType.VALUE, `${fn}: no column of the database is labelled ${JSON.stringify(textOf(fieldArg))}.`);
    }

    const cdata = crit.data as Grid;
    // Each criteria column: the database column its label names (-1 when none) and each row's test.
    const columns = (cdata[0] ?? []).map((label, j) => {
      const h = header(label);
      return { at: h === undefined ? -1 : labels.indexOf(h), tests: cdata.slice(1).map((r) => (isEmpty(r[j]) ? undefined : this.condition(r[j]))) };
    });
    const conditionRows = Math.max(0, cdata.length - 1);
    const rows: unknown[] = [];
    for (let r = 1; r < data.length; r++) {
      const record = data[r];
      let match = conditionRows === 0;
      for (let k = 0; k < conditionRows && !match; k++) {
        match = columns.every(({ at, tests }) => {
          const t = tests[k];
          return t === undefined || t(at < 0 ? undefined : record[at]);
        });
      }
      if (match) rows.push(record[col]);
    }
    return { rows };
  }

  private aggregate(fn: string, ast: Call, state: State, f: (values: unknown[]) => unknown): unknown {
    return this.call(fn, ast, state, (db: SimpleRangeValue, field: unknown, crit: SimpleRangeValue) => {
      const s = this.select(fn, db, field, crit);
      return s instanceof CellError ? s : f(s.rows);
    });
  }

  private static numbers(values: unknown[]): number[] {
    const out: number[] = [];
    for (const v of values) {
      const n = typeof v === 'number' ? v : rawNumber(v);
      if (n !== undefined) out.push(n);
    }
    return out;
  }

  dsum(ast: Call, state: State): unknown {
    return this.aggregate('DSUM', ast, state, (vs) => DatabasePlugin.numbers(vs).reduce((a, b) => a + b, 0));
  }

  daverage(ast: Call, state: State): unknown {
    return this.aggregate('DAVERAGE', ast, state, (vs) => {
      const ns = DatabasePlugin.numbers(vs);
      if (ns.length === 0) return err(ErrorType.DIV_BY_ZERO, 'DAVERAGE: no matching record has a number in the field.');
      return ns.reduce((a, b) => a + b, 0) / ns.length;
    });
  }

  dcount(ast: Call, state: State): unknown {
    return this.aggregate('DCOUNT', ast, state, (vs) => DatabasePlugin.numbers(vs).length);
  }

  dcounta(ast: Call, state: State): unknown {
    return this.aggregate('DCOUNTA', ast, state, (vs) => vs.filter((v) => !isEmpty(v)).length);
  }

  dget(ast: Call, state: State): unknown {
    return this.aggregate('DGET', ast, state, (vs) => {
      if (vs.length === 0) return err(ErrorType.VALUE, 'DGET: no record matches the criteria.');
      if (vs.length > 1) return err(ErrorType.NUM, `DGET: ${vs.length} records match the criteria; DGET needs exactly one.`);
      return isEmpty(vs[0]) ? 0 : vs[0];
    });
  }

  dmax(ast: Call, state: State): unknown {
    return this.aggregate('DMAX', ast, state, (vs) => {
      const ns = DatabasePlugin.numbers(vs);
      return ns.length ? Math.max(...ns) : 0;
    });
  }

  dmin(ast: Call, state: State): unknown {
    return this.aggregate('DMIN', ast, state, (vs) => {
      const ns = DatabasePlugin.numbers(vs);
      return ns.length ? Math.min(...ns) : 0;
    });
  }

  dproduct(ast: Call, state: State): unknown {
    return this.aggregate('DPRODUCT', ast, state, (vs) => {
      const ns = DatabasePlugin.numbers(vs);
      return ns.length ? ns.reduce((a, b) => a * b, 1) : 0;
    });
  }

  private variance(fn: string, ast: Call, state: State, sample: boolean, root: boolean): unknown {
    return this.aggregate(fn, ast, state, (vs) => {
      const ns = DatabasePlugin.numbers(vs);
      const n = ns.length;
      if (n < (sample ? 2 : 1)) return err(ErrorType.DIV_BY_ZERO, `${fn}: needs at least ${sample ? 2 : 1} numbers in the matching records, found ${n}.`);
      const mean = ns.reduce((a, b) => a + b, 0) / n;
      const ss = ns.reduce((a, b) => a + (b - mean) ** 2, 0);
      const v = ss / (sample ? n - 1 : n);
      return root ? Math.sqrt(v) : v;
    });
  }

  dstdev(ast: Call, state: State): unknown {
    return this.variance('DSTDEV', ast, state, true, true);
  }

  dstdevp(ast: Call, state: State): unknown {
    return this.variance('DSTDEVP', ast, state, false, true);
  }

  dvar(ast: Call, state: State): unknown {
    return this.variance('DVAR', ast, state, true, false);
  }

  dvarp(ast: Call, state: State): unknown {
    return this.variance('DVARP', ast, state, false, false);
  }
}
