import { DataSource } from 'typeorm';
import { ReportsRepository } from '../../libs/intake/src/reports.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { fp, Seeder } from './seed';

describe('ReportsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: ReportsRepository;
  let first: string;
  let second: string;

  beforeAll(async () => {
    db = await createTemplatedDatabase('reports_repo');
    ds = await openDataSource(db.url);
    repo = new ReportsRepository(ds);
    const seed = new Seeder(ds);
    [first] = await seed.reports({
      indicators: [{ value: 'https://reports.example.org/' }, { value: 'not an indicator at all' }],
      lossAmount: '1200.50',
      lossCurrency: 'SGD',
      reporterContact: { name: 'A', contact: 'a@example.org' },
    });
    [second] = await seed.reports({ scamType: 'investment', indicators: [{ type: 'phone', value: '+6591234567' }] });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('reads a report with its submitted indicators, and its ledger in order; nothing for an unknown id', async () => {
    const r = await repo.findById(first);
    expect(r).toMatchObject({
      id: first,
      status: 'processed',
      lossAmount: '1200.50',
      lossCurrency: 'SGD',
      reporterContact: { name: 'A', contact: 'a@example.org' },
      submitted: [{ value: 'https://reports.example.org/' }, { value: 'not an indicator at all' }],
    });
    expect(r?.processedAt).toBeInstanceOf(Date);
    expect(r?.cursorAt).toMatch(/\.\d{6}\+00$|\.\d{1,6}\+00$/);
    const ledger = await repo.indicatorsOf(first);
    expect(ledger.map((l) => [l.ordinal, l.status, l.type, l.fingerprint])).toEqual([
      [0, 'accepted', 'url', fp('url', 'https://reports.example.org/')],
      [1, 'rejected', null, null],
    ]);
    expect(ledger[1].reason).toEqual(expect.any(String));
    const unknown = '00000000-0000-4000-8000-00000000dead';
    expect(await repo.findById(unknown)).toBeUndefined();
    expect(await repo.indicatorsOf(unknown)).toEqual([]);
  });

  it('lists in received order with filters and a (received_at, id) cursor', async () => {
    expect((await repo.list({ limit: 10 })).map((r) => r.id)).toEqual([first, second]);
    expect((await repo.list({ limit: 10, scamType: 'investment' })).map((r) => r.id)).toEqual([second]);
    expect(await repo.list({ limit: 10, status: 'received' })).toEqual([]);
    const [a] = await repo.list({ limit: 1 });
    expect((await repo.list({ limit: 10, after: { receivedAt: a.cursorAt, id: a.id } })).map((r) => r.id)).toEqual([second]);
    expect((await repo.list({ limit: 10, from: a.cursorAt, to: a.cursorAt })).length).toBe(0);
    expect((await repo.list({ limit: 10, from: a.cursorAt })).map((r) => r.id)).toEqual([first, second]);
    expect(await repo.list({ limit: 10, from: '2999-01-01T00:00:00Z' })).toEqual([]);
  });
});
