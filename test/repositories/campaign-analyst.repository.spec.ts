import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AnalystRepository } from '../../libs/campaigns/src/analyst.repository';
import { CampaignsRepository } from '../../libs/campaigns/src/campaigns.repository';
import { ShareRepository } from '../../libs/campaigns/src/exchange/share.repository';
import { GraphRepository } from '../../libs/campaigns/src/graph.repository';
import { GroupsWriter } from '../../libs/campaigns/src/groups.writer';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, Seeder } from './seed';

const HUB_AT = 25;
const A = fp('phone', '+6591110001');
const B = fp('url', 'https://analyst-b.example.org/');
const C = fp('url', 'https://analyst-c.example.org/');

// What analysts change (AnalystRepository) and what the node shares of its campaigns (ShareRepository).
describe('AnalystRepository and ShareRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let graph: GraphRepository;
  let analyst: AnalystRepository;
  let share: ShareRepository;
  let campaigns: CampaignsRepository;
  let id: string;

  beforeAll(async () => {
    db = await createTemplatedDatabase('campaign_analyst_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    const groups = new GroupsWriter();
    graph = new GraphRepository(ds, groups);
    analyst = new AnalystRepository(ds, graph, groups);
    share = new ShareRepository(ds);
    campaigns = new CampaignsRepository(ds);
    const pair = { indicators: [{ type: 'phone', value: '+6591110001' }, { value: 'https://analyst-b.example.org/' }] };
    await new Seeder(ds).reports(
      { ...pair, tlp: 'green', lossAmount: '20.00', lossCurrency: 'SGD' },
      { ...pair, tlp: 'green' },
      { indicators: [{ value: 'https://analyst-c.example.org/' }], tlp: 'green' },
    );
    await graph.applyBatches(await graph.pendingBatches(10), HUB_AT);
    id = (await campaigns.campaignOf(A))!;
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('knows only local, non-warninglisted indicators', async () => {
    expect(await analyst.knownIndicators([A, C, 'unknown'])).toEqual(new Set([A, C]));
    expect(await analyst.knownIndicators([])).toEqual(new Set());
  });

  it('a manual link joins a value to the campaign; the links across a part are what a split must cut; a cut undoes it', async () => {
    const linked = await analyst.setLinks([[C, A]], 'link', 'analyst:1', HUB_AT);
    expect(linked.values).toEqual(expect.arrayContaining([A, C]));
    expect(await campaigns.campaignOf(C)).toBe(id);
    expect((await analyst.linksAcross([C], [A, B, C])).map((l) => [...l].sort())).toEqual([[A, C].sort()]);
    expect(await analyst.linksAcross([A, B, C], [A, B, C])).toEqual([]);
    await analyst.setLinks([[A, C]], 'cut', 'analyst:1', HUB_AT);
    expect(await campaigns.campaignOf(C)).toBeNull();
    expect(await analyst.linksAcross([C], [A, B, C])).toEqual([]);
    // A self-pair is dropped, not stored.
    await analyst.setLinks([[A, A]], 'link', 'analyst:1', HUB_AT);
    expect((await sql.query(`SELECT count(*)::int AS n FROM campaign_manual_links WHERE a = b`)).rows[0].n).toBe(0);
  });

  it('patches a live campaign with an event; an unknown one is not patched', async () => {
    expect(
      await analyst.patch(id, { name: 'Phone and site', origin: { country: 'KR', note: 'call centre' }, tlp: 'green' }, 'analyst:1'),
    ).toBe(true);
    expect(await campaigns.get(id)).toMatchObject({ name: 'Phone and site', originCountry: 'KR', originNote: 'call centre', tlp: 'green' });
    expect(await analyst.patch(id, { origin: null }, 'analyst:1')).toBe(true);
    expect(await campaigns.get(id)).toMatchObject({ name: 'Phone and site', originCountry: null });
    expect(await analyst.patch('00000000-0000-4000-8000-00000000dead', { closed: true }, 'analyst:1')).toBe(false);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM campaign_events WHERE campaign = $1 AND kind = 'update'`, [id]);
    expect(rows[0].n).toBe(2);
  });

  it('shares live campaigns up to a TLP with this node’s members, aggregates and losses; links after a sequence', async () => {
    const [own] = await share.campaigns(1);
    expect(own).toMatchObject({
      id,
      name: 'Phone and site',
      reports: 2,
      jurisdictions: ['SG'],
      losses: [{ currency: 'SGD', amount: '20.00' }],
    });
    expect(own.members.map((m) => m.fingerprint)).toEqual([A, B].sort());
    await analyst.patch(id, { tlp: 'amber' }, 'analyst:1');
    expect(await share.campaigns(1)).toEqual([]);
    expect(await share.campaigns(2)).toHaveLength(1);
    const links = await share.links('0', 10);
    expect(links.map((l) => [l.a, l.b, l.reports])).toEqual([[...[A, B].sort(), 2]]);
    expect(await share.links(links[0].seq, 10)).toEqual([]);
    expect(await share.state('kr-node')).toEqual({ linksSeq: '0', digest: null });
    await share.saveState('kr-node', links[0].seq, 'd1');
    await share.saveState('kr-node', links[0].seq, 'd2');
    expect(await share.state('kr-node')).toEqual({ linksSeq: links[0].seq, digest: 'd2' });
  });
});
