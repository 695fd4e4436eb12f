/**
 * Excel's newer text functions that HyperFormula 3.5 lacks: CONCAT,
 * TEXTBEFORE, TEXTAFTER, TEXTSPLIT (which spills).
 *
 * Semantics follow Microsoft's function reference; test/excel-syntax.test.ts
 * checks the examples it states. Every function returns a value or a
 * CellError with a message, never throws.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { AnyAst, ArrayFunctionPlugin, isOmitted, literalNumber, remember, rootHint, State } from './sizing';
import { anyOpt, calcError, Cell, err, grid, isEmpty, range, rangeOpt, result, textOf as text, toBool, toInt } from './values';

type Call = { args: AnyAst[] };

const A = FunctionArgumentType;

export class StringsPlugin extends ArrayFunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    CONCAT: { method: 'concat', parameters: [{ argumentType: A.ANY }], repeatLastArgs: 1, vectorizationForbidden: true },
    TEXTBEFORE: { method: 'textbefore', parameters: [{ argumentType: A.NOERROR }, { argumentType: A.ANY }, anyOpt, anyOpt, anyOpt, anyOpt] },
    TEXTSPLIT: { method: 'textsplit', sizeOfResultArrayMethod: 'textsplitSize', parameters: [{ argumentType: A.NOERROR }, anyOpt, anyOpt, anyOpt, anyOpt, anyOpt], vectorizationForbidden: true },
    TEXTAFTER: { method: 'textafter', parameters: [{ argumentType: A.NOERROR }, { argumentType: A.ANY }, anyOpt, anyOpt, anyOpt, anyOpt] },
  };

  // ---- text --------------------------------------------------------------

  concat(ast: Call, state: State): unknown {
    return this.run('CONCAT', ast, state, (...parts: unknown[]) => {
      let out = '';
      for (const p of parts) {
        for (const v of grid(p).flat()) {
          if (v instanceof CellError) return v;
          out += text(v);
        }
      }
      if (out.length > 32767) return err(ErrorType.VALUE, 'CONCAT: the result is longer than 32,767 characters.');
      return out;
    });
  }

  private textAround(fn: 'TEXTBEFORE' | 'TEXTAFTER', ast: Call, state: State): unknown {
    return this.run(fn, ast, state, (t: Cell, delims: unknown, instArg: unknown, modeArg: unknown, endArg: unknown, notFound: unknown) => {
      const s = text(t);
      const ds: string[] = [];
      for (const d of grid(delims).flat()) {
        if (d instanceof CellError) return d;
        ds.push(text(d));
      }
      const inst = isOmitted(ast.args[2]) ? 1 : toInt(instArg, fn, 'instance_num');
      if (inst instanceof CellError) return inst;
      const mode = isOmitted(ast.args[3]) ? 0 : toInt(modeArg, fn, 'match_mode');
      if (mode instanceof CellError) return mode;
      const matchEnd = isOmitted(ast.args[4]) ? false : toBool(endArg, fn, 'match_end');
      if (matchEnd instanceof CellError) return matchEnd;
      if (inst === 0 || Math.abs(inst) > s.length + 1) return err(ErrorType.VALUE, `${fn}: instance_num must not be 0 or longer than the text.`);
      if (mode !== 0 && mode !== 1) return err(ErrorType.VALUE, `${fn}: match_mode must be 0 (case-sensitive) or 1 (case-insensitive).`);
      const hay = mode === 1 ? s.toLowerCase() : s;
      const needles = ds.map((d) => (mode === 1 ? d.toLowerCase() : d));
      // Every delimiter occurrence as [start, end), scanning left to right without overlaps.
      const hits: [number, number][] = [];
      if (needles.some((d) => d === '')) {
        // An empty delimiter matches at once: at the start searching forward, at the end searching back.
        hits.push(inst > 0 ? [0, 0] : [s.length, s.length]);
      } else {
        let i = 0;
        while (i < hay.length) {
          let best: [number, number] | undefined;
          for (const d of needles) {
            const at = hay.indexOf(d, i);
            if (at >= 0 && (!best || at < best[0] || (at === best[0] && at + d.length > best[1]))) best = [at, at + d.length];
          }
          if (!best) break;
          hits.push(best);
          i = best[1];
        }
      }
      if (matchEnd) {
        if (inst > 0) hits.push([s.length, s.length]);
        else hits.unshift([0, 0]);
      }
      const hit = inst > 0 ? hits[inst - 1] : hits[hits.length + inst];
      if (!hit) {
        if (!isOmitted(ast.args[5])) return notFound instanceof SimpleRangeValue ? notFound.data[0][0] : notFound === EmptyValue ? 0 : notFound;
        return err(ErrorType.NA, `${fn}: delimiter instance ${inst} not found.`);
      }
      return fn === 'TEXTBEFORE' ? s.slice(0, hit[0]) : s.slice(hit[1]);
    });
  }

  /** TEXTSPLIT's rows of pieces, or why not (shared by the function and its parse-time size). */
  private static split(t: Cell, colD: unknown, rowD: unknown, ignoreEmpty: boolean, mode: number): string[][] | CellError {
    const list = (d: unknown): string[] | CellError => {
      if (d === undefined || d === EmptyValue) return [];
      const out: string[] = [];
      for (const x of grid(d).flat()) {
        if (x instanceof CellError) return x;
        if (!isEmpty(x) && text(x) !== '') out.push(text(x));
      }
      return out;
    };
    const cols = list(colD);
    if (cols instanceof CellError) return cols;
    const rows = list(rowD);
    if (rows instanceof CellError) return rows;
    if (cols.length === 0 && rows.length === 0) return err(ErrorType.VALUE, 'TEXTSPLIT: give a column or a row delimiter.');
    const lines = splitBy(text(t), rows, mode === 1).filter((l) => !ignoreEmpty || l !== '');
    return lines.map((l) => splitBy(l, cols, mode === 1).filter((p) => !ignoreEmpty || p !== ''));
  }

  textsplit(ast: Call, state: State): unknown {
    return this.run('TEXTSPLIT', ast, state, (t: Cell, colD: unknown, rowD: unknown, ignoreArg: unknown, modeArg: unknown, padArg: unknown) => {
      const ignore = isOmitted(ast.args[3]) ? false : toBool(ignoreArg, 'TEXTSPLIT', 'ignore_empty');
      if (ignore instanceof CellError) return ignore;
      const mode = isOmitted(ast.args[4]) ? 0 : toInt(modeArg, 'TEXTSPLIT', 'match_mode');
      if (mode instanceof CellError) return mode;
      const pieces = StringsPlugin.split(t, isOmitted(ast.args[1]) ? undefined : colD, isOmitted(ast.args[2]) ? undefined : rowD, ignore, mode);
      if (pieces instanceof CellError) return pieces;
      if (pieces.length === 0) return calcError('TEXTSPLIT: nothing is left after ignoring empty pieces.');
      const width = pieces.reduce((m, r) => Math.max(m, r.length), 0);
      const pad = isOmitted(ast.args[5]) ? err(ErrorType.NA, 'TEXTSPLIT: padding.') : padArg;
      return result(pieces.map((r) => [...r, ...Array(width - r.length).fill(pad)]));
    });
  }

  /** Exact when the text and delimiters are written in the formula; else the saved size, else one cell. */
  textsplitSize(ast: Call, state: State): ArraySize {
    const lit = (a: AnyAst | undefined): unknown => (isOmitted(a) ? undefined : a!.type === 'STRING' ? a!.value : a!.type === 'ARRAY' ? 'array' : literalNumber(a));
    const [t, c, r, ig, mo] = [0, 1, 2, 3, 4].map((i) => lit(ast.args[i]));
    const known = t !== undefined && c !== 'array' && r !== 'array' && (isOmitted(ast.args[1]) || c !== undefined) && (isOmitted(ast.args[2]) || r !== undefined) && (isOmitted(ast.args[3]) || ig !== undefined) && (isOmitted(ast.args[4]) || mo !== undefined);
    if (known) {
      const pieces = StringsPlugin.split(t, c, r, Boolean(ig), Number(mo ?? 0));
      if (!(pieces instanceof CellError) && pieces.length) return remember(ast, state, { h: pieces.length, w: pieces.reduce((m, p) => Math.max(m, p.length), 0) });
    }
    return remember(ast, state, rootHint(state) ?? { h: 1, w: 1 });
  }

  textbefore(ast: Call, state: State): unknown {
    return this.textAround('TEXTBEFORE', ast, state);
  }
  textafter(ast: Call, state: State): unknown {
    return this.textAround('TEXTAFTER', ast, state);
  }
}

/** Splits at every occurrence of any delimiter (the earliest, and the longest there, first). */
function splitBy(s: string, delims: string[], caseInsensitive: boolean): string[] {
  if (delims.length === 0) return [s];
  const hay = caseInsensitive ? s.toLowerCase() : s;
  const needles = delims.map((d) => (caseInsensitive ? d.toLowerCase() : d));
  const out: string[] = [];
  let from = 0;
  for (;;) {
    let best: [number, number] | undefined;
    for (const d of needles) {
      const at = hay.indexOf(d, from);
      if (at >= 0 && (!best || at < best[0] || (at === best[0] && at + d.length > best[1]))) best = [at, at + d.length];
    }
    if (!best) break;
    out.push(s.slice(from, best[0]));
    from = best[1];
  }
  out.push(s.slice(from));
  return out;
}
