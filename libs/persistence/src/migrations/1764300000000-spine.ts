import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys, reports with their intake outbox, indicators and the per-jurisdiction sighting aggregates. */
export class Spine1764300000000 implements MigrationInterface {
  name = 'Spine1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('reporter','analyst','partner','admin')),
        organisation text NOT NULL,
        trust text NOT NULL CHECK (trust IN ('low','medium','high')),
        partner_node_id text,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        submitter_key_id uuid REFERENCES api_keys(id),
        reporter_key text NOT NULL,
        reporter_trust text NOT NULL,
        jurisdiction text NOT NULL,
        scam_type text NOT NULL,
        channel text NOT NULL,
        occurred_at timestamptz NOT NULL,
        loss_amount numeric(20,2),
        loss_currency text,
        narrative text,
        tlp text NOT NULL,
        reporter_contact jsonb,
        external_ref text,
        indicators jsonb NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','processed','failed')),
        failure text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX reports_received_idx ON reports (received_at, id)`);
    await q.query(`CREATE INDEX reports_submitter_idx ON reports (submitter_key_id, received_at)`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        body_hash text NOT NULL,
        report_ids uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    // One outbox row per accepted request, committed with its reports: the relay re-enqueues what is not done.
    await q.query(`
      CREATE TABLE intake_outbox (
        id bigserial PRIMARY KEY,
        report_ids uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX intake_outbox_pending_idx ON intake_outbox (id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE TABLE indicators (
        fingerprint text PRIMARY KEY,
        type text NOT NULL,
        value text NOT NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        warninglist text,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX indicators_updated_idx ON indicators (updated_at, fingerprint)`);
    await q.query(`CREATE INDEX indicators_type_idx ON indicators (type, updated_at)`);
    // The sighting ledger: one row per indicator position in a report. Its primary key is what makes a
    // re-processed report count nothing twice.
    await q.query(`
      CREATE TABLE report_indicators (
        report_id uuid NOT NULL REFERENCES reports(id),
        ordinal int NOT NULL,
        raw text NOT NULL,
        source text NOT NULL,
        type text,
        value text,
        fingerprint text,
        status text NOT NULL CHECK (status IN ('accepted','rejected','warninglisted')),
        reason text,
        counted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (report_id, ordinal)
      )`);
    await q.query(`CREATE INDEX report_indicators_fp_idx ON report_indicators (fingerprint)`);
    await q.query(`
      CREATE TABLE indicator_stats (
        fingerprint text NOT NULL REFERENCES indicators(fingerprint),
        jurisdiction text NOT NULL,
        reports int NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        scam_types jsonb NOT NULL DEFAULT '{}',
        channels jsonb NOT NULL DEFAULT '{}',
        losses jsonb NOT NULL DEFAULT '{}',
        tlp_rank smallint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fingerprint, jurisdiction)
      )`);
    await q.query(`
      CREATE TABLE indicator_reporters (
        fingerprint text NOT NULL,
        jurisdiction text NOT NULL,
        reporter_key text NOT NULL,
        trust text NOT NULL,
        reports int NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (fingerprint, jurisdiction, reporter_key)
      )`);
    // Adds the numeric values of b into a, key by key: counts of scam types and decimal-string losses alike.
    await q.query(`
      CREATE FUNCTION jsonb_sum_merge(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
          SELECT k, to_jsonb(sum((v #>> '{}')::numeric)) AS v
          FROM (SELECT * FROM jsonb_each(coalesce(a, '{}')) UNION ALL SELECT * FROM jsonb_each(coalesce(b, '{}'))) AS t(k, v)
          GROUP BY k
        ) s
      $$`);
    // The same for money: decimal strings in, decimal strings out, so no amount passes through a float.
    await q.query(`
      CREATE FUNCTION jsonb_sum_merge_decimal(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
          SELECT k, to_jsonb(sum((v #>> '{}')::numeric)::text) AS v
          FROM (SELECT * FROM jsonb_each(coalesce(a, '{}')) UNION ALL SELECT * FROM jsonb_each(coalesce(b, '{}'))) AS t(k, v)
          GROUP BY k
        ) s
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION jsonb_sum_merge_decimal(jsonb, jsonb)`);
    await q.query(`DROP FUNCTION jsonb_sum_merge(jsonb, jsonb)`);
    for (const t of [
      'indicator_reporters',
      'indicator_stats',
      'report_indicators',
      'indicators',
      'intake_outbox',
      'idempotency_keys',
      'reports',
      'api_keys',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
