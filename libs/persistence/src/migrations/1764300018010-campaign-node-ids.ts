import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-occurrence links keyed by integer node ids (issue 13's cost goals). `campaign_links` holds about 2.4 rows per
 * report with three indexes; keyed by two 64-character fingerprints each row and index entry was ~10× wider than
 * the link itself, and inserting them was the largest cost of clustering. Every value gets an `id` in
 * `campaign_nodes` (its fingerprint stays the primary key: lookups by value are unchanged) and links name ids,
 * `a < b` by id. Analysts' and partners' links stay keyed by fingerprint: they are few, and they name values this
 * node may not have clustered yet. Existing rows are converted in place; down() converts them back.
 */
export class CampaignNodeIds1764300018010 implements MigrationInterface {
  name = 'CampaignNodeIds1764300018010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE campaign_nodes_id_seq AS int`);
    await q.query(`ALTER TABLE campaign_nodes ADD COLUMN id int`);
    await q.query(`UPDATE campaign_nodes n SET id = v.id FROM (
      SELECT fingerprint, nextval('campaign_nodes_id_seq')::int AS id FROM (SELECT fingerprint FROM campaign_nodes ORDER BY fingerprint) o) v
      WHERE v.fingerprint = n.fingerprint`);
    await q.query(`ALTER TABLE campaign_nodes ALTER COLUMN id SET DEFAULT nextval('campaign_nodes_id_seq'), ALTER COLUMN id SET NOT NULL`);
    await q.query(`ALTER SEQUENCE campaign_nodes_id_seq OWNED BY campaign_nodes.id`);
    await q.query(`CREATE UNIQUE INDEX campaign_nodes_id_idx ON campaign_nodes (id)`);
    await q.query(`ALTER TABLE campaign_links RENAME TO campaign_links_text`);
    await q.query(`
      CREATE TABLE campaign_links (
        a int NOT NULL,
        b int NOT NULL,
        reports int NOT NULL,
        first_at timestamptz NOT NULL,
        tlp_rank smallint NOT NULL DEFAULT 4,
        seq bigint NOT NULL DEFAULT nextval('campaign_links_seq'),
        CHECK (a < b)
      )`);
    await q.query(`
      INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank, seq)
      SELECT least(na.id, nb.id), greatest(na.id, nb.id), l.reports, l.first_at, l.tlp_rank, l.seq
        FROM campaign_links_text l JOIN campaign_nodes na ON na.fingerprint = l.a JOIN campaign_nodes nb ON nb.fingerprint = l.b`);
    await q.query(`DROP TABLE campaign_links_text`);
    await q.query(`ALTER TABLE campaign_links ADD PRIMARY KEY (a, b)`);
    await q.query(`CREATE INDEX campaign_links_b_idx ON campaign_links (b)`);
    await q.query(`CREATE INDEX campaign_links_seq_idx ON campaign_links (seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaign_links RENAME TO campaign_links_ids`);
    await q.query(`
      CREATE TABLE campaign_links (
        a text NOT NULL,
        b text NOT NULL,
        reports int NOT NULL,
        first_at timestamptz NOT NULL,
        tlp_rank smallint NOT NULL DEFAULT 4,
        seq bigint NOT NULL DEFAULT nextval('campaign_links_seq'),
        CHECK (a < b)
      )`);
    await q.query(`
      INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank, seq)
      SELECT least(na.fingerprint, nb.fingerprint), greatest(na.fingerprint, nb.fingerprint), l.reports, l.first_at, l.tlp_rank, l.seq
        FROM campaign_links_ids l JOIN campaign_nodes na ON na.id = l.a JOIN campaign_nodes nb ON nb.id = l.b`);
    await q.query(`DROP TABLE campaign_links_ids`);
    await q.query(`ALTER TABLE campaign_links ADD PRIMARY KEY (a, b)`);
    await q.query(`CREATE INDEX campaign_links_b_idx ON campaign_links (b)`);
    await q.query(`CREATE INDEX campaign_links_seq_idx ON campaign_links (seq)`);
    await q.query(`DROP INDEX campaign_nodes_id_idx`);
    await q.query(`ALTER TABLE campaign_nodes DROP COLUMN id`);
  }
}
