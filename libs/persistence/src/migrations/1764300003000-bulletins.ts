import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulletins: one row per version of a period's bulletin. A published version is never changed again; asking for
 * the same period once more either replaces the unpublished draft (same row, `revision` + 1) or, when the latest
 * version is published, starts version + 1. `figures` holds the built, already-suppressed and masked figures only:
 * never the raw input (unmasked indicator values).
 */
export class Bulletins1764300003000 implements MigrationInterface {
  name = 'Bulletins1764300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulletins (
        id uuid PRIMARY KEY,
        period_from date NOT NULL,
        period_to date NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        revision int NOT NULL DEFAULT 1,
        languages text[] NOT NULL CHECK (cardinality(languages) >= 1),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','ready','failed')),
        published_at timestamptz,
        published_by text,
        figures jsonb,
        failure text,
        requested_by text NOT NULL,
        request_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (period_from, period_to, version),
        CHECK (period_to > period_from),
        CHECK (published_at IS NULL OR (status = 'ready' AND figures IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX bulletins_created_idx ON bulletins (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX bulletins_published_idx ON bulletins (published_at DESC, id DESC) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX bulletins_pending_idx ON bulletins (updated_at) WHERE status = 'pending'`);
    // The bulletin's period queries read processed reports of one jurisdiction by time of the scam.
    await q.query(`CREATE INDEX reports_processed_occurred_idx ON reports (jurisdiction, occurred_at) WHERE status = 'processed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reports_processed_occurred_idx`);
    await q.query(`DROP TABLE bulletins`);
  }
}
