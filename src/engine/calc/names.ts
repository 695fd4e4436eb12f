/**
 * Plan stage, defined names: every name Excel accepts reaches the engine, and
 * every formula that uses one is rewritten so the engine reads it as Excel does.
 *
 * - A name that is just a reference (`Sheet1!$A$1:$B$3`) is written into the
 *   formulas that use it: HyperFormula's ROWS, COLUMNS and the like do not wait
 *   for a named range's value.
 * - A name HyperFormula refuses although Excel accepts it (`answer2`, `named1`,
 *   `AddressLine1` look like cell references to HyperFormula; `_1234\5678\90`
 *   has backslashes) is carried under an internal name HyperFormula accepts,
 *   and its uses in every formula and every other name are renamed. One refused
 *   name would otherwise abort the whole engine build.
 *
 * Both rewrites are quote-aware (text in "strings" and 'sheet names' is left
 * alone) and scope-aware: inside a sheet, that sheet's own name wins over the
 * workbook's name of the same spelling, as in Excel.
 */
import { HyperFormula, SerializedNamedExpression } from 'hyperformula';
import { ENGINE_CONFIG } from '../index';
import { toEngineFormula } from '../formula';
import { mapCode } from '../xlsx/refs';
import type { XBook } from '../xlsx/read';

/** A defined name that is just a cell or range reference, possibly on another sheet. */
export const REFERENCE = /^(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_.\u00C0-\uFFFF]+)!)?(?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)$/;

