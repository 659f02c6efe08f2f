import { call, waitFor } from './support/node';
import { registerPartner, startTwoNodes, TestNode } from './support/two-nodes';

const POLICY = { maxTlp: 'amber', types: ['domain', 'url', 'phone'], minConfidence: 0, pseudonymise: [], shareNarrative: false };

/**
 * Verdicts across the border: the partner's verdict is shown beside the local one and weighs into confidence,
 * never over the local verdict; an appeal upheld at one node revokes the value at the partner too.
 */
describe('community policing across two nodes', () => {
  let nodes: Awaited<ReturnType<typeof startTwoNodes>>;
  let sgReporter: string;
  let sgAnalyst: string;
  let krReporter: string;
  let krAnalyst: string;

  const key = async (n: TestNode, role: string, trust: string) =>
    (await call(`${n.url}/v1/admin/keys`, { key: n.adminKey, body: { role, organisation: `${n.name}-${role}-${trust}`, trust } })).body
      .key as string;
  const submit = async (n: TestNode, reporter: string, analyst: string, value: string) => {
    const r = await call(`${n.url}/v1/reports`, {
      key: reporter,
      body: {
        scamType: 'ecommerce',
        channel: 'website',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        tlp: 'clear',
        indicators: [{ value, type: 'domain' }],
      },
    });
    expect(r.status).toBe(202);
    await waitFor(async () => (await call(`${n.url}/v1/reports/${r.body.id}`, { key: analyst })).body.status === 'processed');
  };
  const lookup = async (n: TestNode, q: string) => (await call(`${n.url}/v1/lookup?q=${encodeURIComponent(q)}&type=domain`)).body;
  const partnerSide = (l: { byJurisdiction: { sourceNode: string }[] }, source: string) =>
    l.byJurisdiction.find((b) => b.sourceNode === source) as Record<string, unknown> | undefined;
  const push = async (from: TestNode, to: TestNode) =>
    expect((await call(`${from.url}/v1/admin/partners/${to.nodeId}/sync`, { key: from.adminKey, method: 'POST' })).status).toBe(202);

  beforeAll(async () => {
    nodes = await startTwoNodes();
    const { sg, kr } = nodes;
    expect((await registerPartner(sg, kr, POLICY)).status).toBe(201);
    expect((await registerPartner(kr, sg, POLICY)).status).toBe(201);
    sgReporter = await key(sg, 'reporter', 'high');
    sgAnalyst = await key(sg, 'analyst', 'high');
    krReporter = await key(kr, 'reporter', 'low');
    krAnalyst = await key(kr, 'analyst', 'high');
  });
  afterAll(() => nodes?.close());

  it("shows the partner's verdict beside the local one, weighs it into confidence, and never lets it decide", async () => {
    const { sg, kr } = nodes;
    await submit(sg, sgReporter, sgAnalyst, 'xborder-shop.com');
    await submit(kr, krReporter, krAnalyst, 'xborder-shop.com');
    const before = await lookup(kr, 'xborder-shop.com');
    expect(before).toMatchObject({ verdict: 'suspicious' });
    expect(partnerSide(before, 'sg-spf')).toBeUndefined();

    await push(sg, kr);
    const after = await waitFor(async () => {
      const l = await lookup(kr, 'xborder-shop.com');
      return partnerSide(l, 'sg-spf') ? l : undefined;
    });
    expect(partnerSide(after, 'sg-spf')).toMatchObject({ jurisdiction: 'SG', verdict: 'scam', rule: 'partner' });
    expect(after.verdict).toBe('suspicious');
    expect(after.explanation).toMatchObject({ jurisdiction: 'KR', rule: 'reported' });
    expect(after.confidence).toBeGreaterThan(before.confidence);
    expect(partnerSide(after, 'kr-knpa')).toMatchObject({ jurisdiction: 'KR', verdict: 'suspicious' });

    // The analyst's detail lists this node's sighting and the one the partner sent, each in its own shape.
    const detail = await call(`${kr.url}/v1/indicators/${after.indicator.fingerprint}`, { key: krAnalyst });
    expect(detail.status).toBe(200);
    expect(detail.body.sightings).toEqual([
      expect.objectContaining({ jurisdiction: 'KR', sourceNode: 'kr-knpa', recentReporters: 1, channels: { website: 1 } }),
      expect.objectContaining({ jurisdiction: 'SG', sourceNode: 'sg-spf', tlp: 'clear', pseudonymised: false, scamTypes: ['ecommerce'] }),
    ]);
  });

  it('carries an upheld appeal to the partner, whose lookup then shows the value revoked', async () => {
    const { sg, kr } = nodes;
    await submit(sg, sgReporter, sgAnalyst, 'wrongly-listed-bakery.com');
    await push(sg, kr);
    await waitFor(async () => partnerSide(await lookup(kr, 'wrongly-listed-bakery.com'), 'sg-spf')?.verdict === 'scam');

    const appeal = await call(`${sg.url}/v1/appeals`, {
      body: {
        value: 'wrongly-listed-bakery.com',
        type: 'domain',
        contact: 'owner@wrongly-listed-bakery.com',
        reason: 'Our bakery was impersonated by the scammers.',
      },
    });
    expect(appeal.status).toBe(202);
    expect((await call(`${sg.url}/v1/appeals/${appeal.body.id}/resolve`, { key: sgAnalyst, body: { outcome: 'upheld' } })).status).toBe(
      200,
    );
    expect((await lookup(sg, 'wrongly-listed-bakery.com')).verdict).toBe('legitimate');

    await push(sg, kr);
    const revoked = await waitFor(async () => {
      const side = partnerSide(await lookup(kr, 'wrongly-listed-bakery.com'), 'sg-spf');
      return side?.verdict === 'legitimate' ? side : undefined;
    });
    expect(revoked.reason).toContain('revoked');
    // What the partner withdrew no longer counts in the totals (it stays visible, marked, in byJurisdiction).
    expect(await lookup(kr, 'wrongly-listed-bakery.com')).toMatchObject({ reports: 0, jurisdictions: [] });
    expect(JSON.stringify(await lookup(kr, 'wrongly-listed-bakery.com'))).not.toContain('owner@');
  });
});
