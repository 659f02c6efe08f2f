import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Queryable, poolOf, query, transaction } from '@scamintel/persistence';
import type { IndicatorUpsert, LoadedReport } from './core/batch-plan';
import type { ReportIndicatorRow, ReporterDelta, StatDelta } from './core/sighting-plan';

export interface NewReport {
  id: string;
  submitterKeyId: string | null;
  reporterKey: string;
  reporterTrust: string;
  jurisdiction: string;
  scamType: string;
  channel: string;
  occurredAt: string;
  lossAmount: string | null;
  lossCurrency: string | null;
  narrative: string | null;
  tlp: string;
  reporterContact: object | null;
  externalRef: string | null;
  indicators: { type?: string; value: string; region?: string }[];
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  bodyHash: string;
}

export type InsertOutcome =
  { kind: 'inserted'; ids: string[]; outboxId: string } | { kind: 'replayed'; ids: string[] } | { kind: 'conflict' };

export interface OutboxBatch {
  processed: boolean;
  reports: LoadedReport[];
}

/** A transaction the service opened through `inTransaction` and hands back to the statements that share it. */
export type IntakeTx = Pick<PoolClient, 'query'>;

export type NewLedgerRow = Pick<ReportIndicatorRow, 'reportId' | 'ordinal' | 'fingerprint' | 'status'>;

/** The columns of `list` named by `keys`, each as one array parameter of an unnest() insert. */
const columns = <T>(list: T[], keys: (keyof T)[]) => keys.map((k) => list.map((item) => item[k]));
const json = <T>(list: T[], pick: (item: T) => unknown) => list.map((item) => JSON.stringify(pick(item)));

/**
 * The intake tables' one owner for writes: reports as accepted (with their outbox row and idempotency claim), the
 * outbox, the report-indicator ledger and the aggregates ingest increments. It runs statements; what to write is
 * decided by the service and the pure plan.
 */
