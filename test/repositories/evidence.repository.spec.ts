import { DataSource } from 'typeorm';
import { ReviewRepository } from '../../libs/policing/src/review.repository';
import { EvidenceRepository, evidenceKey } from '../../libs/policing/src/evidence.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { fp, Seeder } from './seed';

const URL_A = 'https://evidence-a.example.org/';
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe('EvidenceRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: EvidenceRepository;
  const A = fp('url', URL_A);
  let ids: string[];

  beforeAll(async () => {
    db = await createTemplatedDatabase('evidence_repo');
    ds = await openDataSource(db.url);
    repo = new EvidenceRepository(ds);
    ids = await new Seeder(ds).reports(
      { indicators: [{ value: URL_A }], occurredAt: daysAgo(2), reporterTrust: 'high', reporterKey: 'org:bank' },
      { indicators: [{ value: URL_A }], occurredAt: daysAgo(20), reporterTrust: 'anonymous', reporterKey: 'anon:1' },
      { indicators: [{ value: URL_A }], occurredAt: daysAgo(3), jurisdiction: 'KR' },
    );
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('reads reporters, windowed counts and the latest verdict per (indicator, jurisdiction)', async () => {
    const review = new ReviewRepository(ds);
    await review.setVerdict(A, 'SG', 'scam', undefined, 'analyst:1');
    await review.setVerdict(A, 'SG', 'legitimate', 'owner proved it', 'analyst:2');
    const ev = await repo.load([A], [7, 30]);
    expect([...ev.keys()].sort()).toEqual([evidenceKey(A, 'KR'), evidenceKey(A, 'SG')].sort());
    const sg = ev.get(evidenceKey(A, 'SG'))!;
    expect(sg.reporters.map((r) => [r.trust, r.reports]).sort()).toEqual([
      ['anonymous', 1],
      ['high', 1],
    ]);
    expect(sg.reportsInWindow).toEqual({ 7: { total: 1, keyed: 1 }, 30: { total: 2, keyed: 1 } });
    expect(sg.analystVerdict).toMatchObject({ verdict: 'legitimate', note: 'owner proved it' });
    expect(sg.lastSeen?.getTime()).toBeCloseTo(Date.parse(daysAgo(2)), -5);
    expect(ev.get(evidenceKey(A, 'KR'))).toMatchObject({ reportsInWindow: { 7: { total: 1, keyed: 1 } } });
    expect(ev.get(evidenceKey(A, 'KR'))!.analystVerdict).toBeUndefined();
    // Timestamps come back exactly as pg's own parser would give them.
    expect(sg.reporters.every((r) => r.firstReceived instanceof Date && !Number.isNaN(r.firstReceived.getTime()))).toBe(true);
  });

  it('no windows reads no windowed counts; an excluded report is not counted; empty and unknown input read nothing', async () => {
    expect(Object.keys((await repo.load([A], [])).get(evidenceKey(A, 'SG'))!.reportsInWindow)).toEqual([]);
    await new ReviewRepository(ds).reviewReport(ids[0], 'SG', 'rejected', undefined, 'analyst:1');
    expect((await repo.load([A], [7, 30])).get(evidenceKey(A, 'SG'))!.reportsInWindow).toEqual({ 30: { total: 1, keyed: 0 } });
    expect(await repo.load([], [7])).toEqual(new Map());
    expect(await repo.load(['unknown', 'with "quote\\'], [7])).toEqual(new Map());
  });
});
