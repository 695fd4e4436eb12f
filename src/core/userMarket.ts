/**
 * The one Market of a bundled dataset and the user's data folders
 * (src/data/datasets.ts), built on first use and again only after the
 * folders change. src/core/bundled.ts and its stand-in in the CLI bundle,
 * src/cli/snapshot.ts (webpack.cli.config.js replaces the one by the other),
 * each keep theirs with it.
 */
import { combine, labelDatasets, userDatasets, userDatasetsGeneration } from '../data/datasets';
import type { Dataset } from '../data/schema';
import { Market } from './market';

/** A function answering that Market: `bundled` is the bundled dataset, `label` what its facts' citations say. */
export function userMarket(bundled: () => Dataset, label: () => string): () => Market {
  let market: Market | undefined;
  let builtFor = -1;
  return () => {
    if (market && builtFor === userDatasetsGeneration()) return market;
    const users = userDatasets();
    market = new Market(combine(bundled(), users.map((u) => u.data)));
    labelDatasets(market, label(), users);
    builtFor = userDatasetsGeneration();
    return market;
  };
}
