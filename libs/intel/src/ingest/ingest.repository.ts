import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { Queryable, poolOf, query, transaction } from '@scamintel/persistence';
import { ReportIndicatorRow, ReportToIngest, ReporterDelta, StatDelta, planDeltas } from './sighting-plan';

export interface IndicatorUpsert {
  fingerprint: string;
  type: string;
  value: string;
  attributes: Record<string, unknown>;
  warninglist: string | null;
  firstSeen: Date;
  lastSeen: Date;
}

export interface OutboxBatch {
  processed: boolean;
  reports: (ReportToIngest & { indicators: { type?: string; value: string; region?: string }[]; narrative: string | null })[];
}

@Injectable()
export class IngestRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async loadOutbox(outboxId: string): Promise<OutboxBatch | undefined> {
    const pool = poolOf(this.db);
    const { rows: ob } = await query(pool, `SELECT report_ids, processed_at FROM intake_outbox WHERE id = $1`, [outboxId]);
    if (!ob[0]) return undefined;
    if (ob[0].processed_at) return { processed: true, reports: [] };
    const { rows } = await query(
      pool,
      `SELECT id, jurisdiction, reporter_key AS "reporterKey", reporter_trust AS "reporterTrust", scam_type AS "scamType", channel,
              occurred_at AS "occurredAt", loss_amount::text AS "lossAmount", loss_currency AS "lossCurrency", tlp, indicators, narrative
         FROM reports WHERE id = ANY($1::uuid[]) AND status = 'received'`,
      [ob[0].report_ids],
    );
    return { processed: false, reports: rows as OutboxBatch['reports'] };
  }

  /**
   * Writes one batch in one transaction: indicators, the report-indicator ledger (ON CONFLICT DO NOTHING), then
   * aggregate increments computed only from the ledger rows this transaction really inserted.
   */
  async commitBatch(
    outboxId: string,
    reports: Map<string, ReportToIngest>,
    indicators: IndicatorUpsert[],
    rows: ReportIndicatorRow[],
  ): Promise<{ newSightings: number }> {
    // New indicators are committed on their own first: inside the batch's transaction, concurrent batches
    // carrying the same new (popular) values would wait for each other's commit. An indicator row without a
    // sighting, left by a crash right after, is harmless (lookup shows it with no reports) and reused on retry.
    await this.insertNewIndicators(poolOf(this.db), indicators);
    const result = await transaction(this.db, async (tx) => {
      const inserted = await this.insertLedger(tx, rows);
      const { stats, reporters } = planDeltas(inserted, reports);
      await tx.query(`UPDATE reports SET status = 'processed', processed_at = now() WHERE id = ANY($1::uuid[]) AND status = 'received'`, [
        [...reports.keys()],
      ]);
      await tx.query(`UPDATE intake_outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [outboxId]);
      // The statements that lock rows other batches also want (popular indicators) come last, in sorted key
      // order, so those locks are held for as short a time as possible before the commit.
      await this.upsertReporters(tx, reporters);
      await this.upsertStats(tx, stats);
      await this.flagAnonymousBursts(tx, reporters);
      return { newSightings: stats.reduce((n, s) => n + s.reports, 0) };
    });
    // Then, in a statement of its own, widen first/last seen and mark the indicators changed for the exchange.
    // Its row locks last one statement. Losing it to a crash leaves last_seen (derivable from indicator_stats)
    // and the change mark behind until the indicator's next sighting; no count is affected.
    await this.upsertIndicators(poolOf(this.db), indicators);
    return result;
  }

  async markOutboxDone(outboxId: string): Promise<void> {
    await query(poolOf(this.db), `UPDATE intake_outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [outboxId]);
  }

  private async insertNewIndicators(tx: Queryable, list: IndicatorUpsert[]): Promise<void> {
    if (!list.length) return;
    await tx.query(
      `INSERT INTO indicators (fingerprint, type, value, attributes, warninglist, first_seen, last_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (fingerprint) DO NOTHING`,
      [
        list.map((i) => i.fingerprint),
        list.map((i) => i.type),
        list.map((i) => i.value),
        list.map((i) => JSON.stringify(i.attributes)),
        list.map((i) => i.warninglist),
        list.map((i) => i.firstSeen),
        list.map((i) => i.lastSeen),
      ],
    );
  }

  /** Existing indicators: widen first/last seen and mark them changed (the exchange re-shares changed ones). */
  private async upsertIndicators(tx: Queryable, list: IndicatorUpsert[]): Promise<void> {
    if (!list.length) return;
    await tx.query(
      `INSERT INTO indicators (fingerprint, type, value, attributes, warninglist, first_seen, last_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (fingerprint) DO UPDATE SET
         first_seen = LEAST(indicators.first_seen, excluded.first_seen),
         last_seen = GREATEST(indicators.last_seen, excluded.last_seen),
         warninglist = excluded.warninglist,
         updated_at = now()`,
      [
        list.map((i) => i.fingerprint),
        list.map((i) => i.type),
        list.map((i) => i.value),
        list.map((i) => JSON.stringify(i.attributes)),
        list.map((i) => i.warninglist),
        list.map((i) => i.firstSeen),
        list.map((i) => i.lastSeen),
      ],
    );
  }

  private async insertLedger(
    tx: PoolClient,
    rows: ReportIndicatorRow[],
  ): Promise<Pick<ReportIndicatorRow, 'reportId' | 'fingerprint' | 'status'>[]> {
    if (!rows.length) return [];
    const { rows: inserted } = await tx.query(
      `INSERT INTO report_indicators (report_id, ordinal, raw, source, type, value, fingerprint, status, reason)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (report_id, ordinal) DO NOTHING
       RETURNING report_id AS "reportId", ordinal, fingerprint, status`,
      [
        rows.map((r) => r.reportId),
        rows.map((r) => r.ordinal),
        rows.map((r) => r.raw),
        rows.map((r) => r.source),
        rows.map((r) => r.type),
        rows.map((r) => r.value),
        rows.map((r) => r.fingerprint),
        rows.map((r) => r.status),
        rows.map((r) => r.reason),
      ],
    );
    // RETURNING order is not guaranteed; restore report order so "first occurrence" is well defined.
    return inserted.sort((a: { reportId: string; ordinal: number }, b: { reportId: string; ordinal: number }) =>
      a.reportId === b.reportId ? a.ordinal - b.ordinal : a.reportId < b.reportId ? -1 : 1,
    );
  }

  private async upsertStats(tx: PoolClient, stats: StatDelta[]): Promise<void> {
    if (!stats.length) return;
    await tx.query(
      `INSERT INTO indicator_stats (fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, channels, losses, tlp_rank)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $8::jsonb[], $9::smallint[])
       ON CONFLICT (fingerprint, jurisdiction) DO UPDATE SET
         reports = indicator_stats.reports + excluded.reports,
         first_seen = LEAST(indicator_stats.first_seen, excluded.first_seen),
         last_seen = GREATEST(indicator_stats.last_seen, excluded.last_seen),
         scam_types = jsonb_sum_merge(indicator_stats.scam_types, excluded.scam_types),
         channels = jsonb_sum_merge(indicator_stats.channels, excluded.channels),
         losses = jsonb_sum_merge_decimal(indicator_stats.losses, excluded.losses),
         tlp_rank = LEAST(indicator_stats.tlp_rank, excluded.tlp_rank),
         updated_at = now()`,
      [
        stats.map((s) => s.fingerprint),
        stats.map((s) => s.jurisdiction),
        stats.map((s) => s.reports),
        stats.map((s) => s.firstSeen),
        stats.map((s) => s.lastSeen),
        stats.map((s) => JSON.stringify(s.scamTypes)),
        stats.map((s) => JSON.stringify(s.channels)),
        stats.map((s) => JSON.stringify(s.losses)),
        stats.map((s) => s.tlpRank),
      ],
    );
  }

  /**
   * A burst of anonymous reporters of one value within minutes is how a value gets brigaded: flag it for an
   * analyst (the verdict rules already set such reporters aside).
   */
  private async flagAnonymousBursts(tx: PoolClient, reporters: ReporterDelta[]): Promise<void> {
    const anon = [...new Set(reporters.filter((r) => r.trust === 'anonymous').map((r) => r.fingerprint))];
    if (!anon.length) return;
    const { windowMinutes, minAnonymousReports } = this.config.policing.burst;
    await tx.query(
      `INSERT INTO indicator_flags (fingerprint, jurisdiction, flag)
       SELECT fingerprint, jurisdiction, 'anonymous_burst' FROM indicator_reporters
        WHERE fingerprint = ANY($1) AND trust = 'anonymous' AND first_received > now() - $2::int * interval '1 minute'
        GROUP BY fingerprint, jurisdiction HAVING count(*) >= $3
       ON CONFLICT (fingerprint, jurisdiction, flag) DO UPDATE SET resolved_at = NULL, created_at = now() WHERE indicator_flags.resolved_at IS NOT NULL`,
      [anon, windowMinutes, minAnonymousReports],
    );
  }

  private async upsertReporters(tx: PoolClient, list: ReporterDelta[]): Promise<void> {
    if (!list.length) return;
    await tx.query(
      `INSERT INTO indicator_reporters (fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (fingerprint, jurisdiction, reporter_key) DO UPDATE SET
         reports = indicator_reporters.reports + excluded.reports,
         first_seen = LEAST(indicator_reporters.first_seen, excluded.first_seen),
         last_seen = GREATEST(indicator_reporters.last_seen, excluded.last_seen)`,
      [
        list.map((r) => r.fingerprint),
        list.map((r) => r.jurisdiction),
        list.map((r) => r.reporterKey),
        list.map((r) => r.trust),
        list.map((r) => r.reports),
        list.map((r) => r.firstSeen),
        list.map((r) => r.lastSeen),
      ],
    );
  }
}
