import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import type { ActionKind, ActionState, IndicatorType } from '@scamintel/vocabulary';

export interface ActionRow {
  id: string;
  kind: ActionKind;
  type: IndicatorType;
  value: string;
  fingerprint: string;
  reason: string;
  caseRef: string | null;
  state: ActionState;
  assignees: string[];
  requestedBy: string;
  partner: string | null;
  fromNode: string | null;
  remoteId: string | null;
  expiresInDays: number | null;
  version: number;
  reportedVersion: number;
  createdAt: Date;
  assignedAt: Date | null;
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  doneAt: Date | null;
  closedAt: Date | null;
  expiresAt: Date | null;
  sentAt: Date | null;
  deliveryError: string | null;
  updatedAt: Date;
}

export interface ActionEvent {
  at: Date;
  actor: string;
  from: ActionState | null;
  to: ActionState;
  note: string | null;
}

const COLUMNS = `id, kind, type, value, fingerprint, reason, case_ref AS "caseRef", state, assignees, requested_by AS "requestedBy", partner,
  from_node AS "fromNode", remote_id AS "remoteId", expires_in_days AS "expiresInDays", version, reported_version AS "reportedVersion",
  created_at AS "createdAt", assigned_at AS "assignedAt", ack_due_at AS "ackDueAt", acknowledged_at AS "acknowledgedAt", done_at AS "doneAt",
  closed_at AS "closedAt", expires_at AS "expiresAt", sent_at AS "sentAt", delivery_error AS "deliveryError", updated_at AS "updatedAt"`;

/** Columns a state change may set, by their property names. */
export type ActionPatch = Partial<
  Pick<ActionRow, 'state' | 'assignees' | 'assignedAt' | 'ackDueAt' | 'acknowledgedAt' | 'doneAt' | 'closedAt' | 'expiresAt'>
>;
const PATCHABLE: Record<keyof ActionPatch, string> = {
  state: 'state',
  assignees: 'assignees',
  assignedAt: 'assigned_at',
  ackDueAt: 'ack_due_at',
  acknowledgedAt: 'acknowledged_at',
  doneAt: 'done_at',
  closedAt: 'closed_at',
  expiresAt: 'expires_at',
};

export interface ListFilter {
  organisation?: string;
  state?: ActionState;
  kind?: ActionKind;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** The one owner of the `actions` and `action_events` tables. */
@Injectable()
export class ActionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new action and its first history entry; with `fromNode`, a partner's request that may already be here (idempotent). */
  async insert(a: Omit<ActionRow, 'version' | 'reportedVersion' | 'sentAt' | 'deliveryError' | 'updatedAt'>, event: ActionEvent) {
    return transaction(this.db, async (tx) => {
      const { rows } = await tx.query<ActionRow>(
        `INSERT INTO actions (id, kind, type, value, fingerprint, reason, case_ref, state, assignees, requested_by, partner, from_node, remote_id,
                              expires_in_days, created_at, assigned_at, ack_due_at, acknowledged_at, done_at, closed_at, expires_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$15)
         ON CONFLICT (from_node, remote_id) DO NOTHING RETURNING ${COLUMNS}`,
        [
          a.id,
          a.kind,
          a.type,
          a.value,
          a.fingerprint,
          a.reason,
          a.caseRef,
          a.state,
          a.assignees,
          a.requestedBy,
          a.partner,
          a.fromNode,
          a.remoteId,
          a.expiresInDays,
          a.createdAt,
          a.assignedAt,
          a.ackDueAt,
          a.acknowledgedAt,
          a.doneAt,
          a.closedAt,
          a.expiresAt,
        ],
      );
      if (!rows[0]) return { created: false as const, row: (await this.inbound(a.fromNode!, a.remoteId!, tx))! };
      await this.addEvent(tx, a.id, event);
      return { created: true as const, row: rows[0] };
    });
  }

  async get(id: string): Promise<ActionRow | undefined> {
    return (await query<ActionRow>(poolOf(this.db), `SELECT ${COLUMNS} FROM actions WHERE id = $1`, [id])).rows[0];
  }

  async inbound(fromNode: string, remoteId: string, on: Pick<PoolClient, 'query'> = poolOf(this.db)): Promise<ActionRow | undefined> {
    return (await query<ActionRow>(on, `SELECT ${COLUMNS} FROM actions WHERE from_node = $1 AND remote_id = $2`, [fromNode, remoteId]))
      .rows[0];
  }

