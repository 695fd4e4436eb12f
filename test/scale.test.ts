/**
 * Robustness and scale of the dataset layer:
 * - the loader rejects a malformed data file with one error naming the file,
 *   the record and the field, and returns nothing (never half a dataset);
 * - names that would lead to two records are refused when the Market indexes them;
 * - the Market answers correctly over a generated dataset of 100,000 facts,
 *   checked against a brute-force statement of the as-of rule (correctness
 *   only; `npm run bench` measures the speed).
 */
import { callFunction } from '../src/core/functions';
import { Market } from '../src/core/market';
import { LlmError } from '../src/core/result';
import { DatasetError, SeedFile, parseSeedFiles } from '../src/data/load';
import { Dataset, Fact } from '../src/data/schema';

// ---------------------------------------------------------------------------
// A small valid dataset, as seed files

const DOC = '900_00000000000000aa';
const FACTS_FILE = `seeds/facts/${DOC}.json`;

function seedFiles(): SeedFile[] {
  const fact = (id: string, entity: string, value: number, start: string, end: string) => ({
    id,
    entity,
    metric: 'tokens',
    value,
    unit: 'tokens',
    period: { start, end },
    qualifier: '=',
    source: 'tracker',
    scope: 'traffic',
    document: DOC,
    quote: 'a verbatim quote',
  });
  return [
    {
      path: 'seeds/documents.json',
      kind: 'documents',
      data: [{ id: DOC, title: 'Test document', title_en: 'Test document', publisher: 'Test', published: '2025-10-01', language: 'en', description: 'a test' }],
    },
    {
      path: 'seeds/entities/core.json',
      kind: 'entities',
      data: [
        { id: 'acme', name: 'Acme', name_zh: '阿克米', kind: 'company', parent: null, aliases: ['Acme Corp'] },
        { id: 'acme-llm', name: 'Acme LLM', name_zh: '阿克米大模型', kind: 'model family', parent: 'acme', aliases: ['AcmeGPT'] },
        { id: 'globex', name: 'Globex', name_zh: '环球', kind: 'company', parent: null, aliases: [] },
      ],
    },
    {
      path: 'seeds/sources/core.json',
      kind: 'sources',
      data: [{ id: 'tracker', name: 'Tracker', name_zh: '追踪者', kind: 'data provider', aliases: [], description: 'a test source' }],
    },
    {
      path: 'seeds/metrics/core.json',
      kind: 'metrics',
      data: [{ id: 'tokens', name: 'Tokens', name_zh: '词元', unit: 'tokens', description: 'tokens processed', period_type: 'rate' }],
    },
    {
      path: FACTS_FILE,
      kind: 'facts',
      data: [fact('acme-1', 'acme', 1e9, '2025-09-01', '2025-09-30'), fact('globex-1', 'globex', 2e9, '2025-09-01', '2025-09-30')],
    },
    {
      path: 'seeds/scopes.json',
      kind: 'scopes',
      data: [{ id: 'traffic', name: "The tracker's traffic", name_zh: '追踪口径', description: 'a test scope' }],
    },
  ];
}

/** The seed files with one record of one file changed. */
function damaged(path: string, index: number, change: (record: Record<string, unknown>) => void): SeedFile[] {
  const files = seedFiles();
  const file = files.find((f) => f.path === path)!;
  change((file.data as Record<string, unknown>[])[index]);
  return files;
}

function rejection(files: SeedFile[]): string {
  let error: unknown;
  let result: Dataset | undefined;
  try {
    result = parseSeedFiles(files);
  } catch (e) {
    error = e;
  }
  expect(result).toBeUndefined(); // nothing comes back: never half a dataset
  expect(error).toBeInstanceOf(DatasetError);
  return (error as Error).message;
}

