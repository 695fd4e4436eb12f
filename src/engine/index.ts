/**
 * Headless evaluation: a HyperFormula instance configured like Excel, with the
 * LLM.* functions registered. Users' own tests call `createEngine` or `evaluate`.
 */
import { ConfigParams, DenseSparseChooseBasedOnThreshold, DetailedCellError, HyperFormula, SerializedNamedExpression, Sheets } from 'hyperformula';
import { bundledDataset, bundledMarket } from '../core/bundled';
import { setUserDatasets, UserDataset } from '../data/datasets';
import { traced } from '../core/functions';
import { bindMarket, LlmPlugin, pluginTranslations } from './plugin';
import { sheetsWithEnglishFunctionNames, toEngineFormula } from './formula';
import { registerExcelSyntax } from './excel';

/** Excel parity: 1900 date system with its leap-year quirk, ISO dates typed into cells read as dates. */
export const ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  leapYear1900: true,
  // With the phantom 1900-02-29, day 0 is 1899-12-31: DATE(1900,1,1) = 1, DATE(2025,9,30) = 45930, as in Excel.
  nullDate: { year: 1899, month: 12, day: 31 },
  dateFormats: ['YYYY-MM-DD', 'YYYY/MM/DD', 'DD/MM/YYYY'],
  // Excel returns full double precision; HyperFormula would otherwise round results to 10 digits.
  smartRounding: false,
  useArrayArithmetic: true,
  language: 'enGB',
  // Excel's grid (HyperFormula's defaults stop at 40,000 rows and 18,278 columns).
  maxRows: 1_048_576,
  maxColumns: 16_384,
  // A sheet with a cell in row 1,048,576 and little else is stored sparsely, not as a million empty rows.
  chooseAddressMappingPolicy: new DenseSparseChooseBasedOnThreshold(0.8),
};

/** Excel's 1904 date system (workbookPr date1904): day 0 is 1904-01-01, and there is no phantom 1900-02-29. */
export const DATE1904_CONFIG: Partial<ConfigParams> = {
  leapYear1900: false,
  nullDate: { year: 1904, month: 1, day: 1 },
};

/** createEngine's options beyond HyperFormula's. */
export interface EngineOptions {
  /**
   * Data folders (paths; read and checked as `llm-market data check` does, and
   * refused with a DatasetError naming each problem when one fails) or datasets
   * already read, answered from together with the bundled dataset. The LLM.*
   * functions of every engine in this process then answer from them; `data: []`
   * goes back to the bundled dataset alone.
   */
  data?: readonly (string | UserDataset)[];
}

function useData(data: readonly (string | UserDataset)[]): void {
  const dirs = data.filter((d): d is string => typeof d === 'string');
  const given = data.filter((d): d is UserDataset => typeof d !== 'string');
  // Node only, and only when folders are named: the folder reader uses the file system.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const read: UserDataset[] = dirs.length ? (require('../data/folder') as typeof import('../data/folder')).loadDataFolders(dirs, bundledDataset()).map((f) => ({ data: f.data, label: f.label })) : [];
  setUserDatasets([...read, ...given]);
}

let registered = false;
/** Registers the LLM.* plugin with HyperFormula (once); `support.ts` reads the registry after this. */
export function register(): void {
  if (registered) return;
  bindMarket(bundledMarket);
  HyperFormula.registerFunctionPlugin(LlmPlugin, pluginTranslations());
  registerExcelSyntax();
  registered = true;
}

/**
 * A HyperFormula engine with the LLM.* functions (the dataset is validated first).
 *
 * Spill sizes: HyperFormula fixes the size of a spilling formula when it
 * parses it. `LLM.SERIES`, `RANK`, `ENTITIES`, `METRICS` and `SOURCES` with
 * literal arguments spill exactly their result; with arguments from cells
 * they reserve the largest result the dataset allows (the unused rows are
 * empty), because the engine cannot know the arguments' values yet. Reading
 * a workbook (`calc`) sizes such spills from the range Excel saved instead;
 * see spillHints.ts.
 *
 * `names` are extra named expressions (a workbook's defined names).
 */
export function createEngine(sheets: Sheets = { Sheet1: [] }, config: Partial<ConfigParams> = {}, names: SerializedNamedExpression[] = [], options: EngineOptions = {}): HyperFormula {
  if (options.data) useData(options.data);
  bundledMarket(); // a broken dataset fails here, loudly, before any formula runs
  register();
  // Excel's bare TRUE/FALSE are functions in HyperFormula (TRUE()); names make both spellings work.
  // The LLM functions' Chinese names (LLM.词元调用量) read as their English ones: HyperFormula's lexer takes only Latin names.
  return HyperFormula.buildFromSheets(sheetsWithEnglishFunctionNames(sheets), { ...ENGINE_CONFIG, ...config }, [
    { name: 'TRUE', expression: '=TRUE()' },
    { name: 'FALSE', expression: '=FALSE()' },
    ...names,
  ]);
}

export type CellOut = number | string | boolean | null;
/**
 * One formula's answer. `facts` names the dataset facts the LLM functions
 * answered from (absent when none did: a formula of built-ins, or an error
 * before any fact was found), so a result can be traced to its quotes.
 */
export type EvalResult =
  | { formula: string; value: CellOut | CellOut[][]; facts?: string[] }
  | { formula: string; error: string; message: string; facts?: string[] };

function cellOut(v: unknown): CellOut | { error: string; message: string } {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message ?? '' };
  if (v === undefined) return null;
  return v as CellOut;
}

/**
 * Evaluates formulas, each on a sheet of its own so spills never collide.
 * Spills are sized as `createEngine` describes: exactly for literal
 * arguments (the usual case here).
 * A spill comes back as rows (trailing padding removed); an Excel error as
 * { error, message }.
 */
export function evaluateMany(formulas: string[], engine?: HyperFormula): EvalResult[] {
  const hf = engine ?? createEngine({});
  const out: EvalResult[] = [];
  formulas.forEach((formula, i) => {
    const name = `eval${i + 1}`;
    const text = toEngineFormula(formula);
    hf.addSheet(name);
    const sheet = hf.getSheetId(name)!;
    // HyperFormula evaluates synchronously inside setCellContents: the trace sees exactly this formula's facts.
    const { result: values, facts } = traced(() => {
      hf.setCellContents({ sheet, row: 0, col: 0 }, [[text]]);
      return hf.getSheetValues(sheet);
    });
    const served = facts.length ? { facts } : {};
    const first = cellOut(values[0]?.[0]);
    if (first !== null && typeof first === 'object') {
      out.push({ formula, ...first, ...served });
    } else if (values.length <= 1 && (values[0]?.length ?? 0) <= 1) {
      out.push({ formula, value: first, ...served });
    } else {
      const rows = values.map((r) => r.map((c) => cellOut(c))).filter((r) => r.some((c) => c !== null));
      const width = Math.max(...rows.map((r) => r.reduce<number>((w, c, j) => (c !== null ? j + 1 : w), 0)));
      out.push({ formula, value: rows.map((r) => r.slice(0, width).map((c) => (c !== null && typeof c === 'object' ? (c as { error: string }).error : c)) as CellOut[]), ...served });
    }
    hf.removeSheet(sheet);
  });
  if (!engine) hf.destroy();
  return out;
}

export function evaluate(formula: string): EvalResult {
  return evaluateMany([formula])[0];
}
