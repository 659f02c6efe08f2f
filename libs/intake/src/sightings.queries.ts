import { query, Queryable } from '@scamintel/persistence';

/*
 * Whole statements over intake's sighting tables that other libs need (policing's review, the exchange export).
 * They take the caller's pool or transaction, so a caller keeps its own round trips and transaction boundaries.
 */

/** A report's jurisdiction and status; undefined for an unknown id. */
export async function reportState(on: Queryable, id: string): Promise<{ jurisdiction: string; status: string } | undefined> {
  const { rows } = await query<{ jurisdiction: string; status: string }>(on, `SELECT jurisdiction, status FROM reports WHERE id = $1`, [
    id,
  ]);
  return rows[0];
}

/** The indicators a report carries that were accepted (not rejected, not warninglisted), sorted. */
export async function acceptedFingerprints(on: Queryable, reportId: string): Promise<string[]> {
  const { rows } = await query<{ fingerprint: string }>(
    on,
    `SELECT DISTINCT fingerprint FROM report_indicators WHERE report_id = $1 AND status = 'accepted' ORDER BY fingerprint`,
    [reportId],
  );
  return rows.map((r) => r.fingerprint);
}

/**
 * Narrative texts of the reports of `jurisdiction` naming these indicators, latest occurred first, at most
 * `perIndicator` each, and only from reports that count and whose own TLP is one of `tlps`. Only the narrative
 * column is read (never reporter_contact).
 */
export async function narrativesOf(
  on: Queryable,
  fingerprints: string[],
  tlps: string[],
  perIndicator: number,
  jurisdiction: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!fingerprints.length) return out;
  const { rows } = await query<{ fingerprint: string; narrative: string }>(
    on,
    `SELECT fingerprint, narrative FROM (
       SELECT ri.fingerprint, r.narrative, row_number() OVER (PARTITION BY ri.fingerprint ORDER BY r.occurred_at DESC, r.id) AS n
         FROM (SELECT DISTINCT report_id, fingerprint FROM report_indicators
                WHERE fingerprint = ANY($1::text[]) AND status <> 'rejected') ri
         JOIN reports r ON r.id = ri.report_id
        WHERE r.narrative IS NOT NULL AND r.narrative <> '' AND r.excluded_at IS NULL AND r.tlp = ANY($2::text[]) AND r.jurisdiction = $4
     ) x WHERE n <= $3 ORDER BY fingerprint, n`,
    [fingerprints, tlps, perIndicator, jurisdiction],
  );
  for (const r of rows) {
    const list = out.get(r.fingerprint) ?? [];
    list.push(r.narrative);
    out.set(r.fingerprint, list);
  }
  return out;
}
