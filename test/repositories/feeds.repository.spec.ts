import { DataSource } from 'typeorm';
import { FeedsRepository } from '../../libs/feeds/src/feeds.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';

const T1 = new Date('2026-11-01T00:00:00.000Z');
const T2 = new Date('2026-11-02T00:00:00.000Z');
const T3 = new Date('2026-11-03T00:00:00.000Z');
const judged = (fingerprint: string, verdict: 'scam' | 'suspicious' | 'legitimate' | 'unknown', tlpRank: number, changed = true) => ({
  fingerprint,
  type: 'url' as const,
  value: `https://${fingerprint}.example.org/`,
  verdict,
  tlpRank,
  listed: verdict === 'scam' && tlpRank <= 1,
  changed,
});

describe('FeedsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: FeedsRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('feeds_repo');
    ds = await openDataSource(db.url);
    repo = new FeedsRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('starts the watermark at the epoch and only ever moves it forward', async () => {
    expect(await repo.watermark()).toEqual({ indicatorsUntil: new Date(0), verdictsUntil: 0 });
    await repo.saveWatermark(T2, 10);
    await repo.saveWatermark(T1, 20);
    expect(await repo.watermark()).toEqual({ indicatorsUntil: T2, verdictsUntil: 20 });
  });

  it('saves changed states with their change time and unchanged ones with their check time only', async () => {
    await repo.save([], T1);
    await repo.save([judged('a', 'scam', 0), judged('b', 'scam', 2), judged('c', 'suspicious', 1)], T1);
    expect(await repo.held(['a', 'b', 'unknown'])).toEqual(
      new Map([
        ['a', { verdict: 'scam', tlpRank: 0, listed: true }],
        ['b', { verdict: 'scam', tlpRank: 2, listed: false }],
      ]),
    );
    expect(await repo.held([])).toEqual(new Map());
    // a is checked again unchanged; c becomes a scam.
    await repo.save([judged('a', 'scam', 0, false), judged('c', 'scam', 1)], T2);
    expect(await repo.stale(T2, 10)).toEqual(['b']);
    const stale = await repo.stale(T3, 10);
    expect([stale[0], stale.slice(1).sort()]).toEqual(['b', ['a', 'c']]);
    expect(await repo.stale(T3, 1)).toEqual(['b']);
  });

  it('pages the listed values newest change first, or every shareable change since a time, keyset by (changed_at, fingerprint)', async () => {
    const listed = await repo.page({ limit: 10 });
    expect(listed.map((r) => [r.fingerprint, r.changedAt])).toEqual([
      ['c', T2],
      ['a', T1],
    ]);
    expect((await repo.page({ limit: 10, after: { at: T2, fingerprint: 'c' } })).map((r) => r.fingerprint)).toEqual(['a']);
    expect(await repo.page({ limit: 10, type: 'phone' })).toEqual([]);
    // a revocation (c no longer a scam) after T2 is in the changes; b (amber) never is.
    await repo.save([judged('c', 'legitimate', 1), judged('b', 'legitimate', 2)], T3);
    expect((await repo.page({ limit: 10, since: T2 })).map((r) => [r.fingerprint, r.listed])).toEqual([['c', false]]);
    expect((await repo.page({ limit: 10, since: new Date(0) })).map((r) => r.fingerprint)).toEqual(['c', 'a']);
    expect(await repo.stale(T3, 10)).toEqual(['a']);
  });
});
