import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReceivedCampaign, ReceivedLink } from '@scamintel/campaigns-core';
import { poolOf, query, transaction } from '@scamintel/persistence';
import { GRAPH_LOCK, GraphRepository } from '../graph.repository';

/** What partners send about campaigns, stored as absolute values (a batch received twice changes nothing). */
@Injectable()
export class CampaignsInboundRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly graph: GraphRepository,
  ) {}

  /** This node's indicators of the given types, to recognise a partner's pseudonyms of them. */
  async valuesOfTypes(types: string[]): Promise<{ fingerprint: string; type: string; value: string }[]> {
    if (!types.length) return [];
    const { rows } = await query(poolOf(this.db), `SELECT fingerprint, type, value FROM indicators WHERE type = ANY($1)`, [types]);
    return rows as { fingerprint: string; type: string; value: string }[];
  }

  /** Returns the values re-clustered. */
  async store(
    nodeId: string,
    campaigns: ReceivedCampaign[],
    links: ReceivedLink[],
    hubAt: number,
    completeSet: boolean,
  ): Promise<string[]> {
    return transaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [GRAPH_LOCK]);
      const dropped: string[] = [];
      if (completeSet) {
        const keep = campaigns.map((c) => c.stixId);
        const { rows } = await tx.query(
          `DELETE FROM partner_campaign_members WHERE node_id = $1 AND NOT (stix_id = ANY($2)) RETURNING fingerprint`,
          [nodeId, keep],
        );
        dropped.push(...rows.map((r) => r.fingerprint as string));
        await tx.query(`DELETE FROM partner_campaigns WHERE node_id = $1 AND NOT (stix_id = ANY($2))`, [nodeId, keep]);
      }
      const degree = new Map<string, number>();
      for (const l of links) {
        degree.set(l.a, l.aReports);
        degree.set(l.b, l.bReports);
      }
      if (links.length)
        await tx.query(
          `INSERT INTO campaign_partner_links (node_id, a, b, reports, first_at) SELECT $1, * , now() FROM unnest($2::text[], $3::text[], $4::int[])
           ON CONFLICT (node_id, a, b) DO UPDATE SET reports = excluded.reports`,
          [nodeId, links.map((l) => l.a), links.map((l) => l.b), links.map((l) => l.reports)],
        );
      const fps = [...degree.keys()];
      if (fps.length)
        await tx.query(
          `INSERT INTO campaign_partner_nodes (node_id, fingerprint, reports) SELECT $1, * FROM unnest($2::text[], $3::int[])
           ON CONFLICT (node_id, fingerprint) DO UPDATE SET reports = excluded.reports`,
          [nodeId, fps, fps.map((fp) => degree.get(fp))],
        );
      for (const c of campaigns) {
        await tx.query(
          `INSERT INTO partner_campaigns (node_id, stix_id, name, reports, jurisdictions, scam_types, channels, losses, first_seen, last_seen, origin_country, tlp)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (node_id, stix_id) DO UPDATE SET name = excluded.name, reports = excluded.reports, jurisdictions = excluded.jurisdictions,
             scam_types = excluded.scam_types, channels = excluded.channels, losses = excluded.losses, first_seen = excluded.first_seen,
             last_seen = excluded.last_seen, origin_country = excluded.origin_country, tlp = excluded.tlp, received_at = now()`,
          [
            nodeId,
            c.stixId,
            c.name,
            c.reports,
            c.jurisdictions,
            c.scamTypes,
            c.channels,
            JSON.stringify(c.losses),
            c.firstSeen,
            c.lastSeen,
            c.originCountry,
            c.tlp,
          ],
        );
        await tx.query(`DELETE FROM partner_campaign_members WHERE node_id = $1 AND stix_id = $2 AND NOT (fingerprint = ANY($3))`, [
          nodeId,
          c.stixId,
          c.members,
        ]);
        await tx.query(
          `INSERT INTO partner_campaign_members (node_id, stix_id, fingerprint) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
          [nodeId, c.stixId, c.members],
        );
      }
      const touched = [...new Set([...fps, ...dropped, ...campaigns.flatMap((c) => c.members)])].sort();
      if (!touched.length) return [];
      await tx.query(
        `INSERT INTO campaign_nodes (fingerprint, partner_reports)
         SELECT t.fp, COALESCE((SELECT sum(reports) FROM campaign_partner_nodes p WHERE p.fingerprint = t.fp), 0) FROM unnest($1::text[]) AS t(fp)
         ON CONFLICT (fingerprint) DO UPDATE SET partner_reports = excluded.partner_reports`,
        [touched],
      );
      return (await this.graph.step(tx, touched, hubAt, null)).values;
    });
  }
}
