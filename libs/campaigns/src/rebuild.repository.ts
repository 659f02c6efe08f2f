import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { IdLinks, campaignId, groupsOfIds } from '@scamintel/campaigns-core';
import { ACCEPTED_SQL, EXCLUDED_REPORTS_SQL, OUTBOX_SQL, REPORTS_SQL } from '@scamintel/intake';
import { transaction } from '@scamintel/persistence';
import { GRAPH_LOCK } from './graph.repository';
import { packed, unpack } from './packed';
import { RebuildFigures } from './rebuild-figures';

/*
 * 10⁶ links come back as comma-joined texts (string_agg), not arrays: splitting a string is several times faster
 * than node-pg's array parser, element by element. The aggregates of one statement see the rows in one order.
 */
const joined = (expr: string) => `coalesce(string_agg((${expr})::text, ','), '')`;
const split = (s: string): string[] => (s ? s.split(',') : []);

export interface RebuildOutcome {
  values: number;
  links: number;
  groups: number;
  campaigns: number;
}

/**
 * The full rebuild, set-based: this node's co-occurrence recounted from the report ledger by one INSERT…SELECT into
 * a scratch table, every group recomputed in memory over integer ids (typed-array union-find) from all links, and
 * the results written back as a few statements that change only the rows that differ — so readers (lookup, pages)
 * are never blocked and a rebuild that agrees with the incremental result writes almost nothing.
 */
