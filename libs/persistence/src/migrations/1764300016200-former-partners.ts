import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DELETE /v1/admin/partners/:nodeId (CONTRACT §7) ends a partnership but keeps what the partner sent: its rows in
 * partner_sightings stay, marked with when the partnership ended (cleared if it is registered again).
 */
export class FormerPartners1764300016200 implements MigrationInterface {
  name = 'FormerPartners1764300016200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_sightings ADD COLUMN partner_ended_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_sightings DROP COLUMN partner_ended_at`);
  }
}
