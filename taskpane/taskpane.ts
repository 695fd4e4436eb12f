/* global Office, Excel */
/**
 * The task pane, an analyst's source browser at Excel's pane width (320–350
 * px): one search over entities, metrics, sources and documents; an entity's
 * page (its family, a chart, its facts grouped by metric), a metric's page
 * (rankings of one scope each), a source's or document's page. Every fact
 * shows its number in the analyst's scale with what it must be read with
 * (qualifier, correction, scope, basis), its quote and its document, and can
 * be inserted into Excel as a formula or a citation. Every piece of data is
 * written with textContent (never as HTML) and carries translate="no".
 * Outside Excel the Insert buttons copy the formula and say so.
 */
import { bundledLabel, bundledMarket } from '../src/core/bundled';
import { datasetOf, isUserFact, userDatasets } from '../src/data/datasets';
import type { Entity, Fact } from '../src/data/schema';
import { Bar, drawChart } from './chart';
import { applyOfficeTheme } from './theme';
import { displayNote, displayQuote, fiscalLabel, periodCompact, resultText, scaled, toTsv, unitHeader, unitWord, valueInTable, valueText } from './format';
import { Lang, STRINGS, Strings, count, fill, toLang } from './i18n';
import { ChartSeries, Filters, Hit, KIND_ORDER, Kind, NO_FILTERS, PaneModel, Ranking } from './model';

const LANG_KEY = 'llm-market.lang';
/** Notes longer than this fold behind "more". */
const NOTE_FOLD = 120;
/** Search hits listed per kind before "more". */
const HITS_SHOWN = 4;

interface State {
  lang: Lang;
  query: string;
  hits: Hit[];
  selected: { kind: Kind; id: string; metric?: string | null; corrected?: boolean } | null;
  /** A question asked for a metric the entity has no figure of ("Baidu revenue"): the page says so. */
  missingMetric: string | null;
  chartMetric: string | null;
  filters: Filters;
  /** Result kinds whose every hit is listed. */
  allHits: Set<Kind>;
  inExcel: boolean;
  /** The coverage page (what the dataset holds) is open. */
  coverage: boolean;
}

const $ = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
};

type Props = { class?: string; text?: string; attrs?: Record<string, string>; data?: boolean };

/** An element; `data: true` marks dataset text (names, quotes, formulas) as not for translation. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string | null | false)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.data) node.setAttribute('translate', 'no');
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(c);
  return node;
}

function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'zh' ? v : null;
  } catch {
    return null;
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* storage may be unavailable in some hosts; the switch still works for this session */
  }
}

