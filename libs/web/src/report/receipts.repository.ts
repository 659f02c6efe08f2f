import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';

/** Receipt codes (by their SHA-256) of reports sent through the public form. */
@Injectable()
export class ReceiptsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent: the same form sent twice maps the same code to the same report. */
  async save(codeHash: string, reportId: string): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO web_report_receipts (code_hash, report_id) VALUES ($1, $2) ON CONFLICT (code_hash) DO NOTHING`,
      [codeHash, reportId],
    );
  }

  async reportId(codeHash: string): Promise<string | undefined> {
    const { rows } = await query<{ reportId: string }>(
      poolOf(this.db),
      `SELECT report_id AS "reportId" FROM web_report_receipts WHERE code_hash = $1`,
      [codeHash],
    );
    return rows[0]?.reportId;
  }
}
