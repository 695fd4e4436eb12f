/**
 * The corpus: one workbook per construct analysts use, written as Excel 365
 * saves it (see excel-xml.ts), each with the values EXCEL would have cached.
 *
 * Where the cached values come from — never from our own engine, or the check
 * would compare the engine with itself:
 * - LLM.* cells: the dataset's facts, written here as literal numbers next to
 *   the quote that states them (seeds/facts/…). In Excel the add-in runs the
 *   same core, so these are the values Excel shows.
 *     001-xai-tokens       "xAI的模型token日均调用量为2,620亿"            262e9  (OpenRouter, 17–30 Sep 2025)
 *     001-gemini-tokens    "Alphabet Gemini系列模型的日均调用量为1,320亿"   132e9
 *     001-openai-tokens    "OpenAI为820亿"                                82e9
 *     001-deepseek-tokens  "DeepSeek日均调用量为750亿"                     75e9
 *     001-qwen-tokens      "阿里Qwen为260亿"                              26e9
 *     003-idc-share-*      "火山引擎以49.2%的市場份額", "阿里云、百度智能云分別占比27%、17%"
 *     002-group-capex      "本季度的资本支出几乎翻倍,达到人民币317亿元"      31.7e9 (2024Q4)
 *     004-alibaba-capex    "capital expenditure of 38.6 billion yuan"      38.6e9 (2025Q2)
 * - Built-ins: computed by hand below (the arithmetic is in the comments), or
 *   as Microsoft's function reference states (cited where it matters).
 */
import { Cell, Shown, STYLE, Workbook, err } from './excel-xml';

const B = 1e9;
/**
 * OpenRouter's ranking for 17–30 Sep 2025, largest first. The numbers are the
 * quotes'; the names are the entities LLM.RANK ranks (issue 9: one kind per
 * ranking, so model families answer for their companies — Gemini as
 * Alphabet (Google), Qwen as Alibaba Group).
 */
const OPENROUTER: [string, number][] = [
  ['xAI', 262 * B],
  ['Alphabet (Google)', 132 * B],
  ['OpenAI', 82 * B],
  ['DeepSeek', 75 * B],
  ['Alibaba Group', 26 * B],
];
const OPENROUTER_TOTAL = 577 * B; // 262 + 132 + 82 + 75 + 26
/** IDC, China public-cloud LLM token calls, 2025H1. */
const IDC: [string, number][] = [
  ['Volcano Engine', 0.492],
  ['Alibaba Cloud (Cloud Intelligence Group)', 0.27],
  ['Baidu AI Cloud', 0.17],
];
const NA = err('#N/A');

const num = (v: number): Cell => ({ v });
const text = (v: string, s?: number): Cell => (s ? { v, s } : { v });
const f = (formula: string, v: Shown, s?: number): Cell => (s ? { f: formula, v, s } : { f: formula, v });
const spill = (formula: string, rows: Shown[][]): Cell => ({ f: formula, spill: rows });
/** A column of constants from `ref` down. */
function column(col: string, row0: number, values: Shown[]): Record<string, Cell> {
  return Object.fromEntries(values.map((v, i) => [`${col}${row0 + i}`, { v }]));
}

/** Defined names: workbook and sheet scope; a range, a constant and a formula; a name reused at both scopes. */
const names: Workbook = {
  sheets: [
    {
      name: 'Inputs',
      widths: { 1: 12, 2: 12 },
      cells: {
        A1: text('entity', STYLE.bold),
        B1: text('xAI'),
        A2: text('as of', STYLE.bold),
        B2: { v: 45930, s: STYLE.date }, // 2025-09-30 (1900 system)
        A4: text('peers', STYLE.bold),
        ...column('B', 4, ['xAI', 'OpenAI', 'DeepSeek']),
        // Scale here is the workbook's "T": 262e9 tokens = 0.262 trillion.
        D1: f('_xldudf_LLM_TOKENS(Entity,AsOf,Scale)', 0.262),
      },
    },
    {
      name: 'Model',
      cells: {
        // The sheet-scoped Scale ("B") wins over the workbook's on this sheet: 262.
        A1: f('_xldudf_LLM_TOKENS(Entity,AsOf,Scale)', 262),
        A2: f('_xldudf_LLM_TOKENS(Entity,AsOf)/Billion', 262),
        A3: f('TokensB*2', 524),
        A4: f('COUNTA(Peers)', 3),
        A5: f('_xldudf_LLM_TOKENS(INDEX(Peers,2),AsOf,Scale)', 82),
        A6: f('SUM(Here,1)', 11),
        C1: num(10),
      },
    },
  ],
  names: [
    { name: 'Entity', refersTo: 'Inputs!$B$1' },
    { name: 'AsOf', refersTo: 'Inputs!$B$2' },
    { name: 'Peers', refersTo: 'Inputs!$B$4:$B$6' },
    { name: 'Billion', refersTo: '1000000000' },
    { name: 'Scale', refersTo: '"T"' },
    { name: 'Scale', refersTo: '"B"', sheet: 'Model' },
    { name: 'Here', refersTo: 'Model!$C$1', sheet: 'Model' },
    { name: 'TokensB', refersTo: '_xldudf_LLM_TOKENS(Entity,AsOf)/Billion' },
  ],
};

