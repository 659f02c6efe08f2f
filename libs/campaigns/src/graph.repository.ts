import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { GraphLink, pairsOf, recluster } from '@scamintel/campaigns-core';
import { Queryable, poolOf, query, transaction } from '@scamintel/persistence';
import { GroupsWriter } from './groups.writer';

/** A report's TLP as its rank (clear 0 … red 4), as SQL over the column `col`. */
export const TLP_RANK = (col: string) =>
  `(CASE ${col} WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 WHEN 'amber+strict' THEN 3 ELSE 4 END)`;

/** Serialises every change to the graph (worker batches, analyst acts, partner links, the rebuild) on one node. */
export const GRAPH_LOCK = 1_307_013;

export interface StepOutcome {
  touched: number;
  /** Every value re-clustered: their lookup answers may carry another campaign now. */
  values: string[];
  groups: number;
  merges: { kept: string; absorbed: string }[];
  splits: { from: string; into: string[] }[];
}

/**
 * The link graph in PostgreSQL: this node's co-occurrence counted from ingested batches, and the incremental
 * step that recomputes the groups of the values a change touched (the pure `recluster`).
 */
@Injectable()
export class GraphRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: GroupsWriter,
  ) {}

  /** Processed intake batches not yet clustered, oldest first. */
  async pendingBatches(limit: number): Promise<string[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT o.id::text FROM intake_outbox o, campaign_cursor c
        WHERE o.id > c.low AND o.processed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM campaign_batches b WHERE b.outbox_id = o.id)
        ORDER BY o.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id as string);
  }

  /**
   * Adds the co-occurrence of the given ingested batches and re-clusters what they touched, in one transaction.
   * A batch already counted is skipped (its `campaign_batches` row), so a job run twice counts nothing twice.
   */
  async applyBatches(outboxIds: string[], hubAt: number): Promise<StepOutcome> {
    return transaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [GRAPH_LOCK]);
      const { rows: fresh } = await tx.query(
        `INSERT INTO campaign_batches (outbox_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING RETURNING outbox_id::text AS id`,
        [outboxIds],
      );
      const outcome = fresh.length
        ? await this.countAndStep(
            tx,
            fresh.map((r) => r.id),
            hubAt,
          )
        : { touched: 0, values: [], groups: 0, merges: [], splits: [] };
      await this.advanceCursor(tx);
      return outcome;
    });
  }

  private async countAndStep(tx: PoolClient, outboxIds: string[], hubAt: number): Promise<StepOutcome> {
    const { rows } = await tx.query(
      `SELECT ri.report_id AS "reportId", ri.fingerprint, r.received_at AS "receivedAt", ${TLP_RANK('r.tlp')} AS "tlpRank"
         FROM intake_outbox o CROSS JOIN LATERAL unnest(o.report_ids) AS rid(id)
         JOIN reports r ON r.id = rid.id
         JOIN report_indicators ri ON ri.report_id = rid.id AND ri.status = 'accepted'
        WHERE o.id = ANY($1::bigint[])`,
      [outboxIds],
    );
    const perReport = new Map<string, { fps: Set<string>; at: Date; tlpRank: number }>();
    for (const r of rows) {
      const e = perReport.get(r.reportId) ?? { fps: new Set<string>(), at: r.receivedAt, tlpRank: r.tlpRank };
      e.fps.add(r.fingerprint);
      perReport.set(r.reportId, e);
    }
    const degree = new Map<string, number>();
    const links = new Map<string, { a: string; b: string; reports: number; at: Date; tlpRank: number }>();
    for (const { fps, at, tlpRank } of perReport.values()) {
      for (const fp of fps) degree.set(fp, (degree.get(fp) ?? 0) + 1);
      for (const [a, b] of pairsOf(fps)) {
        const key = `${a}|${b}`;
        const l = links.get(key);
        if (!l) links.set(key, { a, b, reports: 1, at, tlpRank });
        else {
          l.reports++;
          if (at < l.at) l.at = at;
          l.tlpRank = Math.min(l.tlpRank, tlpRank);
        }
      }
    }
    if (!degree.size) return { touched: 0, values: [], groups: 0, merges: [], splits: [] };
    const fps = [...degree.keys()].sort();
    await tx.query(
      `INSERT INTO campaign_nodes (fingerprint, reports) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (fingerprint) DO UPDATE SET reports = campaign_nodes.reports + excluded.reports`,
      [fps, fps.map((fp) => degree.get(fp))],
    );
    const list = [...links.values()].sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
    if (list.length)
      await tx.query(
        `INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::smallint[])
         ON CONFLICT (a, b) DO UPDATE SET reports = campaign_links.reports + excluded.reports,
           first_at = LEAST(campaign_links.first_at, excluded.first_at),
           tlp_rank = LEAST(campaign_links.tlp_rank, excluded.tlp_rank), seq = nextval('campaign_links_seq')`,
        [list.map((l) => l.a), list.map((l) => l.b), list.map((l) => l.reports), list.map((l) => l.at), list.map((l) => l.tlpRank)],
      );
    return this.step(tx, fps, hubAt);
  }

  /** Every outbox id at or below `low` is clustered or will never be (lets the pending scan skip them). */
  private async advanceCursor(tx: Queryable): Promise<void> {
    await tx.query(
      `UPDATE campaign_cursor SET low = GREATEST(low, COALESCE(
         (SELECT min(o.id) - 1 FROM intake_outbox o WHERE o.id > campaign_cursor.low
            AND (o.processed_at IS NULL OR NOT EXISTS (SELECT 1 FROM campaign_batches b WHERE b.outbox_id = o.id))),
         (SELECT max(id) FROM intake_outbox), 0))`,
    );
  }

  /**
   * The incremental step: the touched values and every member of their groups are re-clustered from their current
   * links (hub links left out), and the groups that changed are written with their campaign rows.
   */
  async step(tx: PoolClient, touched: string[], hubAt: number, actor: string | null = null): Promise<StepOutcome> {
    const { rows: before } = await tx.query(
      `WITH t AS (SELECT component FROM campaign_nodes WHERE fingerprint = ANY($1) AND component IS NOT NULL)
       SELECT fingerprint, component::text, reports + partner_reports AS degree FROM campaign_nodes
        WHERE fingerprint = ANY($1) OR component IN (SELECT component FROM t)`,
      [touched],
    );
    const prior = new Map<string, string | null>(before.map((r) => [r.fingerprint, r.component]));
    for (const fp of touched) if (!prior.has(fp)) prior.set(fp, null);
    const affected = [...prior.keys()];
    const open = before.filter((r) => r.degree < hubAt).map((r) => r.fingerprint as string);
    const links = await this.openLinks(tx, open, hubAt);
    const r = recluster({ affected, before: prior, links, isHub: () => false });
    const changed = [...r.assign].filter(([fp, g]) => prior.get(fp) !== g);
    if (changed.length)
      await tx.query(
        `UPDATE campaign_nodes n SET component = v.c FROM unnest($1::text[], $2::uuid[]) AS v(fp, c) WHERE n.fingerprint = v.fp`,
        [changed.map(([fp]) => fp), changed.map(([, g]) => g)],
      );
    await this.groups.write(tx, r, actor);
    return { touched: touched.length, values: affected, groups: r.groups.length, merges: r.merges, splits: r.splits };
  }

  /** Current links among non-hub values with an end in `fps`: co-occurrence, analysts' and partners', less the cuts. */
  private async openLinks(tx: Queryable, fps: string[], hubAt: number): Promise<GraphLink[]> {
    if (!fps.length) return [];
    const { rows } = await tx.query(
      `WITH l AS (
         SELECT a, b, first_at FROM campaign_links WHERE a = ANY($1) OR b = ANY($1)
         UNION ALL SELECT a, b, at FROM campaign_manual_links WHERE kind = 'link' AND (a = ANY($1) OR b = ANY($1))
         UNION ALL SELECT a, b, first_at FROM campaign_partner_links WHERE a = ANY($1) OR b = ANY($1))
       SELECT l.a, l.b, (extract(epoch FROM min(l.first_at)) * 1000)::float8 AS at FROM l
         JOIN campaign_nodes na ON na.fingerprint = l.a AND na.reports + na.partner_reports < $2
         JOIN campaign_nodes nb ON nb.fingerprint = l.b AND nb.reports + nb.partner_reports < $2
        WHERE NOT EXISTS (SELECT 1 FROM campaign_manual_links c WHERE c.kind = 'cut' AND c.a = l.a AND c.b = l.b)
        GROUP BY l.a, l.b`,
      [fps, hubAt],
    );
    return rows.map((x) => ({ a: x.a, b: x.b, firstAt: Number(x.at) }));
  }
}
