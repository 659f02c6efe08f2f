import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web pages (libs/web): analyst console sessions, and the receipt codes of reports sent through the public form.
 *
 * Neither table holds a secret in the clear: a session is found by the SHA-256 of its cookie value, a receipt by
 * the SHA-256 of its code. A session names the key it was opened with, so revoking the key ends it (the console
 * checks the key on every request) and deleting a key deletes its sessions.
 */
export class Web1764300012000 implements MigrationInterface {
  name = 'Web1764300012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_sessions (
        id_hash text PRIMARY KEY,
        key_id uuid NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX web_sessions_key_idx ON web_sessions (key_id)`);
    await q.query(`CREATE INDEX web_sessions_expiry_idx ON web_sessions (expires_at)`);
    await q.query(`
      CREATE TABLE web_report_receipts (
        code_hash text PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX web_report_receipts_report_idx ON web_report_receipts (report_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_report_receipts`);
    await q.query(`DROP TABLE web_sessions`);
  }
}
