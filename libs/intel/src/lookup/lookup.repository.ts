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

const INDICATOR = `fingerprint, type, value, attributes, warninglist, first_seen AS "firstSeen", last_seen AS "lastSeen", updated_at AS "updatedAt"`;

@Injectable()
export class LookupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async indicator(fingerprint: string): Promise<IndicatorRecord | undefined> {
    const { rows } = await query<IndicatorRecord>(poolOf(this.db), `SELECT ${INDICATOR} FROM indicators WHERE fingerprint = $1`, [fingerprint]);
    return rows[0];
  }

  async stats(fingerprint: string, windowDays: number): Promise<JurisdictionStats[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT s.jurisdiction, s.reports, s.first_seen AS "firstSeen", s.last_seen AS "lastSeen", s.scam_types AS "scamTypes", s.channels,
              s.losses, s.tlp_rank AS "tlpRank",
              count(r.*) FILTER (WHERE r.last_seen > now() - ($2::int * interval '1 day'))::int AS "recentReporters",
              count(r.*) FILTER (WHERE r.trust = 'high')::int AS "highTrustReporters",
              count(r.*)::int AS reporters
         FROM indicator_stats s
         LEFT JOIN indicator_reporters r ON r.fingerprint = s.fingerprint AND r.jurisdiction = s.jurisdiction
        WHERE s.fingerprint = $1
        GROUP BY s.fingerprint, s.jurisdiction
        ORDER BY s.jurisdiction`,
      [fingerprint, windowDays],
    );
    return rows as JurisdictionStats[];
  }

  async reportIds(fingerprint: string, limit: number): Promise<string[]> {
    const { rows } = await query(poolOf(this.db), `SELECT DISTINCT report_id::text AS id FROM report_indicators WHERE fingerprint = $1 LIMIT $2`, [fingerprint, limit]);
    return rows.map((r) => r.id);
  }

  async list(f: { type?: string; updatedSince?: string; after?: { updatedAt: string; fingerprint: string }; limit: number }): Promise<(IndicatorRecord & { cursorAt: string })[]> {
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
}
