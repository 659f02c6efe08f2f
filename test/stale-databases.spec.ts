import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, templateName } from './support/db';
import { STALE_AFTER_MS, createdAtFromName, dropStaleDatabases, stampTemplate } from './support/stale-databases';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/*
 * Against the real server, with databases of this file's own (a random prefix), so the sweep never touches another
 * session's: a stale template, a fresh one, one that is stale but in use, an unstamped one, and per-test databases.
 */
describe('stale test databases', () => {
  const run = randomBytes(4).toString('hex');
  const templatePrefix = `scamintel_tpl_spec${run}_`;
  const testPrefix = `scamintel_t_spec${run}_`;
  const tpl = (s: string) => `${templatePrefix}${s}`;
  const day = STALE_AFTER_MS;
  let admin: Client;

  const exists = async (name: string) => (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  const create = (name: string) => admin.query(`CREATE DATABASE ${name}`);

  beforeAll(async () => {
    admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
  });

  afterAll(async () => {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`, [
      `${templatePrefix}%`,
      `${testPrefix}%`,
    ]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.end();
  });

  it('drops templates unused for over a day and orphaned per-test databases; keeps fresh, current and in-use ones', async () => {
    for (const s of ['stale', 'fresh', 'current', 'busy', 'unstamped']) await create(tpl(s));
    await stampTemplate(admin, tpl('stale'), new Date(Date.now() - 2 * day));
    await stampTemplate(admin, tpl('fresh'), new Date(Date.now() - day / 2));
    await stampTemplate(admin, tpl('current'), new Date(Date.now() - 3 * day));
    await stampTemplate(admin, tpl('busy'), new Date(Date.now() - 3 * day));
    // Per-test databases: one named three days ago by a process long gone, one named a minute ago.
    const orphan = `${testPrefix}x_4242_${(Date.now() - 3 * day).toString(36)}`;
    const recent = `${testPrefix}x_4243_${(Date.now() - 60_000).toString(36)}`;
    await create(orphan);
    await create(recent);
    const busy = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${tpl('busy')}` });
    await busy.connect();
    try {
      const dropped = await dropStaleDatabases(admin, { keep: tpl('current'), templatePrefix, testPrefix });
      expect(dropped.sort()).toEqual([orphan, tpl('stale')].sort());
    } finally {
      await busy.end();
    }
    expect(await exists(tpl('stale'))).toBe(false);
    expect(await exists(orphan)).toBe(false);
    for (const s of ['fresh', 'current', 'busy', 'unstamped']) expect(await exists(tpl(s))).toBe(true);
    expect(await exists(recent)).toBe(true);
  });

  it('ages an unstamped template (made by a checkout without stamps) by its creation time', async () => {
    await create(tpl('old_unstamped'));
    expect(await dropStaleDatabases(admin, { keep: 'none', templatePrefix, testPrefix })).not.toContain(tpl('old_unstamped'));
    // A day from now, as the sweep will see it then: made more than a day before, never stamped.
    const later = await dropStaleDatabases(admin, { keep: 'none', templatePrefix, testPrefix, now: Date.now() + day + 60_000 });
    expect(later).toContain(tpl('old_unstamped'));
    expect(await exists(tpl('old_unstamped'))).toBe(false);
  });

  it('stamps the template on every clone, and names per-test databases with the time the sweep reads back', async () => {
    const db = await createTestDatabase('a-label-long-enough-to-be-cut-before-its-pid-and-time-would-be');
    try {
      expect(db.name.length).toBeLessThanOrEqual(63);
      const made = createdAtFromName(db.name)!;
      expect(Math.abs(made - Date.now())).toBeLessThan(10 * 60_000);
      const { rows } = await admin.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [
        templateName(),
      ]);
      const stamp = Date.parse(String(rows[0]?.comment).replace('scamintel test template, last used ', ''));
      expect(Math.abs(stamp - Date.now())).toBeLessThan(10 * 60_000);
    } finally {
      await db.drop();
    }
  });
});
