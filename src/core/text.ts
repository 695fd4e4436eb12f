/** Lookup keys: case-, width-, space- and punctuation-insensitive; CJK kept. */
export function normalizeKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Levenshtein distance, bounded: returns `limit + 1` once it is exceeded. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Up to `max` labels whose keys are nearest to `query`: substring matches
 * first, then by edit distance within a tolerance that grows with length.
 */
export function nearest(query: string, candidates: ReadonlyArray<{ key: string; label: string }>, max = 3): string[] {
  const q = normalizeKey(query);
  if (!q) return [];
  const limit = Math.max(2, Math.floor(q.length / 3));
  const scored: { label: string; score: number }[] = [];
  for (const c of candidates) {
    let score: number;
    if (c.key === q) score = 0;
    else if (c.key.startsWith(q) || q.startsWith(c.key) && c.key.length >= 2) score = 0.5;
    else if (c.key.includes(q) || (q.includes(c.key) && c.key.length >= 3)) score = 1;
    else {
      const d = editDistance(q, c.key, limit);
      if (d > limit) continue;
      score = 1 + d;
    }
    scored.push({ label: c.label, score });
  }
  scored.sort((a, b) => a.score - b.score || a.label.localeCompare(b.label));
  const out: string[] = [];
  for (const s of scored) {
    if (!out.includes(s.label)) out.push(s.label);
    if (out.length === max) break;
  }
  return out;
}

export function didYouMean(suggestions: string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `"${s}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}
