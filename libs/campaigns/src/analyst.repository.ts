import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import { coLinksTouching } from './campaigns.repository';
import { GRAPH_LOCK, GraphRepository, StepOutcome } from './graph.repository';
import { GroupsWriter } from './groups.writer';

export interface CampaignPatch {
  name?: string | null;
  closed?: boolean;
  origin?: { country: string; note: string | null } | null;
  tlp?: string;
}

/**
 * What analysts change: links they add and cut (kept in `campaign_manual_links`, so the rebuild keeps them), and
 * the campaign's own fields. Each change runs under the graph lock, then re-clusters what it touched.
 */
@Injectable()
export class AnalystRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly graph: GraphRepository,
    private readonly groups: GroupsWriter,
  ) {}

  async knownIndicators(fps: string[]): Promise<Set<string>> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT fingerprint FROM indicators WHERE fingerprint = ANY($1) AND warninglist IS NULL`,
      [fps],
    );
    return new Set(rows.map((r) => r.fingerprint));
  }

  /** Sets analyst links (`link`) or cuts (`cut`) between pairs, then re-clusters their values and `alsoTouch`. */
  async setLinks(
    pairs: [string, string][],
    kind: 'link' | 'cut',
    actor: string,
    hubAt: number,
    alsoTouch: string[] = [],
  ): Promise<StepOutcome> {
    return transaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [GRAPH_LOCK]);
      const sorted = pairs.map(([x, y]) => (x < y ? [x, y] : [y, x])).filter(([x, y]) => x !== y);
      await tx.query(
        `INSERT INTO campaign_manual_links (a, b, kind, at, actor) SELECT a, b, $3, now(), $4 FROM unnest($1::text[], $2::text[]) AS v(a, b)
         ON CONFLICT (a, b) DO UPDATE SET kind = excluded.kind, at = CASE WHEN campaign_manual_links.kind = excluded.kind
           THEN campaign_manual_links.at ELSE excluded.at END, actor = excluded.actor`,
        [sorted.map((p) => p[0]), sorted.map((p) => p[1]), kind, actor],
      );
      const touched = [...new Set([...sorted.flat(), ...alsoTouch])].sort();
      await tx.query(`INSERT INTO campaign_nodes (fingerprint) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [touched]);
      return this.graph.step(tx, touched, hubAt, actor);
    });
  }

  /** Existing links (any source) between the values of `part` and the rest of `members`: what a split must cut. */
  async linksAcross(part: string[], members: string[]): Promise<[string, string][]> {
    const rest = members.filter((m) => !part.includes(m));
    const { rows } = await query(
      poolOf(this.db),
      `SELECT a, b FROM ${coLinksTouching('$1::text[]')} c WHERE (a = ANY($1) AND b = ANY($2)) OR (a = ANY($2) AND b = ANY($1))
       UNION SELECT a, b FROM campaign_partner_links WHERE (a = ANY($1) AND b = ANY($2)) OR (a = ANY($2) AND b = ANY($1))
       UNION SELECT a, b FROM campaign_manual_links WHERE kind = 'link' AND ((a = ANY($1) AND b = ANY($2)) OR (a = ANY($2) AND b = ANY($1)))`,
      [part, rest],
    );
    return rows.map((r) => [r.a, r.b]);
  }

  async patch(id: string, p: CampaignPatch, actor: string): Promise<boolean> {
    return transaction(this.db, async (tx: PoolClient) => {
      const { rowCount } = await tx.query(
        `UPDATE campaigns SET
           name = CASE WHEN $2 THEN $3 ELSE name END,
           closed = COALESCE($4, closed),
           origin_country = CASE WHEN $5 THEN $6 ELSE origin_country END,
           origin_note = CASE WHEN $5 THEN $7 ELSE origin_note END,
           tlp = COALESCE($8, tlp),
           updated_at = now()
         WHERE id = $1 AND live`,
        [
          id,
          p.name !== undefined,
          p.name ?? null,
          p.closed ?? null,
          p.origin !== undefined,
          p.origin?.country ?? null,
          p.origin?.note ?? null,
          p.tlp ?? null,
        ],
      );
      if (rowCount) await this.groups.event(tx, 'update', id, [], actor, p);
      return !!rowCount;
    });
  }
}
