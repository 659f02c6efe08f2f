import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { jurisdictionStatsSql, processedReportsSql, sightedIndicatorsSql, sightedJurisdictionsSql, STATS_SQL } from '@scamintel/intake';
import { transaction } from '@scamintel/persistence';
import { TLPS } from '@scamintel/vocabulary';

export interface PeriodCounts {
  reports: number;
  byScamType: Record<string, number>;
  byChannel: Record<string, number>;
  lossByCurrency: Record<string, string>;
  lossReportsByCurrency: Record<string, number>;
}

export interface WatchRow {
  fingerprint: string;
  type: string;
  value: string;
  tlp: (typeof TLPS)[number];
  warninglisted: boolean;
  /** Reports of this jurisdiction, as the lookup counts them. */
  reports: number;
  jurisdictions: string[];
  scamTypes: Record<string, number>;
}

export interface InputQuery {
  jurisdiction: string;
  /** Day boundaries are midnight in this IANA time zone. */
  timeZone: string;
  previousFrom: string;
  from: string;
  to: string;
  weekStarts: string[];
}

export interface InputData {
  current: PeriodCounts;
  previous: PeriodCounts;
  weekly: { weekStart: string; byScamType: Record<string, number> }[];
  crossBorder: { indicatorsSeenInBoth: number; receivedFromPartner: number; partnerJurisdictions: string[] };
  campaigns: { active: number; new: number; reports: number };
  watch: WatchRow[];
}

const at = (param: string, tz: string) => `((${param})::date::timestamp AT TIME ZONE ${tz})`;

/**
 * Sightings of this node's own jurisdiction inside the period: indicators of processed reports whose scam
 * happened in [from, to). $1 = jurisdiction, $2 = time zone, $3 = from, $4 = to.
 */
const ACTIVE = `active AS ${sightedIndicatorsSql('$1', at('$3', '$2'), at('$4', '$2'))}`;

