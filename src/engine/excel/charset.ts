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
export type CharacterSet = 'windows-1252' | 'macintosh';

const tables = new Map<CharacterSet, { toChar: string[]; toCode: Map<string, number> }>();

function table(set: CharacterSet) {
  let t = tables.get(set);
  if (!t) {
    const chars = new TextDecoder(set).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
    const toChar = [...chars];
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
