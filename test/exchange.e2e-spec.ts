import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { computeHash, GENESIS_HASH } from '@scamintel/audit';
import { NodeKeyService } from '@scamintel/exchange';
import {
  ExchangeIndicator,
  TLP_MARKING_IDS,
  checkReceipt,
  jwkThumbprint,
  loadPublicKeyPem,
  pseudonym,
  signRequest,
  toStixBundle,
} from '@scamintel/exchange-core';
import { call, waitFor } from './support/node';
import { TestNode, registerPartner, startTwoNodes } from './support/two-nodes';
import { recordEmitted } from './support/emitted-stix';
import { checkDocumented } from './support/openapi-contract';
import { fingerprint } from '@scamintel/vocabulary';

const PSEUDONYM_KEY = 'sg-kr-bilateral-test-key-2026!';
const ALL_TYPES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'];
const POLICY = { maxTlp: 'amber', types: ALL_TYPES, minConfidence: 0, pseudonymise: ['bank_account'], shareNarrative: false };

// Personal data and narratives that must never cross (or only under shareNarrative, and never from a red report).
const REPORTER = { name: 'Tan Ah Kow', contact: 'tan.ahkow@example.sg' };
const GREEN_NARRATIVE = 'Caller said he was from the bank fraud team and asked for my OTP (green story)';
const RED_NARRATIVE = 'RED-ONLY account of the victim, never to leave Singapore';
const SG_ACCOUNT = 'SG:7171:1234567890';
const OTHER_ACCOUNT = 'SG:7171:9999999999';
const RED_URL = 'https://red-only-secret.top/login';
const STRICT_DOMAIN = 'amber-strict-only.top';

