import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ExportRepository } from '../../libs/exchange/src/push/export.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, Seeder } from './seed';

const URL_A = 'https://export-a.example.org/';
const URL_B = 'https://export-b.example.org/';

describe('ExportRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let repo: ExportRepository;
  const A = fp('url', URL_A);
  const B = fp('url', URL_B);

  beforeAll(async () => {
    db = await createTemplatedDatabase('export_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    repo = new ExportRepository(ds);
    const seed = new Seeder(ds);
    await seed.reports(
      { indicators: [{ value: URL_A }], tlp: 'green', narrative: 'green story', occurredAt: '2026-11-02T00:00:00.000Z' },
      { indicators: [{ value: URL_A }, { value: URL_B }], tlp: 'red', narrative: 'red story', reporterKey: 'org:other' },
      { indicators: [{ value: URL_B }], jurisdiction: 'KR', narrative: 'elsewhere' },
    );
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('pages local indicators in cursor order below the horizon, with this jurisdiction’s aggregates', async () => {
    // The seeding transactions are committed: the horizon is now (less the margin) once they are over 200 ms old.
    await new Promise((r) => setTimeout(r, 250));
    const horizon = await repo.horizon();
    const page = await repo.page(null, horizon, 10, 'SG');
    expect(page.map((r) => r.fingerprint).sort()).toEqual([A, B].sort());
    const a = page.find((r) => r.fingerprint === A)!;
    expect(a).toMatchObject({
      type: 'url',
      reports: 2,
      reporters: 2,
      tlpRank: 1,
      scamTypes: { phishing: 2 },
      firstSeen: '2026-11-01T00:00:00.000Z',
    });
    expect(a.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // No sightings in a jurisdiction: the row is there with null aggregates (nothing of ours to share).
    const kr = await repo.page(null, horizon, 10, 'JP');
    expect(kr.every((r) => r.reports === null && r.reporters === 0)).toBe(true);
    // After the first row, only the second; after the last, nothing, and nothing pending above the horizon.
    const [first, second] = page;
    expect((await repo.page({ at: first.cursorAt, fingerprint: first.fingerprint }, horizon, 10, 'SG')).map((r) => r.fingerprint)).toEqual([
      second.fingerprint,
    ]);
    expect(await repo.page({ at: second.cursorAt, fingerprint: second.fingerprint }, horizon, 10, 'SG')).toEqual([]);
    expect(await repo.page(null, horizon, 1, 'SG')).toHaveLength(1);
    expect(await repo.pendingAbove({ at: second.cursorAt, fingerprint: second.fingerprint }, horizon)).toBe(false);
  });

  it('leaves rows changed at or after the horizon for the next page and reports them pending', async () => {
    const horizon = await repo.horizon();
    await sql.query(`UPDATE indicators SET updated_at = now() WHERE fingerprint = $1`, [A]);
    expect((await repo.page(null, horizon, 10, 'SG')).map((r) => r.fingerprint)).not.toContain(A);
    expect(await repo.pendingAbove(null, horizon)).toBe(true);
  });

  it('reads narratives only from reports of the given TLPs and jurisdiction, latest occurred first, at most n each', async () => {
    expect(await repo.narratives([A, B], ['clear', 'green'], 5, 'SG')).toEqual(new Map([[A, ['green story']]]));
    expect(await repo.narratives([A, B], ['green', 'red'], 1, 'SG')).toEqual(
      new Map([
        [A, ['green story']],
        [B, ['red story']],
      ]),
    );
    expect(await repo.narratives([A], ['green', 'red'], 5, 'SG')).toEqual(new Map([[A, ['green story', 'red story']]]));
    expect(await repo.narratives([B], ['amber'], 5, 'KR')).toEqual(new Map([[B, ['elsewhere']]]));
    expect(await repo.narratives([], ['green'], 5, 'SG')).toEqual(new Map());
    expect(await repo.narratives(['unknown'], ['green'], 5, 'SG')).toEqual(new Map());
  });
});
