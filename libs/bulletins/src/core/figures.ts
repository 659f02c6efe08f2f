import { computeChange, isSuppressed, publishCount, suppressed, trend } from './change';
import { breakdown, type Cells } from './complementary';
import { BulletinInputError, checkCategories, checkConfig, checkStats, count, day, fail, isoDay } from './figures-input';
import { maskIndicator } from './mask';
import {
  type BulletinConfig,
  type BulletinFigures,
  type BulletinInput,
  type LossFigure,
  type PeriodStats,
  type RisingFigure,
  type WatchCandidate,
  type WatchFigure,
} from './types';
import {
  compareDecimal,
  percentChangeDecimal,
  subDecimal,
  ACTION_KINDS,
  CHANNELS,
  SCAM_TYPES,
  type Channel,
  type ScamType,
} from '@scamintel/vocabulary';

export const DEFAULT_CONFIG: BulletinConfig = { minCount: 3, maskStyle: 'partial', maxWatch: 10 };
export const TOP_N = 5;
export const RISING_N = 3;
/** A category needs at least this many reports in the previous period to be called rising (and never fewer than minCount). */
export const RISING_MIN_BASE = 5;
export const CHART_SERIES = 5;

export { BulletinInputError };

const REGION = /^[A-Z]{2}$/;

export function buildFigures(input: BulletinInput, config: BulletinConfig = DEFAULT_CONFIG): BulletinFigures {
  const { minCount, maskStyle, maxWatch } = checkConfig(config);
  if (!REGION.test(input.jurisdiction)) fail('jurisdiction', 'must be an ISO 3166-1 alpha-2 code');
  if (!/^[a-z0-9-]{2,32}$/.test(input.nodeId)) fail('nodeId', 'must match [a-z0-9-]{2,32}');
  const from = isoDay(input.period?.from, 'period.from');
  const to = isoDay(input.period?.to, 'period.to');
  if (to <= from) fail('period', '`to` must be after `from` (the period is [from, to))');
  const generatedAt = Date.parse(input.generatedAt);
  if (Number.isNaN(generatedAt)) fail('generatedAt', 'must be an ISO 8601 timestamp');
  const current = checkStats(input.current, 'current');
  const previous = checkStats(input.previous, 'previous');

  const risingMinBase = Math.max(RISING_MIN_BASE, minCount);
  const risingRows = rising(current, previous, risingMinBase);
  const shown = (keys: readonly string[], counts: Record<string, number>, kind: RisingFigure['kind']) => [
    ...topKeys(keys, counts, minCount),
    ...risingRows.filter((r) => r.kind === kind).map((r) => r.key),
  ];
  const scamTypeCells = breakdown('scamType', shown(SCAM_TYPES, current.byScamType, 'scamType'), current, previous, minCount);
  const channelCells = breakdown('channel', shown(CHANNELS, current.byChannel, 'channel'), current, previous, minCount);
  const topScamTypes = top(SCAM_TYPES, current.byScamType, previous.byScamType, minCount, scamTypeCells).map(([scamType, t]) => ({
    scamType,
    ...t,
  }));
  const topChannels = top(CHANNELS, current.byChannel, previous.byChannel, minCount, channelCells).map(([channel, t]) => ({
    channel,
    ...t,
  }));

  return {
    schema: 'scamintel.bulletin.figures/1',
    jurisdiction: input.jurisdiction,
    nodeId: input.nodeId,
    period: { from: day(from), to: day(to) },
    previousPeriod: { from: day(from - (to - from)), to: day(from) },
    generatedAt: new Date(generatedAt).toISOString(),
    minCount,
    risingMinBase,
    maskStyle,
    totals: { reports: trend(current.reports, previous.reports, minCount) },
    losses: losses(current, previous, minCount),
    topScamTypes,
    topChannels,
    rising: risingRows.filter((r) => {
      const cells = r.kind === 'scamType' ? scamTypeCells : channelCells;
      return cells.current.has(r.key) && cells.previous.has(r.key);
    }),
    crossBorder: {
      indicatorsSeenInBoth: publishCount(count(input.crossBorder?.indicatorsSeenInBoth, 'crossBorder.indicatorsSeenInBoth'), minCount),
      receivedFromPartner: publishCount(count(input.crossBorder?.receivedFromPartner, 'crossBorder.receivedFromPartner'), minCount),
      partnerJurisdictions: regions(input.crossBorder?.partnerJurisdictions ?? []).filter((r) => r !== input.jurisdiction),
    },
    watch: watchList(input.watch ?? [], minCount, maskStyle, maxWatch),
    weekly: weekly(input.weekly ?? [], minCount),
    advice: topScamTypes.map(({ scamType }) => ({ scamType, key: `advice.${scamType}` })),
    timeToAction: timeToAction(input.actions ?? [], minCount),
    crossBorderCampaigns: crossBorderCampaigns(input.campaigns, minCount),
  };
}