/** Filled-down formulas: Excel stores the first and shares it with the rest. */
const shared: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: text('n', STYLE.bold),
        B1: text('2n', STYLE.bold),
        C1: text('entity', STYLE.bold),
        D1: text('tokens (B)', STYLE.bold),
        E1: text('share of top 5', STYLE.bold),
        ...column('A', 2, [1, 2, 3, 4, 5]),
        B2: { f: 'A2*2', v: 2, shared: 'B2:B6' },
        B3: { sharedFrom: 'B2', v: 4 },
        B4: { sharedFrom: 'B2', v: 6 },
        B5: { sharedFrom: 'B2', v: 8 },
        B6: { sharedFrom: 'B2', v: 10 },
        ...column('C', 2, ['xAI', 'Gemini', 'OpenAI', 'DeepSeek', 'Qwen']),
        D2: { f: '_xldudf_LLM_TOKENS(C2,"2025-09-30","B")', v: 262, shared: 'D2:D6' },
        D3: { sharedFrom: 'D2', v: 132 },
        D4: { sharedFrom: 'D2', v: 82 },
        D5: { sharedFrom: 'D2', v: 75 },
        D6: { sharedFrom: 'D2', v: 26 },
        // Absolute total, relative part: 262/577, 132/577, …
        E2: { f: 'D2/SUM($D$2:$D$6)', v: 262 / 577, shared: 'E2:E6', s: STYLE.percent },
        E3: { sharedFrom: 'E2', v: 132 / 577, s: STYLE.percent },
        E4: { sharedFrom: 'E2', v: 82 / 577, s: STYLE.percent },
        E5: { sharedFrom: 'E2', v: 75 / 577, s: STYLE.percent },
        E6: { sharedFrom: 'E2', v: 26 / 577, s: STYLE.percent },
        // Filled right along row 8: one shared formula across columns.
        A8: { f: 'SUM(A2:A6)', v: 15, shared: 'A8:B8' },
        B8: { sharedFrom: 'A8', v: 30 },
      },
    },
  ],
};

/** A spill whose arguments come from cells, with content below it and a SUM over its rows. */
const spillFromCells: Workbook = {
  sheets: [
    {
      name: 'Ranking',
      widths: { 4: 24, 5: 16 },
      cells: {
        A1: text('metric'),
        B1: text('tokens'),
        A2: text('as of'),
        B2: text('2025-09-30'),
        A3: text('source'),
        B3: text('OpenRouter'),
        A4: text('top'),
        B4: num(5),
        D1: spill('_xldudf_LLM_RANK(B1,B2,B3,B4)', OPENROUTER),
        D6: text('total', STYLE.bold),
        E6: f('SUM(E1:E5)', OPENROUTER_TOTAL, STYLE.thousands),
        D7: text('leader'),
        E7: f('D1', 'xAI'),
        D8: text('top 3 share'),
        E8: f('SUM(E1:E3)/E6', (262 + 132 + 82) / 577, STYLE.percent),
        // Three rows from the same inputs, right of the first spill.
        G1: spill('_xldudf_LLM_RANK(B1,B2,B3,3)', OPENROUTER.slice(0, 3)),
        G4: text('below the second spill'),
        // A series from cells: Qwen's derivative models, dated by period end.
        //   002 "截至1月底,全球已有超过9万个基于Qwen的衍生模型"  2025-01-31 (serial 45688) 90000
        //   004 "…Tongyi Qianwen has surpassed 140,000"           2025-06-30 (45838)       140000
        //   001 "衍生模型规模超17万"                               2025-09-24 (45924)       170000
        A6: text('entity'),
        B6: text('Qwen'),
        A7: text('metric'),
        B7: text('derivative_models'),
        J1: spill('_xldudf_LLM_SERIES(B6,B7)', [
          [45688, 90000],
          [45838, 140000],
          [45924, 170000],
        ]),
        J4: text('latest'),
        K4: f('MAX(K1:K3)', 170000),
        J5: text('growth'),
        K5: f('K3/K1-1', 170000 / 90000 - 1, STYLE.percent),
        J6: f('SUM(K1:K3)', 400000),
      },
    },
  ],
};

