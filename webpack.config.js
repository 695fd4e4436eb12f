// The Excel add-in's build: `npm run build` (production) writes dist/ —
// taskpane.html + taskpane.js, functions.html + functions.js, functions.json
// (generated from the JSDoc in functions/functions.ts by
// custom-functions-metadata-plugin), functions.zh-CN.json (from the catalog's
// Chinese names), help.html, assets/, and manifest.xml with every
// https://localhost:3000 replaced by $ADDIN_BASE_URL when that is set, and
// THIRD-PARTY-NOTICES.txt with third-party-packages.json (which npm packages
// each bundle contains, from webpack's module graph).
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const webpack = require('webpack');
const MinimizerPlugin = require('minimizer-webpack-plugin');
const { AddinBuildPlugin, baseUrl, userDatasetsFromEnv } = require('./scripts/addin-build');
const { ThirdPartyNoticesPlugin } = require('./scripts/third-party-notices');

module.exports = (env, argv) => {
  const dev = argv.mode === 'development';
  const base = baseUrl();
  // LLM_MARKET_DATA=DIR: the organisation's data folders, checked (a failing folder stops the build) and inlined.
  const userData = userDatasetsFromEnv();
  return {
    mode: dev ? 'development' : 'production',
    context: __dirname,
    devtool: dev ? 'source-map' : false,
    entry: {
      functions: './functions/functions.ts',
      taskpane: './taskpane/taskpane.ts',
    },
    output: {
      path: path.join(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.join(__dirname, 'tsconfig.json'),
              // Type-checking is `npm run typecheck`; here each file is only transpiled (isolatedModules).
              transpileOnly: true,
              compilerOptions: { module: 'esnext', target: 'ES2018', sourceMap: dev, declaration: false },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: './functions/functions.ts', output: 'functions.json' }),
      new AddinBuildPlugin({ base }),
      ...(userData ? [new webpack.DefinePlugin({ LLM_MARKET_USER_DATASETS: JSON.stringify(JSON.stringify(userData)) })] : []),
      new ThirdPartyNoticesPlugin(),
      new HtmlWebpackPlugin({ filename: 'functions.html', template: './functions/functions.html', chunks: ['functions'], inject: 'head', scriptLoading: 'defer' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './taskpane/taskpane.html', chunks: ['taskpane'], inject: 'head', scriptLoading: 'defer' }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'taskpane/taskpane.css', to: 'taskpane.css' },
        ],
      }),
    ],
    performance: { hints: false },
    // License comments stay out of the bundles: THIRD-PARTY-NOTICES.txt carries every license in full.
    // esbuild minifies, as for the CLI: with terser this build took 12.6 s alone on a quiet 2-core
    // machine (the longest part of `npm test`'s build step, beside the type-check), with esbuild
    // 5.4 s. The bundles are about 8% larger (taskpane.js 481 KB instead of 446 KB; gzipped 133 KB
    // instead of 120 KB). charset utf8: Chinese text stays as written, not \u-escaped (larger still).
    optimization: dev
      ? { minimize: false }
      : { minimize: true, minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.esbuildMinify, minimizerOptions: { target: 'es2018', charset: 'utf8', legalComments: 'none' } })] },
    stats: 'errors-warnings',
  };
};
