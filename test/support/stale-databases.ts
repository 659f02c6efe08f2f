import { Client } from 'pg';

/**
 * Test databases nobody uses any more. A template (`scamintel_tpl_<hash of the migrations>`) outlives its migration
 * set: another checkout with those migrations may still clone it, so it cannot go when a new set appears; it goes
 * once no one has cloned it for a day. Per-test databases (`scamintel_t_…`) are dropped by their test file; one whose
 * process was killed stays behind, and goes once it is a day old. Either is dropped without FORCE, so a database
 * someone is connected to stays (PostgreSQL refuses), and no error of the sweep fails a test.
 */
export const STALE_AFTER_MS = 24 * 3600_000;
export const TEMPLATE_PREFIX = 'scamintel_tpl_';
export const TEST_PREFIX = 'scamintel_t_';
const STAMP = 'scamintel test template, last used ';

/** Records that `template` was used now (every clone does), in its comment: a shared catalog, no connection to it. */
export async function stampTemplate(admin: Client, template: string, at = new Date()): Promise<void> {
  await admin.query(`COMMENT ON DATABASE ${quote(template)} IS '${STAMP}${at.toISOString()}'`);
}

/** When a per-test database was made, from its name (…_<pid>_<Date.now() in base 36>), if it carries it. */
export function createdAtFromName(name: string): number | undefined {
  const m = /_\d+_([0-9a-z]{6,9})$/.exec(name);
  if (!m) return undefined;
  const t = parseInt(m[1], 36);
  return t > Date.UTC(2020, 0, 1) && t < Date.now() + 86_400_000 ? t : undefined;
}

export interface Sweep {
  /** The template in use: never dropped. */
  keep: string;
  /** Name prefixes to consider (the spec narrows them to its own databases). */
  templatePrefix?: string;
  testPrefix?: string;
  now?: number;
}

/**
 * Drops the stale templates and orphaned per-test databases (see above); returns the names dropped. A template's
 * last use is its stamp, or for one made before stamps (or by a checkout without them) the time it was created;
 * a per-test database's age comes from its name, else from its creation time.
 */
export async function dropStaleDatabases(admin: Client, s: Sweep): Promise<string[]> {
  const templatePrefix = s.templatePrefix ?? TEMPLATE_PREFIX;
  const testPrefix = s.testPrefix ?? TEST_PREFIX;
  const before = (s.now ?? Date.now()) - STALE_AFTER_MS;
  const { rows } = await admin.query<{ name: string; comment: string | null; connections: number; created: Date | null }>(
    `SELECT d.datname AS name, shobj_description(d.oid, 'pg_database') AS comment,
            (SELECT count(*)::int FROM pg_stat_activity a WHERE a.datid = d.oid) AS connections,
            (pg_stat_file('base/' || d.oid || '/PG_VERSION', true)).modification AS created
       FROM pg_database d
      WHERE starts_with(d.datname, $1) OR starts_with(d.datname, $2)`,
    [templatePrefix, testPrefix],
  );
  const dropped: string[] = [];
  for (const r of rows) {
    if (r.name === s.keep || r.connections > 0) continue;
    const stamp = r.comment?.startsWith(STAMP) ? Date.parse(r.comment.slice(STAMP.length)) : NaN;
    const lastUsed = r.name.startsWith(templatePrefix)
      ? Number.isFinite(stamp)
        ? stamp
        : r.created?.getTime()
      : (createdAtFromName(r.name) ?? r.created?.getTime());
    if (lastUsed === undefined || lastUsed >= before) continue;
    try {
      // No FORCE: whoever connected since the query above keeps the database, and this sweep moves on.
      await admin.query(`DROP DATABASE IF EXISTS ${quote(r.name)}`);
      dropped.push(r.name);
    } catch {
      // in use, or dropped by another session's sweep meanwhile
    }
  }
  return dropped;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
