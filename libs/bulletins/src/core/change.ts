import type { Count, Direction, Suppressed, Trend } from './types';
import { roundedTenths } from '@scamintel/vocabulary';

export function suppressed(minCount: number): Suppressed {
  return { suppressed: true, below: minCount };
}

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === 'object' && value !== null && (value as Suppressed).suppressed === true;
}

export function publishCount(n: number, minCount: number): Count {
  return n < minCount ? suppressed(minCount) : n;
}

/**
 * Change from previous to current before any suppression. Percent has one decimal; when previous is 0
 * it is null (no finite percentage) and the direction says `new` — or `flat` with percent 0 if both are 0.
 */
export function computeChange(current: number, previous: number): { delta: number; percent: number | null; direction: Direction } {
  const delta = current - previous;
  if (previous === 0) return { delta, percent: current === 0 ? 0 : null, direction: current === 0 ? 'flat' : 'new' };
  return {
    delta,
    percent: roundedTenths(BigInt(delta) * 1000n, BigInt(previous)),
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
  };
}

/**
 * A count against its previous value, with suppression applied to both counts and to everything derived from
 * them: a delta or percentage next to one published count would give the withheld one back. The direction stays
 * when only one side is withheld, because it is already implied (a published count is at least minCount, a
 * withheld one below it).
 */
export function trend(current: number, previous: number, minCount: number): Trend {
  const cs = current < minCount;
  const ps = previous < minCount;
  const raw = computeChange(current, previous);
  const withheld = suppressed(minCount);
  return {
    current: cs ? withheld : current,
    previous: ps ? withheld : previous,
    delta: cs || ps ? withheld : raw.delta,
    percent: cs || ps ? withheld : raw.percent,
    direction: cs && ps ? withheld : cs ? 'down' : ps ? 'up' : raw.direction,
  };
}
