// Jest's order, with the long suites first: the browser cases and the engine's and the
// recalculation's (each a small file that requires its groups of cases), then the package's, the
// command's and the corpus's. Jest runs the slowest suites first when it has timings from an
// earlier run, and the largest files first when it has none (a fresh machine, as CI is): without
// this, a long suite could start late and run alone at the end while the other worker idles.
// The order of these six follows test-output/timings.json; the short suites keep jest's order.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['browser/pane', 'engine-and-calc', 'package', 'cli-unix', 'workbook-corpus', 'corpus'].map(
  (name) => new RegExp(`[\\\\/]test[\\\\/]${name.split('/').join('[\\\\/]')}\\.test\\.ts$`),
);
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
