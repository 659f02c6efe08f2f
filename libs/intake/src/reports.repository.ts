import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';

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

/** Reads of reports and their ledger, for the reports routes (writes: IntakeRepository). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
}
