import { DataSource } from 'typeorm';
import { ReviewRepository } from '../../libs/policing/src/review.repository';
import { BulletinFiguresRepository, InputQuery } from '../../libs/bulletins/src/figures.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { fp, Seeder } from './seed';

const SHARED = 'https://figures-shared.example.org/';
const CLEAR = 'https://figures-clear.example.org/';
// One week in Singapore time; 2026-11-02 00:30 SGT is 2026-11-01 16:30 UTC.
const Q: InputQuery = {
  jurisdiction: 'SG',
  timeZone: 'Asia/Singapore',
  previousFrom: '2026-10-26',
  from: '2026-11-02',
  to: '2026-11-09',
  weekStarts: ['2026-10-26', '2026-11-02'],
};

describe('BulletinFiguresRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: BulletinFiguresRepository;
  let excluded: string;

  beforeAll(async () => {
    db = await createTemplatedDatabase('bulletin_figures_repo');
    ds = await openDataSource(db.url);
    repo = new BulletinFiguresRepository(ds);
    const seed = new Seeder(ds);
    const ids = await seed.reports(
      { indicators: [{ value: SHARED }], occurredAt: '2026-11-01T16:30:00.000Z', lossAmount: '10.50', lossCurrency: 'SGD' },
      { indicators: [{ value: CLEAR }], occurredAt: '2026-11-03T00:00:00.000Z', tlp: 'clear', channel: 'call', scamType: 'investment' },
      { indicators: [{ value: SHARED }], occurredAt: '2026-11-04T00:00:00.000Z', lossAmount: '5.00', lossCurrency: 'SGD' },
      { indicators: [{ value: SHARED }], occurredAt: '2026-10-28T00:00:00.000Z' },
      { indicators: [{ value: SHARED }], occurredAt: '2026-11-05T00:00:00.000Z', jurisdiction: 'KR' },
      { indicators: [{ value: 'https://figures-out.example.org/' }], occurredAt: '2026-11-05T00:00:00.000Z' },
    );
    excluded = ids[5];
    await new ReviewRepository(ds).reviewReport(excluded, 'SG', 'rejected', undefined, 'analyst:1');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('counts the period and the one before by scam type, channel and loss currency, in the jurisdiction’s days', async () => {
    const input = await repo.loadInput(Q);
    expect(input.current).toEqual({
      reports: 3,
      byScamType: { phishing: 2, investment: 1 },
      byChannel: { sms: 2, call: 1 },
      lossByCurrency: { SGD: '15.50' },
      lossReportsByCurrency: { SGD: 2 },
    });
    expect(input.previous).toMatchObject({ reports: 1, byScamType: { phishing: 1 }, lossByCurrency: {} });
  });

  it('counts weeks by scam type (excluded reports included, as before), cross-border sightings and clear watch candidates', async () => {
    const input = await repo.loadInput(Q);
    expect(input.weekly).toEqual([
      { weekStart: '2026-10-26', byScamType: { phishing: 1 } },
      { weekStart: '2026-11-02', byScamType: { phishing: 3, investment: 1 } },
    ]);
    // KR sighted the shared value on 2026-11-05, before the period's end: seen in both.
    expect(input.crossBorder).toEqual({ indicatorsSeenInBoth: 1, receivedFromPartner: 0, partnerJurisdictions: ['KR'] });
    expect(input.watch).toEqual([
      {
        fingerprint: fp('url', CLEAR),
        type: 'url',
        value: CLEAR,
        tlp: 'clear',
        warninglisted: false,
        reports: 1,
        jurisdictions: ['SG'],
        scamTypes: { investment: 1 },
      },
    ]);
  });

  it('a sighting elsewhere after the period does not make a value seen in both; an empty period reads zeros', async () => {
    await new Seeder(ds).reports({ indicators: [{ value: CLEAR }], occurredAt: '2026-11-20T00:00:00.000Z', jurisdiction: 'JP' });
    const input = await repo.loadInput(Q);
    expect(input.crossBorder).toEqual({ indicatorsSeenInBoth: 1, receivedFromPartner: 0, partnerJurisdictions: ['KR'] });
    expect(input.watch[0].jurisdictions).toEqual(['JP', 'SG']);
    const empty = await repo.loadInput({ ...Q, jurisdiction: 'AU' });
    expect(empty).toMatchObject({ current: { reports: 0 }, previous: { reports: 0 }, watch: [] });
    expect(empty.weekly).toEqual(Q.weekStarts.map((weekStart) => ({ weekStart, byScamType: {} })));
  });
});
