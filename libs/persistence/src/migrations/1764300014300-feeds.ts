import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verdict this node last published for each indicator, and when it changed: the blocklist feed and its `since`
 * deltas (revocations included) read it, and each change is an `indicator.verdict_changed` webhook event.
 */
export class Feeds1764300014300 implements MigrationInterface {
  name = 'Feeds1764300014300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verdict_states (
        fingerprint text PRIMARY KEY,
        type text NOT NULL,
        value text NOT NULL,
        verdict text NOT NULL,
        tlp_rank smallint NOT NULL,
        listed boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        checked_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX verdict_states_listed_idx ON verdict_states (changed_at DESC, fingerprint) WHERE listed`);
    await q.query(`CREATE INDEX verdict_states_changed_idx ON verdict_states (changed_at, fingerprint)`);
    await q.query(`CREATE INDEX verdict_states_recheck_idx ON verdict_states (checked_at) WHERE verdict IN ('scam','suspicious')`);
    await q.query(
      `CREATE TABLE feed_watermark (id int PRIMARY KEY CHECK (id = 1), indicators_until timestamptz NOT NULL, verdicts_until bigint NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feed_watermark`);
    await q.query(`DROP TABLE verdict_states`);
  }
}