  async list(f: ListFilter): Promise<ActionRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.organisation !== undefined) {
      params.push(f.organisation);
      where.push(`$${params.length} = ANY(assignees)`);
    }
    if (f.state) {
      params.push(f.state);
      where.push(`state = $${params.length}`);
    }
    if (f.kind) {
      params.push(f.kind);
      where.push(`kind = $${params.length}`);
    }
    if (f.after) {
      params.push(f.after.createdAt, f.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(f.limit);
    const { rows } = await query<ActionRow>(
      poolOf(this.db),
      `SELECT ${COLUMNS}, created_at::text AS "cursorAt" FROM actions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows;
  }

  /** The board: every open action and the most recently changed closed ones. */
  async board(closedLimit: number): Promise<ActionRow[]> {
    const { rows } = await query<ActionRow>(
      poolOf(this.db),
      `(SELECT ${COLUMNS} FROM actions WHERE state IN ('requested','acknowledged','done'))
       UNION ALL
       (SELECT ${COLUMNS} FROM actions WHERE state NOT IN ('requested','acknowledged','done') ORDER BY updated_at DESC LIMIT $1)`,
      [closedLimit],
    );
    return rows;
  }

  async history(id: string): Promise<ActionEvent[]> {
    const { rows } = await query<ActionEvent>(
      poolOf(this.db),
      `SELECT at, actor, from_state AS "from", to_state AS "to", note FROM action_events WHERE action_id = $1 ORDER BY id`,
      [id],
    );
    return rows;
  }

  /**
   * A state change by compare-and-set on the version, with its history entry, in one transaction: two organisations
   * (or an organisation and the expiry job) acting at once cannot both win. Undefined when the version moved.
   */
  async update(id: string, version: number, patch: ActionPatch, event: ActionEvent): Promise<ActionRow | undefined> {
    return transaction(this.db, async (tx) => {
      const sets: string[] = [];
      const params: unknown[] = [id, version];
      for (const [k, col] of Object.entries(PATCHABLE) as [keyof ActionPatch, string][])
        if (patch[k] !== undefined) {
          params.push(patch[k]);
          sets.push(`${col} = $${params.length}`);
        }
      params.push(event.at);
      const { rows } = await tx.query<ActionRow>(
        `UPDATE actions SET ${sets.length ? `${sets.join(', ')}, ` : ''}version = version + 1, updated_at = $${params.length}
          WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
        params,
      );
      if (!rows[0]) return undefined;
      await this.addEvent(tx, id, event);
      return rows[0];
    });
  }

  /** A partner's report on a request we sent: applied only over an older version. */
  async mirror(id: string, partner: string, state: ActionState, version: number, event: ActionEvent): Promise<ActionRow | undefined> {
    return transaction(this.db, async (tx) => {
      const stamp =
        state === 'acknowledged' ? 'acknowledged_at' : state === 'done' ? 'done_at' : state === 'requested' ? null : 'closed_at';
      const { rows } = await tx.query<ActionRow>(
        `UPDATE actions SET state = $3, version = $4, updated_at = $5${stamp ? `, ${stamp} = coalesce(${stamp}, $5)` : ''}
          WHERE id = $1 AND partner = $2 AND version < $4 RETURNING ${COLUMNS}`,
        [id, partner, state, version, event.at],
      );
      if (!rows[0]) return undefined;
      await this.addEvent(tx, id, event);
      return rows[0];
    });
  }

  async markSent(id: string, remoteId: string, at: Date): Promise<void> {
    await query(poolOf(this.db), `UPDATE actions SET sent_at = $2, remote_id = $3, delivery_error = NULL WHERE id = $1`, [
      id,
      at,
      remoteId,
    ]);
  }

  async markDeliveryError(id: string, message: string): Promise<void> {
    await query(poolOf(this.db), `UPDATE actions SET delivery_error = $2 WHERE id = $1`, [id, message.slice(0, 500)]);
  }

  async markReported(id: string, version: number): Promise<void> {
    await query(poolOf(this.db), `UPDATE actions SET reported_version = greatest(reported_version, $2) WHERE id = $1`, [id, version]);
  }

  /** Done actions of this node whose lifetime has passed at `now`. */
  async dueToExpire(now: Date, limit: number): Promise<ActionRow[]> {
    return (
      await query<ActionRow>(
        poolOf(this.db),
        `SELECT ${COLUMNS} FROM actions WHERE state = 'done' AND partner IS NULL AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
        [now, limit],
      )
    ).rows;
  }

  /** What still has to travel between nodes (a lost job, Redis restarted empty): undelivered requests, unreported states. */
  async pendingTraffic(limit: number): Promise<{ unsent: string[]; unreported: { id: string; version: number }[] }> {
    const pool = poolOf(this.db);
    const [unsent, unreported] = await Promise.all([
      query(
        pool,
        `SELECT id FROM actions WHERE partner IS NOT NULL AND sent_at IS NULL AND delivery_error IS NULL ORDER BY created_at LIMIT $1`,
        [limit],
      ),
      query(
        pool,
        `SELECT id, version FROM actions WHERE from_node IS NOT NULL AND reported_version < version ORDER BY updated_at LIMIT $1`,
        [limit],
      ),
    ]);
    return { unsent: unsent.rows.map((r) => r.id), unreported: unreported.rows.map((r) => ({ id: r.id, version: r.version })) };
  }

  /**
   * Median time from request to done per kind, for actions of this node requested in the days [from, to) of `timeZone`
   * that reached done (and may since have been released or expired): the bulletin's time-to-action figure.
   */
  async timeToAction(from: string, to: string, timeZone: string): Promise<{ kind: ActionKind; done: number; medianSeconds: number }[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT kind, count(*)::int AS done,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - created_at))::float8 AS "medianSeconds"
         FROM actions WHERE partner IS NULL AND done_at IS NOT NULL
          AND created_at >= ($1::date)::timestamp AT TIME ZONE $3 AND created_at < ($2::date)::timestamp AT TIME ZONE $3
        GROUP BY kind ORDER BY kind`,
      [from, to, timeZone],
    );
    return rows as { kind: ActionKind; done: number; medianSeconds: number }[];
  }

  private async addEvent(tx: Pick<PoolClient, 'query'>, id: string, e: ActionEvent): Promise<void> {
    await tx.query(`INSERT INTO action_events (action_id, at, actor, from_state, to_state, note) VALUES ($1,$2,$3,$4,$5,$6)`, [
      id,
      e.at,
      e.actor,
      e.from,
      e.to,
      e.note,
    ]);
  }
}
