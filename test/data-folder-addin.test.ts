/**
 * An add-in built with LLM_MARKET_DATA=DIR: the build checks the folder
 * (refusing a failing one) and inlines it as LLM_MARKET_USER_DATASETS; the
 * add-in's functions then answer the folder's facts beside the bundled ones,
 * citing which dataset each came from. Here the define is set as webpack's
 * DefinePlugin would set it, and the Excel wrappers are called through a fake
 * CustomFunctions runtime, as test/functions-adapter.test.ts does.
 */
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { userDatasetsFromEnv } = require('../scripts/addin-build');

const FOLDER = path.join(__dirname, 'data-folders', 'fictional');

class FakeError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' }, associate: () => undefined };

describe('an add-in built with a data folder', () => {
  test('the build refuses a folder that fails data check, naming the problem', () => {
    expect(userDatasetsFromEnv({})).toBeNull();
    expect(() => userDatasetsFromEnv({ LLM_MARKET_DATA: path.join(__dirname, 'data-folders') })).toThrow(/fails `llm-market data check`.*\n.*documents\.json: missing/);
  });

  test("the functions answer the folder's facts and the bundled ones, each citing its dataset", () => {
    const inlined = userDatasetsFromEnv({ LLM_MARKET_DATA: FOLDER });
    expect(inlined.map((u: { label: string }) => u.label)).toEqual([expect.stringMatching(/^data fictional 2026-01-15, [0-9a-f]{8}$/)]);
    const g = globalThis as unknown as { LLM_MARKET_USER_DATASETS?: string };
    g.LLM_MARKET_USER_DATASETS = JSON.stringify(inlined);
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fns = require('../functions/functions') as Record<string, (...args: unknown[]) => unknown>;
        expect(fns.tokens('Zephyrine', '2025-12-31')).toBe(125e9);
        expect(fns.value('泽菲琳实验室', 'revenue', '2025Q4')).toBe(3.2e9);
        expect(fns.source('Zephyrine', 'tokens', '2025-12-31')).toMatch(/ — data fictional 2026-01-15, [0-9a-f]{8}$/);
        expect(fns.tokens('xAI', '2025-09-30')).toBe(262e9);
        expect(fns.source('xAI', 'tokens', '2025-09-30')).toMatch(/ — bundled dataset 2025-\d\d-\d\d, [0-9a-f]{8}$/);
      });
    } finally {
      delete g.LLM_MARKET_USER_DATASETS;
    }
  });

  test('without the define the folder is not there', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fns = require('../functions/functions') as Record<string, (...args: unknown[]) => unknown>;
      expect(() => fns.tokens('Zephyrine', '2025-12-31')).toThrow(/Zephyrine/);
    });
  });
});