describe('the loader rejects a malformed data file, naming the file, the record and the field', () => {
  test('the untouched fixture loads', () => {
    const d = parseSeedFiles(seedFiles());
    expect(d.facts).toHaveLength(2);
    expect(new Market(d).entity('Acme Corp')).toMatchObject({ id: 'acme' });
  });

  test('a wrong type', () => {
    const msg = rejection(damaged(FACTS_FILE, 1, (r) => (r.value = '2 billion')));
    expect(msg).toContain(FACTS_FILE);
    expect(msg).toContain('record 1 (id "globex-1")');
    expect(msg).toContain('field value');
  });

  test('a missing field', () => {
    const msg = rejection(damaged(FACTS_FILE, 0, (r) => delete r.source));
    expect(msg).toContain(`${FACTS_FILE}: record 0 (id "acme-1"), field source`);
  });

  test('a bad date: not a calendar day, and not ISO', () => {
    let msg = rejection(damaged(FACTS_FILE, 0, (r) => ((r.period as { end: string }).end = '2025-02-30')));
    expect(msg).toContain(`${FACTS_FILE}: record 0 (id "acme-1"), field period.end`);
    expect(msg).toMatch(/not a real calendar date/);
    msg = rejection(damaged('seeds/documents.json', 0, (r) => (r.published = '1 Oct 2025')));
    expect(msg).toContain(`seeds/documents.json: record 0 (id "${DOC}"), field published`);
    expect(msg).toMatch(/ISO date/);
  });

  test('past 2,000 records (validated by the compiled schema in Node) a bad record is named exactly as below it', () => {
    const many = (n: number) => {
      const files = seedFiles();
      const facts = files[4].data as Record<string, unknown>[];
      const first = facts[0];
      for (let i = facts.length; i < n; i++) facts.push({ ...first, id: `acme-x${i}`, period: { start: '2025-09-01', end: '2025-09-30' } });
      facts[1].value = '2 billion';
      (facts[n - 1].period as { end: string }).end = '2025-02-30';
      return files;
    };
    const small = rejection(many(100));
    const large = rejection(many(2500));
    for (const msg of [small, large]) {
      expect(msg).toContain(`${FACTS_FILE}: record 1 (id "globex-1"), field value: Invalid input: expected number, received string`);
      expect(msg).toMatch(/field period\.end: not a real calendar date/);
    }
    expect(large.replace(/acme-x2499|record 2499/g, 'X')).toBe(small.replace(/acme-x99|record 99/g, 'X'));
    expect(parseSeedFiles(seedFiles()).facts).toHaveLength(2);
  });

  test('leap days: 2024-02-29 and 2000-02-29 exist; 2100-02-29, 2025-02-29 and 2025-04-31 do not', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '0000-02-29', '9999-12-31']) {
      expect(() => parseSeedFiles(damaged('seeds/documents.json', 0, (r) => (r.published = ok)))).not.toThrow();
    }
    for (const bad of ['2100-02-29', '2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00']) {
      expect(rejection(damaged('seeds/documents.json', 0, (r) => (r.published = bad)))).toMatch(/field published: not a real calendar date/);
    }
  });

  test('a period that ends before it starts', () => {
    const msg = rejection(damaged(FACTS_FILE, 1, (r) => (r.period = { start: '2025-09-30', end: '2025-09-01' })));
    expect(msg).toContain(`${FACTS_FILE}: record 1 (id "globex-1"), field period`);
  });

  test('a dangling reference: a fact to an unknown entity, an entity to an unknown parent', () => {
    let msg = rejection(damaged(FACTS_FILE, 1, (r) => (r.entity = 'initech')));
    expect(msg).toContain(`${FACTS_FILE}: fact "globex-1", field entity: unknown entity "initech"`);
    msg = rejection(damaged(FACTS_FILE, 0, (r) => (r.document = '900_00000000000000bb')));
    expect(msg).toContain(`${FACTS_FILE}: fact "acme-1", field document: unknown document`);
    msg = rejection(damaged('seeds/entities/core.json', 1, (r) => (r.parent = 'acme-holdings')));
    expect(msg).toContain('seeds/entities/core.json: entity "acme-llm", field parent: unknown entity "acme-holdings"');
  });

  test('a duplicate id', () => {
    const msg = rejection(damaged(FACTS_FILE, 1, (r) => (r.id = 'acme-1')));
    expect(msg).toContain(`${FACTS_FILE}: id "acme-1" is used twice among facts`);
  });

  test('a field the schema does not know (a typo)', () => {
    const msg = rejection(damaged(FACTS_FILE, 0, (r) => (r.qualifer = '≈')));
    expect(msg).toContain(`${FACTS_FILE}: record 0 (id "acme-1"), field (record)`);
    expect(msg).toMatch(/qualifer/);
  });

  test('a file that is not an array of records', () => {
    const files = seedFiles();
    files[4].data = { facts: files[4].data };
    expect(rejection(files)).toContain(`${FACTS_FILE}: expected a JSON array of facts records`);
  });

  test('several problems are reported together, each with its place', () => {
    const files = damaged(FACTS_FILE, 0, (r) => (r.value = null));
    (files[4].data as Record<string, unknown>[])[1].metric = 'revenue';
    const msg = rejection(files);
    expect(msg).toMatch(/\(2 problems\)/);
    expect(msg).toContain('record 0 (id "acme-1"), field value');
    expect(msg).toContain('fact "globex-1", field metric: unknown metric "revenue"');
  });

  test('an alias colliding between two entities is refused by the Market, naming both records and the field', () => {
    // "ACME-corp" and "Acme Corp" are the same name once case, width and punctuation are ignored.
    expect(rejection(damaged('seeds/entities/core.json', 2, (r) => (r.aliases = ['ACME-corp'])))).toContain('seeds/entities/core.json: entity "globex": the name "ACME-corp" already names entity "acme"');
    // The Market refuses it too, for a dataset assembled without the loader.
    const d = parseSeedFiles(seedFiles());
    d.entities[2] = { ...d.entities[2], aliases: ['ACME-corp'] };
    let error: unknown;
    try {
      new Market(d);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toBe('entity "globex", field aliases.0: the name "ACME-corp" already refers to entity "acme"; a name must lead to one entity');
  });

  test('a name colliding between two sources or two metrics is refused too', () => {
    const d = parseSeedFiles(seedFiles());
    d.sources.push({ id: 'other', name: 'Other (tracker)', name_zh: '追踪者', kind: 'analyst', aliases: [], description: 'x' });
    expect(() => new Market(d)).toThrow('source "other", field name_zh: the name "追踪者" already refers to source "tracker"');
    const d2 = parseSeedFiles(seedFiles());
    d2.metrics.push({ id: 'tokens-2', name: 'TOKENS', name_zh: '词元二', unit: 'tokens', description: 'x', period_type: 'rate', aliases: [] });
    expect(() => new Market(d2)).toThrow('metric "tokens-2", field name: the name "TOKENS" already refers to metric "tokens"');
    // A metric alias is a name like any other.
    const d3 = parseSeedFiles(seedFiles());
    d3.metrics.push({ id: 'calls', name: 'Calls', name_zh: '调用', unit: 'calls', description: 'x', period_type: 'flow', aliases: ['词元'] });
    expect(() => new Market(d3)).toThrow('metric "calls", field aliases.0: the name "词元" already refers to metric "tokens"');
  });
});