/** `A1#` — stored as _xlfn.ANCHORARRAY(A1). */
const anchorArray: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: spill('_xldudf_LLM_RANK("share","2025H1","IDC")', IDC),
        // SUM ignores the names: 0.492 + 0.27 + 0.17.
        D1: spill('SUM(_xlfn.ANCHORARRAY(A1))', [[0.492 + 0.27 + 0.17]]),
        D2: spill('ROWS(_xlfn.ANCHORARRAY(A1))', [[3]]),
        D3: spill('COUNTA(_xlfn.ANCHORARRAY(A1))', [[6]]),
        D4: spill('INDEX(_xlfn.ANCHORARRAY(A1),2,1)', [['Alibaba Cloud (Cloud Intelligence Group)']]),
        D5: spill('COLUMNS(_xlfn.ANCHORARRAY(A1))', [[2]]),
        F1: spill('_xlfn.ANCHORARRAY(A1)', IDC),
      },
    },
  ],
};

/**
 * `@` — stored as _xlfn.SINGLE. Implicit intersection picks the range's cell in
 * the formula's own row, #VALUE! outside it; an array gives its top-left value
 * (Microsoft, "Implicit intersection operator: @").
 */
const single: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        ...column('A', 1, [10, 20, 30]),
        C2: spill('_xlfn.SINGLE(A1:A3)', [[20]]),
        C3: spill('_xlfn.SINGLE(A1:A3)*2', [[60]]),
        C5: spill('_xlfn.SINGLE(A1:A3)', [[err('#VALUE!')]]),
      },
    },
  ],
};

/** LET — stored as _xlfn.LET with _xlpm. parameter names. */
const letBook: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        ...column('B', 1, [1, 2, 3]),
        // Microsoft's LET reference: =LET(x, 1, x+1) returns 2.
        A1: f('_xlfn.LET(_xlpm.x,1,_xlpm.x+1)', 2),
        A2: f('_xlfn.LET(_xlpm.x,2,_xlpm.y,3,_xlpm.x*_xlpm.y)', 6),
        // 262e9 / 82e9
        A3: f('_xlfn.LET(_xlpm.t,_xldudf_LLM_TOKENS("xAI","2025-09-30"),_xlpm.o,_xldudf_LLM_TOKENS("OpenAI","2025-09-30"),_xlpm.t/_xlpm.o)', 262 / 82),
        A4: f('_xlfn.LET(_xlpm.r,B1:B3,SUM(_xlpm.r)*2)', 12),
        // A name that shadows nothing but reads like a cell-free identifier.
        A5: f('_xlfn.LET(_xlpm.total,SUM(B1:B3),_xlpm.total/COUNT(B1:B3))', 2),
      },
    },
  ],
};

/** INDEX(array,0,col) and INDEX(array,row,0): a whole column or row, fed to SUM/XLOOKUP/FILTER. */
const indexZero: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: spill('_xldudf_LLM_RANK("tokens","2025-09-30","OpenRouter")', OPENROUTER),
        D1: spill('SUM(INDEX(_xlfn.ANCHORARRAY(A1),0,2))', [[OPENROUTER_TOTAL]]),
        D2: spill('_xlfn.XLOOKUP("OpenAI",INDEX(A1:B5,0,1),INDEX(A1:B5,0,2))', [[82 * B]]),
        D3: f('SUM(INDEX(A1:B5,0,2))', OPENROUTER_TOTAL),
        D4: spill('_xlfn._xlws.FILTER(INDEX(A1:B5,0,1),INDEX(A1:B5,0,2)>100000000000)', OPENROUTER.slice(0, 2).map(([n]) => [n])),
        F1: spill('INDEX(A1:B5,0,1)', OPENROUTER.map(([n]) => [n])),
        H1: spill('INDEX(A1:B5,2,0)', [OPENROUTER[1]]),
      },
    },
  ],
};

