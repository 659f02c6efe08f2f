import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { GraphLink, components } from '@scamintel/campaigns-core';
import { transaction } from '@scamintel/persistence';
import { GRAPH_LOCK, TLP_RANK } from './graph.repository';
import { GroupsWriter } from './groups.writer';

const CHUNK = 50_000;

export interface RebuildOutcome {
  values: number;
  links: number;
  groups: number;
  campaigns: number;
}

/**
 * The full rebuild: this node's co-occurrence recounted from the report ledger, every group recomputed in memory
 * (union-find) from all links — the same function the incremental step applies to the groups a change touches.
 */
@Injectable()
export class RebuildRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: GroupsWriter,
  ) {}

  /**
   * One transaction under the graph lock: every other writer of the campaign tables waits, while ingest goes on —
   * so the ledger is read only for the batches marked clustered here, and a batch committed meanwhile is left to the worker.
   */
  rebuild(hubAt: number): Promise<RebuildOutcome> {
    return transaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [GRAPH_LOCK]);
      return this.inTransaction(tx, hubAt);
    });
  }

  private async inTransaction(tx: PoolClient, hubAt: number): Promise<RebuildOutcome> {
    // Every batch this snapshot holds is counted here, so the worker will not count it again.
    await tx.query(
      `INSERT INTO campaign_batches (outbox_id) SELECT id FROM intake_outbox WHERE processed_at IS NOT NULL ON CONFLICT DO NOTHING`,
    );
    const done = `SELECT DISTINCT unnest(o.report_ids) AS id FROM intake_outbox o JOIN campaign_batches cb ON cb.outbox_id = o.id`;
    await tx.query(`TRUNCATE campaign_links`);
    await tx.query(`
      INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank)
      SELECT x.fingerprint, y.fingerprint, count(DISTINCT x.report_id), min(r.received_at), min(${TLP_RANK('r.tlp')})
        FROM (${done}) d
        JOIN report_indicators x ON x.report_id = d.id
        JOIN report_indicators y ON y.report_id = x.report_id AND y.status = 'accepted' AND x.fingerprint < y.fingerprint
        JOIN reports r ON r.id = x.report_id
       WHERE x.status = 'accepted'
       GROUP BY x.fingerprint, y.fingerprint`);
    await tx.query(`UPDATE campaign_nodes SET reports = 0, component = NULL WHERE reports <> 0 OR component IS NOT NULL`);
    await tx.query(`
      INSERT INTO campaign_nodes (fingerprint, reports)
      SELECT ri.fingerprint, count(DISTINCT ri.report_id) FROM (${done}) d
        JOIN report_indicators ri ON ri.report_id = d.id AND ri.status = 'accepted' GROUP BY ri.fingerprint
      ON CONFLICT (fingerprint) DO UPDATE SET reports = excluded.reports`);
    const links = await this.allOpenLinks(tx, hubAt);
    const groups = components(links, () => false);
    const fps: string[] = [];
    const ids: string[] = [];
    for (const g of groups)
      for (const fp of g.members) {
        fps.push(fp);
        ids.push(g.id);
      }
    for (let i = 0; i < fps.length; i += CHUNK)
      await tx.query(
        `UPDATE campaign_nodes n SET component = v.c FROM unnest($1::text[], $2::uuid[]) AS v(fp, c) WHERE n.fingerprint = v.fp`,
        [fps.slice(i, i + CHUNK), ids.slice(i, i + CHUNK)],
      );
    await tx.query(`UPDATE campaigns SET live = false WHERE live`);
    for (let i = 0; i < groups.length; i += CHUNK / 10)
      await this.groups.write(tx, { groups: groups.slice(i, i + CHUNK / 10), merges: [], splits: [], gone: [] }, null);
    const { rows } = await tx.query(`SELECT count(*)::int AS n FROM campaigns WHERE live`);
    const { rows: nodes } = await tx.query(`SELECT count(*)::int AS n FROM campaign_nodes`);
    return { values: nodes[0].n, links: links.length, groups: groups.length, campaigns: rows[0].n };
  }

  /** Every link among non-hub values, read in key order a chunk at a time. */
  private async allOpenLinks(tx: PoolClient, hubAt: number): Promise<GraphLink[]> {
    const out: GraphLink[] = [];
    let after: [string, string] = ['', ''];
    for (;;) {
      const { rows } = await tx.query(
        `WITH l AS (
           SELECT a, b, first_at FROM campaign_links WHERE (a, b) > ($1, $2)
           UNION ALL SELECT a, b, at FROM campaign_manual_links WHERE kind = 'link' AND (a, b) > ($1, $2)
           UNION ALL SELECT a, b, first_at FROM campaign_partner_links WHERE (a, b) > ($1, $2))
         SELECT l.a, l.b, (extract(epoch FROM min(l.first_at)) * 1000)::float8 AS at FROM l
           JOIN campaign_nodes na ON na.fingerprint = l.a AND na.reports + na.partner_reports < $3
           JOIN campaign_nodes nb ON nb.fingerprint = l.b AND nb.reports + nb.partner_reports < $3
          WHERE NOT EXISTS (SELECT 1 FROM campaign_manual_links c WHERE c.kind = 'cut' AND c.a = l.a AND c.b = l.b)
          GROUP BY l.a, l.b ORDER BY l.a, l.b LIMIT $4`,
        [after[0], after[1], hubAt, CHUNK],
      );
      for (const x of rows) out.push({ a: x.a, b: x.b, firstAt: Number(x.at) });
      if (rows.length < CHUNK) return out;
      after = [rows[rows.length - 1].a, rows[rows.length - 1].b];
    }
  }
}
