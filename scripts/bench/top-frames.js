'use strict';
/**
 * `node scripts/bench/top-frames.js PROFILE.cpuprofile [N]` — the N frames
 * with the most self time in a V8 CPU profile (node --cpu-prof), with their
 * share of the samples: the summary a missed goal's report quotes.
 */
const fs = require('fs');
const path = require('path');

function topFrames(profile, n = 15) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) : ''}${f.url ? `:${f.lineNumber + 1}` : ''}`.trim();
    const t = dt[i] || 0;
    self.set(key, (self.get(key) || 0) + t);
    total += t;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([frame, us]) => ({ frame, ms: Math.round(us / 1000), share: Math.round((1000 * us) / total) / 10 }));
}

if (require.main === module) {
  const rows = topFrames(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] || 15));
  for (const r of rows) process.stdout.write(`${String(r.share).padStart(5)}%  ${String(r.ms).padStart(6)} ms  ${r.frame}\n`);
}
module.exports = { topFrames };
