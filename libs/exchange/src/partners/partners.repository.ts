import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import { PartnerPolicy } from '../core';
import { ExchangeMode, PartnerInput } from './partner-input';

export interface PartnerRecord {
  nodeId: string;
  jurisdiction: string;
  baseUrl: string;
  publicKey: string;
  keyId: string;
  policy: PartnerPolicy;
  /** Secret: never returned by a route, never logged, never audited. */
  pseudonymKey: string | null;
  mode: ExchangeMode;
  createdAt: Date;
  updatedAt: Date;
}

/** The push position: (updated_at as PostgreSQL text, to keep microseconds, and fingerprint). */
export interface CursorPosition {
  at: string;
  fingerprint: string;
}

export interface CursorState {
  generation: number;
  after: CursorPosition | null;
  batches: number;
  indicatorsSent: number;
  lastBatchId: string | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

const PARTNER = `node_id AS "nodeId", jurisdiction, base_url AS "baseUrl", public_key AS "publicKey", key_id AS "keyId", policy,
  pseudonym_key AS "pseudonymKey", mode, created_at AS "createdAt", updated_at AS "updatedAt"`;

const CURSOR = `generation, after_at::text AS "afterAt", after_fingerprint AS "afterFingerprint", batches::int AS batches,
  indicators_sent::bigint::text AS "indicatorsSent", last_batch_id AS "lastBatchId", last_success_at AS "lastSuccessAt",
  last_error AS "lastError", last_error_at AS "lastErrorAt"`;

interface CursorRow {
  generation: number;
  afterAt: string | null;
  afterFingerprint: string | null;
  batches: number;
  indicatorsSent: string;
  lastBatchId: string | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

function toCursor(r: CursorRow): CursorState {
  return {
    generation: r.generation,
    after: r.afterAt && r.afterFingerprint ? { at: r.afterAt, fingerprint: r.afterFingerprint } : null,
    batches: Number(r.batches),
    indicatorsSent: Number(r.indicatorsSent),
    lastBatchId: r.lastBatchId,
    lastSuccessAt: r.lastSuccessAt,
    lastError: r.lastError,
    lastErrorAt: r.lastErrorAt,
  };
}

/** One partner on the console's exchange page. Counts of withheld indicators are since the policy last changed. */
export interface ExchangeStatusRow {
  nodeId: string;
  jurisdiction: string;
  policy: PartnerPolicy;
  batchesSent: number;
  indicatorsSent: number;
  lastPushAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  withheld: Record<string, number>;
  pushRefusals: number;
  lastPushRefusalAt: Date | null;
  /** The oldest local change the partner has not acknowledged yet (null: it has everything). */
  oldestUnsent: Date | null;
  batchesReceived: number;
  objectsReceived: number;
  indicatorsReceived: number;
  lastReceivedAt: Date | null;
  inboundRefusals: number;
  lastInboundRefusal: string | null;
  lastInboundRefusalAt: Date | null;
  /** Records of this partner held here now (one per indicator it sent). */
  held: number;
}

export type UpsertOutcome = { created: boolean; before?: PartnerRecord; after: PartnerRecord; cursorReset: boolean };

@Injectable()
export class PartnersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Creates or replaces a partner. The cursor starts over (new generation) when the policy or the pseudonym key
   * changes, so everything is judged again under the new rules; a push running under the old ones cannot move it.
   */
  async upsert(input: PartnerInput): Promise<UpsertOutcome> {
    return transaction(this.db, async (tx) => {
      const { rows: prev } = await tx.query(`SELECT ${PARTNER} FROM exchange_partners WHERE node_id = $1 FOR UPDATE`, [input.nodeId]);
      const before = prev[0] as PartnerRecord | undefined;
      const params = [
        input.nodeId,
        input.jurisdiction,
        input.baseUrl,
        input.publicKey,
        input.keyId,
        JSON.stringify(input.policy),
        input.pseudonymKey ?? null,
        input.mode,
      ];
      const { rows } = before
        ? await tx.query(
            `UPDATE exchange_partners SET jurisdiction = $2, base_url = $3, public_key = $4, key_id = $5, policy = $6, pseudonym_key = $7, mode = $8, updated_at = now()
              WHERE node_id = $1 RETURNING ${PARTNER}`,
            params,
          )
        : await tx.query(
            `INSERT INTO exchange_partners (node_id, jurisdiction, base_url, public_key, key_id, policy, pseudonym_key, mode) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${PARTNER}`,
            params,
          );
      const after = rows[0] as PartnerRecord;
      const cursorReset =
        !!before && (JSON.stringify(before.policy) !== JSON.stringify(after.policy) || before.pseudonymKey !== after.pseudonymKey);
      if (!before) {
        await tx.query(`INSERT INTO exchange_cursors (partner_node_id) VALUES ($1)`, [input.nodeId]);
        // Registered again: what it sent before is from a partner once more.
        await tx.query(`UPDATE partner_sightings SET partner_ended_at = NULL WHERE source_node = $1 AND partner_ended_at IS NOT NULL`, [
          input.nodeId,
        ]);
      } else if (cursorReset) {
        await tx.query(
          `UPDATE exchange_cursors SET generation = generation + 1, after_at = NULL, after_fingerprint = NULL, withheld = '{}' WHERE partner_node_id = $1`,
          [input.nodeId],
        );
      }
      return { created: !before, before, after, cursorReset };
    });
  }

