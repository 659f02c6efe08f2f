import { countBatch, isoMicros } from './batch-counts';

const row = (report: string, fingerprint: string, us: number, tlpRank = 2) => ({
  report,
  fingerprint,
  us,
  tlpRank,
  occurredAt: new Date(0),
  jurisdiction: 'SG',
  scamType: 'job',
  channel: 'sms',
});

describe('countBatch', () => {
  it('counts each value once per report and each pair once per report, with the oldest arrival and lowest TLP', () => {
    const c = countBatch([
      row('r1', 'x', 5),
      row('r1', 'y', 5),
      row('r1', 'x', 5),
      row('r2', 'y', 3, 0),
      row('r2', 'x', 3, 0),
      row('r3', 'z', 9),
    ]);
    expect(Object.fromEntries(c.degree)).toEqual({ x: 2, y: 2, z: 1 });
    expect([...c.links.values()]).toEqual([{ a: 'x', b: 'y', reports: 2, us: 3, tlpRank: 0 }]);
    expect([...c.reports.get('r1')!.fps]).toEqual(['x', 'y']);
  });
});

describe('isoMicros', () => {
  it('keeps all six fractional digits', () => {
    expect(isoMicros(Date.UTC(2026, 0, 2, 3, 4, 5, 678) * 1000 + 9)).toBe('2026-01-02T03:04:05.678009Z');
    expect(isoMicros(1_000_000)).toBe('1970-01-01T00:00:01.000000Z');
  });
});
