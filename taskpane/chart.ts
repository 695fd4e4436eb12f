/**
 * A chart of one entity's metric, drawn as inline SVG with DOM APIs only (no
 * markup strings, no chart library). It must never suggest more than the
 * figures say:
 * - one line or bar group per scope and source (the caller groups them);
 * - series that measure different things (different scopes) never share an
 *   axis: each scope has a panel of its own, headed by its name in the plot;
 * - text at 12 px: the caller draws at the pane's pixel width;
 * - periods sit on a category axis in time order, each labelled;
 * - a line joins points only when the series' periods are adjacent (each
 *   starts the day after the one before ends); otherwise bars;
 * - each value is labelled with its qualifier ("> 30万亿"), and figures that
 *   are not actuals (forecast, guidance, plan) are drawn hollow.
 */
function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  // The namespace is written in the call itself: it is a name, never fetched, and test/security.test.ts
  // accepts this URL in the built bundle only as createElementNS's argument.
  const node = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface Bar {
  start: string;
  end: string;
  value: number;
  /** The value as labelled on the chart, qualifier included: "> 30万亿". */
  label: string;
  /** The period as labelled under the axis. */
  period: string;
  projected: boolean;
  /** The point's tooltip, in the pane's language. */
  tip: string;
  /** The fact's id, for tests and tooltips. */
  id: string;
}

export interface Series {
  name: string;
  points: Bar[];
  /** Draw as a line (the periods are adjacent); else as bars. */
  line: boolean;
  /**
   * What the series measures (its scope, named in the pane's language). Series of different scopes are never put
   * on one axis: each scope gets a panel of its own, headed by that name inside the plot (IDC's share of token
   * calls and Omdia's share of revenue are not one quantity).
   */
  scope?: string;
}

/** Chart text (ticks, periods, values, panel heads) in user units; the caller draws at the pane's pixel width, so these are pixels. */
const FONT = 12;
const LINE = 14;
/** The plot of one panel, axis labels included. */
const PLOT_H = 170;

/** Round step for about `n` ticks between lo and hi. */
function niceStep(span: number, n: number): number {
  const raw = span / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/** A label in at most two lines, split at the space nearest its middle. */
function twoLines(s: string): string[] {
  if (s.length <= 10) return [s];
  const spaces = [...s.matchAll(/ /g)].map((m) => m.index!);
  if (!spaces.length) return [s];
  const mid = s.length / 2;
  const at = spaces.reduce((a, b) => (Math.abs(b - mid) < Math.abs(a - mid) ? b : a));
  return [s.slice(0, at), s.slice(at + 1)];
}

/** How wide a text may be at FONT, bold, erring wide: CJK characters a full em, others about two thirds. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2e80 ? FONT : FONT * 0.64;
  return w;
}

/** A heading wrapped into lines no wider than `max`: at spaces, or anywhere between CJK characters. */
function wrap(s: string, max: number): string[] {
  const words = s.split(/(?<= )|(?<=[\u2e80-\uffff])(?=[\u2e80-\uffff])/u);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && textWidth(cur + w) > max) {
      lines.push(cur.trimEnd());
      cur = w;
    } else cur += w;
  }
  if (cur.trim()) lines.push(cur.trimEnd());
  return lines;
}

export function drawChart(series: Series[], opts: { width?: number; tick: (v: number) => string; title: string }): SVGSVGElement {
  const W = Math.max(240, Math.round(opts.width ?? 300));
  const svg = el('svg', { width: '100%', role: 'img', class: 'chart', 'aria-label': opts.title });
  svg.appendChild(el('title', {}, opts.title));
  // One panel per scope, in the order the series come (the caller puts the longest first).
  const panels: { scope: string; members: number[] }[] = [];
  series.forEach((s, i) => {
    const key = s.scope ?? '';
    const p = panels.find((x) => x.scope === key);
    if (p) p.members.push(i);
    else panels.push({ scope: key, members: [i] });
  });
  const apart = panels.length > 1;
  let top = 0;
  for (const p of panels) {
    const panel = el('g', { class: 'panel', 'data-scope': p.scope });
    if (apart) {
      // The scope, said inside the plot, above the axis it owns.
      const head = el('text', { class: 'panel-title', x: 0, y: top + FONT });
      wrap(p.scope, W - 4).forEach((line, j) => head.appendChild(el('tspan', { x: 0, dy: j === 0 ? 0 : LINE }, line)));
      panel.appendChild(head);
      top += head.childNodes.length * LINE + 4;
    }
    drawPanel(panel, series, p.members, { top, W, tick: opts.tick });
    svg.appendChild(panel);
    top += PLOT_H + (apart ? 10 : 0);
  }
  svg.setAttribute('viewBox', `0 0 ${W} ${top}`);
  return svg;
}

