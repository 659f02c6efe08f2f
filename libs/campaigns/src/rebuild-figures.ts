import type { PoolClient } from 'pg';
import { REPORTS_SQL } from '@scamintel/intake';
import { GroupStats, GroupsWriter, MIN_INDICATORS, MIN_REPORTS, addPartners } from './groups.writer';

const QUALIFIES = `f.indicators >= ${MIN_INDICATORS} AND f.reports >= ${MIN_REPORTS}`;
const FIGURES = ['indicators', 'reports', 'first_seen', 'last_seen', 'jurisdictions', 'scam_types', 'channels'];

/**
 * The rebuild's campaign rows, set-based: every group's figures from the ledger in one statement (the same figures
 * `GroupsWriter.stats` computes per group, times cut to the millisecond as a JS Date holds them), the partners'
 * aggregates added for the few groups that overlap a partner campaign, then only the differing rows written.
 * Works on the rebuild's scratch tables: `rb_groups` (group number, id, founding link), `rb_final` (each value's
 * id and group) and `rb_held` (the clustered ledger: report, value id) — the figures count clustered reports.
 */
export class RebuildFigures {
  constructor(
    private readonly tx: PoolClient,
    private readonly groups = new GroupsWriter(),
  ) {}

  /** Writes every group's campaign row; answers how many campaigns are live. */
  async write(): Promise<number> {
    const tx = this.tx;
    await tx.query(`
      CREATE TEMP TABLE rb_figures ON COMMIT DROP AS
      WITH members AS (SELECT component AS id, count(*)::int AS indicators FROM rb_final WHERE component IS NOT NULL GROUP BY component),
      held AS (SELECT DISTINCT f.component AS id, h.report_id FROM rb_held h JOIN rb_final f ON f.id = h.id WHERE f.component IS NOT NULL),
      seen AS (
        SELECT h.id, count(*)::int AS reports, date_trunc('milliseconds', min(r.occurred_at)) AS first_seen,
               date_trunc('milliseconds', max(r.occurred_at)) AS last_seen,
               array_remove(array_agg(DISTINCT r.jurisdiction), NULL) AS jurisdictions,
               array_remove(array_agg(DISTINCT r.scam_type), NULL) AS scam_types,
               array_remove(array_agg(DISTINCT r.channel), NULL) AS channels
          FROM held h JOIN ${REPORTS_SQL} r ON r.id = h.report_id GROUP BY h.id)
      SELECT g.id, g.seed_a, g.seed_b, g.seed_at, m.indicators, coalesce(s.reports, 0) AS reports, s.first_seen, s.last_seen,
             coalesce(s.jurisdictions, '{}') AS jurisdictions, coalesce(s.scam_types, '{}') AS scam_types, coalesce(s.channels, '{}') AS channels
        FROM rb_groups g JOIN members m ON m.id = g.id LEFT JOIN seen s ON s.id = g.id`);
    await tx.query(`CREATE UNIQUE INDEX ON rb_figures (id)`);
    await this.addPartnerAggregates();
    await tx.query(`
      UPDATE campaigns c SET live = false, updated_at = now()
       WHERE c.live AND NOT EXISTS (SELECT 1 FROM rb_figures f WHERE f.id = c.id AND ${QUALIFIES})`);
    const cols = FIGURES.map((c) => `c.${c}`).join(', ');
    const vals = FIGURES.map((c) => `f.${c}`).join(', ');
    await tx.query(`
      UPDATE campaigns c SET ${FIGURES.map((x) => `${x} = f.${x}`).join(', ')}, live = true, merged_into = NULL, updated_at = now()
        FROM rb_figures f
       WHERE f.id = c.id AND ${QUALIFIES} AND (${cols}, c.live, c.merged_into) IS DISTINCT FROM (${vals}, true, NULL::uuid)`);
    await tx.query(`
      INSERT INTO campaigns (id, seed_a, seed_b, seed_at, ${FIGURES.join(', ')})
      SELECT f.id, f.seed_a, f.seed_b, f.seed_at, ${vals} FROM rb_figures f
       WHERE ${QUALIFIES} AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = f.id)`);
    const { rows } = await tx.query(`SELECT count(*)::int AS n FROM campaigns WHERE live`);
    return rows[0].n;
  }

  /** The partners' campaigns counted into the groups they are shown in (as the incremental path does). */
  private async addPartnerAggregates(): Promise<void> {
    const { rows } = await this.tx.query(
      `SELECT DISTINCT n.component::text AS id FROM partner_campaign_members pm
         JOIN campaign_nodes n ON n.fingerprint = pm.fingerprint WHERE n.component IS NOT NULL`,
    );
    if (!rows.length) return;
    const ids = rows.map((r) => r.id as string);
    const { rows: figures } = await this.tx.query(
      `SELECT id::text, indicators, reports, first_seen AS "firstSeen", last_seen AS "lastSeen", jurisdictions,
              scam_types AS "scamTypes", channels FROM rb_figures WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const out = new Map<string, GroupStats>(figures.map((f) => [f.id, f as GroupStats]));
    addPartners(out, await this.groups.partnerCampaigns(this.tx, ids));
    const list = [...out];
    await this.tx.query(
      `UPDATE rb_figures f SET reports = v.reports, first_seen = v.fs, last_seen = v.ls, jurisdictions = string_to_array(v.j, ','),
              scam_types = string_to_array(v.st, ','), channels = string_to_array(v.ch, ',')
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
           AS v(id, reports, fs, ls, j, st, ch)
        WHERE f.id = v.id`,
      [
        list.map(([id]) => id),
        list.map(([, s]) => s.reports),
        list.map(([, s]) => s.firstSeen),
        list.map(([, s]) => s.lastSeen),
        list.map(([, s]) => [...s.jurisdictions].sort().join(',')),
        list.map(([, s]) => [...s.scamTypes].sort().join(',')),
        list.map(([, s]) => [...s.channels].sort().join(',')),
      ],
    );
  }
}
