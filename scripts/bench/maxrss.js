'use strict';
// Preloaded (`node -r`) into a measured process: on exit, appends its peak RSS
// in MB to the file BENCH_MAXRSS_FILE names, without touching its output.
const fs = require('fs');
process.on('exit', () => {
  if (process.env.BENCH_MAXRSS_FILE) fs.appendFileSync(process.env.BENCH_MAXRSS_FILE, `${process.resourceUsage().maxRSS / 1024}\n`);
});
