/**
 * Evaluate stage, helper: which items (formula cells, or defined names) make
 * the engine throw. One cell's exception inside HyperFormula (a RangeError,
 * "Invalid string length", its internal "Value of the formula cell is not
 * computed") aborts the whole build, and HyperFormula does not say which
 * cell it was evaluating. So the culprits are found by building scratch
 * engines (thrown away after) with some of the items:
 *
 * - `isolateGroups` bisects: a group of items that builds is cleared whole; a
 *   group that fails is split in two, left half first. The caller builds a
 *   group together with what it reads (its precedents), and without the
 *   culprits found so far (those hold Excel's values), so the builds stay
 *   small and a cell is never blamed for a precedent's exception when the
 *   items come precedents first. About 2·log2(n/k) small builds per culprit.
 * - `isolatePrefix` grows a prefix known to build: the item whose addition
 *   makes it fail is a culprit. Slower, but it also finds a failure that
 *   needs two items that do not read each other.
 */

export interface Isolated<T> {
  /** Items that broke the build, with the engine's words. */
  culprits: Map<T, string>;
  /** Items never tried because the search ran out of builds (kept out, with the reason). */
  untried: T[];
}

/**
 * `tryBuild(included)` builds with exactly `included` and returns undefined
 * when that works, else the error's message. The empty set must build.
 * At most `maxBuilds` builds are made.
 */
export function isolatePrefix<T>(items: readonly T[], tryBuild: (included: readonly T[]) => string | undefined, maxBuilds = 400): Isolated<T> {
  const culprits = new Map<T, string>();
  const kept: T[] = [];
  let rest = items.slice();
  let builds = 0;
  const attempt = (n: number): string | undefined => {
    builds++;
    return tryBuild(kept.concat(rest.slice(0, n)));
  };
  while (rest.length) {
    if (builds >= maxBuilds) return { culprits, untried: rest };
    if (attempt(rest.length) === undefined) return { culprits, untried: [] };
    // Gallop: the first prefix of `rest` that fails, between `lo` (builds) and `hi` (fails).
    let lo = 0;
    let hi = -1;
    let failure = '';
    for (let step = 1; hi < 0; step *= 2) {
      const n = Math.min(lo + step, rest.length);
      const e = builds < maxBuilds ? attempt(n) : undefined;
      if (builds >= maxBuilds && e === undefined) return { culprits, untried: rest };
      if (e !== undefined) {
        hi = n;
        failure = e;
      } else if (n === rest.length) {
        return { culprits, untried: [] }; // the whole set built after all: nothing to set aside
      } else lo = n;
    }
    while (hi - lo > 1) {
      if (builds >= maxBuilds) return { culprits, untried: rest };
      const mid = (lo + hi) >> 1;
      const e = attempt(mid);
      if (e === undefined) lo = mid;
      else {
        hi = mid;
        failure = e;
      }
    }
    culprits.set(rest[hi - 1], failure);
    kept.push(...rest.slice(0, hi - 1));
    rest = rest.slice(hi);
  }
  return { culprits, untried: [] };
}

/**
 * `tryBuild(group, culprits)` builds with `group` (and whatever it needs) but
 * not `culprits`, and returns undefined when that works, else the error's
 * message. `failure` is the error of a build of all `items` already made.
 */
export function isolateGroups<T>(
  items: readonly T[],
  tryBuild: (group: readonly T[], culprits: ReadonlyMap<T, string>) => string | undefined,
  failure?: string,
  maxBuilds = 2000,
): Isolated<T> {
  const culprits = new Map<T, string>();
  const untried: T[] = [];
  let builds = 0;
  const search = (group: readonly T[], known?: string): void => {
    if (group.length === 0) return;
    if (known === undefined && builds >= maxBuilds) {
      untried.push(...group);
      return;
    }
    let e = known;
    if (e === undefined) {
      builds++;
      e = tryBuild(group, culprits);
    }
    if (e === undefined) return;
    if (group.length === 1) {
      culprits.set(group[0], e);
      return;
    }
    const m = group.length >> 1;
    search(group.slice(0, m));
    search(group.slice(m));
  };
  search(items, failure);
  return { culprits, untried };
}
