import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bilateral exchange (CONTRACT §7): registered partners with their policy, the per-partner push cursor, the
 * nonces of signed requests (replay protection shared by every API process) and what partners sent us.
 *
 * Partner data lives only in partner_sightings, never in indicators/indicator_stats: the export reads those
 * two tables, so data that came from another node can never be sent on.
 */
export class Exchange1764300002000 implements MigrationInterface {
  name = 'Exchange1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_partners (
        node_id text PRIMARY KEY CHECK (node_id ~ '^[a-z0-9-]{2,32}$'),
        jurisdiction text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}$'),
        base_url text NOT NULL,
        public_key text NOT NULL,
        key_id text NOT NULL UNIQUE,
        policy jsonb NOT NULL,
        pseudonym_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Where the push to each partner stands: the last (indicators.updated_at, fingerprint) the partner
    // acknowledged with a valid signed receipt. generation changes whenever the policy does (everything is
    // re-examined under the new policy), so a push that started under the old one cannot move the cursor.
    await q.query(`
      CREATE TABLE exchange_cursors (
        partner_node_id text PRIMARY KEY REFERENCES exchange_partners(node_id) ON DELETE CASCADE,
        generation int NOT NULL DEFAULT 1,
        after_at timestamptz,
        after_fingerprint text,
        batches bigint NOT NULL DEFAULT 0,
        indicators_sent bigint NOT NULL DEFAULT 0,
        last_batch_id text,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        CHECK ((after_at IS NULL) = (after_fingerprint IS NULL))
      )`);
    await q.query(`
      CREATE TABLE exchange_nonces (
        key_id text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (key_id, nonce)
      )`);
    await q.query(`CREATE INDEX exchange_nonces_expiry_idx ON exchange_nonces (expires_at)`);
    // One row per (sending node, fingerprint): a later batch replaces the row, a repeated one changes nothing.
    // For pseudonymised types value is the HMAC and fingerprint = sha256(type + "\n" + HMAC).
    await q.query(`
      CREATE TABLE partner_sightings (
        source_node text NOT NULL,
        fingerprint text NOT NULL,
        jurisdiction text NOT NULL,
        type text NOT NULL,
        value text NOT NULL,
        pseudonymised boolean NOT NULL,
        tlp text NOT NULL,
        confidence smallint NOT NULL,
        verdict text NOT NULL,
        revoked boolean NOT NULL,
        sightings int NOT NULL,
        reporters int NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        scam_types jsonb NOT NULL,
        attributes jsonb NOT NULL,
        narratives jsonb,
        modified timestamptz NOT NULL,
        content_hash text NOT NULL,
        batch_id text NOT NULL,
        digest text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_node, fingerprint)
      )`);
    await q.query(`CREATE INDEX partner_sightings_fp_idx ON partner_sightings (fingerprint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_sightings`);
    await q.query(`DROP TABLE exchange_nonces`);
    await q.query(`DROP TABLE exchange_cursors`);
    await q.query(`DROP TABLE exchange_partners`);
  }
}
