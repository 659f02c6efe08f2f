import { extract, tryNormalize, warninglistHit } from '@scamintel/indicators';
import { LoadedReport, planBatch } from './batch-plan';

const normaliser = { tryNormalize, extract, warninglistHit };

const report = (id: string, over: Partial<LoadedReport> = {}): LoadedReport => ({
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
  indicators: [],
  narrative: null,
  ...over,
});

describe('planBatch', () => {
  it('records every submitted position, rejected ones with their reason', () => {
    const plan = planBatch(
      [report('r1', { indicators: [{ value: 'https://scam.example.org/x' }, { type: 'phone', value: 'not a phone' }] })],
      normaliser,
    );
    expect(plan.rows.map((r) => [r.ordinal, r.source, r.status])).toEqual([
      [0, 'submitted', 'accepted'],
      [1, 'submitted', 'rejected'],
    ]);
    expect(plan.rows[1].reason).toBeTruthy();
    expect(plan.indicators).toHaveLength(1);
  });

  it('adds from the narrative only what the submitted indicators did not name', () => {
    const plan = planBatch(
      [
        report('r1', {
          indicators: [{ value: 'https://scam.example.org/x' }],
          narrative: 'they sent https://scam.example.org/x and then https://other.example.net/pay',
        }),
      ],
      normaliser,
    );
    expect(plan.rows.map((r) => r.source)).toEqual(['submitted', 'narrative']);
    expect(plan.indicators).toHaveLength(2);
  });

  it('keeps one indicator per fingerprint, spanning the dates of all its reports, sorted by fingerprint', () => {
    const plan = planBatch(
      [
        report('r1', { occurredAt: '2026-11-03T00:00:00Z', indicators: [{ value: 'https://b.example.org/' }] }),
        report('r2', {
          occurredAt: '2026-11-01T00:00:00Z',
          indicators: [{ value: 'https://b.example.org/' }, { value: 'https://a.example.org/' }],
        }),
      ],
      normaliser,
    );
    const b = plan.indicators.find((i) => i.value.includes('b.example.org'))!;
    expect(b.firstSeen.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(b.lastSeen.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(plan.indicators.map((i) => i.fingerprint)).toEqual([...plan.indicators.map((i) => i.fingerprint)].sort());
    expect(plan.reports.get('r1')?.occurredAt).toBeInstanceOf(Date);
  });
});
