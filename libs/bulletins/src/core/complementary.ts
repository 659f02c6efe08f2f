import type { PeriodStats, RisingFigure } from './types';

/**
 * Complementary suppression for a breakdown published beside its total (reports by scam type or channel next
 * to the period's report count). Withholding the small cells alone is not enough: the total minus the published
 * cells is the sum of the withheld ones, and when that residual is between 1 and minCount − 1 a reader has
 * subtracted their way to a count the threshold was meant to hide (one withheld cell: its exact count).
 *
 * Cells below minCount are withheld (primary suppression). Then, while the residual is positive and below
 * minCount, the smallest published cell is withheld too (secondary suppression; ties by key, so the result
 * does not depend on input order); one always suffices, as a published cell holds at least minCount. Once every cell is withheld the residual is the total, which is published
 * only when at least minCount; so a published total never needs withholding. A total that is itself withheld
 * (`null`) leaves nothing to subtract from, and only the primary rule applies.
 */
export function publishableCells<K extends string>(total: number | null, cells: Partial<Record<K, number>>, minCount: number): Set<K> {
  const entries = (Object.entries(cells) as [K, number][]).filter(([, n]) => n > 0);
  const published = entries.filter(([, n]) => n >= minCount).sort(([ka, a], [kb, b]) => a - b || (ka < kb ? -1 : ka > kb ? 1 : 0));
  if (total !== null) {
    let residual = total - published.reduce((s, [, n]) => s + n, 0);
    while (residual > 0 && residual < minCount && published.length) residual += published.shift()![1];
  }
  return new Set(published.map(([k]) => k));
}

/** The cells of one breakdown (scam types or channels) that the top and rising lists may publish, per period. */
export interface Cells {
  current: Set<string>;
  previous: Set<string>;
}

/**
 * Which of the `shown` categories (those the top and rising lists would show) may show their count beside the
 * period totals, per period: the ones publishableCells keeps, so the totals cannot be subtracted down to a small count.
 */
export function breakdown(kind: RisingFigure['kind'], shown: string[], cur: PeriodStats, prev: PeriodStats, minCount: number): Cells {
  const by = (s: PeriodStats) => (kind === 'scamType' ? s.byScamType : s.byChannel) as Record<string, number>;
  const keys = [...new Set(shown)];
  const cells = (s: PeriodStats) => Object.fromEntries(keys.map((k) => [k, by(s)[k] ?? 0]));
  const total = (s: PeriodStats) => (s.reports >= minCount ? s.reports : null);
  return {
    current: publishableCells(total(cur), cells(cur), minCount),
    previous: publishableCells(total(prev), cells(prev), minCount),
  };
}
