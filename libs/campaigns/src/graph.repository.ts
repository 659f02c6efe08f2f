import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { BatchCounts, GraphLink, countBatch, isoMicros, recluster } from '@scamintel/campaigns-core';
import { OUTBOX_SQL, REPORTS_SQL, batchSightingsSql } from '@scamintel/intake';
import { Queryable, poolOf, query, transaction } from '@scamintel/persistence';
import { GroupsWriter } from './groups.writer';

/**
 * The ledger rows of `source` (a FROM item with report_id and fingerprint) as the batch counter takes them, less
 * the reports the graph leaves out (`campaign_excluded`: excluded by a review when they were clustered).
 */
export const LEDGER_ROWS = (source: string) =>
  `SELECT s.report_id AS "reportId", s.fingerprint, (extract(epoch FROM r.received_at) * 1000000)::int8::text AS us,
          r.tlp_rank AS "tlpRank", r.occurred_at AS "occurredAt", r.jurisdiction, r.scam_type AS "scamType", r.channel
     FROM ${source} s JOIN ${REPORTS_SQL} r ON r.id = s.report_id
    WHERE NOT EXISTS (SELECT 1 FROM campaign_excluded x WHERE x.report_id = s.report_id)`;

/** Serialises every change to the graph (worker batches, analyst acts, partner links, the rebuild) on one node. */
export const GRAPH_LOCK = 1_307_013;

/** A ledger row as LEDGER_ROWS reads it. */
export interface LedgerRow {
  reportId: string;
  fingerprint: string;
  us: string;
  tlpRank: number;
  occurredAt: Date;
  jurisdiction: string | null;
  scamType: string | null;
  channel: string | null;
}

