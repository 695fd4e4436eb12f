/**
 * The character set Excel's CHAR and CODE use. Microsoft's reference: "the
 * character set used by your computer" — Windows uses the ANSI code page
 * (Windows-1252 for en-US), the Macintosh uses the Mac Roman set; codes
 * 0–127 are ASCII in both. So CHAR(157) is "ù" in a workbook Excel for Mac
 * saved and a control character in one Windows saved.
 *
 * The set in force is Windows-1252 unless a workbook build says otherwise
 * with `withCharacterSet` (from the application that saved the workbook,
 * `characterSetOf`), as the spill hints are scoped to one engine build.
 */
import { InflateBudget } from '../xlsx/limits';
import type { XBook } from '../xlsx/read';
import { readText } from '../xlsx/zip';

export type CharacterSet = 'windows-1252' | 'macintosh';

const tables = new Map<CharacterSet, { toChar: string[]; toCode: Map<string, number> }>();

/**
 * Windows-1252's 0x80–0x9F (the rest is ISO-8859-1). Written out because
 * Node's TextDecoder reads the 'windows-1252' label as ISO-8859-1; the five
 * codes the code page leaves undefined stay the C1 controls.
 */
const CP1252_80_9F = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function table(set: CharacterSet) {
  let t = tables.get(set);
  if (!t) {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const toChar = set === 'macintosh' ? [...new TextDecoder('macintosh').decode(bytes)] : Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b)));
    const toCode = new Map<string, number>();
    toChar.forEach((c, i) => {
      if (!toCode.has(c)) toCode.set(c, i);
    });
    t = { toChar, toCode };
    tables.set(set, t);
  }
  return t;
}

let current: CharacterSet = 'windows-1252';

/** Runs `f` with `set` as the character set of CHAR and CODE; restores the previous one after. */
export function withCharacterSet<T>(set: CharacterSet, f: () => T): T {
  const before = current;
  current = set;
  try {
    return f();
  } finally {
    current = before;
  }
}

/** The character set of the application that saved a workbook (docProps/app.xml's Application). */
export function characterSetOf(application: string | undefined): CharacterSet {
  return application && /macintosh/i.test(application) ? 'macintosh' : 'windows-1252';
}

/** The character for a code 1–255 in the set in force. */
export function charOf(code: number): string {
  return table(current).toChar[code];
}

/** The code of a character in the set in force, or undefined when the set has none for it. */
export function codeOf(ch: string): number | undefined {
  const c = ch.codePointAt(0);
  if (c !== undefined && c < 128) return c;
  return table(current).toCode.get(ch);
}

/**
 * The character set of a workbook as read: the extended properties part's
 * <Application> (docProps/app.xml, found through the package relationships),
 * e.g. "Microsoft Macintosh Excel" for a book Excel for Mac saved.
 */
export function bookCharacterSet(book: XBook): CharacterSet {
  try {
    const budget = new InflateBudget(book.file, book.limits);
    const text = (part: string) => {
      const e = book.entries.get(part);
      return e ? readText(book.data, e, budget) : undefined;
    };
    const rel = /<Relationship\b[^>]*Type="[^"]*\/extended-properties"[^>]*>/.exec(text('_rels/.rels') ?? '')?.[0];
    const part = (rel && /Target="\/?([^"]+)"/.exec(rel)?.[1]) ?? 'docProps/app.xml';
    const app = /<(?:\w+:)?Application>([^<]*)</.exec(text(part) ?? '')?.[1];
    return characterSetOf(app);
  } catch {
    return 'windows-1252';
  }
}
