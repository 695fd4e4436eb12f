/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile only (fast on 2 cores); `npm run typecheck` type-checks.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  maxWorkers: 2,
  // The two long suites first (test/sequencer.js).
  testSequencer: '<rootDir>/test/sequencer.js',
  testTimeout: 60000,
};
