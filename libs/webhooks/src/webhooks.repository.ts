import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import type { OrgProfile, Role } from '@scamintel/vocabulary';
import type { WebhookFilter } from '@scamintel/webhooks-core';

export interface SubscriptionRow {
  id: string;
  keyId: string;
  url: string;
  events: string[];
  filter: WebhookFilter | null;
  secret: string;
  failures: number;
  createdAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
  deletedAt: Date | null;
}

/** An active subscription with what matching needs of its key. */
export interface ActiveSubscription extends SubscriptionRow {
  key: { role: Role; organisation: string; profile: OrgProfile };
}

export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  type: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
}

const SUB = `s.id, s.key_id AS "keyId", s.url, s.events, s.filter, s.secret, s.failures, s.created_at AS "createdAt", s.disabled_at AS "disabledAt",
  s.disabled_reason AS "disabledReason", s.deleted_at AS "deletedAt"`;
const DELIVERY = `id, subscription_id AS "subscriptionId", type, body, status, attempts, last_status AS "lastStatus", last_error AS "lastError",
  created_at AS "createdAt", last_attempt_at AS "lastAttemptAt", delivered_at AS "deliveredAt"`;

/** The one owner of `webhook_subscriptions` and `webhook_deliveries`. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(s: Pick<SubscriptionRow, 'id' | 'keyId' | 'url' | 'events' | 'filter' | 'secret'>): Promise<SubscriptionRow> {
    const { rows } = await query<SubscriptionRow>(
      poolOf(this.db),
      `INSERT INTO webhook_subscriptions AS s (id, key_id, url, events, filter, secret) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${SUB}`,
      [s.id, s.keyId, s.url, s.events, s.filter === null ? null : JSON.stringify(s.filter), s.secret],
    );
    return rows[0];
  }

  async ofKey(keyId: string): Promise<SubscriptionRow[]> {
    return (
      await query<SubscriptionRow>(
        poolOf(this.db),
        `SELECT ${SUB} FROM webhook_subscriptions s WHERE key_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
        [keyId],
      )
    ).rows;
  }

  async get(id: string): Promise<SubscriptionRow | undefined> {
    return (await query<SubscriptionRow>(poolOf(this.db), `SELECT ${SUB} FROM webhook_subscriptions s WHERE id = $1`, [id])).rows[0];
  }

  /** Soft delete: the row stays for its deliveries' history; pending deliveries are cancelled with it. */
  async remove(id: string, keyId: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = $1 AND key_id = $2 AND deleted_at IS NULL`,
        [id, keyId],
      );
      if (!rowCount) return false;
      await tx.query(`UPDATE webhook_deliveries SET status = 'cancelled' WHERE subscription_id = $1 AND status = 'pending'`, [id]);
      return true;
    });
  }

  /** Subscriptions that want `type`, neither deleted nor disabled, of keys that are not revoked. */
  async activeFor(type: string): Promise<ActiveSubscription[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT ${SUB}, k.role, k.organisation, k.sector, k.bank_codes AS "bankCodes", k.platforms, k.jurisdiction
         FROM webhook_subscriptions s JOIN api_keys k ON k.id = s.key_id
        WHERE $1 = ANY(s.events) AND s.deleted_at IS NULL AND s.disabled_at IS NULL AND k.revoked_at IS NULL`,
      [type],
    );
    return rows.map(({ role, organisation, sector, bankCodes, platforms, jurisdiction, ...s }) => ({
      ...(s as SubscriptionRow),
      key: { role, organisation, profile: { sector, bankCodes, platforms, jurisdiction } },
    }));
  }

  async addDeliveries(rows: { id: string; subscriptionId: string; type: string; body: string }[]): Promise<void> {
    if (!rows.length) return;
    await query(
      poolOf(this.db),
      `INSERT INTO webhook_deliveries (id, subscription_id, type, body, status)
       SELECT * , 'pending' FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[])`,
      [rows.map((r) => r.id), rows.map((r) => r.subscriptionId), rows.map((r) => r.type), rows.map((r) => r.body)],
    );
  }

  async delivery(id: string): Promise<(DeliveryRow & { subscription: SubscriptionRow }) | undefined> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT row_to_json(d) AS d, row_to_json(x) AS s FROM (SELECT ${DELIVERY} FROM webhook_deliveries WHERE id = $1) d
         JOIN LATERAL (SELECT ${SUB} FROM webhook_subscriptions s WHERE s.id = d."subscriptionId") x ON true`,
      [id],
    );
    if (!rows[0]) return undefined;
    const d = rows[0].d as DeliveryRow;
    const s = rows[0].s as SubscriptionRow;
    for (const k of ['createdAt', 'lastAttemptAt', 'deliveredAt'] as const) d[k] = d[k] ? new Date(d[k]!) : null!;
    for (const k of ['createdAt', 'disabledAt', 'deletedAt'] as const) s[k] = s[k] ? new Date(s[k]!) : null!;
    return { ...d, subscription: s };
  }

  async deliveries(subscriptionId: string, limit: number): Promise<DeliveryRow[]> {
    return (
      await query<DeliveryRow>(
        poolOf(this.db),
        `SELECT ${DELIVERY} FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
        [subscriptionId, limit],
      )
    ).rows;
  }

  /** One attempt's outcome. `final`: the last attempt failed, so the event counts as failed for the subscription. */
  async recordAttempt(
    id: string,
    outcome: { ok: boolean; status: number | null; error: string | null; final: boolean },
    disableAfter: number,
  ): Promise<{ disabled: boolean }> {
    return transaction(this.db, async (tx) => {
      const status = outcome.ok ? 'delivered' : outcome.final ? 'failed' : 'pending';
      const { rows } = await tx.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $2, last_error = $3, last_attempt_at = now(), status = $4,
                delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE delivered_at END
          WHERE id = $1 AND status = 'pending' RETURNING subscription_id AS "subscriptionId"`,
        [id, outcome.status, outcome.error?.slice(0, 500) ?? null, status],
      );
      const sub = rows[0]?.subscriptionId;
      if (!sub) return { disabled: false };
      if (outcome.ok) {
        await tx.query(`UPDATE webhook_subscriptions SET failures = 0 WHERE id = $1`, [sub]);
        return { disabled: false };
      }
      if (!outcome.final) return { disabled: false };
      const { rows: after } = await tx.query(
        `UPDATE webhook_subscriptions SET failures = failures + 1,
                disabled_at = CASE WHEN failures + 1 >= $2 AND disabled_at IS NULL THEN now() ELSE disabled_at END,
                disabled_reason = CASE WHEN failures + 1 >= $2 AND disabled_at IS NULL THEN $3 ELSE disabled_reason END
          WHERE id = $1 RETURNING disabled_at IS NOT NULL AS disabled`,
        [sub, disableAfter, `${disableAfter} events in a row failed every attempt`],
      );
      return { disabled: Boolean(after[0]?.disabled) };
    });
  }

  /** Replay: the subscription enabled again and the chosen deliveries pending again (same ids, so the same webhook-id). */
  async replay(subscriptionId: string, filter: { ids?: string[]; since?: Date }): Promise<string[]> {
    return transaction(this.db, async (tx) => {
      await tx.query(`UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL, failures = 0 WHERE id = $1`, [
        subscriptionId,
      ]);
      const { rows } = await tx.query(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0
          WHERE subscription_id = $1 AND status <> 'pending' AND status <> 'cancelled'
            AND ($2::text[] IS NULL OR id = ANY($2)) AND ($3::timestamptz IS NULL OR created_at >= $3)
            AND ($2::text[] IS NOT NULL OR status = 'failed' OR $3::timestamptz IS NOT NULL)
          RETURNING id`,
        [subscriptionId, filter.ids ?? null, filter.since ?? null],
      );
      return rows.map((r) => r.id as string);
    });
  }

  /** Pending deliveries older than `graceMs` that may have lost their job (Redis down at emit, restarted empty). */
  async stalePending(graceMs: number, limit: number): Promise<string[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'pending' AND s.deleted_at IS NULL AND s.disabled_at IS NULL
          AND coalesce(d.last_attempt_at, d.created_at) < now() - $1 * interval '1 millisecond'
        ORDER BY d.created_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((r) => r.id as string);
  }
}
