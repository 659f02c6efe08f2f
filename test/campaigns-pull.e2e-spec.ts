import { NodeKeyService, syncPartner } from '@scamintel/exchange';
import { signRequest } from '@scamintel/exchange-core';
import { IndicatorType, fingerprint } from '@scamintel/vocabulary';
import { call, waitFor } from './support/node';
import { checkDocumented } from './support/openapi-contract';
import { waitProcessed } from './support/reports';
import { recordEmitted } from './support/emitted-stix';
import { TestNode, registerPartner, startTwoNodes } from './support/two-nodes';

const KEY = 'sg-kr-campaigns-pull-bilateral-key!';
const POLICY = {
  maxTlp: 'amber',
  types: ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'],
  minConfidence: 0,
  pseudonymise: ['bank_account'],
  shareNarrative: false,
};
const ROUTE = '/v1/exchange/campaigns';
type V = { type: IndicatorType; value: string };
const P1: V = { type: 'phone', value: '+6581234567' };
const U1: V = { type: 'social_handle', value: 'telegram:easyjobs_recruiter' };
const W1: V = { type: 'crypto_wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' };
const H1: V = { type: 'phone', value: '+821012345678' };
const B1: V = { type: 'bank_account', value: 'KR:004:12345678901234' };
const fp = (v: V) => fingerprint(v.type, v.value);

/**
 * Issue 13's two-node chain when the partnership is pull-only (CONTRACT §7 `mode`), then `both`: each node reads the
 * other's GET /v1/exchange/campaigns (an extension of §7's pull to the campaigns channel) and ends with what a push
 * would have given it; re-pulling, or pulling what was also pushed, changes nothing; the route serves only the
 * partner's share, only to a signed current partner, and refuses a cursor it did not issue.
 */
