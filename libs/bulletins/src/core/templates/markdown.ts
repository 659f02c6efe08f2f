import { mdCode, mdText } from './escape';
import type { Table, View } from './view';

export function markdown(v: View): string {
  const out: string[] = [`# ${mdText(v.title)}`, '', `**${mdText(v.periodLine)}**`, '', `${mdText(v.generatedLine)} ${mdText(v.basis)}`];
  const section = (heading: string, ...blocks: string[]) => out.push('', `## ${mdText(heading)}`, '', blocks.join('\n\n'));
  const tableOr = (t: Table | string, code = false) => (typeof t === 'string' ? mdText(t) : table(t, code));

  section(v.headings.summary, table(v.summary));
  section(v.headings.scamTypes, tableOr(v.scamTypes));
  section(v.headings.channels, tableOr(v.channels));
  section(
    v.headings.rising,
    ...(v.rising.items.length ? [v.rising.items.map((i) => `- ${mdText(i)}`).join('\n')] : []),
    `_${mdText(v.rising.note)}_`,
  );
  section(
    v.headings.trend,
    typeof v.trend === 'string' ? mdText(v.trend) : `**${mdText(v.trend.table.caption)}**\n\n${table(v.trend.table)}`,
  );
  section(v.headings.crossBorder, tableOr(v.crossBorder));
  section(v.headings.campaigns, tableOr(v.campaigns));
  section(v.headings.actions, tableOr(v.actions));
  section(v.headings.watch, ...(typeof v.watch === 'string' ? [mdText(v.watch)] : [mdText(v.watch.intro), table(v.watch.table, true)]));
  section(v.headings.advice, ...v.advice.map((a) => `**${mdText(a.title)}**: ${mdText(a.text)}`), ...v.general.map(mdText));
  out.push('', '---', '', `_${mdText(v.footer)}_`, '');
  return out.join('\n');
}

/**
 * A GFM table with figures right-aligned; with `codeFirst` (the watch list) the first column is set as code so
 * it is copied exactly, and only the report count is a figure.
 */
function table(t: Table, codeFirst = false): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const figure = (i: number) => (codeFirst ? i === 2 : i > 0);
  return [
    row(t.headers.map(mdText)),
    row(t.headers.map((_, i) => (figure(i) ? '---:' : '---'))),
    ...t.rows.map((r) => row(r.map((c, i) => (codeFirst && i === 0 ? mdCode(c) : mdText(c))))),
  ].join('\n');
}
