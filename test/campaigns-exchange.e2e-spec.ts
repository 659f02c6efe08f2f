import { IndicatorType, fingerprint } from '@scamintel/vocabulary';
import { call, waitFor } from './support/node';
import { waitProcessed } from './support/reports';
import { recordEmitted } from './support/emitted-stix';
import { TestNode, registerPartner, startTwoNodes } from './support/two-nodes';

const KEY = 'sg-kr-campaigns-bilateral-key-2026!';
const POLICY = {
  maxTlp: 'amber',
  types: ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'],
  minConfidence: 0,
  pseudonymise: ['bank_account'],
  shareNarrative: false,
};
type V = { type: IndicatorType; value: string };
const P1: V = { type: 'phone', value: '+6581234567' };
const U1: V = { type: 'social_handle', value: 'telegram:easyjobs_recruiter' };
const W1: V = { type: 'crypto_wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' };
const H1: V = { type: 'phone', value: '+821012345678' };
const B1: V = { type: 'bank_account', value: 'KR:004:12345678901234' };
const X1: V = { type: 'domain', value: 'easyjobs-pay.top' };
const M: V = { type: 'domain', value: 'big-marketplace.top' };
const Q1: V = { type: 'domain', value: 'q1-loans.top' };
const Q2: V = { type: 'domain', value: 'q2-loans.top' };
const Q3: V = { type: 'domain', value: 'q3-loans.top' };
const fp = (v: V) => fingerprint(v.type, v.value);

/**
 * Issue 13's two-node case: a chain alternating SG and KR reports is one campaign on both nodes, with both
 * jurisdictions and losses in both currencies; a hub does not merge chains; a new report joins the same id; a re-sync changes nothing.
 */