@Injectable()
export class RebuildRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
    // Hash joins and aggregates over 10⁶ rows: in memory, not spilled in 4 MB runs.
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    // Every batch this snapshot holds is counted here, so the worker will not count it again.
    await tx.query(
      `INSERT INTO campaign_batches (outbox_id) SELECT id FROM ${OUTBOX_SQL} o WHERE processed_at IS NOT NULL ON CONFLICT DO NOTHING`,
    );
    // The reports a review excluded leave the graph: the set the worker keeps is made current, and the ledger read
    // through it (not through excluded_at again), so both agree whatever a review commits meanwhile.
    await tx.query(`DELETE FROM campaign_excluded c WHERE NOT EXISTS (SELECT 1 FROM ${EXCLUDED_REPORTS_SQL} x WHERE x.id = c.report_id)`);
    await tx.query(`INSERT INTO campaign_excluded (report_id) SELECT id FROM ${EXCLUDED_REPORTS_SQL} x ON CONFLICT DO NOTHING`);
    await tx.query(`
      CREATE TEMP TABLE rb_ledger ON COMMIT DROP AS
      SELECT DISTINCT ri.report_id, ri.fingerprint
        FROM (SELECT DISTINCT unnest(o.report_ids) AS id FROM ${OUTBOX_SQL} o JOIN campaign_batches cb ON cb.outbox_id = o.id) d
        JOIN ${ACCEPTED_SQL} ri ON ri.report_id = d.id
       WHERE NOT EXISTS (SELECT 1 FROM campaign_excluded x WHERE x.report_id = d.id)`);
    await this.countNodes(tx);
    // The clustered ledger over ids: what links and figures are counted from.
    await tx.query(`
      CREATE TEMP TABLE rb_held ON COMMIT DROP AS
      SELECT d.report_id, n.id, n.node FROM rb_ledger d JOIN rb_nodes n ON n.fingerprint = d.fingerprint`);
    await tx.query(`ANALYZE rb_held`);
    await this.syncLinks(tx);
    const links = await this.openLinks(tx, hubAt);
    const found = groupsOfIds(links);
    const seedIds = [...found.seeds].flatMap((i) => [links.a[i], links.b[i]]);
    const { rows: seedNames } = await tx.query(`SELECT id, fingerprint FROM rb_nodes WHERE id = ANY($1::int[])`, [seedIds]);
    const name = new Map<number, string>(seedNames.map((r) => [r.id, r.fingerprint]));
    const groups = [...found.seeds].map((i) => {
      const seed = { a: name.get(links.a[i])!, b: name.get(links.b[i])!, firstAt: links.at[i] };
      return { id: campaignId(seed), seed };
    });
    await tx.query(
      `CREATE TEMP TABLE rb_groups ON COMMIT DROP AS
       SELECT (g.n - 1)::int AS n, g.id, g.sa AS seed_a, g.sb AS seed_b, g.sat AS seed_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS g(id, sa, sb, sat, n)`,
      [groups.map((g) => g.id), groups.map((g) => g.seed.a), groups.map((g) => g.seed.b), groups.map((g) => new Date(g.seed.firstAt))],
    );
    await this.syncNodes(tx, found.groupOf);
    const campaigns = await new RebuildFigures(tx).write();
    return { values: links.nodes, links: links.a.length, groups: groups.length, campaigns };
  }

  /**
   * This node's co-occurrence (`rb_links`: by rank for the union-find, by node id as stored), then into
   * `campaign_links` as the differences only, found in one pass over node ids (unchanged links keep their seq, so
   * partners are not sent them again).
   */
  private async syncLinks(tx: PoolClient): Promise<void> {
    await tx.query(`
      CREATE TEMP TABLE rb_links ON COMMIT DROP AS
      SELECT x.id AS ra, y.id AS rb, least(x.node, y.node) AS a, greatest(x.node, y.node) AS b, count(*)::int AS reports,
             min(r.received_at) AS first_at, min(r.tlp_rank)::smallint AS tlp_rank
        FROM rb_held x JOIN rb_held y ON y.report_id = x.report_id AND x.id < y.id
        JOIN ${REPORTS_SQL} r ON r.id = x.report_id
       GROUP BY x.id, y.id, x.node, y.node`);
    await tx.query(`
      CREATE TEMP TABLE rb_link_diff ON COMMIT DROP AS
      SELECT coalesce(r.a, l.a) AS a, coalesce(r.b, l.b) AS b, r.reports, r.first_at, r.tlp_rank, l.a IS NOT NULL AS stored
        FROM rb_links r FULL JOIN campaign_links l ON l.a = r.a AND l.b = r.b
       WHERE (l.reports, l.first_at, l.tlp_rank) IS DISTINCT FROM (r.reports, r.first_at, r.tlp_rank)`);
    await tx.query(`DELETE FROM campaign_links l USING rb_link_diff d WHERE d.reports IS NULL AND l.a = d.a AND l.b = d.b`);
    await tx.query(`
      UPDATE campaign_links l SET reports = d.reports, first_at = d.first_at, tlp_rank = d.tlp_rank, seq = nextval('campaign_links_seq')
        FROM rb_link_diff d WHERE d.stored AND d.reports IS NOT NULL AND l.a = d.a AND l.b = d.b`);
    await tx.query(`
      INSERT INTO campaign_links (a, b, reports, first_at, tlp_rank)
      SELECT a, b, reports, first_at, tlp_rank FROM rb_link_diff WHERE NOT stored ORDER BY a, b`);
  }

  /**
   * Every value (ledger's and stored ones, which may hold partners' reports) with a dense rank in value order (`id`:
   * ties between equally old links are broken by value) and its node id (`node`; a value new to the graph gets one).
   */
  private async countNodes(tx: PoolClient): Promise<void> {
    await tx.query(`
      CREATE TEMP TABLE rb_nodes ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY t.fingerprint COLLATE "C") - 1)::int AS id, t.* FROM (
        SELECT coalesce(c.fingerprint, n.fingerprint) AS fingerprint, coalesce(n.id, nextval('campaign_nodes_id_seq')::int) AS node,
               n.id IS NOT NULL AS stored, coalesce(c.reports, 0) AS reports,
               coalesce(n.partner_reports, 0) AS partner_reports
          FROM (SELECT fingerprint, count(*)::int AS reports FROM rb_ledger GROUP BY fingerprint) c
          FULL JOIN campaign_nodes n ON n.fingerprint = c.fingerprint) t`);
    await tx.query(`ANALYZE rb_nodes`);
  }

  /**
   * Every open link as ids: co-occurrence, analysts' and partners' links (the oldest first-seen of a pair), less
   * the cuts and every link touching a hub. Three typed arrays, not 10⁶ objects.
   */
  private async openLinks(tx: PoolClient, hubAt: number): Promise<IdLinks> {
    const { rows: any } = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM campaign_manual_links) OR EXISTS (SELECT 1 FROM campaign_partner_links) AS extra`,
    );
    if (!any[0].extra) return this.countedLinks(tx, hubAt);
    const { rows } = await tx.query(
      `WITH x AS (
         SELECT a, b, at AS first_at, kind = 'cut' AS cut FROM campaign_manual_links
         UNION ALL SELECT a, b, first_at, false FROM campaign_partner_links),
       e AS (SELECT na.id AS a, nb.id AS b, x.first_at, x.cut FROM x JOIN rb_nodes na ON na.fingerprint = x.a JOIN rb_nodes nb ON nb.fingerprint = x.b),
       m AS (
         SELECT a, b, min(first_at) AS first_at FROM (SELECT ra AS a, rb AS b, first_at FROM rb_links UNION ALL SELECT a, b, first_at FROM e WHERE NOT cut) u
          GROUP BY a, b)
       SELECT ${joined('m.a')} AS a, ${joined('m.b')} AS b, ${joined('(extract(epoch FROM m.first_at) * 1000)::float8')} AS at,
              (SELECT count(*)::int FROM rb_nodes) AS nodes
         FROM m
         JOIN rb_nodes na ON na.id = m.a AND na.reports + na.partner_reports < $1
         JOIN rb_nodes nb ON nb.id = m.b AND nb.reports + nb.partner_reports < $1
        WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.cut AND e.a = m.a AND e.b = m.b)`,
      [hubAt],
    );
    const r = rows[0];
    return {
      nodes: r.nodes,
      a: Int32Array.from(split(r.a), Number),
      b: Int32Array.from(split(r.b), Number),
      at: Float64Array.from(split(r.at), Number),
    };
  }

  /**
   * The open links when co-occurrence is the only source (no analyst or partner link, no cut): `rb_links` as it
   * is, the few hubs' links dropped in memory — no join over every value.
   */
  private async countedLinks(tx: PoolClient, hubAt: number): Promise<IdLinks> {
    const { rows } = await tx.query(
      `SELECT ${joined('ra')} AS a, ${joined('rb')} AS b, ${joined('(extract(epoch FROM first_at) * 1000)::float8')} AS at,
              (SELECT count(*)::int FROM rb_nodes) AS nodes,
              (SELECT coalesce(array_agg(id), '{}') FROM rb_nodes WHERE reports + partner_reports >= $1) AS hubs
         FROM rb_links`,
      [hubAt],
    );
    const r = rows[0];
    const hub = new Uint8Array(r.nodes);
    for (const id of r.hubs) hub[Number(id)] = 1;
    const a: number[] = [];
    const b: number[] = [];
    const at: number[] = [];
    const [ra, rb, rat] = [split(r.a), split(r.b), split(r.at)];
    for (let i = 0; i < ra.length; i++) {
      const x = Number(ra[i]);
      const y = Number(rb[i]);
      if (hub[x] || hub[y]) continue;
      a.push(x);
      b.push(y);
      at.push(Number(rat[i]));
    }
    return { nodes: r.nodes, a: Int32Array.from(a), b: Int32Array.from(b), at: Float64Array.from(at) };
  }

  /** Each value's report count and group into `campaign_nodes`, writing only the rows that differ. */
  private async syncNodes(tx: PoolClient, groupOf: Int32Array): Promise<void> {
    await tx.query(
      `CREATE TEMP TABLE rb_final ON COMMIT DROP AS
       SELECT n.id, n.node, n.stored, n.fingerprint, n.reports, g.id AS component
         FROM rb_nodes n JOIN unnest(${unpack('$1', 'int')}) WITH ORDINALITY AS u(grp, ord) ON u.ord - 1 = n.id
         LEFT JOIN rb_groups g ON g.n = u.grp`,
      [packed(Array.from(groupOf))],
    );
    await tx.query(`
      UPDATE campaign_nodes n SET reports = f.reports, component = f.component FROM rb_final f
       WHERE f.stored AND f.node = n.id AND (n.reports, n.component) IS DISTINCT FROM (f.reports, f.component)`);
    await tx.query(`
      INSERT INTO campaign_nodes (id, fingerprint, reports, component)
      SELECT f.node, f.fingerprint, f.reports, f.component FROM rb_final f WHERE NOT f.stored ORDER BY f.fingerprint`);
  }
}
