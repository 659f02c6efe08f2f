import type { PoolClient } from 'pg';

/*
 * Taking a report out of the aggregates (a review rejected it) and putting it back (a later review does not).
 * The ingest step counts a report's sightings incrementally; first and last seen are minima and maxima, which
 * cannot be un-counted, so the rows of the touched indicators are rebuilt from the ledger (report_indicators
 * joined to the reports that still count) instead of decremented. The transition itself is one conditional
 * UPDATE on the report row: it changes state once, so running a rejection twice rebuilds nothing the second time.
 *
 * Locks follow the ingest step's order (reporter rows, then stats rows, each sorted by fingerprint), and the
 * ledger is read after the locks are held, so a sighting ingested concurrently is counted exactly once either
 * way: before the lock (its committed ledger row is in the rebuild) or after it (its increment lands on top).
 */

/** The ledger rows that count: a sighting of a report that is not excluded (what the ingest step counted). */
const COUNTED = `report_indicators ri JOIN reports r ON r.id = ri.report_id
   WHERE ri.fingerprint = ANY($1::text[]) AND ri.status <> 'rejected' AND r.excluded_at IS NULL AND r.jurisdiction = $2`;

export interface CountingChange {
  /** Whether the report's state changed (false: it already was excluded / counted). */
  changed: boolean;
  /** Indicators whose aggregates were rebuilt. */
  fingerprints: string[];
}

/**
 * Sets whether a report counts. Only a processed report can be excluded (its sightings are in the ledger);
 * returns changed=false when the report already is in the requested state or is not processed yet.
 */
export async function setReportCounted(tx: PoolClient, reportId: string, counted: boolean): Promise<CountingChange> {
  const { rows } = await tx.query(
    `UPDATE reports SET excluded_at = CASE WHEN $2 THEN NULL ELSE now() END
      WHERE id = $1 AND status = 'processed' AND (excluded_at IS NULL) <> $2
      RETURNING jurisdiction, reporter_key AS "reporterKey"`,
    [reportId, counted],
  );
  if (!rows.length) return { changed: false, fingerprints: [] };
  const { jurisdiction, reporterKey } = rows[0] as { jurisdiction: string; reporterKey: string };
  const { rows: fps } = await tx.query(
    `SELECT DISTINCT fingerprint FROM report_indicators
      WHERE report_id = $1 AND fingerprint IS NOT NULL AND status <> 'rejected' ORDER BY fingerprint`,
    [reportId],
  );
  const fingerprints = fps.map((r: { fingerprint: string }) => r.fingerprint);
  if (!fingerprints.length) return { changed: true, fingerprints };
  await rebuildReporters(tx, fingerprints, jurisdiction, reporterKey);
  await rebuildStats(tx, fingerprints, jurisdiction);
  // First and last seen of the indicator follow its remaining sightings; updated_at makes the exchange re-share it.
  await tx.query(
    `UPDATE indicators i SET updated_at = now(),
            first_seen = coalesce((SELECT min(first_seen) FROM indicator_stats s WHERE s.fingerprint = i.fingerprint), i.first_seen),
            last_seen = coalesce((SELECT max(last_seen) FROM indicator_stats s WHERE s.fingerprint = i.fingerprint), i.last_seen)
      WHERE fingerprint = ANY($1::text[])`,
    [fingerprints],
  );
  return { changed: true, fingerprints };
}

