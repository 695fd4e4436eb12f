/**
 * A bounded memo for argument parsing: a workbook asks about the same few
 * dates and units over and over. Answers are kept per slot (a parameter name,
 * a metric's unit) and per argument, frozen because callers share them; a
 * full slot starts afresh rather than growing without bound.
 */
export function boundedMemo<K, V extends object>(perSlot: number, maxSlots: number, compute: (slot: string, key: K) => V) {
  const slots = new Map<string, Map<K, Readonly<V>>>();
  return (slot: string, key: K): Readonly<V> => {
    let cache = slots.get(slot);
    if (!cache) {
      if (slots.size >= maxSlots) slots.clear();
      slots.set(slot, (cache = new Map()));
    }
    let hit = cache.get(key);
    if (hit === undefined) {
      if (cache.size >= perSlot) cache.clear();
      cache.set(key, (hit = Object.freeze(compute(slot, key))));
    }
    return hit;
  };
}
