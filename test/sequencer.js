// Jest's order, with the browser suite first. Jest runs the slowest suites first when it has
// timings from an earlier run, and the largest files first when it has none (a fresh machine,
// as CI is); the browser suite is a small file that imports its cases, so without this it could
// start last and run alone at the end of a run while the other worker idles.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = /[\\/]test[\\/]browser[\\/]pane\.test\.ts$/;

class BrowserFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => FIRST.test(t.path)), ...sorted.filter((t) => !FIRST.test(t.path))];
  }
}

module.exports = BrowserFirst;
