/**
 * note_zh, the note in Simplified Chinese: every fact with a note has one;
 * each reads as Chinese; it writes exactly the figures its note writes (a
 * translation must not invent, drop or rescale a number) and keeps the note's
 * Chinese quotations verbatim; the loader refuses a note_zh without a note and
 * a corrected fact without a note_zh.
 */
import { parseSeedFiles } from '../src/data/load';
import { SEED_FILES } from '../src/data/seedFiles';
import { Fact } from '../src/data/schema';
import { runCli } from './helpers/cli';
import { val } from './helpers/engine';
import { chineseQuotations, digitNumbers, monthsNamed, notChinese } from './helpers/chinese';

const dataset = parseSeedFiles(SEED_FILES);
const fileOf = new Map<string, string>();
for (const f of SEED_FILES) if (f.kind === 'facts') for (const r of f.data as { id: string }[]) fileOf.set(r.id, f.path);
const at = (f: Fact, field: string) => `${fileOf.get(f.id)}: fact "${f.id}", field ${field}`;
const translated = dataset.facts.filter((f) => f.note_zh !== undefined);

describe('note_zh: the note in Simplified Chinese', () => {
  test('every fact with a note has a note_zh, and only those', () => {
    const missing = dataset.facts.filter((f) => f.note && !f.note_zh).map((f) => at(f, 'note_zh'));
    expect(missing).toEqual([]);
    expect(translated.length).toBe(dataset.facts.filter((f) => f.note).length);
    expect(translated.length).toBeGreaterThanOrEqual(135);
  });

  test('every note_zh reads as Chinese: Han text, Chinese punctuation, no English sentence outside quotations', () => {
    const bad = translated.flatMap((f) => {
      const why = notChinese(f.note_zh!);
      return why ? [`${at(f, 'note_zh')}: ${why}`] : [];
    });
    expect(bad).toEqual([]);
  });

  test('the Chinese check refuses an English note, a half-translated one and ASCII punctuation', () => {
    const f = dataset.facts.find((x) => x.id === '000-openai-tokens')!;
    expect(notChinese(f.note!)).not.toBeNull();
    expect(notChinese(`${f.note_zh} The summary does not name its data provider.`)).toMatch(/English phrase/);
    expect(notChinese('单位误译(见上),数字有误。')).toMatch(/ASCII punctuation/);
    expect(notChinese('据“The summary does not name its data provider”判断。')).toBeNull();
  });

  test('every number note_zh writes in digits is one its note or quote writes (no invented figure)', () => {
    const bad = translated.flatMap((f) => {
      const allowed = new Set([...digitNumbers(f.note!), ...digitNumbers(f.quote), ...monthsNamed(f.note!)]);
      const extra = [...digitNumbers(f.note_zh!)].filter((n) => !allowed.has(n));
      return extra.length ? [`${at(f, 'note_zh')}: ${extra.join(', ')} not in the note or the quote`] : [];
    });
    expect(bad).toEqual([]);
  });

  test('every number the note writes in digits is in note_zh (no dropped or rescaled figure)', () => {
    const bad = translated.flatMap((f) => {
      const zh = digitNumbers(f.note_zh!);
      const lost = [...digitNumbers(f.note!, true)].filter((n) => !zh.has(n));
      return lost.length ? [`${at(f, 'note_zh')}: the note's ${lost.join(', ')} missing`] : [];
    });
    expect(bad).toEqual([]);
  });

  test('the number checks catch a rescaled, an invented and a dropped figure', () => {
    expect(digitNumbers('DeepSeek 75 + Gemini 135 = 416 billion/day, 1,320亿, 2025-09-09, 0.10, FY2026 Q1', true)).toEqual(new Set(['75', '135', '416', '1320', '2025-09-09', '0.1']));
    const f = dataset.facts.find((x) => x.id === '000-openai-tokens')!;
    const zh = digitNumbers(f.note_zh!.replace('62 billion', '620亿'));
    expect(zh.has('620')).toBe(true);
    expect(digitNumbers(f.note!).has('620')).toBe(false);
    expect(monthsNamed('for 17–30 Sep 2025 and the December quarter')).toEqual(new Set(['9', '12']));
  });

  test("the note's Chinese quotations are kept verbatim (traditional characters stay traditional)", () => {
    const bad = translated.flatMap((f) => chineseQuotations(f.note!).filter((q) => !f.note_zh!.includes(q)).map((q) => `${at(f, 'note_zh')}: lost the quotation "${q}"`));
    expect(bad).toEqual([]);
    expect(chineseQuotations(dataset.facts.find((x) => x.id === '003-doubao-tokens-2025-09')!.note!)).toContain('最新數(shù)據(jù)已經(jīng)達(dá)到日均 30 萬(wàn)億 Tokens');
    expect(chineseQuotations("Unlike IDC's 536.7萬億, which excludes vendors' own businesses ('不包含自有業(yè)務(wù)調(diào)用')")).toEqual(['不包含自有業(yè)務(wù)調(diào)用']);
  });

  test('a judgement stays marked as one: 判断 at least as often as the note says Judgement', () => {
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    const bad = translated
      .filter((f) => count(f.note_zh!, /判断/g) < count(f.note!, /judgement/gi))
      .map((f) => `${at(f, 'note_zh')}: ${count(f.note_zh!, /判断/g)} 判断 for ${count(f.note!, /judgement/gi)} Judgement`);
    expect(bad).toEqual([]);
  });
});

