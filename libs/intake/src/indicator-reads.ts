import { query, Queryable } from '@scamintel/persistence';

/*
 * What lookups (libs/intel) read of intake's tables beyond the SQL fragments of sightings-sql.ts: the row types
 * intake writes, so a reader's rows are typed by their writer, and the report ids of an indicator's detail.
 */
export type { IndicatorUpsert } from './core/batch-plan';
export type { StatDelta } from './core/sighting-plan';

/** The ids of the reports that carry an indicator (in any status), at most `limit`, in no set order. */
export async function reportIdsOf(on: Queryable, fingerprint: string, limit: number): Promise<string[]> {
  const { rows } = await query<{ id: string }>(
    on,
    `SELECT DISTINCT report_id::text AS id FROM report_indicators WHERE fingerprint = $1 LIMIT $2`,
    [fingerprint, limit],
  );
  return rows.map((r) => r.id);
}
