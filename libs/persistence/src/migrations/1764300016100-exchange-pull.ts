import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pull (CONTRACT §7): each partner says how this node exchanges with it — push (the default), pull or both — and
 * a pulling node keeps its own cursor into the partner's outbox: the partner's opaque `next`, stored only after
 * the page it ends is ingested.
 */
export class ExchangePull1764300016100 implements MigrationInterface {
  name = 'ExchangePull1764300016100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exchange_partners ADD COLUMN mode text NOT NULL DEFAULT 'push' CHECK (mode IN ('push', 'pull', 'both'))`);
    await q.query(`
      CREATE TABLE exchange_pull_cursors (
        partner_node_id text PRIMARY KEY REFERENCES exchange_partners(node_id) ON DELETE CASCADE,
        after text,
        pages bigint NOT NULL DEFAULT 0,
        objects bigint NOT NULL DEFAULT 0,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_pull_cursors`);
    await q.query(`ALTER TABLE exchange_partners DROP COLUMN mode`);
  }
}