  /**
   * Ends a partnership: the registration goes (and with it the key that let it sign, its cursors and counters);
   * what it sent stays in partner_sightings, marked with when the partnership ended. Undefined if none.
   */
  async remove(nodeId: string): Promise<{ removed: PartnerRecord; kept: number; endedAt: Date } | undefined> {
    return transaction(this.db, async (tx) => {
      const { rows } = await tx.query(`DELETE FROM exchange_partners WHERE node_id = $1 RETURNING ${PARTNER}, now() AS "endedAt"`, [
        nodeId,
      ]);
      if (!rows[0]) return undefined;
      const { endedAt, ...removed } = rows[0] as PartnerRecord & { endedAt: Date };
      const { rowCount } = await tx.query(`UPDATE partner_sightings SET partner_ended_at = $2 WHERE source_node = $1`, [nodeId, endedAt]);
      return { removed, kept: rowCount ?? 0, endedAt };
    });
  }

  async list(): Promise<(PartnerRecord & { cursor: CursorState })[]> {
    const { rows } = await query<PartnerRecord & CursorRow>(
      poolOf(this.db),
      `SELECT * FROM (SELECT ${PARTNER} FROM exchange_partners) p
         JOIN (SELECT partner_node_id, ${CURSOR} FROM exchange_cursors) c ON c.partner_node_id = p."nodeId"
        ORDER BY p."nodeId"`,
    );
    return rows.map((r) => ({ ...r, cursor: toCursor(r) }));
  }

  async get(nodeId: string): Promise<PartnerRecord | undefined> {
    const { rows } = await query(poolOf(this.db), `SELECT ${PARTNER} FROM exchange_partners WHERE node_id = $1`, [nodeId]);
    return rows[0] as PartnerRecord | undefined;
  }

  async all(): Promise<PartnerRecord[]> {
    const { rows } = await query(poolOf(this.db), `SELECT ${PARTNER} FROM exchange_partners ORDER BY node_id`);
    return rows as PartnerRecord[];
  }

  async cursor(nodeId: string): Promise<CursorState | undefined> {
    const { rows } = await query<CursorRow>(poolOf(this.db), `SELECT ${CURSOR} FROM exchange_cursors WHERE partner_node_id = $1`, [nodeId]);
    return rows[0] ? toCursor(rows[0]) : undefined;
  }

