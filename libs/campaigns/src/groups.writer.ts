import { Injectable } from '@nestjs/common';
import type { BatchReport, Component, ReclusterResult } from '@scamintel/campaigns-core';
import { COUNTED_SIGHTINGS_SQL } from '@scamintel/intake';
import { Queryable } from '@scamintel/persistence';
import { packed, unpack } from './packed';

/** A group is a campaign once it holds at least two values and two reports (CONTRACT §11). */
export const MIN_INDICATORS = 2;
export const MIN_REPORTS = 2;

/**
 * Writes what a re-clustering changed: each group's figures, its campaign row once it qualifies (metadata an analyst
 * set survives), the rows of groups that are gone, and the merges and splits between campaigns.
 */
@Injectable()
export class GroupsWriter {
  async write(
    tx: Queryable,
    r: Pick<ReclusterResult, 'groups' | 'merges' | 'splits' | 'gone'>,
    actor: string | null,
    fresh?: FreshReports | null,
  ): Promise<void> {
    const ids = r.groups.map((g) => g.id);
    const stats = await this.stats(tx, ids, fresh ? { ...fresh, groups: r.groups } : undefined);
    const qualify = r.groups.filter((g) => {
      const s = stats.get(g.id);
      return s && s.indicators >= MIN_INDICATORS && s.reports >= MIN_REPORTS;
    });
    const { rows: wasLive } = await tx.query(`SELECT id::text FROM campaigns WHERE live AND id = ANY($1::uuid[])`, [
      [...ids, ...r.gone, ...r.merges.map((m) => m.absorbed), ...r.splits.map((s) => s.from)],
    ]);
    const live = new Set<string>(wasLive.map((x) => x.id));
    if (qualify.length) {
      await tx.query(
        `INSERT INTO campaigns (id, seed_a, seed_b, seed_at, indicators, reports, first_seen, last_seen, jurisdictions, scam_types, channels)
         SELECT id, sa, sb, sat, ni, nr, fs, ls, string_to_array(j, ','), string_to_array(st, ','), string_to_array(ch, ',')
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::timestamptz[], $8::timestamptz[],
                       $9::text[], $10::text[], $11::text[]) AS v(id, sa, sb, sat, ni, nr, fs, ls, j, st, ch)
         ON CONFLICT (id) DO UPDATE SET indicators = excluded.indicators, reports = excluded.reports, first_seen = excluded.first_seen,
           last_seen = excluded.last_seen, jurisdictions = excluded.jurisdictions, scam_types = excluded.scam_types,
           channels = excluded.channels, live = true, merged_into = NULL, updated_at = now()`,
        [
          qualify.map((g) => g.id),
          qualify.map((g) => g.seed.a),
          qualify.map((g) => g.seed.b),
          qualify.map((g) => new Date(g.seed.firstAt)),
          qualify.map((g) => stats.get(g.id)!.indicators),
          qualify.map((g) => stats.get(g.id)!.reports),
          qualify.map((g) => stats.get(g.id)!.firstSeen),
          qualify.map((g) => stats.get(g.id)!.lastSeen),
          qualify.map((g) => [...stats.get(g.id)!.jurisdictions].sort().join(',')),
          qualify.map((g) => [...stats.get(g.id)!.scamTypes].sort().join(',')),
          qualify.map((g) => [...stats.get(g.id)!.channels].sort().join(',')),
        ],
      );
    }
    const qualified = new Set(qualify.map((g) => g.id));
    const dropped = [...new Set([...ids, ...r.gone])].filter((id) => !qualified.has(id) && live.has(id));
    if (dropped.length) await tx.query(`UPDATE campaigns SET live = false, updated_at = now() WHERE id = ANY($1::uuid[])`, [dropped]);
    const merges = r.merges.filter((m) => live.has(m.absorbed) && qualified.has(m.kept));
    for (const m of merges) {
      await tx.query(`UPDATE campaigns SET merged_into = $2 WHERE id = $1`, [m.absorbed, m.kept]);
      await this.event(tx, 'merge', m.kept, [m.absorbed], actor);
    }
    for (const s of r.splits.filter((x) => live.has(x.from))) await this.event(tx, 'split', s.from, s.into, actor);
  }

