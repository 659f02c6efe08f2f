import { sightingTotals } from './sighting-totals';

const d = (s: string) => new Date(s);

describe('sightingTotals', () => {
  it('counts a value only a partner reported', () => {
    expect(
      sightingTotals(
        [],
        [
          {
            jurisdiction: 'SG',
            sightings: 3,
            firstSeen: '2026-01-02T00:00:00.000Z',
            lastSeen: d('2026-02-01'),
            scamTypes: ['phishing'],
            revoked: false,
          },
        ],
      ),
    ).toEqual({
      reports: 3,
      firstSeen: '2026-01-02T00:00:00.000Z',
      lastSeen: '2026-02-01T00:00:00.000Z',
      jurisdictions: ['SG'],
      scamTypes: ['phishing'],
    });
  });

  it('adds own and partner sightings, widest time span, each jurisdiction once', () => {
    const t = sightingTotals(
      [
        { jurisdiction: 'KR', reports: 1, firstSeen: d('2026-03-01'), lastSeen: d('2026-03-05'), scamTypes: { loan: 1 } },
        { jurisdiction: 'SG', reports: 2, firstSeen: d('2026-02-01'), lastSeen: d('2026-02-02'), scamTypes: { job: 2 } },
      ],
      [
        {
          jurisdiction: 'SG',
          sightings: 4,
          firstSeen: d('2026-01-01'),
          lastSeen: d('2026-03-02'),
          scamTypes: ['job', 'phishing'],
          revoked: false,
        },
        { jurisdiction: 'JP', sightings: 1, firstSeen: d('2026-03-01'), lastSeen: d('2026-03-09'), scamTypes: ['loan'], revoked: false },
      ],
    );
    expect(t).toEqual({
      reports: 8,
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-03-09T00:00:00.000Z',
      jurisdictions: ['JP', 'KR', 'SG'],
      scamTypes: ['job', 'phishing', 'loan'],
    });
  });

  it('leaves out what a partner revoked, and answers an unseen value with zero', () => {
    const revoked = {
      jurisdiction: 'SG',
      sightings: 2,
      firstSeen: d('2026-01-01'),
      lastSeen: d('2026-01-02'),
      scamTypes: ['loan'],
      revoked: true,
    };
    expect(sightingTotals([], [revoked])).toEqual({ reports: 0, firstSeen: null, lastSeen: null, jurisdictions: [], scamTypes: [] });
  });
});
