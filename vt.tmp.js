const lib=process.env.LIB||'/work/wt-bench/lib/src';
const W=require('./scripts/bench/workloads');
const { parseSeedFiles } = require(lib+'/data/load');
const d=W.synthetic(1000,75); const files=W.asSeedFiles(d);
const ts=[]; for (let k=0;k<5;k++){ let t=Date.now(); parseSeedFiles(files); ts.push(Date.now()-t);} console.log('validate 100k', ts.join(' '));