  async event(tx: Queryable, kind: string, campaign: string, others: string[], actor: string | null, detail?: unknown): Promise<void> {
    await tx.query(`INSERT INTO campaign_events (kind, campaign, others, actor, detail) VALUES ($1, $2, $3::uuid[], $4, $5)`, [
      kind,
      campaign,
      others,
      actor,
      detail === undefined ? null : JSON.stringify(detail),
    ]);
  }

  /**
   * Each group's values and what its reports add up to: this node's reports holding a value of it, plus the
   * aggregates of the partners' campaigns it overlaps (each partner campaign counted in one group only).
   * With `fresh`, the values first seen in the batch being clustered are counted from the batch in memory — all
   * their reports are in it — and only the others from the ledger.
   */
  async stats(tx: Queryable, ids: string[], fresh?: FreshReports & { groups: Component[] }): Promise<Map<string, GroupStats>> {
    if (!ids.length) return new Map();
    // With a batch, only the stored values (and their groups) are read from the ledger: usually the few groups a
    // batch extends, not every group it creates.
    const stored = fresh ? fresh.groups.flatMap((g) => g.members.filter((fp) => !fresh.values.has(fp)).map((fp) => [fp, g.id])) : [];
    // Reports a review excluded count in no figure (COUNTED_SIGHTINGS_SQL leaves them out).
    const figures = `count(DISTINCT s.report_id)::int AS reports, min(s.occurred_at) AS "firstSeen", max(s.occurred_at) AS "lastSeen",
              array_remove(array_agg(DISTINCT s.jurisdiction), NULL) AS jurisdictions,
              array_remove(array_agg(DISTINCT s.scam_type), NULL) AS "scamTypes",
              array_remove(array_agg(DISTINCT s.channel), NULL) AS channels`;
    const { rows } = fresh
      ? await tx.query(
          `SELECT m.id::text AS id, count(DISTINCT m.fp)::int AS indicators, ${figures}
             FROM unnest(${unpack('$1', 'text')}, ${unpack('$2', 'uuid')}) AS m(fp, id)
             LEFT JOIN ${COUNTED_SIGHTINGS_SQL} s ON s.fingerprint = m.fp
            GROUP BY m.id`,
          [packed(stored.map((x) => x[0])), packed(stored.map((x) => x[1]))],
        )
      : await tx.query(
          `SELECT n.component::text AS id, count(DISTINCT n.fingerprint)::int AS indicators, ${figures}
             FROM campaign_nodes n
             LEFT JOIN ${COUNTED_SIGHTINGS_SQL} s ON s.fingerprint = n.fingerprint
            WHERE n.component = ANY($1::uuid[]) GROUP BY n.component`,
          [ids],
        );
    const out = new Map<string, GroupStats>(rows.map((x) => [x.id, x as GroupStats]));
    if (fresh) addFresh(out, fresh);
    addPartners(out, await this.partnerCampaigns(tx, ids));
    return out;
  }