/** A name as a formula token: not after another name's character, a `!` qualifier or `$`; not a function call. */
const NAME_TOKEN = /(?<![A-Za-z0-9_.\\!$\u00C0-\uFFFF])([A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*)(?![A-Za-z0-9_.(!$\\\u00C0-\uFFFF])/g;
/** Column letters beside a colon, as in `B:B` or `$A:C`: a column range, never a name. */
const COLUMN_RANGE_AFTER = /^:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_.(!\\\u00C0-\uFFFF])/;
/** Text ending inside an error literal with a slash (`#N/` of #N/A, `#DIV/` of #DIV/0!). */
const ERROR_LITERAL_BEFORE = /#[A-Za-z0-9]+\/$/;
const COLUMN_RANGE_BEFORE = /(?<![A-Za-z0-9_.\\\u00C0-\uFFFF])\$?[A-Za-z]{1,3}:\$?$/;
/** A sheet-qualified name: `Model!Here`, `'My model'!Here`. */
const QUALIFIED_TOKEN = /(?<![A-Za-z0-9_.\\$'])('(?:[^']|'')+'|[A-Za-z0-9_.\u00C0-\uFFFF]+)!([A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*)(?![A-Za-z0-9_.(!$:\\\u00C0-\uFFFF])/g;

let scratch: HyperFormula | undefined;
const verdicts = new Map<string, boolean>();
/** Whether HyperFormula takes this name as a named expression (its own public check, on an empty engine). */
export function engineAcceptsName(name: string): boolean {
  let ok = verdicts.get(name);
  if (ok === undefined) {
    scratch ??= HyperFormula.buildFromSheets({ S: [] }, { ...ENGINE_CONFIG });
    try {
      ok = scratch.isItPossibleToAddNamedExpression(name, '=1');
    } catch {
      ok = false;
    }
    verdicts.set(name, ok);
  }
  return ok;
}

export interface NamePlan {
  /** Reference names written in, refused names renamed, in a formula (engine form) that lives on `sheet` ("" for the workbook). */
  rewrite(formula: string, sheet: string): string;
  /** The named expressions for the engine (sheet scopes as the engine's sheet ids). */
  expressions(ids: ReadonlyMap<string, number>): SerializedNamedExpression[];
  /** Excel's name for an internal one (for messages), or the name itself. */
  excelName(name: string): string;
}

interface Planned {
  /** Excel's spelling. */
  name: string;
  /** Sheet the name is scoped to; undefined for the workbook; "\0" for a chart sheet (no cells). */
  scope?: string;
  text: string;
  /** What a use of the name is replaced with: the reference, an internal name, or the name itself. */
  replacement: string;
  /** The name the engine knows it by. */
  engineName: string;
}

export function planNames(book: Pick<XBook, 'names' | 'sheetOrder'>): NamePlan {
  const planned: Planned[] = [];
  const taken = new Set(book.names.map((n) => n.name.toUpperCase()));
  const internal = new Map<string, string>(); // internal (upper case) → Excel's name
  let counter = 0;
  for (const n of book.names) {
    if (n.name.startsWith('_xlnm.')) continue;
    const scope = n.localSheetId === undefined ? undefined : book.sheetOrder[n.localSheetId] ?? '\0';
    const ref = n.text.trim();
    let engineName = n.name;
    if (!engineAcceptsName(n.name)) {
      // `_N3_` then the name's own letters, so a message still shows which name it was.
      const tail = n.name.replace(/[^A-Za-z0-9_.]/g, '_');
      do engineName = `_N${++counter}_${tail}`;
      while (taken.has(engineName.toUpperCase()) || !engineAcceptsName(engineName));
      taken.add(engineName.toUpperCase());
      internal.set(engineName.toUpperCase(), n.name);
    }
    planned.push({ name: n.name, scope, text: n.text, engineName, replacement: REFERENCE.test(ref) ? ref : engineName });
  }

  // scope ("" = workbook, else the sheet's name) → NAME (upper case) → replacement
  const byScope = new Map<string, Map<string, string | null>>();
  for (const p of planned) {
    const key = p.scope ?? '';
    // null: the name stays as written, but still shadows a workbook name of the same spelling.
    (byScope.get(key) ?? byScope.set(key, new Map()).get(key)!).set(p.name.toUpperCase(), p.replacement === p.name ? null : p.replacement);
  }
  const identity = planned.every((p) => p.replacement === p.name);

  const rewrite = (formula: string, sheet: string): string => {
    if (identity) return formula;
    const local = sheet ? byScope.get(sheet) : undefined;
    const global = byScope.get('');
    // Another sheet's sheet-scoped name, qualified by that sheet: HyperFormula has no syntax for it,
    // so the reference it names is written in its place. This pass sees quoted sheet names (only
    // string literals are skipped); the next one skips both.
    const qualified = mapCode(
      formula,
      (code) =>
        code.replace(QUALIFIED_TOKEN, (whole, qualifier: string, name: string) => {
          const target = qualifier.startsWith("'") ? qualifier.slice(1, -1).replace(/''/g, "'") : qualifier;
          const r = byScope.get(target)?.get(name.toUpperCase());
          return r && REFERENCE.test(r) ? r : whole;
        }),
      '"',
    );
    return mapCode(qualified, (code) =>
      code.replace(NAME_TOKEN, (w: string, _name: string, at: number, text: string) => {
        // The A of the error literal #N/A is no name (nor the tail of any #…/… literal).
        if (ERROR_LITERAL_BEFORE.test(text.slice(Math.max(0, at - 8), at))) return w;
        if (/^[A-Za-z]{1,3}$/.test(w) && (COLUMN_RANGE_AFTER.test(text.slice(at + w.length)) || COLUMN_RANGE_BEFORE.test(text.slice(0, at)))) return w;
        const k = w.toUpperCase();
        const r = local?.has(k) ? local.get(k) : global?.get(k);
        return r ?? w;
      }),
    );
  };

  return {
    rewrite,
    expressions(ids) {
      const out: SerializedNamedExpression[] = [];
      for (const p of planned) {
        const scope = p.scope === undefined ? undefined : ids.get(p.scope);
        if (p.scope !== undefined && scope === undefined) continue; // scoped to a chart sheet
        out.push({ name: p.engineName, expression: rewrite(toEngineFormula(p.text), p.scope ?? ''), ...(scope !== undefined ? { scope } : {}) });
      }
      return out;
    },
    excelName: (name) => internal.get(name.toUpperCase()) ?? name,
  };
}
