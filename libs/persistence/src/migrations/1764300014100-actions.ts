import { MigrationInterface, QueryRunner } from 'typeorm';

/** Disruption actions (CONTRACT §12) and their history; a partner's request is unique per (requesting node, its id). */
export class Actions1764300014100 implements MigrationInterface {
  name = 'Actions1764300014100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE actions (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('freeze_account','block_number','takedown','restrict')),
        type text NOT NULL,
        value text NOT NULL,
        fingerprint text NOT NULL,
        reason text NOT NULL,
        case_ref text,
        state text NOT NULL CHECK (state IN ('requested','acknowledged','done','declined','released','expired')),
        assignees text[] NOT NULL DEFAULT '{}',
        requested_by text NOT NULL,
        partner text,
        from_node text,
        remote_id uuid,
        expires_in_days int,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        assigned_at timestamptz,
        ack_due_at timestamptz,
        acknowledged_at timestamptz,
        done_at timestamptz,
        closed_at timestamptz,
        expires_at timestamptz,
        sent_at timestamptz,
        delivery_error text,
        reported_version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL,
        CHECK (partner IS NULL OR from_node IS NULL),
        UNIQUE (from_node, remote_id)
      )`);
    await q.query(`CREATE INDEX actions_created_idx ON actions (created_at DESC, id)`);
    await q.query(`CREATE INDEX actions_assignees_idx ON actions USING gin (assignees)`);
    await q.query(`CREATE INDEX actions_expiry_idx ON actions (expires_at) WHERE state = 'done' AND partner IS NULL`);
    // What still has to travel: requests not yet delivered to the partner, states not yet reported back to the requester.
    await q.query(
      `CREATE INDEX actions_unsent_idx ON actions (created_at) WHERE partner IS NOT NULL AND sent_at IS NULL AND delivery_error IS NULL`,
    );
    await q.query(`CREATE INDEX actions_unreported_idx ON actions (updated_at) WHERE from_node IS NOT NULL AND reported_version < version`);
    await q.query(`
      CREATE TABLE action_events (
        id bigserial PRIMARY KEY,
        action_id uuid NOT NULL REFERENCES actions(id),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX action_events_action_idx ON action_events (action_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE action_events`);
    await q.query(`DROP TABLE actions`);
  }
}
