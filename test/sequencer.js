// Jest's order, with the two long suites first: the browser cases, then the engine's and the
// recalculation's. Jest runs the slowest suites first when it has timings from an earlier run,
// and the largest files first when it has none (a fresh machine, as CI is); each of the two is a
// small file that requires its cases, so without this one could start last and run alone at the
// end of a run while the other worker idles.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = [/[\\/]test[\\/]browser[\\/]pane\.test\.ts$/, /[\\/]test[\\/]engine-and-calc\.test\.ts$/];
const rank = (t) => {
  const i = FIRST.findIndex((re) => re.test(t.path));
  return i < 0 ? FIRST.length : i;
};

class LongSuitesFirst extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: the rest keep jest's order.
    return super.sort(tests).sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongSuitesFirst;