  /** The partners' campaigns overlapping these groups, each placed in the group holding most of its values (smaller id on a tie). */
  async partnerCampaigns(tx: Queryable, ids: string[]): Promise<PartnerAggregate[]> {
    const { rows } = await tx.query(
      `SELECT pc.node_id AS "nodeId", pc.stix_id AS "stixId", pc.name, pc.reports, pc.jurisdictions, pc.scam_types AS "scamTypes",
              pc.channels, pc.losses, pc.first_seen AS "firstSeen", pc.last_seen AS "lastSeen", pc.origin_country AS "originCountry",
              n.component::text AS component, count(*)::int AS shared
         FROM campaign_nodes n
         JOIN partner_campaign_members pm ON pm.fingerprint = n.fingerprint
         JOIN partner_campaigns pc ON pc.node_id = pm.node_id AND pc.stix_id = pm.stix_id
        WHERE n.component = ANY($1::uuid[])
        GROUP BY pc.node_id, pc.stix_id, n.component`,
      [ids],
    );
    const best = new Map<string, PartnerAggregate & { shared: number }>();
    for (const r of rows) {
      const key = `${r.nodeId}|${r.stixId}`;
      const b = best.get(key);
      if (!b || r.shared > b.shared || (r.shared === b.shared && r.component < b.home)) best.set(key, { ...r, home: r.component });
    }
    return [...best.values()];
  }
}

export interface GroupStats {
  indicators: number;
  reports: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  jurisdictions: string[];
  scamTypes: string[];
  channels: string[];
}

export interface PartnerAggregate {
  nodeId: string;
  stixId: string;
  name: string;
  reports: number;
  jurisdictions: string[];
  scamTypes: string[];
  channels: string[];
  losses: { currency: string; amount: string }[];
  firstSeen: Date | null;
  lastSeen: Date | null;
  originCountry: string | null;
  /** The local group it is shown in. */
  home: string;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();

/** Adds each partner campaign's aggregates to the figures of the local group it is shown in. */
export function addPartners(out: Map<string, GroupStats>, parts: PartnerAggregate[]): void {
  for (const p of parts) {
    const s = out.get(p.home);
    if (!s) continue;
    s.reports += p.reports;
    s.jurisdictions = union(s.jurisdictions, p.jurisdictions);
    s.scamTypes = union(s.scamTypes, p.scamTypes);
    s.channels = union(s.channels, p.channels);
    if (p.firstSeen && (!s.firstSeen || p.firstSeen < s.firstSeen)) s.firstSeen = p.firstSeen;
    if (p.lastSeen && (!s.lastSeen || p.lastSeen > s.lastSeen)) s.lastSeen = p.lastSeen;
  }
}

/** The batch being clustered: its values not stored before it, and its reports. */
export interface FreshReports {
  values: Set<string>;
  reports: Map<string, BatchReport>;
}

/**
 * Adds the fresh values and the reports only they hold to their groups' figures. A report that also holds a stored
 * value of the same group was counted from the ledger already (it is committed there).
 */
function addFresh(out: Map<string, GroupStats>, fresh: FreshReports & { groups: Component[] }): void {
  const groupOf = new Map<string, string>();
  for (const g of fresh.groups)
    for (const fp of g.members) {
      groupOf.set(fp, g.id);
      if (!fresh.values.has(fp)) continue;
      let s = out.get(g.id);
      if (!s)
        out.set(g.id, (s = { indicators: 0, reports: 0, firstSeen: null, lastSeen: null, jurisdictions: [], scamTypes: [], channels: [] }));
      s.indicators++;
    }
  for (const r of fresh.reports.values()) {
    const viaFresh = new Set<string>();
    const viaStored = new Set<string>();
    for (const fp of r.fps) {
      const g = groupOf.get(fp);
      if (g) (fresh.values.has(fp) ? viaFresh : viaStored).add(g);
    }
    for (const g of viaFresh) {
      if (viaStored.has(g)) continue;
      const s = out.get(g)!;
      s.reports++;
      if (!s.firstSeen || r.occurredAt < s.firstSeen) s.firstSeen = r.occurredAt;
      if (!s.lastSeen || r.occurredAt > s.lastSeen) s.lastSeen = r.occurredAt;
      if (r.jurisdiction && !s.jurisdictions.includes(r.jurisdiction)) s.jurisdictions.push(r.jurisdiction);
      if (r.scamType && !s.scamTypes.includes(r.scamType)) s.scamTypes.push(r.scamType);
      if (r.channel && !s.channels.includes(r.channel)) s.channels.push(r.channel);
    }
  }
}
