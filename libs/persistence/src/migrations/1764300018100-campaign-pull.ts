import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pulling node's own cursor into its partner's campaigns stream (GET /v1/exchange/campaigns), kept apart from
 * the outbox cursor: the two streams page by different orders (indicators by update, co-occurrence links by
 * sequence), and each moves only after its page is stored. The registration owns it, like the outbox cursor.
 */
export class CampaignPull1764300018100 implements MigrationInterface {
  name = 'CampaignPull1764300018100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_pull_cursors (
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
    await q.query(`DROP TABLE campaign_pull_cursors`);
  }
}