const langOf = (docLang: string) => (docLang === 'en' ? 'en' : docLang === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans');

class Pane {
  private readonly model: PaneModel;
  private readonly state: State;
  private editions: string[] | undefined;

  constructor(displayLanguage: string | undefined, inExcel: boolean) {
    this.model = new PaneModel(bundledMarket());
    this.state = { lang: storedLang() ?? toLang(displayLanguage), query: '', hits: [], selected: null, missingMetric: null, chartMetric: null, filters: NO_FILTERS, allHits: new Set(), inExcel, coverage: false };
    $('lang-switch').addEventListener('click', () => this.setLang(this.state.lang === 'en' ? 'zh' : 'en'));
    const search = $<HTMLInputElement>('search');
    search.addEventListener('input', () => this.search(search.value));
    // Enter opens the top hit and moves there; "/" anywhere else comes back to the search.
    search.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter' || ev.isComposing) return;
      ev.preventDefault();
      if (search.value !== this.state.query) this.search(search.value);
      const top = this.topHit();
      if (top) this.openHit(top, true);
    });
    document.addEventListener('keydown', (ev) => {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const el = ev.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      ev.preventDefault();
      search.focus();
      search.select();
    });
    this.render();
    // What was typed while Office.js was loading is searched now.
    if (search.value.trim()) this.search(search.value);
    search.focus();
  }

  /** The hit a search opens: a question read as words, else the best hit whose page shows figures. */
  private topHit(): Hit | undefined {
    const hits = this.state.hits;
    // The best hit whose page shows figures: its own facts, or (an entity like ByteDance) those of the entities below it.
    const shows = (x: Hit) => this.model.facts(x.kind, x.id).length > 0 || (x.kind === 'entity' && this.model.descendantsWithFacts(x.id).length > 0);
    return hits.find((x) => x.metric || x.corrected || shows(x)) ?? hits[0];
  }

  private get t(): Strings {
    return STRINGS[this.state.lang];
  }

  setLang(lang: Lang): void {
    this.state.lang = lang;
    storeLang(lang);
    if (this.state.query) this.state.hits = this.model.search(this.state.query, lang);
    this.render();
  }

  search(query: string): void {
    this.state.query = query;
    this.state.allHits = new Set();
    this.state.hits = this.model.search(query, this.state.lang);
    const first = this.topHit();
    if (first) this.openHit(first, false);
    else this.open(null, null, false);
  }

  /** Opens a hit: a question read as words opens its entity on its metric, or on its corrected figures. */
  openHit(hit: Hit, focus = true): void {
    const has = hit.metric ? this.model.facts(hit.kind, hit.id).some((f) => f.metric === hit.metric) : false;
    this.state.missingMetric = hit.metric && !has ? hit.metric : null;
    const filters: Filters = { ...NO_FILTERS, metric: has ? hit.metric! : null, corrected: hit.corrected ? true : null };
    this.open(hit.kind, hit.id, false, has ? hit.metric! : null, filters, focus);
  }

  /** Shows a page: an entity, metric, source or document. */
  open(kind: Kind | null, id: string | null, scroll = true, chartMetric: string | null = null, filters: Filters = NO_FILTERS, focus = scroll): void {
    if (filters === NO_FILTERS && !(kind === this.state.selected?.kind && id === this.state.selected?.id)) this.state.missingMetric = null;
    this.state.selected = kind && id ? { kind, id, metric: filters.metric, corrected: !!filters.corrected } : null;
    this.state.coverage = false;
    this.state.filters = filters;
    this.state.chartMetric = kind === 'entity' && id ? chartMetric ?? this.model.defaultChartMetric(id) : null;
    this.render();
    if (scroll) $('page').scrollIntoView({ block: 'start' });
    // Keyboard and screen-reader users land on the page that opened.
    if (focus && this.state.selected) document.getElementById('page-title')?.focus();
  }

  render(): void {
    const t = this.t;
    document.documentElement.lang = this.state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.title;
    $('title').textContent = t.title;
    const sw = $('lang-switch');
    // Named by what it shows (中文 / English), spoken in that language; what it does is its description.
    sw.replaceChildren(h('span', { text: t.switchTo, attrs: { lang: this.state.lang === 'en' ? 'zh-CN' : 'en' } }));
    sw.removeAttribute('aria-label');
    sw.setAttribute('title', t.switchLabel);
    $('search-label').textContent = t.searchLabel;
    $<HTMLInputElement>('search').placeholder = t.searchPlaceholder;
    const env = $('env-note');
    env.hidden = this.state.inExcel;
    env.textContent = this.state.inExcel ? '' : t.outsideExcel;
    $('status').replaceChildren();
    this.renderResults();
    this.renderPage();
    this.renderFooter();
  }

  /** Opens the coverage page: every entity, metric, source and document the dataset holds. */
  openCoverage(): void {
    this.state.selected = null;
    this.state.coverage = true;
    this.render();
    $('page').scrollIntoView({ block: 'start' });
    document.getElementById('page-title')?.focus();
  }

  /** The footer: the dataset's edition (as LLM.SOURCE cites it) and the way to what it covers. */
  private renderFooter(): void {
    const t = this.t;
    let foot = document.getElementById('edition');
    if (!foot) {
      foot = h('footer', { class: 'edition', attrs: { id: 'edition' } });
      document.body.appendChild(foot);
    }
    // The editions (a hash over the whole dataset) are computed once per session.
    const editions = (this.editions ??= [bundledLabel(), ...userDatasets().map((u) => u.label)]);
    foot.replaceChildren(
      h('span', { class: 'label', text: `${t.edition}${this.colon}` }),
      ...editions.flatMap((e, i) => [i ? '; ' : '', h('span', { class: 'edition-text', text: e, data: true })]),
      ' · ',
      this.coverageLink(),
    );
  }

  private coverageLink(): HTMLButtonElement {
    const b = h('button', { class: 'link coverage-link', text: this.t.coverageLink, attrs: { type: 'button' } });
    b.addEventListener('click', () => this.openCoverage());
    return b;
  }

  // ---- search results ---------------------------------------------------

  private renderResults(): void {
    const t = this.t;
    const box = $('results');
    box.replaceChildren();
    let hits: Hit[];
    if (!this.state.query.trim()) {
      box.appendChild(h('p', { class: 'hint', text: t.hint }));
      box.appendChild(h('p', { class: 'hint' }, this.coverageLink()));
      hits = [...this.model.market.documents.keys()].map((id) => ({ kind: 'document' as Kind, id, label: this.model.label('document', id, this.state.lang), detail: '', score: 0, fuzzy: false }));
    } else {
      hits = this.state.hits;
      if (hits.length === 0) {
        box.appendChild(h('p', { class: 'hint', text: fill(t.noHits, { q: this.state.query }), attrs: { 'data-testid': 'no-hits' } }));
        // What the dataset covers, one Tab away (before the names offered below).
        box.appendChild(h('p', { class: 'hint' }, this.coverageLink()));
        // Say what the dataset covers, and offer the companies and platforms it has.
        const c = this.model.coverage();
        box.appendChild(
          h(
            'p',
            { class: 'coverage', attrs: { 'data-testid': 'coverage' } },
            h('span', { class: 'label', text: `${fill(t.coverage, { e: c.entities, m: c.metrics, s: c.sources, d: c.documents })}${this.colon}` }),
            ...c.named.flatMap((e, i) => [i ? ' ' : '', this.link('entity', e.id)]),
          ),
        );
        return;
      }
      if (hits[0].fuzzy) box.appendChild(h('p', { class: 'hint', text: fill(t.fuzzy, { q: this.state.query }), attrs: { 'data-testid': 'fuzzy' } }));
    }
    for (const kind of KIND_ORDER) {
      const group = hits.filter((x) => x.kind === kind);
      if (!group.length) continue;
      const list = h('ul', { class: 'hits' });
      // A few per kind, so the page below stays in view; the rest one click away.
      const open = this.state.allHits.has(kind) || !this.state.query.trim();
      const shown = open ? group : group.slice(0, HITS_SHOWN);
      for (const hit of shown) {
        const sel = this.state.selected;
        const selected = sel?.kind === hit.kind && sel.id === hit.id && (sel.metric ?? null) === (hit.metric && !this.state.missingMetric ? hit.metric : null) && !!sel.corrected === !!hit.corrected;
        const button = h(
          'button',
          { class: selected ? 'hit selected' : 'hit', attrs: { type: 'button', 'data-kind': hit.kind, 'data-id': hit.id, 'aria-pressed': String(selected) } },
          h('span', { class: 'hit-label', text: hit.label, data: true }),
          hit.detail ? h('span', { class: 'hit-detail', text: hit.detail, data: true }) : null,
        );
        if (hit.metric) button.setAttribute('data-metric', hit.metric);
        if (hit.corrected) button.setAttribute('data-corrected', 'true');
        button.addEventListener('click', () => this.openHit(hit));
        list.appendChild(h('li', {}, button));
      }
      if (shown.length < group.length) {
        const more = h('button', { class: 'more-hits', text: fill(t.moreHits, { n: group.length - shown.length }), attrs: { type: 'button', 'data-kind': kind } });
        more.addEventListener('click', () => {
          this.state.allHits.add(kind);
          this.renderResults();
        });
        list.appendChild(h('li', {}, more));
      }
      box.appendChild(h('section', { class: 'group', attrs: { 'data-group': kind } }, h('h2', { text: t.groups[kind] }), list));
    }
  }

  // ---- pages ----------------------------------------------------------------

  private renderPage(): void {
    const page = $('page');
    page.replaceChildren();
    const sel = this.state.selected;
    page.hidden = !sel && !this.state.coverage;
    if (this.state.coverage) {
      page.setAttribute('data-kind', 'coverage');
      page.removeAttribute('data-id');
      this.coveragePage(page);
      return;
    }
    if (!sel) return;
    page.setAttribute('data-kind', sel.kind);
    page.setAttribute('data-id', sel.id);
    if (sel.kind === 'entity') this.entityPage(page, sel.id);
    else if (sel.kind === 'metric') this.metricPage(page, sel.id);
    else if (sel.kind === 'source') this.sourcePage(page, sel.id);
    else this.documentPage(page, sel.id);
  }

  private link(kind: Kind, id: string): HTMLButtonElement {
    const b = h('button', { class: 'link', text: this.model.label(kind, id, this.state.lang), data: true, attrs: { type: 'button', 'data-kind': kind, 'data-id': id } });
    b.addEventListener('click', () => this.open(kind, id));
    return b;
  }

  /** The latest figure of the metric asked: value, period, scope and source, its formula, Insert formula (where it answers exactly this fact). */
  private answerBox(f: Fact): HTMLElement {
    const t = this.t;
    const lang = this.state.lang;
    const { formula, exact } = this.model.formulaFor(f);
    const box = h(
      'section',
      { class: 'answer', attrs: { 'data-fact-id': f.id, 'aria-label': fill(t.answerLatest, { metric: this.model.metricName(f.metric, lang) }) } },
      h('p', { class: 'answer-line' }, h('span', { class: 'label', text: `${fill(t.answerLatest, { metric: this.model.metricName(f.metric, lang) })}${this.colon}` }), h('strong', { text: valueText(f, lang), data: true }), ` · ${this.period(f)} · `, h('span', { text: this.model.scopeKeyLabel(this.model.scopeKey(f), lang), data: true })),
    );
    if (exact) {
      const insert = h('button', { class: 'insert', text: t.insertFormula, attrs: { type: 'button', 'data-formula': formula } });
      insert.addEventListener('click', () => void this.insert(formula, 'selected', insert));
      box.appendChild(h('div', { class: 'actions' }, h('code', { class: 'formula', text: formula, data: true }), insert));
    }
    return box;
  }

  private heading(title: string, sub: (string | Node)[]): HTMLElement {
    return h('header', { class: 'page-head' }, h('h2', { text: title, attrs: { id: 'page-title', tabindex: '-1' }, data: true }), sub.length ? h('p', { class: 'sub' }, ...sub.flatMap((x, i) => (i ? [' · ', x] : [x]))) : null);
  }

  private entityPage(page: HTMLElement, id: string): void {
    const t = this.t;
    const lang = this.state.lang;
    const e = this.model.market.entities.get(id)!;
    const other = lang === 'zh' ? e.name : e.name_zh;
    page.appendChild(this.heading(this.model.entityName(e, lang), [h('span', { text: other, data: true }), t.entityKind[e.kind]]));
    // A question ("alibaba capex") is answered first: the latest figure of that metric, insertable one Tab away.
    const asked = this.state.filters.metric;
    const answer = asked ? this.model.latestOf(id, asked) : undefined;
    if (answer) page.appendChild(this.answerBox(answer));
    const { parents, children } = this.model.family(id);
    if (parents.length || children.length) {
      const nav = h('nav', { class: 'family', attrs: { 'aria-label': `${t.partOf} / ${t.includes}` } });
      if (parents.length) nav.appendChild(h('p', { class: 'parents' }, h('span', { class: 'label', text: `${t.partOf}${this.colon}` }), ...parents.map((p) => this.link('entity', p.id))));
      if (children.length) nav.appendChild(h('p', { class: 'children' }, h('span', { class: 'label', text: `${t.includes}${this.colon}` }), ...children.map((c) => this.link('entity', c.id))));
      page.appendChild(nav);
    }
    if (this.state.missingMetric) {
      page.appendChild(h('p', { class: 'hint', text: fill(t.noMetric, { metric: this.model.metricName(this.state.missingMetric, lang), name: this.model.entityName(e, lang) }), attrs: { 'data-testid': 'no-metric' } }));
    }
    if (this.state.filters.corrected) page.appendChild(h('p', { class: 'hint', text: t.correctedOnly, attrs: { 'data-testid': 'corrected-only' } }));
    const facts = this.model.facts('entity', id);
    if (!facts.length) {
      page.appendChild(h('p', { class: 'hint', text: fill(t.noFacts, { name: this.model.entityName(e, lang) }), attrs: { 'data-testid': 'no-facts' } }));
      const below = this.model.descendantsWithFacts(id);
      if (below.length) {
        page.appendChild(
          h(
            'p',
            { class: 'below', attrs: { 'data-testid': 'facts-below' } },
            h('span', { class: 'label', text: `${t.factsBelow}${this.colon}` }),
            ...below.flatMap(({ entity, facts: n }) => [this.link('entity', entity.id), h('span', { class: 'g-count', text: this.paren(count(t.factCount, n)) })]),
          ),
        );
      }
      return;
    }
    page.appendChild(this.chartSection(e));
    this.factList(page, facts, 'metric', e.id);
  }

  private metricPage(page: HTMLElement, id: string): void {
    const t = this.t;
    const lang = this.state.lang;
    const m = this.model.metric(id);
    page.appendChild(
      this.heading(this.model.metricName(id, lang), [
        h('span', { text: lang === 'zh' ? m.name : m.name_zh, data: true }),
        `${t.unit}${this.colon}${this.unitName(m.unit)}`,
        t.periodType[m.period_type],
      ]),
    );
    const rankings = this.model.rankings(id);
    const ranked = new Set<string>();
    for (const r of rankings) {
      for (const row of r.rows) ranked.add(row.fact.entity);
      page.appendChild(this.rankingSection(r));
    }
    this.differences(page, rankings);
    const rest = this.model.entitiesWith(id).filter((e) => !ranked.has(e.id));
    if (rest.length) page.appendChild(h('p', { class: 'not-ranked' }, h('span', { class: 'label', text: `${t.notRanked}${this.colon}` }), ...rest.map((e) => this.link('entity', e.id))));
    this.factList(page, this.model.facts('metric', id), 'entity', null);
  }

  private sourcePage(page: HTMLElement, id: string): void {
    const t = this.t;
    const s = this.model.market.sources.get(id)!;
    page.appendChild(this.heading(this.model.sourceName(s, this.state.lang), [h('span', { text: this.state.lang === 'zh' ? s.name : s.name_zh, data: true }), t.sourceKinds[s.kind]]));
    page.appendChild(this.described(s.description, s.description_zh));
    // The rankings this source's figures make (of two entities or more), as on each metric's page.
    for (const r of this.model.sourceRankings(id)) page.appendChild(this.rankingSection(r));
    this.factList(page, this.model.facts('source', id), 'metric', null);
  }

  private documentPage(page: HTMLElement, id: string): void {
    const t = this.t;
    const d = this.model.market.documents.get(id)!;
    page.appendChild(
      this.heading(this.model.label('document', id, this.state.lang), [
        h('span', { text: this.model.publisherName(d, this.state.lang) ?? t.publisherUnknown, data: !!d.publisher }),
        d.published ? `${t.published}${this.colon}${d.published}` : t.undated,
        t.languages[d.language],
      ]),
    );
    if (!d.published && d.date_note) page.appendChild(this.described(d.date_note, d.date_note_zh));
    page.appendChild(this.described(d.description, d.description_zh));
    this.documentFacts(page, id);
  }

  /**
   * A document figure by figure: its facts in the order its text gives them, each one line (whose figure,
   * which metric, the value and period) that opens on its card; "Expand all" opens every one. The document
   * line is the page's own heading, so the cards do not repeat it.
   */
  private documentFacts(page: HTMLElement, id: string): void {
    const t = this.t;
    const lang = this.state.lang;
    const facts = this.model.documentFacts(id);
    page.appendChild(h('p', { class: 'count', text: `${count(t.factCount, facts.length)} · ${t.inDocumentOrder}`, attrs: { id: 'fact-count' } }));
    if (!facts.length) return;
    const list = h('ol', { class: 'doc-order', attrs: { id: 'doc-facts' } });
    for (const f of facts) {
      const e = this.model.market.entities.get(f.entity)!;
      const item = h(
        'details',
        { class: 'fact', attrs: { 'data-fact-id': f.id } },
        h(
          'summary',
          {},
          h('span', { class: 'who', text: this.model.entityName(e, lang), data: true }),
          h('span', { class: 'metric', text: ` · ${this.model.metricName(f.metric, lang)}`, data: true }),
          h('span', { class: 'sum-value', text: `${this.colon}${valueText(f, lang)}`, data: true }),
          h('span', { class: 'sum-period', text: ` · ${this.period(f)}` }),
        ),
        h('ol', { class: 'cards' }, this.card(f, null, false)),
      );
      list.appendChild(h('li', {}, item));
    }
    page.appendChild(this.expandAll());
    page.appendChild(list);
  }

  /** "Expand all" / "Collapse all": every group or fact of the page at once. */
  private expandAll(): HTMLButtonElement {
    const t = this.t;
    const b = h('button', { class: 'expand-all', text: t.expandAll, attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'page' } });
    b.addEventListener('click', () => {
      const open = b.getAttribute('aria-expanded') !== 'true';
      document.querySelectorAll<HTMLDetailsElement>('#page details.group, #page details.fact').forEach((d) => (d.open = open));
      b.setAttribute('aria-expanded', String(open));
      b.textContent = open ? t.collapseAll : t.expandAll;
    });
    return b;
  }

  /** A ranking: its title (metric, kind, source, what it measures), the rows with values under a unit header, its pinned formula and TSV copy. */
  private rankingSection(r: Ranking): HTMLElement {
    const t = this.t;
    const lang = this.state.lang;
    const m = this.model.metric(r.rows[0].fact.metric);
    const unit = unitHeader(r.unit, lang);
    const cols = [
      h('th', { text: t.rankCol.rank, attrs: { scope: 'col' } }),
      h('th', { text: t.rankCol.name, attrs: { scope: 'col' } }),
      h('th', { class: 'num-col', text: unit ? fill(t.rankValue, { unit }) : t.rankCol.value, attrs: { scope: 'col' } }),
      h('th', { text: t.rankCol.period, attrs: { scope: 'col' } }),
    ];
    const table = h(
      'table',
      { class: 'rank' },
      h('thead', {}, h('tr', {}, ...cols)),
      h(
        'tbody',
        {},
        ...r.rows.map((row, i) => {
          const via = row.fact.entity === row.entity.id ? null : this.model.entityName(this.model.market.entities.get(row.fact.entity)!, lang);
          return h(
            'tr',
            { attrs: { 'data-fact-id': row.fact.id } },
            h('td', { text: String(i + 1) }),
            h(
              'td',
              { attrs: { 'data-tsv': `${this.model.entityName(row.entity, lang)}${via ? this.paren(fill(t.reportedFor, { name: via })) : ''}` } },
              this.link('entity', row.entity.id),
              // A model family's figure answers for its company (as in LLM.RANK): say whose it is.
              via ? h('span', { class: 'via' }, h('span', { text: fill(t.reportedFor, { name: '' }) }), this.link('entity', row.fact.entity)) : null,
            ),
            h(
              'td',
              { class: 'num-cell', attrs: { 'data-tsv': String(row.fact.value) } },
              this.number(row.fact, true),
              row.fact.corrected_from ? h('span', { class: 'mark corrected', text: t.correctedMark, attrs: { title: fill(t.asWritten, { w: row.fact.corrected_from }) } }) : null,
              this.ownMark(row.fact),
            ),
            h('td', { text: this.period(row.fact) }),
          );
        }),
      ),
    );
    const insert = h('button', { class: 'insert-table', text: t.insertTable, attrs: { type: 'button', 'data-formula': r.formula } });
    insert.addEventListener('click', () => void this.insert(r.formula, 'selected', insert));
    const when = periodCompact(r.start, r.end, lang, m.period_type === 'instant');
    return h(
      'section',
      { class: 'ranking', attrs: { 'data-source': r.source, 'data-scope': r.scope } },
      h('h3', { class: 'rank-title', text: `${t.ranking}${this.colon}${this.model.rankingTitle(r, lang)}`, data: true }),
      h('p', { class: 'sub rank-period', text: r.pinned ? fill(t.pinned, { period: when }) : when }),
      // The formula and its buttons above the rows: one Tab from the title, not one per row.
      h('div', { class: 'actions' }, h('code', { class: 'formula', text: r.formula, data: true }), insert, this.copyButton(table)),
      table,
    );
  }

  /** Where rankings of one kind measure different things (IDC's call shares, Omdia's revenue shares), said unfolded. */
  private differences(page: HTMLElement, rankings: Ranking[]): void {
    for (const kind of new Set(rankings.map((r) => r.kind))) {
      const text = this.model.difference(rankings.filter((r) => r.kind === kind), this.state.lang);
      if (text) page.appendChild(h('p', { class: 'difference', text, data: true, attrs: { 'data-kind': kind } }));
    }
  }

  /** "Copy as TSV" for a table: the cells as shown (a number cell gives its stored value, which a sheet sums). */
  private copyButton(table: HTMLTableElement): HTMLButtonElement {
    const b = h('button', { class: 'copy-tsv', text: this.t.copyTsv, attrs: { type: 'button' } });
    b.addEventListener('click', () => void this.copyTsv(table, b));
    return b;
  }

  private async copyTsv(table: HTMLTableElement, button: HTMLElement): Promise<void> {
    const t = this.t;
    const rows = Array.from(table.rows).map((tr) => Array.from(tr.cells).map((c) => c.getAttribute('data-tsv') ?? c.textContent ?? ''));
    const text = toTsv(rows);
    const status = this.feedback(button);
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    if (copied) {
      status.append(h('p', { text: fill(t.copiedTsv, { n: rows.length - 1 }), attrs: { 'data-testid': 'copied-tsv' } }));
    } else {
      const area = h('textarea', { class: 'copy', data: true, attrs: { readonly: '', rows: '4', 'aria-label': t.copyTsv } });
      area.value = text;
      status.append(h('p', { text: t.copyTsvManually, attrs: { 'data-testid': 'copy-tsv-manually' } }), area);
      area.focus();
      area.select();
    }
    status.scrollIntoView({ block: 'nearest' });
  }

  /** Every entity, metric, source and document the dataset holds, with their facts and periods; each table copies as TSV. */
  private coveragePage(page: HTMLElement): void {
    const t = this.t;
    const lang = this.state.lang;
    const c = this.model.coverageTables(lang);
    const m = this.model.market;
    page.appendChild(
      this.heading(t.coverageTitle, [fill(t.coverageSub, { e: c.entities.length, m: c.metrics.length, s: c.sources.length, d: c.documents.length, f: m.facts.size })]),
    );
    const col = t.coverageCol;
    const span = (first: Fact | null, last: Fact | null) => {
      if (!first || !last) return '';
      const a = this.period(first);
      const b = this.period(last);
      return a === b ? a : `${a} – ${b}`;
    };
    const section = (key: keyof typeof t.coverageGroups, head: string[], rows: { id: string; cells: (Node | string)[] }[]) => {
      const table = h(
        'table',
        { class: 'coverage-table', attrs: { 'data-coverage': key } },
        h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { text: x, attrs: { scope: 'col' } })))),
        h('tbody', {}, ...rows.map((r) => h('tr', { attrs: { 'data-id': r.id } }, ...r.cells.map((x) => (typeof x === 'string' ? h('td', { text: x, ...(/^\d+$/.test(x) ? { class: 'count-cell' } : {}) }) : h('td', {}, x)))))),
      );
      page.appendChild(h('section', { class: 'coverage-part', attrs: { 'data-coverage': key } }, h('h3', { text: `${t.coverageGroups[key]}${this.paren(String(rows.length))}` }), table, h('div', { class: 'actions' }, this.copyButton(table))));
    };
    section('entities', [col.name, col.kind, col.facts], c.entities.map((x) => ({ id: x.entity.id, cells: [this.link('entity', x.entity.id), t.entityKind[x.entity.kind], String(x.facts)] })));
    section('metrics', [col.name, col.unit, col.entities, col.facts, col.periods], c.metrics.map((x) => ({ id: x.metric.id, cells: [this.link('metric', x.metric.id), this.unitName(x.metric.unit), String(x.entities), String(x.facts), span(x.first, x.last)] })));
    section('sources', [col.name, col.kind, col.facts, col.periods], c.sources.map((x) => ({ id: x.source.id, cells: [this.link('source', x.source.id), t.sourceKinds[x.source.kind], String(x.facts), span(x.first, x.last)] })));
    section('documents', [col.name, col.date, col.facts], c.documents.map((x) => ({ id: x.document.id, cells: [this.link('document', x.document.id), x.document.published ?? t.undated, String(x.facts)] })));
  }

  /** A description in the pane's language: the dataset's Chinese in Chinese mode where it has one (a user's folder may not), else the English. */
  private described(en: string, zh: string | undefined): HTMLElement {
    const inZh = this.state.lang === 'zh' && !!zh;
    return h('p', { class: 'description', text: inZh ? zh : en, data: true, attrs: { lang: inZh ? 'zh-Hans' : 'en' } });
  }

  /** In a table row: a fact from the organisation's data folder says so, its dataset in the tooltip (a card says it in full). */
  private ownMark(f: Fact): HTMLElement | null {
    if (!isUserFact(this.model.market, f.id)) return null;
    return h('span', { class: 'mark own-data', text: this.t.ownDataShort, attrs: { title: `${this.t.ownData}${this.colon}${datasetOf(this.model.market, f.id)}`, 'data-testid': 'own-data' } });
  }

  /** " (x)" in English, "（x）" in Chinese. */
  private paren(x: string): string {
    return this.state.lang === 'zh' ? `（${x}）` : ` (${x})`;
  }

  private get colon(): string {
    return this.state.lang === 'zh' ? '：' : ': ';
  }

  /** A unit as a heading names it: "%", "CNY"/"元", and a word for plain counts. */
  private unitName(unit: string): string {
    if (unit === 'fraction') return '%';
    return unitWord(unit, this.state.lang) || this.t.countUnit;
  }

  // ---- the chart ------------------------------------------------------------

  private chartSection(e: Entity): HTMLElement {
    const t = this.t;
    const lang = this.state.lang;
    const metric = this.state.chartMetric ?? this.model.defaultChartMetric(e.id)!;
    const select = h('select', { attrs: { id: 'chart-metric' } });
    for (const m of this.model.chartMetrics(e.id)) {
      const opt = h('option', { text: this.model.metricName(m, lang), attrs: { value: m }, data: true });
      opt.selected = m === metric;
      select.appendChild(opt);
    }
    select.addEventListener('change', () => {
      this.state.chartMetric = select.value;
      this.renderPage();
      $('chart-metric').focus();
    });
    const section = h(
      'section',
      { class: 'chart-box', attrs: { id: 'chart', 'data-metric': metric } },
      h('div', { class: 'chart-head' }, h('h3', { text: t.chart }), h('label', { text: t.chartMetric, attrs: { for: 'chart-metric' } }), select),
    );
    const series = this.model.chartSeries(e.id, metric);
    if (!series.length) {
      section.appendChild(h('p', { class: 'hint', text: t.chartEmpty }));
      return section;
    }
    // One chart per unit: figures in different units never share an axis.
    const unit = series[0].unit;
    const drawn = series.filter((s) => s.unit === unit);
    const names = drawn.map((s) => this.model.scopeKeyLabel(`${s.scope}|${s.source}`, lang));
    const title = `${this.model.entityName(e, lang)} — ${this.model.metricName(metric, lang)}${this.paren(this.unitName(unit))}${drawn.length === 1 ? ` · ${names[0]}` : ''}`;
    section.appendChild(h('p', { class: 'chart-name', text: title, attrs: { id: 'chart-title' }, data: true }));
    const instant = this.model.metric(metric).period_type === 'instant';
    const toBars = (s: ChartSeries, name: string): Bar[] =>
      s.points.map((p) => {
        const period = periodCompact(p.start, p.end, lang, instant);
        // A corrected figure is starred on the chart; the caption says what the star means.
        const label = `${valueText(p.fact, lang)}${p.fact.corrected_from ? ' *' : ''}`;
        const basis = p.fact.basis === 'actual' ? '' : this.paren(t.basis[p.fact.basis]);
        return { start: p.start, end: p.end, value: p.value, label, period, projected: p.fact.basis !== 'actual', id: p.fact.id, tip: `${name} · ${period}${this.colon}${label}${basis}` };
      });
    const tick = (v: number) => (unit === 'fraction' ? `${+(v * 100).toPrecision(4)}%` : scaled(v, lang));
    section.appendChild(h('div', { attrs: { id: 'chart-area' } }, drawChart(drawn.map((s, i) => ({ name: names[i], points: toBars(s, names[i]), line: s.adjacent, scope: this.model.scopeLabel(s.scope, lang) })), { tick, title, width: $('page').clientWidth })));
    const legend = h('ul', { class: 'legend' });
    drawn.forEach((s, i) => {
      // Each series' LLM.SERIES formula is with its history table, below.
      const item = h('li', { attrs: { 'data-series': String(i) } }, h('span', { class: `swatch s${i % 4}`, attrs: { 'aria-hidden': 'true' } }), h('span', { text: names[i], data: true }));
      legend.appendChild(item);
    });
    section.appendChild(legend);
    const notes: string[] = [fill(t.chartSeries, { what: drawn.some((s) => s.adjacent) ? t.lineWord : t.barWord })];
    if (drawn.some((s) => !s.adjacent && s.points.length > 1)) notes.push(t.chartBars);
    if (drawn.some((s) => s.points.some((p) => p.fact.corrected_from))) notes.push(t.chartCorrected);
    // Series of different scopes are drawn apart; the caption says why, unfolded.
    if (new Set(drawn.map((s) => s.scope)).size > 1) notes.push(t.chartApart);
    // Chinese sentences end in 。 and are written without a space between them.
    section.appendChild(h('p', { class: 'caption', text: notes.join(this.state.lang === 'zh' ? '' : ' ') }));
    // What each series measures, when they measure different things (IDC's call shares, Omdia's revenue shares): unfolded.
    const diff = this.model.difference(drawn, lang);
    if (diff) section.appendChild(h('p', { class: 'difference', text: diff, data: true }));
    for (const s of series) section.appendChild(this.historySection(e, metric, s));
    return section;
  }

  /** One series' history: period, value, source and scope per row, oldest first, with the LLM.SERIES formula returning exactly it. */
  private historySection(e: Entity, metric: string, s: ChartSeries): HTMLElement {
    const t = this.t;
    const lang = this.state.lang;
    const unit = unitHeader(s.unit, lang);
    const source = this.model.market.sources.get(s.source)!;
    const c = t.historyCol;
    const table = h(
      'table',
      { class: 'history' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: c.period, attrs: { scope: 'col' } }),
          h('th', { class: 'num-col', text: unit ? fill(c.value, { unit }) : t.rankCol.value, attrs: { scope: 'col' } }),
          h('th', { text: c.source, attrs: { scope: 'col' } }),
          h('th', { text: c.scope, attrs: { scope: 'col' } }),
        ),
      ),
      h(
        'tbody',
        {},
        ...s.points.map((p) =>
          h(
            'tr',
            { attrs: { 'data-fact-id': p.fact.id, 'data-end': p.end } },
            h('td', { text: this.period(p.fact) }),
            h('td', { class: 'num-cell', attrs: { 'data-tsv': String(p.value) } }, h('span', { class: 'num', text: valueInTable(p.fact, lang), data: true, attrs: { title: valueInTable(p.fact, lang, true) } }), p.fact.corrected_from ? h('span', { class: 'mark corrected', text: t.correctedMark }) : null, this.ownMark(p.fact)),
            h('td', { text: this.model.sourceName(source, lang), data: true }),
            h('td', { text: s.measure[lang], data: true }),
          ),
        ),
      ),
    );
    const actions = h('div', { class: 'actions' });
    if (s.formula) {
      const f = s.formula;
      const b = h('button', { class: 'insert-table', text: t.insertTable, attrs: { type: 'button', 'data-formula': f } });
      b.addEventListener('click', () => void this.insert(f, 'selected', b));
      actions.append(h('p', { class: 'hint', text: t.historyFormula }), h('code', { class: 'formula', text: f, data: true }), b);
    } else {
      actions.append(h('p', { class: 'hint', text: t.noSeriesFormula }));
    }
    actions.append(this.copyButton(table));
    const name = `${this.model.entityName(e, lang)} — ${this.model.metricName(metric, lang)} · ${this.model.scopeKeyLabel(`${s.scope}|${s.source}`, lang)}`;
    return h('section', { class: 'history-box', attrs: { 'data-series': s.key } }, h('h4', { class: 'history-title', text: `${t.history}${this.colon}${name}`, data: true }), table, actions);
  }

  // ---- facts ----------------------------------------------------------------

  private factList(page: HTMLElement, all: Fact[], by: 'metric' | 'entity', pageEntity: string | null): void {
    const t = this.t;
    const lang = this.state.lang;
    const opts = this.model.filterOptions(all);
    const f = this.state.filters;
    const filters = h('div', { class: 'filters', attrs: { role: 'group', 'aria-label': t.filters } });
    const select = (key: keyof Filters, label: string, values: string[], name: (v: string) => string, isData: boolean) => {
      if (values.length < 2) return;
      const id = `filter-${key}`;
      const s = h('select', { attrs: { id, 'data-filter': key } }, h('option', { text: t.all, attrs: { value: '' } }));
      for (const v of values) {
        const o = h('option', { text: name(v), attrs: { value: v }, data: isData });
        o.selected = f[key] === v;
        s.appendChild(o);
      }
      s.addEventListener('change', () => {
        this.state.filters = { ...this.state.filters, [key]: s.value || null };
        this.renderPage();
        $(id).focus();
      });
      filters.appendChild(h('label', { class: 'filter', attrs: { for: id } }, h('span', { text: label }), s));
    };
    if (by === 'metric') select('metric', t.filterMetric, opts.metric, (v) => this.model.metricName(v, lang), true);
    select('scope', t.filterScope, opts.scope, (v) => this.model.scopeKeyLabel(v, lang), true);
    select('year', t.filterPeriod, opts.year, (v) => v, false);
    select('basis', t.filterBasis, opts.basis, (v) => t.basis[v as Fact['basis']], false);
    if (filters.childElementCount) page.appendChild(filters);

    const shown = this.model.applyFilters(all, f);
    page.appendChild(h('p', { class: 'count', text: count(t.factCount, shown.length), attrs: { id: 'fact-count' } }));
    if (!shown.length) {
      page.appendChild(h('p', { class: 'hint', text: t.filteredOut }));
      return;
    }
    const groups = this.model.group(shown, by);
    // Whose figure a group's "latest" is, wherever the page is not one entity's own ("latest: xAI: 262B tokens/day").
    const latestText = (x: Fact) =>
      by === 'metric' && !pageEntity ? fill(t.latestWho, { name: this.model.entityName(this.model.market.entities.get(x.entity)!, lang), value: valueText(x, lang) }) : valueText(x, lang);
    if (groups.length > 1) page.appendChild(this.expandAll());
    const box = h('div', { class: 'groups', attrs: { id: 'groups' } });
    groups.forEach((g, i) => {
      // Among figures of the latest period on a page of many entities, the largest (the leader), named.
      const same = g.facts.filter((x) => x.period.end === g.facts[0].period.end && x.period.start === g.facts[0].period.start && x.unit === g.facts[0].unit);
      const latest = by === 'metric' && !pageEntity ? same.reduce((a, b) => (b.value > a.value ? b : a)) : g.facts[0];
      const name = by === 'metric' ? this.model.metricName(g.key, lang) : this.model.entityName(this.model.market.entities.get(g.key)!, lang);
      const details = h(
        'details',
        { class: 'group', attrs: { 'data-group': g.key } },
        h(
          'summary',
          {},
          h('span', { class: 'g-name', text: name, data: true }),
          h('span', { class: 'g-count', text: this.paren(String(g.facts.length)) }),
          h('span', { class: 'g-latest' }, h('span', { class: 'label', text: `${t.latest}${this.colon}` }), h('span', { text: `${latestText(latest)} · ${this.period(latest)}`, data: true })),
        ),
        h('ol', { class: 'cards' }, ...g.facts.map((x) => this.card(x, pageEntity))),
      );
      // The biggest group opens; with filters on, every group does.
      details.open = i === 0 || groups.length <= 2 || Object.values(f).some((v) => v !== null);
      box.appendChild(details);
    });
    page.appendChild(box);
  }

  /** The period in a few characters, with the fiscal name for a company whose year does not end in December. */
  private period(f: Fact): string {
    const lang = this.state.lang;
    const e = this.model.market.entities.get(f.entity)!;
    const base = periodCompact(f.period.start, f.period.end, lang, this.model.metric(f.metric).period_type === 'instant');
    const fiscal = fiscalLabel(f.period.start, f.period.end, e.fiscal_year_end, lang);
    return fiscal ? `${base} · ${fiscal}` : base;
  }

  /** The number in scale, one click from every digit of the stored value; in a table whose header names the unit, without it. */
  private number(f: Fact, inTable = false): HTMLButtonElement {
    const t = this.t;
    const lang = this.state.lang;
    const short = inTable ? valueInTable(f, lang) : valueText(f, lang);
    const full = inTable ? valueInTable(f, lang, true) : valueText(f, lang, true);
    const b = h('button', { class: 'num', text: short, data: true, attrs: { type: 'button', 'aria-pressed': 'false', title: t.showBase, 'data-scaled': short, 'data-base': full } });
    b.addEventListener('click', () => {
      const base = b.getAttribute('aria-pressed') !== 'true';
      b.setAttribute('aria-pressed', String(base));
      b.textContent = base ? full : short;
      b.title = base ? t.showScaled : t.showBase;
    });
    return b;
  }

  /** A fact's card; `docLine` false on the document's own page, whose heading already names the document. */
  private card(f: Fact, pageEntity: string | null, docLine = true): HTMLLIElement {
    const t = this.t;
    const lang = this.state.lang;
    const m = this.model.market;
    const entity = m.entities.get(f.entity)!;
    const source = m.sources.get(f.source)!;
    const doc = this.model.document(f);
    const marks = h('div', { class: 'marks' });
    if (f.qualifier !== '=') marks.appendChild(h('span', { class: 'mark qualifier', text: t.qualifier[f.qualifier], attrs: { 'data-qualifier': f.qualifier } }));
    if (f.corrected_from) {
      marks.appendChild(
        h('span', { class: 'mark corrected', attrs: { 'data-testid': 'corrected' } }, h('span', { text: `${t.correctedMark} · ` }), h('span', { text: fill(t.asWritten, { w: f.corrected_from }), data: true })),
      );
    }
    if (f.written_as) {
      // The document's own words are data (English in an English document, also in Chinese mode); the frame is interface.
      const [before, after] = t.writtenAs.split('{w}');
      marks.appendChild(h('span', { class: 'mark written' }, before, h('span', { text: displayQuote(f.written_as), data: true, attrs: { lang: langOf(doc.language) } }), after));
    }
    if (f.basis !== 'actual') marks.appendChild(h('span', { class: 'mark basis', text: t.basis[f.basis] }));
    const head = h(
      'div',
      { class: 'card-head' },
      this.number(f),
      h('span', { class: 'period', text: this.period(f), attrs: { 'data-start': f.period.start, 'data-end': f.period.end } }),
    );
    const who = pageEntity === f.entity ? null : h('span', { class: 'who', text: this.model.entityName(entity, lang), data: true });
    const meta = h(
      'p',
      { class: 'meta' },
      who,
      who ? ' · ' : null,
      h('span', { class: 'metric', text: this.model.metricName(f.metric, lang), data: true }),
      ' · ',
      h('span', { class: 'scope', text: this.model.scopeName(f, lang), data: true, attrs: { title: t.scope } }),
      this.model.scopeName(f, lang) === this.model.sourceName(source, lang) ? null : ' · ',
      this.model.scopeName(f, lang) === this.model.sourceName(source, lang) ? null : h('span', { class: 'source', text: this.model.sourceName(source, lang), data: true, attrs: { title: t.source } }),
    );
    const shown = displayQuote(f.quote);
    const quoteLang = langOf(doc.language);
    const quote = h('blockquote', { class: 'quote', text: shown, data: true, attrs: { lang: quoteLang } });
    const verbatim =
      shown === f.quote
        ? null
        : h(
            'details',
            { class: 'verbatim' },
            h('summary', { text: t.verbatim }),
            h('p', { class: 'hint', text: t.quoteCleaned }),
            h('blockquote', { class: 'quote verbatim-text', text: f.quote, data: true, attrs: { lang: quoteLang } }),
          );
    const sep = lang === 'zh' ? '，' : ', ';
    const docText = `${displayQuote(doc.title)}${lang === 'en' && doc.title_en !== doc.title ? ` (${doc.title_en})` : ''}${sep}${this.model.publisherName(doc, lang) ?? t.publisherUnknown}${sep}${doc.published ?? t.undated}`;
    const { formula, result, exact, citation } = this.model.formulaFor(f);
    const insert = h('button', { class: 'insert', text: t.insertFormula, attrs: { type: 'button', 'data-formula': formula } });
    insert.addEventListener('click', () => void this.insert(formula, 'selected', insert));
    const cite = h('button', { class: 'cite', text: t.insertCitation, attrs: { type: 'button', 'data-formula': citation } });
    cite.addEventListener('click', () => void this.insert(citation, 'beside', cite));
    // A formula that answers with another fact (a twin ending the same day) is never inserted: no date form pins this one.
    if (!exact) {
      insert.disabled = true;
      cite.disabled = true;
      insert.setAttribute('aria-describedby', `other-${f.id}`);
    }
    const chart = h('button', { class: 'chart-this', text: t.chartThis, attrs: { type: 'button' } });
    chart.addEventListener('click', () => this.open('entity', f.entity, true, f.metric));
    return h(
      'li',
      // An organisation's own fact (an add-in built with LLM_MARKET_DATA) is marked, with its dataset's edition.
      { class: isUserFact(this.model.market, f.id) ? 'card own-data' : 'card', attrs: { 'data-fact-id': f.id, 'data-dataset': datasetOf(this.model.market, f.id) ?? '' } },
      isUserFact(this.model.market, f.id)
        ? h('p', { class: 'dataset', attrs: { title: t.ownDataTitle, 'data-testid': 'own-data' } }, h('span', { class: 'label', text: `${t.ownData}${this.colon}` }), h('span', { class: 'dataset-label', text: datasetOf(this.model.market, f.id)!, data: true }))
        : null,
      head,
      marks.childElementCount ? marks : null,
      meta,
      quote,
      verbatim,
      docLine ? h('p', { class: 'doc' }, h('span', { class: 'label', text: `${t.document}${this.colon}` }), h('span', { class: 'doc-text', text: docText, data: true })) : null,
      f.of ? h('p', { class: 'of' }, h('span', { class: 'label', text: `${t.of}${this.colon}` }), h('span', { text: lang === 'zh' && f.of_zh ? f.of_zh : f.of, data: true, attrs: { lang: lang === 'zh' && f.of_zh ? 'zh-Hans' : 'en' } })) : null,
      this.note(f),
      h(
        'div',
        { class: 'actions' },
        h('code', { class: 'formula', text: formula, data: true }),
        // What the cell will hold, readable ("→ 38.6B", "→ 386亿"), the exact number one hover away.
        result === null || !exact
          ? null
          : h('span', { class: 'answers', text: `→ ${typeof result === 'number' ? resultText(result, f.unit, lang) : String(result)}`, data: true, attrs: typeof result === 'number' ? { title: String(+result.toPrecision(15)), 'data-value': String(result) } : {} }),
        exact ? null : h('p', { class: 'hint other-fact', text: t.otherFact, attrs: { id: `other-${f.id}` } }),
        insert,
        cite,
        chart,
      ),
    );
  }

  /** The note in the pane's language where the dataset has it, folded behind "more" when long. */
  private note(f: Fact): HTMLElement | null {
    if (!f.note) return null;
    const t = this.t;
    const zh = this.state.lang === 'zh';
    const noteZh = f.note_zh;
    const text = displayNote(zh && noteZh ? noteZh : f.note);
    const label = zh && !noteZh ? t.noteEnglish : t.note;
    const body = h('span', { class: 'note-text', text, data: true, attrs: { lang: zh && noteZh ? 'zh-Hans' : 'en' } });
    const p = h('div', { class: 'note' }, h('span', { class: 'label', text: `${label}${this.colon}` }), body);
    if (text.length > NOTE_FOLD) {
      p.classList.add('folded');
      const more = h('button', { class: 'more', text: t.more, attrs: { type: 'button', 'aria-expanded': 'false' } });
      more.addEventListener('click', () => {
        const open = p.classList.toggle('folded') === false;
        more.setAttribute('aria-expanded', String(open));
        more.textContent = open ? t.less : t.more;
      });
      p.appendChild(more);
    }
    return p;
  }

  // ---- inserting into Excel ---------------------------------------------------

  /** The feedback box next to the button pressed (announced to screen readers); any other one on the page is emptied. */
  private feedback(button: HTMLElement): HTMLElement {
    document.querySelectorAll('.feedback').forEach((old) => old.replaceChildren());
    $('status').replaceChildren();
    const box = button.closest('.actions, li') ?? button.parentElement!;
    let fb = box.querySelector<HTMLElement>(':scope > .feedback');
    if (!fb) {
      fb = h('div', { class: 'feedback', attrs: { role: 'status', 'aria-live': 'polite' } });
      box.appendChild(fb);
    }
    return fb;
  }

  /** Writes the formula into the selected cell (or the cell to its right); outside Excel, copies it and says so. */
  private async insert(formula: string, where: 'selected' | 'beside', button: HTMLElement): Promise<void> {
    const t = this.t;
    const status = this.feedback(button);
    if (!this.state.inExcel) {
      const copy = h('input', { class: 'copy', data: true, attrs: { type: 'text', readonly: '', value: formula, 'aria-label': formula } });
      let copied = false;
      try {
        await navigator.clipboard.writeText(formula);
        copied = true;
      } catch {
        copied = false;
      }
      status.append(h('p', { text: copied ? t.copied : t.copyManually, attrs: { 'data-testid': copied ? 'copied' : 'copy-manually' } }), copy);
      status.scrollIntoView({ block: 'nearest' });
      if (!copied) {
        copy.focus();
        copy.select();
      }
      return;
    }
    try {
      let at = '';
      await Excel.run(async (context) => {
        const first = context.workbook.getSelectedRange().getCell(0, 0);
        const cell = where === 'beside' ? first.getOffsetRange(0, 1) : first;
        cell.formulas = [[formula]];
        cell.load('address');
        await context.sync();
        at = cell.address;
      });
      status.appendChild(h('p', { text: fill(t.inserted, { f: formula, at }) }));
      status.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      status.appendChild(h('p', { class: 'error', text: fill(t.insertFailed, { m: (e as Error)?.message ?? String(e) }) }));
    }
  }
}

/** Office.onReady, or "not in Office" when Office.js is missing or does not answer. */
function officeReady(): Promise<{ host: string | null; lang: string | undefined }> {
  const fallback = { host: null, lang: typeof navigator !== 'undefined' ? navigator.language : undefined };
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return Promise.resolve(fallback);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), 5000);
    Office.onReady((info) => {
      clearTimeout(timer);
      let lang: string | undefined;
      try {
        lang = Office.context?.displayLanguage || undefined;
      } catch {
        lang = undefined;
      }
      resolve({ host: info.host ? String(info.host) : null, lang: lang ?? fallback.lang });
    });
  });
}

function start(): void {
  void officeReady().then(({ host, lang }) => {
    const inExcel = typeof Office !== 'undefined' && host === String(Office.HostType.Excel);
    // Office's theme (dark or light, its body colours) where Office.js gives it; prefers-color-scheme otherwise.
    applyOfficeTheme();
    try {
      new Pane(lang, inExcel);
      document.body.setAttribute('data-ready', 'true');
    } catch (e) {
      const box = document.getElementById('status');
      if (box) box.textContent = `The dataset could not be loaded: ${(e as Error)?.message ?? String(e)}`;
      document.body.setAttribute('data-ready', 'error');
    }
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
