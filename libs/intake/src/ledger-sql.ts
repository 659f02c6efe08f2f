/*
 * Fragments over intake's ledger for the campaigns link graph, which reads it in large set-based statements (one
 * step per 20 outbox batches, a rebuild over every report) that must stay one round trip each. As in
 * sightings-sql.ts, each is a subquery for the caller's FROM list; arguments are SQL expressions, never values.
 */

/** A report's TLP as its rank (clear 0 … red 4), as SQL over the column `col`. */
export const tlpRankSql = (col: string) =>
  `(CASE ${col} WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 WHEN 'amber+strict' THEN 3 ELSE 4 END)`;

/** The intake outbox, for a FROM list: id (one accepted request), report_ids, processed_at (null: not ingested yet). */
export const OUTBOX_SQL = `(SELECT id, report_ids, processed_at FROM intake_outbox)`;

/**
 * Reports, for a FROM list: id, received_at, tlp_rank, occurred_at, jurisdiction, scam_type, channel, loss_currency,
 * loss_amount, excluded (a review took the report out of every count).
 */
export const REPORTS_SQL = `(SELECT id, received_at, ${tlpRankSql('tlp')} AS tlp_rank, occurred_at, jurisdiction, scam_type, channel,
    loss_currency, loss_amount, excluded_at IS NOT NULL AS excluded FROM reports)`;

/** Accepted sightings (report, value), for a FROM list: report_id, fingerprint. A report may hold a value twice. */
export const ACCEPTED_SQL = `(SELECT report_id, fingerprint FROM report_indicators WHERE status = 'accepted')`;

/**
 * Accepted sightings of reports that count (not excluded by a review), for a FROM list: report_id, fingerprint,
 * occurred_at, jurisdiction, scam_type, channel, loss_currency, loss_amount.
 */
export const COUNTED_SIGHTINGS_SQL = `(SELECT ri.report_id, ri.fingerprint, r.occurred_at, r.jurisdiction, r.scam_type, r.channel,
    r.loss_currency, r.loss_amount
   FROM report_indicators ri JOIN reports r ON r.id = ri.report_id WHERE ri.status = 'accepted' AND r.excluded_at IS NULL)`;

/** Accepted sightings of the reports of these outbox rows (`outboxIds`: a bigint[] expression): report_id, fingerprint. */
export const batchSightingsSql = (outboxIds: string) =>
  `(SELECT ri.report_id, ri.fingerprint FROM intake_outbox o CROSS JOIN LATERAL unnest(o.report_ids) AS rid(id)
      JOIN report_indicators ri ON ri.report_id = rid.id AND ri.status = 'accepted'
     WHERE o.id = ANY(${outboxIds}))`;

/** Ids of the reports a review took out of the counts (a partial index keeps this read small): id. */
export const EXCLUDED_REPORTS_SQL = `(SELECT id FROM reports WHERE excluded_at IS NOT NULL)`;
