/**
 * The bundled CLI (lib/bundle/, `npm run build:cli`) skips validating the
 * dataset at run time because the build validated it: this proves the dataset
 * it carries is exactly what the zod schemas make of today's seed files.
 */
import fs from 'fs';
import path from 'path';
import { parseSeedFiles } from '../src/data/load';
import { SEED_FILES } from '../src/data/seedFiles';

const BUNDLE = path.join(__dirname, '..', 'lib', 'bundle', 'llm-market.js');

test('the dataset inlined in the bundled CLI equals the validated seeds', async () => {
  if (!fs.existsSync(BUNDLE)) throw new Error('lib/bundle/ is not built: run `npm run build:cli` (npm ci and npm test build it)');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require(BUNDLE);
  const inlined = await bundle.inlinedDataset();
  // Through JSON both ways: what validation returns, as the bundle stores it (undefined fields dropped).
  const validated = JSON.parse(JSON.stringify(parseSeedFiles(SEED_FILES)));
  expect(inlined).toStrictEqual(validated);
  expect(inlined.facts.length).toBeGreaterThan(90);
});