const emptyCounts = (): PeriodCounts => ({ reports: 0, byScamType: {}, byChannel: {}, lossByCurrency: {}, lossReportsByCurrency: {} });
/** What a bulletin's figures are computed from: one consistent snapshot of the period's reports and indicators. */
@Injectable()
export class BulletinFiguresRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Everything a bulletin is built from, read in one REPEATABLE READ snapshot so the figures agree with each
   * other. Five statements whatever the data size: no per-indicator round trips.
   */
  loadInput(q: InputQuery): Promise<InputData> {
    return transaction(this.db, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const periods = await this.periodCounts(tx, q);
      return {
        current: periods.current,
        previous: periods.previous,
        weekly: await this.weekly(tx, q),
        crossBorder: { ...(await this.seenInBoth(tx, q)), receivedFromPartner: await this.receivedFromPartner(tx, q) },
        campaigns: await this.crossBorderCampaigns(tx, q),
        watch: await this.watchCandidates(tx, q),
      };
    });
  }

  private async periodCounts(tx: PoolClient, q: InputQuery): Promise<{ current: PeriodCounts; previous: PeriodCounts }> {
    const { rows } = await tx.query(
      `SELECT period, scam_type AS "scamType", channel, loss_currency AS currency,
              GROUPING(scam_type) = 0 AS "byType", GROUPING(channel) = 0 AS "byChannel", GROUPING(loss_currency) = 0 AS "byCurrency",
              count(*)::int AS reports, count(loss_amount)::int AS "lossReports", coalesce(sum(loss_amount), 0)::text AS loss
         FROM (SELECT CASE WHEN r.occurred_at >= ${at('$4', '$2')} THEN 'current' ELSE 'previous' END AS period,
                      r.scam_type, r.channel, r.loss_currency, r.loss_amount
                 FROM ${processedReportsSql('$1')} r
                WHERE r.excluded_at IS NULL AND r.occurred_at >= ${at('$3', '$2')} AND r.occurred_at < ${at('$5', '$2')}) x
        GROUP BY GROUPING SETS ((period), (period, scam_type), (period, channel), (period, loss_currency))`,
      [q.jurisdiction, q.timeZone, q.previousFrom, q.from, q.to],
    );
    const out = { current: emptyCounts(), previous: emptyCounts() };
    for (const r of rows) {
      const p = out[r.period as 'current' | 'previous'];
      if (r.byType) p.byScamType[r.scamType] = r.reports;
      else if (r.byChannel) p.byChannel[r.channel] = r.reports;
      else if (r.byCurrency) {
        if (r.currency !== null && r.lossReports > 0) {
          p.lossByCurrency[r.currency] = r.loss;
          p.lossReportsByCurrency[r.currency] = r.lossReports;
        }
      } else p.reports = r.reports;
    }
    return out;
  }

  private async weekly(tx: PoolClient, q: InputQuery): Promise<InputData['weekly']> {
    const { rows } = await tx.query(
      `SELECT w.week_start::text AS "weekStart", r.scam_type AS "scamType", count(r.id)::int AS n
         FROM unnest($3::date[]) AS w(week_start)
         JOIN ${processedReportsSql('$1')} r ON r.occurred_at >= ${at('w.week_start', '$2')} AND r.occurred_at < ${at('w.week_start + 7', '$2')}
        GROUP BY w.week_start, r.scam_type`,
      [q.jurisdiction, q.timeZone, q.weekStarts],
    );
    const weeks = new Map(q.weekStarts.map((w) => [w, {} as Record<string, number>]));
    for (const r of rows) weeks.get(r.weekStart)![r.scamType] = r.n;
    return [...weeks].map(([weekStart, byScamType]) => ({ weekStart, byScamType }));
  }

  /** Indicators this jurisdiction sighted in the period that another jurisdiction has sightings of too. */
  private async seenInBoth(tx: PoolClient, q: InputQuery): Promise<{ indicatorsSeenInBoth: number; partnerJurisdictions: string[] }> {
    const { rows } = await tx.query(
      `WITH ${ACTIVE},
       other AS (
         SELECT s.fingerprint, s.jurisdiction
           FROM active a JOIN ${STATS_SQL} s ON s.fingerprint = a.fingerprint
          WHERE s.jurisdiction <> $1 AND s.first_seen < ${at('$4', '$2')}
       )
       SELECT (SELECT count(DISTINCT fingerprint)::int FROM other) AS n,
              ARRAY(SELECT DISTINCT jurisdiction FROM other ORDER BY 1) AS partners`,
      [q.jurisdiction, q.timeZone, q.from, q.to],
    );
    return { indicatorsSeenInBoth: rows[0].n, partnerJurisdictions: rows[0].partners };
  }

  /**
   * Live campaigns whose reports span more than one jurisdiction (as `GET /v1/campaigns?crossBorder=true`) that were
   * active in the period: one of this node's reports of the period holds a value of the campaign, or its last report
   * (a partner's included) falls in the period. Reports: the campaigns' totals, both nodes'.
   */
  private async crossBorderCampaigns(tx: PoolClient, q: InputQuery): Promise<InputData['campaigns']> {
    const { rows } = await tx.query(
      `WITH touched AS (
         SELECT DISTINCT n.component AS id
           FROM ${sightedIndicatorsSql(null, at('$2', '$1'), at('$3', '$1'))} s
           JOIN campaign_nodes n ON n.fingerprint = s.fingerprint AND n.component IS NOT NULL
       ), active AS (
         SELECT c.reports, c.first_seen FROM campaigns c
          WHERE c.live AND cardinality(c.jurisdictions) > 1
            AND (c.id IN (SELECT id FROM touched) OR (c.last_seen >= ${at('$2', '$1')} AND c.last_seen < ${at('$3', '$1')}))
       )
       SELECT count(*)::int AS active, coalesce(sum(reports), 0)::int AS reports,
              (count(*) FILTER (WHERE first_seen >= ${at('$2', '$1')} AND first_seen < ${at('$3', '$1')}))::int AS new
         FROM active`,
      [q.timeZone, q.from, q.to],
    );
    return rows[0];
  }

  /**
   * SEAM for the exchange: indicators of the period that arrived from a partner node. Partner sightings will live
   * in a table of the exchange's own, which does not exist yet, so this is 0 until that table does; then it becomes
   * one COUNT over it for fingerprints in ACTIVE (or received in [from, to)).
   */
  private async receivedFromPartner(_tx: PoolClient, _q: InputQuery): Promise<number> {
    return 0;
  }

  /**
   * Watch-list candidates: sighted here in the period, TLP:CLEAR for this jurisdiction (tlp_rank 0), not on a
   * warninglist. The verdict is the service's to add (the node's VerdictService, as for lookups). Filtering here
   * as well as in the core means nothing above TLP:CLEAR even leaves the database for a bulletin.
   */
  private async watchCandidates(tx: PoolClient, q: InputQuery): Promise<WatchRow[]> {
    const { rows } = await tx.query(
      `WITH ${ACTIVE}
       SELECT i.fingerprint, i.type, i.value, s.tlp_rank AS "tlpRank", i.warninglist IS NOT NULL AS warninglisted, s.reports, s.scam_types AS "scamTypes",
              ${sightedJurisdictionsSql('s.fingerprint')} AS jurisdictions
         FROM active a
         JOIN indicators i ON i.fingerprint = a.fingerprint
         JOIN ${jurisdictionStatsSql('$1')} s ON s.fingerprint = a.fingerprint
        WHERE s.tlp_rank = 0 AND i.warninglist IS NULL`,
      [q.jurisdiction, q.timeZone, q.from, q.to],
    );
    return rows.map((r) => ({
      fingerprint: r.fingerprint,
      type: r.type,
      value: r.value,
      tlp: TLPS[r.tlpRank] ?? 'red',
      warninglisted: r.warninglisted,
      reports: r.reports,
      jurisdictions: r.jurisdictions,
      scamTypes: r.scamTypes,
    }));
  }
}
