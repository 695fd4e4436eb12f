/**
 * Documents as people name them: by number ("001", "1"), by id
 * ("001_693efba5fa28deb1"), or by words of the publisher or title and the
 * publication date ("Guosen 2025-10-03", "The Paper"). One answer, or a
 * message naming what exists.
 */
import type { Document } from '../data/schema';
import type { Market } from './market';

/** "001 大模型密集更新… (Guosen International (国证国际), 2025-10-03)". */
export function documentLabel(d: Document): string {
  return `${d.id.split('_')[0]} ${d.title_en || d.title} (${d.publisher ?? 'publisher not stated'}, ${d.published ?? 'undated'})`;
}

export function findDocument(m: Market, asked: string): Document | string {
  const q = asked.trim();
  const all = [...m.documents.values()];
  const exact = m.documents.get(q);
  if (exact) return exact;
  if (/^\d{1,3}$/.test(q)) {
    const hit = all.find((d) => d.id.startsWith(`${q.padStart(3, '0')}_`));
    if (hit) return hit;
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = words.length
    ? all.filter((d) => {
        const text = `${d.id} ${d.publisher ?? ''} ${d.title} ${d.title_en} ${d.author ?? ''}`.toLowerCase();
        return words.every((w) => (/^\d{4}-\d{2}-\d{2}$/.test(w) ? d.published === w : text.includes(w)));
      })
    : [];
  if (hits.length === 1) return hits[0];
  const list = (ds: Document[]) => ds.map(documentLabel).join('; ');
  if (hits.length > 1) return `"${asked}" names ${hits.length} documents: ${list(hits)}. Add the date or use the number.`;
  return `unknown document "${asked}"; documents (by number, id, or publisher and date): ${list(all)}`;
}
