import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { setReportCounted } from '@scamintel/intake';
import { transaction } from '@scamintel/persistence';
import { IntakeRepository } from '../../libs/intake/src/intake.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, report, Seeder } from './seed';

const URL_A = 'https://counting-a.example.org/';

// Intake's report counting on its own: what a review calls in its transaction (ReviewRepository tests the review).
describe('setReportCounted (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let seed: Seeder;
  const A = fp('url', URL_A);
  const counted = (id: string, on: boolean) => transaction(ds, (tx) => setReportCounted(tx, id, on));
  const indicator = async () =>
    (await sql.query(`SELECT first_seen, last_seen FROM indicators WHERE fingerprint = $1`, [A])).rows[0] as {
      first_seen: Date;
      last_seen: Date;
    };
  const reporters = async () =>
    (await sql.query(`SELECT reporter_key, reports FROM indicator_reporters WHERE fingerprint = $1 ORDER BY reporter_key`, [A])).rows;

  beforeAll(async () => {
    db = await createTemplatedDatabase('report_counting');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    seed = new Seeder(ds);
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('an unprocessed or unknown report is left alone', async () => {
    const accepted = await new IntakeRepository(ds, seed.config).accept([report({ indicators: [{ value: URL_A }] })]);
    const [id] = (accepted as { ids: string[] }).ids;
    expect(await counted(id, false)).toEqual({ changed: false, fingerprints: [] });
    expect(await counted('00000000-0000-4000-8000-00000000dead', false)).toEqual({ changed: false, fingerprints: [] });
    expect(await counted(id, true)).toEqual({ changed: false, fingerprints: [] });
  });

  it('excluding a report narrows the indicator’s seen range and its reporter’s count; counting it again restores both', async () => {
    const [early, late] = await seed.reports(
      { indicators: [{ value: URL_A }], occurredAt: '2026-10-01T00:00:00.000Z', reporterKey: 'org:early' },
      { indicators: [{ value: URL_A }], occurredAt: '2026-11-10T00:00:00.000Z' },
    );
    expect(await indicator()).toEqual({
      first_seen: new Date('2026-10-01T00:00:00.000Z'),
      last_seen: new Date('2026-11-10T00:00:00.000Z'),
    });
    expect(await counted(early, false)).toEqual({ changed: true, fingerprints: [A] });
    expect((await indicator()).first_seen).toEqual(new Date('2026-11-10T00:00:00.000Z'));
    expect(await reporters()).toEqual([{ reporter_key: 'org:test', reports: 1 }]);
    expect(await counted(early, false)).toEqual({ changed: false, fingerprints: [] });
    expect(await counted(early, true)).toEqual({ changed: true, fingerprints: [A] });
    expect(await indicator()).toEqual({
      first_seen: new Date('2026-10-01T00:00:00.000Z'),
      last_seen: new Date('2026-11-10T00:00:00.000Z'),
    });
    expect(await reporters()).toEqual([
      { reporter_key: 'org:early', reports: 1 },
      { reporter_key: 'org:test', reports: 1 },
    ]);
    // With every sighting excluded the aggregates are gone, and the indicator keeps its last known range.
    await counted(early, false);
    await counted(late, false);
    expect((await sql.query(`SELECT count(*)::int AS n FROM indicator_stats WHERE fingerprint = $1`, [A])).rows[0].n).toBe(0);
    expect(await reporters()).toEqual([]);
    expect((await indicator()).last_seen).toEqual(new Date('2026-11-10T00:00:00.000Z'));
  });

  it('a report whose indicators were all rejected changes state and rebuilds nothing', async () => {
    const [id] = await seed.reports({ indicators: [{ value: 'not an indicator' }], narrative: 'a story' });
    expect(await counted(id, false)).toEqual({ changed: true, fingerprints: [] });
  });
});
