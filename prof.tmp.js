const lib='/work/wt-bench/lib/src';
const W=require('./scripts/bench/workloads');
const { Market } = require(lib+'/core/market');
const { callFunction } = require(lib+'/core/functions');
const which = process.argv[2] || 'large';
const m = which==='large' ? new Market(W.synthetic(1000,75)) : new Market(W.synthetic(75,10));
const calls = which==='large' ? W.scaleCalls(1000,75) : W.scaleCalls(75,10);
for (let k=0;k<12;k++){ const t=Date.now(); for (const c of calls) callFunction(m,'TOKENS',c); if (k%3==2) console.log(which, Date.now()-t); }
