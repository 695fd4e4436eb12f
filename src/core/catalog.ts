/**
 * The function contract: every LLM.* function, its parameters and their
 * English and Chinese names and descriptions. The Excel adapter's JSDoc and the
 * HyperFormula plugin are both checked against this table, and the zh-CN
 * metadata is generated from it.
 */
export type ParamType = 'text' | 'date' | 'number' | 'boolean' | 'any';

export interface ParamSpec {
  name: string;
  name_zh: string;
  type: ParamType;
  optional: boolean;
  description: string;
  description_zh: string;
}

export interface FunctionSpec {
  name: string;
  name_zh: string;
  description: string;
  description_zh: string;
  params: ParamSpec[];
  /** 'rows' functions spill a 2-D array. */
  result: 'scalar' | 'rows';
  /** An example formula for the README and tests. */
  example: string;
  /**
   * Registered bare (=TOKENS) in the headless engine as well as LLM.TOKENS —
   * false for VALUE, RANK and GROWTH, which are Excel's own (a test checks the
   * rest against Excel's and HyperFormula's built-ins).
   */
  bare: boolean;
}

const p = (name: string, name_zh: string, type: ParamType, optional: boolean, description: string, description_zh: string): ParamSpec => ({
  name, name_zh, type, optional, description, description_zh,
});

const entity = p('entity', '实体', 'text', false, 'Company, cloud, model family or market, in English or Chinese (e.g. "xAI", "火山引擎").', '公司、云平台、模型系列或市场,中英文均可(如 "xAI"、"火山引擎")。');
const metric = p('metric', '指标', 'text', false, 'Metric id, e.g. "revenue", "capex", "tokens", "share"; METRICS() lists them.', '指标代码,如 "revenue"、"capex"、"tokens"、"share";METRICS() 列出全部。');
const asOf = p('as_of', '日期', 'date', true, 'Date, month, quarter, half, year or fiscal period ("2025-09-30", "2025Q3", "1H25", "Q1 FY2026") or a date cell; omitted = latest.', '日期、月份、季度、半年、年份或财年期间("2025-09-30"、"2025Q3"、"2025年上半年"、"2026财年第一季度")或日期单元格;省略则取最新。');
const unit = p('unit', '单位', 'text', true, 'Scale of the result: "K", "M", "B", "T", "万", "亿", "万亿", or "%" for fractions; omitted = base units.', '结果单位:"K"、"M"、"B"、"T"、"万"、"亿"、"万亿",比例可用 "%";省略则为基本单位。');
const source = p('source', '来源', 'text', true, 'Who measured the figure, e.g. "OpenRouter", "IDC", "Omdia", "Alibaba"; omitted = the documented default.', '数据来源,如 "OpenRouter"、"IDC"、"Omdia"、"阿里巴巴";省略则按默认规则选择。');
const from = p('from', '起始日期', 'date', false, 'The earlier date (any form as_of accepts).', '较早的日期(格式同 as_of)。');
const to = p('to', '截止日期', 'date', false, 'The later date (any form as_of accepts).', '较晚的日期(格式同 as_of)。');

