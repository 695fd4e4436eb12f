/** Entry of the single-file CLI build (webpack.cli.config.js): the CLI, and the inlined dataset for its test. */
export * from './main';

/** The dataset inlined at build time (loaded on demand: `help` should not pay for it). */
export const inlinedDataset = async () => (await import('./snapshot')).validatedDataset();
