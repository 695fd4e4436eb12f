/* global Office, Excel */
/**
 * The task pane: search the dataset's entities, sources and documents (in
 * English or Chinese), read the facts behind a selection with their verbatim
 * quotes, chart one entity's series, and insert the formula that answers with
 * a fact. Every piece of data is written with textContent (never as HTML).
 * Outside Excel (a plain browser) the pane still browses, and says that
 * inserting needs Excel.
 */
import { bundledMarket } from '../src/core/bundled';
import type { Fact } from '../src/data/schema';
import { drawChart } from './chart';
import { Lang, STRINGS, fill, toLang } from './i18n';
import { Hit, Kind, PaneModel, periodText, valueText } from './model';

const LANG_KEY = 'llm-market.lang';

interface State {
  lang: Lang;
  query: string;
  selected: { kind: Kind; id: string } | null;
  chart: { entity: string; metric: string } | null;
  inExcel: boolean;
}

const $ = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
};

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: (Node | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c) node.appendChild(c);
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

class Pane {
  private readonly model: PaneModel;
  private readonly state: State;

  constructor(displayLanguage: string | undefined, inExcel: boolean) {
    this.model = new PaneModel(bundledMarket());
    this.state = { lang: storedLang() ?? toLang(displayLanguage), query: '', selected: null, chart: null, inExcel };
    $('lang-switch').addEventListener('click', () => this.setLang(this.state.lang === 'en' ? 'zh' : 'en'));
    const search = $<HTMLInputElement>('search');
    search.addEventListener('input', () => this.search(search.value));
    $<HTMLSelectElement>('chart-metric').addEventListener('change', (ev) => {
      if (this.state.chart) this.setChart(this.state.chart.entity, (ev.target as HTMLSelectElement).value);
    });
    $('insert-series').addEventListener('click', () => {
      if (this.state.chart) void this.insert(this.model.seriesFormula(this.state.chart.entity, this.state.chart.metric));
    });
    this.render();
  }

  private get t() {
    return STRINGS[this.state.lang];
  }

  setLang(lang: Lang): void {
    this.state.lang = lang;
    storeLang(lang);
    this.render();
  }

  search(query: string): void {
    this.state.query = query;
    const hits = this.model.search(query, this.state.lang);
    const first = hits.find((x) => this.model.facts(x.kind, x.id).length > 0) ?? hits[0];
    this.state.selected = first ? { kind: first.kind, id: first.id } : null;
    this.state.chart = null;
    if (first) this.chartFor(first.kind, first.id);
    this.render();
  }

  select(kind: Kind, id: string): void {
    this.state.selected = { kind, id };
    this.chartFor(kind, id);
    this.render();
  }

  /** The series to chart for a selection: an entity's longest series, else the first fact's. */
  private chartFor(kind: Kind, id: string): void {
    if (kind === 'entity') {
      const metrics = this.model.metricsOf(id);
      const best = metrics.map((m) => ({ m, n: this.model.series(id, m).length })).sort((a, b) => b.n - a.n)[0];
      this.state.chart = best ? { entity: id, metric: best.m } : null;
      return;
    }
    const f = this.model.facts(kind, id)[0];
    this.state.chart = f ? { entity: f.entity, metric: f.metric } : null;
  }

  setChart(entity: string, metric: string): void {
    this.state.chart = { entity, metric };
    this.renderChart();
  }

  render(): void {
    const t = this.t;
    document.documentElement.lang = this.state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.title;
    $('title').textContent = t.title;
    const sw = $('lang-switch');
    sw.textContent = t.switchTo;
    sw.setAttribute('aria-label', t.switchLabel);
    sw.setAttribute('title', t.switchLabel);
    $('search-label').textContent = t.searchLabel;
    $<HTMLInputElement>('search').placeholder = t.searchPlaceholder;
    $('chart-title').textContent = t.chart;
    $('chart-metric-label').textContent = t.chartMetric;
    $('insert-series').textContent = t.insertSeries;
    const env = $('env-note');
    env.hidden = this.state.inExcel;
    env.textContent = this.state.inExcel ? '' : t.outsideExcel;
    this.renderResults();
    this.renderFacts();
    this.renderChart();
  }

