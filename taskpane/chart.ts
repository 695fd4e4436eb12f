/**
 * A line chart of one series, drawn as inline SVG with DOM APIs only (no
 * markup strings, no chart library): time on the x axis, value on the y axis,
 * a dot and a value label per observation.
 */
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface Point {
  date: string; // ISO
  value: number;
}

/** Round step for about `n` ticks between lo and hi. */
function niceStep(span: number, n: number): number {
  const raw = span / n;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

export function drawChart(points: Point[], opts: { width?: number; height?: number; format: (v: number) => string; title: string }): SVGSVGElement {
  const W = opts.width ?? 320;
  const H = opts.height ?? 160;
  const m = { l: 56, r: 14, t: 12, b: 30 };
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', class: 'chart' });
  svg.appendChild(el('title', {}, opts.title));
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const values = points.map((p) => p.value);
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (t0 === t1) {
    t0 -= 86_400_000 * 30;
    t1 += 86_400_000 * 30;
  }
  let v0 = Math.min(0, ...values);
  let v1 = Math.max(0, ...values);
  if (v0 === v1) v1 = v0 + 1;
  const step = niceStep(v1 - v0, 4);
  v0 = Math.floor(v0 / step) * step;
  v1 = Math.ceil(v1 / step) * step;
  const x = (t: number) => m.l + ((t - t0) / (t1 - t0)) * (W - m.l - m.r);
  const y = (v: number) => H - m.b - ((v - v0) / (v1 - v0)) * (H - m.t - m.b);

  const grid = el('g', { class: 'grid' });
  for (let v = v0; v <= v1 + step / 2; v += step) {
    grid.appendChild(el('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
    grid.appendChild(el('text', { x: m.l - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, opts.format(v)));
  }
  svg.appendChild(grid);
  svg.appendChild(el('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' }));
  // Date labels: first and last, and the middle one when there are three or more.
  const labelled = new Set([0, points.length - 1, points.length >= 3 ? Math.floor((points.length - 1) / 2) : 0]);
  for (const i of labelled) {
    svg.appendChild(el('text', { x: x(times[i]), y: H - m.b + 14, 'text-anchor': points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle', class: 'tick' }, points[i].date));
  }
  if (points.length > 1) {
    svg.appendChild(el('polyline', { points: points.map((p, i) => `${x(times[i]).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '), class: 'line' }));
  }
  points.forEach((p, i) => {
    const dot = el('circle', { cx: x(times[i]), cy: y(p.value), r: 3.5, class: 'dot' });
    dot.appendChild(el('title', {}, `${p.date}: ${opts.format(p.value)}`));
    svg.appendChild(dot);
  });
  return svg;
}
