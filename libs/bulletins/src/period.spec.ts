import { weeklyInstant } from './bulletins.processor';
import { localDay, periodProblems, previousFullWeek, previousPeriod, trendWeekStarts } from './period';

describe('bulletin periods', () => {
  it.each([
    ['2026-11-16', '2026-11-23', []],
    ['2026-11-23', '2026-11-16', ['to']],
    ['2026-11-16', '2026-11-16', ['to']],
    ['2026-01-01', '2026-04-04', ['to']], // 93 days
    ['2026-01-01', '2026-04-03', []], // exactly 92 days
    ['2026-02-30', '2026-03-05', ['from']],
    ['2026-11-16', 'next week', ['to']],
  ])('%s → %s: problems at %j', (from, to, paths) => {
    expect(periodProblems(from, to).map((p) => p.path)).toEqual(paths);
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod('2026-11-16', '2026-11-23')).toEqual({ from: '2026-11-09', to: '2026-11-16' });
    expect(previousPeriod('2026-03-01', '2026-04-01')).toEqual({ from: '2026-01-29', to: '2026-03-01' });
  });

  it('finds the last full Monday-to-Sunday week in the configured time zone', () => {
    // Monday 08:00 in Singapore is still Monday 00:00 UTC; Monday 07:00 in Seoul is Sunday 22:00 UTC.
    expect(previousFullWeek(new Date('2026-11-23T00:00:00Z'), 'Asia/Singapore')).toEqual({ from: '2026-11-16', to: '2026-11-23' });
    expect(previousFullWeek(new Date('2026-11-22T22:00:00Z'), 'Asia/Seoul')).toEqual({ from: '2026-11-16', to: '2026-11-23' });
    expect(previousFullWeek(new Date('2026-11-22T22:00:00Z'), 'UTC')).toEqual({ from: '2026-11-09', to: '2026-11-16' });
    expect(previousFullWeek(new Date('2026-11-29T15:59:00Z'), 'Asia/Singapore')).toEqual({ from: '2026-11-16', to: '2026-11-23' });
    expect(localDay(new Date('2026-11-22T16:00:00Z'), 'Asia/Singapore')).toBe('2026-11-23');
  });

  it('ends the 8 trend weeks with the period', () => {
    const weeks = trendWeekStarts('2026-11-23');
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toBe('2026-09-28');
    expect(weeks[7]).toBe('2026-11-16');
  });
});

describe('weekly bulletin job', () => {
  it('runs for its scheduled time, or the given `at`', () => {
    expect(weeklyInstant({}, { opts: { prevMillis: Date.parse('2026-11-23T00:00:00Z') } as never, timestamp: 1 }).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(weeklyInstant({ at: '2026-11-30T01:00:00Z' }, { opts: {}, timestamp: 1 }).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(weeklyInstant({}, { opts: {}, timestamp: 5 }).getTime()).toBe(5);
  });
});
