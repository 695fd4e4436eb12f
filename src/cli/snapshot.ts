/**
 * The bundled CLI's dataset (lib/bundle/, webpack.cli.config.js): in that build
 * this module stands in for src/core/bundled.ts. The seed files were validated
 * with the zod schemas when the bundle was built (the build fails on an invalid
 * dataset), and the validated dataset is inlined as JSON, so a cold `eval`
 * neither loads zod nor validates again. test/cli-bundle.test.ts checks that
 * the inlined dataset equals what the schemas make of today's seeds.
 */
import { Market } from '../core/market';
import type { Dataset } from '../data/schema';

/** JSON text of the validated dataset, put in by webpack's DefinePlugin. */
declare const LLM_MARKET_VALIDATED_DATASET: string;

export function validatedDataset(): Dataset {
  return JSON.parse(LLM_MARKET_VALIDATED_DATASET);
}

let market: Market | undefined;

export function bundledMarket(): Market {
  market ??= new Market(validatedDataset());
  return market;
}
