import { DataSource } from 'typeorm';
import { CampaignsRepository } from '../../libs/campaigns/src/campaigns.repository';
import { GraphRepository } from '../../libs/campaigns/src/graph.repository';
import { GroupsWriter } from '../../libs/campaigns/src/groups.writer';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { fp, Seeder } from './seed';

const PHONE = '+6591234567';
const SITE = 'https://campaign.example.org/';
const LONE = 'https://lone.example.org/';
const HUB_AT = 25;

// The graph is written by GraphRepository from ingested batches; CampaignsRepository reads what it made.
describe('GraphRepository and CampaignsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let graph: GraphRepository;
  let campaigns: CampaignsRepository;
  const P = fp('phone', PHONE);
  const S = fp('url', SITE);

  beforeAll(async () => {
    db = await createTemplatedDatabase('campaigns_repo');
    ds = await openDataSource(db.url);
    graph = new GraphRepository(ds, new GroupsWriter());
    campaigns = new CampaignsRepository(ds);
    const seed = new Seeder(ds);
    const both = { indicators: [{ type: 'phone', value: PHONE }, { value: SITE }] };
    await seed.reports(
      { ...both, lossAmount: '100.00', lossCurrency: 'SGD', tlp: 'green' },
      { ...both, channel: 'call', jurisdiction: 'KR' },
    );
    await seed.reports({ ...both, lossAmount: '50.00', lossCurrency: 'SGD' }, { indicators: [{ value: LONE }] });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('clusters the pending ingested batches once: values seen together in two reports are one campaign', async () => {
    const pending = await graph.pendingBatches(10);
    expect(pending).toHaveLength(2);
    const step = await graph.applyBatches(pending, HUB_AT);
    expect(step.groups).toBeGreaterThanOrEqual(1);
    expect(step.values).toEqual(expect.arrayContaining([P, S]));
    expect(await graph.pendingBatches(10)).toEqual([]);
    // A job run twice counts nothing twice.
    expect(await graph.applyBatches(pending, HUB_AT)).toEqual({ touched: 0, values: [], groups: 0, merges: [], splits: [] });
    expect(await graph.applyBatches([], HUB_AT)).toMatchObject({ touched: 0 });
  });

  it('reads the campaign, its members, links, identities and exact local losses; a lone value has none', async () => {
    const id = await campaigns.campaignOf(P);
    expect(id).not.toBeNull();
    expect(await campaigns.campaignOf(S)).toBe(id);
    expect(await campaigns.campaignOf(fp('url', LONE))).toBeNull();
    expect(await campaigns.campaignOf('unknown')).toBeNull();
    const row = await campaigns.get(id!);
    expect(row).toMatchObject({ live: true, mergedInto: null, reports: 3, indicators: 2, closed: false });
    expect([...row!.jurisdictions].sort()).toEqual(['KR', 'SG']);
    expect(await campaigns.members(id!, HUB_AT)).toEqual([P, S].sort().map((fingerprint) => ({ fingerprint, hub: false })));
    expect([P, S]).toContain(await campaigns.seedValue(id!));
    expect(await campaigns.links([P, S])).toEqual([{ from: [P, S].sort()[0], to: [P, S].sort()[1], reports: 3 }]);
    expect(await campaigns.identities([P, S, 'unknown'])).toEqual(
      new Map([
        [P, { type: 'phone', value: PHONE }],
        [S, { type: 'url', value: SITE }],
      ]),
    );
    expect(await campaigns.localLosses([P, S])).toEqual([{ currency: 'SGD', amount: '150.00' }]);
    expect(await campaigns.localLosses(['unknown'])).toEqual([]);
    expect(await campaigns.get('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('lists live campaigns by jurisdiction, scam type, size and cross-border, with a cursor', async () => {
    const [c] = await campaigns.list({ limit: 10 });
    expect(c.indicators).toBe(2);
    expect((await campaigns.list({ limit: 10, jurisdiction: 'KR', crossBorder: true })).map((x) => x.id)).toEqual([c.id]);
    expect(await campaigns.list({ limit: 10, jurisdiction: 'JP' })).toEqual([]);
    expect(await campaigns.list({ limit: 10, scamType: 'investment' })).toEqual([]);
    expect(await campaigns.list({ limit: 10, minReports: 4 })).toEqual([]);
    expect(await campaigns.list({ limit: 10, after: { reports: c.reports, id: c.id } })).toEqual([]);
  });
});
