import { chartSvg, legendSwatch } from './chart';
import { esc } from './escape';
import { CSS } from './styles';
import type { Table, View } from './view';

// Nothing is fetched: the policy forbids every load, so the page stays self-contained even if a value slipped through.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The bulletin's content (header, sections, footer) without the page around it: the web pages put it in their layout. */
export function htmlBody(v: View): string {
  const p = (text: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;
  const section = (id: string, heading: string, body: string) =>
    `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(heading)}</h2>${body}</section>`;
  const tableOr = (t: Table | string, numeric: number[]) => (typeof t === 'string' ? p(t, 'note') : table(t, { numeric }));

  const trend =
    typeof v.trend === 'string'
      ? p(v.trend, 'note')
      : `<figure>${chartSvg(v.trend)}<figcaption><ul class="legend">${v.trend.series
          .map((s, i) => `<li>${legendSwatch(i)}<span>${esc(s.name)}</span></li>`)
          .join(
            '',
          )}<li><span class="band-key" aria-hidden="true"></span><span>${esc(v.trend.band)}</span></li></ul></figcaption></figure>` +
        table(v.trend.table, {
          numeric: v.trend.table.headers.map((_, i) => i).slice(1),
          caption: v.trend.table.caption,
          id: 'trend-table',
          layout: 'grid-data',
        });

  const watch =
    typeof v.watch === 'string'
      ? p(v.watch, 'note')
      : p(v.watch.intro) + table(v.watch.table, { numeric: [2], id: 'watch-table', codeFirst: true });

  return [
    `<header><h1>${esc(v.title)}</h1>${p(v.periodLine, 'period')}${p(v.generatedLine, 'meta')}${p(v.basis, 'meta')}</header>`,
    section('summary', v.headings.summary, table(v.summary, { numeric: [1, 2, 3] })),
    section('scam-types', v.headings.scamTypes, tableOr(v.scamTypes, [1, 2, 3])),
    section('channels', v.headings.channels, tableOr(v.channels, [1, 2, 3])),
    section(
      'rising',
      v.headings.rising,
      (v.rising.items.length ? `<ul class="rising">${v.rising.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '') +
        p(v.rising.note, 'note'),
    ),
    section('trend', v.headings.trend, trend),
    section('cross-border', v.headings.crossBorder, tableOr(v.crossBorder, [1])),
    section('campaigns', v.headings.campaigns, tableOr(v.campaigns, [1])),
    section('actions', v.headings.actions, tableOr(v.actions, [1, 2])),
    section('watch', v.headings.watch, watch),
    section(
      'advice',
      v.headings.advice,
      `<div class="advice">${v.advice.map((a) => `<h3>${esc(a.title)}</h3>${p(a.text)}`).join('')}${v.general.map((g) => p(g)).join('')}</div>`,
    ),
    `<footer>${p(v.footer, 'note')}</footer>`,
  ].join('\n');
}

export function html(v: View): string {
  const body = htmlBody(v);
  return `<!doctype html>
<html lang="${esc(v.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(v.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

interface TableOptions {
  numeric: number[];
  caption?: string;
  id?: string;
  codeFirst?: boolean;
  /** Row-per-card on phones (label tables); a data grid (the chart's numbers) stays a grid. */
  layout?: 'cards' | 'grid-data';
}

function table(t: Table, o: TableOptions): string {
  const num = (i: number) => (o.numeric.includes(i) ? ' class="num"' : '');
  const head = `<thead><tr>${t.headers.map((h, i) => `<th scope="col"${num(i)}>${esc(h)}</th>`).join('')}</tr></thead>`;
  const cell = (c: string, i: number) =>
    i === 0
      ? `<th scope="row">${o.codeFirst ? `<code>${esc(c)}</code>` : esc(c)}</th>`
      : `<td${num(i)} data-label="${esc(t.headers[i])}">${esc(c)}</td>`;
  const rows = t.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('');
  // The caption sits outside the scrolling box so it wraps to the screen instead of scrolling away with the grid.
  const label = o.caption && o.id ? `<p class="caption" id="${o.id}-caption">${esc(o.caption)}</p>` : '';
  const attrs = `${o.id ? ` id="${o.id}"` : ''} class="${o.layout ?? 'cards'}"${label ? ` aria-labelledby="${o.id}-caption"` : ''}`;
  return `${label}<div class="scroll"><table${attrs}>${head}<tbody>${rows}</tbody></table></div>`;
}
