'use strict';
/**
 * `node scripts/bench/functions-ready.js dist/functions.js` — loads the custom
 * functions bundle as Excel's JavaScript-only runtime would: in a bare V8
 * context (no require, no process, no DOM) with only what that runtime
 * provides — a minimal CustomFunctions (associate, Error, ErrorCode) and
 * Office (onReady) — then calls TOKENS once and prints its first answer.
 * The parent times the whole process against `node -e 0`.
 */
const fs = require('fs');
const vm = require('vm');

const file = process.argv[2];
const code = fs.readFileSync(file, 'utf8');
const associated = new Map();
class CfError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
const CustomFunctions = {
  associate(id, fn) {
    if (typeof id === 'object') for (const [k, v] of Object.entries(id)) associated.set(k.toUpperCase(), v);
    else associated.set(String(id).toUpperCase(), fn);
  },
  Error: CfError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!' },
};
const Office = { onReady: (cb) => (cb && cb({ host: 'Excel' }), Promise.resolve({ host: 'Excel' })), actions: { associate: CustomFunctions.associate } };
const context = vm.createContext({ CustomFunctions, Office, console, setTimeout, clearTimeout, queueMicrotask });
context.self = context;
context.globalThis = context;
vm.runInContext(code, context, { filename: 'functions.js' });

(async () => {
  const fn = associated.get('TOKENS');
  if (!fn) throw new Error(`functions.js associated no TOKENS (got: ${[...associated.keys()].join(', ') || 'nothing'})`);
  let answer;
  try {
    answer = await fn('xAI', '2025-09-30');
  } catch (e) {
    answer = e instanceof CfError ? `${e.code} ${e.message}` : String(e);
  }
  process.stdout.write(`${JSON.stringify({ functions: associated.size, answer })}\n`);
})().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
});