  private renderResults(): void {
    const t = this.t;
    const box = $('results');
    box.replaceChildren();
    let hits: Hit[];
    if (!this.state.query.trim()) {
      box.appendChild(h('p', { class: 'hint', text: t.hint }));
      hits = [...this.model.market.documents.keys()].map((id) => ({ kind: 'document' as Kind, id, label: this.model.label('document', id, this.state.lang), detail: '', score: 0 }));
    } else {
      hits = this.model.search(this.state.query, this.state.lang);
      if (hits.length === 0) {
        box.appendChild(h('p', { class: 'hint', text: fill(t.noHits, { q: this.state.query }), attrs: { 'data-testid': 'no-hits' } }));
        return;
      }
    }
    for (const kind of ['entity', 'source', 'document'] as Kind[]) {
      const group = hits.filter((x) => x.kind === kind);
      if (!group.length) continue;
      const list = h('ul', { class: 'hits' });
      for (const hit of group) {
        const selected = this.state.selected?.kind === hit.kind && this.state.selected.id === hit.id;
        const button = h(
          'button',
          { class: selected ? 'hit selected' : 'hit', attrs: { type: 'button', 'data-kind': hit.kind, 'data-id': hit.id, 'aria-pressed': String(selected) } },
          h('span', { class: 'hit-label', text: hit.label }),
          hit.detail ? h('span', { class: 'hit-detail', text: hit.detail }) : null,
        );
        button.addEventListener('click', () => this.select(hit.kind, hit.id));
        list.appendChild(h('li', {}, button));
      }
      box.appendChild(h('section', { class: 'group', attrs: { 'data-group': kind } }, h('h3', { text: t.groups[kind] }), list));
    }
  }

  private renderFacts(): void {
    const t = this.t;
    const box = $('facts');
    box.replaceChildren();
    const sel = this.state.selected;
    if (!sel) return;
    const facts = this.model.facts(sel.kind, sel.id);
    box.appendChild(h('h2', { text: fill(t.factsOf, { name: this.model.label(sel.kind, sel.id, this.state.lang) }), attrs: { id: 'facts-title' } }));
    if (facts.length === 0) {
      box.appendChild(h('p', { class: 'hint', text: t.noFacts }));
      return;
    }
    box.appendChild(h('p', { class: 'count', text: fill(t.count, { n: facts.length }) }));
    const head = h('tr', {}, ...(['entity', 'metric', 'value', 'period', 'source'] as const).map((c) => h('th', { text: t.col[c], attrs: { scope: 'col' } })));
    const body = h('tbody');
    for (const f of facts) for (const row of this.factRows(f)) body.appendChild(row);
    box.appendChild(h('table', { class: 'facts', attrs: { id: 'facts-table' } }, h('thead', {}, head), body));
  }

