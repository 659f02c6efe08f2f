import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { IdScanRepository } from '../../libs/taxii/src/id-scan.repository';
import { ObjectIdsRepository } from '../../libs/taxii/src/object-ids.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';

// TAXII's two readers of the object-id index share a file: both walk indicators in the export order.
describe('IdScanRepository and ObjectIdsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let scan: IdScanRepository;
  let ids: ObjectIdsRepository;
  const T = '2026-11-01 00:00:00.000001+00';
  const LATER = '2026-11-02 00:00:00+00';
  const HORIZON = '2026-11-03 00:00:00+00';

  beforeAll(async () => {
    db = await createTemplatedDatabase('taxii_ids_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    scan = new IdScanRepository(ds);
    ids = new ObjectIdsRepository(ds);
    // Three indicators at one instant (order by fingerprint), one later, one above the horizon.
    await sql.query(
      `INSERT INTO indicators (fingerprint, type, value, first_seen, last_seen, updated_at)
       SELECT f, 'url', 'https://' || f || '.example.org/', now(), now(), u::timestamptz
         FROM (VALUES ('a', $1), ('b', $1), ('c', $1), ('d', $2), ('e', '2026-11-04 00:00:00+00')) v(f, u)`,
      [T, LATER],
    );
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('scans in (updated_at, fingerprint) order after a position and below the horizon, keeping microseconds', async () => {
    const all = await scan.after(null, HORIZON, 10);
    expect(all.map((r) => r.fingerprint)).toEqual(['a', 'b', 'c', 'd']);
    expect(all[0]).toEqual({ at: T, fingerprint: 'a', type: 'url', value: 'https://a.example.org/' });
    expect((await scan.after({ at: T, fingerprint: 'b' }, HORIZON, 10)).map((r) => r.fingerprint)).toEqual(['c', 'd']);
    expect((await scan.after(null, HORIZON, 2)).map((r) => r.fingerprint)).toEqual(['a', 'b']);
    expect(await scan.after({ at: LATER, fingerprint: 'd' }, HORIZON, 10)).toEqual([]);
  });

  it('finds an indicator’s position just before it (for a page of one); none above the horizon or unknown', async () => {
    expect(await ids.position('b', HORIZON)).toEqual({
      at: T,
      fingerprint: 'b',
      type: 'url',
      value: 'https://b.example.org/',
      before: { at: T, fingerprint: 'a' },
    });
    expect((await ids.position('a', HORIZON))?.before).toEqual({ at: T, fingerprint: '' });
    expect(await ids.position('e', HORIZON)).toBeUndefined();
    expect(await ids.position('nope', HORIZON)).toBeUndefined();
  });

  it('indexes object ids per scope idempotently and only ever moves a scope’s mark forward', async () => {
    expect(await ids.mark('partner:kr')).toBeNull();
    await ids.save('partner:kr', [{ objectId: 'indicator--1', scope: 'partner:kr', fingerprint: 'a' }], { at: T, fingerprint: 'b' });
    await ids.save(
      'partner:kr',
      [
        { objectId: 'indicator--1', scope: 'partner:kr', fingerprint: 'a' },
        { objectId: 'indicator--1', scope: 'public', fingerprint: 'c' },
      ],
      { at: T, fingerprint: 'a' },
    );
    expect(await ids.mark('partner:kr')).toEqual({ at: T, fingerprint: 'b' });
    await ids.save('partner:kr', [], { at: LATER, fingerprint: 'd' });
    expect(await ids.mark('partner:kr')).toEqual({ at: '2026-11-02 00:00:00+00', fingerprint: 'd' });
    expect(await ids.holders('indicator--1', ['partner:kr'])).toEqual(['a']);
    expect(await ids.holders('indicator--1', ['partner:kr', 'public'])).toEqual(['a', 'c']);
    expect(await ids.holders('indicator--1', [])).toEqual([]);
    expect(await ids.holders('indicator--2', ['public'])).toEqual([]);
  });
});
