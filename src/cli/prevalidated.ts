/**
 * In the bundled CLI (webpack.cli.config.js) this module stands in for
 * src/data/load.ts wherever the core imports it: the dataset was validated
 * when the bundle was built (see snapshot.ts), so what remains needed at run
 * time is only the error class the Market throws — not zod and the schemas.
 */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

export function parseSeedFiles(): never {
  throw new DatasetError('the bundled CLI carries a dataset validated at build time; it cannot validate seed files');
}
