// Small charts drawn as plain SVG (the dashboards, issue 7): columns over days or hours, and
// horizontal bars over categories. Each chart is a figure with its caption, an SVG image whose
// accessible name is the caption and a one-line summary, a legend when there are several series,
// and the numbers themselves in a table behind "Show the numbers" (for screen readers and for
// reading exact values).

import { h, uid } from '../dom';
import { t } from '../i18n';
import { scrollBox } from '../ui';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Series colours: the brand blue, a dark orange, a dark green (all ≥ 3:1 on white). */
export const SERIES_COLOURS = ['#00335e', '#a04a12', '#3f6b1c', '#6b2a7a'];

const colour = (k: number): string => SERIES_COLOURS[k % SERIES_COLOURS.length] ?? '#00335e';

type SvgAttrs = Record<string, string | number>;
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: SvgAttrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

export interface Bar {
  label: string; // shown under the column or beside the bar
  values: number[]; // one per series, stacked
}

export interface ChartSpec {
  field: string; // data-chart
  caption: string;
  summary: string;
  series: string[]; // series names (legend, table heads)
  bars: Bar[];
  format?: (n: number) => string;
  /** The table's first column head. */
  category: string;
}

function legend(series: string[]): HTMLElement | null {
  if (series.length < 2) return null;
  return h(
    'ul',
    { class: 'chart__legend' },
    ...series.map((name, i) => h('li', {}, h('span', { class: 'chart__swatch', style: `background:${colour(i)}`, 'aria-hidden': 'true' }), name)),
  );
}

function numbersTable(spec: ChartSpec): HTMLElement {
  const fmt = spec.format ?? String;
  return h(
    'details',
    { class: 'chart__numbers' },
    h('summary', {}, t('dash.chart.numbers')),
    scrollBox(
      h(
        'table',
        { class: 'data-table' },
        h('caption', {}, spec.caption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, spec.category), ...spec.series.map((n) => h('th', { scope: 'col' }, n)))),
        h('tbody', {}, ...spec.bars.map((b) => h('tr', {}, h('th', { scope: 'row' }, b.label), ...b.values.map((v) => h('td', {}, fmt(v)))))),
      ),
    ),
  );
}

function frame(spec: ChartSpec, svg: SVGSVGElement): HTMLElement {
  const capId = uid('chart-cap');
  const descId = uid('chart-desc');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${capId} ${descId}`);
  svg.prepend(s('desc', { id: descId }, spec.summary));
  return h(
    'figure',
    { class: 'chart', 'data-chart': spec.field },
    h('figcaption', { id: capId }, spec.caption),
    spec.bars.length ? svg : h('p', { class: 'hint', 'data-note': 'empty' }, t('dash.chart.empty')),
    spec.bars.length ? legend(spec.series) : null,
    spec.bars.length ? numbersTable(spec) : null,
  );
}

/** Stacked columns, one per category (days, hours), with a scale on the left. */
export function columnChart(spec: ChartSpec): HTMLElement {
  const fmt = spec.format ?? String;
  const W = 640;
  const H = 220;
  const left = 48;
  const bottom = 36;
  const top = 12;
  const plotW = W - left - 8;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...spec.bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart__svg', preserveAspectRatio: 'xMidYMid meet' });
  // Scale: 0, half, max.
  for (const f of [0, 0.5, 1]) {
    const y = top + plotH - f * plotH;
    svg.append(s('line', { x1: left, x2: W - 8, y1: y, y2: y, stroke: '#8a8a8a', 'stroke-width': 1 }));
    svg.append(s('text', { x: left - 6, y: y + 5, 'text-anchor': 'end', 'font-size': 13, fill: '#111111' }, fmt(Math.round(max * f * 10) / 10)));
  }
  const n = spec.bars.length;
  const slot = plotW / Math.max(1, n);
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(n / 12));
  spec.bars.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let y = top + plotH;
    b.values.forEach((v, k) => {
      const hgt = (v / max) * plotH;
      y -= hgt;
      if (hgt > 0) {
        svg.append(
          s('rect', { x, y, width: barW, height: hgt, fill: colour(k), 'data-value': v }, s('title', {}, `${b.label}: ${spec.series[k] ?? ''} ${fmt(v)}`)),
        );
      }
    });
    if (i % labelEvery === 0) {
      svg.append(s('text', { x: x + barW / 2, y: H - bottom + 18, 'text-anchor': 'middle', 'font-size': 12, fill: '#111111' }, b.label));
    }
  });
  return frame(spec, svg);
}

/** Horizontal bars, one per category (services, stages, scores, kinds). */
export function barChart(spec: ChartSpec): HTMLElement {
  const fmt = spec.format ?? String;
  const W = 640;
  const row = 26;
  const labelW = 300;
  const valueW = 70;
  const H = Math.max(row, spec.bars.length * row) + 8;
  const plotW = W - labelW - valueW;
  const max = Math.max(1, ...spec.bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart__svg', preserveAspectRatio: 'xMidYMid meet' });
  spec.bars.forEach((b, i) => {
    const y = 4 + i * row;
    const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label;
    svg.append(s('text', { x: labelW - 8, y: y + row / 2 + 5, 'text-anchor': 'end', 'font-size': 13, fill: '#111111' }, label));
    let x = labelW;
    b.values.forEach((v, k) => {
      const w = (v / max) * plotW;
      if (w > 0) {
        svg.append(s('rect', { x, y: y + 3, width: w, height: row - 6, fill: colour(k), 'data-value': v }, s('title', {}, `${b.label}: ${spec.series[k] ?? ''} ${fmt(v)}`)));
      }
      x += w;
    });
    const total = b.values.reduce((a, v) => a + v, 0);
    svg.append(s('text', { x: x + 6, y: y + row / 2 + 5, 'font-size': 13, fill: '#111111' }, fmt(total)));
  });
  return frame(spec, svg);
}