describe('cross-border campaigns (two nodes)', () => {
  let sg: TestNode;
  let kr: TestNode;
  let close: () => Promise<void>;
  const keys: Record<string, string> = {};

  const submit = async (node: TestNode, reports: { values: V[]; loss?: { amount: string; currency: string } }[]) => {
    const body = {
      reports: reports.map((r) => ({
        scamType: 'job',
        channel: 'telegram',
        occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        ...(r.loss ? { loss: r.loss } : {}),
        indicators: r.values,
      })),
    };
    const res = await call(`${node.url}/v1/reports/batch`, { key: keys[`${node.name}-reporter`], body });
    expect(res.status).toBe(202);
    await waitProcessed(node.url, keys[`${node.name}-analyst`], res.body.ids);
  };
  const campaignHolding = async (node: TestNode, v: V) => {
    const { rows } = await node.sql.query(
      `SELECT c.id::text FROM campaign_nodes n JOIN campaigns c ON c.id = n.component AND c.live WHERE n.fingerprint = $1`,
      [fp(v)],
    );
    if (!rows[0]) return undefined;
    return (await call(`${node.url}/v1/campaigns/${rows[0].id}`, { key: keys[`${node.name}-analyst`] })).body;
  };
  const snapshot = async (node: TestNode) => ({
    nodes: (await node.sql.query(`SELECT fingerprint, reports, partner_reports, component::text FROM campaign_nodes ORDER BY 1`)).rows,
    links: (await node.sql.query(`SELECT node_id, a, b, reports, first_at FROM campaign_partner_links ORDER BY 1, 2, 3`)).rows,
    campaigns: (await node.sql.query(`SELECT id::text, live, reports, indicators, jurisdictions FROM campaigns ORDER BY 1`)).rows,
    partner: (await node.sql.query(`SELECT node_id, stix_id, reports, losses FROM partner_campaigns ORDER BY 1, 2`)).rows,
  });

  beforeAll(async () => {
    ({ sg, kr, close } = await startTwoNodes({ CAMPAIGNS_ENABLED: 'true', CAMPAIGN_INTERVAL_MS: '300', CAMPAIGN_HUB_MIN_REPORTS: '25' }));
    for (const node of [sg, kr]) {
      expect((await registerPartner(node, node === sg ? kr : sg, POLICY, KEY)).status).toBe(201);
      for (const role of ['reporter', 'analyst']) {
        const res = await call(`${node.url}/v1/admin/keys`, {
          key: node.adminKey,
          body: { role, organisation: `${node.name} ${role}`, ...(role === 'reporter' ? { trust: 'high' } : {}) },
        });
        keys[`${node.name}-${role}`] = res.body.key;
      }
    }
  });

  afterAll(async () => {
    const emitted = [sg, kr].flatMap((n) =>
      n.proxy.requests
        .filter((r) => r.path === '/v1/exchange/campaigns' && r.status === 200)
        .flatMap((r) => JSON.parse(r.body.toString('utf8')).objects),
    );
    if (emitted.length) recordEmitted('campaigns-exchange', emitted);
    await close?.();
  });

  it('a chain alternating SG and KR reports becomes one campaign on both nodes, with both jurisdictions and currencies', async () => {
    await submit(sg, [{ values: [P1, U1], loss: { amount: '1500.50', currency: 'SGD' } }]);
    await submit(kr, [{ values: [U1, W1], loss: { amount: '3000000', currency: 'KRW' } }]);
    await submit(sg, [{ values: [W1, H1], loss: { amount: '200.25', currency: 'SGD' } }]);
    await submit(kr, [{ values: [H1, B1], loss: { amount: '500000', currency: 'KRW' } }]);
    for (const node of [sg, kr]) {
      const c = await waitFor(
        async () => {
          const got = await campaignHolding(node, P1);
          return got && got.reports === 4 && got.jurisdictions.length === 2 && got.losses.length === 2 ? got : undefined;
        },
        30000,
        300,
      );
      expect(c).toMatchObject({
        reports: 4,
        jurisdictions: ['KR', 'SG'],
        losses: [
          { currency: 'KRW', amount: '3500000.00' },
          { currency: 'SGD', amount: '1700.75' },
        ],
        scamTypes: ['job'],
        channels: ['telegram'],
      });
      expect(c.partnerCampaigns).toHaveLength(1);
      for (const v of [P1, U1, W1, H1]) expect((await campaignHolding(node, v))?.id).toBe(c.id);
      const list = await call(`${node.url}/v1/campaigns?crossBorder=true`, { key: keys[`${node.name}-analyst`] });
      expect(list.body.campaigns.map((x: { id: string }) => x.id)).toEqual([c.id]);
    }
    // KR reads its own bank account; SG holds only its pseudonym (never the value) and still links through it.
    expect((await campaignHolding(kr, B1))?.id).toBeDefined();
    const sgCampaign = await campaignHolding(sg, P1);
    expect(sgCampaign.indicators.map((i: { fingerprint: string }) => i.fingerprint)).not.toContain(fp(B1));
    expect(JSON.stringify(sg.proxy.requests.map((r) => r.body.toString()))).not.toContain(B1.value);
    expect(JSON.stringify(kr.proxy.requests.map((r) => r.body.toString()))).not.toContain(B1.value.split(':')[2]);
    // An analyst's suspected origin travels as a STIX location; the partner shows it with the partner campaign.
    const patched = await call(`${sg.url}/v1/campaigns/${sgCampaign.id}`, {
      key: keys['sg-analyst'],
      method: 'PATCH',
      body: { origin: { country: 'KH', note: 'compound near the border' } },
    });
    expect(patched.status).toBe(200);
    await waitFor(
      async () => (await kr.sql.query(`SELECT 1 FROM partner_campaigns WHERE origin_country = 'KH'`)).rowCount === 1,
      20000,
      200,
    );
  });

  it('a hub value in 40 unrelated reports does not merge two chains, on either node', async () => {
    await submit(sg, [
      { values: [Q1, Q2] },
      { values: [Q2, Q3] },
      { values: [M, Q1] },
      { values: [M, P1] },
      ...Array.from({ length: 38 }, (_, i) => ({ values: [M, { type: 'domain' as const, value: `lone-${i}-shop.top` }] })),
    ]);
    for (const node of [sg, kr]) {
      const q = await waitFor(() => campaignHolding(node, Q1), 30000, 300);
      const chain = await campaignHolding(node, P1);
      expect(q.id).not.toBe(chain.id);
      expect(await campaignHolding(node, M)).toBeUndefined();
      expect([...q.hubs, ...chain.hubs]).toEqual([fp(M)]);
    }
  });

  it('a new report touching H1 joins the existing campaign id on both nodes', async () => {
    const before = { sg: (await campaignHolding(sg, P1)).id, kr: (await campaignHolding(kr, P1)).id };
    await submit(sg, [{ values: [H1, X1] }]);
    for (const node of [sg, kr]) {
      const c = await waitFor(() => campaignHolding(node, X1), 30000, 300);
      expect(c.id).toBe(before[node.name as 'sg' | 'kr']);
    }
  });

  it('re-syncing everything changes nothing on the receiver', async () => {
    await waitFor(
      async () =>
        (await sg.sql.query(`SELECT count(*)::int AS n FROM campaign_links WHERE seq > (SELECT links_seq FROM campaign_shares)`)).rows[0]
          .n === 0,
      20000,
      200,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const before = await snapshot(kr);
    const sent = kr.proxy.requests.filter((r) => r.path === '/v1/exchange/campaigns' && r.status === 200).length;
    await sg.sql.query(`UPDATE campaign_shares SET links_seq = 0, campaigns_digest = NULL`);
    await waitFor(
      async () => kr.proxy.requests.filter((r) => r.path === '/v1/exchange/campaigns' && r.status === 200).length > sent,
      20000,
      200,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await snapshot(kr)).toEqual(before);
    const audit = await call(`${kr.url}/v1/audit/verify`, { key: kr.adminKey });
    expect(audit.body).toMatchObject({ ok: true });
  });
});
