import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import type { BulletinFigures } from './core';
import { TLPS } from '@scamintel/vocabulary';

export type BulletinStatus = 'pending' | 'ready' | 'failed';

export interface BulletinRow {
  id: string;
  periodFrom: string;
  periodTo: string;
  version: number;
  revision: number;
  languages: string[];
  status: BulletinStatus;
  publishedAt: Date | null;
  publishedBy: string | null;
  figures: BulletinFigures | null;
  failure: string | null;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DraftRequest {
  from: string;
  to: string;
  languages: string[];
  requestedBy: string;
  /** Makes a request idempotent (the weekly job's `weekly:<from>/<to>`): a second request with it changes nothing. */
  requestKey?: string;
}

export type DraftOutcome = { kind: 'created' | 'replaced' | 'existing'; row: BulletinRow };

export type PublishOutcome =
  | { kind: 'published'; row: BulletinRow }
  | { kind: 'not_found' }
  | { kind: 'already_published'; row: BulletinRow }
  | { kind: 'not_ready'; row: BulletinRow };

/** One period's aggregates by category, straight from the reports table. */
export interface PeriodCounts {
  reports: number;
  byScamType: Record<string, number>;
  byChannel: Record<string, number>;
  lossByCurrency: Record<string, string>;
  lossReportsByCurrency: Record<string, number>;
}

export interface WatchRow {
  fingerprint: string;
  type: string;
  value: string;
  tlp: (typeof TLPS)[number];
  warninglisted: boolean;
  /** Reports of this jurisdiction, as the lookup counts them. */
  reports: number;
  jurisdictions: string[];
  scamTypes: Record<string, number>;
}

export interface InputQuery {
  jurisdiction: string;
  /** Day boundaries are midnight in this IANA time zone. */
  timeZone: string;
  previousFrom: string;
  from: string;
  to: string;
  weekStarts: string[];
}

export interface InputData {
  current: PeriodCounts;
  previous: PeriodCounts;
  weekly: { weekStart: string; byScamType: Record<string, number> }[];
  crossBorder: { indicatorsSeenInBoth: number; receivedFromPartner: number; partnerJurisdictions: string[] };
  watch: WatchRow[];
}

const COLUMNS = `id, period_from::text AS "periodFrom", period_to::text AS "periodTo", version, revision, languages, status,
  published_at AS "publishedAt", published_by AS "publishedBy", figures, failure, requested_by AS "requestedBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
/** The same columns without the figures, for listings. */
const SUMMARY = COLUMNS.replace('figures, ', 'NULL::jsonb AS figures, ');

const at = (param: string, tz: string) => `((${param})::date::timestamp AT TIME ZONE ${tz})`;

/**
 * Sightings of this node's own jurisdiction inside the period: indicators of processed reports whose scam
 * happened in [from, to). $1 = jurisdiction, $2 = time zone, $3 = from, $4 = to.
 */
const ACTIVE = `active AS (
  SELECT DISTINCT ri.fingerprint
    FROM reports r
    JOIN report_indicators ri ON ri.report_id = r.id
   WHERE r.jurisdiction = $1 AND r.status = 'processed' AND r.excluded_at IS NULL
     AND r.occurred_at >= ${at('$3', '$2')} AND r.occurred_at < ${at('$4', '$2')}
     AND ri.fingerprint IS NOT NULL AND ri.status <> 'rejected'
)`;

const emptyCounts = (): PeriodCounts => ({ reports: 0, byScamType: {}, byChannel: {}, lossByCurrency: {}, lossReportsByCurrency: {} });

/** The only place that speaks SQL for bulletins. */
@Injectable()
export class BulletinsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A new request for a period: reuses the request key's row if there is one, replaces the latest version when it
   * is an unpublished draft, else adds version + 1. An advisory lock per period keeps two requests from racing
   * for the same version number.
   */
  requestDraft(r: DraftRequest): Promise<DraftOutcome> {
    return transaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('scamintel.bulletins'), hashtext($1))`, [`${r.from}/${r.to}`]);
      if (r.requestKey) {
        const { rows } = await tx.query(`SELECT ${COLUMNS} FROM bulletins WHERE request_key = $1`, [r.requestKey]);
        if (rows[0]) return { kind: 'existing', row: rows[0] as BulletinRow };
      }
      const { rows: latest } = await tx.query(
        `SELECT id, version, published_at FROM bulletins WHERE period_from = $1 AND period_to = $2 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
        [r.from, r.to],
      );
      if (latest[0] && latest[0].published_at === null) {
        const { rows } = await tx.query(
          `UPDATE bulletins SET revision = revision + 1, status = 'pending', figures = NULL, failure = NULL, languages = $2,
                  requested_by = $3, request_key = coalesce(request_key, $4), updated_at = now()
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [latest[0].id, r.languages, r.requestedBy, r.requestKey ?? null],
        );
        return { kind: 'replaced', row: rows[0] as BulletinRow };
      }
      const { rows } = await tx.query(
        `INSERT INTO bulletins (id, period_from, period_to, version, languages, requested_by, request_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [randomUUID(), r.from, r.to, (latest[0]?.version ?? 0) + 1, r.languages, r.requestedBy, r.requestKey ?? null],
      );
      return { kind: 'created', row: rows[0] as BulletinRow };
    });
  }

  async get(id: string): Promise<BulletinRow | undefined> {
    const { rows } = await query<BulletinRow>(poolOf(this.db), `SELECT ${COLUMNS} FROM bulletins WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Newest first; `after` is the previous page's last (created_at, id). Figures are left out. */
  async list(f: {
    publishedOnly: boolean;
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<(BulletinRow & { cursorAt: string })[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.publishedOnly) where.push('published_at IS NOT NULL');
    if (f.after) {
      params.push(f.after.createdAt, f.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(f.limit);
    const { rows } = await query(
      poolOf(this.db),
      `SELECT ${SUMMARY}, created_at::text AS "cursorAt" FROM bulletins ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows as (BulletinRow & { cursorAt: string })[];
  }

  /** Stores the figures of this revision; a replaced draft (other revision) or a finished one is left alone. */
  async markReady(id: string, revision: number, figures: BulletinFigures): Promise<BulletinRow | undefined> {
    const { rows } = await query<BulletinRow>(
      poolOf(this.db),
      `UPDATE bulletins SET status = 'ready', figures = $3, failure = NULL, updated_at = now()
        WHERE id = $1 AND revision = $2 AND status = 'pending' RETURNING ${COLUMNS}`,
      [id, revision, JSON.stringify(figures)],
    );
    return rows[0];
  }

  async markFailed(id: string, revision: number, failure: string): Promise<boolean> {
    const { rowCount } = await query(
      poolOf(this.db),
      `UPDATE bulletins SET status = 'failed', failure = $3, updated_at = now() WHERE id = $1 AND revision = $2 AND status = 'pending'`,
      [id, revision, failure.slice(0, 500)],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Publishes a ready bulletin. `beforeCommit` runs with the row updated but not yet visible (the audit entry):
   * if it throws, nothing is published, so no bulletin goes public without its audit entry.
   */
  publish(id: string, publishedBy: string, beforeCommit: (row: BulletinRow) => Promise<void>): Promise<PublishOutcome> {
    return transaction(this.db, async (tx) => {
      const { rows } = await tx.query(`SELECT ${COLUMNS} FROM bulletins WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0] as BulletinRow | undefined;
      if (!row) return { kind: 'not_found' };
      if (row.publishedAt) return { kind: 'already_published', row };
      if (row.status !== 'ready' || !row.figures) return { kind: 'not_ready', row };
      const { rows: updated } = await tx.query(
        `UPDATE bulletins SET published_at = now(), published_by = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, publishedBy],
      );
      await beforeCommit(updated[0] as BulletinRow);
      return { kind: 'published', row: updated[0] as BulletinRow };
    });
  }

  /** Drafts still pending after `olderThanMs`: their job may have been lost (crash between commit and enqueue). */
  async stalePending(olderThanMs: number, limit = 100): Promise<{ id: string; revision: number }[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT id, revision FROM bulletins WHERE status = 'pending' AND updated_at < now() - ($1::int * interval '1 millisecond') ORDER BY updated_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows as { id: string; revision: number }[];
  }

  /**
   * Everything a bulletin is built from, read in one REPEATABLE READ snapshot so the figures agree with each
   * other. Five statements whatever the data size: no per-indicator round trips.
   */
  loadInput(q: InputQuery): Promise<InputData> {
    return transaction(this.db, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const periods = await this.periodCounts(tx, q);
      return {
        current: periods.current,
        previous: periods.previous,
        weekly: await this.weekly(tx, q),
        crossBorder: { ...(await this.seenInBoth(tx, q)), receivedFromPartner: await this.receivedFromPartner(tx, q) },
        watch: await this.watchCandidates(tx, q),
      };
    });
  }

  private async periodCounts(tx: PoolClient, q: InputQuery): Promise<{ current: PeriodCounts; previous: PeriodCounts }> {
    const { rows } = await tx.query(
      `SELECT period, scam_type AS "scamType", channel, loss_currency AS currency,
              GROUPING(scam_type) = 0 AS "byType", GROUPING(channel) = 0 AS "byChannel", GROUPING(loss_currency) = 0 AS "byCurrency",
              count(*)::int AS reports, count(loss_amount)::int AS "lossReports", coalesce(sum(loss_amount), 0)::text AS loss
         FROM (SELECT CASE WHEN r.occurred_at >= ${at('$4', '$2')} THEN 'current' ELSE 'previous' END AS period,
                      r.scam_type, r.channel, r.loss_currency, r.loss_amount
                 FROM reports r
                WHERE r.jurisdiction = $1 AND r.status = 'processed' AND r.excluded_at IS NULL
                  AND r.occurred_at >= ${at('$3', '$2')} AND r.occurred_at < ${at('$5', '$2')}) x
        GROUP BY GROUPING SETS ((period), (period, scam_type), (period, channel), (period, loss_currency))`,
      [q.jurisdiction, q.timeZone, q.previousFrom, q.from, q.to],
    );
    const out = { current: emptyCounts(), previous: emptyCounts() };
    for (const r of rows) {
      const p = out[r.period as 'current' | 'previous'];
      if (r.byType) p.byScamType[r.scamType] = r.reports;
      else if (r.byChannel) p.byChannel[r.channel] = r.reports;
      else if (r.byCurrency) {
        if (r.currency !== null && r.lossReports > 0) {
          p.lossByCurrency[r.currency] = r.loss;
          p.lossReportsByCurrency[r.currency] = r.lossReports;
        }
      } else p.reports = r.reports;
    }
    return out;
  }

  private async weekly(tx: PoolClient, q: InputQuery): Promise<InputData['weekly']> {
    const { rows } = await tx.query(
      `SELECT w.week_start::text AS "weekStart", r.scam_type AS "scamType", count(r.id)::int AS n
         FROM unnest($3::date[]) AS w(week_start)
         JOIN reports r ON r.jurisdiction = $1 AND r.status = 'processed'
                       AND r.occurred_at >= ${at('w.week_start', '$2')} AND r.occurred_at < ${at('w.week_start + 7', '$2')}
        GROUP BY w.week_start, r.scam_type`,
      [q.jurisdiction, q.timeZone, q.weekStarts],
    );
    const weeks = new Map(q.weekStarts.map((w) => [w, {} as Record<string, number>]));
    for (const r of rows) weeks.get(r.weekStart)![r.scamType] = r.n;
    return [...weeks].map(([weekStart, byScamType]) => ({ weekStart, byScamType }));
  }

  /** Indicators this jurisdiction sighted in the period that another jurisdiction has sightings of too. */
  private async seenInBoth(tx: PoolClient, q: InputQuery): Promise<{ indicatorsSeenInBoth: number; partnerJurisdictions: string[] }> {
    const { rows } = await tx.query(
      `WITH ${ACTIVE},
       other AS (
         SELECT s.fingerprint, s.jurisdiction
           FROM active a JOIN indicator_stats s ON s.fingerprint = a.fingerprint
          WHERE s.jurisdiction <> $1 AND s.first_seen < ${at('$4', '$2')}
       )
       SELECT (SELECT count(DISTINCT fingerprint)::int FROM other) AS n,
              ARRAY(SELECT DISTINCT jurisdiction FROM other ORDER BY 1) AS partners`,
      [q.jurisdiction, q.timeZone, q.from, q.to],
    );
    return { indicatorsSeenInBoth: rows[0].n, partnerJurisdictions: rows[0].partners };
  }

  /**
   * SEAM for the exchange: indicators of the period that arrived from a partner node. Partner sightings will live
   * in a table of the exchange's own, which does not exist yet, so this is 0 until that table does; then it becomes
   * one COUNT over it for fingerprints in ACTIVE (or received in [from, to)).
   */
  private async receivedFromPartner(_tx: PoolClient, _q: InputQuery): Promise<number> {
    return 0;
  }

  /**
   * Watch-list candidates: sighted here in the period, TLP:CLEAR for this jurisdiction (tlp_rank 0), not on a
   * warninglist. The verdict is the service's to add (the node's VerdictService, as for lookups). Filtering here
   * as well as in the core means nothing above TLP:CLEAR even leaves the database for a bulletin.
   */
  private async watchCandidates(tx: PoolClient, q: InputQuery): Promise<WatchRow[]> {
    const { rows } = await tx.query(
      `WITH ${ACTIVE}
       SELECT i.fingerprint, i.type, i.value, s.tlp_rank AS "tlpRank", i.warninglist IS NOT NULL AS warninglisted, s.reports, s.scam_types AS "scamTypes",
              ARRAY(SELECT s2.jurisdiction FROM indicator_stats s2 WHERE s2.fingerprint = s.fingerprint ORDER BY 1) AS jurisdictions
         FROM active a
         JOIN indicators i ON i.fingerprint = a.fingerprint
         JOIN indicator_stats s ON s.fingerprint = a.fingerprint AND s.jurisdiction = $1
        WHERE s.tlp_rank = 0 AND i.warninglist IS NULL`,
      [q.jurisdiction, q.timeZone, q.from, q.to],
    );
    return rows.map((r) => ({
      fingerprint: r.fingerprint,
      type: r.type,
      value: r.value,
      tlp: TLPS[r.tlpRank] ?? 'red',
      warninglisted: r.warninglisted,
      reports: r.reports,
      jurisdictions: r.jurisdictions,
      scamTypes: r.scamTypes,
    }));
  }
}