  private factRows(f: Fact): HTMLTableRowElement[] {
    const t = this.t;
    const lang = this.state.lang;
    const m = this.model.market;
    const entity = m.entities.get(f.entity)!;
    const source = m.sources.get(f.source)!;
    const value = valueText(f, lang, (b) => t.basis[b]);
    const scope = this.model.scopeName(f, lang);
    const main = h(
      'tr',
      { class: 'fact', attrs: { 'data-fact-id': f.id } },
      h('td', { text: this.model.entityName(entity, lang) }),
      h('td', { text: this.model.metricName(f.metric, lang), attrs: { title: f.metric } }),
      // Beside the number: what it must be read with (qualifier in words, scope).
      h(
        'td',
        { class: 'value', attrs: { title: `${t.qualifier[f.qualifier]} · ${t.scope}: ${scope}` } },
        h('span', { class: 'value-text', text: value }),
        h('span', { class: 'scope', text: ` · ${scope}` }),
      ),
      h('td', { text: periodText(f.period.start, f.period.end) }),
      h('td', { text: this.model.sourceName(source, lang) }),
    );
    const doc = this.model.document(f);
    const docLine = `${doc.title}${lang === 'en' && doc.title_en !== doc.title ? ` (${doc.title_en})` : ''} — ${doc.publisher ?? t.publisherUnknown}, ${doc.published ?? `${t.undated}${doc.date_note ? `: ${doc.date_note}` : ''}`}`;
    const { formula, result, exact } = this.model.formulaFor(f);
    const insert = h('button', { class: 'insert', text: t.insert, attrs: { type: 'button', 'data-formula': formula } });
    insert.addEventListener('click', () => void this.insert(formula));
    const chart = h('button', { class: 'chart-this', text: t.chartThis, attrs: { type: 'button' } });
    chart.addEventListener('click', () => this.setChart(f.entity, f.metric));
    const detail = h(
      'tr',
      { class: 'detail', attrs: { 'data-fact-id': f.id } },
      h(
        'td',
        { attrs: { colspan: '5' } },
        h('blockquote', { class: 'quote', text: f.quote, attrs: { lang: doc.language === 'en' ? 'en' : doc.language === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans' } }),
        h('p', { class: 'doc' }, h('span', { class: 'label', text: `${t.document}: ` }), h('span', { class: 'doc-text', text: docLine })),
        f.of ? h('p', { class: 'of' }, h('span', { class: 'label', text: `${t.of}: ` }), h('span', { text: f.of })) : null,
        h('p', { class: 'scope-line' }, h('span', { class: 'label', text: `${t.scope}: ` }), h('span', { text: `${scope} (${this.model.market.scopeOf(f)}) — ${t.qualifier[f.qualifier]}, ${t.basis[f.basis]}` })),
        f.corrected_from ? h('p', { class: 'corrected' }, h('span', { class: 'label', text: `${t.correctedFrom}: ` }), h('span', { text: f.corrected_from })) : null,
        f.written_as ? h('p', { class: 'written-as' }, h('span', { class: 'label', text: `${t.writtenAs}: ` }), h('span', { text: f.written_as })) : null,
        f.note ? h('p', { class: 'note' }, h('span', { class: 'label', text: `${t.note}: ` }), h('span', { class: 'note-text', text: f.note })) : null,
        h(
          'div',
          { class: 'actions' },
          h('code', { class: 'formula', text: formula }),
          result === null
            ? null
            : h('span', { class: 'answers', text: ` → ${typeof result === 'number' ? String(+result.toPrecision(12)) : String(result)}${exact ? '' : ` (${t.otherFact})`}` }),
          insert,
          chart,
        ),
      ),
    );
    return [main, detail];
  }

  private renderChart(): void {
    const t = this.t;
    const area = $('chart-area');
    const caption = $('chart-caption');
    const select = $<HTMLSelectElement>('chart-metric');
    const section = $('chart');
    area.replaceChildren();
    select.replaceChildren();
    caption.textContent = '';
    const c = this.state.chart;
    section.hidden = !c;
    if (!c) return;
    for (const metric of this.model.metricsOf(c.entity)) {
      const opt = h('option', { text: this.model.metricName(metric, this.state.lang), attrs: { value: metric } });
      opt.selected = metric === c.metric;
      select.appendChild(opt);
    }
    const points = this.model.series(c.entity, c.metric);
    const entity = this.model.market.entities.get(c.entity)!;
    const unit = this.model.market.metrics.get(c.metric)?.unit ?? '';
    const fmt = (v: number) =>
      unit === 'fraction'
        ? `${+(v * 100).toPrecision(4)}%`
        : new Intl.NumberFormat(this.state.lang === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumSignificantDigits: 3 }).format(v);
    if (points.length === 0) {
      area.appendChild(h('p', { class: 'hint', text: t.chartEmpty }));
      return;
    }
    const title = `${this.model.entityName(entity, this.state.lang)} — ${this.model.metricName(c.metric, this.state.lang)}`;
    area.appendChild(h('p', { class: 'chart-name', text: `${title} (${unit})` }));
    area.appendChild(drawChart(points, { format: fmt, title }));
    caption.textContent = fill(t.chartCaption, { formula: this.model.seriesFormula(c.entity, c.metric), n: points.length });
  }

  private async insert(formula: string): Promise<void> {
    const t = this.t;
    const status = $('status');
    status.replaceChildren();
    if (!this.state.inExcel) {
      const copy = h('input', { class: 'copy', attrs: { type: 'text', readonly: '', value: formula, 'aria-label': formula } });
      status.append(h('p', { text: t.needsExcel, attrs: { 'data-testid': 'needs-excel' } }), copy);
      copy.focus();
      copy.select();
      return;
    }
    try {
      await Excel.run(async (context) => {
        const cell = context.workbook.getSelectedRange().getCell(0, 0);
        cell.formulas = [[formula]];
        await context.sync();
      });
      status.appendChild(h('p', { text: fill(t.inserted, { f: formula }) }));
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
