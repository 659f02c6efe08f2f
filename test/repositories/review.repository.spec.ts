import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ReviewRepository } from '../../libs/policing/src/review.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, Seeder } from './seed';

const URL_A = 'https://review-a.example.org/';
const URL_B = 'https://review-b.example.org/';

describe('ReviewRepository and report counting (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: ReviewRepository;
  let seed: Seeder;
  const A = fp('url', URL_A);
  const B = fp('url', URL_B);
  let ids: string[];

  beforeAll(async () => {
    db = await createTemplatedDatabase('review_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new ReviewRepository(ds);
    seed = new Seeder(ds);
    // Two batches, so the second report is received later (reportsOf reads the newest first).
    ids = [
      ...(await seed.reports({ indicators: [{ value: URL_A }], lossAmount: '10.00', lossCurrency: 'SGD', narrative: 'first' })),
      ...(await seed.reports({
        indicators: [{ value: URL_A }, { value: URL_B }],
        occurredAt: '2026-11-03T00:00:00.000Z',
        reporterKey: 'org:other',
        channel: 'call',
      })),
    ];
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  const stats = async (f: string) =>
    (
      await sql.query(`SELECT reports, first_seen, last_seen, losses FROM indicator_stats WHERE fingerprint = $1 AND jurisdiction = 'SG'`, [
        f,
      ])
    ).rows[0];

  it('queues unreviewed indicators most reported first, with reporters and filters; none for another jurisdiction', async () => {
    const q = await repo.queue('SG', { limit: 10, offset: 0 });
    expect(q.map((i) => [i.fingerprint, i.reports, i.reporters, i.type])).toEqual([
      [A, 2, 2, 'url'],
      [B, 1, 1, 'url'],
    ]);
    expect(q[0].channels).toEqual({ sms: 1, call: 1 });
    expect((await repo.queue('SG', { channel: 'call', limit: 10, offset: 0 })).map((i) => i.fingerprint).sort()).toEqual([A, B].sort());
    expect(await repo.queue('SG', { indicatorType: 'phone', limit: 10, offset: 0 })).toEqual([]);
    expect((await repo.queue('SG', { limit: 10, offset: 1 })).map((i) => i.fingerprint)).toEqual([B]);
    expect(await repo.queue('KR', { limit: 10, offset: 0 })).toEqual([]);
  });

  it('reads the newest reports per indicator with their latest review; nothing for no or unknown indicators', async () => {
    const r = await repo.reportsOf([A, B], 1);
    expect(r.map((x) => [x.fingerprint, x.id])).toEqual(
      [
        [A, ids[1]],
        [B, ids[1]],
      ].sort(),
    );
    expect((await repo.reportsOf([A], 5)).map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(await repo.reportsOf([], 5)).toEqual([]);
    expect(await repo.reportsOf([fp('url', 'https://unknown.example.org/')], 5)).toEqual([]);
    expect(await repo.reportExists(ids[0])).toEqual({ jurisdiction: 'SG', status: 'processed' });
    expect(await repo.reportExists('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
    expect(await repo.indicatorExists(A)).toBe(true);
    expect(await repo.indicatorExists('nope')).toBe(false);
  });

  it('a rejection takes the report out of the aggregates once; a later review puts it back', async () => {
    expect(await repo.reviewReport(ids[0], 'SG', 'rejected', 'made up', 'analyst:1')).toEqual({
      confirmedIndicators: 0,
      countingChanged: true,
    });
    expect(await stats(A)).toMatchObject({ reports: 1, losses: {}, first_seen: new Date('2026-11-03T00:00:00.000Z') });
    expect((await repo.reportsOf([A], 5)).find((x) => x.id === ids[0])?.review).toMatchObject({ verdict: 'rejected', actor: 'analyst:1' });
    // Rejecting again changes nothing and rebuilds nothing.
    expect(await repo.reviewReport(ids[0], 'SG', 'rejected', undefined, 'analyst:1')).toEqual({
      confirmedIndicators: 0,
      countingChanged: false,
    });
    expect(await repo.reviewReport(ids[0], 'SG', 'needs_info', undefined, 'analyst:1')).toEqual({
      confirmedIndicators: 0,
      countingChanged: true,
    });
    expect(await stats(A)).toMatchObject({ reports: 2, losses: { SGD: '10.00' }, first_seen: new Date('2026-11-01T00:00:00.000Z') });
  });

  it('rejecting the only report of an indicator removes its stats row; confirming records a scam verdict per accepted indicator', async () => {
    const [only] = await seed.reports({ indicators: [{ value: 'https://review-only.example.org/' }] });
    const only_ = fp('url', 'https://review-only.example.org/');
    await repo.reviewReport(only, 'SG', 'rejected', undefined, 'analyst:1');
    expect(await stats(only_)).toBeUndefined();
    expect(await repo.reviewReport(ids[1], 'SG', 'confirmed', undefined, 'analyst:2')).toEqual({
      confirmedIndicators: 2,
      countingChanged: false,
    });
    const { rows } = await sql.query(`SELECT fingerprint, verdict, source FROM indicator_verdicts ORDER BY fingerprint`);
    expect(rows).toEqual([A, B].sort().map((fingerprint) => ({ fingerprint, verdict: 'scam', source: 'report_review' })));
    expect((await repo.queue('SG', { limit: 10, offset: 0 })).map((i) => i.fingerprint)).not.toContain(A);
  });

  it('an analyst verdict resolves open flags and is listed after its id', async () => {
    await sql.query(`INSERT INTO indicator_flags (fingerprint, jurisdiction, flag) VALUES ($1, 'SG', 'disputed')`, [B]);
    expect((await repo.queue('SG', { limit: 10, offset: 0 })).find((i) => i.fingerprint === B)?.flags).toEqual(['disputed']);
    const before = await repo.verdictsAfter(0, 100);
    await repo.setVerdict(B, 'SG', 'legitimate', 'checked', 'analyst:3');
    expect((await sql.query(`SELECT resolved_at FROM indicator_flags WHERE fingerprint = $1`, [B])).rows[0].resolved_at).toBeInstanceOf(
      Date,
    );
    const after = await repo.verdictsAfter(before[before.length - 1].id, 100);
    expect(after.map((v) => v.fingerprint)).toEqual([B]);
    expect(await repo.verdictsAfter(after[0].id, 100)).toEqual([]);
    expect(await repo.queue('SG', { limit: 10, offset: 0 })).toEqual([]);
  });
});
