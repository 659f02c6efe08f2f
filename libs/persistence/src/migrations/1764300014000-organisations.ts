import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation profiles on API keys (CONTRACT §12): sector, bank codes, platforms, jurisdiction. */
export class Organisations1764300014000 implements MigrationInterface {
  name = 'Organisations1764300014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_keys
        ADD COLUMN sector text CHECK (sector IN ('bank','telco','platform','government','ngo','other')),
        ADD COLUMN bank_codes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN platforms text[] NOT NULL DEFAULT '{}',
        ADD COLUMN jurisdiction text CHECK (jurisdiction ~ '^[A-Z]{2}$')`);
    // Routing reads the active reporter keys of a sector.
    await q.query(`CREATE INDEX api_keys_sector_idx ON api_keys (sector) WHERE revoked_at IS NULL AND role = 'reporter'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX api_keys_sector_idx`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN sector, DROP COLUMN bank_codes, DROP COLUMN platforms, DROP COLUMN jurisdiction`);
  }
}
