import { isSuppressed } from '../change';
import type { Locale } from '../locale';
import type { BulletinFigures, Count, LossFigure, Trend } from '../types';

// Turns figures into the words of one language. The markdown and HTML layouts only arrange these strings,
// so they hold no language of their own.

export interface Table {
  headers: string[];
  rows: string[][];
}

export interface ChartSeries {
  name: string;
  values: (number | null)[]; // null = withheld (below minCount)
  labels: string[];
}

export interface View {
  lang: string;
  title: string;
  periodLine: string;
  generatedLine: string;
  basis: string;
  headings: Record<
    'summary' | 'scamTypes' | 'channels' | 'rising' | 'trend' | 'crossBorder' | 'campaigns' | 'actions' | 'watch' | 'advice',
    string
  >;
  summary: Table;
  scamTypes: Table | string;
  channels: Table | string;
  rising: { items: string[]; note: string };
  trend:
    | {
        title: string;
        description: string;
        band: string;
        minCount: number;
        formatNumber: (n: number) => string;
        weeks: string[];
        series: ChartSeries[];
        table: Table & { caption: string };
      }
    | string;
  crossBorder: Table | string;
  campaigns: Table | string;
  actions: Table | string;
  watch: { intro: string; table: Table } | string;
  advice: { title: string; text: string }[];
  general: string[];
  footer: string;
}

/** Minutes as a reader says them: under two hours in minutes, under two days in hours, else in days. */
function duration(l: Locale, minutes: number): string {
  if (minutes < 120) return l.t('duration.minutes', { n: l.number(minutes) });
  if (minutes < 2880) return l.t('duration.hours', { n: l.number(Math.round(minutes / 6) / 10) });
  return l.t('duration.days', { n: l.number(Math.round(minutes / 144) / 10) });
}

export function buildView(f: BulletinFigures, l: Locale): View {
  const trendRow = (label: string, t: Trend) => [label, l.count(t.current), l.count(t.previous), l.change(t.delta, t.percent, t.direction)];
  const trendHeaders = (first: string) => [first, l.t('label.thisPeriod'), l.t('label.previous'), l.t('label.change')];
  const here = l.region(f.jurisdiction);
  const partners = f.crossBorder.partnerJurisdictions.length
    ? l.list(f.crossBorder.partnerJurisdictions.map((r) => l.region(r)))
    : l.t('crossBorder.partnerFallback');
  const report = `howToReport.${f.jurisdiction}`;

  return {
    lang: l.lang,
    title: l.t('title', { jurisdiction: here }),
    periodLine: l.t('period', {
      period: l.period(f.period.from, f.period.to),
      previous: l.period(f.previousPeriod.from, f.previousPeriod.to),
    }),
    generatedLine: l.t('generated', { node: f.nodeId, date: l.dateTime(f.generatedAt, f.jurisdiction) }),
    basis: l.t('basis', { n: l.number(f.minCount) }),
    headings: {
      summary: l.t('section.summary'),
      scamTypes: l.t('section.scamTypes'),
      channels: l.t('section.channels'),
      rising: l.t('section.rising'),
      trend: l.t('section.trend'),
      crossBorder: l.t('section.crossBorder'),
      campaigns: l.t('section.campaigns'),
      actions: l.t('section.actions'),
      watch: l.t('section.watch'),
      advice: l.t('section.advice'),
    },
    summary: {
      headers: trendHeaders(l.t('label.figure')),
      rows: [trendRow(l.t('label.reports'), f.totals.reports), ...f.losses.map((x) => lossRow(l, x, f.minCount))],
    },
    scamTypes: f.topScamTypes.length
      ? { headers: trendHeaders(l.t('label.scamType')), rows: f.topScamTypes.map((t) => trendRow(l.t(`scamType.${t.scamType}`), t)) }
      : l.t('empty.breakdown'),
    channels: f.topChannels.length
      ? { headers: trendHeaders(l.t('label.channel')), rows: f.topChannels.map((t) => trendRow(l.t(`channel.${t.channel}`), t)) }
      : l.t('empty.breakdown'),
    rising: {
      items: f.rising.map((r) =>
        l.t('rising.item', {
          name: l.t(`${r.kind === 'scamType' ? 'scamType' : 'channel'}.${r.key}`),
          previous: l.number(r.previous),
          current: l.number(r.current),
          percent: l.percent(r.percent),
        }),
      ),
      note: l.t(f.rising.length ? 'rising.note' : 'rising.none', { n: l.number(f.risingMinBase) }),
    },
    trend: trendView(f, l),
    crossBorder:
      f.crossBorder.partnerJurisdictions.length ||
      !isSuppressed(f.crossBorder.receivedFromPartner) ||
      !isSuppressed(f.crossBorder.indicatorsSeenInBoth)
        ? {
            headers: [l.t('label.figure'), l.t('label.thisPeriod')],
            rows: [
              [l.t('crossBorder.seenInBoth', { here, partners }), l.count(f.crossBorder.indicatorsSeenInBoth)],
              [l.t('crossBorder.received', { partners }), l.count(f.crossBorder.receivedFromPartner)],
            ],
          }
        : l.t('crossBorder.none'),
    campaigns: campaignsView(f, l),
    actions: (f.timeToAction ?? []).length
      ? {
          headers: [l.t('label.action'), l.t('label.actionsDone'), l.t('label.medianTime')],
          rows: f.timeToAction.map((a) => [
            l.t(`actionKind.${a.kind}`),
            l.count(a.done),
            isSuppressed(a.medianMinutes) ? l.t('actions.withheld') : duration(l, a.medianMinutes),
          ]),
        }
      : l.t('actions.none'),
    watch: f.watch.length
      ? {
          intro: l.t('watch.intro'),
          table: {
            headers: [l.t('label.indicator'), l.t('label.type'), l.t('label.reports'), l.t('label.seenIn'), l.t('label.linkedTo')],
            rows: f.watch.map((w) => [
              w.display,
              l.t(`indicatorType.${w.type}`),
              l.count(w.reports),
              l.list(w.jurisdictions.map((r) => l.region(r))),
              l.list(w.scamTypes.map((t) => l.t(`scamType.${t}`))),
            ]),
          },
        }
      : l.t('empty.watch'),
    advice: f.advice.map((a) => ({ title: l.t(`scamType.${a.scamType}`), text: l.t(a.key) })),
    general: [l.t('advice.general'), ...(l.has(report) ? [l.t(report)] : [])],
    footer: l.t('footer'),
  };
}

