import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { indicatorStatsSql, narrativesOf, reporterCountSql } from '@scamintel/intake';
import { poolOf, query } from '@scamintel/persistence';
import { CursorPosition } from '../partners/partners.repository';

/** One indicator with this node's own aggregates for its own jurisdiction, as the export reads it (local tables only). */
export interface ExportRow {
  fingerprint: string;
  type: string;
  value: string;
  attributes: Record<string, unknown>;
  warninglist: string | null;
  /** updated_at as PostgreSQL text (microseconds kept): the cursor position. */
  cursorAt: string;
  /** ISO 8601 UTC with milliseconds (STIX timestamps), formatted by PostgreSQL. */
  updatedAt: string;
  /** null when the indicator has no sightings of its own (nothing to share). */
  reports: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  tlpRank: number | null;
  scamTypes: Record<string, number> | null;
  reporters: number;
}

/** Margin below the visibility horizon, covering the instant between a transaction's start and its report. */
const HORIZON_MARGIN = `interval '200 milliseconds'`;
const START = { at: '-infinity', fingerprint: '' };
/** Timestamps leave PostgreSQL already in the STIX form, so no Date is parsed and re-printed per row. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * updated_at is the writing transaction's start time, but rows become visible at commit: a cursor that ran
   * ahead of a still-open transaction would skip its rows for good. The horizon is the start of the oldest
   * transaction open on this database right now (less a small margin); rows at or after it are left for the
   * next page. It is read in its own statement, before the page's snapshot is taken, so any transaction that
   * commits in between either is visible to the page or started after the horizon.
   */
  async horizon(): Promise<string> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT (least(now(), coalesce(min(xact_start), now())) - ${HORIZON_MARGIN})::text AS at
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'`,
    );
    return rows[0].at;
  }

  /**
   * Local indicators after `after` (exclusive) and before `horizon`, in cursor order, with this node's own
   * aggregates for `jurisdiction` (its own): sightings, first/last seen, scam types, TLP and distinct reporters.
   */
  async page(after: CursorPosition | null, horizon: string, limit: number, jurisdiction: string): Promise<ExportRow[]> {
    const from = after ?? START;
    const { rows } = await query(
      poolOf(this.db),
      // Lookups by primary key per row (intake's fragments over its sighting tables): a page is ≤ 1000 rows, whereas
      // a join would let the planner hash whole tables.
      `SELECT p.fingerprint, p.type, p.value, p.attributes, p.warninglist, p.updated_at::text AS "cursorAt", ${iso('p.updated_at')} AS "updatedAt",
              s.reports, ${iso('s.first_seen')} AS "firstSeen", ${iso('s.last_seen')} AS "lastSeen", s.tlp_rank AS "tlpRank", s.scam_types AS "scamTypes",
              ${reporterCountSql('p.fingerprint', '$5')} AS reporters
         FROM (SELECT fingerprint, type, value, attributes, warninglist, updated_at
                 FROM indicators
                WHERE (updated_at, fingerprint) > ($1::timestamptz, $2::text) AND updated_at < $3::timestamptz
                ORDER BY updated_at, fingerprint
                LIMIT $4) p
         LEFT JOIN LATERAL ${indicatorStatsSql('p.fingerprint', '$5')} s ON true
        ORDER BY p.updated_at, p.fingerprint`,
      [from.at, from.fingerprint, horizon, limit, jurisdiction],
    );
    return rows as ExportRow[];
  }

  /** Whether rows wait above the horizon (written by transactions that were still open, or just now). */
  async pendingAbove(after: CursorPosition | null, horizon: string): Promise<boolean> {
    const from = after ?? START;
    const { rows } = await query(
      poolOf(this.db),
      `SELECT EXISTS (SELECT 1 FROM indicators WHERE (updated_at, fingerprint) > ($1::timestamptz, $2::text) AND updated_at >= $3::timestamptz) AS pending`,
      [from.at, from.fingerprint, horizon],
    );
    return rows[0].pending;
  }

  /**
   * Narrative texts of this node's reports naming these indicators, newest first, at most `perIndicator` each,
   * and only from reports whose own TLP the partner may receive: a red report's narrative never leaves, even
   * when the indicator itself is shareable because another report marked it green. Only the narrative column is
   * read (never reporter_contact).
   */
  async narratives(fingerprints: string[], tlps: string[], perIndicator: number, jurisdiction: string): Promise<Map<string, string[]>> {
    return narrativesOf(poolOf(this.db), fingerprints, tlps, perIndicator, jurisdiction);
  }
}
