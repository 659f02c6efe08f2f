import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import { type IndicatorUpsert, type StatDelta, STATS_SQL, reportIdsOf } from '@scamintel/intake';
import { LocalEvidence, evidenceColumns, evidenceFromColumns, evidenceKey } from '@scamintel/policing';

/** An indicator as ingest writes it (intake's IndicatorUpsert), with its last change. */
export interface IndicatorRecord extends IndicatorUpsert {
  updatedAt: Date;
}

/** An indicator's aggregates in one jurisdiction (intake's StatDelta), with reporter counts from the evidence. */
export interface JurisdictionStats extends Omit<StatDelta, 'fingerprint'> {
  recentReporters: number;
  highTrustReporters: number;
  reporters: number;
}

/** What a partner node sent about an indicator (libs/exchange: partner_sightings), shown beside local data, never merged. */
export interface PartnerSighting {
  sourceNode: string;
  jurisdiction: string;
  fingerprint: string;
  type: string;
  value: string;
  pseudonymised: boolean;
  tlp: string;
  verdict: string;
  confidence: number;
  revoked: boolean;
  sightings: number;
  reporters: number;
  firstSeen: Date;
  lastSeen: Date;
  scamTypes: string[];
  receivedAt: Date;
  /** Sent by a node whose partnership has ended (DELETE /v1/admin/partners/:nodeId): kept, and said so. */
  formerPartner: boolean;
}

/** CONTRACT §11: the campaign each value belongs to, when shared at TLP clear (a hub belongs to none). */
const CLEAR_CAMPAIGNS = `SELECT n.fingerprint, c.id::text AS id, c.reports, c.jurisdictions FROM campaign_nodes n
  JOIN campaigns c ON c.id = n.component AND c.live AND c.tlp = 'clear' WHERE n.fingerprint IN (SELECT unnest($1::text[]))`;

export interface LookupCampaignRef {
  id: string;
  reports: number;
  jurisdictions: string[];
}

/**
 * Per-jurisdiction stats of every fingerprint in $1. Reporter counts are not joined in here: the evidence columns
 * read every reporter row of the batch anyway, and snapshots() counts them from there.
 */
const STATS = `SELECT s.fingerprint, s.jurisdiction, s.reports, s.first_seen AS "firstSeen", s.last_seen AS "lastSeen", s.scam_types AS "scamTypes", s.channels,
              s.losses, s.tlp_rank AS "tlpRank"
         FROM ${STATS_SQL} s
        WHERE s.fingerprint IN (SELECT unnest($1::text[]))`;

const PARTNERS = `SELECT source_node AS "sourceNode", jurisdiction, fingerprint, type, value, pseudonymised, tlp, verdict, confidence, revoked, sightings, reporters,
              first_seen AS "firstSeen", last_seen AS "lastSeen", scam_types AS "scamTypes", received_at AS "receivedAt",
              partner_ended_at IS NOT NULL AS "formerPartner"
         FROM partner_sightings WHERE fingerprint IN (SELECT unnest($2::text[]))`;

export interface Snapshots {
  /** The indicator rows read: all of the batch's, or none when only warninglisted ones were asked for. */
  indicators: Map<string, IndicatorRecord>;
  /** The list each warninglisted indicator of the batch was stored with. */
  warninglists: Map<string, string>;
  /** Per fingerprint, its stats per jurisdiction in jurisdiction order. */
  stats: Map<string, JurisdictionStats[]>;
  partners: PartnerSighting[];
  evidence: Map<string, LocalEvidence>;
  campaigns: Map<string, LookupCampaignRef>;
}

const INDICATOR = `fingerprint, type, value, attributes, warninglist, first_seen AS "firstSeen", last_seen AS "lastSeen", updated_at AS "updatedAt"`;