/** The dynamic-array family analysts combine with spills, on a small static table. */
const TABLE: [string, number, string][] = [
  ['xAI', 262, 'US'],
  ['Gemini', 132, 'US'],
  ['OpenAI', 82, 'US'],
  ['DeepSeek', 75, 'CN'],
  ['Qwen', 26, 'CN'],
];
const dynamicFamily: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: text('name', STYLE.bold),
        B1: text('tokens (B)', STYLE.bold),
        C1: text('region', STYLE.bold),
        ...Object.fromEntries(TABLE.flatMap((r, i) => r.map((v, j) => [`${'ABC'[j]}${i + 2}`, { v } as Cell]))),
        E1: spill('_xlfn.TAKE(A2:B6,2)', [['xAI', 262], ['Gemini', 132]]),
        E4: spill('_xlfn.DROP(A2:B6,3)', [['DeepSeek', 75], ['Qwen', 26]]),
        E7: spill('_xlfn.CHOOSECOLS(A2:C6,3,1)', TABLE.map((r) => [r[2], r[0]])),
        H1: spill('_xlfn.HSTACK(A2:A3,B2:B3)', [['xAI', 262], ['Gemini', 132]]),
        H4: spill('_xlfn.VSTACK(A2:B2,A6:B6)', [['xAI', 262], ['Qwen', 26]]),
        H7: spill('_xlfn.UNIQUE(C2:C6)', [['US'], ['CN']]),
        K1: spill('_xlfn.SORTBY(A2:A6,B2:B6,1)', [['Qwen'], ['DeepSeek'], ['OpenAI'], ['Gemini'], ['xAI']]),
        K7: spill('_xlfn._xlws.SORT(B2:B6)', [[26], [75], [82], [132], [262]]),
        M1: f('_xlfn.TEXTJOIN(", ",TRUE,A2:A6)', 'xAI, Gemini, OpenAI, DeepSeek, Qwen'),
        M2: spill('_xlfn.XLOOKUP("DeepSeek",A2:A6,B2:B6)', [[75]]),
        M3: spill('_xlfn._xlws.FILTER(A2:A6,C2:C6="CN")', [['DeepSeek'], ['Qwen']]),
        M6: spill('_xlfn.SEQUENCE(3)', [[1], [2], [3]]),
        M10: spill('SUM(_xlfn.TAKE(B2:B6,3))', [[476]]), // 262 + 132 + 82
        O1: spill('_xlfn.CHOOSEROWS(A2:B6,1,5)', [['xAI', 262], ['Qwen', 26]]),
        O4: spill('_xlfn.TOCOL(A2:B3)', [['xAI'], [262], ['Gemini'], [132]]),
      },
    },
  ],
};

/** Another sheet's sheet-scoped name, qualified by the sheet it belongs to (Excel stores `Model!Here`). */
const sheetQualifiedName: Workbook = {
  sheets: [
    {
      name: 'Inputs',
      cells: {
        A1: f('Model!Here*3', 30),
        A2: f('SUM(Model!Span)', 6),
        // A quoted sheet name, and a workbook-level name of the same spelling that the qualifier must not pick.
        A3: f("'Q model'!Rate*2", 1),
        A4: f('Rate', 7),
      },
    },
    { name: 'Model', cells: { A1: num(10), ...column('B', 1, [1, 2, 3]), C1: f('Here+1', 11) } },
    { name: 'Q model', cells: { A1: num(0.5), B1: num(7) } },
  ],
  names: [
    { name: 'Here', refersTo: 'Model!$A$1', sheet: 'Model' },
    { name: 'Span', refersTo: 'Model!$B$1:$B$3', sheet: 'Model' },
    { name: 'Rate', refersTo: "'Q model'!$A$1", sheet: 'Q model' },
    { name: 'Rate', refersTo: "'Q model'!$B$1" },
  ],
};

/**
 * Functions the engine documents as unsupported (README, "What the headless
 * engine does not support"), as analysts use them: `--check` must name them as
 * unsupported and keep Excel's values — never call them differences.
 */
const unsupported: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        ...Object.fromEntries(TABLE.flatMap((r, i) => r.map((v, j) => [`${'ABC'[j]}${i + 1}`, { v } as Cell]))),
        E1: f('_xlfn.NUMBERVALUE("1,234.5")', 1234.5),
        E2: f('_xlfn.RANK.EQ(B3,B1:B5)', 3), // 82 after 262 and 132
        E3: f('AVERAGEIFS(B1:B5,C1:C5,"US")', (262 + 132 + 82) / 3),
        E4: f('INDIRECT("B"&2)', 132),
        E5: f('SUM(B1:B5)', 577), // supported: must still match
      },
    },
  ],
};