// ---------------------------------------------------------------------------
// 100,000 facts

const ENTITIES = 1000;
const MONTHS = 75; // 2020-01 … 2026-03, plus a quarter every third month: 100 facts per entity
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Each company has a monthly series from a data provider and, every third
 * month, the quarter from its own disclosure (so a day inside a quarter-end
 * month is contained by two observations); every tenth has a forecast for 2027.
 */
function generated(): Dataset {
  const documents = [{ id: DOC, title: 'Generated', title_en: 'Generated', publisher: null, published: '2027-01-01', language: 'en' as const, description: 'generated in memory' }];
  const sources = [
    { id: 'tracker', name: 'Tracker', name_zh: '追踪者', kind: 'data provider' as const, aliases: [], description: 'generated' },
    { id: 'self', name: 'Company (own disclosure)', name_zh: '公司自披露', kind: 'company disclosure' as const, aliases: [], description: 'generated' },
  ];
  const metrics = [
    { id: 'tokens', name: 'Tokens', name_zh: '词元', unit: 'tokens', description: 'generated', period_type: 'rate' as const, aliases: [] },
    // The same periods as a flow, for every tenth company: the flow rule at scale.
    { id: 'revenue', name: 'Revenue', name_zh: '收入', unit: 'USD', description: 'generated', period_type: 'flow' as const, aliases: [] },
  ];
  const entities: Dataset['entities'] = [];
  const facts: Fact[] = [];
  for (let e = 0; e < ENTITIES; e++) {
    const id = `co-${e}`;
    entities.push({ id, name: `Company ${e}`, name_zh: `公司${e}号`, kind: 'company', parent: null, aliases: [`CO${e}`], fiscal_year_end: '12-31' });
    const add = (start: string, end: string, value: number, source: string, basis: Fact['basis'] = 'actual') => {
      facts.push({ id: `${id}-${facts.length}`, entity: id, metric: 'tokens', value, unit: 'tokens', period: { start, end }, qualifier: '=', basis, source, scope: source === 'tracker' ? 'tracker' : 'company', document: DOC, quote: 'generated' });
      if (e % 10 === 0) facts.push({ id: `${id}-${facts.length}`, entity: id, metric: 'revenue', value: value + 0.5, unit: 'USD', period: { start, end }, qualifier: '=', basis, source, scope: 'company', document: DOC, quote: 'generated' });
    };
    for (let k = 0; k < MONTHS; k++) {
      const y = 2020 + Math.floor(k / 12);
      const m = (k % 12) + 1;
      add(iso(y, m, 1), iso(y, m, lastDay(y, m)), e * 1e6 + k * 10, 'tracker');
      if (m % 3 === 0) add(iso(y, m - 2, 1), iso(y, m, lastDay(y, m)), e * 1e6 + k * 10 + 1, 'self');
    }
    if (e % 10 === 0) add('2027-01-01', '2027-12-31', e * 1e6 + 999_999, 'self', 'forecast');
  }
  const scopes = [
    { id: 'tracker', name: "The tracker's traffic", name_zh: '追踪口径', description: 'generated' },
    { id: 'company', name: 'Company-wide', name_zh: '公司整体口径', description: 'generated' },
  ];
  return { documents, sources, entities, metrics, scopes, facts };
}

