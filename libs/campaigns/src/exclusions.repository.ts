import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { ACCEPTED_SQL, EXCLUDED_REPORTS_SQL, OUTBOX_SQL, REPORTS_SQL } from '@scamintel/intake';
import { transaction } from '@scamintel/persistence';
import { GRAPH_LOCK, GraphRepository, LEDGER_ROWS, LedgerRow, NOTHING, StepOutcome, countLedger } from './graph.repository';

/**
 * The reports of outbox rows not clustered yet: their links are not in the graph, so excluding or restoring one of
 * them changes nothing there (the batch step reads `campaign_excluded` when it gets to them).
 */
const UNCLUSTERED = `(SELECT DISTINCT unnest(o.report_ids) AS id FROM ${OUTBOX_SQL} o, campaign_cursor c
   WHERE o.id > c.low AND NOT EXISTS (SELECT 1 FROM campaign_batches b WHERE b.outbox_id = o.id))`;

/**
 * Follows reviews into the link graph. A report counts in the graph when its batch is clustered and it is not in
 * `campaign_excluded`; a review that excludes a report (or an appeal that restores it) makes that set differ from
 * `reports.excluded_at`, and one step here closes the difference: an excluded report's pairs lose a report each
 * (a link left with none goes; the first-seen and TLP of the rest are recounted from the reports still holding
 * both), its values lose one, and every group it touched is re-clustered — so a campaign that only that report
 * held together splits, or stops being one, with the split recorded. A restored report is added back as a batch is.
 */
@Injectable()
export class ExclusionsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly graph: GraphRepository,
  ) {}

  async apply(hubAt: number): Promise<StepOutcome> {
    return transaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [GRAPH_LOCK]);
      const { rows: changed } = await tx.query(
        `SELECT x.id::text, true AS out FROM ${EXCLUDED_REPORTS_SQL} x
          WHERE NOT EXISTS (SELECT 1 FROM campaign_excluded c WHERE c.report_id = x.id)
         UNION ALL
         SELECT c.report_id::text, false FROM campaign_excluded c
          WHERE NOT EXISTS (SELECT 1 FROM ${EXCLUDED_REPORTS_SQL} x WHERE x.id = c.report_id)`,
      );
      if (!changed.length) return NOTHING();
      const out = changed.filter((r) => r.out).map((r) => r.id as string);
      const back = changed.filter((r) => !r.out).map((r) => r.id as string);
      const { rows: waiting } = await tx.query(`SELECT u.id::text FROM ${UNCLUSTERED} u WHERE u.id = ANY($1::uuid[])`, [[...out, ...back]]);
      const unclustered = new Set(waiting.map((r) => r.id as string));
      // Back in the graph first, so the restored reports' rows are read below.
      await tx.query(`DELETE FROM campaign_excluded WHERE report_id = ANY($1::uuid[])`, [back]);
      const removed = await this.remove(
        tx,
        out.filter((id) => !unclustered.has(id)),
        hubAt,
      );
      await tx.query(`INSERT INTO campaign_excluded (report_id) SELECT unnest($1::uuid[])`, [out]);
      const restored = back.filter((id) => !unclustered.has(id));
      const added = restored.length ? await this.graph.addCounted(tx, await this.ledger(tx, restored), hubAt) : NOTHING();
      return merged(removed, added);
    });
  }

  private async ledger(tx: PoolClient, reportIds: string[]): Promise<LedgerRow[]> {
    const { rows } = await tx.query(
      LEDGER_ROWS(`(SELECT report_id, fingerprint FROM ${ACCEPTED_SQL} a WHERE a.report_id = ANY($1::uuid[]))`),
      [reportIds],
    );
    return rows as LedgerRow[];
  }

  /** Takes the reports' counts out of the graph (read while they still count), then re-clusters their values. */
  private async remove(tx: PoolClient, reportIds: string[], hubAt: number): Promise<StepOutcome> {
    if (!reportIds.length) return NOTHING();
    const rows = await this.ledger(tx, reportIds);
    const counts = countLedger(rows);
    if (!counts.degree.size) return NOTHING();
    const fps = [...counts.degree.keys()].sort();
    await tx.query(
      `UPDATE campaign_nodes n SET reports = n.reports - v.d FROM unnest($1::text[], $2::int[]) AS v(fp, d) WHERE n.fingerprint = v.fp`,
      [fps, fps.map((fp) => counts.degree.get(fp))],
    );
    const { rows: nodes } = await tx.query(`SELECT id, fingerprint FROM campaign_nodes WHERE fingerprint = ANY($1::text[])`, [fps]);
    const idOf = new Map<string, number>(nodes.map((n) => [n.fingerprint, n.id]));
    const links = [...counts.links.values()]
      .map((l) => ({ ...l, x: Math.min(idOf.get(l.a)!, idOf.get(l.b)!), y: Math.max(idOf.get(l.a)!, idOf.get(l.b)!) }))
      .sort((p, q) => p.x - q.x || p.y - q.y);
    if (links.length) {
      const [x, y] = [links.map((l) => l.x), links.map((l) => l.y)];
      await tx.query(
        `UPDATE campaign_links l SET reports = l.reports - v.d, seq = nextval('campaign_links_seq')
           FROM unnest($1::int[], $2::int[], $3::int[]) AS v(a, b, d) WHERE l.a = v.a AND l.b = v.b`,
        [x, y, links.map((l) => l.reports)],
      );
      await tx.query(
        `DELETE FROM campaign_links l USING unnest($1::int[], $2::int[]) AS v(a, b) WHERE l.a = v.a AND l.b = v.b AND l.reports <= 0`,
        [x, y],
      );
      // First seen and TLP are minima: recounted from the clustered reports that still hold both values.
      await tx.query(
        `UPDATE campaign_links l SET first_at = x.first_at, tlp_rank = x.tlp_rank FROM (
           SELECT v.a, v.b, min(r.received_at) AS first_at, min(r.tlp_rank)::smallint AS tlp_rank
             FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS v(a, b, fa, fb)
             JOIN ${ACCEPTED_SQL} x ON x.fingerprint = v.fa
             JOIN ${ACCEPTED_SQL} y ON y.report_id = x.report_id AND y.fingerprint = v.fb
             JOIN ${REPORTS_SQL} r ON r.id = x.report_id
            WHERE x.report_id <> ALL($5::uuid[])
              AND NOT EXISTS (SELECT 1 FROM campaign_excluded c WHERE c.report_id = x.report_id)
              AND x.report_id NOT IN (SELECT id FROM ${UNCLUSTERED} u)
            GROUP BY v.a, v.b) x
         WHERE l.a = x.a AND l.b = x.b AND (l.first_at, l.tlp_rank) IS DISTINCT FROM (x.first_at, x.tlp_rank)`,
        [x, y, links.map((l) => l.a), links.map((l) => l.b), reportIds],
      );
    }
    return this.graph.step(tx, fps, hubAt);
  }
}

function merged(x: StepOutcome, y: StepOutcome): StepOutcome {
  return {
    touched: x.touched + y.touched,
    values: [...new Set([...x.values, ...y.values])],
    groups: x.groups + y.groups,
    merges: [...x.merges, ...y.merges],
    splits: [...x.splits, ...y.splits],
  };
}
