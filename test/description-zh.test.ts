/**
 * The dataset's own Chinese for what the task pane shows in Chinese mode
 * beside the notes (note_zh: test/note-zh.test.ts): description_zh for every
 * bundled source and document, date_note_zh for every document's date_note,
 * and of_zh (the 份额口径 line) for every fact with an `of`. Each reads as
 * Chinese, writes exactly the figures its English writes (a translation must
 * not invent, drop or rescale a number), keeps the English's Chinese
 * quotations and report titles verbatim and marks a judgement as one. All
 * three are optional for a user's data folder (the pane falls back to the
 * English); the schema refuses an empty one, and a date_note_zh or of_zh
 * without the field it translates.
 */
import path from 'path';
import { checkDataFolder, readDataFolder } from '../src/data/folder';
import { parseSeedFiles } from '../src/data/load';
import { DocumentSchema, FactSchema, SourceSchema } from '../src/data/schema';
import { SEED_FILES } from '../src/data/seedFiles';
import { val } from './helpers/engine';
import { chineseQuotations, digitNumbers, monthsNamed, notChinese as notChineseText } from './helpers/chinese';

/** Descriptions are held to Chinese full stops too (。, never an ASCII "." after Han). */
const notChinese = (zh: string) => notChineseText(zh, { fullStop: true });

const dataset = parseSeedFiles(SEED_FILES);
const fileOf = new Map<string, string>();
for (const f of SEED_FILES) for (const r of f.data as { id: string }[]) fileOf.set(`${f.kind}:${r.id}`, f.path);

/** One English field and its Chinese, named as a check names them. */
interface Pair {
  at: string;
  en: string;
  zh: string | undefined;
}
const pairs: Pair[] = [
  ...dataset.sources.map((s) => ({ at: `${fileOf.get(`sources:${s.id}`)}: source "${s.id}", field description_zh`, en: s.description, zh: s.description_zh })),
  ...dataset.documents.map((d) => ({ at: `${fileOf.get(`documents:${d.id}`)}: document "${d.id}", field description_zh`, en: d.description, zh: d.description_zh })),
  ...dataset.documents.filter((d) => d.date_note).map((d) => ({ at: `${fileOf.get(`documents:${d.id}`)}: document "${d.id}", field date_note_zh`, en: d.date_note!, zh: d.date_note_zh })),
  ...dataset.facts.filter((f) => f.of).map((f) => ({ at: `${fileOf.get(`facts:${f.id}`)}: fact "${f.id}", field of_zh`, en: f.of!, zh: f.of_zh })),
];
const translated = pairs.filter((p): p is Pair & { zh: string } => p.zh !== undefined);

