import { fingerprint } from '@scamintel/vocabulary';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';
import { waitProcessed } from './support/reports';

const ADMIN = 'campaign-routes-admin-key-0123456789abcd';
const fp = (value: string) => fingerprint('domain', value);

/** The analysts' campaign routes (CONTRACT §11): record, list filters, PATCH, merge, split, manual links — audited. */
describe('campaign routes', () => {
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let reporter: string;
  let analyst: string;
  const get = (path: string, key = analyst) => call(`${api.url}${path}`, { key });
  const send = (method: string, path: string, body: unknown, key = analyst) => call(`${api.url}${path}`, { key, method, body });

  const submit = async (
    reports: { values: string[]; loss?: { amount: string; currency: string }; jurisdiction?: string; scamType?: string }[],
  ) => {
    const body = {
      reports: reports.map((r) => ({
        scamType: r.scamType ?? 'investment',
        channel: 'whatsapp',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        ...(r.jurisdiction ? { jurisdiction: r.jurisdiction } : {}),
        ...(r.loss ? { loss: r.loss } : {}),
        indicators: r.values.map((value) => ({ type: 'domain', value })),
      })),
    };
    const res = await call(`${api.url}/v1/reports/batch`, { key: reporter, body });
    expect(res.status).toBe(202);
    await waitProcessed(api.url, analyst, res.body.ids);
  };
  const campaignOf = (value: string) =>
    waitFor(async () => {
      const list = await get('/v1/campaigns');
      for (const c of list.body.campaigns) {
        const full = await get(`/v1/campaigns/${c.id}`);
        if (full.body.indicators.some((i: { fingerprint: string }) => i.fingerprint === fp(value))) return full.body;
      }
      return undefined;
    });
  const audit = async (action: string) =>
    (await call(`${api.url}/v1/audit?limit=1000`, { key: ADMIN })).body.entries.filter((e: { action: string }) => e.action === action);

  beforeAll(async () => {
    db = await createTestDatabase('campaign_routes');
    const config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      CAMPAIGN_INTERVAL_MS: '200',
      CAMPAIGN_HUB_MIN_REPORTS: '10',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    reporter = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'Bank', trust: 'high' } }))
      .body.key;
    analyst = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'analyst', organisation: 'SPF' } })).body.key;
    await submit([
      { values: ['x1-invest.top', 'x2-invest.top'], loss: { amount: '1500.10', currency: 'SGD' } },
      { values: ['x2-invest.top', 'x3-invest.top'], loss: { amount: '0.20', currency: 'SGD' } },
      { values: ['x3-invest.top', 'x4-invest.top'], loss: { amount: '3000000', currency: 'KRW' }, jurisdiction: 'KR' },
      { values: ['y1-loan.top', 'y2-loan.top'], scamType: 'loan' },
      { values: ['y2-loan.top', 'y3-loan.top'], scamType: 'loan' },
    ]);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('answers the record: values, links, reports, exact losses per currency, jurisdictions, status and a name', async () => {
    const c = await campaignOf('x1-invest.top');
    expect(c).toMatchObject({
      status: 'active',
      reports: 3,
      indicatorCount: 4,
      jurisdictions: ['KR', 'SG'],
      scamTypes: ['investment'],
      channels: ['whatsapp'],
      tlp: 'amber',
      losses: [
        { currency: 'KRW', amount: '3000000.00' },
        { currency: 'SGD', amount: '1500.30' },
      ],
      hubs: [],
      partnerCampaigns: [],
    });
    expect(c.name).toBe(`investment campaign ${c.id.slice(0, 8)}`);
    expect(c.indicators.map((i: { value: string }) => i.value).sort()).toEqual([
      'x1-invest.top',
      'x2-invest.top',
      'x3-invest.top',
      'x4-invest.top',
    ]);
    expect(c.links).toContainEqual({
      from: [fp('x1-invest.top'), fp('x2-invest.top')].sort()[0],
      to: [fp('x1-invest.top'), fp('x2-invest.top')].sort()[1],
      reports: 1,
    });
    expect(c.origin).toBeUndefined();
  });

  it('filters the list by jurisdiction, scam type, size and cross-border, most reports first, with a cursor', async () => {
    const all = await get('/v1/campaigns');
    expect(all.body.campaigns.map((c: { reports: number }) => c.reports)).toEqual([3, 2]);
    expect((await get('/v1/campaigns?crossBorder=true')).body.campaigns).toHaveLength(1);
    expect((await get('/v1/campaigns?jurisdiction=KR')).body.campaigns).toHaveLength(1);
    expect((await get('/v1/campaigns?scamType=loan')).body.campaigns[0].scamTypes).toEqual(['loan']);
    expect((await get('/v1/campaigns?minReports=3')).body.campaigns).toHaveLength(1);
    const page1 = await get('/v1/campaigns?limit=1');
    const page2 = await get(`/v1/campaigns?limit=1&cursor=${page1.body.next}`);
    expect([...page1.body.campaigns, ...page2.body.campaigns].map((c: { id: string }) => c.id)).toEqual(
      all.body.campaigns.map((c: { id: string }) => c.id),
    );
    for (const bad of ['crossBorder=maybe', 'jurisdiction=sg', 'scamType=nope', 'minReports=-1', 'cursor=xyz', 'bogus=1'])
      expect([bad, (await get(`/v1/campaigns?${bad}`)).status]).toEqual([bad, 400]);
    expect((await get('/v1/campaigns', reporter)).status).toBe(403);
    expect((await call(`${api.url}/v1/campaigns`, {})).status).toBe(401);
  });

  it('PATCH sets name, origin, status and TLP (audited); bad countries and `dormant` are 400s', async () => {
    const c = await campaignOf('x1-invest.top');
    const res = await send('PATCH', `/v1/campaigns/${c.id}`, {
      name: 'WhatsApp investment club',
      origin: { country: 'KH', note: 'Sihanoukville compound' },
      tlp: 'clear',
      status: 'closed',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'WhatsApp investment club',
      origin: { country: 'KH', note: 'Sihanoukville compound' },
      tlp: 'clear',
      status: 'closed',
    });
    expect((await send('PATCH', `/v1/campaigns/${c.id}`, { status: 'active' })).body.status).toBe('active');
    for (const body of [
      { origin: { country: 'ZZ' } },
      { origin: { country: 'kh' } },
      { origin: { country: 'XK' } },
      { status: 'dormant' },
      { tlp: 'purple' },
      { colour: 'red' },
      { name: '' },
    ])
      expect([body, (await send('PATCH', `/v1/campaigns/${c.id}`, body)).status]).toEqual([body, 400]);
    expect((await send('PATCH', '/v1/campaigns/00000000-0000-8000-8000-000000000000', { name: 'x' })).status).toBe(404);
    expect((await audit('campaign.updated')).length).toBeGreaterThanOrEqual(2);
    expect((await get(`/v1/campaigns/${c.id}`)).body.name).toBe('WhatsApp investment club');
  });

  it('GET /v1/lookup adds the campaign of a value when the campaign is shared at TLP clear, and only then', async () => {
    const x = await campaignOf('x1-invest.top');
    expect(x.tlp).toBe('clear');
    const hit = await call(`${api.url}/v1/lookup?q=x2-invest.top&type=domain`);
    expect(hit.status).toBe(200);
    expect(hit.body.campaign).toEqual({ id: x.id, reports: 3, jurisdictions: ['KR', 'SG'] });
    expect((await call(`${api.url}/v1/lookup?q=y1-loan.top&type=domain`)).body.campaign).toBeUndefined();
    // Answers are cached: a campaign no longer shared at TLP clear leaves the answer at once, and comes back.
    await send('PATCH', `/v1/campaigns/${x.id}`, { tlp: 'green' });
    expect((await call(`${api.url}/v1/lookup?q=x2-invest.top&type=domain`)).body.campaign).toBeUndefined();
    await send('PATCH', `/v1/campaigns/${x.id}`, { tlp: 'clear' });
    expect((await call(`${api.url}/v1/lookup?q=x2-invest.top&type=domain`)).body.campaign).toEqual(hit.body.campaign);
    const checked = await call(`${api.url}/v1/check`, {
      key: reporter,
      body: { items: [{ value: 'x3-invest.top' }, { value: 'y2-loan.top' }] },
    });
    expect(checked.body.results.map((r: { campaign?: { id: string } }) => r.campaign?.id)).toEqual([x.id, undefined]);
    // The batch answers are the lookup answers, campaign included.
    for (const [i, value] of ['x3-invest.top', 'y2-loan.top'].entries())
      expect(checked.body.results[i]).toEqual((await call(`${api.url}/v1/lookup?q=${value}`)).body);
  });

  it('merges two campaigns under the older id, answers the old id with the merged record, and audits it', async () => {
    const x = await campaignOf('x1-invest.top');
    const y = await campaignOf('y1-loan.top');
    const res = await send('POST', `/v1/campaigns/${y.id}/merge`, { with: x.id });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(x.id);
    expect(res.body.reports).toBe(5);
    expect(res.body.name).toBe('WhatsApp investment club');
    expect((await get(`/v1/campaigns/${y.id}`)).body.id).toBe(x.id);
    expect((await get('/v1/campaigns')).body.campaigns).toHaveLength(1);
    expect(await audit('campaign.merged')).toEqual([
      expect.objectContaining({ subject: x.id, details: { campaigns: [x.id, y.id].sort(), kept: x.id } }),
    ]);
    expect((await send('POST', `/v1/campaigns/${x.id}/merge`, { with: x.id })).status).toBe(409);
    expect((await send('POST', `/v1/campaigns/${x.id}/merge`, { with: 'nope' })).status).toBe(400);
  });

  it('splits values out (cut links stay cut when a new report links them again) and audits it', async () => {
    const x = await campaignOf('x1-invest.top');
    const res = await send('POST', `/v1/campaigns/${x.id}/split`, { fingerprints: ['y1-loan.top', 'y2-loan.top', 'y3-loan.top'].map(fp) });
    expect(res.status).toBe(200);
    expect(res.body.campaigns).toHaveLength(2);
    expect(res.body.campaigns).toContain(x.id);
    const y = await campaignOf('y1-loan.top');
    expect(y.id).not.toBe(x.id);
    expect((await get(`/v1/campaigns/${x.id}`)).body.reports).toBe(3);
    expect(await audit('campaign.split')).toHaveLength(1);
    for (const body of [{ fingerprints: [] }, { fingerprints: ['abc'] }, { fingerprints: [fp('elsewhere.top')] }])
      expect([body, (await send('POST', `/v1/campaigns/${x.id}/split`, body)).status]).toEqual([body, 400]);
    expect(
      (await send('POST', `/v1/campaigns/${y.id}/split`, { fingerprints: ['y1-loan.top', 'y2-loan.top', 'y3-loan.top'].map(fp) })).status,
    ).toBe(409);
  });

  it('links two values by hand (audited); unknown values are 422', async () => {
    const x = await campaignOf('x1-invest.top');
    const y = await campaignOf('y1-loan.top');
    const res = await send('POST', '/v1/campaigns/links', { from: fp('y3-loan.top'), to: fp('x4-invest.top'), note: 'same script' });
    expect(res.status).toBe(200);
    expect(res.body.campaign).toBe([x.id, y.id].find((id) => id === res.body.campaign));
    expect(await audit('campaign.linked')).toHaveLength(1);
    expect((await send('POST', '/v1/campaigns/links', { from: fp('never-seen.top'), to: fp('x4-invest.top') })).status).toBe(422);
    expect((await send('POST', '/v1/campaigns/links', { from: fp('x4-invest.top'), to: fp('x4-invest.top') })).status).toBe(400);
    expect((await call(`${api.url}/v1/audit/verify`, { key: ADMIN })).body).toMatchObject({ ok: true });
  });
});
