import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is append-only at the database level: a trigger refuses UPDATE, DELETE and TRUNCATE for every
 * role, so the application cannot rewrite history even with a bug or a stolen connection string. Tampering
 * by someone who disables the trigger is caught by the hash chain and the partner's witnessed heads.
 */
export class Audit1764300001000 implements MigrationInterface {
  name = 'Audit1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject text,
        details jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
    // Heads of OUR chain that a partner signed in a receipt: the outside witness that catches a recomputed chain.
    await q.query(`
      CREATE TABLE audit_witnessed_heads (
        partner_node_id text NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        receipt jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_node_id, seq)
      )`);
    // Heads of the PARTNER's chain that it sent us with its pushes.
    await q.query(`
      CREATE TABLE partner_audit_heads (
        partner_node_id text NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_node_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_audit_heads`);
    await q.query(`DROP TABLE audit_witnessed_heads`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
