import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GraphLink, hubHome } from '@scamintel/campaigns-core';
import { COUNTED_SIGHTINGS_SQL } from '@scamintel/intake';
import { poolOf, query } from '@scamintel/persistence';

export interface CampaignRow {
  id: string;
  name: string | null;
  closed: boolean;
  originCountry: string | null;
  originNote: string | null;
  tlp: string;
  live: boolean;
  mergedInto: string | null;
  reports: number;
  indicators: number;
  jurisdictions: string[];
  scamTypes: string[];
  channels: string[];
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export interface ListFilter {
  jurisdiction?: string;
  scamType?: string;
  minReports?: number;
  crossBorder?: boolean;
  after?: { reports: number; id: string };
  limit: number;
}

const COLUMNS = `id::text, name, closed, origin_country AS "originCountry", origin_note AS "originNote", tlp, live,
  merged_into::text AS "mergedInto", reports, indicators, jurisdictions, scam_types AS "scamTypes", channels,
  first_seen AS "firstSeen", last_seen AS "lastSeen"`;

/** Reads of campaigns: rows, members (hubs placed beside the group they link to most), links and losses. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<CampaignRow | undefined> {
    const { rows } = await query(poolOf(this.db), `SELECT ${COLUMNS} FROM campaigns WHERE id = $1`, [id]);
    return rows[0] as CampaignRow | undefined;
  }

  async list(f: ListFilter): Promise<CampaignRow[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT ${COLUMNS} FROM campaigns
        WHERE live AND ($1::text IS NULL OR $1 = ANY(jurisdictions)) AND ($2::text IS NULL OR $2 = ANY(scam_types))
          AND reports >= $3 AND (NOT $4 OR cardinality(jurisdictions) > 1)
          AND ($5::int IS NULL OR (reports, id) < ($5, $6::uuid))
        ORDER BY reports DESC, id DESC LIMIT $7`,
      [
        f.jurisdiction ?? null,
        f.scamType ?? null,
        f.minReports ?? 0,
        !!f.crossBorder,
        f.after?.reports ?? null,
        f.after?.id ?? null,
        f.limit,
      ],
    );
    return rows as CampaignRow[];
  }

  /** The group's values (`hub` marks those shown beside it without joining it). */
  async members(id: string, hubAt: number): Promise<{ fingerprint: string; hub: boolean }[]> {
    const pool = poolOf(this.db);
    const { rows } = await query(pool, `SELECT fingerprint FROM campaign_nodes WHERE component = $1 ORDER BY fingerprint`, [id]);
    const own = rows.map((r) => r.fingerprint as string);
    const hubs = own.length ? await this.hubsOf(id, own, hubAt) : [];
    return [...own.map((fingerprint) => ({ fingerprint, hub: false })), ...hubs.map((fingerprint) => ({ fingerprint, hub: true }))];
  }

  /** Hubs linked to this group whose strongest link (summed per campaign) is to it. */
  private async hubsOf(id: string, own: string[], hubAt: number): Promise<string[]> {
    const pool = poolOf(this.db);
    const { rows: candidates } = await query(
      pool,
      `WITH l AS (${linksTouching('$1')})
       SELECT DISTINCT n.fingerprint FROM l
         JOIN campaign_nodes n ON n.fingerprint = CASE WHEN l.a = ANY($1) THEN l.b ELSE l.a END
        WHERE n.reports + n.partner_reports >= $2`,
      [own, hubAt],
    );
    const hubs = candidates.map((r) => r.fingerprint as string);
    if (!hubs.length) return [];
    const { rows } = await query(
      pool,
      `WITH l AS (${linksTouching('$1')})
       SELECT h.hub, c.id::text AS component, sum(l.reports)::int AS weight,
              (extract(epoch FROM c.seed_at) * 1000)::float8 AS "seedAt", c.seed_a AS "seedA", c.seed_b AS "seedB"
         FROM l CROSS JOIN LATERAL (SELECT CASE WHEN l.a = ANY($1) THEN l.a ELSE l.b END AS hub,
                                           CASE WHEN l.a = ANY($1) THEN l.b ELSE l.a END AS other) h
         JOIN campaign_nodes o ON o.fingerprint = h.other
         JOIN campaigns c ON c.id = o.component AND c.live
        GROUP BY h.hub, c.id, c.seed_at, c.seed_a, c.seed_b`,
      [hubs],
    );
    const byHub = new Map<string, { component: string; seed: GraphLink; weight: number }[]>();
    for (const r of rows) {
      const list = byHub.get(r.hub) ?? [];
      list.push({ component: r.component, weight: r.weight, seed: { a: r.seedA, b: r.seedB, firstAt: Number(r.seedAt) } });
      byHub.set(r.hub, list);
    }
    return [...byHub]
      .filter(([, links]) => hubHome(links) === id)
      .map(([hub]) => hub)
      .sort();
  }

