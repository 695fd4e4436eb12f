/**
 * The bundled CLI's dataset (lib/bundle/, webpack.cli.config.js): in that build
 * this module stands in for src/core/bundled.ts. The seed files were validated
 * with the zod schemas when the bundle was built (the build fails on an invalid
 * dataset), and the validated dataset is inlined as JSON, so a cold `eval`
 * neither loads zod nor validates again. test/cli-bundle.test.ts checks that
 * the inlined dataset equals what the schemas make of today's seeds.
 */
import type { Market } from '../core/market';
import { userMarket } from '../core/userMarket';
import type { Dataset } from '../data/schema';

/** JSON text of the validated dataset, put in by webpack's DefinePlugin. */
declare const LLM_MARKET_VALIDATED_DATASET: string;

let validated: Dataset | undefined;
export function validatedDataset(): Dataset {
  return (validated ??= JSON.parse(LLM_MARKET_VALIDATED_DATASET));
}

/** As src/core/bundled.ts: the bundled dataset alone. */
export const bundledDataset = validatedDataset;

/** --version's edition, fixed when the bundle is built (webpack.cli.config.js). */
declare const LLM_MARKET_DATASET_EDITION: string | undefined;

export const bundledLabel = (): string => `bundled ${typeof LLM_MARKET_DATASET_EDITION === 'string' ? LLM_MARKET_DATASET_EDITION : 'dataset unknown'}`;

const market = userMarket(bundledDataset, bundledLabel);

/** As src/core/bundled.ts: the bundled dataset, with the user's data folders (--data) added. */
export function bundledMarket(): Market {
  return market();
}
