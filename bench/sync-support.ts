/** bench:sync's helpers: the API calls, the SQL seed of SG's indicators, CPU times, and the plain-pg baseline. */
import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { Client } from 'pg';

export async function api(base: string, key: string, method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => undefined);
  if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * N local indicators with this node's own aggregates, written with set-based SQL: a third phones, a third URLs,
 * a third domains; 1–4 reporters each (medium trust, so about half are `scam` under SG's rules), TLP clear/green/amber.
 */
export async function seed(url: string, n: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(
    `
    INSERT INTO indicators (fingerprint, type, value, attributes, first_seen, last_seen, updated_at)
    SELECT encode(sha256(convert_to(t || E'\\n' || v, 'UTF8')), 'hex'), t, v, a, now() - interval '20 days', now() - interval '1 day', now() - interval '1 minute'
      FROM (SELECT i,
                   (ARRAY['phone','url','domain'])[i % 3 + 1] AS t,
                   CASE i % 3 WHEN 0 THEN '+65' || (80000000 + i)::text
                              WHEN 1 THEN 'http://pay-' || i || '.scam-shop.top/login?id=' || (i % 97)
                              ELSE 'dbs-' || i || '-secure.com' END AS v,
                   CASE i % 3 WHEN 2 THEN jsonb_build_object('registrableDomain', 'dbs-' || i || '-secure.com') ELSE '{}'::jsonb END AS a
              FROM generate_series(1, $1::int) i) s`,
    [n],
  );
  await c.query(`
    INSERT INTO indicator_stats (fingerprint, jurisdiction, reports, first_seen, last_seen, scam_types, channels, losses, tlp_rank)
    SELECT fingerprint, 'SG', 2 * (1 + abs(hashtext(fingerprint)) % 4), first_seen, last_seen,
           jsonb_build_object((ARRAY['phishing','investment','job','ecommerce'])[abs(hashtext(fingerprint)) % 4 + 1], 1), '{"sms":1}', '{}', abs(hashtext(fingerprint || 'tlp')) % 3
      FROM indicators`);
  await c.query(`
    INSERT INTO indicator_reporters (fingerprint, jurisdiction, reporter_key, trust, reports, first_seen, last_seen)
    SELECT i.fingerprint, 'SG', 'key:bench-' || k, 'medium', 2, i.first_seen, i.last_seen
      FROM indicators i, generate_series(1, 4) k
     WHERE k <= 1 + abs(hashtext(i.fingerprint)) % 4`);
  await c.query('ANALYZE');
  await c.end();
}

/**
 * CPU seconds used so far by each child and by PostgreSQL (Linux /proc; undefined elsewhere). PostgreSQL's
 * share is every live postgres process plus what the postmaster has collected from backends that already exited
 * (its cutime/cstime), so connections closed during the push are not lost. (It includes other clients of the same
 * server: on a shared machine that is an upper bound.)
 */
export function cpuTimes(children: ChildProcess[]): Record<string, number> | undefined {
  if (process.platform !== 'linux') return undefined;
  const tick = 100; // USER_HZ on Linux
  const stat = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const of = (pid: number, withChildren = false) => {
    try {
      const f = stat(pid);
      return (Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0)) / tick;
    } catch {
      return 0;
    }
  };
  const names = ['sg api', 'sg worker', 'kr api', 'kr worker'];
  const out: Record<string, number> = {};
  children.forEach((c, i) => (out[names[i] ?? `child ${i}`] = c.pid ? of(c.pid) : 0));
  const pgPids = new Set<number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim().startsWith('postgres')) pgPids.add(Number(d));
    } catch {
      // gone
    }
  }
  let pg = 0;
  for (const pid of pgPids) {
    let parent: number;
    try {
      parent = Number(stat(pid)[1]);
    } catch {
      continue;
    }
    pg += of(pid, !pgPids.has(parent)); // the postmaster (its parent is no postgres) also counts its reaped children
  }
  out.postgres = pg;
  return out;
}

export interface Row {
  fingerprint: string;
  type: string;
  value: string;
  reports: number;
  first: Date;
  last: Date;
  tlp: string;
  scamTypes: string;
  attributes: string;
  modified: Date;
}

/** The baseline: the same rows into a scratch copy of partner_sightings, 1000 per multi-row upsert, plain pg. */
export async function baseline(url: string, rows: Row[]): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP TABLE IF EXISTS scratch_sightings`);
  await c.query(`CREATE TABLE scratch_sightings (LIKE partner_sightings INCLUDING ALL)`);
  const started = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += 1000) {
    const b = rows.slice(i, i + 1000);
    await c.query(
      `INSERT INTO scratch_sightings (source_node, jurisdiction, batch_id, digest, fingerprint, type, value, pseudonymised, tlp, confidence, verdict, revoked,
                                      sightings, reporters, first_seen, last_seen, scam_types, attributes, narratives, modified, content_hash)
       SELECT 'sg-bench', 'SG', 'baseline', '', t.fp, t.ty, t.v, false, t.tlp, 50, 'scam', false, t.n, 1, t.f, t.l, t.st, t.at, NULL, t.m, t.fp
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::jsonb[], $9::jsonb[], $10::timestamptz[])
              AS t(fp, ty, v, tlp, n, f, l, st, at, m)
       ON CONFLICT (source_node, fingerprint) DO UPDATE SET sightings = excluded.sightings, modified = excluded.modified
       WHERE excluded.modified > scratch_sightings.modified`,
      [
        b.map((r) => r.fingerprint),
        b.map((r) => r.type),
        b.map((r) => r.value),
        b.map((r) => r.tlp),
        b.map((r) => r.reports),
        b.map((r) => r.first),
        b.map((r) => r.last),
        b.map((r) => r.scamTypes),
        b.map((r) => r.attributes),
        b.map((r) => r.modified),
      ],
    );
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const {
    rows: [{ n }],
  } = await c.query(`SELECT count(*)::int AS n FROM scratch_sightings`);
  if (n !== rows.length) throw new Error(`baseline wrote ${n} of ${rows.length} rows`);
  await c.query(`DROP TABLE scratch_sightings`);
  await c.end();
  return rows.length / seconds;
}