/** A name's dimensions: ROWS/COLUMNS of a named range. */
const nameDimensions: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        ...column('A', 1, ['xAI', 'OpenAI', 'DeepSeek']),
        C1: f('ROWS(Peers)', 3),
        C2: f('COLUMNS(Peers)', 1),
        C3: f('ROWS(Peers)*COLUMNS(Peers)', 3),
      },
    },
  ],
  names: [{ name: 'Peers', refersTo: 'Sheet1!$A$1:$A$3' }],
};

/**
 * Excel's array functions applied to an LLM.* spill: the outer function decides
 * the shape (TAKE 3 rows × 1 column; @ one value — the array's top-left,
 * Microsoft, "Implicit intersection operator: @").
 */
const llmSpillInside: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: spill('_xlfn.TAKE(_xldudf_LLM_RANK("tokens","2025-09-30","OpenRouter"),3,1)', OPENROUTER.slice(0, 3).map(([n]) => [n])),
        C1: spill('_xlfn.SINGLE(_xldudf_LLM_RANK("tokens","2025-09-30","OpenRouter"))', [['xAI']]),
        C2: spill('ROWS(_xldudf_LLM_RANK("tokens","2025-09-30","OpenRouter"))', [[5]]),
        C3: spill('INDEX(_xldudf_LLM_RANK("tokens","2025-09-30","OpenRouter"),2,2)', [[132 * B]]),
        E1: spill('_xlfn._xlws.SORT(_xldudf_LLM_RANK("share","2025H1","IDC"),2,1)', [...IDC].reverse()),
      },
    },
  ],
};

/**
 * An Excel table (Insert › Table) and structured references to it, as Excel
 * stores them: `Ranking[tokens]`, `Ranking[[#This Row],[tokens]]` for `[@tokens]`.
 */
const structuredReferences: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      tables: [{ name: 'Ranking', ref: 'A1:C6' }],
      cells: {
        A1: text('name'),
        B1: text('tokens'),
        C1: text('region'),
        ...Object.fromEntries(TABLE.flatMap((r, i) => r.map((v, j) => [`${'ABC'[j]}${i + 2}`, { v } as Cell]))),
        E1: f('SUM(Ranking[tokens])', 577),
        E2: spill('_xlfn.XLOOKUP("OpenAI",Ranking[name],Ranking[tokens])', [[82]]),
        E3: f('ROWS(Ranking)', 5),
        E4: f('COUNTIF(Ranking[region],"CN")', 2),
        F2: f('Ranking[[#This Row],[tokens]]*2', 524),
      },
    },
  ],
};

/** Formulas whose result is the empty string: saved as t="str" with an empty <v></v>. */
const emptyStrings: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: f('IFERROR(1/0,"")', ''),
        A2: f('IF(B1>0,"yes","")', ''),
        A3: f('IFERROR(_xldudf_LLM_TOKENS("Volcanoe"),"")', ''),
        A4: f('LEN(A1)', 0),
        A5: f('A1&"x"', 'x'),
        A6: f('""', ''),
        A7: f('IF(A1="","empty","not empty")', 'empty'),
      },
    },
  ],
};

/** Errors Excel cached (t="e"), from built-ins and LLM.*, and a constant error. */
const cachedErrors: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: f('1/0', err('#DIV/0!')),
        A2: f('_xldudf_LLM_TOKENS("Volcanoe")', NA),
        A3: f('_xldudf_LLM_TOKENS("xAI","yesterday")', err('#VALUE!')),
        A4: f('NA()', NA),
        A5: f('ISNA(A2)', true),
        A6: f('IFERROR(A1,-1)', -1),
        A7: f('SQRT(-1)', err('#NUM!')),
        A8: f('"a"+1', err('#VALUE!')),
        A9: f('ISERR(A2)', false), // ISERR is TRUE for every error except #N/A (Microsoft, IS functions)
        A10: f('ISERROR(B1)', true),
        A11: f('A2*2', NA),
        B1: { v: NA },
      },
    },
  ],
};

