/**
 * The task pane in Chromium: the browser cases, one group per file, run one
 * after another in this one jest suite. As five suites, two of them often ran
 * at once on the two jest workers, each with its own Chromium, and each then
 * took about twice as long as alone (test-output/timings.json: 57–78 s for the
 * accessibility group against 33 s alone); one suite keeps a single browser
 * busy at a time while the other worker runs the node suites, and one launch
 * serves every group.
 * test/sequencer.js starts this suite first, so it never becomes the tail of a run.
 *
 * One group alone: `npx jest test/browser/pane.test.ts -t "accessibility"`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { closeBrowser } from './harness';

// One Chromium for every group (harness.ts launches it on first use); each group closes its own pages.
afterAll(() => closeBrowser());

describe('task pane', () => {
  require('./taskpane.cases');
});
describe('analyst widths', () => {
  require('./pane-analyst.cases');
});
describe('accessibility and themes', () => {
  require('./pane-a11y.cases');
});
describe('complete Chinese', () => {
  require('./pane-zh.cases');
});
describe("an organisation's data", () => {
  require('./pane-org-data.cases');
});