/**
 * Counts only, never which campaigns. Each count below minCount is withheld like every other figure; the reports
 * total is withheld too whenever the number of campaigns is, since with one or two campaigns it would be their size.
 */
function crossBorderCampaigns(c: BulletinInput['campaigns'], minCount: number): BulletinFigures['crossBorderCampaigns'] {
  const active = count(c?.active ?? 0, 'campaigns.active');
  const fresh = count(c?.new ?? 0, 'campaigns.new');
  const reports = count(c?.reports ?? 0, 'campaigns.reports');
  if (fresh > active) fail('campaigns.new', 'cannot exceed campaigns.active');
  const few = active < minCount;
  return {
    active: publishCount(active, minCount),
    new: few ? suppressed(minCount) : publishCount(fresh, minCount),
    reports: few ? suppressed(minCount) : publishCount(reports, minCount),
  };
}

/**
 * Median time from request to done per kind, in whole minutes. The median of one or two actions is close to a
 * single case's timeline, so below minCount both the count and the median are withheld.
 */
function timeToAction(rows: NonNullable<BulletinInput['actions']>, minCount: number): BulletinFigures['timeToAction'] {
  const byKind = new Map<string, { done: number; medianSeconds: number }>();
  rows.forEach((r, i) => {
    if (!(ACTION_KINDS as readonly string[]).includes(r?.kind))
      fail(`actions[${i}].kind`, `unknown action kind ${JSON.stringify(r?.kind)}`);
    count(r.done, `actions[${i}].done`);
    if (typeof r.medianSeconds !== 'number' || !Number.isFinite(r.medianSeconds) || r.medianSeconds < 0)
      fail(`actions[${i}].medianSeconds`, 'must be a non-negative number');
    byKind.set(r.kind, r);
  });
  return ACTION_KINDS.filter((k) => (byKind.get(k)?.done ?? 0) > 0).map((kind) => {
    const r = byKind.get(kind)!;
    return r.done < minCount
      ? { kind, done: suppressed(minCount), medianMinutes: suppressed(minCount) }
      : { kind, done: r.done, medianMinutes: Math.round(r.medianSeconds / 60) };
  });
}

function topKeys<K extends string>(keys: readonly K[], cur: Partial<Record<K, number>>, minCount: number): K[] {
  // Only categories that can be published are ranked: a "top" entry reading "fewer than 3" tells nobody anything.
  return keys
    .filter((k) => (cur[k] ?? 0) >= minCount)
    .sort((a, b) => (cur[b] ?? 0) - (cur[a] ?? 0) || keys.indexOf(a) - keys.indexOf(b))
    .slice(0, TOP_N);
}

function top<K extends string>(
  keys: readonly K[],
  cur: Partial<Record<K, number>>,
  prev: Partial<Record<K, number>>,
  minCount: number,
  cells: Cells,
) {
  // A category complementary suppression withholds in the current period leaves the list; one withheld in the
  // previous period keeps its place with that count, and the change computed from it, withheld.
  return topKeys(keys, cur, minCount)
    .filter((k) => cells.current.has(k))
    .map((k) => {
      const t = trend(cur[k] ?? 0, prev[k] ?? 0, minCount);
      if (cells.previous.has(k) || isSuppressed(t.previous)) return [k, t] as const;
      return [k, { ...t, previous: suppressed(minCount), delta: suppressed(minCount), percent: suppressed(minCount) }] as const;
    });
}

function rising(cur: PeriodStats, prev: PeriodStats, base: number): RisingFigure[] {
  const rows: RisingFigure[] = [];
  const add = (kind: RisingFigure['kind'], key: ScamType | Channel, c: number, p: number) => {
    if (p < base || c <= p) return;
    const { delta, percent } = computeChange(c, p);
    rows.push({ kind, key, current: c, previous: p, delta, percent: percent as number });
  };
  for (const k of SCAM_TYPES) add('scamType', k, cur.byScamType[k] ?? 0, prev.byScamType[k] ?? 0);
  for (const k of CHANNELS) add('channel', k, cur.byChannel[k] ?? 0, prev.byChannel[k] ?? 0);
  return rows.sort((a, b) => b.percent - a.percent || b.delta - a.delta).slice(0, RISING_N);
}

