import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CampaignsRepository } from '../../libs/campaigns/src/campaigns.repository';
import { ReceivedCampaign } from '../../libs/campaigns/src/core/read-stix';
import { CampaignsInboundRepository } from '../../libs/campaigns/src/exchange/inbound.repository';
import { GraphRepository } from '../../libs/campaigns/src/graph.repository';
import { GroupsWriter } from '../../libs/campaigns/src/groups.writer';
import { RebuildRepository } from '../../libs/campaigns/src/rebuild.repository';
import { createTemplatedDatabase, openDataSource, sqlClient } from '../support/db';
import { fp, Seeder } from './seed';

const HUB_AT = 25;
const PHONE = '+6592220001';
const A = fp('phone', PHONE);
const B = fp('url', 'https://inbound-b.example.org/');
const C = fp('url', 'https://inbound-c.example.org/');
const partnerCampaign = (stixId: string, members: string[]): ReceivedCampaign => ({
  stixId,
  name: 'Their campaign',
  tlp: 'green',
  reports: 7,
  jurisdictions: ['KR'],
  scamTypes: ['investment'],
  channels: ['call'],
  losses: [{ currency: 'KRW', amount: '1000000' }],
  firstSeen: '2026-10-01T00:00:00.000Z',
  lastSeen: '2026-11-01T00:00:00.000Z',
  originCountry: null,
  members,
});

// A partner's campaigns and links (CampaignsInboundRepository), and the full rebuild over everything stored (RebuildRepository).
describe('CampaignsInboundRepository and RebuildRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sql: Client;
  let inbound: CampaignsInboundRepository;
  let rebuild: RebuildRepository;
  let campaigns: CampaignsRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('campaign_inbound_repo');
    ds = await openDataSource(db.url);
    sql = await sqlClient(db.url);
    const groups = new GroupsWriter();
    const graph = new GraphRepository(ds, groups);
    inbound = new CampaignsInboundRepository(ds, graph);
    rebuild = new RebuildRepository(ds);
    campaigns = new CampaignsRepository(ds);
    const pair = { indicators: [{ type: 'phone', value: PHONE }, { value: 'https://inbound-b.example.org/' }] };
    await new Seeder(ds).reports(pair, pair, { indicators: [{ value: 'https://inbound-c.example.org/' }] });
    await graph.applyBatches(await graph.pendingBatches(10), HUB_AT);
  });
  afterAll(async () => {
    await sql?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('finds local values of the given types (to recognise pseudonyms); none for no types', async () => {
    expect((await inbound.valuesOfTypes(['phone'])).map((v) => [v.fingerprint, v.value])).toEqual([[A, PHONE]]);
    expect(await inbound.valuesOfTypes([])).toEqual([]);
  });

  it('a partner link joins a local value to the campaign; its campaign is stored once and dropped when left out of a complete set', async () => {
    const id = await campaigns.campaignOf(A);
    const link = { a: [B, C].sort()[0], b: [B, C].sort()[1], reports: 3, aReports: 3, bReports: 3 };
    const values = await inbound.store('kr-node', [partnerCampaign('campaign--1', [B, C])], [link], HUB_AT, true);
    expect(values).toEqual(expect.arrayContaining([B, C]));
    expect(await campaigns.campaignOf(C)).toBe(id);
    await inbound.store('kr-node', [partnerCampaign('campaign--1', [B, C])], [link], HUB_AT, true);
    const stored = await sql.query(`SELECT stix_id, reports FROM partner_campaigns WHERE node_id = 'kr-node'`);
    expect(stored.rows).toEqual([{ stix_id: 'campaign--1', reports: 7 }]);
    expect(await inbound.store('kr-node', [], [], HUB_AT, false)).toEqual([]);
    expect((await sql.query(`SELECT count(*)::int AS n FROM partner_campaigns`)).rows[0].n).toBe(1);
    await inbound.store('kr-node', [], [], HUB_AT, true);
    expect((await sql.query(`SELECT count(*)::int AS n FROM partner_campaign_members`)).rows[0].n).toBe(0);
  });

  it('the rebuild recomputes the same campaign, with the same id, from the ledger and the stored links', async () => {
    const before = await campaigns.campaignOf(A);
    const members = await campaigns.members(before!, HUB_AT);
    const outcome = await rebuild.rebuild(HUB_AT);
    expect(outcome).toMatchObject({ campaigns: 1 });
    expect(outcome.links).toBeGreaterThanOrEqual(1);
    expect(await campaigns.campaignOf(A)).toBe(before);
    expect(await campaigns.members(before!, HUB_AT)).toEqual(members);
  });
});
