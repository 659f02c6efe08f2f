import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports a review excluded stop counting in campaigns too (issue 13, with issue 10 §4). `campaign_excluded` is the
 * set of reports the link graph leaves out: the worker compares it with `reports.excluded_at` and takes a report's
 * links out (or puts them back after an appeal) when the two differ. Existing exclusions need no backfill: the set
 * starts empty, so the worker's first run takes out every report excluded before this migration.
 * The partial index keeps that comparison a read of the few excluded reports, not of every report.
 */
export class CampaignExclusions1764300018000 implements MigrationInterface {
  name = 'CampaignExclusions1764300018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE campaign_excluded (report_id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX reports_excluded_idx ON reports (id) WHERE excluded_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reports_excluded_idx`);
    await q.query(`DROP TABLE campaign_excluded`);
  }
}