interface Span {
  start: string;
  end: string;
}

/**
 * The as-of rule, stated by brute force over every fact (the Market must agree
 * with it). A period asks "in": a flow only from exactly that period; a rate
 * from the latest observation wholly inside it. A day asks "as of": a flow from
 * the shortest period containing it; a rate from the latest that ended on or
 * before it. Flows are never carried forward.
 */
function expectedFact(all: Fact[], when: Span | null, source: string | null, type: 'flow' | 'rate' = 'rate'): Fact | undefined {
  const pool = source ? all.filter((f) => f.source === source) : all;
  const len = (f: Fact) => Date.parse(f.period.end) - Date.parse(f.period.start);
  const rank = (f: Fact) => (f.source === 'self' ? 0 : 1);
  const latest = (p: Fact[]) => {
    const maxEnd = p.reduce((m, f) => (f.period.end > m ? f.period.end : m), '');
    return p.filter((f) => f.period.end === maxEnd);
  };
  let candidates: Fact[];
  if (!when) {
    const actual = pool.filter((f) => f.basis === 'actual');
    candidates = latest(actual.length ? actual : pool);
  } else if (type === 'flow') {
    candidates =
      when.start === when.end
        ? pool.filter((f) => f.period.start <= when.end && f.period.end >= when.end)
        : pool.filter((f) => f.period.start === when.start && f.period.end === when.end);
  } else {
    candidates =
      when.start === when.end
        ? latest(pool.filter((f) => f.period.end <= when.end))
        : latest(pool.filter((f) => f.period.start >= when.start && f.period.end <= when.end));
  }
  // Ties (and, for a flow on a day, the choice): the shorter period, then the more primary source (a company's own disclosure before a data provider).
  return [...candidates].sort((a, b) => len(a) - len(b) || rank(a) - rank(b) || a.id.localeCompare(b.id))[0];
}

