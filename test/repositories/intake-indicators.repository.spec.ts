import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { IntakeRepository } from '../../libs/intake/src/intake.repository';
import { IndicatorUpsert } from '../../libs/intake/src/core/batch-plan';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { report, Seeder } from './seed';

const upsert = (fingerprint: string, firstSeen: string, lastSeen: string, warninglist: string | null = null): IndicatorUpsert => ({
  fingerprint,
  type: 'url',
  value: `https://${fingerprint}.example.org/`,
  attributes: { host: `${fingerprint}.example.org` },
  warninglist,
  firstSeen: new Date(firstSeen),
  lastSeen: new Date(lastSeen),
});

// IntakeRepository's indicator writes and outbox bookkeeping (accept, the ledger and sightings: intake.repository.spec.ts).
describe('IntakeRepository indicators and outbox (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: IntakeRepository;
  const row = async (f: string) =>
    (await sql.query(`SELECT first_seen, last_seen, warninglist, attributes, updated_at FROM indicators WHERE fingerprint = $1`, [f]))
      .rows[0];

  beforeAll(async () => {
    db = await createTemplatedDatabase('intake_indicators_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new IntakeRepository(ds, new Seeder(ds).config);
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('inserts new indicators in their first state and leaves existing ones alone', async () => {
    await repo.insertNewIndicators([]);
    await repo.insertNewIndicators([upsert('a', '2026-11-05T00:00:00Z', '2026-11-05T00:00:00Z')]);
    await repo.insertNewIndicators([
      upsert('a', '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z', 'tranco'),
      upsert('b', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
    ]);
    expect(await row('a')).toMatchObject({
      first_seen: new Date('2026-11-05T00:00:00Z'),
      last_seen: new Date('2026-11-05T00:00:00Z'),
      warninglist: null,
      attributes: { host: 'a.example.org' },
    });
    expect(await row('b')).toMatchObject({ first_seen: new Date('2026-11-01T00:00:00Z') });
  });

  it('widening only ever extends the seen range, takes the latest warninglist state and marks the indicator changed', async () => {
    const before = (await row('a')).updated_at as Date;
    await new Promise((r) => setTimeout(r, 5));
    await repo.widenIndicators([upsert('a', '2026-11-10T00:00:00Z', '2026-11-20T00:00:00Z', 'tranco')]);
    expect(await row('a')).toMatchObject({
      first_seen: new Date('2026-11-05T00:00:00Z'),
      last_seen: new Date('2026-11-20T00:00:00Z'),
      warninglist: 'tranco',
    });
    expect(((await row('a')).updated_at as Date).getTime()).toBeGreaterThan(before.getTime());
    await repo.widenIndicators([upsert('a', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z')]);
    expect(await row('a')).toMatchObject({
      first_seen: new Date('2026-10-01T00:00:00Z'),
      last_seen: new Date('2026-11-20T00:00:00Z'),
      warninglist: null,
    });
    await repo.widenIndicators([]);
  });

  it('lists outbox rows pending past a grace period; marking one done takes it off, once', async () => {
    const accepted = await repo.accept([report()]);
    const outboxId = (accepted as { outboxId: string }).outboxId;
    expect(await repo.pendingOutbox(3_600_000, 10)).toEqual([]);
    expect(await repo.pendingOutbox(-1000, 10)).toEqual([outboxId]);
    expect(await repo.pendingOutbox(-1000, 0)).toEqual([]);
    await repo.markOutboxDone(outboxId);
    await repo.markOutboxDone(outboxId);
    expect(await repo.pendingOutbox(-1000, 10)).toEqual([]);
    expect(await repo.loadOutbox(outboxId)).toEqual({ processed: true, reports: [] });
    expect(await repo.loadOutbox('999999')).toBeUndefined();
    expect(await repo.unprocessedReports('999999')).toBe(0);
  });
});