/** References across sheets, one of them with a name that must be quoted. */
const crossSheet: Workbook = {
  sheets: [
    {
      name: 'Inputs',
      cells: {
        A1: text('as of'),
        B1: text('2025-09-30'),
        ...column('A', 2, ['xAI', 'OpenAI', 'DeepSeek']),
      },
    },
    {
      name: 'Q3 Model',
      cells: {
        B2: f('_xldudf_LLM_TOKENS(Inputs!A2,Inputs!$B$1,"B")', 262),
        B3: f('_xldudf_LLM_TOKENS(Inputs!A3,Inputs!$B$1,"B")', 82),
        B4: f('_xldudf_LLM_TOKENS(Inputs!A4,Inputs!$B$1,"B")', 75),
      },
    },
    {
      name: 'Summary',
      cells: {
        A1: f("SUM('Q3 Model'!B2:B4)", 419), // 262 + 82 + 75
        A2: f("'Q3 Model'!B2/'Q3 Model'!B3", 262 / 82),
        A3: f('COUNTA(Inputs!A2:A4)', 3),
        A4: f("_xldudf_LLM_RATIO(Inputs!A2,Inputs!A3,\"tokens\",Inputs!B1)-A2", 0),
        // A spill on another sheet, by its anchor (Ranks!A1#) and by a plain reference into it.
        A5: spill('SUM(_xlfn.ANCHORARRAY(Ranks!A1))', [[0.492 + 0.27 + 0.17]]),
        A6: f('Ranks!A2', 'Alibaba Cloud (Cloud Intelligence Group)'),
        A7: spill('ROWS(_xlfn.ANCHORARRAY(Ranks!A1))', [[3]]),
      },
    },
    {
      name: 'Ranks',
      cells: { A1: spill('_xldudf_LLM_RANK("share","2025H1","IDC")', IDC) },
    },
  ],
};

/**
 * Functions Excel stores with the _xlfn. prefix (added after Excel 2007), used
 * every day around LLM.* results. Values worked by hand from the table.
 */
const xlfnFunctions: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: text('name', STYLE.bold),
        B1: text('tokens (B)', STYLE.bold),
        C1: text('region', STYLE.bold),
        ...Object.fromEntries(TABLE.flatMap((r, i) => r.map((v, j) => [`${'ABC'[j]}${i + 2}`, { v } as Cell]))),
        E1: f('_xlfn.IFNA(_xldudf_LLM_TOKENS("Volcanoe"),"none")', 'none'),
        E2: f('_xlfn.IFNA(_xldudf_LLM_TOKENS("xAI","2025-09-30","B"),"none")', 262),
        E3: f('_xlfn.IFS(B2>200,"large",B2>100,"medium",TRUE,"small")', 'large'),
        E4: f('_xlfn.SWITCH(C5,"CN","China","US","United States","other")', 'China'),
        E5: f('_xlfn.MAXIFS(B2:B6,C2:C6,"US")', 262),
        E6: f('_xlfn.MINIFS(B2:B6,C2:C6,"US")', 82),
        E7: f('_xlfn.CONCAT(A2,"/",A6)', 'xAI/Qwen'),
        E8: f('_xlfn.XMATCH("OpenAI",A2:A6)', 3),
        E9: f('_xlfn.STDEV.S(1,2,3,4)', Math.sqrt(5 / 3)), // mean 2.5, squared deviations 5, ÷ (n−1) = 5/3
        E10: f('_xlfn.DAYS("2025-09-30","2025-01-01")', 272),
        E11: f('_xlfn.CEILING.MATH(2.5)', 3),
        E12: f('COUNTIFS(C2:C6,"US",B2:B6,">100")', 2), // xAI 262, Gemini 132
        E13: spill('_xlfn.IFNA(_xlfn.XLOOKUP("Anthropic",A2:A6,B2:B6),0)', [[0]]),
        E16: f('_xlfn.PERCENTILE.INC(B2:B6,0.5)', 82), // the median of 26, 75, 82, 132, 262
        E17: f('_xlfn.CONCAT(_xldudf_LLM_UNIT("xAI","tokens")," since ",TEXT(DATE(2025,9,17),"yyyy-mm-dd"))', 'tokens/day since 2025-09-17'),
      },
    },
  ],
};

/**
 * Text that looks like something else stays text in Excel: a formula typed
 * after an apostrophe (quotePrefix), digits with a leading zero, an ISO date
 * string in a t="s" cell; and a TRUE constant (t="b").
 */
