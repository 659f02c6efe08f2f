import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (CONTRACT §11): the link graph of values seen together, the group each value sits in, and the groups
 * that qualify as campaigns with what analysts set on them. Links come from three sources kept apart so a rebuild
 * can recompute this node's own co-occurrence from the report ledger and keep the rest.
 */
export class Campaigns1764300013000 implements MigrationInterface {
  name = 'Campaigns1764300013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_nodes (
        fingerprint text PRIMARY KEY,
        reports int NOT NULL DEFAULT 0,
        partner_reports int NOT NULL DEFAULT 0,
        component uuid
      )`);
    await q.query(`CREATE INDEX campaign_nodes_component_idx ON campaign_nodes (component) WHERE component IS NOT NULL`);
    await q.query(`
      CREATE TABLE campaign_links (
        a text NOT NULL,
        b text NOT NULL,
        reports int NOT NULL,
        first_at timestamptz NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
      )`);
    await q.query(`CREATE INDEX campaign_links_b_idx ON campaign_links (b)`);
    await q.query(`
      CREATE TABLE campaign_manual_links (
        a text NOT NULL,
        b text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('link','cut')),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
      )`);
    await q.query(`CREATE INDEX campaign_manual_links_b_idx ON campaign_manual_links (b)`);
    await q.query(`
      CREATE TABLE campaign_partner_links (
        node_id text NOT NULL,
        a text NOT NULL,
        b text NOT NULL,
        reports int NOT NULL,
        first_at timestamptz NOT NULL,
        PRIMARY KEY (node_id, a, b),
        CHECK (a < b)
      )`);
    await q.query(`CREATE INDEX campaign_partner_links_a_idx ON campaign_partner_links (a)`);
    await q.query(`CREATE INDEX campaign_partner_links_b_idx ON campaign_partner_links (b)`);
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY,
        seed_a text NOT NULL,
        seed_b text NOT NULL,
        seed_at timestamptz NOT NULL,
        indicators int NOT NULL,
        reports int NOT NULL,
        first_seen timestamptz,
        last_seen timestamptz,
        live boolean NOT NULL DEFAULT true,
        merged_into uuid,
        name text,
        closed boolean NOT NULL DEFAULT false,
        origin_country text,
        origin_note text,
        tlp text NOT NULL DEFAULT 'amber',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaigns_live_reports_idx ON campaigns (reports DESC, id) WHERE live`);
    await q.query(`
      CREATE TABLE campaign_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('merge','split','link','cut','update')),
        campaign uuid NOT NULL,
        others uuid[] NOT NULL DEFAULT '{}',
        actor text,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX campaign_events_campaign_idx ON campaign_events (campaign, id)`);
    await q.query(`CREATE TABLE campaign_batches (outbox_id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE campaign_cursor (id int PRIMARY KEY CHECK (id = 1), low bigint NOT NULL)`);
    await q.query(`INSERT INTO campaign_cursor (id, low) VALUES (1, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'campaign_cursor',
      'campaign_batches',
      'campaign_events',
      'campaigns',
      'campaign_partner_links',
      'campaign_manual_links',
      'campaign_links',
      'campaign_nodes',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