export const FUNCTIONS: FunctionSpec[] = [
  {
    name: 'TOKENS', name_zh: '词元调用量', result: 'scalar', bare: true,
    description: 'Daily-average tokens processed by an entity, as of a date.',
    description_zh: '某实体在指定日期的日均 Token 调用量。',
    params: [entity, asOf, unit, source],
    example: '=LLM.TOKENS("xAI","2025-09-30")',
  },
  {
    name: 'SHARE', name_zh: '市场份额', result: 'scalar', bare: true,
    description: 'Market share from a given source, as a fraction (0.492).',
    description_zh: '指定来源给出的市场份额(小数,如 0.492)。',
    params: [entity, p('source', '来源', 'text', false, 'Who measured the share, e.g. "IDC" or "Omdia".', '份额的统计机构,如 "IDC" 或 "Omdia"。'), asOf],
    example: '=LLM.SHARE("Volcano","IDC")',
  },
  {
    name: 'VALUE', name_zh: '指标数值', result: 'scalar', bare: false,
    description: 'Any metric of an entity, as of a date.',
    description_zh: '某实体在指定日期的任一指标数值。',
    params: [entity, metric, asOf, unit, source],
    example: '=LLM.VALUE("Alibaba","capex","2024Q4","亿")',
  },
  {
    name: 'SERIES', name_zh: '数据序列', result: 'rows', bare: true,
    description: 'Every observation of a metric: rows of (period end as a date serial, value), oldest first.',
    description_zh: '某指标的全部观测值:每行为(期末日期序列号, 数值),按时间先后排列。',
    params: [entity, metric, source, p('headers', '表头', 'boolean', true, 'TRUE adds a header row.', 'TRUE 时增加表头行。')],
    example: '=LLM.SERIES("Doubao","tokens")',
  },
  {
    name: 'GROWTH', name_zh: '增长率', result: 'scalar', bare: false,
    description: 'Growth between two dates: value at "to" ÷ value at "from" − 1.',
    description_zh: '两个日期之间的增长率:截止值 ÷ 起始值 − 1。',
    params: [entity, metric, from, to, source],
    example: '=LLM.GROWTH("OpenAI","valuation","2025-04","2025-10-03")',
  },
  {
    name: 'CAGR', name_zh: '复合增长率', result: 'scalar', bare: true,
    description: "Annualised growth between the two observations' period ends.",
    description_zh: '两次观测期末之间的年化复合增长率。',
    params: [entity, metric, from, to, source],
    example: '=LLM.CAGR("Doubao","tokens","2024-05","2025-09")',
  },
  {
    name: 'RATIO', name_zh: '指标比值', result: 'scalar', bare: true,
    description: "One entity's value divided by another's (metric defaults to tokens).",
    description_zh: '两个实体同一指标的比值(默认指标为 tokens)。',
    params: [
      p('entity_a', '实体甲', 'text', false, 'The numerator entity.', '分子实体。'),
      p('entity_b', '实体乙', 'text', false, 'The denominator entity.', '分母实体。'),
      p('metric', '指标', 'text', true, 'Metric id; omitted = "tokens".', '指标代码;省略则为 "tokens"。'),
      asOf,
      source,
    ],
    example: '=LLM.RATIO("xAI","OpenAI","tokens","2025-09-30")',
  },
  {
    name: 'RANK', name_zh: '指标排名', result: 'rows', bare: false,
    description: 'Entities of one kind ranked by figures of one scope: rows of (name, value), largest first.',
    description_zh: '同一类实体按同一统计口径的指标排名:每行为(名称, 数值),由大到小。',
    params: [
      p('metric', '指标', 'text', false, 'Metric id, e.g. "tokens" or "share".', '指标代码,如 "tokens" 或 "share"。'),
      asOf,
      source,
      p('top', '前几名', 'number', true, 'How many rows; omitted = all.', '返回的行数;省略则全部返回。'),
      p('kind', '实体类型', 'text', true, 'Rank only this kind: company, cloud platform, model family, model, product, segment or market; omitted = companies if two or more answer, else the next kind that does.', '只对此类实体排名:company、cloud platform、model family、model、product、segment 或 market;省略则优先公司(至少两家有数据时),否则依次取下一类。'),
      p('headers', '表头', 'boolean', true, 'TRUE adds a header row naming the kind, the metric, its unit and the scope ranked.', 'TRUE 时增加表头行,注明实体类型、指标、单位与统计口径。'),
    ],
    example: '=LLM.RANK("tokens","2025-09-30","OpenRouter",3)',
  },
  {
    name: 'SOURCE', name_zh: '数据出处', result: 'scalar', bare: true,
    description: 'One line citing the fact that answers: source, period, qualifier, scope, basis, any correction, quote, document, publisher and date.',
    description_zh: '一行文字说明答案出处:来源、期间、限定词、统计口径、数据性质、更正说明、原文引述、文献、发布方与日期。',
    params: [entity, metric, asOf, source],
    example: '=LLM.SOURCE("xAI","tokens","2025-09-30")',
  },
  {
    name: 'UNIT', name_zh: '数值单位', result: 'scalar', bare: true,
    description: 'The unit of the value that answers (e.g. "tokens/day", "CNY", "fraction").',
    description_zh: '答案数值的单位(如 "tokens/day"、"CNY"、"fraction")。',
    params: [entity, metric, asOf, source],
    example: '=LLM.UNIT("Alibaba","capex")',
  },
  {
    name: 'DETAIL', name_zh: '数据详情', result: 'scalar', bare: true,
    description: 'What the number that answers carries besides its value: qualifier, period, scope, basis, fact id, correction.',
    description_zh: '答案数值之外的信息:限定词、期间、统计口径、数据性质、数据编号、更正说明。',
    params: [
      entity,
      metric,
      asOf,
      p('field', '字段', 'text', true, 'One of: value, qualifier, unit, period, period_start, period_end, period_type, scope, basis, source, document, fact, reported_for, of, of_zh, corrected_from, written_as, quote, note, note_zh, dataset; omitted = a one-line summary.', '字段名:value、qualifier、unit、period、period_start、period_end、period_type、scope、basis、source、document、fact、reported_for、of、of_zh、corrected_from、written_as、quote、note、note_zh、dataset;省略则返回一行摘要。'),
      source,
    ],
    example: '=LLM.DETAIL("Doubao","tokens","2025-09","qualifier")',
  },
  {
    name: 'ABOUT', name_zh: '可查询指标', result: 'rows', bare: true,
    description: 'What you can ask about an entity: a header row, then one row per metric and scope (period type, latest period, unit, source, scope, observations, whose figure).',
    description_zh: '某实体可查询的内容:表头行,之后每个指标与口径一行(期间类型、最新期间、单位、来源、口径、观测数、数据所属实体)。',
    params: [entity],
    example: '=LLM.ABOUT("Alibaba")',
  },
  {
    name: 'ENTITIES', name_zh: '实体列表', result: 'rows', bare: true,
    description: 'Known entities: rows of (name, Chinese name, kind, id).',
    description_zh: '已知实体列表:每行为(英文名, 中文名, 类型, 代码)。',
    params: [p('kind', '类型', 'text', true, 'Only this kind: company, cloud platform, model family, model, product, segment or market.', '只列出此类型:company、cloud platform、model family、model、product、segment 或 market。')],
    example: '=LLM.ENTITIES("cloud platform")',
  },
  {
    name: 'METRICS', name_zh: '指标列表', result: 'rows', bare: true,
    description: 'Known metrics: rows of (id, name, Chinese name, unit).',
    description_zh: '已知指标列表:每行为(代码, 英文名, 中文名, 单位)。',
    params: [],
    example: '=LLM.METRICS()',
  },
  {
    name: 'SOURCES', name_zh: '来源列表', result: 'rows', bare: true,
    description: 'Known sources: rows of (id, name, kind).',
    description_zh: '已知来源列表:每行为(代码, 名称, 类型)。',
    params: [],
    example: '=LLM.SOURCES()',
  },
];

export const FUNCTION_BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));
