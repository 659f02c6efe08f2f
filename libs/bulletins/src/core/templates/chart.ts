import { esc } from './escape';
import type { ChartSeries } from './view';

// Colours from the Okabe–Ito palette (distinguishable with colour-blindness), each with its own dash pattern
// so series can still be told apart in greyscale print.
export const SERIES_STYLE = [
  { color: '#0072B2', dash: '' },
  { color: '#D55E00', dash: '6 3' },
  { color: '#009E73', dash: '2 3' },
  { color: '#CC79A7', dash: '8 3 2 3' },
  { color: '#8A6A00', dash: '4 4' },
];

// Sized for a phone: at 375px CSS width the drawing is close to 1:1, so 11px text stays 11px.
const W = 360;
const H = 220;
const M = { top: 10, right: 10, bottom: 28, left: 34 };

export interface ChartInput {
  title: string;
  description: string;
  band: string;
  minCount: number;
  weeks: string[];
  series: ChartSeries[];
  formatNumber: (n: number) => string;
}

export function chartSvg(c: ChartInput): string {
  const visible = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.max(c.minCount, ...visible));
  const top = ticks[ticks.length - 1];
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (c.weeks.length === 1 ? plotW / 2 : (plotW * i) / (c.weeks.length - 1));
  const y = (v: number) => M.top + plotH - (plotH * v) / top;
  const r = (n: number) => Math.round(n * 10) / 10;
  const every = c.weeks.length > 5 ? 2 : 1; // keep week labels from colliding on a phone

  const parts: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" aria-labelledby="chart-title" aria-describedby="chart-desc" aria-label="${esc(c.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">${esc(c.title)}</title>`,
    `<desc id="chart-desc">${esc(c.description)}</desc>`,
    // Withheld weeks are drawn inside this band, never at a made-up height.
    `<rect class="band" x="${M.left}" y="${r(y(c.minCount))}" width="${plotW}" height="${r(y(0) - y(c.minCount))}"><title>${esc(c.band)}</title></rect>`,
  ];
  for (const t of ticks) {
    parts.push(
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${r(y(t))}" y2="${r(y(t))}"/>`,
      `<text class="tick" x="${M.left - 4}" y="${r(y(t) + 3.5)}" text-anchor="end">${esc(c.formatNumber(t))}</text>`,
    );
  }
  c.weeks.forEach((w, i) => {
    if (i % every === (c.weeks.length - 1) % every)
      parts.push(
        `<text class="tick" x="${r(x(i))}" y="${H - M.bottom + 16}" text-anchor="${i === 0 ? 'start' : i === c.weeks.length - 1 ? 'end' : 'middle'}">${esc(w)}</text>`,
      );
  });
  c.series.forEach((s, si) => {
    const { color, dash } = SERIES_STYLE[si % SERIES_STYLE.length];
    const runs: string[] = [];
    let run = '';
    s.values.forEach((v, i) => {
      if (v === null) {
        if (run) runs.push(run);
        run = '';
      } else run += `${run ? 'L' : 'M'}${r(x(i))} ${r(y(v))}`;
    });
    if (run) runs.push(run);
    parts.push(`<g class="series" data-series="${esc(s.name)}">`);
    for (const d of runs)
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    s.values.forEach((v, i) => {
      const cy = v === null ? y(c.minCount / 2) : y(v);
      const fill = v === null ? '#fff' : color;
      parts.push(
        `<circle cx="${r(x(i))}" cy="${r(cy)}" r="3" fill="${fill}" stroke="${color}" stroke-width="1.5"><title>${esc(`${s.name}, ${c.weeks[i]}: ${s.labels[i]}`)}</title></circle>`,
      );
    });
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Up to ~5 round tick values from 0 to at least `max`. */
export function niceTicks(max: number): number[] {
  const raw = Math.max(1, max) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const stepInt = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let t = 0; t < max + stepInt; t += stepInt) ticks.push(t);
  return ticks;
}

export function legendSwatch(index: number): string {
  const { color, dash } = SERIES_STYLE[index % SERIES_STYLE.length];
  return `<svg class="swatch" width="24" height="10" aria-hidden="true"><line x1="0" x2="24" y1="5" y2="5" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
}