@Injectable()
export class IntakeRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Reports, their outbox row and the idempotency claim commit together or not at all: a 202 is only ever
   * answered for work that PostgreSQL holds durably.
   */
  async accept(reports: NewReport[], claim?: IdempotencyClaim): Promise<InsertOutcome> {
    const ids = reports.map((r) => r.id);
    return transaction(this.db, async (tx) => {
      if (claim) {
        const { rowCount } = await tx.query(
          `INSERT INTO idempotency_keys (scope, key, body_hash, report_ids) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
          [claim.scope, claim.key, claim.bodyHash, ids],
        );
        if (rowCount === 0) {
          const { rows } = await tx.query(`SELECT body_hash, report_ids FROM idempotency_keys WHERE scope = $1 AND key = $2`, [
            claim.scope,
            claim.key,
          ]);
          if (rows[0]?.body_hash === claim.bodyHash) return { kind: 'replayed', ids: rows[0].report_ids };
          return { kind: 'conflict' };
        }
      }
      await tx.query(
        `INSERT INTO reports (id, submitter_key_id, reporter_key, reporter_trust, jurisdiction, scam_type, channel, occurred_at,
           loss_amount, loss_currency, narrative, tlp, external_ref, reporter_contact, indicators)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
           $9::numeric[], $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::jsonb[])`,
        [
          ...columns(reports, [
            'id',
            'submitterKeyId',
            'reporterKey',
            'reporterTrust',
            'jurisdiction',
            'scamType',
            'channel',
            'occurredAt',
            'lossAmount',
            'lossCurrency',
            'narrative',
            'tlp',
            'externalRef',
          ]),
          reports.map((r) => (r.reporterContact ? JSON.stringify(r.reporterContact) : null)),
          json(reports, (r) => r.indicators),
        ],
      );
      const { rows } = await tx.query(`INSERT INTO intake_outbox (report_ids) VALUES ($1) RETURNING id::text`, [ids]);
      return { kind: 'inserted', ids, outboxId: rows[0].id };
    });
  }

  /** Outbox rows committed but not yet processed, old enough that their own enqueue had its chance. */
  async pendingOutbox(olderThanMs: number, limit: number): Promise<string[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT id::text FROM intake_outbox WHERE processed_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond') ORDER BY id LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => r.id);
  }

  /** How many reports an outbox row still holds unprocessed (0 once processed or unknown). */
  async unprocessedReports(outboxId: string): Promise<number> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT cardinality(report_ids) AS n FROM intake_outbox WHERE id = $1 AND processed_at IS NULL`,
      [outboxId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async loadOutbox(outboxId: string): Promise<OutboxBatch | undefined> {
    const pool = poolOf(this.db);
    const { rows: ob } = await query(pool, `SELECT report_ids, processed_at FROM intake_outbox WHERE id = $1`, [outboxId]);
    if (!ob[0]) return undefined;
    if (ob[0].processed_at) return { processed: true, reports: [] };
    const { rows } = await query<LoadedReport>(
      pool,
      `SELECT id, jurisdiction, reporter_key AS "reporterKey", reporter_trust AS "reporterTrust", scam_type AS "scamType", channel,
              occurred_at AS "occurredAt", loss_amount::text AS "lossAmount", loss_currency AS "lossCurrency", tlp, indicators, narrative
         FROM reports WHERE id = ANY($1::uuid[]) AND status = 'received'`,
      [ob[0].report_ids],
    );
    return { processed: false, reports: rows };
  }

  async markOutboxDone(outboxId: string): Promise<void> {
    await query(poolOf(this.db), `UPDATE intake_outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [outboxId]);
  }

  /** Runs fn in one transaction (retried whole on deadlock), so fn must only decide from what it reads inside. */
  inTransaction<T>(fn: (tx: IntakeTx) => Promise<T>): Promise<T> {
    return transaction(this.db, fn);
  }

  /** Indicators not stored yet, each in the state of its first batch; existing ones are left alone. */
  async insertNewIndicators(list: IndicatorUpsert[]): Promise<void> {
    await this.writeIndicators(poolOf(this.db), list, 'DO NOTHING');
  }

  /** Existing indicators: widen first/last seen and mark them changed (the exchange re-shares changed ones). */
  async widenIndicators(list: IndicatorUpsert[]): Promise<void> {
    await this.writeIndicators(
      poolOf(this.db),
      list,
      `DO UPDATE SET
         first_seen = LEAST(indicators.first_seen, excluded.first_seen),
         last_seen = GREATEST(indicators.last_seen, excluded.last_seen),
         warninglist = excluded.warninglist,
         updated_at = now()`,
    );
  }

  private async writeIndicators(on: Queryable, list: IndicatorUpsert[], onConflict: string): Promise<void> {
    if (!list.length) return;
    await on.query(
      `INSERT INTO indicators (fingerprint, type, value, warninglist, first_seen, last_seen, attributes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[])
       ON CONFLICT (fingerprint) ${onConflict}`,
      [...columns(list, ['fingerprint', 'type', 'value', 'warninglist', 'firstSeen', 'lastSeen']), json(list, (i) => i.attributes)],
    );
  }

  /** The ledger rows this transaction really inserted (a re-processed batch inserts none), in report order. */
  async insertLedger(tx: IntakeTx, rows: ReportIndicatorRow[]): Promise<NewLedgerRow[]> {
    if (!rows.length) return [];
    const { rows: inserted } = await tx.query<NewLedgerRow>(
      `INSERT INTO report_indicators (report_id, ordinal, raw, source, type, value, fingerprint, status, reason)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (report_id, ordinal) DO NOTHING
       RETURNING report_id AS "reportId", ordinal, fingerprint, status`,
      columns(rows, ['reportId', 'ordinal', 'raw', 'source', 'type', 'value', 'fingerprint', 'status', 'reason']),
    );
    // RETURNING order is not guaranteed; restore report order so "first occurrence" is well defined.
    return inserted.sort((a, b) => (a.reportId === b.reportId ? a.ordinal - b.ordinal : a.reportId < b.reportId ? -1 : 1));
  }

  /** Marks the batch's reports and outbox row processed and adds the batch's increments to the aggregates. */
  async recordSightings(
    tx: IntakeTx,
    outboxId: string,
    reportIds: string[],
    { stats, reporters }: { stats: StatDelta[]; reporters: ReporterDelta[] },
  ): Promise<void> {
    await tx.query(`UPDATE reports SET status = 'processed', processed_at = now() WHERE id = ANY($1::uuid[]) AND status = 'received'`, [
      reportIds,
    ]);
    await tx.query(`UPDATE intake_outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [outboxId]);
    // The statements that lock rows other batches also want (popular indicators) come last, in sorted key
    // order, so those locks are held for as short a time as possible before the commit.
    await this.upsertReporters(tx, reporters);
    await this.upsertStats(tx, stats);
    await this.flagAnonymousBursts(tx, reporters);
  }

  private async upsertStats(tx: IntakeTx, stats: StatDelta[]): Promise<void> {
    if (!stats.length) return;
    await tx.query(
      `INSERT INTO indicator_stats (fingerprint, jurisdiction, reports, first_seen, last_seen, tlp_rank, scam_types, channels, losses)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::smallint[], $7::jsonb[], $8::jsonb[], $9::jsonb[])
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
        ...columns(stats, ['fingerprint', 'jurisdiction', 'reports', 'firstSeen', 'lastSeen', 'tlpRank']),
        json(stats, (s) => s.scamTypes),
        json(stats, (s) => s.channels),
        json(stats, (s) => s.losses),
      ],
    );
  }

  private async upsertReporters(tx: IntakeTx, list: ReporterDelta[]): Promise<void> {
    if (!list.length) return;
    await tx.query(
      `INSERT INTO indicator_reporters (fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (fingerprint, jurisdiction, reporter_key) DO UPDATE SET
         reports = indicator_reporters.reports + excluded.reports,
         first_seen = LEAST(indicator_reporters.first_seen, excluded.first_seen),
         last_seen = GREATEST(indicator_reporters.last_seen, excluded.last_seen)`,
      columns(list, ['fingerprint', 'jurisdiction', 'reporterKey', 'trust', 'reports', 'firstSeen', 'lastSeen']),
    );
  }

  /**
   * A burst of anonymous reporters of one value within minutes is how a value gets brigaded: flag it for an
   * analyst (the verdict rules already set such reporters aside).
   */
  private async flagAnonymousBursts(tx: IntakeTx, reporters: ReporterDelta[]): Promise<void> {
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
}
