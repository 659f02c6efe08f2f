import { MetricsService } from '@scamintel/metrics';
import { call, waitFor } from './support/node';
import { IndependentPeer } from './support/independent-peer';
import { TestNode, startNode } from './support/two-nodes';

const ALL_TYPES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'];
const POLICY = { maxTlp: 'amber', types: ALL_TYPES, minConfidence: 0, pseudonymise: [], shareNarrative: false };

/**
 * CONTRACT §7 against a partner that is not this code base: test/support/independent-peer.ts signs, verifies and
 * builds receipts with node:crypto from the contract and its RFCs alone. It pushes to the node and pulls its outbox;
 * the node pushes to it and pulls its outbox; receipts come with and without `witness`; a deleted partner is cut off.
 */
describe('exchange with an independent peer written from the contract alone', () => {
  let node: TestNode;
  let peer: IndependentPeer;
  let reporterKey: string;

  const sync = async () => {
    const r = await call(`${node.url}/v1/admin/partners/${peer.nodeId}/sync`, { key: node.adminKey, method: 'POST' });
    expect(r.status).toBe(202);
  };
  const report = async (value: string) => {
    const r = await call(`${node.url}/v1/reports`, {
      key: reporterKey,
      body: {
        scamType: 'investment',
        channel: 'website',
        occurredAt: new Date(Date.now() - 86400_000).toISOString(),
        tlp: 'green',
        indicators: [{ value }],
      },
    });
    expect(r.status).toBe(202);
    await waitFor(
      async () => (await node.sql.query(`SELECT status FROM reports WHERE id = $1`, [r.body.id])).rows[0]?.status === 'processed',
    );
  };
  /** The node's push cursor has passed every indicator it holds. */
  const pushedAll = () =>
    waitFor(async () => {
      const { rows } = await node.sql.query(
        `SELECT c.after_fingerprint = (SELECT fingerprint FROM indicators ORDER BY updated_at DESC, fingerprint DESC LIMIT 1) AS done
           FROM exchange_cursors c WHERE c.partner_node_id = $1`,
        [peer.nodeId],
      );
      return rows[0]?.done === true;
    }, 30000);
  const lookup = async (q: string) => (await call(`${node.url}/v1/lookup?q=${encodeURIComponent(q)}&type=domain`)).body;

  beforeAll(async () => {
    node = await startNode('peer', 'sg-spf', 'SG', {});
    peer = new IndependentPeer('jp-npa', 'JP');
    await peer.start();
    peer.trust((await call(`${node.url}/v1/exchange/identity`)).body.publicKey);
    const partner = await call(`${node.url}/v1/admin/partners`, {
      key: node.adminKey,
      body: {
        nodeId: peer.nodeId,
        jurisdiction: peer.jurisdiction,
        baseUrl: peer.url,
        publicKey: peer.publicKeyPem,
        policy: POLICY,
        mode: 'both',
      },
    });
    expect(partner.status).toBe(201);
    expect(partner.body).toMatchObject({ nodeId: 'jp-npa', mode: 'both' });
    const key = await call(`${node.url}/v1/admin/keys`, {
      key: node.adminKey,
      body: { role: 'reporter', organisation: 'bank-sg', trust: 'high' },
    });
    reporterKey = key.body.key;
  });

  afterAll(async () => {
    await peer?.stop();
    await node?.close();
  });

  it("takes the node's pushes and answers receipts without witness: the batch counts as delivered, the cursor moves", async () => {
    peer.witness = false;
    await report('first-push-scam.top');
    await sync();
    await pushedAll();
    const delivered = peer.seen.filter((s) => s.method === 'POST' && s.status === 200);
    expect(delivered.length).toBeGreaterThan(0);
    for (const d of delivered) expect(d.receipt).not.toHaveProperty('witness');
    expect(JSON.stringify(delivered.map((d) => d.objects))).toContain('first-push-scam.top');
    const { rows } = await node.sql.query(`SELECT details FROM audit_log WHERE action = 'exchange.sent' AND subject = $1 ORDER BY seq`, [
      peer.nodeId,
    ]);
    expect(rows.length).toBe(delivered.length);
    for (const r of rows)
      expect(r.details).toMatchObject({ witnessed: null, unwitnessed: { seq: expect.any(Number), hash: expect.any(String) } });
    const { rows: witnessed } = await node.sql.query(`SELECT count(*)::int AS n FROM audit_witnessed_heads WHERE partner_node_id = $1`, [
      peer.nodeId,
    ]);
    expect(witnessed[0].n).toBe(0);
    const metrics = await node.worker.get(MetricsService, { strict: false }).scrape();
    expect(metrics.body).toContain(`scamintel_exchange_unwitnessed_total ${delivered.length}\n`);
  });

  it('and with witness: the node stores the head the peer signed for it', async () => {
    peer.witness = true;
    await report('second-push-scam.top');
    await sync();
    await pushedAll();
    const last = peer.seen.filter((s) => s.method === 'POST' && s.status === 200).at(-1)!;
    expect(last.receipt).toHaveProperty('witness');
    expect(JSON.stringify(last.objects)).toContain('second-push-scam.top');
    const { rows } = await node.sql.query(`SELECT seq::int, hash FROM audit_witnessed_heads WHERE partner_node_id = $1`, [peer.nodeId]);
    expect(rows).toEqual([expect.objectContaining((last.receipt as { witness: object }).witness)]);
  });

  it('pushes to the node with and without its audit head; the signed receipt echoes it only when sent', async () => {
    const withHead = await peer.push(node.url, peer.report('peer-pushed-scam.jp', 2), true);
    expect(withHead.answer.status).toBe(200);
    expect(peer.checkReceipt(withHead.answer.body, withHead)).toBeUndefined();
    expect(withHead.answer.body.witness).toEqual(withHead.head);
    const without = await peer.push(node.url, peer.report('peer-pushed-other.jp', 1, 'job'), false);
    expect(without.answer.status).toBe(200);
    expect(peer.checkReceipt(without.answer.body, without)).toBeUndefined();
    expect(without.answer.body).not.toHaveProperty('witness');
    // A value only the peer reported counts in the node's lookup (CONTRACT §6).
    expect(await lookup('peer-pushed-scam.jp')).toMatchObject({ reports: 2, jurisdictions: ['JP'], scamTypes: ['phishing'] });
  });

  it("pulls the node's outbox with its own signed requests and cursor", async () => {
    const objects: Record<string, unknown>[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await peer.request('GET', `${node.url}/v1/exchange/outbox?limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.status).toBe(200);
      objects.push(...page.body.objects);
      after = page.body.next;
      if (!page.body.more) break;
    }
    const patterns = objects.filter((o) => o.type === 'indicator').map((o) => o.pattern);
    expect(patterns).toEqual(
      expect.arrayContaining(["[domain-name:value = 'first-push-scam.top']", "[domain-name:value = 'second-push-scam.top']"]),
    );
    // The peer's own data is never sent back to it (no re-export).
    expect(JSON.stringify(objects)).not.toContain('peer-pushed-scam.jp');
    const unsigned = await fetch(`${node.url}/v1/exchange/outbox`);
    expect(unsigned.status).toBe(401);
  });

  it("reads the peer's outbox on sync, with its own cursor; reading it again changes nothing", async () => {
    peer.outbox.push(peer.report('pulled-one.jp', 1), peer.report('pulled-two.jp', 3, 'investment'));
    await sync();
    await waitFor(async () => (await lookup('pulled-two.jp')).reports === 3, 30000);
    expect(await lookup('pulled-one.jp')).toMatchObject({ reports: 1, jurisdictions: ['JP'] });
    const pulls = peer.seen.filter((s) => s.method === 'GET' && s.path.startsWith('/v1/exchange/outbox'));
    expect(pulls.every((s) => s.status === 200)).toBe(true);
    const cursor = async () =>
      (await node.sql.query(`SELECT after FROM exchange_pull_cursors WHERE partner_node_id = $1`, [peer.nodeId])).rows[0]?.after;
    await waitFor(async () => (await cursor()) === '2');
    const before = (await node.sql.query(`SELECT * FROM partner_sightings ORDER BY fingerprint`)).rows;
    const seenBefore = pulls.length;
    await sync();
    await waitFor(async () => peer.seen.filter((s) => s.method === 'GET' && s.path.includes('after=2')).length > 0);
    expect(peer.seen.filter((s) => s.method === 'GET').length).toBeGreaterThan(seenBefore);
    expect((await node.sql.query(`SELECT * FROM partner_sightings ORDER BY fingerprint`)).rows).toEqual(before);
  });
  it('after DELETE /v1/admin/partners/:nodeId the peer gets 401 both ways; what it sent stays, marked as from a former partner', async () => {
    const taxiiKey = await call(`${node.url}/v1/admin/keys`, {
      key: node.adminKey,
      body: { role: 'partner', organisation: 'JP NPA', partnerNodeId: peer.nodeId },
    });
    expect(taxiiKey.status).toBe(201);
    const discovery = (key: string) =>
      fetch(`${node.url}/taxii2/`, { headers: { authorization: `Bearer ${key}`, accept: 'application/taxii+json;version=2.1' } });
    expect((await discovery(taxiiKey.body.key)).status).toBe(200);
    const before = (await node.sql.query(`SELECT count(*)::int AS n FROM partner_sightings WHERE source_node = $1`, [peer.nodeId])).rows[0]
      .n;
    expect((await call(`${node.url}/v1/admin/partners/${peer.nodeId}`, { key: reporterKey, method: 'DELETE' })).status).toBe(403);

    const del = await call(`${node.url}/v1/admin/partners/${peer.nodeId}`, { key: node.adminKey, method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ nodeId: 'jp-npa', sightingsKept: before, keysRevoked: 1 });
    const { rows } = await node.sql.query(`SELECT actor, details FROM audit_log WHERE action = 'partner.deleted' AND subject = $1`, [
      peer.nodeId,
    ]);
    expect(rows).toEqual([expect.objectContaining({ details: expect.objectContaining({ sightingsKept: before, mode: 'both' }) })]);

    // Traffic stops both ways: the peer's signed requests are unknown, its TAXII key is revoked, and the node has
    // nothing left to push to or pull from.
    const pushed = await peer.push(node.url, peer.report('after-delete.jp', 1), true);
    expect(pushed.answer.status).toBe(401);
    expect(pushed.answer.body.error.code).toBe('bad_signature');
    expect((await peer.request('GET', `${node.url}/v1/exchange/outbox`)).status).toBe(401);
    expect((await discovery(taxiiKey.body.key)).status).toBe(401);
    const seenBefore = peer.seen.length;
    expect((await call(`${node.url}/v1/admin/partners/${peer.nodeId}/sync`, { key: node.adminKey, method: 'POST' })).status).toBe(404);
    expect((await call(`${node.url}/v1/admin/partners/${peer.nodeId}`, { key: node.adminKey, method: 'DELETE' })).status).toBe(404);
    expect((await call(`${node.url}/v1/admin/partners`, { key: node.adminKey })).body.partners).toEqual([]);
    expect(peer.seen.length).toBe(seenBefore);

    // What it sent stays, counted, and marked as from a former partner.
    const kept = await lookup('peer-pushed-scam.jp');
    expect(kept).toMatchObject({ reports: 2, jurisdictions: ['JP'] });
    expect(kept.byJurisdiction).toEqual([expect.objectContaining({ sourceNode: 'jp-npa', formerPartner: true })]);
    expect((await node.sql.query(`SELECT count(*)::int AS n FROM partner_sightings WHERE source_node = $1`, [peer.nodeId])).rows[0].n).toBe(
      before,
    );
    expect(JSON.stringify(await lookup('after-delete.jp'))).not.toContain('jp-npa');
  });
  it('registered again, it is a partner once more: its old records lose the former-partner mark', async () => {
    const again = await call(`${node.url}/v1/admin/partners`, {
      key: node.adminKey,
      body: { nodeId: peer.nodeId, jurisdiction: peer.jurisdiction, baseUrl: peer.url, publicKey: peer.publicKeyPem, policy: POLICY },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ mode: 'push' });
    expect((await lookup('peer-pushed-scam.jp')).byJurisdiction).toEqual([
      expect.not.objectContaining({ formerPartner: expect.anything() }),
    ]);
    const pushed = await peer.push(node.url, peer.report('after-return.jp', 1), false);
    expect(pushed.answer.status).toBe(200);
  });
});