describe('the loader enforces note_zh', () => {
  /** The seed files with one fact changed. */
  const withFact = (id: string, change: (r: Record<string, unknown>) => void) =>
    SEED_FILES.map((f) => {
      if (f.kind !== 'facts' || !(f.data as { id: string }[]).some((r) => r.id === id)) return f;
      return { ...f, data: (f.data as Record<string, unknown>[]).map((r) => (r.id === id ? (() => { const c = { ...r }; change(c); return c; })() : r)) };
    });

  test('a corrected fact without note_zh is rejected', () => {
    expect(dataset.facts.find((f) => f.id === '000-openai-tokens')?.corrected_from).toBe('62 million');
    expect(() => parseSeedFiles(withFact('000-openai-tokens', (r) => delete r.note_zh))).toThrow(/seeds\/facts\/000_efed8babc9be61f5\.json: record \d+ \(id "000-openai-tokens"\), field note_zh: a corrected fact needs its note in Chinese too/);
  });

  test('a note_zh without a note is rejected', () => {
    const bare = dataset.facts.find((f) => !f.note)!;
    expect(() => parseSeedFiles(withFact(bare.id, (r) => (r.note_zh = '判断：无英文说明的中文说明。')))).toThrow(new RegExp(`\\(id "${bare.id}"\\), field note_zh: note_zh translates note`));
    expect(() => parseSeedFiles(withFact('000-qwen-tokens', (r) => (r.note_zh = '')))).toThrow(/\(id "000-qwen-tokens"\), field note_zh/);
  });
});

describe('note_zh reaches the outputs that carry note', () => {
  test('llm-market facts --json carries note_zh beside note', async () => {
    const { code, out } = await runCli(['facts', '--json', '--document', '000_efed8babc9be61f5']);
    expect(code).toBe(0);
    const f = JSON.parse(out).find((x: { id: string }) => x.id === '000-openai-tokens');
    expect(f.note).toMatch(/^Mistranslated unit/);
    expect(f.note_zh).toMatch(/^单位误译/);
  });

  test('LLM.DETAIL answers field "note_zh" as it answers "note"', () => {
    const f = dataset.facts.find((x) => x.id === '001-xai-tokens')!;
    expect(val('=LLM.DETAIL("xAI","tokens","2025-09-30","note")')).toBe(f.note);
    expect(val('=LLM.DETAIL("xAI","tokens","2025-09-30","note_zh")')).toBe(f.note_zh);
    expect(val('=LLM.DETAIL("xAI","tokens","2025-09-30","note zh")')).toBe(f.note_zh);
  });
});
