import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PartnersRepository } from '../../libs/exchange/src/partners/partners.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { partner, Seeder } from './seed';

describe('PartnersRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: PartnersRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('partners_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new PartnersRepository(ds);
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('creates a partner with a cursor at the start; an unchanged policy keeps the cursor, a new one starts it over', async () => {
    const created = await repo.upsert(partner('kr-node'));
    expect(created).toMatchObject({ created: true, cursorReset: false, after: { nodeId: 'kr-node', jurisdiction: 'KR', mode: 'push' } });
    expect(await repo.cursor('kr-node')).toMatchObject({ generation: 1, after: null, batches: 0, indicatorsSent: 0 });
    const to = { at: '2026-11-01 00:00:00.123456+00', fingerprint: 'f1' };
    expect(await repo.advance('kr-node', 1, null, to, { batchId: 'b1', indicators: 3 }, { tlp_red: 2 })).toBe(true);
    // A stale compare-and-set (from the start again) does not move it.
    expect(await repo.advance('kr-node', 1, null, to)).toBe(false);
    expect(await repo.cursor('kr-node')).toMatchObject({ after: to, batches: 1, indicatorsSent: 3, lastBatchId: 'b1' });
    expect((await repo.upsert(partner('kr-node', { baseUrl: 'https://other.example.org' }))).cursorReset).toBe(false);
    const changed = await repo.upsert(partner('kr-node', { policy: { ...partner('x').policy, maxTlp: 'green' } }));
    expect(changed).toMatchObject({ created: false, cursorReset: true, before: { baseUrl: 'https://other.example.org' } });
    expect(await repo.cursor('kr-node')).toMatchObject({ generation: 2, after: null, batches: 1 });
    expect(await repo.advance('kr-node', 1, null, to)).toBe(false);
  });

  it('lists partners with their cursors, notes errors and refusals, and reports exchange status', async () => {
    await repo.upsert(partner('au-node', { jurisdiction: 'AU', mode: 'both', pseudonymKey: 'secret' }));
    await repo.noteError('au-node', 'x'.repeat(600), true);
    await repo.noteError('au-node', 'unreachable');
    expect((await repo.list()).map((p) => [p.nodeId, p.cursor.generation])).toEqual([
      ['au-node', 1],
      ['kr-node', 2],
    ]);
    expect((await repo.all()).map((p) => p.nodeId)).toEqual(['au-node', 'kr-node']);
    expect((await repo.get('au-node'))?.pseudonymKey).toBe('secret');
    expect(await repo.get('nobody')).toBeUndefined();
    expect(await repo.cursor('nobody')).toBeUndefined();
    const [au] = await repo.exchangeStatus();
    expect(au).toMatchObject({
      nodeId: 'au-node',
      lastError: 'unreachable',
      pushRefusals: 1,
      held: 0,
      batchesReceived: 0,
      oldestUnsent: null,
    });
    await new Seeder(ds).reports({});
    expect((await repo.exchangeStatus())[0].oldestUnsent).toBeInstanceOf(Date);
  });

  it('removing a partner keeps what it sent, marked; registering it again unmarks it; unknown ids are undefined', async () => {
    await sql.query(
      `INSERT INTO partner_sightings (source_node, jurisdiction, batch_id, digest, fingerprint, type, value, pseudonymised, tlp, confidence, verdict,
         revoked, sightings, reporters, first_seen, last_seen, scam_types, attributes, modified, content_hash)
       VALUES ('au-node', 'AU', 'b', 'd', 'f1', 'url', 'https://x.example.org/', false, 'green', 50, 'suspicious', false, 1, 1, now(), now(),
               '[]', '{}', now(), 'h')`,
    );
    const removed = await repo.remove('au-node');
    expect(removed).toMatchObject({ removed: { nodeId: 'au-node' }, kept: 1 });
    expect((await sql.query(`SELECT partner_ended_at FROM partner_sightings`)).rows[0].partner_ended_at).toEqual(removed!.endedAt);
    expect(await repo.cursor('au-node')).toBeUndefined();
    expect(await repo.remove('au-node')).toBeUndefined();
    await repo.upsert(partner('au-node'));
    expect((await sql.query(`SELECT partner_ended_at FROM partner_sightings`)).rows[0].partner_ended_at).toBeNull();
  });
});
