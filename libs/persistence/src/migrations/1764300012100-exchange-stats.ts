import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the console's exchange page shows per partner that was not kept before: how many indicators the outbound
 * policy withheld, by reason, since the policy last changed (the cursor's generation); how often the partner
 * refused a push; and what arrived from it (batches, objects, indicators, refusals of its bundles by this node).
 */
export class ExchangeStats1764300012100 implements MigrationInterface {
  name = 'ExchangeStats1764300012100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE exchange_cursors
        ADD COLUMN withheld jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN refusals bigint NOT NULL DEFAULT 0,
        ADD COLUMN last_refusal_at timestamptz`);
    await q.query(`
      CREATE TABLE exchange_inbound_stats (
        partner_node_id text PRIMARY KEY REFERENCES exchange_partners(node_id) ON DELETE CASCADE,
        batches bigint NOT NULL DEFAULT 0,
        objects bigint NOT NULL DEFAULT 0,
        indicators bigint NOT NULL DEFAULT 0,
        last_batch_id text,
        last_received_at timestamptz,
        refusals bigint NOT NULL DEFAULT 0,
        last_refusal_reason text,
        last_refusal_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_inbound_stats`);
    await q.query(`ALTER TABLE exchange_cursors DROP COLUMN withheld, DROP COLUMN refusals, DROP COLUMN last_refusal_at`);
  }
}