  /**
   * Moves the cursor from `from` to `to` after a valid receipt, unless someone else moved it or the policy changed
   * meanwhile (compare-and-set). Returns false when it did not move.
   */
  async advance(
    nodeId: string,
    generation: number,
    from: CursorPosition | null,
    to: CursorPosition,
    delivered?: { batchId: string; indicators: number },
    withheld: Record<string, number> = {},
  ): Promise<boolean> {
    // Withheld counts are added in the same compare-and-set, so a batch counts once, under the policy it was judged by.
    const { rowCount } = await query(
      poolOf(this.db),
      `UPDATE exchange_cursors SET after_at = $4::timestamptz, after_fingerprint = $5,
              batches = batches + $6, indicators_sent = indicators_sent + $7, last_batch_id = coalesce($8, last_batch_id),
              last_success_at = CASE WHEN $8::text IS NULL THEN last_success_at ELSE now() END, last_error = NULL, last_error_at = NULL,
              withheld = CASE WHEN $10::jsonb = '{}'::jsonb THEN withheld ELSE
                (SELECT jsonb_object_agg(k, coalesce((withheld ->> k)::bigint, 0) + coalesce(($10::jsonb ->> k)::bigint, 0))
                   FROM (SELECT jsonb_object_keys(withheld) UNION SELECT jsonb_object_keys($10::jsonb)) AS keys(k)) END
        WHERE partner_node_id = $1 AND generation = $2
          AND after_at IS NOT DISTINCT FROM $3::timestamptz AND after_fingerprint IS NOT DISTINCT FROM $9`,
      [
        nodeId,
        generation,
        from?.at ?? null,
        to.at,
        to.fingerprint,
        delivered ? 1 : 0,
        delivered?.indicators ?? 0,
        delivered?.batchId ?? null,
        from?.fingerprint ?? null,
        JSON.stringify(withheld),
      ],
    );
    return (rowCount ?? 0) === 1;
  }

  /** A failed push; `refused` when the partner answered no (a 4xx or a bad receipt) rather than being unreachable. */
  async noteError(nodeId: string, message: string, refused = false): Promise<void> {
    await query(
      poolOf(this.db),
      `UPDATE exchange_cursors SET last_error = $2, last_error_at = now(),
              refusals = refusals + CASE WHEN $3 THEN 1 ELSE 0 END, last_refusal_at = CASE WHEN $3 THEN now() ELSE last_refusal_at END
        WHERE partner_node_id = $1`,
      [nodeId, message.slice(0, 500), refused],
    );
  }

  /** Per partner, what went and what came: the push cursor's counters, the inbound counters, and how far the push lags. */
  async exchangeStatus(): Promise<ExchangeStatusRow[]> {
    const { rows } = await query<ExchangeStatusRow>(
      poolOf(this.db),
      `SELECT p.node_id AS "nodeId", p.jurisdiction, p.policy,
              c.batches::int AS "batchesSent", c.indicators_sent::bigint::text AS "indicatorsSent", c.last_success_at AS "lastPushAt",
              c.last_error AS "lastError", c.last_error_at AS "lastErrorAt", c.withheld, c.refusals::int AS "pushRefusals",
              c.last_refusal_at AS "lastPushRefusalAt",
              (SELECT i.updated_at FROM indicators i
                WHERE c.after_at IS NULL OR (i.updated_at, i.fingerprint) > (c.after_at, c.after_fingerprint)
                ORDER BY i.updated_at, i.fingerprint LIMIT 1) AS "oldestUnsent",
              coalesce(s.batches, 0)::int AS "batchesReceived", coalesce(s.objects, 0)::bigint::text AS "objectsReceived",
              coalesce(s.indicators, 0)::bigint::text AS "indicatorsReceived", s.last_received_at AS "lastReceivedAt",
              coalesce(s.refusals, 0)::int AS "inboundRefusals", s.last_refusal_reason AS "lastInboundRefusal", s.last_refusal_at AS "lastInboundRefusalAt",
              (SELECT count(*) FROM partner_sightings ps WHERE ps.source_node = p.node_id)::int AS "held"
         FROM exchange_partners p
         JOIN exchange_cursors c ON c.partner_node_id = p.node_id
         LEFT JOIN exchange_inbound_stats s ON s.partner_node_id = p.node_id
        ORDER BY p.node_id`,
    );
    return rows.map((r) => ({
      ...r,
      indicatorsSent: Number(r.indicatorsSent),
      objectsReceived: Number(r.objectsReceived),
      indicatorsReceived: Number(r.indicatorsReceived),
    }));
  }
}
