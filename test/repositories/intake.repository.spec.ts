import { DataSource } from 'typeorm';
import { loadConfig } from '@scamintel/config';
import { IntakeRepository, NewReport } from '../../libs/intake/src/intake.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { report as seedReport } from './seed';

const report = (id: string): NewReport => seedReport({ id, lossAmount: '12.50', lossCurrency: 'SGD' });

describe('IntakeRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: IntakeRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('intake_repo');
    ds = await openDataSource(db.url);
    repo = new IntakeRepository(ds, loadConfig({}));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('accepts reports with their outbox row, replays the same claim and refuses another body under it', async () => {
    const claim = { scope: 'key:k1', key: 'idem-1', bodyHash: 'h1' };
    const first = await repo.accept([report('00000000-0000-4000-8000-000000000001')], claim);
    expect(first).toMatchObject({ kind: 'inserted', ids: ['00000000-0000-4000-8000-000000000001'] });
    expect(await repo.accept([report('00000000-0000-4000-8000-000000000002')], claim)).toEqual({
      kind: 'replayed',
      ids: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(await repo.accept([report('00000000-0000-4000-8000-000000000003')], { ...claim, bodyHash: 'h2' })).toEqual({ kind: 'conflict' });
    const outboxId = (first as { outboxId: string }).outboxId;
    const batch = await repo.loadOutbox(outboxId);
    expect(batch?.processed).toBe(false);
    expect(batch?.reports.map((r) => [r.id, r.lossAmount, r.indicators])).toEqual([
      ['00000000-0000-4000-8000-000000000001', '12.50', [{ value: 'https://scam.example.org/' }]],
    ]);
    expect(await repo.unprocessedReports(outboxId)).toBe(1);
    expect(await repo.pendingOutbox(-60_000, 10)).toContain(outboxId);
  });

  it('inserts a ledger row once: the second transaction gets nothing back, so nothing is counted twice', async () => {
    const id = '00000000-0000-4000-8000-000000000010';
    const accepted = await repo.accept([report(id)]);
    const outboxId = (accepted as { outboxId: string }).outboxId;
    const row = {
      reportId: id,
      ordinal: 0,
      raw: 'x',
      source: 'submitted' as const,
      type: null,
      value: null,
      fingerprint: null,
      status: 'rejected' as const,
      reason: 'not_an_indicator',
    };
    expect(await repo.inTransaction((tx) => repo.insertLedger(tx, [row]))).toHaveLength(1);
    expect(await repo.inTransaction((tx) => repo.insertLedger(tx, [row]))).toHaveLength(0);
    await repo.inTransaction((tx) => repo.recordSightings(tx, outboxId, [id], { stats: [], reporters: [] }));
    expect(await repo.loadOutbox(outboxId)).toEqual({ processed: true, reports: [] });
    expect(await repo.unprocessedReports(outboxId)).toBe(0);
  });
});