export const NOTHING = (): StepOutcome => ({ touched: 0, values: [], groups: 0, merges: [], splits: [] });

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
      `SELECT o.id::text FROM ${OUTBOX_SQL} o, campaign_cursor c
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
        : NOTHING();
      await this.advanceCursor(tx);
      return outcome;
    });
  }

  /** Counts the batches' co-occurrence in memory, then re-clusters what they touched with those counts as deltas. */
  private async countAndStep(tx: PoolClient, outboxIds: string[], hubAt: number): Promise<StepOutcome> {
    const { rows } = await tx.query(LEDGER_ROWS(batchSightingsSql('$1::bigint[]')), [outboxIds]);
    return this.addCounted(tx, rows, hubAt);
  }

  /** Adds what the ledger rows (as LEDGER_ROWS reads them) count to the graph and re-clusters what they touched. */
  async addCounted(tx: PoolClient, rows: LedgerRow[], hubAt: number): Promise<StepOutcome> {
    const batch = countBatch(rows.map((r) => ({ ...r, report: r.reportId, us: Number(r.us) })));
    if (!batch.degree.size) return NOTHING();
    return this.reclusterAround(tx, [...batch.degree.keys()].sort(), hubAt, null, batch);
  }

  /** Every outbox id at or below `low` is clustered or will never be (lets the pending scan skip them). */
  private async advanceCursor(tx: Queryable): Promise<void> {
    await tx.query(
      `UPDATE campaign_cursor SET low = GREATEST(low, COALESCE(
         (SELECT min(o.id) - 1 FROM ${OUTBOX_SQL} o WHERE o.id > campaign_cursor.low
            AND (o.processed_at IS NULL OR NOT EXISTS (SELECT 1 FROM campaign_batches b WHERE b.outbox_id = o.id))),
         (SELECT max(id) FROM ${OUTBOX_SQL} o), 0))`,
    );
  }

  /**
   * The incremental step: the touched values and every member of their groups are re-clustered from their current
   * links (hub links left out), and the groups that changed are written with their campaign rows.
   */
  step(tx: PoolClient, touched: string[], hubAt: number, actor: string | null = null): Promise<StepOutcome> {
    return this.reclusterAround(tx, touched, hubAt, actor, null);
  }

  /**
   * Reads the touched values' neighbourhood once (their groups, their stored links), adds what a batch counted in
   * memory (`delta`: degrees and links, not yet stored), re-clusters, then writes nodes, links and groups — a few
   * set-based statements whatever the batch size.
   */
  private async reclusterAround(
    tx: PoolClient,
    touched: string[],
    hubAt: number,
    actor: string | null,
    delta: BatchCounts | null,
  ): Promise<StepOutcome> {
    const prior = new Map<string, string | null>();
    const degree = new Map<string, number>();
    const stored = new Set<string>();
    await this.readGroups(tx, touched, prior, degree, stored);
    for (const fp of touched) if (!prior.has(fp)) prior.set(fp, null);
    if (delta) for (const [fp, n] of delta.degree) degree.set(fp, (degree.get(fp) ?? 0) + n);
    let links: GraphLink[];
    for (;;) {
      const open = [...prior.keys()].filter((fp) => stored.has(fp) && degree.get(fp)! < hubAt);
      // Every end of a stored link is a node (each writer adds its nodes with its links): a value not stored yet has none.
      links = await this.openLinks(tx, open, hubAt, degree, delta);
      // A value that stopped being a hub (its reports excluded, a partner's count lowered) links to groups nobody
      // touched: those are read too and the step runs over them all. Otherwise every link end is read already.
      const outside = [...new Set(links.flatMap((l) => [l.a, l.b]))].filter((fp) => !prior.has(fp));
      if (!outside.length) break;
      await this.readGroups(tx, outside, prior, degree, stored);
      for (const fp of outside) if (!prior.has(fp)) prior.set(fp, null);
    }
    const affected = [...prior.keys()];
    const r = recluster({ affected, before: prior, links, isHub: () => false });
    await this.writeNodes(tx, r.assign, prior, stored, delta);
    if (delta) await this.writeLinks(tx, delta, stored);
    await this.groups.write(tx, r, actor, delta && { values: new Set(touched.filter((fp) => !stored.has(fp))), reports: delta.reports });
    return { touched: touched.length, values: affected, groups: r.groups.length, merges: r.merges, splits: r.splits };
  }

  /** The stored values among `fps` and every member of their groups, with their group and degree, into the maps. */
  private async readGroups(
    tx: Queryable,
    fps: string[],
    prior: Map<string, string | null>,
    degree: Map<string, number>,
    stored: Set<string>,
  ): Promise<void> {
    const { rows } = await tx.query(
      `WITH t AS (SELECT n.* FROM unnest($1::text[]) AS f(fp) JOIN campaign_nodes n ON n.fingerprint = f.fp)
       SELECT fingerprint, component::text, reports + partner_reports AS degree FROM t
       UNION ALL
       SELECT n.fingerprint, n.component::text, n.reports + n.partner_reports FROM campaign_nodes n
        WHERE n.component IN (SELECT DISTINCT component FROM t WHERE component IS NOT NULL)`,
      [fps],
    );
    for (const r of rows) {
      if (stored.has(r.fingerprint)) continue;
      prior.set(r.fingerprint, r.component);
      degree.set(r.fingerprint, r.degree);
      stored.add(r.fingerprint);
    }
  }

  /**
   * Node degrees and groups: values new to the graph are inserted, stored ones whose degree or group changed are
   * updated — plain statements, no upsert: every writer of the graph holds GRAPH_LOCK, so `stored` is current.
   */
  private async writeNodes(
    tx: PoolClient,
    assign: Map<string, string | null>,
    prior: Map<string, string | null>,
    stored: Set<string>,
    delta: BatchCounts | null,
  ): Promise<void> {
    const fresh = delta ? [...delta.degree.keys()].filter((fp) => !stored.has(fp)).sort() : [];
    if (fresh.length)
      await tx.query(
        `INSERT INTO campaign_nodes (fingerprint, reports, component) SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[])`,
        [fresh, fresh.map((fp) => delta!.degree.get(fp)), fresh.map((fp) => assign.get(fp) ?? null)],
      );
    const upd = [...stored].filter((fp) => delta?.degree.has(fp) || (assign.get(fp) ?? null) !== (prior.get(fp) ?? null)).sort();
    if (upd.length)
      await tx.query(
        `UPDATE campaign_nodes n SET reports = n.reports + v.d, component = v.c
           FROM unnest($1::text[], $2::int[], $3::uuid[]) AS v(fp, d, c) WHERE n.fingerprint = v.fp`,
        [upd, upd.map((fp) => delta?.degree.get(fp) ?? 0), upd.map((fp) => assign.get(fp) ?? null)],
      );
  }

  /** A batch's link weights: a link with a value new to the graph is new too (plain insert), the others are added to. */
  private async writeLinks(tx: PoolClient, delta: BatchCounts, stored: Set<string>): Promise<void> {
    const list = [...delta.links.values()].sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
    const fresh = list.filter((l) => !stored.has(l.a) || !stored.has(l.b));
    const known = list.filter((l) => stored.has(l.a) && stored.has(l.b));
    const rows = (ls: typeof list) => [
      ls.map((l) => l.a),
      ls.map((l) => l.b),
      ls.map((l) => l.reports),
      ls.map((l) => isoMicros(l.us)),
      ls.map((l) => l.tlpRank),
    ];
    const values = `SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::smallint[])`;
    if (fresh.length) await tx.query(`INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank) ${values}`, rows(fresh));
    if (known.length)
      await tx.query(
        `INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank) ${values}
         ON CONFLICT (a, b) DO UPDATE SET reports = campaign_links.reports + excluded.reports,
           first_at = LEAST(campaign_links.first_at, excluded.first_at),
           tlp_rank = LEAST(campaign_links.tlp_rank, excluded.tlp_rank), seq = nextval('campaign_links_seq')`,
        rows(known),
      );
  }

  /**
   * Current links among non-hub values with an end in `fps`: co-occurrence (stored, plus the batch's not yet stored),
   * analysts' and partners', less the cuts. `degree` holds the values read already; other ends are looked up.
   */
  private async openLinks(
    tx: Queryable,
    fps: string[],
    hubAt: number,
    degree: Map<string, number>,
    delta: BatchCounts | null,
  ): Promise<GraphLink[]> {
    const { rows } = await tx.query(
      `WITH f AS (SELECT unnest($1::text[]) AS fp), l AS (
         SELECT l.a, l.b, l.first_at, false AS cut FROM f JOIN campaign_links l ON l.a = f.fp
         UNION ALL SELECT l.a, l.b, l.first_at, false FROM f JOIN campaign_links l ON l.b = f.fp
         UNION ALL SELECT m.a, m.b, m.at, m.kind = 'cut' FROM f JOIN campaign_manual_links m ON m.a = f.fp
         UNION ALL SELECT m.a, m.b, m.at, m.kind = 'cut' FROM f JOIN campaign_manual_links m ON m.b = f.fp
         UNION ALL SELECT p.a, p.b, p.first_at, false FROM f JOIN campaign_partner_links p ON p.a = f.fp
         UNION ALL SELECT p.a, p.b, p.first_at, false FROM f JOIN campaign_partner_links p ON p.b = f.fp)
       SELECT a, b, (extract(epoch FROM min(first_at) FILTER (WHERE NOT cut)) * 1000)::float8 AS at, bool_or(cut) AS cut
         FROM l GROUP BY a, b`,
      [fps],
    );
    const all = new Map<string, GraphLink>();
    const cut = new Set<string>();
    for (const x of rows)
      if (x.cut) cut.add(`${x.a}|${x.b}`);
      else if (x.at !== null) all.set(`${x.a}|${x.b}`, { a: x.a, b: x.b, firstAt: Number(x.at) });
    for (const [key, l] of delta?.links ?? []) {
      const firstAt = l.us / 1000;
      const have = all.get(key);
      if (!have) all.set(key, { a: l.a, b: l.b, firstAt });
      else if (firstAt < have.firstAt) have.firstAt = firstAt;
    }
    const unknown = new Set<string>();
    for (const l of all.values()) for (const fp of [l.a, l.b]) if (!degree.has(fp)) unknown.add(fp);
    if (unknown.size) {
      const { rows: more } = await tx.query(
        `SELECT n.fingerprint, n.reports + n.partner_reports AS degree FROM unnest($1::text[]) AS f(fp) JOIN campaign_nodes n ON n.fingerprint = f.fp`,
        [[...unknown]],
      );
      for (const x of more) degree.set(x.fingerprint, x.degree);
    }
    const open = (fp: string) => degree.has(fp) && degree.get(fp)! < hubAt;
    return [...all].filter(([key, l]) => !cut.has(key) && open(l.a) && open(l.b)).map(([, l]) => l);
  }
}