@Injectable()
export class LookupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async indicator(fingerprint: string): Promise<IndicatorRecord | undefined> {
    const { rows } = await query<IndicatorRecord>(poolOf(this.db), `SELECT ${INDICATOR} FROM indicators WHERE fingerprint = $1`, [
      fingerprint,
    ]);
    return rows[0];
  }

  /**
   * Everything lookups read, for a whole batch in one statement (one round trip): the indicators, their
   * per-jurisdiction stats, what partners sent (for the clear fingerprints and the pseudonyms computed for the asked
   * values) and the verdict evidence (libs/policing's evidenceColumns). On loopback a round trip costs more CPU
   * than these index probes; a check of 1000 values must not pay it 1000 times.
   * `indicators: 'warninglisted'` reads only the stored list of warninglisted indicators, all a lookup answer takes
   * from the row, through a partial index holding only those (1764300018200): with a million indicators, the
   * indicator rows of a batch were a third of the pages its first read had to bring into memory.
   */
  async snapshots(
    fingerprints: string[],
    windowDays: number,
    partnerFingerprints: string[],
    evidenceWindows: number[],
    indicators: 'all' | 'warninglisted' = 'all',
  ): Promise<Snapshots> {
    const rowsOf =
      indicators === 'all'
        ? `SELECT ${INDICATOR} FROM indicators WHERE fingerprint IN (SELECT unnest($1::text[]))`
        : `SELECT fingerprint, warninglist FROM indicators WHERE warninglist IS NOT NULL AND fingerprint IN (SELECT unnest($1::text[]))`;
    const { rows } = await query(
      poolOf(this.db),
      `SELECT
         (SELECT coalesce(json_agg(x), '[]'::json) FROM (${rowsOf}) x) AS indicators,
         (SELECT coalesce(json_agg(x), '[]'::json) FROM (${STATS}) x) AS stats,
         (SELECT coalesce(json_agg(x ORDER BY x.jurisdiction, x."sourceNode"), '[]'::json) FROM (${PARTNERS}) x) AS partners,
         (SELECT coalesce(json_agg(x), '[]'::json) FROM (${CLEAR_CAMPAIGNS}) x) AS campaigns,
         ${evidenceColumns('$1::text[]', '$3::int[]')}`,
      [fingerprints, partnerFingerprints, evidenceWindows],
    );
    const r = rows[0];
    const dates = <T extends object>(o: T, keys: (keyof T)[]): T => {
      for (const k of keys) if (o[k] != null) (o as Record<keyof T, unknown>)[k] = new Date(o[k] as unknown as string);
      return o;
    };
    const records = new Map<string, IndicatorRecord>();
    const warninglists = new Map<string, string>();
    for (const i of r.indicators as IndicatorRecord[]) {
      if (i.warninglist !== null) warninglists.set(i.fingerprint, i.warninglist);
      if (indicators === 'all') records.set(i.fingerprint, dates(i, ['firstSeen', 'lastSeen', 'updatedAt']));
    }
    const evidence = evidenceFromColumns(r as Parameters<typeof evidenceFromColumns>[0]);
    const recentSince = Date.now() - windowDays * 86_400_000;
    const stats = new Map<string, JurisdictionStats[]>();
    for (const s of r.stats as (JurisdictionStats & { fingerprint: string })[]) {
      const { fingerprint: fp, ...rest } = dates(s, ['firstSeen', 'lastSeen']);
      const reporters = evidence.get(evidenceKey(fp, rest.jurisdiction))?.reporters ?? [];
      rest.reporters = reporters.length;
      rest.recentReporters = reporters.filter((x) => x.lastSeen.getTime() > recentSince).length;
      rest.highTrustReporters = reporters.filter((x) => x.trust === 'high').length;
      const list = stats.get(fp);
      if (list) list.push(rest);
      else stats.set(fp, [rest]);
    }
    for (const list of stats.values())
      list.sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : a.jurisdiction > b.jurisdiction ? 1 : 0));
    return {
      indicators: records,
      warninglists,
      stats,
      partners: (r.partners as PartnerSighting[]).map((p) => dates(p, ['firstSeen', 'lastSeen', 'receivedAt'])),
      evidence,
      campaigns: new Map((r.campaigns as (LookupCampaignRef & { fingerprint: string })[]).map(({ fingerprint: fp, ...c }) => [fp, c])),
    };
  }

  reportIds(fingerprint: string, limit: number): Promise<string[]> {
    return reportIdsOf(poolOf(this.db), fingerprint, limit);
  }

  async list(f: {
    type?: string;
    updatedSince?: string;
    after?: { updatedAt: string; fingerprint: string };
    limit: number;
  }): Promise<(IndicatorRecord & { cursorAt: string })[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.type) {
      params.push(f.type);
      where.push(`type = $${params.length}`);
    }
    if (f.updatedSince) {
      params.push(f.updatedSince);
      where.push(`updated_at >= $${params.length}`);
    }
    if (f.after) {
      params.push(f.after.updatedAt, f.after.fingerprint);
      where.push(`(updated_at, fingerprint) > ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(f.limit);
    const { rows } = await query(
      poolOf(this.db),
      `SELECT ${INDICATOR}, updated_at::text AS "cursorAt" FROM indicators ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at, fingerprint LIMIT $${params.length}`,
      params,
    );
    return rows as (IndicatorRecord & { cursorAt: string })[];
  }

  /** The bilateral pseudonym keys, to compute what a partner's pseudonym of a value would be. */
  async partnerPseudonymKeys(): Promise<{ nodeId: string; pseudonymKey: string }[]> {
    const { rows } = await query<{ nodeId: string; pseudonymKey: string }>(
      poolOf(this.db),
      `SELECT node_id AS "nodeId", pseudonym_key AS "pseudonymKey" FROM exchange_partners WHERE pseudonym_key IS NOT NULL ORDER BY node_id`,
    );
    return rows;
  }
}
