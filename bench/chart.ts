/**
 * docs/benchmarks.svg, drawn by hand (a few rectangles and lines; no charting library for one static picture):
 * per path, throughput against its baseline (each row on its own scale, both values printed) and p99; then lookup
 * throughput vs connections, ours and the bare baseline.
 */
import { Result, rowOf } from './report';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));

export function svg(results: Result[]): string {
  const rows = results.map(rowOf).filter((r) => r.perSec !== undefined);
  const W = 900;
  const rowH = 46;
  const top = 40;
  const barX = 300;
  const barW = 380;
  const out: string[] = [];
  out.push(`<text x="10" y="24" font-size="16" font-weight="bold">Throughput per path (bar: ours; outline: raw baseline) and p99</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const max = Math.max(r.perSec ?? 0, r.baselinePerSec ?? 0) || 1;
    out.push(`<text x="10" y="${y + 16}" font-size="12">${esc(r.path.slice(0, 46))}</text>`);
    out.push(`<rect x="${barX}" y="${y + 4}" width="${((r.perSec ?? 0) / max) * barW}" height="14" fill="#2b6cb0"/>`);
    if (r.baselinePerSec)
      out.push(
        `<rect x="${barX}" y="${y + 2}" width="${(r.baselinePerSec / max) * barW}" height="18" fill="none" stroke="#c05621" stroke-width="1.5"/>`,
      );
    out.push(
      `<text x="${barX}" y="${y + 34}" font-size="11">${fmt(r.perSec ?? 0)} ${esc(r.unit)}${r.baselinePerSec ? ` vs ${fmt(r.baselinePerSec)} baseline (ratio ${r.ratio?.toFixed(3) ?? '—'})` : ''}</text>`,
    );
    if (r.p99 !== undefined) out.push(`<text x="${barX + barW + 20}" y="${y + 16}" font-size="12">p99 ${fmt(r.p99)} ms</text>`);
    if (r.met !== undefined)
      out.push(
        `<text x="${barX + barW + 20}" y="${y + 34}" font-size="11" fill="${r.met ? '#276749' : '#9b2c2c'}">goal ${r.met ? 'met' : 'not met'}</text>`,
      );
  });
  let y = top + rows.length * rowH + 30;
  const sweep = (results.find((r) => r.bench === 'lookup')?.sweep ?? []) as {
    connections: number;
    perSec: number;
    baselinePerSec: number;
  }[];
  if (sweep.length) {
    const h = 200;
    const x0 = 80;
    const w = 700;
    const max = Math.max(...sweep.map((s) => Math.max(s.perSec, s.baselinePerSec))) || 1;
    out.push(`<text x="10" y="${y}" font-size="16" font-weight="bold">GET /v1/lookup: requests/s vs connections</text>`);
    y += 20;
    out.push(
      `<line x1="${x0}" y1="${y + h}" x2="${x0 + w}" y2="${y + h}" stroke="#333"/><line x1="${x0}" y1="${y}" x2="${x0}" y2="${y + h}" stroke="#333"/>`,
    );
    for (let k = 0; k <= 4; k++) {
      const v = (max * k) / 4;
      out.push(`<text x="${x0 - 6}" y="${y + h - (h * k) / 4 + 4}" font-size="10" text-anchor="end">${fmt(v)}</text>`);
    }
    const px = (i: number) => x0 + 30 + (i * (w - 60)) / Math.max(1, sweep.length - 1);
    const py = (v: number) => y + h - (v / max) * h;
    const line = (key: 'perSec' | 'baselinePerSec', color: string) =>
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${sweep.map((s, i) => `${px(i)},${py(s[key])}`).join(' ')}"/>` +
      sweep
        .map(
          (s, i) =>
            `<circle cx="${px(i)}" cy="${py(s[key])}" r="3" fill="${color}"/><text x="${px(i) + 5}" y="${py(s[key]) - 5}" font-size="10">${fmt(s[key])}</text>`,
        )
        .join('');
    out.push(line('baselinePerSec', '#c05621'), line('perSec', '#2b6cb0'));
    sweep.forEach((s, i) => out.push(`<text x="${px(i)}" y="${y + h + 16}" font-size="11" text-anchor="middle">${s.connections}</text>`));
    out.push(
      `<text x="${x0 + w / 2}" y="${y + h + 32}" font-size="11" text-anchor="middle">connections (blue: scamintel; orange: bare Fastify baseline)</text>`,
    );
    y += h + 50;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n${out.join('\n')}\n</svg>\n`;
}
