import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { BatchCounts, GraphLink, countReports, recluster } from '@scamintel/campaigns-core';
import { OUTBOX_SQL, REPORTS_SQL, batchSightingsSql } from '@scamintel/intake';
import { Queryable, poolOf, query, transaction } from '@scamintel/persistence';
import { GroupsWriter } from './groups.writer';
import { NeighbourhoodReader } from './neighbourhood.reader';
import { packed, unpack } from './packed';

/**
 * The reports of `source` (a FROM item with report_id and fingerprint), one row each with its values, as the batch
 * counter takes them, less the reports the graph leaves out (`campaign_excluded`: excluded by a review when they
 * were clustered). One row per report rather than per value, its values comma-joined (fingerprints hold no comma):
 * a third of the rows to send, and no array to parse.
 */
export const LEDGER_ROWS = (source: string) =>
  `SELECT s.report_id AS "reportId", s.fps, (extract(epoch FROM r.received_at) * 1000000)::int8::text AS us,
          r.tlp_rank AS "tlpRank", r.occurred_at AS "occurredAt", r.jurisdiction, r.scam_type AS "scamType", r.channel
     FROM (SELECT report_id, string_agg(fingerprint, ',') AS fps FROM ${source} s0 GROUP BY report_id) s
     JOIN ${REPORTS_SQL} r ON r.id = s.report_id
    WHERE NOT EXISTS (SELECT 1 FROM campaign_excluded x WHERE x.report_id = s.report_id)`;

/** A report as LEDGER_ROWS reads it. */
export interface LedgerRow {
  reportId: string;
  /** The report's values, comma-joined. */
  fps: string;
  us: string;
  tlpRank: number;
  occurredAt: Date;
  jurisdiction: string | null;
  scamType: string | null;
  channel: string | null;
}

/** What the ledger rows count (values per report, pairs per report). */
export const countLedger = (rows: LedgerRow[]): BatchCounts =>
  countReports(new Map(rows.map((r) => [r.reportId, { ...r, fps: new Set(r.fps.split(',')), us: Number(r.us) }])));

