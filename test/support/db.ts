import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS, dataSourceOptions, runMigrations } from '@scamintel/persistence';
import { TEMPLATE_PREFIX, TEST_PREFIX, dropStaleDatabases, stampTemplate } from './stale-databases';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database for one test file: cloned from the migrated template (see createTemplatedDatabase), so the
 * migrations run once per migration set rather than once per file; `migrate: false` gives an empty database for a
 * test that runs the migrations itself. drop() removes it.
 */
export async function createTestDatabase(
  label: string,
  opts: { migrate?: boolean } = {},
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  if (opts.migrate !== false) return createTemplatedDatabase(label);
  const name = databaseName(label);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return { url: `postgres://postgres@127.0.0.1:5432/${name}`, name, drop: () => dropDatabase(name) };
}

/**
 * Unique per process and moment, so parallel jest workers and repeated runs never share a database. A long label is
 * cut, never the pid and time: the stale-database sweep reads the database's age from them.
 */
const databaseName = (label: string) => {
  const suffix = `_${process.pid}_${Date.now().toString(36)}`;
  return `${TEST_PREFIX}${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 63 - TEST_PREFIX.length - suffix.length)}${suffix}`;
};

/** Whether this test file (jest gives each its own module registry) has swept stale test databases yet: once is enough. */
let swept = false;

/** A direct connection for assertions (and for tampering, in the audit tests). */
export async function sqlClient(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

/** The template of this checkout's migration set: its hash covers every migration's name and code. */
export const templateName = () =>
  `${TEMPLATE_PREFIX}${createHash('sha256')
    .update(MIGRATIONS.map((m) => `${m.name}:${m.prototype.up.toString()}`).join('|'))
    .digest('hex')
    .slice(0, 16)}`;

/**
 * A fresh, migrated database cloned from a template: the migrations run once per migration set into
 * `scamintel_tpl_<hash>` (under an advisory lock, so parallel test files and sessions build it once), and each
 * test file gets `CREATE DATABASE … TEMPLATE` of it, which takes a fraction of a migration run. The hash covers
 * every migration's name and code, so a branch with other migrations gets its own template. Each clone stamps the
 * template's last use, and a test file's first clone drops the templates and per-test databases gone stale
 * (stale-databases.ts).
 */
export async function createTemplatedDatabase(label: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const tpl = templateName();
  const name = databaseName(label);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext('scamintel-test-template'))`);
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [tpl]);
    if (!rowCount) {
      // A build cut short (its process killed) leaves its half-migrated database behind: no one else builds
      // while the lock is held, so any such leftover of this template can go.
      const { rows: left } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${tpl}_b%`]);
      for (const r of left) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      const building = `${tpl}_b${process.pid}`;
      await admin.query(`CREATE DATABASE ${building}`);
      await runMigrations(`postgres://postgres@127.0.0.1:5432/${building}`);
      // Renamed only once complete, so a template that exists is always fully migrated.
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${tpl}`);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
    await stampTemplate(admin, tpl);
    // Under the lock, which every checkout's clone also takes: no template is being cloned while this sweep runs.
    if (!swept) await dropStaleDatabases(admin, { keep: tpl }).catch(() => undefined);
    swept = true;
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext('scamintel-test-template'))`).catch(() => undefined);
    await admin.end();
  }
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  return { url, name, drop: () => dropDatabase(name) };
}

async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** An initialized data source on a test database, made like the application's (so poolOf and transaction work). */
export async function openDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions({ databaseUrl: url, poolSize: 4, applicationName: 'scamintel-test' }));
  await ds.initialize();
  return ds;
}