async function rebuildReporters(tx: PoolClient, fingerprints: string[], jurisdiction: string, reporterKey: string): Promise<void> {
  await tx.query(
    `SELECT 1 FROM indicator_reporters WHERE fingerprint = ANY($1::text[]) AND jurisdiction = $2 AND reporter_key = $3
      ORDER BY fingerprint FOR UPDATE`,
    [fingerprints, jurisdiction, reporterKey],
  );
  // first_received is when the ingest step first counted the reporter: its transaction's now(), which is also the
  // report's processed_at.
  await tx.query(
    `WITH agg AS (
       SELECT ri.fingerprint, min(r.reporter_trust) AS trust, count(DISTINCT r.id)::int AS reports,
              min(r.occurred_at) AS first_seen, max(r.occurred_at) AS last_seen, min(r.processed_at) AS first_received
         FROM ${COUNTED} AND r.reporter_key = $3
        GROUP BY ri.fingerprint)
     INSERT INTO indicator_reporters (fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen, first_received)
     SELECT fingerprint, $2, $3, trust, reports, first_seen, last_seen, first_received FROM agg ORDER BY fingerprint
     ON CONFLICT (fingerprint, jurisdiction, reporter_key) DO UPDATE SET
       reports = excluded.reports, first_seen = excluded.first_seen, last_seen = excluded.last_seen`,
    [fingerprints, jurisdiction, reporterKey],
  );
  await tx.query(
    `DELETE FROM indicator_reporters p WHERE p.fingerprint = ANY($1::text[]) AND p.jurisdiction = $2 AND p.reporter_key = $3
        AND NOT EXISTS (SELECT 1 FROM ${COUNTED.replace('ANY($1::text[])', 'p.fingerprint')} AND r.reporter_key = $3)`,
    [fingerprints, jurisdiction, reporterKey],
  );
}

async function rebuildStats(tx: PoolClient, fingerprints: string[], jurisdiction: string): Promise<void> {
  await tx.query(
    `SELECT 1 FROM indicator_stats WHERE fingerprint = ANY($1::text[]) AND jurisdiction = $2 ORDER BY fingerprint FOR UPDATE`,
    [fingerprints, jurisdiction],
  );
  // One row per counted (report, indicator) pair, as the ingest step counts them.
  const pairs = `SELECT DISTINCT ri.fingerprint, r.id, r.occurred_at, r.scam_type, r.channel, r.loss_amount, r.loss_currency, r.tlp
                   FROM ${COUNTED}`;
  await tx.query(
    `WITH p AS (${pairs}),
     agg AS (
       SELECT fingerprint, count(*)::int AS reports, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
              min(CASE tlp WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 WHEN 'amber+strict' THEN 3 ELSE 4 END)::smallint AS tlp_rank
         FROM p GROUP BY fingerprint),
     types AS (SELECT fingerprint, jsonb_object_agg(scam_type, n) AS j FROM (SELECT fingerprint, scam_type, count(*) AS n FROM p GROUP BY 1, 2) x GROUP BY 1),
     chans AS (SELECT fingerprint, jsonb_object_agg(channel, n) AS j FROM (SELECT fingerprint, channel, count(*) AS n FROM p GROUP BY 1, 2) x GROUP BY 1),
     losses AS (SELECT fingerprint, jsonb_object_agg(loss_currency, total::text) AS j
                  FROM (SELECT fingerprint, loss_currency, sum(loss_amount) AS total FROM p WHERE loss_currency IS NOT NULL AND loss_amount IS NOT NULL GROUP BY 1, 2) x
                 GROUP BY 1)
     INSERT INTO indicator_stats (fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, channels, losses, tlp_rank)
     SELECT a.fingerprint, $2, a.reports, a.first_seen, a.last_seen, coalesce(t.j, '{}'), coalesce(c.j, '{}'), coalesce(l.j, '{}'), a.tlp_rank
       FROM agg a LEFT JOIN types t USING (fingerprint) LEFT JOIN chans c USING (fingerprint) LEFT JOIN losses l USING (fingerprint)
      ORDER BY a.fingerprint
     ON CONFLICT (fingerprint, jurisdiction) DO UPDATE SET
       reports = excluded.reports, first_seen = excluded.first_seen, last_seen = excluded.last_seen, scam_types = excluded.scam_types,
       channels = excluded.channels, losses = excluded.losses, tlp_rank = excluded.tlp_rank, updated_at = now()`,
    [fingerprints, jurisdiction],
  );
  await tx.query(
    `DELETE FROM indicator_stats s WHERE s.fingerprint = ANY($1::text[]) AND s.jurisdiction = $2
        AND NOT EXISTS (SELECT 1 FROM ${COUNTED.replace('ANY($1::text[])', 's.fingerprint')})`,
    [fingerprints, jurisdiction],
  );
}