const textLooksLike: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: { v: '=1+1', s: STYLE.text },
        A2: { v: '0042', s: STYLE.text },
        A3: { v: true },
        A4: { v: '2025-09-30', s: STYLE.text },
        B1: f('ISTEXT(A1)', true),
        B2: f('LEN(A2)', 4),
        B3: f('AND(A3,TRUE)', true),
        B4: f('ISTEXT(A4)', true),
        B5: f('A2&"!"', '0042!'),
        B6: f('_xldudf_LLM_TOKENS("xAI",A4,"B")', 262),
      },
    },
  ],
};

/** A workbook saved with the 1904 date system: serials count from 1904-01-01 (2025-09-30 is 45930 − 1462). */
const date1904: Workbook = {
  date1904: true,
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: { v: 44468, s: STYLE.date },
        B1: f('YEAR(A1)', 2025),
        B2: f('DATE(2025,9,30)', 44468, STYLE.date),
        B3: f('A1-DATE(2025,1,1)', 272), // Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + 29
        B4: f('TEXT(A1,"yyyy-mm-dd")', '2025-09-30'),
        B5: f('_xldudf_LLM_TOKENS("xAI",B4)', 262 * B),
        B6: f('MONTH(A1)', 9),
        B7: f('DATE(1904,1,1)', 0, STYLE.date),
      },
    },
  ],
};

/** Values in Excel's last row and last column. */
const lastRow: Workbook = {
  sheets: [
    {
      name: 'Sheet1',
      cells: {
        A1: num(1),
        A1048576: num(5),
        XFD1: num(7),
        B1: f('A1048576*2', 10),
        B2: f('SUM(A:A)', 6),
        B3: f('XFD1+1', 8),
        XFD1048576: f('A1+A1048576', 6),
      },
    },
  ],
};

/**
 * The analyst's model: inputs in named cells, a ranking spilled from them with
 * totals under it, shares of the total filled down, a lookup through INDEX(…,0,…),
 * LET, IFERROR "" for a missing figure, quarterly figures that exist, and a
 * summary sheet referring to it all.
 */