/** Serialises every change to the graph (worker batches, analyst acts, partner links, the rebuild) on one node. */
export const GRAPH_LOCK = 1_307_013;

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
    const batch = countLedger(rows);
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
    const hood = new NeighbourhoodReader(tx);
    const { prior, degree, stored } = hood;
    await hood.readGroups(touched);
    for (const fp of touched) if (!prior.has(fp)) prior.set(fp, null);
    const fresh = new Set(touched.filter((fp) => !stored.has(fp)));
    if (delta) for (const [fp, n] of delta.degree) degree.set(fp, (degree.get(fp) ?? 0) + n);
    let links: GraphLink[];
    for (;;) {
      const open = [...prior.keys()].filter((fp) => stored.has(fp) && degree.get(fp)! < hubAt);
      // Every end of a stored link is a node (each writer adds its nodes with its links): a value not stored yet has none.
      links = await hood.openLinks(open, hubAt, delta);
      // A value that stopped being a hub (its reports excluded, a partner's count lowered) links to groups nobody
      // touched: those are read too and the step runs over them all. Otherwise every link end is read already.
      const outside = [...new Set(links.flatMap((l) => [l.a, l.b]))].filter((fp) => !prior.has(fp));
      if (!outside.length) break;
      await hood.readGroups(outside);
      for (const fp of outside) if (!prior.has(fp)) prior.set(fp, null);
    }
    const affected = [...prior.keys()];
    const r = recluster({ affected, before: prior, links, isHub: () => false });
    await this.writeNodes(tx, r.assign, hood, fresh, delta);
    if (delta) await this.writeLinks(tx, delta, hood, fresh);
    await this.groups.write(tx, r, actor, delta && { values: fresh, reports: delta.reports });
    return { touched: touched.length, values: affected, groups: r.groups.length, merges: r.merges, splits: r.splits };
  }

  /**
   * Node degrees and groups: values new to the graph are inserted, stored ones whose degree or group changed are
   * updated — plain statements, no upsert: every writer of the graph holds GRAPH_LOCK, so `stored` is current.
   */
  private async writeNodes(
    tx: PoolClient,
    assign: Map<string, string | null>,
    hood: NeighbourhoodReader,
    fresh: Set<string>,
    delta: BatchCounts | null,
  ): Promise<void> {
    const { prior } = hood;
    const added = delta ? [...fresh].filter((fp) => delta.degree.has(fp)).sort() : [];
    if (added.length) {
      // Ids for the new values in one statement (the graph lock is held, so the range is this step's alone).
      const { rows } = await tx.query(`SELECT setval('campaign_nodes_id_seq', nextval('campaign_nodes_id_seq') + $1 - 1)::int AS last`, [
        added.length,
      ]);
      const first = rows[0].last - added.length + 1;
      added.forEach((fp, i) => hood.added(fp, first + i));
      await tx.query(
        `INSERT INTO campaign_nodes (id, fingerprint, reports, component)
         SELECT * FROM unnest(${unpack('$1', 'int')}, ${unpack('$2', 'text')}, ${unpack('$3', 'int')}, ${unpack('$4', 'uuid')})`,
        [
          packed(added.map((_, i) => first + i)),
          packed(added),
          packed(added.map((fp) => delta!.degree.get(fp))),
          packed(added.map((fp) => assign.get(fp) ?? null)),
        ],
      );
    }
    const upd = [...prior.keys()]
      .filter((fp) => !fresh.has(fp) && hood.stored.has(fp))
      .filter((fp) => delta?.degree.has(fp) || (assign.get(fp) ?? null) !== (prior.get(fp) ?? null))
      .sort((x, y) => hood.idOf.get(x)! - hood.idOf.get(y)!);
    if (upd.length)
      await tx.query(
        `UPDATE campaign_nodes n SET reports = n.reports + v.d, component = v.c
           FROM unnest(${unpack('$1', 'int')}, ${unpack('$2', 'int')}, ${unpack('$3', 'uuid')}) AS v(id, d, c) WHERE n.id = v.id`,
        [
          packed(upd.map((fp) => hood.idOf.get(fp)!)),
          packed(upd.map((fp) => delta?.degree.get(fp) ?? 0)),
          packed(upd.map((fp) => assign.get(fp) ?? null)),
        ],
      );
  }

  /** A batch's link weights between node ids: a link with a value new to the graph is new too (plain insert), the others are added to. */
  private async writeLinks(tx: PoolClient, delta: BatchCounts, hood: NeighbourhoodReader, fresh: Set<string>): Promise<void> {
    const list = [...delta.links.values()];
    const x = new Int32Array(list.length);
    const y = new Int32Array(list.length);
    list.forEach((l, i) => {
      const [p, q] = [hood.idOf.get(l.a)!, hood.idOf.get(l.b)!];
      [x[i], y[i]] = p < q ? [p, q] : [q, p];
    });
    const order = list.map((_, i) => i).sort((i, j) => x[i] - x[j] || y[i] - y[j]);
    const isNew = (i: number) => fresh.has(list[i].a) || fresh.has(list[i].b);
    const rows = (idx: number[]) => [
      packed(idx.map((i) => x[i])),
      packed(idx.map((i) => y[i])),
      packed(idx.map((i) => list[i].reports)),
      packed(idx.map((i) => list[i].us)),
      packed(idx.map((i) => list[i].tlpRank)),
    ];
    // First seen in epoch microseconds, turned into a timestamp by PostgreSQL: exact, and no string per link here.
    const values = `SELECT a, b, r, timestamptz 'epoch' + us * interval '1 microsecond', t
      FROM unnest(${unpack('$1', 'int')}, ${unpack('$2', 'int')}, ${unpack('$3', 'int')}, ${unpack('$4', 'int8')}, ${unpack('$5', 'smallint')})
        AS v(a, b, r, us, t)`;
    const added = order.filter(isNew);
    const known = order.filter((i) => !isNew(i));
    if (added.length) await tx.query(`INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank) ${values}`, rows(added));
    if (known.length)
      await tx.query(
        `INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank) ${values}
         ON CONFLICT (a, b) DO UPDATE SET reports = campaign_links.reports + excluded.reports,
           first_at = LEAST(campaign_links.first_at, excluded.first_at),
           tlp_rank = LEAST(campaign_links.tlp_rank, excluded.tlp_rank), seq = nextval('campaign_links_seq')`,
        rows(known),
      );
  }
}
