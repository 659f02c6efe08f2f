import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TAXII object-by-id through an index (issue 10 §4). STIX ids are UUIDv5 of values (or of their pseudonyms under
 * a partner's key) and this node, which SQL cannot compute, so the feed writes each indicator's object ids here
 * as it catches up with the indicators (per scope: '' for plain ids, a digest of a pseudonym key for its ids),
 * and `taxii_object_id_marks` remembers how far each scope got in the export order.
 */
export class TaxiiObjectIds1764300016600 implements MigrationInterface {
  name = 'TaxiiObjectIds1764300016600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taxii_object_ids (
        object_id text NOT NULL,
        scope text NOT NULL,
        fingerprint text NOT NULL REFERENCES indicators(fingerprint),
        PRIMARY KEY (object_id, scope, fingerprint)
      )`);
    await q.query(`
      CREATE TABLE taxii_object_id_marks (
        scope text PRIMARY KEY,
        at timestamptz NOT NULL,
        fingerprint text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE taxii_object_id_marks`);
    await q.query(`DROP TABLE taxii_object_ids`);
  }
}
