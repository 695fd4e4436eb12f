// Preloaded with `node -r` by test/cli-unix.test.ts: at exit, writes the files the
// process loaded (require.cache) to the path in LLM_MARKET_LOADED_LIST.
'use strict';
process.on('exit', () => {
  require('fs').writeFileSync(process.env.LLM_MARKET_LOADED_LIST, Object.keys(require.cache).join('\n'));
});
