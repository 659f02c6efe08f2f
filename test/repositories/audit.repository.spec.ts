import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../libs/audit/src/audit.repository';
import { GENESIS_HASH, verifyChain } from '../../libs/audit/src/core/chain';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';

describe('AuditRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: AuditRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('audit_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new AuditRepository(ds);
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('starts at the genesis head; concurrent appends make one unbroken chain', async () => {
    expect(await repo.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(await repo.page(0, 10)).toEqual([]);
    const first = await repo.append({ actor: 'admin:1', action: 'key.created', subject: 'k1', details: { role: 'reporter' } });
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, subject: 'k1' });
    await Promise.all(Array.from({ length: 8 }, (_, i) => repo.append({ actor: 'admin:1', action: 'key.revoked', details: { i } })));
    const all = await repo.all();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(verifyChain(all).ok).toBe(true);
    expect(all[1].subject).toBeUndefined();
    expect(await repo.head()).toEqual({ seq: 9, hash: all[8].hash });
    expect((await repo.page(7, 10)).map((e) => e.seq)).toEqual([8, 9]);
    expect((await repo.page(0, 2)).map((e) => e.hash)).toEqual([all[0].hash, all[1].hash]);
    expect(await repo.page(9, 10)).toEqual([]);
  });

  it('stores witnessed and partner heads once per (partner, seq)', async () => {
    await repo.saveWitnessedHead('kr-node', { seq: 5, hash: 'h5' }, { sig: 'a' });
    await repo.saveWitnessedHead('kr-node', { seq: 5, hash: 'other' }, { sig: 'b' });
    await repo.saveWitnessedHead('au-node', { seq: 3, hash: 'h3' }, {});
    expect(await repo.witnessedHeads()).toEqual([
      { partnerNodeId: 'au-node', seq: 3, hash: 'h3' },
      { partnerNodeId: 'kr-node', seq: 5, hash: 'h5' },
    ]);
    await repo.savePartnerHead('kr-node', { seq: 2, hash: 'p2' });
    await repo.savePartnerHead('kr-node', { seq: 2, hash: 'changed' });
    expect((await sql.query(`SELECT partner_node_id, seq::int, hash FROM partner_audit_heads`)).rows).toEqual([
      { partner_node_id: 'kr-node', seq: 2, hash: 'p2' },
    ]);
  });
});
