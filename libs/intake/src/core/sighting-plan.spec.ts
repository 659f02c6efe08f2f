import { planDeltas, ReportToIngest } from './sighting-plan';

const report = (id: string, over: Partial<ReportToIngest> = {}): ReportToIngest => ({
  id,
  jurisdiction: 'SG',
  reporterKey: `org:${id}`,
  reporterTrust: 'medium',
  scamType: 'phishing',
  channel: 'sms',
  occurredAt: new Date('2026-11-01T00:00:00Z'),
  lossAmount: null,
  lossCurrency: null,
  tlp: 'amber',
  ...over,
});

describe('planDeltas', () => {
  it('counts an indicator repeated inside one report once', () => {
    const reports = new Map([['r1', report('r1')]]);
    const { stats, reporters } = planDeltas(
      [
        { reportId: 'r1', fingerprint: 'a', status: 'accepted' },
        { reportId: 'r1', fingerprint: 'a', status: 'accepted' },
      ],
      reports,
    );
    expect(stats).toHaveLength(1);
    expect(stats[0].reports).toBe(1);
    expect(reporters[0].reports).toBe(1);
  });

  it('ignores rejected rows and sums losses and scam types per jurisdiction', () => {
    const reports = new Map([
      ['r1', report('r1', { lossAmount: '1500.50', lossCurrency: 'SGD', scamType: 'job' })],
      ['r2', report('r2', { lossAmount: '0.75', lossCurrency: 'SGD', occurredAt: new Date('2026-10-01T00:00:00Z'), tlp: 'clear' })],
      ['r3', report('r3', { jurisdiction: 'KR', lossAmount: '1000000', lossCurrency: 'KRW' })],
    ]);
    const { stats, reporters } = planDeltas(
      [
        { reportId: 'r1', fingerprint: 'a', status: 'accepted' },
        { reportId: 'r2', fingerprint: 'a', status: 'accepted' },
        { reportId: 'r3', fingerprint: 'a', status: 'accepted' },
        { reportId: 'r3', fingerprint: null, status: 'rejected' },
      ],
      reports,
    );
    const sg = stats.find((s) => s.jurisdiction === 'SG')!;
    expect(sg).toMatchObject({ reports: 2, losses: { SGD: '1501.25' }, scamTypes: { job: 1, phishing: 1 }, tlpRank: 0 });
    expect(sg.firstSeen.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(stats.find((s) => s.jurisdiction === 'KR')).toMatchObject({ reports: 1, losses: { KRW: '1000000' } });
    expect(reporters).toHaveLength(3);
  });

  it('sorts its output by key so concurrent upserts lock in one order', () => {
    const reports = new Map([['r1', report('r1')]]);
    const { stats } = planDeltas(
      ['c', 'a', 'b'].map((f) => ({ reportId: 'r1', fingerprint: f, status: 'accepted' as const })),
      reports,
    );
    expect(stats.map((s) => s.fingerprint)).toEqual(['a', 'b', 'c']);
  });
});