const analyst: Workbook = {
  sheets: [
    {
      name: 'Inputs',
      widths: { 1: 14, 2: 14 },
      cells: {
        A1: text('as of', STYLE.bold),
        B1: { v: 45930, s: STYLE.date },
        A2: text('source', STYLE.bold),
        B2: text('OpenRouter'),
        A3: text('top', STYLE.bold),
        B3: num(5),
        A4: text('unit', STYLE.bold),
        B4: text('B'),
      },
    },
    {
      name: 'Ranking',
      widths: { 1: 24, 2: 16, 3: 14 },
      cells: {
        A1: spill('_xldudf_LLM_RANK("tokens",AsOf,Src,Top)', OPENROUTER),
        // Filled down: a shared formula (a formula with ANCHORARRAY would be a dynamic array, never shared).
        C1: { f: 'B1/$B$7', v: 262 / 577, shared: 'C1:C5', s: STYLE.percent },
        C2: { sharedFrom: 'C1', v: 132 / 577, s: STYLE.percent },
        C3: { sharedFrom: 'C1', v: 82 / 577, s: STYLE.percent },
        C4: { sharedFrom: 'C1', v: 75 / 577, s: STYLE.percent },
        C5: { sharedFrom: 'C1', v: 26 / 577, s: STYLE.percent },
        A7: text('total', STYLE.bold),
        B7: f('SUM(B1:B5)', OPENROUTER_TOTAL, STYLE.thousands),
        A8: text('OpenAI', STYLE.bold),
        B8: spill('_xlfn.XLOOKUP(A8,INDEX(_xlfn.ANCHORARRAY(A1),0,1),INDEX(_xlfn.ANCHORARRAY(A1),0,2),"not ranked")', [[82 * B]]),
        A9: text('ByteDance', STYLE.bold),
        B9: spill('_xlfn.XLOOKUP(A9,INDEX(_xlfn.ANCHORARRAY(A1),0,1),INDEX(_xlfn.ANCHORARRAY(A1),0,2),"not ranked")', [['not ranked']]),
        A10: text('leader ÷ runner-up', STYLE.bold),
        B10: f('_xlfn.LET(_xlpm.a,INDEX(B1:B5,1),_xlpm.b,INDEX(B1:B5,2),_xlpm.a/_xlpm.b)', 262 / 132),
        A11: text('Volcano tokens', STYLE.bold),
        B11: f('IFERROR(_xldudf_LLM_TOKENS("Volcano",AsOf,,Src),"")', ''),
      },
    },
    {
      // Quarterly flows: a quarter answers only from a figure for exactly that quarter
      // (README, "As-of"), so 2024Q3, 2025Q1 and 2025Q3 are #N/A, not a neighbour repeated.
      name: 'Capex',
      cells: {
        A1: text('quarter', STYLE.bold),
        B1: text('Alibaba capex (亿)', STYLE.bold),
        C1: text('vs 2024Q4', STYLE.bold),
        D1: text('reported?', STYLE.bold),
        ...column('A', 2, ['2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3']),
        B2: { f: '_xldudf_LLM_VALUE("Alibaba","capex",A2,"亿")', v: NA, shared: 'B2:B6' },
        B3: { sharedFrom: 'B2', v: 317 },
        B4: { sharedFrom: 'B2', v: NA },
        B5: { sharedFrom: 'B2', v: 386 },
        B6: { sharedFrom: 'B2', v: NA },
        C2: { f: 'IFERROR(B2/$B$3-1,"")', v: '', shared: 'C2:C6', s: STYLE.percent },
        C3: { sharedFrom: 'C2', v: 0, s: STYLE.percent },
        C4: { sharedFrom: 'C2', v: '', s: STYLE.percent },
        C5: { sharedFrom: 'C2', v: 386 / 317 - 1, s: STYLE.percent },
        C6: { sharedFrom: 'C2', v: '', s: STYLE.percent },
        D2: { f: '_xlfn.IFNA(IF(B2>0,"yes"),"no")', v: 'no', shared: 'D2:D6' },
        D3: { sharedFrom: 'D2', v: 'yes' },
        D4: { sharedFrom: 'D2', v: 'no' },
        D5: { sharedFrom: 'D2', v: 'yes' },
        D6: { sharedFrom: 'D2', v: 'no' },
        A8: text('reported quarters', STYLE.bold),
        B8: f('COUNT(B2:B6)', 2),
        A9: text('total reported', STYLE.bold),
        B9: f('SUMIF(D2:D6,"yes",B2:B6)', 703), // 317 + 386
      },
    },
    {
      name: 'Summary',
      cells: {
        A1: text('leader'),
        B1: f('Ranking!A1', 'xAI'),
        A2: text('leader (B)'),
        B2: f('_xldudf_LLM_TOKENS(B1,AsOf,Inputs!B4)', 262),
        A3: text('top-5 total (B)'),
        B3: f('Ranking!B7/1E9', 577),
        A4: text('Volcano share (IDC)'),
        B4: f('_xldudf_LLM_SHARE("Volcano","IDC")', 0.492, STYLE.percent),
        A5: text('capex growth'),
        B5: f('Capex!C5', 386 / 317 - 1, STYLE.percent),
      },
    },
  ],
  names: [
    { name: 'AsOf', refersTo: 'Inputs!$B$1' },
    { name: 'Src', refersTo: 'Inputs!$B$2' },
    { name: 'Top', refersTo: 'Inputs!$B$3' },
  ],
};

/** File name (without .xlsx) → workbook. */
export const CORPUS: Record<string, Workbook> = {
  'defined-names': names,
  'shared-formulas': shared,
  'spill-from-cells': spillFromCells,
  anchorarray: anchorArray,
  single,
  let: letBook,
  'index-zero': indexZero,
  'dynamic-array-family': dynamicFamily,
  'name-dimensions': nameDimensions,
  'llm-spill-inside-functions': llmSpillInside,
  'empty-strings': emptyStrings,
  'cached-errors': cachedErrors,
  'cross-sheet': crossSheet,
  'xlfn-functions': xlfnFunctions,
  'text-that-looks-like-something-else': textLooksLike,
  'date-1904': date1904,
  'last-row-and-column': lastRow,
  'analyst-model': analyst,
  'sheet-qualified-name': sheetQualifiedName,
  'structured-references': structuredReferences,
};

/**
 * Workbooks the engine does not recompute yet (written to test/workbooks/pending/);
 * test/corpus.test.ts says why for each. Move one into CORPUS once
 * `calc --check` passes on it.
 */
export const PENDING: Record<string, Workbook> = {};

/**
 * Workbooks using functions the README lists as unsupported (written to
 * test/workbooks/unsupported/): `calc --check` must name them, never call
 * them differences, and `--out` must keep Excel's values.
 */
export const UNSUPPORTED: Record<string, Workbook> = {
  'documented-unsupported': unsupported,
};
