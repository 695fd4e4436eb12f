/** The dataset shipped with the package, validated and indexed on first use. */
import { parseSeedFiles } from '../data/load';
import { SEED_FILES } from '../data/seedFiles';
import { Market } from './market';

let market: Market | undefined;

/** Throws DatasetError if the bundled data is invalid: callers must not start with half a dataset. */
export function bundledMarket(): Market {
  market ??= new Market(parseSeedFiles(SEED_FILES));
  return market;
}
