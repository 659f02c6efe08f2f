import { Client } from 'pg';
import { createTestDatabase, sqlClient } from './support/db';

/**
 * Issue 10 §4: TAXII object-by-id is an index lookup. With 20,000 indicators (60,000 ids) the planner reads the
 * primary key of taxii_object_ids, the query ObjectIdsRepository.holders sends, instead of scanning.
 */
describe('TAXII object ids: served by an index', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase('taxii_ids');
    sql = await sqlClient(db.url);
    await sql.query(
      `INSERT INTO indicators (fingerprint, type, value, attributes, first_seen, last_seen)
       SELECT md5(n::text) || md5((n + 1)::text), 'domain', 'd' || n || '.example', '{}', now(), now() FROM generate_series(1, 20000) n`,
    );
    await sql.query(
      `INSERT INTO taxii_object_ids (object_id, scope, fingerprint)
       SELECT k || '--' || md5(n::text || k), '', md5(n::text) || md5((n + 1)::text)
         FROM generate_series(1, 20000) n CROSS JOIN unnest(ARRAY['domain-name', 'indicator', 'sighting']) k`,
    );
    await sql.query(`ANALYZE taxii_object_ids`);
  });

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it('EXPLAIN: an index scan of the primary key, no sequential scan', async () => {
    const id = (await sql.query(`SELECT object_id FROM taxii_object_ids WHERE object_id LIKE 'indicator--%' LIMIT 1`)).rows[0].object_id;
    const plan = (
      await sql.query(
        `EXPLAIN SELECT DISTINCT fingerprint FROM taxii_object_ids WHERE object_id = $1 AND scope = ANY($2::text[]) ORDER BY fingerprint`,
        [id, ['', 'k:0123']],
      )
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using taxii_object_ids_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
    const hit = await sql.query(`SELECT fingerprint FROM taxii_object_ids WHERE object_id = $1 AND scope = ANY($2::text[])`, [id, ['']]);
    expect(hit.rows).toHaveLength(1);
  });
});