/** One axis and the series on it, in the box from `top` down PLOT_H. */
function drawPanel(svg: SVGGElement, all: Series[], members: number[], o: { top: number; W: number; tick: (v: number) => string }): void {
  const { W } = o;
  const bottom = o.top + PLOT_H;
  const series = members.map((i) => all[i]);

  // Categories: every distinct period, in time order.
  const cats = new Map<string, { start: string; end: string; period: string }>();
  for (const s of series) for (const p of s.points) cats.set(`${p.start}/${p.end}`, { start: p.start, end: p.end, period: p.period });
  const keys = [...cats.keys()].sort((a, b) => cats.get(a)!.end.localeCompare(cats.get(b)!.end) || cats.get(a)!.start.localeCompare(cats.get(b)!.start));
  const slot = new Map(keys.map((k, i) => [k, i]));
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  let v0 = Math.min(0, ...values);
  let v1 = Math.max(0, ...values);
  if (v0 === v1) v1 = v0 + 1;
  const step = niceStep(v1 - v0, 4);
  v0 = Math.floor(v0 / step) * step;
  v1 = Math.ceil(v1 / step) * step;
  // Ticks counted, not summed, and rounded: no 5.55e-17 where zero is meant.
  const ticks = Array.from({ length: Math.round((v1 - v0) / step) + 1 }, (_, i) => +(v0 + i * step).toPrecision(12));
  const m = { l: 46, r: 8, t: o.top + FONT + 8, b: 2 * LINE + 8 };
  const band = (W - m.l - m.r) / Math.max(1, keys.length);
  const barSeries = series.filter((s) => !s.line);
  const barW = Math.min(36, (band * 0.7) / Math.max(1, barSeries.length));
  // Two figures of one series for one period (two documents giving the same plan) are two bars side by side.
  const share = new Map<Bar, { i: number; n: number }>();
  for (const s of barSeries) {
    const bySlot = new Map<string, Bar[]>();
    for (const p of s.points) bySlot.set(`${p.start}/${p.end}`, [...(bySlot.get(`${p.start}/${p.end}`) ?? []), p]);
    for (const group of bySlot.values()) group.forEach((p, i) => share.set(p, { i, n: group.length }));
  }
  const width = (p: Bar) => barW / (share.get(p)?.n ?? 1);
  const cx = (s: Series, p: Bar) => {
    const centre = m.l + band * (slot.get(`${p.start}/${p.end}`)! + 0.5);
    if (s.line) return centre;
    const { i, n } = share.get(p) ?? { i: 0, n: 1 };
    return centre - (barW * barSeries.length) / 2 + barW * barSeries.indexOf(s) + (barW / n) * (i + 0.5);
  };
  let y = (v: number) => bottom - m.b - ((v - v0) / (v1 - v0)) * (bottom - m.t - m.b);

  // Value labels: above their point, inside the plot (right of the axis's ticks, left of its edge), and lifted a
  // line above any label they would cover (two series' figures for one period). Where lifting would leave the
  // panel, the plot gives up that much height at its top and the labels are placed again.
  type Placed = { s: Series; p: Bar; x: number; y: number; half: number };
  const place = (): Placed[] => {
    const done: Placed[] = [];
    for (const s of series) {
      for (const p of s.points) {
        const half = textWidth(p.label) / 2;
        const x = Math.min(W - half, Math.max(m.l + half, cx(s, p)));
        let yb = Math.min(y(p.value), y(0)) - 4;
        while (done.some((d) => Math.abs(d.y - yb) < LINE && d.x - d.half < x + half && x - half < d.x + d.half)) yb -= LINE;
        done.push({ s, p, x, y: yb, half });
      }
    }
    return done;
  };
  let labels = place();
  for (let i = 0; i < 3; i++) {
    const short = o.top + FONT - Math.min(...labels.map((l) => l.y));
    if (short <= 0) break;
    m.t += short;
    y = (v: number) => bottom - m.b - ((v - v0) / (v1 - v0)) * (bottom - m.t - m.b);
    labels = place();
  }

  const grid = el('g', { class: 'grid' });
  for (const v of ticks) {
    grid.appendChild(el('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
    grid.appendChild(el('text', { x: m.l - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, o.tick(v)));
  }
  svg.appendChild(grid);
  svg.appendChild(el('line', { x1: m.l, x2: W - m.r, y1: y(0), y2: y(0), class: 'axis' }));
  keys.forEach((k, i) => {
    const lines = twoLines(cats.get(k)!.period);
    const t = el('text', { x: m.l + band * (i + 0.5), y: bottom - m.b + LINE, 'text-anchor': 'middle', class: 'tick period' });
    lines.forEach((line, j) => t.appendChild(el('tspan', { x: m.l + band * (i + 0.5), dy: j === 0 ? 0 : LINE }, line)));
    svg.appendChild(t);
  });

  series.forEach((s, k) => {
    const si = members[k];
    const g = el('g', { class: `series s${si % 4}`, 'data-series': si, 'data-kind': s.line ? 'line' : 'bars' });
    if (s.line) {
      g.appendChild(el('polyline', { points: s.points.map((p) => `${cx(s, p).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '), class: 'line' }));
    }
    for (const p of s.points) {
      const x = cx(s, p);
      if (s.line) {
        const dot = el('circle', { cx: x, cy: y(p.value), r: 3.5, class: p.projected ? 'dot projected' : 'dot', 'data-fact-id': p.id });
        dot.appendChild(el('title', {}, p.tip));
        g.appendChild(dot);
      } else {
        const top = Math.min(y(p.value), y(0));
        const rect = el('rect', { x: x - width(p) / 2 + 1, y: top, width: Math.max(1, width(p) - 2), height: Math.max(1, Math.abs(y(p.value) - y(0))), class: p.projected ? 'bar projected' : 'bar', 'data-fact-id': p.id });
        rect.appendChild(el('title', {}, p.tip));
        g.appendChild(rect);
      }
    }
    for (const l of labels.filter((x) => x.s === s)) g.appendChild(el('text', { x: l.x, y: l.y, 'text-anchor': 'middle', class: 'value-label', 'data-fact-id': l.p.id }, l.p.label));
    svg.appendChild(g);
  });
}
