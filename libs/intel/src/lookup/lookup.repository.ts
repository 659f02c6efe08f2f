import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';

export interface IndicatorRecord {
  fingerprint: string;
  type: string;
  value: string;
  attributes: Record<string, unknown>;
  warninglist: string | null;
  firstSeen: Date;
  lastSeen: Date;
  updatedAt: Date;
}

export interface JurisdictionStats {
  jurisdiction: string;
  reports: number;
  firstSeen: Date;
  lastSeen: Date;
  scamTypes: Record<string, number>;
  channels: Record<string, number>;
  losses: Record<string, string>;
  tlpRank: number;
  recentReporters: number;
  highTrustReporters: number;
  reporters: number;
}

/** What a partner node sent about an indicator (libs/exchange: partner_sightings), shown beside local data, never merged. */
export interface PartnerSighting {
  sourceNode: string;
  jurisdiction: string;
  fingerprint: string;
  type: string;
  value: string;
  pseudonymised: boolean;
  tlp: string;
  verdict: string;
  confidence: number;
  revoked: boolean;
  sightings: number;
  reporters: number;
  firstSeen: Date;
  lastSeen: Date;
  scamTypes: string[];
  receivedAt: Date;
}

const STATS = `SELECT s.jurisdiction, s.reports, s.first_seen AS "firstSeen", s.last_seen AS "lastSeen", s.scam_types AS "scamTypes", s.channels,
              s.losses, s.tlp_rank AS "tlpRank",
              count(r.*) FILTER (WHERE r.last_seen > now() - ($2::int * interval '1 day'))::int AS "recentReporters",
              count(r.*) FILTER (WHERE r.trust = 'high')::int AS "highTrustReporters",
              count(r.*)::int AS reporters
         FROM indicator_stats s
         LEFT JOIN indicator_reporters r ON r.fingerprint = s.fingerprint AND r.jurisdiction = s.jurisdiction
        WHERE s.fingerprint = $1
        GROUP BY s.fingerprint, s.jurisdiction`;

const PARTNERS = `SELECT source_node AS "sourceNode", jurisdiction, fingerprint, type, value, pseudonymised, tlp, verdict, confidence, revoked, sightings, reporters,
              first_seen AS "firstSeen", last_seen AS "lastSeen", scam_types AS "scamTypes", received_at AS "receivedAt"
         FROM partner_sightings WHERE fingerprint = ANY($1::text[])`;

const INDICATOR = `fingerprint, type, value, attributes, warninglist, first_seen AS "firstSeen", last_seen AS "lastSeen", updated_at AS "updatedAt"`;

@Injectable()
export class LookupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async indicator(fingerprint: string): Promise<IndicatorRecord | undefined> {
    const { rows } = await query<IndicatorRecord>(poolOf(this.db), `SELECT ${INDICATOR} FROM indicators WHERE fingerprint = $1`, [
      fingerprint,
    ]);
    return rows[0];
  }

  /**
   * A lookup's reads in one round trip: the indicator, its per-jurisdiction stats and what partners sent
   * (for the clear fingerprint and the pseudonyms computed for the asked value). On loopback a round trip
   * costs more CPU than these index probes, and lookup is the public hot path.
   */
  async snapshot(
    fingerprint: string,
    windowDays: number,
    partnerFingerprints: string[],
  ): Promise<{ indicator?: IndicatorRecord; stats: JurisdictionStats[]; partners: PartnerSighting[] }> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT
         (SELECT row_to_json(x) FROM (SELECT ${INDICATOR} FROM indicators WHERE fingerprint = $1) x) AS indicator,
         (SELECT coalesce(json_agg(x ORDER BY x.jurisdiction), '[]'::json) FROM (${STATS}) x) AS stats,
         (SELECT coalesce(json_agg(x ORDER BY x.jurisdiction, x."sourceNode"), '[]'::json) FROM (${PARTNERS.replace('$1', '$3')}) x) AS partners`,
      [fingerprint, windowDays, partnerFingerprints],
    );
    const r = rows[0];
    const dates = <T extends object>(o: T, keys: (keyof T)[]): T => {
      for (const k of keys) if (o[k] != null) (o as Record<keyof T, unknown>)[k] = new Date(o[k] as unknown as string);
      return o;
    };
    return {
      indicator: r.indicator ? dates(r.indicator as IndicatorRecord, ['firstSeen', 'lastSeen', 'updatedAt']) : undefined,
      stats: (r.stats as JurisdictionStats[]).map((s) => dates(s, ['firstSeen', 'lastSeen'])),
      partners: (r.partners as PartnerSighting[]).map((p) => dates(p, ['firstSeen', 'lastSeen', 'receivedAt'])),
    };
  }

  async reportIds(fingerprint: string, limit: number): Promise<string[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT DISTINCT report_id::text AS id FROM report_indicators WHERE fingerprint = $1 LIMIT $2`,
      [fingerprint, limit],
    );
    return rows.map((r) => r.id);
  }

  async list(f: {
    type?: string;
    updatedSince?: string;
    after?: { updatedAt: string; fingerprint: string };
    limit: number;
  }): Promise<(IndicatorRecord & { cursorAt: string })[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.type) {
      params.push(f.type);
      where.push(`type = $${params.length}`);
    }
    if (f.updatedSince) {
      params.push(f.updatedSince);
      where.push(`updated_at >= $${params.length}`);
    }
    if (f.after) {
      params.push(f.after.updatedAt, f.after.fingerprint);
      where.push(`(updated_at, fingerprint) > ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(f.limit);
    const { rows } = await query(
      poolOf(this.db),
      `SELECT ${INDICATOR}, updated_at::text AS "cursorAt" FROM indicators ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at, fingerprint LIMIT $${params.length}`,
      params,
    );
    return rows as (IndicatorRecord & { cursorAt: string })[];
  }

  /** The bilateral pseudonym keys, to compute what a partner's pseudonym of a value would be. */
  async partnerPseudonymKeys(): Promise<{ nodeId: string; pseudonymKey: string }[]> {
    const { rows } = await query<{ nodeId: string; pseudonymKey: string }>(
      poolOf(this.db),
      `SELECT node_id AS "nodeId", pseudonym_key AS "pseudonymKey" FROM exchange_partners WHERE pseudonym_key IS NOT NULL ORDER BY node_id`,
    );
    return rows;
  }
}
