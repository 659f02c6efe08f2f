import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';

export interface OwnCampaign {
  id: string;
  name: string | null;
  tlp: string;
  created: Date;
  modified: Date;
  originCountry: string | null;
  originNote: string | null;
  scamTypes: string[];
  reports: number;
  jurisdictions: string[];
  channels: string[];
  firstSeen: Date | null;
  lastSeen: Date | null;
  members: { fingerprint: string; type: string; value: string }[];
  losses: { currency: string; amount: string }[];
}

export interface OwnLink {
  a: string;
  b: string;
  reports: number;
  tlpRank: number;
  firstAt: Date;
  seq: string;
  aReports: number;
  bReports: number;
  aType: string;
  aValue: string;
  bType: string;
  bValue: string;
}

/** What this node can share of its campaigns: its own reports and co-occurrence only, never what partners sent. */
@Injectable()
export class ShareRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Live campaigns up to a TLP rank, with their values seen in this node's reports and this node's aggregates. */
  async campaigns(maxTlpRank: number): Promise<OwnCampaign[]> {
    const pool = poolOf(this.db);
    const { rows } = await query(
      pool,
      `SELECT c.id::text, c.name, c.tlp, c.created_at AS created, c.updated_at AS modified, c.origin_country AS "originCountry",
              c.origin_note AS "originNote", c.scam_types AS "scamTypes"
         FROM campaigns c WHERE c.live AND (CASE c.tlp WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 ELSE 4 END) <= $1
        ORDER BY c.id`,
      [maxTlpRank],
    );
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [{ rows: agg }, { rows: members }, { rows: losses }] = await Promise.all([
      query(
        pool,
        `SELECT n.component::text AS id, count(DISTINCT r.id)::int AS reports, array_agg(DISTINCT r.jurisdiction) AS jurisdictions,
                array_agg(DISTINCT r.channel) AS channels, min(r.occurred_at) AS "firstSeen", max(r.occurred_at) AS "lastSeen"
           FROM campaign_nodes n JOIN report_indicators ri ON ri.fingerprint = n.fingerprint AND ri.status = 'accepted'
           JOIN reports r ON r.id = ri.report_id
          WHERE n.component = ANY($1::uuid[]) GROUP BY n.component`,
        [ids],
      ),
      query(
        pool,
        `SELECT n.component::text AS id, i.fingerprint, i.type, i.value FROM campaign_nodes n JOIN indicators i ON i.fingerprint = n.fingerprint
          WHERE n.component = ANY($1::uuid[]) AND n.reports > 0 ORDER BY i.fingerprint`,
        [ids],
      ),
      query(
        pool,
        `SELECT id, currency, sum(amount)::text AS amount FROM (
           SELECT DISTINCT n.component::text AS id, r.id AS report, r.loss_currency AS currency, r.loss_amount AS amount
             FROM campaign_nodes n JOIN report_indicators ri ON ri.fingerprint = n.fingerprint AND ri.status = 'accepted'
             JOIN reports r ON r.id = ri.report_id
            WHERE n.component = ANY($1::uuid[]) AND r.loss_currency IS NOT NULL) x
         GROUP BY id, currency ORDER BY id, currency`,
        [ids],
      ),
    ]);
    const by = new Map(agg.map((a) => [a.id, a]));
    return rows
      .filter((r) => by.get(r.id)?.reports)
      .map((r) => ({
        ...r,
        ...by.get(r.id),
        members: members.filter((m) => m.id === r.id).map(({ fingerprint, type, value }) => ({ fingerprint, type, value })),
        losses: losses.filter((l) => l.id === r.id).map(({ currency, amount }) => ({ currency, amount })),
      })) as OwnCampaign[];
  }

  /** This node's co-occurrence links changed after `afterSeq`, oldest change first. */
  async links(afterSeq: string, limit: number): Promise<OwnLink[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT na.fingerprint AS a, nb.fingerprint AS b, l.reports, l.tlp_rank AS "tlpRank", l.first_at AS "firstAt", l.seq::text,
              na.reports AS "aReports", nb.reports AS "bReports", ia.type AS "aType", ia.value AS "aValue", ib.type AS "bType", ib.value AS "bValue"
         FROM campaign_links l
         -- Links are stored between node ids; a and b are sent as values, a < b.
         CROSS JOIN LATERAL (SELECT (SELECT fingerprint FROM campaign_nodes WHERE id = l.a) AS x, (SELECT fingerprint FROM campaign_nodes WHERE id = l.b) AS y) e
         JOIN campaign_nodes na ON na.fingerprint = least(e.x, e.y) JOIN campaign_nodes nb ON nb.fingerprint = greatest(e.x, e.y)
         JOIN indicators ia ON ia.fingerprint = na.fingerprint JOIN indicators ib ON ib.fingerprint = nb.fingerprint
        WHERE l.seq > $1::bigint ORDER BY l.seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows as OwnLink[];
  }

  async state(partner: string): Promise<{ linksSeq: string; digest: string | null }> {
    const { rows } = await query(poolOf(this.db), `SELECT links_seq::text, campaigns_digest FROM campaign_shares WHERE partner = $1`, [
      partner,
    ]);
    return { linksSeq: rows[0]?.links_seq ?? '0', digest: rows[0]?.campaigns_digest ?? null };
  }

  async saveState(partner: string, linksSeq: string, digest: string): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO campaign_shares (partner, links_seq, campaigns_digest, sent_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (partner) DO UPDATE SET links_seq = excluded.links_seq, campaigns_digest = excluded.campaigns_digest, sent_at = now()`,
      [partner, linksSeq, digest],
    );
  }
}
