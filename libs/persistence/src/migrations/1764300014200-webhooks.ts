import { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook subscriptions per API key and their deliveries (CONTRACT §12, Standard Webhooks). */
export class Webhooks1764300014200 implements MigrationInterface {
  name = 'Webhooks1764300014200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        key_id uuid NOT NULL REFERENCES api_keys(id),
        url text NOT NULL,
        events text[] NOT NULL,
        filter jsonb,
        secret text NOT NULL,
        failures int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        disabled_reason text,
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_key_idx ON webhook_subscriptions (key_id, created_at) WHERE deleted_at IS NULL`);
    // The id is the Standard Webhooks message id (webhook-id): the same on every retry and replay of a delivery.
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
        type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','delivered','failed','cancelled')),
        attempts int NOT NULL DEFAULT 0,
        last_status int,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_sub_idx ON webhook_deliveries (subscription_id, created_at DESC)`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
