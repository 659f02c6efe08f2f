import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { setReportCounted } from '@scamintel/intake';
import { transaction } from '@scamintel/persistence';
import { CampaignsRepository } from '../../libs/campaigns/src/campaigns.repository';
import { CampaignsInboundRepository } from '../../libs/campaigns/src/exchange/inbound.repository';
import { ExclusionsRepository } from '../../libs/campaigns/src/exclusions.repository';
import { GraphRepository } from '../../libs/campaigns/src/graph.repository';
import { GroupsWriter } from '../../libs/campaigns/src/groups.writer';
import { RebuildRepository } from '../../libs/campaigns/src/rebuild.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, Seeder } from './seed';

const HUB_AT = 4;
const d = (name: string) => fp('domain', `${name}.excl.top`);
const holding = (...names: string[]) => ({ indicators: names.map((n) => ({ type: 'domain', value: `${n}.excl.top` })) });

// Issue 13 with issue 10 §4: a report a review excluded counts in no link, value count or campaign figure, on the
// incremental path (ExclusionsRepository after the batch was clustered, or before) as in the rebuild; restoring it puts it back.
describe('ExclusionsRepository: reports excluded in review leave the link graph (real PostgreSQL)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let seed: Seeder;
  let graph: GraphRepository;
  let exclusions: ExclusionsRepository;
  let rebuild: RebuildRepository;
  let campaigns: CampaignsRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('campaign_exclusions_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    seed = new Seeder(ds);
    graph = new GraphRepository(ds, new GroupsWriter());
    exclusions = new ExclusionsRepository(ds, graph);
    rebuild = new RebuildRepository(ds);
    campaigns = new CampaignsRepository(ds);
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  const cluster = async () => graph.applyBatches(await graph.pendingBatches(100), HUB_AT);
  const counted = (id: string, yes: boolean) => transaction(ds, (tx) => setReportCounted(tx, id, yes));
  const groupOf = async (name: string) =>
    (await sql.query(`SELECT component::text FROM campaign_nodes WHERE fingerprint = $1`, [d(name)])).rows[0]?.component ?? null;
  const campaign = async (id: string) =>
    (await sql.query(`SELECT live, reports, indicators, jurisdictions, first_seen FROM campaigns WHERE id = $1`, [id])).rows[0];
  /** Everything both paths write (link seq aside: a changed link is sent again either way). */
  const state = async () => ({
    nodes: (await sql.query(`SELECT fingerprint, reports, partner_reports, component::text FROM campaign_nodes ORDER BY 1`)).rows,
    links: (await sql.query(`SELECT a, b, reports, first_at, tlp_rank FROM campaign_links ORDER BY a, b`)).rows,
    live: (
      await sql.query(
        `SELECT id::text, indicators, reports, first_seen, last_seen, jurisdictions, scam_types, channels FROM campaigns WHERE live ORDER BY id`,
      )
    ).rows,
  });
  const rebuildAgrees = async () => {
    const incremental = await state();
    await rebuild.rebuild(HUB_AT);
    expect(await state()).toEqual(incremental);
  };

  it('a chain whose bridging report is excluded splits (recorded), its loss and jurisdiction leave the figures, and comes back when restored', async () => {
    const [, , bridge] = await seed.reports(
      { ...holding('a1', 'a2'), lossAmount: '100.00', lossCurrency: 'SGD' },
      holding('a2', 'a3'),
      { ...holding('a3', 'b1'), jurisdiction: 'KR', lossAmount: '50000', lossCurrency: 'KRW', occurredAt: '2026-10-01T00:00:00.000Z' },
      holding('b1', 'b2'),
      holding('b2', 'b3'),
    );
    await cluster();
    const whole = await groupOf('a1');
    expect(await groupOf('b3')).toBe(whole);
    expect(await campaign(whole)).toMatchObject({ live: true, reports: 5, jurisdictions: ['KR', 'SG'] });
    const all = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map(d);
    expect(await campaigns.localLosses(all)).toEqual([
      { currency: 'KRW', amount: '50000.00' },
      { currency: 'SGD', amount: '100.00' },
    ]);
    const before = await state();

    await counted(bridge, false);
    const out = await exclusions.apply(HUB_AT);
    const [a, b] = [await groupOf('a1'), await groupOf('b1')];
    expect(a && b && a !== b).toBe(true);
    expect(out.splits).toEqual([{ from: whole, into: [a, b].sort() }]);
    expect(await groupOf('a3')).toBe(a);
    for (const id of [a, b]) expect(await campaign(id)).toMatchObject({ live: true, reports: 2, jurisdictions: ['SG'] });
    expect((await campaign(a)).first_seen).toEqual(new Date('2026-11-01T00:00:00.000Z'));
    expect(await campaigns.localLosses(all)).toEqual([{ currency: 'SGD', amount: '100.00' }]);
    const ends = `SELECT id FROM campaign_nodes WHERE fingerprint = ANY($1)`;
    expect((await sql.query(`SELECT 1 FROM campaign_links WHERE a IN (${ends}) AND b IN (${ends})`, [[d('a3'), d('b1')]])).rowCount).toBe(
      0,
    );
    const events = await sql.query(`SELECT kind, campaign::text, others::text[] FROM campaign_events WHERE kind = 'split'`);
    expect(events.rows).toEqual([{ kind: 'split', campaign: whole, others: [a, b].sort() }]);
    expect(await exclusions.apply(HUB_AT)).toMatchObject({ touched: 0 });
    await rebuildAgrees();

    await counted(bridge, true);
    // The founding link is back, so is the id: the halves (each named by another link now) merge into it.
    const back = await exclusions.apply(HUB_AT);
    expect(back.merges.map((m) => m.kept)).toEqual(back.merges.map(() => whole));
    expect(back.merges.map((m) => m.absorbed).sort()).toEqual([a, b].filter((x) => x !== whole).sort());
    expect(await groupOf('b3')).toBe(whole);
    expect(await state()).toEqual(before);
    await rebuildAgrees();
  });

  it('excluding a report that made a value a hub opens the hub; the campaign it held dissolves; restoring undoes both', async () => {
    const [, held] = await seed.reports(
      holding('c1', 'c2'),
      holding('c2', 'c3', 'h'),
      holding('u1', 'h'),
      holding('u2', 'h'),
      holding('u3', 'h'),
    );
    await cluster();
    const c = await groupOf('c1');
    expect(await groupOf('c3')).toBe(c);
    expect(await groupOf('h')).toBeNull();
    expect(await campaign(c)).toMatchObject({ live: true, reports: 2 });
    const before = await state();

    await counted(held, false);
    await exclusions.apply(HUB_AT);
    expect(await campaign(c)).toMatchObject({ live: false });
    expect(await groupOf('c3')).toBeNull();
    const h = await groupOf('h');
    expect(h).toBeTruthy();
    expect(await groupOf('u1')).toBe(h);
    expect(await campaign(h)).toMatchObject({ live: true, reports: 3, indicators: 4 });
    await rebuildAgrees();

    await counted(held, true);
    await exclusions.apply(HUB_AT);
    expect(await state()).toEqual(before);
    await rebuildAgrees();
  });

  it('a partner link still bridging the two halves keeps them one campaign', async () => {
    const [, bridge] = await seed.reports(holding('p1', 'p2'), holding('p2', 'q1'), holding('q1', 'q2'));
    await cluster();
    const [x, y] = [d('p1'), d('q2')].sort();
    await new CampaignsInboundRepository(ds, graph).store(
      'kr-node',
      [],
      [{ a: x, b: y, reports: 2, aReports: 1, bReports: 1 }],
      HUB_AT,
      false,
    );
    const whole = await groupOf('p1');
    expect(await groupOf('q2')).toBe(whole);

    await counted(bridge, false);
    const out = await exclusions.apply(HUB_AT);
    expect(out.splits).toEqual([]);
    // One group still (named by its oldest link left, which may be another one now).
    const now = await groupOf('p1');
    for (const v of ['p2', 'q1', 'q2']) expect(await groupOf(v)).toBe(now);
    expect(await campaign(now)).toMatchObject({ live: true, reports: 2, indicators: 4 });
    await rebuildAgrees();
  });

  it('a report excluded before its batch is clustered is never counted, and counted once when restored', async () => {
    const [, late] = await seed.reports(holding('e1', 'e2'), holding('e2', 'e3'));
    await counted(late, false);
    await exclusions.apply(HUB_AT);
    await cluster();
    expect(await groupOf('e3')).toBeNull();
    expect((await sql.query(`SELECT 1 FROM campaign_nodes WHERE fingerprint = $1`, [d('e3')])).rowCount).toBe(0);
    const e = await groupOf('e1');
    expect(await campaign(e)).toBeUndefined();
    await rebuildAgrees();

    await counted(late, true);
    await exclusions.apply(HUB_AT);
    const now = await groupOf('e1');
    expect(await groupOf('e3')).toBe(now);
    expect(await campaign(now)).toMatchObject({ live: true, reports: 2 });
    await rebuildAgrees();
  });
});