describe('cross-border campaigns by pull (two nodes)', () => {
  let sg: TestNode;
  let kr: TestNode;
  let close: () => Promise<void>;
  const keys: Record<string, string> = {};

  const submit = async (node: TestNode, values: V[], loss: { amount: string; currency: string }) => {
    const body = {
      reports: [
        { scamType: 'job', channel: 'telegram', occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), loss, indicators: values },
      ],
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
  const whole = async (node: TestNode) => {
    const c = await campaignHolding(node, P1);
    return c && c.reports === 4 && c.jurisdictions.length === 2 && c.losses.length === 2 && c.partnerCampaigns.length === 1 ? c : undefined;
  };
  const snapshot = async (node: TestNode) => ({
    nodes: (await node.sql.query(`SELECT fingerprint, reports, partner_reports, component::text FROM campaign_nodes ORDER BY 1`)).rows,
    links: (await node.sql.query(`SELECT node_id, a, b, reports, first_at FROM campaign_partner_links ORDER BY 1, 2, 3`)).rows,
    campaigns: (await node.sql.query(`SELECT id::text, live, reports, indicators, jurisdictions FROM campaigns ORDER BY 1`)).rows,
    partner: (await node.sql.query(`SELECT node_id, stix_id, reports, losses, origin_country FROM partner_campaigns ORDER BY 1, 2`)).rows,
    members: (await node.sql.query(`SELECT node_id, stix_id, fingerprint FROM partner_campaign_members ORDER BY 1, 2, 3`)).rows,
  });
  /** Both nodes' snapshots, once two reads a second apart agree (the schedules have nothing left to move). */
  const settled = () =>
    waitFor(
      async () => {
        const a = JSON.stringify([await snapshot(sg), await snapshot(kr)]);
        await new Promise((r) => setTimeout(r, 1000));
        return a === JSON.stringify([await snapshot(sg), await snapshot(kr)]) && a;
      },
      30000,
      0,
    );
  const pulls = (node: TestNode) => node.proxy.requests.filter((r) => r.method === 'GET' && r.path.startsWith(ROUTE));
  const pushes = (node: TestNode) => node.proxy.requests.filter((r) => r.method === 'POST' && r.path === ROUTE);
  /** A GET of `node`'s campaigns stream, signed with `as`'s node key (or not signed at all). */
  const get = async (node: TestNode, query: string, as?: TestNode) => {
    const url = `${node.url}${ROUTE}${query}`;
    const key = as?.api!.get(NodeKeyService, { strict: false });
    const headers = key ? signRequest({ method: 'GET', targetUri: url, keyId: key.keyId, privateKey: key.key.privateKey }) : {};
    const res = await fetch(url, { headers: headers as Record<string, string> });
    const text = await res.text();
    checkDocumented({ method: 'GET', url, status: res.status, contentType: res.headers.get('content-type'), text });
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const audit = async (node: TestNode, action: string) =>
    (
      await node.sql.query(
        `SELECT actor, subject, details FROM audit_log WHERE action = $1 AND details->>'kind' = 'campaigns' ORDER BY seq`,
        [action],
      )
    ).rows;

  beforeAll(async () => {
    ({ sg, kr, close } = await startTwoNodes({ CAMPAIGNS_ENABLED: 'true', CAMPAIGN_INTERVAL_MS: '300', CAMPAIGN_HUB_MIN_REPORTS: '25' }));
    for (const node of [sg, kr]) {
      expect((await registerPartner(node, node === sg ? kr : sg, POLICY, KEY, { mode: 'pull' })).body).toMatchObject({ mode: 'pull' });
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
    // What the nodes served each other by pull, as it crossed the wire, for `npm run test:conformance`.
    const emitted = [sg, kr].flatMap((n) =>
      pulls(n)
        .filter((r) => r.status === 200 && r.response)
        .flatMap((r) => JSON.parse(r.response!.toString('utf8')).objects),
    );
    if (emitted.length) recordEmitted('campaigns-pull', emitted);
    await close?.();
  });

  it('pull only: the chain P1–U1 (SG), U1–W1 (KR), W1–H1 (SG), H1–B1 (KR) becomes one campaign on both nodes', async () => {
    await submit(sg, [P1, U1], { amount: '1500.50', currency: 'SGD' });
    await submit(kr, [U1, W1], { amount: '3000000', currency: 'KRW' });
    await submit(sg, [W1, H1], { amount: '200.25', currency: 'SGD' });
    await submit(kr, [H1, B1], { amount: '500000', currency: 'KRW' });
    for (const node of [sg, kr]) {
      const c = await waitFor(() => whole(node), 30000, 300);
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
      for (const v of [P1, U1, W1, H1]) expect((await campaignHolding(node, v))?.id).toBe(c.id);
      const list = await call(`${node.url}/v1/campaigns?crossBorder=true`, { key: keys[`${node.name}-analyst`] });
      expect(list.body.campaigns.map((x: { id: string }) => x.id)).toEqual([c.id]);
    }
    // Nothing was pushed either way; both read the other's stream, signed, and got pages.
    for (const node of [sg, kr]) {
      expect(pushes(node)).toEqual([]);
      expect(pulls(node).filter((r) => r.status === 200).length).toBeGreaterThan(0);
    }
    // SG holds only the pseudonym of KR's bank account and still links through it; the value never crossed.
    expect((await campaignHolding(sg, P1)).indicators.map((i: { fingerprint: string }) => i.fingerprint)).not.toContain(fp(B1));
    const served = [sg, kr].flatMap((n) => pulls(n).map((r) => r.response?.toString() ?? '')).join('\n');
    expect(served).not.toContain(B1.value.split(':')[2]);
    // Audited like the push: the server's `exchange.served`, the puller's `exchange.pulled` (it acted, not the partner).
    expect((await audit(kr, 'exchange.served'))[0]).toMatchObject({ actor: 'partner:sg-spf', subject: 'sg-spf' });
    expect((await audit(sg, 'exchange.pulled'))[0]).toMatchObject({ actor: 'system', subject: 'kr-knpa' });
    expect(await audit(sg, 'exchange.received')).toEqual([]);
    // An analyst's suspected origin reaches the partner as a STIX location, by pull too.
    const patched = await call(`${sg.url}/v1/campaigns/${(await campaignHolding(sg, P1)).id}`, {
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

  it('re-pulling everything from the start changes nothing on either node', async () => {
    const before = await settled();
    const pages = async (node: TestNode) =>
      (
        await node.sql.query(`SELECT pages::int, after FROM campaign_pull_cursors WHERE partner_node_id = $1`, [
          node === sg ? 'kr-knpa' : 'sg-spf',
        ])
      ).rows[0];
    const was = { sg: (await pages(sg)).pages, kr: (await pages(kr)).pages };
    await sg.sql.query(`UPDATE campaign_pull_cursors SET after = NULL`);
    await kr.sql.query(`UPDATE campaign_pull_cursors SET after = NULL`);
    await waitFor(async () => (await pages(sg)).pages > was.sg + 2 && (await pages(kr)).pages > was.kr + 2, 20000, 200);
    // The first page after the reset carried the whole campaign set again, and it was stored again.
    expect((await audit(kr, 'exchange.pulled')).at(-1)).toMatchObject({ details: { after: null } });
    expect(await settled()).toBe(before);
    for (const node of [sg, kr])
      expect((await call(`${node.url}/v1/audit/verify`, { key: node.adminKey })).body).toMatchObject({ ok: true });
  });

  it('mode both: the push and the pull (schedule and sync) of the same campaigns double nothing', async () => {
    const before = await settled();
    const ids = { sg: (await whole(sg)).id, kr: (await whole(kr)).id };
    for (const node of [sg, kr])
      expect((await registerPartner(node, node === sg ? kr : sg, POLICY, KEY, { mode: 'both' })).body).toMatchObject({ mode: 'both' });
    await waitFor(async () => pushes(sg).length > 0 && pushes(kr).length > 0, 20000, 200);
    // A sync pulls the campaigns stream next to the outbox.
    const run = await syncPartner(kr.worker, 'sg-spf');
    expect(run).toMatchObject({ push: expect.any(Object), pull: expect.any(Object), streams: { campaigns: { partner: 'sg-spf' } } });
    expect(await settled()).toBe(before);
    for (const node of [sg, kr]) {
      expect(await whole(node)).toMatchObject({ id: ids[node.name as 'sg' | 'kr'], reports: 4 });
      expect((await node.sql.query(`SELECT count(*)::int AS n FROM partner_campaigns`)).rows[0].n).toBe(1);
    }
  });

  it('serves only what the partner may see: a campaign above its TLP is withdrawn from it', async () => {
    const id = (await whole(sg)).id;
    const first = await get(sg, '', kr);
    expect(first.status).toBe(200);
    expect(first.body.objects.filter((o: { type: string }) => o.type === 'campaign')).toHaveLength(1);
    expect((await call(`${sg.url}/v1/campaigns/${id}`, { key: keys['sg-analyst'], method: 'PATCH', body: { tlp: 'red' } })).status).toBe(
      200,
    );
    const page = await get(sg, '', kr);
    expect(page.body.objects.filter((o: { type: string }) => o.type === 'campaign')).toEqual([]);
    // The pulled complete set no longer holds it, so KR drops SG's campaign and its aggregates (SG's reports and SGD
    // losses); KR's own campaign stays, still linked through SG's amber co-occurrence links.
    await waitFor(async () => (await kr.sql.query(`SELECT count(*)::int AS n FROM partner_campaigns`)).rows[0].n === 0, 20000, 200);
    const left = await waitFor(
      async () => ((await campaignHolding(kr, P1))?.reports === 2 ? campaignHolding(kr, P1) : undefined),
      20000,
      200,
    );
    expect(left).toMatchObject({ partnerCampaigns: [], losses: [{ currency: 'KRW', amount: '3500000.00' }] });
    for (const v of [P1, U1, W1, H1]) expect((await campaignHolding(kr, v))?.id).toBe(left.id);
  });

  it('refuses an unsigned request, a cursor it did not issue and a former partner', async () => {
    expect((await get(sg, '')).status).toBe(401);
    const bad = await get(sg, '?after=nonsense', kr);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'after' }] });
    expect((await get(sg, '?limit=0', kr)).status).toBe(400);
    const next = (await get(sg, '?limit=1', kr)).body.next;
    expect((await get(sg, `?after=${next}&limit=1`, kr)).status).toBe(200);

    expect((await call(`${sg.url}/v1/admin/partners/kr-knpa`, { key: sg.adminKey, method: 'DELETE' })).status).toBe(200);
    const refused = await get(sg, '', kr);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain('campaign--');
    const rejected = await sg.sql.query(`SELECT actor, details FROM audit_log WHERE action = 'exchange.rejected' AND subject = $1`, [
      `GET ${ROUTE}`,
    ]);
    expect(rejected.rows.length).toBeGreaterThan(0);
    // KR's own scheduled pulls are refused too, and noted on its cursor; SG no longer pulls from KR at all.
    await waitFor(
      async () => (await kr.sql.query(`SELECT last_error FROM campaign_pull_cursors WHERE partner_node_id = 'sg-spf'`)).rows[0]?.last_error,
      20000,
      200,
    );
    expect((await sg.sql.query(`SELECT count(*)::int AS n FROM campaign_pull_cursors`)).rows[0].n).toBe(0);
  });
});