describe('bilateral exchange: two nodes, signed push, audit witnessing', () => {
  let sg: TestNode;
  let kr: TestNode;
  let close: () => Promise<void>;
  const keys: Record<string, string> = {};

  const report = (over: Record<string, unknown>) => ({
    scamType: 'phishing',
    channel: 'call',
    occurredAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
    tlp: 'green',
    ...over,
  });
  const submit = async (node: TestNode, key: string, body: Record<string, unknown>) => {
    const r = await call(`${node.url}/v1/reports`, { key, body });
    expect(r.status).toBe(202);
    return r.body.id as string;
  };
  const processed = (node: TestNode, ids: string[]) =>
    waitFor(async () => {
      const { rows } = await node.sql.query(`SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) AND status = 'processed'`, [
        ids,
      ]);
      return rows[0].n === ids.length;
    });
  const auditCount = async (node: TestNode) => (await node.sql.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n as number;
  const lastAudit = async (node: TestNode) =>
    (await node.sql.query(`SELECT seq::int, actor, action, subject, details FROM audit_log ORDER BY seq DESC LIMIT 1`)).rows[0];
  const lastAuditOf = async (node: TestNode, action: string) =>
    (await node.sql.query(`SELECT actor, action, subject, details FROM audit_log WHERE action = $1 ORDER BY seq DESC LIMIT 1`, [action]))
      .rows[0];
  const sightings = async (node: TestNode, source: string) =>
    (
      await node.sql.query(
        `SELECT fingerprint, type, value, pseudonymised, tlp, sightings, reporters, verdict, confidence, narratives, modified, received_at FROM partner_sightings WHERE source_node = $1 ORDER BY fingerprint`,
        [source],
      )
    ).rows;
  const sync = async (from: TestNode, to: TestNode) => {
    const r = await call(`${from.url}/v1/admin/partners/${to.nodeId}/sync`, { key: from.adminKey, method: 'POST' });
    expect(r.status).toBe(202);
  };
  /** Waits until the push to `to` has gone past every indicator `from` holds, i.e. the cursor reached the end. */
  const synced = (from: TestNode, to: TestNode) =>
    waitFor(async () => {
      const { rows } = await from.sql.query(
        `SELECT c.after_at = (SELECT max(updated_at) FROM indicators) AND c.after_fingerprint = (SELECT max(fingerprint) FROM indicators WHERE updated_at = (SELECT max(updated_at) FROM indicators)) AS done
           FROM exchange_cursors c WHERE c.partner_node_id = $1`,
        [to.nodeId],
      );
      return rows[0]?.done === true;
    }, 30000);
  const nodeKey = (node: TestNode) => node.api!.get(NodeKeyService, { strict: false }).key;

  beforeAll(async () => {
    ({ sg, kr, close } = await startTwoNodes());
    for (const node of [sg, kr]) {
      for (const org of ['bankA', 'bankB', 'telcoC']) {
        const r = await call(`${node.url}/v1/admin/keys`, {
          key: node.adminKey,
          body: { role: 'reporter', organisation: `${org}-${node.name}`, trust: 'medium' },
        });
        expect(r.status).toBe(201);
        keys[`${node.name}.${org}`] = r.body.key;
      }
    }
  });

  afterAll(async () => {
    await close?.();
  });

  it('publishes each node identity: Ed25519 SPKI PEM and its RFC 7638 keyId', async () => {
    for (const node of [sg, kr]) {
      const r = await call(`${node.url}/v1/exchange/identity`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['jurisdiction', 'keyId', 'nodeId', 'publicKey']);
      expect(r.body).toMatchObject({ nodeId: node.nodeId, jurisdiction: node.jurisdiction });
      expect(r.body.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(r.body.keyId).toBe(jwkThumbprint(loadPublicKeyPem(r.body.publicKey)));
    }
  });

  it('registers partners (admin only, validated, audited, key never shown)', async () => {
    const bad = await call(`${sg.url}/v1/admin/partners`, {
      key: sg.adminKey,
      body: {
        nodeId: 'kr-knpa',
        jurisdiction: 'KR',
        baseUrl: 'ftp://x',
        publicKey: 'nope',
        policy: { ...POLICY, maxTlp: 'red', extra: 1 },
        colour: 'blue',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ['baseUrl', 'colour', 'policy.extra', 'policy.maxTlp', 'pseudonymKey', 'publicKey'].sort(),
    );
    const noKey = await call(`${sg.url}/v1/admin/partners`, {
      key: sg.adminKey,
      body: {
        nodeId: 'kr-knpa',
        jurisdiction: 'KR',
        baseUrl: kr.proxy.url,
        publicKey: (await call(`${kr.url}/v1/exchange/identity`)).body.publicKey,
        policy: POLICY,
      },
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details).toEqual([expect.objectContaining({ path: 'pseudonymKey' })]);
    expect((await call(`${sg.url}/v1/admin/partners`, { key: keys['sg.bankA'], body: {} })).status).toBe(403);

    const before = await auditCount(sg);
    const created = await registerPartner(sg, kr, POLICY, PSEUDONYM_KEY);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      nodeId: 'kr-knpa',
      jurisdiction: 'KR',
      baseUrl: kr.proxy.url,
      hasPseudonymKey: true,
      policy: POLICY,
    });
    expect(JSON.stringify(created.body)).not.toContain(PSEUDONYM_KEY);
    expect(await auditCount(sg)).toBe(before + 1);
    const entry = await lastAudit(sg);
    expect(entry).toMatchObject({ action: 'partner.created', subject: 'kr-knpa', details: { pseudonymKey: 'set' } });
    expect(JSON.stringify(entry)).not.toContain(PSEUDONYM_KEY);
    expect((await registerPartner(kr, sg, POLICY, PSEUDONYM_KEY)).status).toBe(201);

    const list = await call(`${sg.url}/v1/admin/partners`, { key: sg.adminKey });
    expect(list.status).toBe(200);
    expect(list.body.partners).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(PSEUDONYM_KEY);
    expect((await call(`${sg.url}/v1/admin/partners/nobody/sync`, { key: sg.adminKey, method: 'POST' })).status).toBe(404);
  });

  let phoneReports: number;
  it('syncs both ways through the signed push path', async () => {
    const ids: string[] = [];
    // A phone three SG reporters name (one with personal data and a green narrative; one red report with its own narrative).
    ids.push(
      await submit(
        sg,
        keys['sg.bankA'],
        report({ indicators: [{ value: '+65 8123 4567' }], narrative: GREEN_NARRATIVE, reporter: REPORTER }),
      ),
    );
    ids.push(await submit(sg, keys['sg.bankB'], report({ indicators: [{ value: '8123-4567' }] })));
    ids.push(await submit(sg, keys['sg.telcoC'], report({ indicators: [{ value: '+6581234567' }], tlp: 'red', narrative: RED_NARRATIVE })));
    phoneReports = 3;
    // Only red, only amber+strict: never leave. An email at clear, a bank account (pseudonymised for KR).
    ids.push(await submit(sg, keys['sg.bankA'], report({ indicators: [{ value: RED_URL }], tlp: 'red', narrative: RED_NARRATIVE })));
    ids.push(await submit(sg, keys['sg.bankA'], report({ indicators: [{ type: 'domain', value: STRICT_DOMAIN }], tlp: 'amber+strict' })));
    ids.push(
      await submit(
        sg,
        keys['sg.bankB'],
        report({ indicators: [{ value: 'refund-desk@scam-mail-sg.top' }], tlp: 'clear', reporter: REPORTER }),
      ),
    );
    ids.push(await submit(sg, keys['sg.bankB'], report({ indicators: [{ type: 'bank_account', value: SG_ACCOUNT }], tlp: 'amber' })));
    await processed(sg, ids);
    const krIds = [
      await submit(kr, keys['kr.bankA'], report({ indicators: [{ value: '+6581234567' }], jurisdiction: 'KR' })),
      await submit(
        kr,
        keys['kr.bankB'],
        report({ indicators: [{ value: '010-1234-5678' }], occurredAt: new Date(Date.now() - 86400_000).toISOString() }),
      ),
    ];
    await processed(kr, krIds);

    await sync(sg, kr);
    await sync(kr, sg);
    await synced(sg, kr);
    await synced(kr, sg);

    const atKr = await sightings(kr, 'sg-spf');
    expect(atKr.map((r) => r.type).sort()).toEqual(['bank_account', 'email', 'phone']);
    const phone = atKr.find((r) => r.type === 'phone')!;
    expect(phone).toMatchObject({ value: '+6581234567', sightings: phoneReports, reporters: 3, pseudonymised: false, tlp: 'green' });
    const atSg = await sightings(sg, 'kr-knpa');
    expect(atSg.map((r) => r.value).sort()).toEqual(['+6581234567', '+821012345678']);
    expect(atSg.every((r) => r.sightings === 1)).toBe(true);

    // The sender holds the receiver-signed copy of its head; the receiver logged the batch it received.
    const { rows: witnessed } = await sg.sql.query(
      `SELECT seq::int, hash, receipt FROM audit_witnessed_heads WHERE partner_node_id = 'kr-knpa'`,
    );
    expect(witnessed.length).toBeGreaterThan(0);
    const {
      rows: [own],
    } = await sg.sql.query(`SELECT hash FROM audit_log WHERE seq = $1`, [witnessed[0].seq]);
    expect(own.hash).toBe(witnessed[0].hash);
    const krKey = loadPublicKeyPem((await call(`${kr.url}/v1/exchange/identity`)).body.publicKey);
    expect(checkReceipt(witnessed[0].receipt, { publicKey: krKey, digest: witnessed[0].receipt.digest }).ok).toBe(true);
    expect(
      (await sg.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.sent' AND subject = 'kr-knpa'`)).rows[0].n,
    ).toBeGreaterThan(0);
    expect(
      (await kr.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.received' AND subject = 'sg-spf'`)).rows[0].n,
    ).toBeGreaterThan(0);
    const { rows: heads } = await kr.sql.query(`SELECT seq::int, hash FROM partner_audit_heads WHERE partner_node_id = 'sg-spf'`);
    expect(heads.length).toBeGreaterThan(0);
  });

  it('every body that crossed is signed STIX 2.1 without red, amber+strict, reporter data or narratives (objects kept for the schema check)', async () => {
    const bodies = [...sg.proxy.requests, ...kr.proxy.requests].filter((r) => r.method === 'POST');
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    const emitted: { type: string; id: string }[] = [];
    for (const r of bodies) {
      expect(r.headers['content-type']).toBe('application/stix+json;version=2.1');
      expect(r.headers['signature-input']).toMatch(
        /^sig1=\("@method" "@target-uri" "content-digest" "audit-head"\);created=\d+;nonce="[^"]+";keyid="[^"]+";alg="ed25519"$/,
      );
      const text = r.body.toString('utf8');
      for (const forbidden of [
        REPORTER.name,
        REPORTER.contact,
        RED_NARRATIVE,
        GREEN_NARRATIVE,
        RED_URL,
        'red-only-secret',
        STRICT_DOMAIN,
        SG_ACCOUNT,
        '1234567890',
        TLP_MARKING_IDS.red,
        TLP_MARKING_IDS['amber+strict'],
        '"narratives"',
        'reporter_contact',
      ]) {
        expect(text).not.toContain(forbidden);
      }
      const bundle = JSON.parse(text);
      expect(bundle.type).toBe('bundle');
      emitted.push(...bundle.objects);
    }
    // Schema validity of every object that crossed is checked by `npm run test:conformance` (needs ../shared).
    recordEmitted('exchange-bodies', emitted);
  });

  it("shows the partner's verdict beside the local one (byJurisdiction, sourceNode), never instead of it", async () => {
    const atKr = await call(`${kr.url}/v1/lookup?q=${encodeURIComponent('+65 8123 4567')}`);
    expect(atKr.status).toBe(200);
    const atSg = await call(`${sg.url}/v1/lookup?q=${encodeURIComponent('+65 8123 4567')}`);
    expect(atSg.body.verdict).toBe('scam'); // three medium-trust reporters: SG's rule
    const local = atKr.body.byJurisdiction.find((e: { sourceNode: string }) => e.sourceNode === 'kr-knpa');
    const partner = atKr.body.byJurisdiction.find((e: { sourceNode: string }) => e.sourceNode === 'sg-spf');
    expect(local).toMatchObject({ jurisdiction: 'KR', reports: 1, verdict: 'suspicious' });
    expect(partner).toMatchObject({ jurisdiction: 'SG', verdict: 'scam', reports: phoneReports, rule: 'partner' });
    expect(atKr.body.verdict).toBe('suspicious'); // KR's own rule (3 reports) is not met; SG's scam does not overwrite it
    // The totals cover every sighting KR holds, its own and SG's (CONTRACT §6); byJurisdiction is their breakdown.
    expect(atKr.body).toMatchObject({ reports: 1 + phoneReports, jurisdictions: ['KR', 'SG'], scamTypes: ['phishing'] });
    expect(atKr.body.firstSeen <= partner.firstSeen && atKr.body.lastSeen >= local.lastSeen).toBe(true);
    const back = await call(`${sg.url}/v1/lookup?q=${encodeURIComponent('010-1234-5678')}&region=KR`);
    expect(back.body.verdict).toBe('unknown');
    expect(back.body.byJurisdiction).toEqual([
      expect.objectContaining({ jurisdiction: 'KR', sourceNode: 'kr-knpa', verdict: 'suspicious', reports: 1 }),
    ]);
    expect(back.body).toMatchObject({ reports: 1, jurisdictions: ['KR'], scamTypes: ['phishing'] });
  });

  it("a value reported only in SG counts in KR's lookup: reports, first/last seen, jurisdictions, scam types", async () => {
    const onlySg = await call(`${kr.url}/v1/lookup?q=${encodeURIComponent('refund-desk@scam-mail-sg.top')}`);
    expect(onlySg.status).toBe(200);
    const [entry] = onlySg.body.byJurisdiction;
    expect(onlySg.body.byJurisdiction).toEqual([expect.objectContaining({ jurisdiction: 'SG', sourceNode: 'sg-spf', reports: 1 })]);
    expect(onlySg.body).toMatchObject({
      reports: 1,
      jurisdictions: ['SG'],
      scamTypes: ['phishing'],
      firstSeen: entry.firstSeen,
      lastSeen: entry.lastSeen,
    });
    // The verdict stays KR's own: a partner's sightings inform it, they do not decide it.
    expect(onlySg.body.explanation.jurisdiction).toBe('KR');
  });

  it('a pseudonymised bank account matches at the receiver only for a value it asks about', async () => {
    const rows = (await sightings(kr, 'sg-spf')).filter((r) => r.type === 'bank_account');
    expect(rows).toHaveLength(1);
    const expected = pseudonym(PSEUDONYM_KEY, SG_ACCOUNT);
    expect(rows[0]).toMatchObject({ pseudonymised: true, value: expected, fingerprint: fingerprint('bank_account', expected) });
    const dump = JSON.stringify((await kr.sql.query(`SELECT * FROM partner_sightings`)).rows);
    expect(dump).not.toContain('1234567890');
    const asked = await call(`${kr.url}/v1/lookup?q=${encodeURIComponent(SG_ACCOUNT)}&type=bank_account`);
    expect(asked.body.byJurisdiction).toEqual([expect.objectContaining({ jurisdiction: 'SG', sourceNode: 'sg-spf', reports: 1 })]);
    expect(asked.body).toMatchObject({ reports: 1, jurisdictions: ['SG'] });
    const other = await call(`${kr.url}/v1/lookup?q=${encodeURIComponent(OTHER_ACCOUNT)}&type=bank_account`);
    expect(other.body.byJurisdiction).toEqual([]);
    expect(other.body).toMatchObject({ reports: 0, jurisdictions: [], firstSeen: null });
  });

  it('POST /v1/check answers partner records (clear and pseudonymised) exactly as GET /v1/lookup does', async () => {
    const items = [
      { value: SG_ACCOUNT, type: 'bank_account' },
      { value: OTHER_ACCOUNT, type: 'bank_account' },
      { value: '+65 8123 4567' },
      { value: 'refund-desk@scam-mail-sg.top' },
    ];
    const checked = await call(`${kr.url}/v1/check`, { key: keys['kr.bankA'], body: { items } });
    expect(checked.status).toBe(200);
    for (const [i, it] of items.entries()) {
      const q = new URLSearchParams({ q: it.value, ...(it.type ? { type: it.type } : {}) });
      expect(checked.body.results[i]).toEqual((await call(`${kr.url}/v1/lookup?${q}`)).body);
    }
    expect(checked.body.results.map((r: { byJurisdiction: unknown[] }) => r.byJurisdiction.length)).toEqual([1, 0, 2, 1]);
  });

  it('a batch delivered twice changes nothing', async () => {
    const last = [...kr.proxy.requests].reverse().find((r) => r.method === 'POST' && r.status === 200)!;
    const before = await sightings(kr, 'sg-spf');
    const res = await signedPost(kr, last.body, nodeKey(sg));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ batchId: JSON.parse(last.body.toString()).id, keyId: nodeKey(kr).keyId });
    expect(await sightings(kr, 'sg-spf')).toEqual(before);
  });

  describe('refused requests: 401 with exactly one audit entry each', () => {
    const expectRefused = async (res: { status: number; body: any }, reason: string, before: number) => {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        error: { code: 'bad_signature', details: [{ path: 'signature', message: reason }] },
        requestId: expect.any(String),
      });
      expect(await auditCount(kr)).toBe(before + 1);
      expect(await lastAudit(kr)).toMatchObject({
        action: 'exchange.rejected',
        subject: 'POST /v1/exchange/inbox',
        details: { reason, status: 401 },
      });
    };
    const bundleBody = () =>
      Buffer.from(JSON.stringify(toStixBundle([indicator('phone', '+6590000001')], { nodeId: 'sg-spf', jurisdiction: 'SG' })));

    it('replayed', async () => {
      const original = kr.proxy.requests.find((r) => r.method === 'POST' && r.status === 200)!;
      const before = await auditCount(kr);
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'content-digest', 'audit-head', 'signature-input', 'signature'])
        headers[h] = String(original.headers[h]);
      const res = await raw(`${kr.proxy.url}/v1/exchange/inbox`, headers, original.body);
      await expectRefused(res, 'replay', before);
    });
    it('altered body', async () => {
      const before = await auditCount(kr);
      const body = bundleBody();
      const headers = signedHeaders(kr.url, body, nodeKey(sg));
      const altered = Buffer.from(body.toString().replace('+6590000001', '+6590000002'));
      await expectRefused(await raw(`${kr.url}/v1/exchange/inbox`, headers, altered), 'bad_digest', before);
    });
    it('altered signed header', async () => {
      const before = await auditCount(kr);
      const body = bundleBody();
      const headers = signedHeaders(kr.url, body, nodeKey(sg), { auditHead: { seq: 1, hash: GENESIS_HASH } });
      headers['Audit-Head'] = `seq=2, hash="${GENESIS_HASH}"`;
      await expectRefused(await raw(`${kr.url}/v1/exchange/inbox`, headers, body), 'bad_signature', before);
    });
    it('stale (created 10 minutes ago)', async () => {
      const before = await auditCount(kr);
      const body = bundleBody();
      await expectRefused(
        await raw(
          `${kr.url}/v1/exchange/inbox`,
          signedHeaders(kr.url, body, nodeKey(sg), { created: Math.floor(Date.now() / 1000) - 600 }),
          body,
        ),
        'stale',
        before,
      );
    });
    it('unknown key', async () => {
      const before = await auditCount(kr);
      const body = bundleBody();
      const stranger = generateKeyPairSync('ed25519');
      const res = await raw(
        `${kr.url}/v1/exchange/inbox`,
        signedHeaders(kr.url, body, { privateKey: stranger.privateKey, keyId: jwkThumbprint(stranger.publicKey) }),
        body,
      );
      await expectRefused(res, 'unknown_key', before);
    });
    it('unsigned', async () => {
      const before = await auditCount(kr);
      await expectRefused(
        await raw(`${kr.url}/v1/exchange/inbox`, { 'content-type': 'application/stix+json;version=2.1' }, bundleBody()),
        'missing_signature',
        before,
      );
    });
    it('nothing of the refused requests was stored', async () => {
      const { rows } = await kr.sql.query(`SELECT count(*)::int AS n FROM partner_sightings WHERE value IN ('+6590000001', '+6590000002')`);
      expect(rows[0].n).toBe(0);
    });
  });

  describe("bundles that break the receiver's policy are refused whole (403, audited)", () => {
    const refused = async (inds: ExchangeIndicator[], reason: string, sender = { nodeId: 'sg-spf', jurisdiction: 'SG' }) => {
      const before = await auditCount(kr);
      const stored = (await sightings(kr, 'sg-spf')).length;
      const res = await signedPost(kr, Buffer.from(JSON.stringify(toStixBundle(inds, sender))), nodeKey(sg));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('policy_violation');
      expect(await auditCount(kr)).toBe(before + 1);
      expect(await lastAudit(kr)).toMatchObject({ action: 'exchange.rejected', details: { reason, status: 403 } });
      expect((await sightings(kr, 'sg-spf')).length).toBe(stored);
    };
    it('one red object among green ones', () =>
      refused([indicator('phone', '+6590000011'), { ...indicator('phone', '+6590000012'), tlp: 'red' }], 'policy'));
    it('amber+strict', () => refused([{ ...indicator('phone', '+6590000013'), tlp: 'amber+strict' }], 'policy'));
    it('a bank account in clear where a pseudonym was agreed', () =>
      refused([indicator('bank_account', 'SG:7171:5555555555'), indicator('phone', '+6590000014')], 'policy'));
    it('narratives the policy does not share', () =>
      refused([{ ...indicator('phone', '+6590000015'), narratives: ['a story'] }], 'policy'));
    it('a bundle that names another sender than its signer', () =>
      refused([indicator('phone', '+6590000016')], 'sender_mismatch', { nodeId: 'kr-knpa', jurisdiction: 'KR' }));
    it('400 for a bundle that is not STIX this node can read (audited)', async () => {
      const before = await auditCount(kr);
      const res = await signedPost(
        kr,
        Buffer.from(
          JSON.stringify({
            type: 'bundle',
            id: 'bundle--6f1c9e0a-3b7e-4c55-9d2a-0e8b1f4c7a21',
            objects: [
              { type: 'indicator', id: 'indicator--6f1c9e0a-3b7e-4c55-9d2a-0e8b1f4c7a22', pattern: "[x:y = 'z']", pattern_type: 'stix' },
            ],
          }),
        ),
        nodeKey(sg),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(await auditCount(kr)).toBe(before + 1);
      expect(await lastAudit(kr)).toMatchObject({ action: 'exchange.rejected', details: { reason: 'invalid_stix', status: 400 } });
    });
  });

  it('pull: GET /v1/exchange/outbox pages the same policy-filtered objects for the signing partner', async () => {
    expect((await call(`${sg.url}/v1/exchange/outbox`)).status).toBe(401);
    const values: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const url = `${sg.url}/v1/exchange/outbox?limit=2${after ? `&after=${after}` : ''}`;
      const res = await raw(url, signedHeaders(url, undefined, nodeKey(kr), { method: 'GET' }), undefined, 'GET');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['more', 'next', 'objects']);
      const inds = res.body.objects.filter((o: { type: string }) => o.type === 'indicator');
      expect(inds.length).toBeLessThanOrEqual(2);
      for (const o of inds) values.push(o.extensions[Object.keys(o.extensions)[0]].fingerprint);
      expect(JSON.stringify(res.body)).not.toContain(REPORTER.contact);
      after = res.body.next;
      if (!res.body.more) break;
    }
    const pushed = (await sightings(kr, 'sg-spf')).map((r) => r.fingerprint).sort();
    expect(values.sort()).toEqual(pushed);
    const bad = `${sg.url}/v1/exchange/outbox?after=nonsense`;
    expect((await raw(bad, signedHeaders(bad, undefined, nodeKey(kr), { method: 'GET' }), undefined, 'GET')).status).toBe(400);
  });

  it('partner down, then back: everything is delivered, once', async () => {
    const ids = [await submit(sg, keys['sg.bankA'], report({ indicators: [{ value: '+65 8123 4567' }] }))];
    const fresh = ['+6591110001', '+6591110002', '+6591110003', '+6591110004', '+6591110005'];
    for (const v of fresh) ids.push(await submit(sg, keys['sg.bankB'], report({ indicators: [{ value: v }] })));
    await processed(sg, ids);
    await kr.stopApi();
    await sync(sg, kr);
    await waitFor(
      async () => (await sg.sql.query(`SELECT last_error FROM exchange_cursors WHERE partner_node_id = 'kr-knpa'`)).rows[0].last_error,
    );
    expect((await sightings(kr, 'sg-spf')).map((r) => r.value)).not.toContain(fresh[0]);
    await new Promise((r) => setTimeout(r, 1000)); // a retry or two against the closed API
    await kr.startApi();
    await synced(sg, kr);
    const rows = await sightings(kr, 'sg-spf');
    expect(rows).toHaveLength(3 + fresh.length);
    for (const v of fresh) expect(rows.filter((r) => r.value === v).map((r) => r.sightings)).toEqual([1]);
    expect(rows.find((r) => r.value === '+6581234567')!.sightings).toBe(phoneReports + 1);
    const { rows: local } = await sg.sql.query(
      `SELECT sum(reports)::int AS n FROM indicator_stats s JOIN indicators i USING (fingerprint) WHERE s.jurisdiction = 'SG' AND i.value = ANY($1)`,
      [[...fresh, '+6581234567']],
    );
    expect(rows.filter((r) => r.type === 'phone').reduce((n, r) => n + r.sightings, 0)).toBe(local[0].n);
    expect((await sg.sql.query(`SELECT last_error FROM exchange_cursors WHERE partner_node_id = 'kr-knpa'`)).rows[0].last_error).toBeNull();
  });

  it("pull: KR set to pull reads what SG reports next from SG's outbox, with its own cursor; SG set to pull no longer pushes", async () => {
    // SG → KR becomes pull (SG reads KR's outbox, pushes nothing); KR → SG becomes both (KR pushes and reads SG's outbox).
    expect((await registerPartner(sg, kr, POLICY, PSEUDONYM_KEY, { mode: 'pull' })).body).toMatchObject({ mode: 'pull' });
    expect((await registerPartner(kr, sg, POLICY, PSEUDONYM_KEY, { mode: 'both' })).body).toMatchObject({ mode: 'both' });
    const ids = [await submit(sg, keys['sg.bankA'], report({ indicators: [{ value: 'pulled-only@scam-mail-sg.top' }], tlp: 'clear' }))];
    await processed(sg, ids);
    const mark = kr.proxy.requests.length;
    await sync(sg, kr);
    await waitFor(
      async () => (await sg.sql.query(`SELECT pages::int FROM exchange_pull_cursors WHERE partner_node_id = 'kr-knpa'`)).rows[0]?.pages > 0,
    );
    const toKr = kr.proxy.requests.slice(mark);
    expect(toKr.filter((r) => r.method === 'POST')).toEqual([]);
    expect(toKr.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/exchange/outbox')).length).toBeGreaterThan(0);
    expect((await sightings(kr, 'sg-spf')).map((r) => r.value)).not.toContain('pulled-only@scam-mail-sg.top');

    await sync(kr, sg);
    await waitFor(async () => (await sightings(kr, 'sg-spf')).find((r) => r.value === 'pulled-only@scam-mail-sg.top'), 30000);
    const pullState = async () =>
      (await kr.sql.query(`SELECT after, pages::int, last_error FROM exchange_pull_cursors WHERE partner_node_id = 'sg-spf'`)).rows[0];
    await waitFor(async () => (await pullState())?.after && !(await pullState()).last_error);
    const partner = (await call(`${kr.url}/v1/admin/partners/sg-spf`, { key: kr.adminKey })).body;
    expect(partner).toMatchObject({ mode: 'both', pull: { cursor: expect.any(String), lastError: null } });
    expect(await lastAuditOf(kr, 'exchange.pulled')).toMatchObject({ actor: 'system', subject: 'sg-spf' });
    expect((await call(`${kr.url}/v1/lookup?q=pulled-only@scam-mail-sg.top`)).body).toMatchObject({ reports: 1, jurisdictions: ['SG'] });

    // Everything SG pushed before came again by pull: nothing changed. A second pull from the cursor changes nothing either.
    const before = await sightings(kr, 'sg-spf');
    const pages = (await pullState()).pages;
    await sync(kr, sg);
    await waitFor(async () => (await pullState()).pages > pages);
    expect(await sightings(kr, 'sg-spf')).toEqual(before);
    // Back to push (the default) for the tests that follow.
    expect((await registerPartner(sg, kr, POLICY, PSEUDONYM_KEY)).body).toMatchObject({ mode: 'push' });
    expect((await registerPartner(kr, sg, POLICY, PSEUDONYM_KEY)).body).toMatchObject({ mode: 'push' });
  });

  it('narratives travel only once both policies share them, and never from a red report', async () => {
    const mark = kr.proxy.requests.length;
    const shared = { ...POLICY, shareNarrative: true };
    const updated = await registerPartner(sg, kr, shared, PSEUDONYM_KEY);
    expect(updated.status).toBe(200);
    expect(await lastAudit(sg)).toMatchObject({
      action: 'partner.updated',
      details: { changed: ['policy'], cursorReset: true, pseudonymKey: 'unchanged' },
    });
    expect((await registerPartner(kr, sg, shared, PSEUDONYM_KEY)).status).toBe(200);
    await sync(sg, kr);
    await waitFor(async () => (await sightings(kr, 'sg-spf')).find((r) => r.value === '+6581234567')?.narratives);
    await synced(sg, kr);
    const phone = (await sightings(kr, 'sg-spf')).find((r) => r.value === '+6581234567')!;
    expect(phone.narratives).toEqual([GREEN_NARRATIVE]);
    const after = kr.proxy.requests
      .slice(mark)
      .filter((r) => r.method === 'POST')
      .map((r) => r.body.toString());
    expect(after.some((b) => b.includes(GREEN_NARRATIVE))).toBe(true);
    for (const b of after)
      for (const forbidden of [RED_NARRATIVE, REPORTER.name, REPORTER.contact, '1234567890']) expect(b).not.toContain(forbidden);
    // The bank account stays pseudonymised, so it carries no narrative either.
    expect((await sightings(kr, 'sg-spf')).find((r) => r.type === 'bank_account')!.narratives).toBeNull();
  });

  describe('audit log tampering (trigger bypassed as superuser) is caught by GET /v1/audit/verify', () => {
    const verify = async () => (await call(`${sg.url}/v1/audit/verify`, { key: sg.adminKey })).body;
    const tamper = async (sql: string, params: unknown[] = []) => {
      await sg.sql.query(`SET session_replication_role = replica`);
      try {
        await sg.sql.query(sql, params);
      } finally {
        await sg.sql.query(`SET session_replication_role = origin`);
      }
    };
    beforeAll(async () => {
      expect(await verify()).toMatchObject({ ok: true });
      await sg.sql.query(`CREATE TABLE audit_backup AS SELECT * FROM audit_log`);
    });
    afterEach(async () => {
      await tamper(`DELETE FROM audit_log`);
      await tamper(`INSERT INTO audit_log SELECT * FROM audit_backup`);
      expect(await verify()).toMatchObject({ ok: true });
    });
    it('the application cannot rewrite it', async () => {
      await expect(sg.sql.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(sg.sql.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });
    it('an UPDATEd row', async () => {
      await tamper(`UPDATE audit_log SET details = '{"role":"admin"}' WHERE seq = 3`);
      expect(await verify()).toEqual({ ok: false, firstBadSeq: 3, reason: 'hash_mismatch' });
    });
    it('a DELETEd row', async () => {
      await tamper(`DELETE FROM audit_log WHERE seq = 4`);
      expect(await verify()).toEqual({ ok: false, firstBadSeq: 4, reason: 'seq_gap' });
    });
    it('two rows swapped', async () => {
      await tamper(`UPDATE audit_log SET seq = -5 WHERE seq = 5`);
      await tamper(`UPDATE audit_log SET seq = 5 WHERE seq = 6`);
      await tamper(`UPDATE audit_log SET seq = 6 WHERE seq = -5`);
      expect(await verify()).toEqual({ ok: false, firstBadSeq: 5, reason: 'prev_hash_mismatch' });
    });
    it('a truncated tail (beyond a head the partner witnessed)', async () => {
      const { rows } = await sg.sql.query(`SELECT max(seq)::int AS w FROM audit_witnessed_heads`);
      await tamper(`DELETE FROM audit_log WHERE seq >= $1`, [rows[0].w]);
      expect(await verify()).toEqual({ ok: false, firstBadSeq: rows[0].w, reason: 'truncated' });
    });
    it('a fully recomputed chain is caught through the head the partner witnessed', async () => {
      const { rows } = await sg.sql.query(`SELECT seq::int, at, actor, action, subject, details FROM audit_log ORDER BY seq`);
      let prev = GENESIS_HASH;
      const rewritten = rows.map((r) => {
        const entry = {
          seq: r.seq,
          at: r.at.toISOString(),
          actor: r.seq === 2 ? 'someone-else' : r.actor,
          action: r.action,
          ...(r.subject === null ? {} : { subject: r.subject }),
          details: r.details,
        };
        const hash = computeHash(prev, entry);
        const out = { ...entry, prevHash: prev, hash };
        prev = hash;
        return out;
      });
      for (const e of rewritten)
        await tamper(`UPDATE audit_log SET actor = $2, prev_hash = $3, hash = $4 WHERE seq = $1`, [e.seq, e.actor, e.prevHash, e.hash]);
      const { rows: w } = await sg.sql.query(`SELECT min(seq)::int AS first FROM audit_witnessed_heads WHERE seq >= 2`);
      expect(await verify()).toEqual({ ok: false, firstBadSeq: w[0].first, reason: 'witness_mismatch' });
    });
  });

  // ---- helpers --------------------------------------------------------------------------------------------

  function indicator(type: ExchangeIndicator['type'], value: string): ExchangeIndicator {
    return {
      fingerprint: fingerprint(type, value),
      type,
      value,
      pseudonymised: false,
      tlp: 'green',
      confidence: 50,
      verdict: 'suspicious',
      revoked: false,
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-02T00:00:00.000Z',
      sightings: 1,
      reporters: 1,
      scamTypes: ['phishing'],
      attributes: {},
      modified: new Date().toISOString(),
    };
  }

  function signedHeaders(
    url: string,
    body: Buffer | undefined,
    key: { privateKey: KeyObject; keyId: string },
    opts: { created?: number; auditHead?: { seq: number; hash: string }; method?: string } = {},
  ) {
    const target = url.includes('/v1/') ? url : `${url}/v1/exchange/inbox`;
    const h = signRequest({
      method: opts.method ?? 'POST',
      targetUri: target,
      body,
      keyId: key.keyId,
      privateKey: key.privateKey,
      created: opts.created,
      auditHead: opts.auditHead,
    });
    return { ...(body ? { 'content-type': 'application/stix+json;version=2.1' } : {}), ...h } as Record<string, string>;
  }

  async function raw(url: string, headers: Record<string, string>, body: Buffer | undefined, method = 'POST') {
    const res = await fetch(url, { method, headers, body: body as unknown as BodyInit });
    const text = await res.text();
    checkDocumented({ method, url, status: res.status, contentType: res.headers.get('content-type'), text });
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  function signedPost(node: TestNode, body: Buffer, key: { privateKey: KeyObject; keyId: string }) {
    return raw(`${node.url}/v1/exchange/inbox`, signedHeaders(node.url, body, key), body);
  }
});