function lossRow(l: Locale, x: LossFigure, minCount: number): string[] {
  const amount = (v: string | typeof x.current) =>
    isSuppressed(v) ? l.t('lossWithheld', { n: l.number(minCount) }) : l.money(v, x.currency);
  let change: string;
  if (isSuppressed(x.direction)) change = l.t('change.withheld');
  else if (x.direction === 'flat') change = l.t('change.flat');
  else if (x.percent === null) change = l.t('change.new', { delta: l.money(x.delta as string, x.currency, true) });
  else change = l.t('change.both', { delta: l.money(x.delta as string, x.currency, true), percent: l.percent(x.percent as number) });
  return [l.t('label.lossIn', { currency: x.currency }), amount(x.current), amount(x.previous), change];
}

function trendView(f: BulletinFigures, l: Locale): View['trend'] {
  const { scamTypes, weeks } = f.weekly;
  if (!scamTypes.length || !weeks.length) return l.t('empty.trend');
  const weekLabels = weeks.map((w) => l.shortDate(w.weekStart));
  const series: ChartSeries[] = scamTypes.map((t) => {
    const counts = weeks.map((w) => w.counts[t] as Count);
    return { name: l.t(`scamType.${t}`), values: counts.map((c) => (isSuppressed(c) ? null : c)), labels: counts.map((c) => l.count(c)) };
  });
  const first = weeks[0].weekStart;
  const last = weeks[weeks.length - 1].weekStart;
  const title = l.t('chart.title', { from: l.date(first), to: l.date(last) });
  const description = series
    .map((s) =>
      l.t('chart.series', {
        name: s.name,
        first: s.labels[0],
        firstWeek: weekLabels[0],
        last: s.labels[s.labels.length - 1],
        lastWeek: weekLabels[weekLabels.length - 1],
      }),
    )
    .join('; ');
  return {
    title,
    description: `${title}. ${description}.`,
    band: l.t('chart.band', { n: l.number(f.minCount) }),
    minCount: f.minCount,
    formatNumber: (n) => l.number(n),
    weeks: weekLabels,
    series,
    table: {
      caption: l.t('chart.tableCaption'),
      headers: [l.t('label.weekOf'), ...series.map((s) => s.name)],
      rows: weekLabels.map((w, i) => [w, ...series.map((s) => s.labels[i])]),
    },
  };
}

/** Cross-border campaigns: counts only; when even their number is withheld, one sentence says so. */
function campaignsView(f: BulletinFigures, l: Locale): Table | string {
  const c = f.crossBorderCampaigns;
  if (!c || isSuppressed(c.active)) return l.t('campaigns.none', { n: l.number(f.minCount) });
  const partners = f.crossBorder.partnerJurisdictions.length
    ? l.list(f.crossBorder.partnerJurisdictions.map((r) => l.region(r)))
    : l.t('crossBorder.partnerFallback');
  return {
    headers: [l.t('label.figure'), l.t('label.thisPeriod')],
    rows: [
      [l.t('campaigns.active', { here: l.region(f.jurisdiction), partners }), l.count(c.active)],
      [l.t('campaigns.new'), l.count(c.new)],
      [l.t('campaigns.reports'), l.count(c.reports)],
    ],
  };
}
