import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report rejected in review stops counting (issue 10 §4): `excluded_at` is set while its latest review
 * rejects it, and the aggregates built from its sightings (indicator_stats, indicator_reporters) are rebuilt
 * without it. The column is the state the rebuild keys on, so a second rejection finds nothing to change.
 */
export class ReportExclusion1764300016500 implements MigrationInterface {
  name = 'ReportExclusion1764300016500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN excluded_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports DROP COLUMN excluded_at`);
  }
}
