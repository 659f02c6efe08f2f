import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import type { BulletinFigures } from './core';

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

/** One period's aggregates by category, straight from the reports table. */ const COLUMNS = `id, period_from::text AS "periodFrom", period_to::text AS "periodTo", version, revision, languages, status,
  published_at AS "publishedAt", published_by AS "publishedBy", figures, failure, requested_by AS "requestedBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
/** The same columns without the figures, for listings. */
const SUMMARY = COLUMNS.replace('figures, ', 'NULL::jsonb AS figures, ');
/** Bulletins' lifecycle: drafts, their generation outcome, publication (a period's inputs: BulletinFiguresRepository). */
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
}
