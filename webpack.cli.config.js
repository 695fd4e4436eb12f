// The CLI as one file, lib/bundle/llm-market.js (`npm run build:cli`; prepare
// and `npm run build` run it), which bin/llm-market.js prefers over lib/src/:
// one file starts faster than hundreds of modules, and the dataset is
// validated here, at build time, instead of on every run.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const path = require('path');
const webpack = require('webpack');
const MinimizerPlugin = require('minimizer-webpack-plugin');
const { sourceExports } = require('./scripts/source-modules');

/**
 * The dataset validated and its edition, from the TypeScript sources themselves (scripts/source-modules.js),
 * so this build does not wait for tsc's lib/ and `npm run prepare` (scripts/prepare.js) runs the two side by side.
 */
function validatedDataset() {
  const { parseSeedFiles, SEED_FILES, editionOf, formatEdition } = sourceExports({
    'src/data/load': ['parseSeedFiles'],
    'src/data/seedFiles': ['SEED_FILES'],
    'src/cli/edition': ['editionOf', 'formatEdition'],
  });
  // Throws DatasetError on an invalid seed file: no bundle is built from bad data.
  return { dataset: parseSeedFiles(SEED_FILES), edition: formatEdition(editionOf(path.join(__dirname, 'seeds'))) };
}

module.exports = () => {
  const { dataset, edition } = validatedDataset();
  return {
    mode: 'production',
    target: 'node20',
    context: __dirname,
    devtool: false,
    entry: { 'llm-market': './src/cli/bundle.ts' },
    output: {
      path: path.join(__dirname, 'lib', 'bundle'),
      filename: '[name].js',
      chunkFilename: 'llm-market.[name].js',
      library: { type: 'commonjs2' },
      clean: true,
    },
    // The workbook reader stays in node_modules: only `calc` loads it.
    externals: { fflate: 'commonjs fflate', saxes: 'commonjs saxes' },
    resolve: { extensions: ['.ts', '.js', '.json'] },
    // version() looks for package.json from the file's real folder.
    node: { __dirname: false, __filename: false },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.join(__dirname, 'tsconfig.json'),
              transpileOnly: true,
              compilerOptions: { module: 'esnext', target: 'ES2020', sourceMap: false, declaration: false },
            },
          },
        },
      ],
    },
    plugins: [
      new webpack.NormalModuleReplacementPlugin(/[\\/]core[\\/]bundled(\.ts)?$/, (r) => {
        r.request = path.join(__dirname, 'src', 'cli', 'snapshot.ts');
      }),
      new webpack.NormalModuleReplacementPlugin(/[\\/]data[\\/]load(\.ts)?$/, (r) => {
        r.request = path.join(__dirname, 'src', 'cli', 'prevalidated.ts');
      }),
      // --version's "dataset 2025-10-18, 1a2b3c4d" (src/cli/edition.ts), fixed when the bundle is built.
      new webpack.DefinePlugin({ LLM_MARKET_VALIDATED_DATASET: JSON.stringify(JSON.stringify(dataset)), LLM_MARKET_DATASET_EDITION: JSON.stringify(edition) }),
    ],
    performance: { hints: false },
    // esbuild minifies: webpack's default (terser) took two thirds of this build, 30 s of CPU on one
    // core of a fresh clone's `npm ci`; esbuild takes a few seconds, and the CLI starts as fast.
    optimization: { minimize: true, minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.esbuildMinify, minimizerOptions: { target: 'node20', charset: 'utf8' } })] },
    stats: 'errors-warnings',
  };
};
