import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the campaign list filters on, kept with each campaign as the worker writes it, and the aggregates partners
 * share per campaign (counts, losses per currency — never report contents) with the values each one holds.
 */
export class CampaignRecords1764300013100 implements MigrationInterface {
  name = 'CampaignRecords1764300013100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN jurisdictions text[] NOT NULL DEFAULT '{}',
      ADD COLUMN scam_types text[] NOT NULL DEFAULT '{}', ADD COLUMN channels text[] NOT NULL DEFAULT '{}'`);
    // What may travel: a link is as shareable as the most shareable report holding both values; `seq` orders
    // changes so each partner is sent only what changed since its cursor.
    await q.query(`CREATE SEQUENCE campaign_links_seq`);
    await q.query(`ALTER TABLE campaign_links ADD COLUMN tlp_rank smallint NOT NULL DEFAULT 4,
      ADD COLUMN seq bigint NOT NULL DEFAULT nextval('campaign_links_seq')`);
    await q.query(`CREATE INDEX campaign_links_seq_idx ON campaign_links (seq)`);
    await q.query(`
      CREATE TABLE campaign_partner_nodes (
        node_id text NOT NULL,
        fingerprint text NOT NULL,
        reports int NOT NULL,
        PRIMARY KEY (node_id, fingerprint)
      )`);
    await q.query(`
      CREATE TABLE campaign_shares (
        partner text PRIMARY KEY,
        links_seq bigint NOT NULL DEFAULT 0,
        campaigns_digest text,
        sent_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE partner_campaigns (
        node_id text NOT NULL,
        stix_id text NOT NULL,
        name text NOT NULL,
        reports int NOT NULL,
        jurisdictions text[] NOT NULL,
        scam_types text[] NOT NULL,
        channels text[] NOT NULL,
        losses jsonb NOT NULL,
        first_seen timestamptz,
        last_seen timestamptz,
        origin_country text,
        tlp text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (node_id, stix_id)
      )`);
    await q.query(`
      CREATE TABLE partner_campaign_members (
        node_id text NOT NULL,
        stix_id text NOT NULL,
        fingerprint text NOT NULL,
        PRIMARY KEY (node_id, stix_id, fingerprint)
      )`);
    await q.query(`CREATE INDEX partner_campaign_members_fp_idx ON partner_campaign_members (fingerprint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_campaign_members`);
    await q.query(`DROP TABLE campaign_shares`);
    await q.query(`DROP TABLE campaign_partner_nodes`);
    await q.query(`ALTER TABLE campaign_links DROP COLUMN tlp_rank, DROP COLUMN seq`);
    await q.query(`DROP SEQUENCE campaign_links_seq`);
    await q.query(`DROP TABLE partner_campaigns`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN jurisdictions, DROP COLUMN scam_types, DROP COLUMN channels`);
  }
}
