import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';

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

export interface ReportView {
  id: string;
  status: string;
  submitterKeyId: string | null;
  jurisdiction: string;
  scamType: string;
  channel: string;
  occurredAt: Date;
  receivedAt: Date;
  processedAt: Date | null;
  tlp: string;
  lossAmount: string | null;
  lossCurrency: string | null;
  narrative: string | null;
  reporterContact: object | null;
  externalRef: string | null;
  submitted: { type?: string; value: string }[];
  /** received_at at full (microsecond) precision, for cursors. */
  cursorAt: string;
}

export interface ReportIndicatorView {
  ordinal: number;
  raw: string;
  source: string;
  type: string | null;
  value: string | null;
  fingerprint: string | null;
  status: string;
  reason: string | null;
}

export interface ReportFilter {
  status?: string;
  from?: string;
  to?: string;
  scamType?: string;
  after?: { receivedAt: string; id: string };
  limit: number;
}

const VIEW = `id, status, submitter_key_id AS "submitterKeyId", jurisdiction, scam_type AS "scamType", channel, occurred_at AS "occurredAt",
  received_at AS "receivedAt", processed_at AS "processedAt", tlp, loss_amount::text AS "lossAmount", loss_currency AS "lossCurrency",
  narrative, reporter_contact AS "reporterContact", external_ref AS "externalRef", indicators AS submitted, received_at::text AS "cursorAt"`;

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Reports, their outbox row and the idempotency claim commit together or not at all: a 202 is only ever
   * answered for work that PostgreSQL holds durably.
   */
  async insert(reports: NewReport[], claim?: IdempotencyClaim): Promise<InsertOutcome> {
    return transaction(this.db, async (tx) => {
      if (claim) {
        const ids = reports.map((r) => r.id);
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
      const col = <K extends keyof NewReport>(k: K) => reports.map((r) => r[k]);
      await tx.query(
        `INSERT INTO reports (id, submitter_key_id, reporter_key, reporter_trust, jurisdiction, scam_type, channel, occurred_at,
           loss_amount, loss_currency, narrative, tlp, reporter_contact, external_ref, indicators)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
           $9::numeric[], $10::text[], $11::text[], $12::text[], $13::jsonb[], $14::text[], $15::jsonb[])`,
        [
          col('id'),
          col('submitterKeyId'),
          col('reporterKey'),
          col('reporterTrust'),
          col('jurisdiction'),
          col('scamType'),
          col('channel'),
          col('occurredAt'),
          col('lossAmount'),
          col('lossCurrency'),
          col('narrative'),
          col('tlp'),
          reports.map((r) => (r.reporterContact ? JSON.stringify(r.reporterContact) : null)),
          col('externalRef'),
          reports.map((r) => JSON.stringify(r.indicators)),
        ],
      );
      const { rows } = await tx.query(`INSERT INTO intake_outbox (report_ids) VALUES ($1) RETURNING id::text`, [reports.map((r) => r.id)]);
      return { kind: 'inserted', ids: reports.map((r) => r.id), outboxId: rows[0].id };
    });
  }

  async findById(id: string): Promise<ReportView | undefined> {
    const { rows } = await query<ReportView>(poolOf(this.db), `SELECT ${VIEW} FROM reports WHERE id = $1`, [id]);
    return rows[0];
  }

  async indicatorsOf(id: string): Promise<ReportIndicatorView[]> {
    const { rows } = await query<ReportIndicatorView>(
      poolOf(this.db),
      `SELECT ordinal, raw, source, type, value, fingerprint, status, reason FROM report_indicators WHERE report_id = $1 ORDER BY ordinal`,
      [id],
    );
    return rows;
  }

  async list(f: ReportFilter): Promise<ReportView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.status) add('status = ?', f.status);
    if (f.scamType) add('scam_type = ?', f.scamType);
    if (f.from) add('received_at >= ?', f.from);
    if (f.to) add('received_at < ?', f.to);
    if (f.after) {
      params.push(f.after.receivedAt, f.after.id);
      where.push(`(received_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(f.limit);
    const { rows } = await query<ReportView>(
      poolOf(this.db),
      `SELECT ${VIEW} FROM reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, id LIMIT $${params.length}`,
      params,
    );
    return rows;
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
}