  /** The campaign a value belongs to (not a hub's: see `members`), if its group is one. */
  async campaignOf(fp: string): Promise<string | null> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT c.id::text FROM campaign_nodes n JOIN campaigns c ON c.id = n.component AND c.live WHERE n.fingerprint = $1`,
      [fp],
    );
    return rows[0]?.id ?? null;
  }

  /** One end of the campaign's founding link: a value that is certainly in it and no hub. */
  async seedValue(id: string): Promise<string | undefined> {
    const { rows } = await query(poolOf(this.db), `SELECT seed_a FROM campaigns WHERE id = $1 AND live`, [id]);
    return rows[0]?.seed_a;
  }

  /** Type and value of the values this node can read (a partner's pseudonym stays a fingerprint only). */
  async identities(fps: string[]): Promise<Map<string, { type: string; value: string }>> {
    const { rows } = await query(poolOf(this.db), `SELECT fingerprint, type, value FROM indicators WHERE fingerprint = ANY($1)`, [fps]);
    return new Map(rows.map((r) => [r.fingerprint, { type: r.type, value: r.value }]));
  }

  /** Links among the given values, weighted by the reports (this node's and partners') that hold both. */
  async links(fps: string[]): Promise<{ from: string; to: string; reports: number }[]> {
    const { rows } = await query(
      poolOf(this.db),
      `WITH l AS (${linksTouching('$1')})
       SELECT a AS "from", b AS "to", sum(reports)::int AS reports FROM l
        WHERE a = ANY($1) AND b = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM campaign_manual_links c WHERE c.kind = 'cut' AND c.a = l.a AND c.b = l.b)
        GROUP BY a, b ORDER BY a, b`,
      [fps],
    );
    return rows as { from: string; to: string; reports: number }[];
  }

  /** This node's losses in reports that count holding any of the values, per currency, summed exactly by PostgreSQL. */
  async localLosses(fps: string[]): Promise<{ currency: string; amount: string }[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT currency, sum(amount)::text AS amount FROM (
         SELECT DISTINCT s.report_id, s.loss_currency AS currency, s.loss_amount AS amount FROM ${COUNTED_SIGHTINGS_SQL} s
          WHERE s.fingerprint = ANY($1) AND s.loss_currency IS NOT NULL) x
        GROUP BY currency ORDER BY currency`,
      [fps],
    );
    return rows as { currency: string; amount: string }[];
  }

  async events(id: string, limit: number): Promise<CampaignEvent[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT at, kind, others::text[] AS others, actor FROM campaign_events WHERE campaign = $1 ORDER BY id DESC LIMIT $2`,
      [id, limit],
    );
    return rows as CampaignEvent[];
  }

  /** Partners' campaigns with no value in a live local campaign (those that overlap one show with it). */
  async receivedAlone(limit: number): Promise<ReceivedCampaign[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT pc.node_id AS node, pc.stix_id AS id, pc.name, pc.reports, pc.jurisdictions, pc.losses,
              pc.first_seen AS "firstSeen", pc.last_seen AS "lastSeen", pc.origin_country AS "originCountry"
         FROM partner_campaigns pc
        WHERE NOT EXISTS (SELECT 1 FROM partner_campaign_members pm
                            JOIN campaign_nodes n ON n.fingerprint = pm.fingerprint
                            JOIN campaigns c ON c.id = n.component AND c.live
                           WHERE pm.node_id = pc.node_id AND pm.stix_id = pc.stix_id)
        ORDER BY pc.reports DESC, pc.node_id, pc.stix_id LIMIT $1`,
      [limit],
    );
    return rows as ReceivedCampaign[];
  }
}

/** What happened to a campaign (merges, splits, analysts' changes), newest first. */
export interface CampaignEvent {
  at: Date;
  kind: 'merge' | 'split' | 'link' | 'cut' | 'update';
  others: string[];
  actor: string | null;
}

/** A partner's campaign that no local campaign overlaps: shown on its own, beside the local ones. */
export interface ReceivedCampaign {
  node: string;
  id: string;
  name: string;
  reports: number;
  jurisdictions: string[];
  losses: { currency: string; amount: string }[];
  firstSeen: Date | null;
  lastSeen: Date | null;
  originCountry: string | null;
}

/** Every link with an end among the values of `param`, with its weight, whatever its source (an analyst's weighs nothing by itself). */
export const linksTouching = (param: string) => `
  SELECT a, b, reports FROM ${coLinksTouching(param)} c
  UNION ALL SELECT a, b, 0 FROM campaign_manual_links WHERE kind = 'link' AND (a = ANY(${param}) OR b = ANY(${param}))
  UNION ALL SELECT a, b, reports FROM campaign_partner_links WHERE a = ANY(${param}) OR b = ANY(${param})`;

/**
 * This node's co-occurrence links with an end among the values of `param` (text[]), as fingerprint pairs `a < b`
 * (they are stored between node ids), for a FROM list: a, b, reports, first_at.
 */
export const coLinksTouching = (param: string) => `
  (SELECT least(na.fingerprint, nb.fingerprint) AS a, greatest(na.fingerprint, nb.fingerprint) AS b, l.reports, l.first_at
     FROM campaign_links l JOIN campaign_nodes na ON na.id = l.a JOIN campaign_nodes nb ON nb.id = l.b
    WHERE l.a = ANY(ARRAY(SELECT id FROM campaign_nodes WHERE fingerprint = ANY(${param})))
       OR l.b = ANY(ARRAY(SELECT id FROM campaign_nodes WHERE fingerprint = ANY(${param}))))`;
