import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppealsRepository } from '../../libs/policing/src/appeals.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, Seeder } from './seed';

const KNOWN = 'https://appeal-known.example.org/';

describe('AppealsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: AppealsRepository;
  const appeal = (id: string, value: string) => ({
    id,
    fingerprint: fp('url', value),
    type: 'url',
    value,
    contact: 'owner@example.org',
    reason: 'my shop',
    clientHash: 'c',
  });
  const A1 = '00000000-0000-4000-8000-0000000000a1';
  const A2 = '00000000-0000-4000-8000-0000000000a2';
  const A3 = '00000000-0000-4000-8000-0000000000a3';

  beforeAll(async () => {
    db = await createTemplatedDatabase('appeals_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new AppealsRepository(ds);
    await new Seeder(ds).reports({ indicators: [{ value: KNOWN }] });
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('stores appeals open, lists them oldest first by status, and finds one; an id is taken once', async () => {
    await repo.insert(appeal(A1, KNOWN));
    await repo.insert(appeal(A2, 'https://appeal-unknown.example.org/'));
    await repo.insert(appeal(A3, KNOWN));
    await expect(repo.insert(appeal(A1, KNOWN))).rejects.toThrow(/duplicate key/);
    expect((await repo.list(undefined, 10)).map((a) => [a.id, a.status])).toEqual([
      [A1, 'open'],
      [A2, 'open'],
      [A3, 'open'],
    ]);
    expect((await repo.list('open', 1)).map((a) => a.id)).toEqual([A1]);
    expect(await repo.list('upheld', 10)).toEqual([]);
    expect(await repo.find(A2)).toMatchObject({ id: A2, type: 'url', contact: 'owner@example.org', resolvedAt: null });
    expect(await repo.find('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('upholding marks a known value legitimate once; an unknown value gets no verdict; a resolved appeal stays resolved', async () => {
    expect(await repo.resolve(A1, 'upheld', 'checked', 'analyst:1', 'SG')).toBe(true);
    expect(await repo.resolve(A1, 'dismissed', undefined, 'analyst:1', 'SG')).toBe(false);
    expect(await repo.resolve(A2, 'upheld', undefined, 'analyst:1', 'SG')).toBe(true);
    expect(await repo.resolve(A3, 'dismissed', undefined, 'analyst:1', 'SG')).toBe(true);
    expect(await repo.resolve('00000000-0000-4000-8000-00000000dead', 'upheld', undefined, 'analyst:1', 'SG')).toBe(false);
    const { rows } = await sql.query(`SELECT fingerprint, jurisdiction, verdict, source, note FROM indicator_verdicts`);
    expect(rows).toEqual([
      { fingerprint: fp('url', KNOWN), jurisdiction: 'SG', verdict: 'legitimate', source: 'appeal', note: `appeal ${A1} upheld: checked` },
    ]);
    expect(await repo.find(A1)).toMatchObject({ status: 'upheld', resolutionNote: 'checked' });
    expect((await repo.list('dismissed', 10)).map((a) => a.id)).toEqual([A3]);
  });
});
