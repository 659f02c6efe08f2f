/*
 * Intake owns the sighting tables (reports, report_indicators, indicator_stats, indicator_reporters). Other libs
 * read them in statements that also join their own tables (review queue, verdict evidence, the exchange export),
 * and those statements must stay one round trip. So intake hands them SQL fragments over its tables, each a
 * subquery the caller places in its FROM or SELECT list: the table and column names stay here, and a column change
 * is made in one lib. PostgreSQL pulls such subqueries up into the caller's statement, so plans are as before.
 *
 * Arguments are SQL expressions (a parameter like `$1`, or a column of the caller's query), never values.
 */

/** Every indicator's aggregates in every jurisdiction, for a FROM list (columns as jurisdictionStatsSql). */
export const STATS_SQL = `(SELECT fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, channels, losses, tlp_rank FROM indicator_stats)`;

/** The jurisdictions with sightings of an indicator, sorted: an ARRAY(…) expression (text[]). */
export const sightedJurisdictionsSql = (fingerprint: string) =>
  `ARRAY(SELECT jurisdiction FROM indicator_stats WHERE fingerprint = ${fingerprint} ORDER BY 1)`;

/**
 * A jurisdiction's processed reports, for a FROM list: id, occurred_at, scam_type, channel, loss_currency,
 * loss_amount, excluded_at (not null: a review took the report out of the counts).
 */
export const processedReportsSql = (jurisdiction: string) =>
  `(SELECT id, occurred_at, scam_type, channel, loss_currency, loss_amount, excluded_at FROM reports
     WHERE jurisdiction = ${jurisdiction} AND status = 'processed')`;

/**
 * The indicators sighted by reports that count whose scam happened in [from, to), in one jurisdiction (null: any),
 * for a FROM list: fingerprint (distinct). `from` and `to`: timestamptz expressions.
 */
export const sightedIndicatorsSql = (jurisdiction: string | null, from: string, to: string) =>
  `(SELECT DISTINCT ri.fingerprint
      FROM reports r
      JOIN report_indicators ri ON ri.report_id = r.id
     WHERE ${jurisdiction === null ? '' : `r.jurisdiction = ${jurisdiction} AND `}r.status = 'processed' AND r.excluded_at IS NULL
       AND r.occurred_at >= ${from} AND r.occurred_at < ${to}
       AND ri.fingerprint IS NOT NULL AND ri.status <> 'rejected')`;

/** Distinct reporters counted for one indicator in one jurisdiction: a scalar subquery (int). */
export const reporterCountSql = (fingerprint: string, jurisdiction: string) =>
  `(SELECT count(*)::int FROM indicator_reporters WHERE fingerprint = ${fingerprint} AND jurisdiction = ${jurisdiction})`;

/**
 * A jurisdiction's aggregates, one row per indicator, for a FROM list: fingerprint, jurisdiction, reports,
 * first_seen, last_seen, scam_types, channels, losses, tlp_rank.
 */
export const jurisdictionStatsSql = (jurisdiction: string) => `(SELECT * FROM ${STATS_SQL} s WHERE jurisdiction = ${jurisdiction})`;

/**
 * One indicator's aggregates in one jurisdiction, for a LEFT JOIN LATERAL … ON true: a primary-key lookup
 * (reports, first_seen, last_seen, tlp_rank, scam_types), no row when it has no sightings there.
 */
export const indicatorStatsSql = (fingerprint: string, jurisdiction: string) =>
  `(SELECT reports, first_seen, last_seen, tlp_rank, scam_types FROM indicator_stats
     WHERE fingerprint = ${fingerprint} AND jurisdiction = ${jurisdiction} LIMIT 1)`;

/**
 * The newest reports carrying each indicator (by received_at), `perIndicator` at most each, for a FROM list:
 * fingerprint, id, jurisdiction, "scamType", channel, "occurredAt", "receivedAt", narrative, "reporterTrust".
 */
export const newestReportsSql = (fingerprints: string, perIndicator: string) =>
  `(SELECT x.fingerprint, r.id, r.jurisdiction, r.scam_type AS "scamType", r.channel, r.occurred_at AS "occurredAt",
           r.received_at AS "receivedAt", r.narrative, r.reporter_trust AS "reporterTrust"
      FROM (SELECT fingerprint, report_id, row_number() OVER (PARTITION BY fingerprint ORDER BY received_at DESC, report_id) AS n
              FROM (SELECT DISTINCT ri.fingerprint, ri.report_id, rp.received_at
                      FROM report_indicators ri JOIN reports rp ON rp.id = ri.report_id
                     WHERE ri.fingerprint = ANY(${fingerprints})) d) x
      JOIN reports r ON r.id = x.report_id
     WHERE x.n <= ${perIndicator})`;

/**
 * Counted reporters of these indicators (`within`: a condition on the fingerprint such as `IN (SELECT unnest($1))`),
 * for a FROM list: fingerprint, jurisdiction, trust, reports, last_seen, first_received.
 */
export const reportersSql = (within: string) =>
  `(SELECT fingerprint, jurisdiction, trust, reports, last_seen, first_received FROM indicator_reporters WHERE fingerprint ${within})`;

/**
 * Reports that count (not rejected sightings, not excluded reports) per indicator, jurisdiction and window of
 * days before now, for a FROM list: fingerprint, jurisdiction, days, total, keyed (reports by a keyed reporter).
 * `windows`: an SQL expression of type int[].
 */
export const windowedReportsSql = (within: string, windows: string) =>
  `(SELECT ri.fingerprint, r.jurisdiction, w.days,
           count(DISTINCT ri.report_id)::int AS total,
           count(DISTINCT ri.report_id) FILTER (WHERE r.reporter_trust <> 'anonymous')::int AS keyed
      FROM report_indicators ri
      JOIN reports r ON r.id = ri.report_id
      CROSS JOIN unnest(${windows}) AS w(days)
     WHERE ri.fingerprint ${within} AND ri.status <> 'rejected' AND r.excluded_at IS NULL AND r.occurred_at > now() - w.days * interval '1 day'
     GROUP BY ri.fingerprint, r.jurisdiction, w.days)`;