describe('the Market over 100,000 generated facts', () => {
  const data = generated();
  const byEntity = new Map<string, Fact[]>();
  for (const f of data.facts) byEntity.set(`${f.entity}/${f.metric}`, [...(byEntity.get(`${f.entity}/${f.metric}`) ?? []), f]);
  let market: Market;

  beforeAll(() => {
    // Indexed directly: the generated records are well-formed by construction
    // (the loader's checks are the subject of the tests above).
    market = new Market(data);
  });

  test('it holds them all', () => {
    expect(data.facts.length).toBeGreaterThanOrEqual(100_000);
    expect(market.facts.size).toBe(data.facts.length);
    expect(market.entities.size).toBe(ENTITIES);
  });

  test('TOKENS (a rate) and VALUE of a flow agree with the brute-force as-of rule on 20,000 random questions', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let answered = 0;
    let misses = 0;
    // Wrong answers are collected and asserted once: 60,000 calls of expect() were most of this test's time.
    const wrong: unknown[] = [];
    const MISSING = /'s (tokens|revenue) is recorded for 2020(-01 \(Jan 2020\)|Q1 \(Jan–Mar 2020\)), /;
    for (let i = 0; i < 20_000; i++) {
      const e = Math.floor(rnd() * ENTITIES);
      const name = [`Company ${e}`, `CO${e}`, `co-${e}`, `公司${e}号`][i % 4];
      const y = 2019 + Math.floor(rnd() * 10); // 2019: before every observation; 2027: a forecast or after the last
      const m = 1 + Math.floor(rnd() * 12);
      const q = 1 + Math.floor(rnd() * 4);
      const kind = i % 5;
      let arg: string | number | null;
      let span: Span | null;
      if (kind === 0) {
        const d = 1 + Math.floor(rnd() * lastDay(y, m));
        arg = iso(y, m, d);
        span = { start: arg, end: arg };
      } else if (kind === 1) {
        arg = `${y}-${pad(m)}`;
        span = { start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)) };
      } else if (kind === 2) {
        arg = `${y}Q${q}`;
        span = { start: iso(y, q * 3 - 2, 1), end: iso(y, q * 3, lastDay(y, q * 3)) };
      } else if (kind === 3) {
        arg = y; // a whole number in 1900..2199 is a year
        span = { start: iso(y, 1, 1), end: iso(y, 12, 31) };
      } else {
        arg = null;
        span = null;
      }
      const source = rnd() < 0.2 ? 'self' : null;
      const unit = rnd() < 0.5 ? 'B' : null;
      const flow = e % 10 === 0 && rnd() < 0.5;
      const want = expectedFact(byEntity.get(`co-${e}/${flow ? 'revenue' : 'tokens'}`)!, span, source, flow ? 'flow' : 'rate');
      const got = flow
        ? callFunction(market, 'VALUE', [name, 'revenue', arg, unit, source === 'self' ? 'Company' : null])
        : callFunction(market, 'TOKENS', [name, arg, unit, source === 'self' ? 'Company' : null]);
      if (want) {
        answered++;
        const expected = unit ? want.value / 1e9 : want.value;
        if (got !== expected) wrong.push({ name, arg, source, got, expected });
      } else {
        misses++;
        // #N/A, and the message names what exists, from the first period on.
        if (!(got instanceof LlmError) || got.code !== '#N/A' || !MISSING.test(got.message)) wrong.push({ name, arg, source, got, expected: '#N/A naming what exists' });
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(answered).toBeGreaterThan(14_000);
    expect(misses).toBeGreaterThan(500);
  });

  test('SOURCE names the fact that served; SERIES lists one row per period; an unknown name suggests the nearest', () => {
    expect(callFunction(market, 'SOURCE', ['CO123', 'tokens', '2021-06-15'])).toMatch(/fact co-123-\d+/);
    const want = expectedFact(byEntity.get('co-123/tokens')!, { start: '2021-06-15', end: '2021-06-15' }, null)!;
    // A rate on a day: the last figure known then (May's), not June's, which had not ended.
    expect(want.period).toEqual({ start: '2021-05-01', end: '2021-05-31' });
    expect(callFunction(market, 'SOURCE', ['CO123', 'tokens', '2021-06-15'])).toContain(`fact ${want.id}`);
    const series = callFunction(market, 'SERIES', ['Company 7', 'tokens']) as (string | number)[][];
    // One scope per series: the tracker's 75 months (the larger group), not joined with the company's 25 quarters.
    expect(series).toHaveLength(MONTHS);
    expect(callFunction(market, 'SERIES', ['Company 7', 'tokens', 'Company'])).toHaveLength(25);
    expect(series.map((r) => r[0])).toEqual([...series.map((r) => r[0])].sort((a, b) => Number(a) - Number(b)));
    const miss = callFunction(market, 'TOKENS', ['Company 12x', '2021-06-15']) as LlmError;
    expect(miss.code).toBe('#N/A');
    expect(miss.message).toMatch(/unknown entity "Company 12x"\. Did you mean .*"Company 12"/);
  });

  test('RANK ranks every company', () => {
    const rows = callFunction(market, 'RANK', ['tokens', '2022-03-31', 'Tracker', 3]) as (string | number)[][];
    expect(rows).toEqual([
      ['Company 999', 999e6 + 26 * 10],
      ['Company 998', 998e6 + 26 * 10],
      ['Company 997', 997e6 + 26 * 10],
    ]);
  });
});

