import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import { recordVerdict } from './review.repository';

export interface AppealRow {
  id: string;
  fingerprint: string;
  type: string;
  value: string;
  contact: string;
  reason: string;
  status: string;
  resolutionNote: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

const COLUMNS = `id, fingerprint, type, value, contact, reason, status, resolution_note AS "resolutionNote", created_at AS "createdAt", resolved_at AS "resolvedAt"`;

@Injectable()
export class AppealsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(a: {
    id: string;
    fingerprint: string;
    type: string;
    value: string;
    contact: string;
    reason: string;
    clientHash: string;
  }): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO appeals (id, fingerprint, type, value, contact, reason, client_hash) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [a.id, a.fingerprint, a.type, a.value, a.contact, a.reason, a.clientHash],
    );
  }

  async list(status: string | undefined, limit: number): Promise<AppealRow[]> {
    const { rows } = await query<AppealRow>(
      poolOf(this.db),
      `SELECT ${COLUMNS} FROM appeals WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at, id LIMIT $2`,
      [status ?? null, limit],
    );
    return rows;
  }

  async find(id: string): Promise<AppealRow | undefined> {
    const { rows } = await query<AppealRow>(poolOf(this.db), `SELECT ${COLUMNS} FROM appeals WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Upholding an appeal marks the value legitimate here; the exchange then carries the revocation to partners. */
  async resolve(
    id: string,
    outcome: 'upheld' | 'dismissed',
    note: string | undefined,
    actor: string,
    jurisdiction: string,
  ): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const { rows } = await tx.query(
        `UPDATE appeals SET status = $2, resolution_note = $3, resolved_by = $4, resolved_at = now() WHERE id = $1 AND status = 'open' RETURNING fingerprint`,
        [id, outcome, note ?? null, actor],
      );
      if (!rows[0]) return false;
      if (outcome === 'upheld') {
        const known = await tx.query(`SELECT 1 FROM indicators WHERE fingerprint = $1`, [rows[0].fingerprint]);
        if (known.rowCount)
          await recordVerdict(tx, {
            fingerprint: rows[0].fingerprint,
            jurisdiction,
            verdict: 'legitimate',
            note: `appeal ${id} upheld${note ? `: ${note}` : ''}`,
            source: 'appeal',
            actor,
          });
      }
      return true;
    });
  }
}