describe('the Chinese of what the pane shows beside the notes', () => {
  test('every bundled source and document has a description_zh, every date_note a date_note_zh, every `of` an of_zh', () => {
    expect(pairs.filter((p) => p.zh === undefined).map((p) => p.at)).toEqual([]);
    expect(dataset.sources.length).toBeGreaterThanOrEqual(16);
    expect(dataset.documents.length).toBeGreaterThanOrEqual(5);
    expect(dataset.facts.filter((f) => f.of_zh).length).toBe(dataset.facts.filter((f) => f.of).length);
    expect(translated.length).toBeGreaterThanOrEqual(16 + 5 + 5 + 26);
  });

  test('each reads as Chinese: Han text, Chinese punctuation, no English phrase outside quotations and titles', () => {
    const bad = translated.flatMap((p) => {
      const why = notChinese(p.zh);
      return why ? [`${p.at}: ${why}`] : [];
    });
    expect(bad).toEqual([]);
  });

  test('the Chinese check refuses an untranslated, a half-translated and an ASCII-punctuated text', () => {
    const idc = dataset.sources.find((s) => s.id === 'idc')!;
    expect(notChinese(idc.description)).not.toBeNull();
    expect(notChinese(`${idc.description_zh} International Data Corporation market reports.`)).toMatch(/English phrase/);
    expect(notChinese('国际数据公司(IDC)的市场报告。')).toMatch(/ASCII punctuation/);
    expect(notChinese(idc.description_zh!)).toBeNull();
  });

  test('every number the Chinese writes in digits is one the English writes (no invented figure), and none of the English is dropped', () => {
    const bad = translated.flatMap((p) => {
      const allowed = new Set([...digitNumbers(p.en), ...monthsNamed(p.en)]);
      const zh = digitNumbers(p.zh);
      const extra = [...zh].filter((n) => !allowed.has(n));
      const lost = [...digitNumbers(p.en, true)].filter((n) => !zh.has(n));
      return [...(extra.length ? [`${p.at}: ${extra.join(', ')} not in the English`] : []), ...(lost.length ? [`${p.at}: the English's ${lost.join(', ')} missing`] : [])];
    });
    expect(bad).toEqual([]);
  });

  test('the number check catches a rescaled and a dropped figure', () => {
    const google = dataset.facts.find((f) => f.of_zh?.includes('480万亿'))!;
    expect(google.of).toMatch(/480 trillion/);
    const rescaled = digitNumbers(google.of_zh!.replace('480万亿', '4.8亿亿'));
    expect(rescaled.has('4.8')).toBe(true);
    expect(digitNumbers(google.of!).has('4.8')).toBe(false);
    const doc001 = dataset.documents.find((d) => d.id.startsWith('001_'))!;
    expect([...digitNumbers(doc001.description, true)].filter((n) => !digitNumbers(doc001.description_zh!.replace('17日', '')).has(n))).toEqual(['17']);
    expect(monthsNamed(doc001.description)).toEqual(new Set(['9']));
  });

  test("the English's Chinese quotations and report titles are kept verbatim", () => {
    const bad = translated.flatMap((p) => chineseQuotations(p.en).filter((q) => !p.zh.includes(q)).map((q) => `${p.at}: lost the quotation "${q}"`));
    expect(bad).toEqual([]);
    expect(chineseQuotations(dataset.sources.find((s) => s.id === 'idc')!.description)).toEqual(['中国大模型公有云服务市场分析,2025H1']);
  });

  test('a judgement stays marked as one: 判断 at least as often as the English says Judgement', () => {
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    const bad = translated.filter((p) => count(p.zh, /判断/g) < count(p.en, /judgement/gi)).map((p) => `${p.at}: ${count(p.zh, /判断/g)} 判断 for ${count(p.en, /judgement/gi)} Judgement`);
    expect(bad).toEqual([]);
    expect(translated.filter((p) => /judgement/i.test(p.en)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('the schema: optional for a user folder, never empty, never without what it translates', () => {
  const source = dataset.sources[0];
  const doc = dataset.documents.find((d) => d.date_note)!;
  const fact = dataset.facts.find((f) => f.of)!;
  const without = <T extends object>(r: T, ...keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));

  test('a source or document without description_zh, and a fact without of_zh, are valid (the pane shows the English)', () => {
    expect(SourceSchema.safeParse(without(source, 'description_zh')).success).toBe(true);
    expect(DocumentSchema.safeParse(without(doc, 'description_zh', 'date_note_zh')).success).toBe(true);
    expect(FactSchema.safeParse(without(fact, 'of_zh')).success).toBe(true);
  });

  test('the test data folder has none of them and passes data check', () => {
    const folder = readDataFolder(path.join(__dirname, 'data-folders', 'fictional'));
    expect(folder.data.sources.every((s) => s.description_zh === undefined)).toBe(true);
    expect(folder.data.documents.every((d) => d.description_zh === undefined)).toBe(true);
    expect(checkDataFolder(folder, dataset).problems).toEqual([]);
  });

  test('an empty description_zh, a date_note_zh without a date_note and an of_zh without an of are refused', () => {
    expect(SourceSchema.safeParse({ ...source, description_zh: '' }).success).toBe(false);
    const dated = dataset.documents.find((d) => d.published)!;
    const r = DocumentSchema.safeParse({ ...without(dated, 'date_note'), date_note_zh: '见于页眉。' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('date_note_zh: date_note_zh translates date_note: a document without a date_note has no date_note_zh');
    const plain = dataset.facts.find((f) => !f.of)!;
    const s = FactSchema.safeParse({ ...plain, of_zh: '全球GDP' });
    expect(s.success).toBe(false);
    expect(s.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('of_zh: of_zh translates of: a fact without an of has no of_zh');
  });
});

describe("a publisher's Chinese name (publisher_zh), shown in Chinese mode", () => {
  test('every bundled publisher that writes a Chinese name has it as publisher_zh, taken from the field itself', () => {
    for (const d of dataset.documents) {
      const han = d.publisher ? /\p{Script=Han}[\p{Script=Han}·]*/u.exec(d.publisher)?.[0] : undefined;
      expect({ id: d.id, publisher_zh: d.publisher_zh }).toEqual({ id: d.id, publisher_zh: han });
    }
    expect(dataset.documents.filter((d) => d.publisher_zh).length).toBeGreaterThanOrEqual(4);
  });

  test('a publisher_zh the publisher field does not write is refused (nothing invented)', () => {
    const d = dataset.documents.find((x) => x.publisher_zh)!;
    const r = DocumentSchema.safeParse({ ...d, publisher_zh: '国信证券' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('publisher_zh: publisher_zh is the Chinese name the publisher field itself writes');
    const none = dataset.documents.find((x) => !x.publisher)!;
    expect(DocumentSchema.safeParse({ ...none, publisher_zh: '某机构' }).success).toBe(false);
  });
});

test('LLM.DETAIL answers field "of_zh" (the 份额口径 line in Chinese) as it answers "of"', () => {
  const f = dataset.facts.find((x) => x.id === '003-idc-share-volcano-engine-2025h1')!;
  expect(f.of_zh).toMatch(/\p{Script=Han}/u);
  expect(val('=LLM.DETAIL("Volcano Engine","share","2025H1","of","IDC")')).toBe(f.of);
  expect(val('=LLM.DETAIL("Volcano Engine","share","2025H1","of_zh","IDC")')).toBe(f.of_zh);
  expect(val('=LLM.DETAIL("Volcano Engine","share","2025H1","of zh","IDC")')).toBe(f.of_zh);
});
