import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ExchangeIndicator } from '../../libs/exchange/src/core/indicator';
import { InboundRepository } from '../../libs/exchange/src/inbound/inbound.repository';
import { PartnersRepository } from '../../libs/exchange/src/partners/partners.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { partner } from './seed';

const record = (fingerprint: string, over: Partial<ExchangeIndicator> = {}): ExchangeIndicator => ({
  fingerprint,
  type: 'url',
  value: `https://${fingerprint}.example.org/`,
  pseudonymised: false,
  tlp: 'green',
  confidence: 60,
  verdict: 'suspicious',
  revoked: false,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-02T00:00:00.000Z',
  sightings: 3,
  reporters: 2,
  scamTypes: ['phishing'],
  attributes: {},
  modified: '2026-11-02T00:00:00.000Z',
  ...over,
});
const from = { sourceNode: 'kr-node', jurisdiction: 'KR', batchId: 'b1', digest: 'd1' };

describe('InboundRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: InboundRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('inbound_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new InboundRepository(ds);
    await new PartnersRepository(ds).upsert(partner('kr-node'));
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('claims a nonce once until it expires; purging removes only expired ones', async () => {
    expect(await repo.claimNonce('k1', 'n1', 60)).toBe(true);
    expect(await repo.claimNonce('k1', 'n1', 60)).toBe(false);
    expect(await repo.claimNonce('k2', 'n1', 60)).toBe(true);
    expect(await repo.claimNonce('k1', 'old', -1)).toBe(true);
    expect(await repo.claimNonce('k1', 'old', 60)).toBe(true);
    await repo.claimNonce('k1', 'gone', -1);
    expect(await repo.purgeNonces()).toBe(1);
    expect(await repo.purgeNonces()).toBe(0);
  });

  it('counts received and refused batches per partner', async () => {
    await repo.noteReceived('kr-node', 'b1', 10, 8);
    await repo.noteReceived('kr-node', 'b2', 5, 4);
    await repo.noteRefused('kr-node', 'invalid STIX');
    const { rows } = await sql.query(
      `SELECT batches::int, objects::int, indicators::int, last_batch_id, refusals::int, last_refusal_reason FROM exchange_inbound_stats`,
    );
    expect(rows).toEqual([
      { batches: 2, objects: 15, indicators: 12, last_batch_id: 'b2', refusals: 1, last_refusal_reason: 'invalid STIX' },
    ]);
    await expect(repo.noteReceived('nobody', 'b', 1, 1)).rejects.toThrow(/foreign key/);
  });

  it('upserts records by (source, fingerprint): a replay or an older version changes nothing, a newer one replaces', async () => {
    expect(await repo.upsertSightings(from, [])).toBe(0);
    expect(await repo.upsertSightings(from, [record('f1'), record('f2', { narratives: ['told'] })])).toBe(2);
    expect(await repo.upsertSightings(from, [record('f1'), record('f2', { narratives: ['told'] })])).toBe(0);
    expect(await repo.upsertSightings(from, [record('f1', { sightings: 9, modified: '2026-11-01T00:00:00.000Z' })])).toBe(0);
    // Same version, other content (a corrected record): replaced.
    expect(await repo.upsertSightings({ ...from, batchId: 'b2' }, [record('f1', { sightings: 4 })])).toBe(1);
    expect(await repo.upsertSightings(from, [record('f1', { sightings: 5, modified: '2026-11-03T00:00:00.000Z' })])).toBe(1);
    // A lone surrogate takes the array form and is stored as U+FFFD, like before.
    expect(await repo.upsertSightings(from, [record('f3', { value: 'https://x.example.org/\ud800' })])).toBe(1);
    const { rows } = await sql.query(
      `SELECT fingerprint, batch_id, sightings, narratives, scam_types, value FROM partner_sightings ORDER BY fingerprint`,
    );
    expect(rows.map((r) => [r.fingerprint, r.batch_id, r.sightings, r.narratives])).toEqual([
      ['f1', 'b1', 5, null],
      ['f2', 'b1', 3, ['told']],
      ['f3', 'b1', 3, null],
    ]);
    expect(rows[2].value).toBe('https://x.example.org/\ufffd');
  });
});
