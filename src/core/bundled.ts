/**
 * The dataset shipped with the package, validated and indexed on first use —
 * with the user's data folders added when there are any (`--data DIR`,
 * LLM_MARKET_DATA, createEngine's `data` option, an add-in built with
 * LLM_MARKET_DATA): one Market, so a user's facts follow the same as-of rule,
 * scope rule and tie-breaks as the bundled ones.
 */
import { parseSeedFiles } from '../data/load';
import { SEED_FILES } from '../data/seedFiles';
import { setUserDatasets } from '../data/datasets';
import { datasetEdition, formatEdition } from '../data/edition';
import type { Market } from './market';
import { userMarket } from './userMarket';
import type { Dataset } from '../data/schema';

/** An add-in built with LLM_MARKET_DATA=DIR (webpack.config.js) carries the organisation's checked datasets as JSON. */
declare const LLM_MARKET_USER_DATASETS: string | undefined;
if (typeof LLM_MARKET_USER_DATASETS === 'string') setUserDatasets(JSON.parse(LLM_MARKET_USER_DATASETS));

let base: Dataset | undefined;

/** "bundled dataset 2025-10-18, 1a2b3c4d": the bundled edition, as citations carry it. */
export const bundledLabel = (): string => `bundled ${formatEdition(datasetEdition(SEED_FILES))}`;

/** The bundled dataset alone, validated (without any user data folder). */
export function bundledDataset(): Dataset {
  return (base ??= parseSeedFiles(SEED_FILES));
}

const market = userMarket(bundledDataset, bundledLabel);

/** Throws DatasetError if the bundled data is invalid: callers must not start with half a dataset. */
export function bundledMarket(): Market {
  return market();
}
