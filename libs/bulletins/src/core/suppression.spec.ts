import fc from 'fast-check';
import { isSuppressed } from './change';
import { buildFigures, isPublishable } from './figures';
import { maskIndicator } from './mask';
import { type BulletinInput, type PeriodStats, type WatchCandidate } from './types';
import { CHANNELS, SCAM_TYPES } from '@scamintel/vocabulary';

// Numbers that are not counts of people's reports: they may be small or negative.
const NOT_COUNTS = new Set(['delta', 'percent', 'minCount', 'risingMinBase']);

/** Every number in the figures with its path. */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
  return [];
}

const count = fc.nat({ max: 12 });
const counts = <K extends string>(keys: readonly K[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...keys), count), { maxLength: keys.length })
    .map((e) => Object.fromEntries(e) as Partial<Record<K, number>>);
const periodStats: fc.Arbitrary<PeriodStats> = fc.record({
  reports: count,
  lossByCurrency: fc.dictionary(
    fc.constantFrom('SGD', 'KRW', 'USD'),
    fc.nat({ max: 99999 }).map((n) => `${n}.${String(n % 100).padStart(2, '0')}`),
  ),
  byScamType: counts(SCAM_TYPES),
  byChannel: counts(CHANNELS),
});
const watchCandidate: fc.Arbitrary<WatchCandidate> = fc.record({
  type: fc.constant('phone'),
  value: fc.integer({ min: 80000000, max: 99999999 }).map((n) => `+65${n}`),
  tlp: fc.constantFrom('clear', 'green', 'amber', 'amber+strict', 'red'),
  verdict: fc.constantFrom('scam', 'suspicious', 'unknown', 'legitimate'),
  warninglisted: fc.boolean(),
  reports: count,
  jurisdictions: fc.constant(['SG']),
  scamTypes: fc.constant(['phishing' as const]),
});
const input: fc.Arbitrary<BulletinInput> = fc.record({
  jurisdiction: fc.constant('SG'),
  nodeId: fc.constant('sg-prop'),
  period: fc.constant({ from: '2026-11-16', to: '2026-11-23' }),
  current: periodStats,
  previous: periodStats,
  weekly: fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { maxLength: 8 }).chain((ws) =>
    fc.tuple(
      ...ws.map((w) =>
        counts(SCAM_TYPES).map((byScamType) => ({
          weekStart: new Date(Date.UTC(2026, 8, 28 + 7 * w)).toISOString().slice(0, 10),
          byScamType,
        })),
      ),
    ),
  ),
  crossBorder: fc.record({ indicatorsSeenInBoth: count, receivedFromPartner: count, partnerJurisdictions: fc.constant(['KR']) }),
  watch: fc.array(watchCandidate, { maxLength: 8 }),
  generatedAt: fc.constant('2026-11-23T01:00:00Z'),
});
const config = fc.record({
  minCount: fc.integer({ min: 1, max: 6 }),
  maskStyle: fc.constantFrom('partial' as const, 'defang' as const),
  maxWatch: fc.nat({ max: 10 }),
});

describe('suppression (property)', () => {
  it('publishes no count below minCount anywhere in the figures', () => {
    fc.assert(
      fc.property(input, config, (i, c) => {
        const f = buildFigures(i, c);
        for (const [path, n] of numbers(f)) {
          const key = path.split('.').pop()!;
          if (!NOT_COUNTS.has(key) && n < c.minCount) throw new Error(`${path} = ${n} < ${c.minCount}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('publishes a change only when both counts behind it are published', () => {
    fc.assert(
      fc.property(input, config, (i, c) => {
        const f = buildFigures(i, c);
        for (const t of [f.totals.reports, ...f.topScamTypes, ...f.topChannels]) {
          const both = !isSuppressed(t.current) && !isSuppressed(t.previous);
          expect(!isSuppressed(t.delta)).toBe(both);
          expect(!isSuppressed(t.percent)).toBe(both);
        }
        for (const l of f.losses) expect(!isSuppressed(l.delta)).toBe(i.current.reports >= c.minCount && i.previous.reports >= c.minCount);
      }),
      { numRuns: 300 },
    );
  });

  it('lists only publishable candidates, at most maxWatch', () => {
    fc.assert(
      fc.property(input, config, (i, c) => {
        const f = buildFigures(i, c);
        const allowed = new Set(i.watch.filter(isPublishable).map((w) => maskIndicator(w.type, w.value, c.maskStyle)));
        expect(f.watch.length).toBeLessThanOrEqual(c.maxWatch);
        for (const w of f.watch) expect(allowed.has(w.display)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
