import { MigrationInterface, QueryRunner } from 'typeorm';

/** Analyst reviews and verdicts, appeals, review flags, and when each reporter's first report arrived. */
export class Policing1764300004000 implements MigrationInterface {
  name = 'Policing1764300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator_reporters ADD COLUMN first_received timestamptz NOT NULL DEFAULT now()`);
    // Verdicts are a history: the newest per indicator and jurisdiction is in force, older ones explain it.
    await q.query(`
      CREATE TABLE indicator_verdicts (
        id bigserial PRIMARY KEY,
        fingerprint text NOT NULL REFERENCES indicators(fingerprint),
        jurisdiction text NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('scam','legitimate')),
        note text,
        source text NOT NULL CHECK (source IN ('analyst','report_review','appeal')),
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX indicator_verdicts_fp_idx ON indicator_verdicts (fingerprint, jurisdiction, id DESC)`);
    await q.query(`
      CREATE TABLE report_reviews (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports(id),
        verdict text NOT NULL CHECK (verdict IN ('confirmed','rejected','needs_info')),
        note text,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX report_reviews_report_idx ON report_reviews (report_id, id DESC)`);
    await q.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY,
        fingerprint text NOT NULL,
        type text NOT NULL,
        value text NOT NULL,
        contact text NOT NULL,
        reason text NOT NULL,
        client_hash text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','upheld','dismissed')),
        resolution_note text,
        resolved_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX appeals_status_idx ON appeals (status, created_at)`);
    await q.query(`
      CREATE TABLE indicator_flags (
        fingerprint text NOT NULL,
        jurisdiction text NOT NULL,
        flag text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        PRIMARY KEY (fingerprint, jurisdiction, flag)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['indicator_flags', 'appeals', 'report_reviews', 'indicator_verdicts']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE indicator_reporters DROP COLUMN first_received`);
  }
}
