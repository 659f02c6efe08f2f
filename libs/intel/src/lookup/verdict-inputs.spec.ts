import { evidenceKey } from '@scamintel/policing';
import { StoredJurisdiction, countAfter, evidenceAt, inputsOf } from './verdict-inputs';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const us = (daysAgo: number) => (NOW.getTime() - daysAgo * DAY) * 1000;

const sg: StoredJurisdiction = {
  j: 'SG',
  s: {
    reports: 4,
    firstSeen: '2026-03-01T00:00:00.123456+00:00',
    lastSeen: '2026-05-31T00:00:00+00:00',
    scamTypes: { phishing: 4 },
    channels: { sms: 4 },
    losses: {},
    tlpRank: 1,
  },
  rep: [
    ['high', 2, NOW.getTime() - 2 * DAY + 0.75, NOW.getTime() - 40 * DAY],
    ['anonymous', 2, NOW.getTime() - 100 * DAY, NOW.getTime() - 100 * DAY],
  ],
  occ: [us(1), us(2), us(95), us(100)],
  keyed: [us(1), us(2)],
  v: null,
};

describe('verdict inputs at read', () => {
  it('counts the entries later than a time in a newest-first list, at every boundary', () => {
    const list = [50, 40, 40, 30, 10];
    expect([60, 50, 45, 40, 35, 30, 10, 0].map((t) => countAfter(list, t))).toEqual([0, 0, 1, 1, 3, 3, 4, 5]);
    expect(countAfter([], 0)).toBe(0);
  });

  it('applies each rule window to the stored occurrence times at the time asked, leaving empty windows out', () => {
    const e = evidenceAt(sg, [30, 90, 120], NOW);
    expect(e.reportsInWindow).toEqual({ 30: { total: 2, keyed: 2 }, 90: { total: 2, keyed: 2 }, 120: { total: 4, keyed: 2 } });
    // Ten days later the two recent reports have left nothing in a 5-day window: the same row, another clock.
    expect(evidenceAt(sg, [5], new Date(NOW.getTime() + 10 * DAY)).reportsInWindow).toEqual({});
    // An occurrence exactly at the window's start is not inside it (occurred_at > now - window).
    expect(evidenceAt({ ...sg, occ: [us(30)], keyed: [] }, [30], NOW).reportsInWindow).toEqual({});
  });

  it('gives reporters with millisecond dates, the latest as lastSeen, and the analyst verdict in force', () => {
    const e = evidenceAt({ ...sg, v: { v: 'legitimate', note: null, at: NOW.getTime() - 0.5 } }, [], NOW);
    expect(e.reporters[0]).toEqual({
      trust: 'high',
      reports: 2,
      lastSeen: new Date(NOW.getTime() - 2 * DAY),
      firstReceived: new Date(NOW.getTime() - 40 * DAY),
    });
    expect(e.lastSeen).toEqual(new Date(NOW.getTime() - 2 * DAY));
    expect(e.analystVerdict).toEqual({ verdict: 'legitimate', at: new Date(NOW.getTime() - 1), note: undefined });
    expect(evidenceAt({ ...sg, rep: [] }, [], NOW).lastSeen).toBeNull();
  });

  it('makes a row into stats per jurisdiction with reporter counts, evidence keyed by fingerprint, partners with dates', () => {
    const kr: StoredJurisdiction = { j: 'KR', s: null, rep: [], occ: [], keyed: [], v: { v: 'scam', note: 'seen', at: NOW.getTime() } };
    const inputs = inputsOf(
      {
        fingerprint: 'f1',
        type: 'phone',
        value: '+6591234567',
        warninglist: null,
        local: [kr, sg],
        partners: [
          {
            sourceNode: 'kr-knpa',
            jurisdiction: 'KR',
            fingerprint: 'f1',
            type: 'phone',
            value: '+6591234567',
            pseudonymised: false,
            tlp: 'green',
            verdict: 'scam',
            confidence: 80,
            revoked: false,
            sightings: 3,
            reporters: 2,
            firstSeen: '2026-05-01T00:00:00+00:00',
            lastSeen: '2026-05-02T00:00:00+00:00',
            scamTypes: ['phishing'],
            receivedAt: '2026-05-03T00:00:00+00:00',
            formerPartner: false,
          },
        ],
        campaign: { id: 'c1', reports: 5, jurisdictions: ['SG'] },
      },
      [30],
      90,
      NOW,
    );
    expect(inputs.stats).toEqual([
      expect.objectContaining({ jurisdiction: 'SG', reports: 4, reporters: 2, recentReporters: 1, highTrustReporters: 1, tlpRank: 1 }),
    ]);
    expect(inputs.stats[0].firstSeen).toEqual(new Date('2026-03-01T00:00:00.123Z'));
    expect([...inputs.evidence.keys()]).toEqual([evidenceKey('f1', 'KR'), evidenceKey('f1', 'SG')]);
    expect(inputs.evidence.get(evidenceKey('f1', 'KR'))?.analystVerdict?.verdict).toBe('scam');
    expect(inputs.partners[0].receivedAt).toEqual(new Date('2026-05-03T00:00:00Z'));
    expect(inputs.campaign).toEqual({ id: 'c1', reports: 5, jurisdictions: ['SG'] });
  });
});
