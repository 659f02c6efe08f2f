import type { BatchCounts, GraphLink } from '@scamintel/campaigns-core';
import { Queryable } from '@scamintel/persistence';
import { packed, unpack } from './packed';

/**
 * What one incremental step reads of the graph around the values it touches: their groups' members with each
 * value's group, degree and node id, and the open links among them. Co-occurrence links are stored between node
 * ids (narrow rows, the bulk of the graph); analysts' and partners' links name fingerprints and are read only when
 * there are any. Links come out as fingerprint pairs (`a < b`), as the pure re-clustering takes them.
 */
export class NeighbourhoodReader {
  /** Each read value's group before the step (null: none, or not stored yet). */
  readonly prior = new Map<string, string | null>();
  readonly degree = new Map<string, number>();
  /** Values that have a node row. */
  readonly stored = new Set<string>();
  readonly idOf = new Map<string, number>();
  private readonly fpOf = new Map<number, string>();

  constructor(private readonly tx: Queryable) {}

  /** The stored values among `fps` and every member of their groups, with group, degree and id. */
  async readGroups(fps: string[]): Promise<void> {
    const { rows } = await this.tx.query(
      `WITH t AS (SELECT n.* FROM unnest(${unpack('$1', 'text')}) AS f(fp) JOIN campaign_nodes n ON n.fingerprint = f.fp)
       SELECT id, fingerprint, component::text, reports + partner_reports AS degree FROM t
       UNION ALL
       SELECT n.id, n.fingerprint, n.component::text, n.reports + n.partner_reports FROM campaign_nodes n
        WHERE n.component IN (SELECT DISTINCT component FROM t WHERE component IS NOT NULL)`,
      [packed(fps)],
    );
    for (const r of rows) {
      if (this.prior.has(r.fingerprint)) continue;
      this.prior.set(r.fingerprint, r.component);
      this.known(r);
    }
  }

  private known(r: { id: number; fingerprint: string; degree: number }): void {
    this.degree.set(r.fingerprint, r.degree);
    this.stored.add(r.fingerprint);
    this.idOf.set(r.fingerprint, r.id);
    this.fpOf.set(r.id, r.fingerprint);
  }

  /** Records a node inserted by this step. */
  added(fp: string, id: number): void {
    this.idOf.set(fp, id);
    this.fpOf.set(id, fp);
    this.stored.add(fp);
  }

  /**
   * Current links among non-hub values with an end in `fps` (stored values): co-occurrence (stored, plus the
   * batch's not yet stored), analysts' and partners', less the cuts. Ends not read yet are looked up.
   */
  async openLinks(fps: string[], hubAt: number, delta: BatchCounts | null): Promise<GraphLink[]> {
    const all = new Map<string, GraphLink>();
    const cut = new Set<string>();
    const ids = fps.map((fp) => this.idOf.get(fp)!);
    const { rows } = await this.tx.query(
      `WITH f AS (SELECT unnest(${unpack('$1', 'int')}) AS id)
       SELECT l.a, l.b, (extract(epoch FROM l.first_at) * 1000)::float8 AS at FROM f JOIN campaign_links l ON l.a = f.id
       UNION SELECT l.a, l.b, (extract(epoch FROM l.first_at) * 1000)::float8 FROM f JOIN campaign_links l ON l.b = f.id`,
      [packed(ids)],
    );
    await this.byIds(rows.flatMap((x) => [x.a as number, x.b as number]).filter((id) => !this.fpOf.has(id)));
    const put = (x: string, y: string, firstAt: number) => {
      const [a, b] = x < y ? [x, y] : [y, x];
      const have = all.get(`${a}|${b}`);
      if (!have) all.set(`${a}|${b}`, { a, b, firstAt });
      else if (firstAt < have.firstAt) have.firstAt = firstAt;
    };
    for (const x of rows) put(this.fpOf.get(x.a)!, this.fpOf.get(x.b)!, Number(x.at));
    for (const x of await this.manualAndPartner(fps))
      if (x.cut) cut.add(`${x.a}|${x.b}`);
      else if (x.at !== null) put(x.a, x.b, Number(x.at));
    for (const l of delta?.links.values() ?? []) put(l.a, l.b, l.us / 1000);
    await this.byFingerprints([...all.values()].flatMap((l) => [l.a, l.b]).filter((fp) => !this.degree.has(fp)));
    const open = (fp: string) => this.degree.has(fp) && this.degree.get(fp)! < hubAt;
    return [...all].filter(([key, l]) => !cut.has(key) && open(l.a) && open(l.b)).map(([, l]) => l);
  }

  /** Analysts' links and cuts and partners' links touching `fps`: none read when neither table has a row. */
  private async manualAndPartner(fps: string[]): Promise<{ a: string; b: string; at: number | null; cut: boolean }[]> {
    const { rows: any } = await this.tx.query(
      `SELECT EXISTS (SELECT 1 FROM campaign_manual_links) OR EXISTS (SELECT 1 FROM campaign_partner_links) AS any`,
    );
    if (!any[0].any) return [];
    const { rows } = await this.tx.query(
      `WITH f AS (SELECT unnest(${unpack('$1', 'text')}) AS fp), l AS (
         SELECT m.a, m.b, m.at AS first_at, m.kind = 'cut' AS cut FROM f JOIN campaign_manual_links m ON m.a = f.fp
         UNION ALL SELECT m.a, m.b, m.at, m.kind = 'cut' FROM f JOIN campaign_manual_links m ON m.b = f.fp
         UNION ALL SELECT p.a, p.b, p.first_at, false FROM f JOIN campaign_partner_links p ON p.a = f.fp
         UNION ALL SELECT p.a, p.b, p.first_at, false FROM f JOIN campaign_partner_links p ON p.b = f.fp)
       SELECT a, b, (extract(epoch FROM min(first_at) FILTER (WHERE NOT cut)) * 1000)::float8 AS at, bool_or(cut) AS cut
         FROM l GROUP BY a, b`,
      [packed(fps)],
    );
    return rows;
  }

  private async byIds(ids: number[]): Promise<void> {
    if (!ids.length) return;
    const { rows } = await this.tx.query(
      `SELECT id, fingerprint, reports + partner_reports AS degree FROM campaign_nodes WHERE id = ANY(${unpack('$1', 'int')})`,
      [packed([...new Set(ids)])],
    );
    for (const r of rows) this.known(r);
  }

  private async byFingerprints(fps: string[]): Promise<void> {
    if (!fps.length) return;
    const { rows } = await this.tx.query(
      `SELECT n.id, n.fingerprint, n.reports + n.partner_reports AS degree FROM unnest(${unpack('$1', 'text')}) AS f(fp)
         JOIN campaign_nodes n ON n.fingerprint = f.fp`,
      [packed([...new Set(fps)])],
    );
    for (const r of rows) this.known(r);
  }
}