function losses(cur: PeriodStats, prev: PeriodStats, minCount: number): LossFigure[] {
  // With fewer than minCount reports behind it, a loss sum is close to one person's loss. The per-currency report
  // count decides when the caller gives it; without it, the period's report total is the best guard.
  const hidden = (s: PeriodStats, currency: string) =>
    s.reports < minCount || (s.lossReportsByCurrency !== undefined && (s.lossReportsByCurrency[currency] ?? 0) < minCount);
  const currencies = [...new Set([...Object.keys(cur.lossByCurrency), ...Object.keys(prev.lossByCurrency)])].sort();
  return currencies.map((currency) => {
    const curHidden = hidden(cur, currency);
    const prevHidden = hidden(prev, currency);
    const c = cur.lossByCurrency[currency] ?? '0';
    const p = prev.lossByCurrency[currency] ?? '0';
    const order = compareDecimal(c, p);
    const anyHidden = curHidden || prevHidden;
    // Unlike counts, a withheld amount implies no direction, so the direction goes with it.
    const direction = anyHidden
      ? suppressed(minCount)
      : compareDecimal(p, '0') === 0
        ? order === 0
          ? 'flat'
          : 'new'
        : order > 0
          ? 'up'
          : order < 0
            ? 'down'
            : 'flat';
    return {
      currency,
      current: curHidden ? suppressed(minCount) : c,
      previous: prevHidden ? suppressed(minCount) : p,
      delta: anyHidden ? suppressed(minCount) : subDecimal(c, p),
      percent: anyHidden ? suppressed(minCount) : percentChangeDecimal(c, p),
      direction,
    };
  });
}

function regions(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return [...new Set(list.filter((r): r is string => typeof r === 'string' && REGION.test(r)))].sort();
}

/** Publishable candidates only: TLP clear, analyst verdict scam, not warninglisted, and a value that parses. */
export function isPublishable(c: WatchCandidate): boolean {
  return c?.tlp === 'clear' && c.verdict === 'scam' && c.warninglisted === false;
}

function watchList(candidates: WatchCandidate[], minCount: number, style: BulletinConfig['maskStyle'], max: number): WatchFigure[] {
  const seen = new Set<string>();
  const rows: (WatchFigure & { raw: number })[] = [];
  for (const c of Array.isArray(candidates) ? candidates : []) {
    if (!isPublishable(c) || !Number.isSafeInteger(c.reports) || c.reports < 0) continue;
    const display = maskIndicator(c.type, c.value, style);
    const id = `${c.type}\n${c.value}`;
    if (display === null || seen.has(id)) continue;
    seen.add(id);
    rows.push({
      type: c.type as WatchFigure['type'],
      display,
      reports: publishCount(c.reports, minCount),
      jurisdictions: regions(c.jurisdictions),
      scamTypes: Array.isArray(c.scamTypes) ? SCAM_TYPES.filter((t) => c.scamTypes.includes(t)) : [],
      raw: c.reports,
    });
  }
  return rows
    .sort((a, b) => b.raw - a.raw || a.type.localeCompare(b.type) || a.display.localeCompare(b.display))
    .slice(0, max)
    .map(({ raw: _raw, ...row }) => row);
}

function weekly(weeks: BulletinInput['weekly'], minCount: number): BulletinFigures['weekly'] {
  const byWeek = new Map<string, Partial<Record<ScamType, number>>>();
  weeks.forEach((w, i) => {
    isoDay(w?.weekStart, `weekly[${i}].weekStart`);
    if (byWeek.has(w.weekStart)) fail(`weekly[${i}].weekStart`, 'duplicate week');
    checkCategories(w.byScamType ?? {}, SCAM_TYPES, `weekly[${i}].byScamType`);
    byWeek.set(w.weekStart, w.byScamType ?? {});
  });
  const starts = [...byWeek.keys()].sort();
  const total = (t: ScamType) => starts.reduce((s, w) => s + (byWeek.get(w)![t] ?? 0), 0);
  // A series whose every point would be withheld draws nothing, so it does not take a place on the chart.
  const series = SCAM_TYPES.filter((t) => starts.some((w) => (byWeek.get(w)![t] ?? 0) >= minCount))
    .sort((a, b) => total(b) - total(a) || SCAM_TYPES.indexOf(a) - SCAM_TYPES.indexOf(b))
    .slice(0, CHART_SERIES);
  return {
    scamTypes: series,
    weeks: starts.map((weekStart) => ({
      weekStart,
      counts: Object.fromEntries(series.map((t) => [t, publishCount(byWeek.get(weekStart)![t] ?? 0, minCount)])),
    })),
  };
}
