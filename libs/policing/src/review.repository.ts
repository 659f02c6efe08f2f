import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import {
  acceptedFingerprints,
  jurisdictionStatsSql,
  newestReportsSql,
  reportState,
  reporterCountSql,
  setReportCounted,
} from '@scamintel/intake';
import { poolOf, query, transaction } from '@scamintel/persistence';

export interface QueueItem {
  fingerprint: string;
  type: string;
  value: string;
  reports: number;
  reporters: number;
  firstSeen: Date;
  lastSeen: Date;
  scamTypes: Record<string, number>;
  channels: Record<string, number>;
  flags: string[];
}

/** A report as an analyst reviews it: what happened and the latest review decision. */
export interface ReviewReport {
  fingerprint: string;
  id: string;
  jurisdiction: string;
  scamType: string;
  channel: string;
  occurredAt: Date;
  receivedAt: Date;
  narrative: string | null;
  reporterTrust: string;
  review: { verdict: string; note: string | null; actor: string; at: Date } | null;
}

/** Inserts a verdict and marks the indicator changed, so the exchange carries the change to partners. */
export async function recordVerdict(
  tx: PoolClient,
  v: { fingerprint: string; jurisdiction: string; verdict: string; note?: string; source: string; actor: string },
): Promise<void> {
  await tx.query(`INSERT INTO indicator_verdicts (fingerprint, jurisdiction, verdict, note, source, actor) VALUES ($1,$2,$3,$4,$5,$6)`, [
    v.fingerprint,
    v.jurisdiction,
    v.verdict,
    v.note ?? null,
    v.source,
    v.actor,
  ]);
  await tx.query(`UPDATE indicators SET updated_at = now() WHERE fingerprint = $1`, [v.fingerprint]);
}

@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Indicators of a jurisdiction without an analyst verdict (or flagged), most reported and oldest first. */
  async queue(
    jurisdiction: string,
    f: { scamType?: string; channel?: string; indicatorType?: string; limit: number; offset: number },
  ): Promise<QueueItem[]> {
    const { rows } = await query<QueueItem>(
      poolOf(this.db),
      // intake's aggregates of the jurisdiction (a fragment over its tables), with this lib's verdicts and flags.
      `SELECT s.fingerprint, i.type, i.value, s.reports, ${reporterCountSql('s.fingerprint', 's.jurisdiction')} AS reporters,
              s.first_seen AS "firstSeen", s.last_seen AS "lastSeen", s.scam_types AS "scamTypes", s.channels,
              coalesce((SELECT array_agg(flag) FROM indicator_flags g WHERE g.fingerprint = s.fingerprint AND g.jurisdiction = s.jurisdiction AND g.resolved_at IS NULL), '{}') AS flags
         FROM ${jurisdictionStatsSql('$1')} s JOIN indicators i USING (fingerprint)
        WHERE i.warninglist IS NULL
          AND (NOT EXISTS (SELECT 1 FROM indicator_verdicts v WHERE v.fingerprint = s.fingerprint AND v.jurisdiction = s.jurisdiction)
               OR EXISTS (SELECT 1 FROM indicator_flags g WHERE g.fingerprint = s.fingerprint AND g.jurisdiction = s.jurisdiction AND g.resolved_at IS NULL))
          AND ($2::text IS NULL OR s.scam_types ? $2) AND ($3::text IS NULL OR s.channels ? $3) AND ($4::text IS NULL OR i.type = $4)
        ORDER BY s.reports DESC, s.first_seen ASC, s.fingerprint
        LIMIT $5 OFFSET $6`,
      [jurisdiction, f.scamType ?? null, f.channel ?? null, f.indicatorType ?? null, f.limit, f.offset],
    );
    return rows;
  }

  /** The newest reports carrying each of these indicators, `perIndicator` at most each, with their latest review. */
  async reportsOf(fingerprints: string[], perIndicator: number): Promise<ReviewReport[]> {
    if (!fingerprints.length) return [];
    const { rows } = await query<ReviewReport>(
      poolOf(this.db),
      `SELECT n.*,
              (SELECT json_build_object('verdict', v.verdict, 'note', v.note, 'actor', v.actor, 'at', v.created_at)
                 FROM report_reviews v WHERE v.report_id = n.id ORDER BY v.id DESC LIMIT 1) AS review
         FROM ${newestReportsSql('$1', '$2')} n
        ORDER BY n.fingerprint, n."receivedAt" DESC, n.id`,
      [fingerprints, perIndicator],
    );
    return rows.map((r) => ({ ...r, review: r.review ? { ...r.review, at: new Date(r.review.at) } : null }));
  }

  async reportExists(id: string): Promise<{ jurisdiction: string; status: string } | undefined> {
    return reportState(poolOf(this.db), id);
  }

  async indicatorExists(fingerprint: string): Promise<boolean> {
    const { rowCount } = await query(poolOf(this.db), `SELECT 1 FROM indicators WHERE fingerprint = $1`, [fingerprint]);
    return (rowCount ?? 0) > 0;
  }

  /** A confirmed report confirms the indicators it carries (not those that were rejected or warninglisted). */
  async reviewReport(
    reportId: string,
    jurisdiction: string,
    verdict: string,
    note: string | undefined,
    actor: string,
  ): Promise<{ confirmedIndicators: number; countingChanged: boolean }> {
    return transaction(this.db, async (tx) => {
      await tx.query(`INSERT INTO report_reviews (report_id, verdict, note, actor) VALUES ($1,$2,$3,$4)`, [
        reportId,
        verdict,
        note ?? null,
        actor,
      ]);
      // The latest review decides whether the report counts: a rejection takes it out, any other review puts it back.
      const counting = await setReportCounted(tx, reportId, verdict !== 'rejected');
      if (verdict !== 'confirmed') return { confirmedIndicators: 0, countingChanged: counting.changed };
      const fingerprints = await acceptedFingerprints(tx, reportId);
      for (const fingerprint of fingerprints)
        await recordVerdict(tx, {
          fingerprint,
          jurisdiction,
          verdict: 'scam',
          note: `report ${reportId} confirmed`,
          source: 'report_review',
          actor,
        });
      return { confirmedIndicators: fingerprints.length, countingChanged: counting.changed };
    });
  }

  async setVerdict(fingerprint: string, jurisdiction: string, verdict: string, note: string | undefined, actor: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await recordVerdict(tx, { fingerprint, jurisdiction, verdict, note, source: 'analyst', actor });
      await tx.query(
        `UPDATE indicator_flags SET resolved_at = now() WHERE fingerprint = $1 AND jurisdiction = $2 AND resolved_at IS NULL`,
        [fingerprint, jurisdiction],
      );
    });
  }

  /** Verdicts recorded after `afterId` (any source), oldest first: what the blocklist feed must judge again. */
  async verdictsAfter(afterId: number, limit: number): Promise<{ id: number; fingerprint: string }[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT id::int AS id, fingerprint FROM indicator_verdicts WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows as { id: number; fingerprint: string }[];
  }
}
