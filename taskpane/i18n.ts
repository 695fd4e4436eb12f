/** The pane's interface strings in English and Simplified Chinese. Data is never translated here. */
export type Lang = 'en' | 'zh';

const en = {
  title: 'LLM Market — sources',
  switchTo: '中文',
  switchLabel: 'Switch the interface to Chinese',
  searchLabel: 'Search entities, sources and documents',
  searchPlaceholder: 'e.g. xAI, 火山, IDC, Alibaba',
  hint: 'Type a company, cloud, model family, source or document, in English or Chinese. Documents in the dataset:',
  noHits: 'Nothing matches “{q}”.',
  groups: { entity: 'Entities', source: 'Sources', document: 'Documents' },
  factsOf: 'Facts: {name}',
  noFacts: 'No facts are recorded for this selection.',
  count: '{n} facts',
  col: { entity: 'Entity', metric: 'Metric', value: 'Value', period: 'Period', source: 'Source' },
  quote: 'Quote',
  document: 'Document',
  undated: 'undated',
  publisherUnknown: 'publisher not stated',
  note: 'Note',
  of: 'Share of',
  basis: { actual: 'actual', forecast: 'forecast', guidance: 'guidance', plan: 'plan' },
  qualifier: { '=': 'exactly', '≈': 'about', '>': 'more than', '≥': 'at least', '<': 'less than', '≤': 'at most' },
  scope: 'Scope',
  correctedFrom: 'Corrected from (as written)',
  writtenAs: 'Written as',
  insert: 'Insert formula',
  chartThis: 'Chart',
  inserted: 'Inserted {f} into the selected cell.',
  insertFailed: 'Could not insert the formula: {m}',
  outsideExcel: 'Opened outside Excel: you can browse the sources; inserting formulas needs Excel.',
  needsExcel: 'Inserting a formula needs Excel: open this pane from the LLM Market ribbon button. Copy the formula instead:',
  chart: 'Series',
  chartMetric: 'Metric',
  chartEmpty: 'No series to draw.',
  chartCaption: '{formula} — {n} observations',
  insertSeries: 'Insert this series',
  otherFact: 'another fact from the same source, ending the same day, answers this formula',
} as const;

type Strings = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : { [P in keyof (typeof en)[K]]: string } };

const zh: Strings = {
  title: '大模型市场 — 数据来源',
  switchTo: 'English',
  switchLabel: '切换到英文界面',
  searchLabel: '搜索实体、来源和文献',
  searchPlaceholder: '如 xAI、火山、IDC、阿里巴巴',
  hint: '输入公司、云平台、模型系列、数据来源或文献名称,中英文均可。数据集中的文献:',
  noHits: '没有与“{q}”匹配的结果。',
  groups: { entity: '实体', source: '来源', document: '文献' },
  factsOf: '数据:{name}',
  noFacts: '此项没有记录数据。',
  count: '{n} 条数据',
  col: { entity: '实体', metric: '指标', value: '数值', period: '期间', source: '来源' },
  quote: '原文',
  document: '文献',
  undated: '未注明日期',
  publisherUnknown: '未注明发布方',
  note: '说明',
  of: '份额口径',
  basis: { actual: '实际', forecast: '预测', guidance: '指引', plan: '计划' },
  qualifier: { '=': '等于', '≈': '约', '>': '超过', '≥': '不低于', '<': '低于', '≤': '最高' },
  scope: '统计口径',
  correctedFrom: '原文写法(已更正)',
  writtenAs: '原文写法',
  insert: '插入公式',
  chartThis: '图表',
  inserted: '已将 {f} 插入所选单元格。',
  insertFailed: '无法插入公式:{m}',
  outsideExcel: '在 Excel 之外打开:可以浏览数据来源,插入公式需要 Excel。',
  needsExcel: '插入公式需要在 Excel 中进行:请从功能区的“大模型市场”按钮打开此窗格。也可复制公式:',
  chart: '序列',
  chartMetric: '指标',
  chartEmpty: '没有可绘制的序列。',
  chartCaption: '{formula} — {n} 个观测值',
  insertSeries: '插入此序列',
  otherFact: '同一来源、同日结束的另一条数据会回答此公式',
};

export const STRINGS: Record<Lang, Strings> = { en: en as unknown as Strings, zh };

/** Office's display language ("zh-CN", "en-US", …) or the browser's, as one of the pane's two languages. */
export function toLang(tag: string | undefined | null): Lang {
  return tag && /^zh\b/i.test(tag) ? 'zh' : 'en';
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));
}