// ---------------------------------------------------------------------------
// The columnar store behind asOf()

describe('the lookup columns', () => {
  const data = generated();
  const day = (d: string) => ({ start: d, end: d, label: d });
  const month = (y: number, m: number) => ({ start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)), label: `${y}-${pad(m)}` });

  test('each list is laid out once, however often it is asked, and the layout grows past its first block', () => {
    const m = new Market(data);
    expect(m.columnStats()).toEqual({ lists: 0, observations: 0 });
    for (let round = 0; round < 3; round++) {
      for (let e = 0; e < 200; e++) callFunction(m, 'TOKENS', [`CO${e}`, '2022-06-15']);
    }
    // 200 companies × (75 months + 25 quarters, and every tenth a forecast): past the first block of 4,096 observations.
    const asked = data.facts.filter((f) => f.metric === 'tokens' && Number(f.entity.slice(3)) < 200).length;
    expect(asked).toBeGreaterThan(20_000);
    expect(m.columnStats()).toEqual({ lists: 200, observations: asked });
    // An early list still answers correctly after the columns grew and were copied.
    expect(callFunction(m, 'TOKENS', ['CO0', '2022-06-15'])).toBe(callFunction(new Market(data), 'TOKENS', ['CO0', '2022-06-15']));
  });

  test('a list a caller built answers as the Market\'s own does, frozen or not, and never joins the shared columns', () => {
    const m = new Market(data);
    const own = m.observations('co-7', 'tokens');
    const copy = [...own];
    const frozen = Object.freeze([...own]);
    for (const when of [day('2021-06-15'), day('2019-01-01'), day('2030-01-01'), month(2022, 3), month(2022, 4), null]) {
      const want = m.asOf(own, when, 'rate');
      expect(m.asOf(copy, when, 'rate')).toBe(want);
      expect(m.asOf(frozen, when, 'rate')).toBe(want);
    }
    expect(m.columnStats().lists).toBe(1);
  });

  test('values and units read from the columns are the facts\' own, at the position answerIndex gives', () => {
    const m = new Market(data);
    for (const id of ['co-0', 'co-10', 'co-999']) {
      const obs = m.observations(id, 'tokens');
      const copy = [...obs];
      for (const when of [day('2021-06-15'), month(2022, 3), day('2019-01-01'), null]) {
        const i = m.answerIndex(obs, when, 'rate');
        expect(i < 0 ? undefined : obs[i]).toBe(m.asOf(obs, when, 'rate'));
        expect(m.answerIndex(copy, when, 'rate')).toBe(i);
      }
      // Laid out by now; every position, and the same through a caller's copy (read from the facts).
      obs.forEach((o, i) => {
        expect(m.valueAt(obs, i)).toBe(o.fact.value);
        expect(m.unitAt(obs, i)).toBe(o.fact.unit);
        expect(m.valueAt(copy, i)).toBe(o.fact.value);
      });
    }
  });

  test('the index is invisible on the lists callers receive', () => {
    const m = new Market(data);
    const obs = m.observations('co-3', 'tokens');
    m.asOf(obs, day('2021-06-15'), 'rate');
    expect(Object.keys(obs)).toEqual(obs.map((_, i) => String(i)));
    expect(obs).toEqual([...obs]);
    expect(JSON.stringify(obs)).toBe(JSON.stringify([...obs]));
  });
});
