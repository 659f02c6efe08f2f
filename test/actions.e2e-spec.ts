import { ActionsTrafficService } from '@scamintel/actions';
import { NodeKeyService } from '@scamintel/exchange';
import { signRequest } from '@scamintel/exchange-core';
import { fingerprint } from '@scamintel/vocabulary';
import { call, waitFor } from './support/node';
import { TestNode, registerPartner, startTwoNodes } from './support/two-nodes';

const POLICY = {
  maxTlp: 'amber',
  types: ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'],
  minConfidence: 0,
  pseudonymise: [],
  shareNarrative: false,
};
const DAY = 86_400_000;

describe('disruption actions across the border (CONTRACT §12)', () => {
  let sg: TestNode;
  let kr: TestNode;
  let close: () => Promise<void>;
  const keys: Record<string, string> = {};

  const key = async (node: TestNode, name: string, body: Record<string, unknown>) => {
    const r = await call(`${node.url}/v1/admin/keys`, { key: node.adminKey, body });
    expect(r.status).toBe(201);
    keys[name] = r.body.key;
  };
  const audit = async (node: TestNode, action: string) =>
    (await node.sql.query(`SELECT actor, subject, details FROM audit_log WHERE action = $1 ORDER BY seq`, [action])).rows;

  beforeAll(async () => {
    ({ sg, kr, close } = await startTwoNodes());
    expect((await registerPartner(sg, kr, POLICY)).status).toBe(201);
    expect((await registerPartner(kr, sg, POLICY)).status).toBe(201);
    await key(sg, 'sgAnalyst', { role: 'analyst', organisation: 'SPF Anti-Scam Command' });
    await key(sg, 'dbs', {
      role: 'reporter',
      organisation: 'DBS Bank',
      trust: 'high',
      sector: 'bank',
      bankCodes: ['7171'],
      jurisdiction: 'SG',
    });
    await key(sg, 'ocbc', {
      role: 'reporter',
      organisation: 'OCBC',
      trust: 'high',
      sector: 'bank',
      bankCodes: ['7339'],
      jurisdiction: 'SG',
    });
    await key(sg, 'singtel', { role: 'reporter', organisation: 'Singtel', sector: 'telco', jurisdiction: 'SG' });
    await key(sg, 'starhub', { role: 'reporter', organisation: 'StarHub', sector: 'telco', jurisdiction: 'SG' });
    await key(kr, 'krAnalyst', { role: 'analyst', organisation: 'KNPA' });
  });
  afterAll(async () => close?.());

  it('a KR analyst asks SG to freeze an SG account; SG accepts; the bank acknowledges and completes; KR sees done; both audit logs verify', async () => {
    const asked = await call(`${kr.url}/v1/actions`, {
      key: keys.krAnalyst,
      body: {
        kind: 'freeze_account',
        value: 'SG:7171:1234567890',
        reason: 'Victims in Korea paid into it',
        caseRef: 'KR-2026-1182',
        partner: 'sg-spf',
      },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      state: 'requested',
      partner: 'sg-spf',
      assignee: null,
      indicator: { type: 'bank_account', value: 'SG:7171:1234567890' },
    });
    const krId = asked.body.id;

    // At SG it appears for analysts, from KR, with no assignee; organisations do not see it yet.
    const inbound = await waitFor(async () =>
      (await call(`${sg.url}/v1/actions`, { key: keys.sgAnalyst })).body.actions.find((a: any) => a.from === 'kr-knpa'),
    );
    expect(inbound).toMatchObject({ state: 'requested', assignee: null, assignees: [], caseRef: 'KR-2026-1182', kind: 'freeze_account' });
    expect((await call(`${sg.url}/v1/actions`, { key: keys.dbs })).body.actions).toEqual([]);
    expect((await call(`${sg.url}/v1/actions/${inbound.id}`, { key: keys.dbs })).status).toBe(404);
    await waitFor(async () => (await call(`${kr.url}/v1/actions/${krId}`, { key: keys.krAnalyst })).body.delivery.sentAt !== null);

    const accepted = await call(`${sg.url}/v1/actions/${inbound.id}/accept`, { key: keys.sgAnalyst, body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ assignee: 'DBS Bank', state: 'requested', overdue: false });
    expect(accepted.body.ackDueAt).toBe(new Date(Date.parse(accepted.body.assignedAt) + 60 * 60_000).toISOString());

    // The bank sees it; another bank never does.
    expect((await call(`${sg.url}/v1/actions`, { key: keys.dbs })).body.actions.map((a: any) => a.id)).toEqual([inbound.id]);
    expect((await call(`${sg.url}/v1/actions`, { key: keys.ocbc })).body.actions).toEqual([]);
    expect((await call(`${sg.url}/v1/actions/${inbound.id}`, { key: keys.ocbc })).status).toBe(404);
    const stranger = await call(`${sg.url}/v1/actions/${inbound.id}/transition`, {
      key: keys.ocbc,
      body: { to: 'acknowledged', note: 'not ours' },
    });
    expect(stranger.status).toBe(404);

    const ack = await call(`${sg.url}/v1/actions/${inbound.id}/transition`, { key: keys.dbs, body: { to: 'acknowledged', note: 'on it' } });
    expect(ack.status).toBe(200);
    const done = await call(`${sg.url}/v1/actions/${inbound.id}/transition`, { key: keys.dbs, body: { to: 'done', note: 'frozen 10:42' } });
    expect(done.body).toMatchObject({ state: 'done', expiresAt: null });
    // Releasing is an analyst's step, not the bank's.
    expect((await call(`${sg.url}/v1/actions/${inbound.id}/transition`, { key: keys.dbs, body: { to: 'released' } })).status).toBe(403);

    const seen = await waitFor(async () => {
      const r = await call(`${kr.url}/v1/actions/${krId}`, { key: keys.krAnalyst });
      return r.body.state === 'done' && r.body;
    });
    // Reports travel through a queue and may overtake each other; a late, older one is ignored (never rolls back).
    const path = seen.history.map((h: any) => h.to);
    expect(path[0]).toBe('requested');
    expect(path.at(-1)).toBe('done');
    expect(
      path.every(
        (to: string, i: number) =>
          i === 0 || ['requested', 'acknowledged', 'done'].indexOf(to) >= ['requested', 'acknowledged', 'done'].indexOf(path[i - 1]),
      ),
    ).toBe(true);
    expect(seen.history.slice(1).every((h: any) => h.actor === 'partner:sg-spf')).toBe(true);
    // The requesting node cannot move what is the partner's to act on.
    expect((await call(`${kr.url}/v1/actions/${krId}/transition`, { key: keys.krAnalyst, body: { to: 'released' } })).status).toBe(409);

    expect((await audit(kr, 'action.request_sent')).map((r) => r.subject)).toEqual([krId]);
    expect((await audit(sg, 'action.request_received')).map((r) => r.details.remoteId)).toEqual([krId]);
    expect((await audit(sg, 'action.done')).map((r) => r.details)).toEqual([
      expect.objectContaining({ note: 'frozen 10:42', by: 'organisation:DBS Bank' }),
    ]);
    expect((await audit(kr, 'action.status_received')).map((r) => r.details.to).at(-1)).toBe('done');
    for (const node of [sg, kr])
      expect((await call(`${node.url}/v1/audit/verify`, { key: node.adminKey })).body).toMatchObject({ ok: true });
  });

  it('a request delivered twice is stored once; unsigned or badly signed requests are 401 and audited', async () => {
    const node = kr.worker.get(NodeKeyService);
    const body = {
      id: '11111111-2222-4333-8444-555555555555',
      kind: 'block_number',
      type: 'phone',
      value: '+6581234567',
      fingerprint: fingerprint('phone', '+6581234567'),
      reason: 'scam calls',
      caseRef: null,
      expiresInDays: null,
      requestedAt: new Date().toISOString(),
    };
    const send = async (mutate?: (h: Record<string, string>) => void) => {
      const raw = JSON.stringify(body);
      const target = `${sg.proxy.url}/v1/exchange/requests`;
      const headers = signRequest({ method: 'POST', targetUri: target, body: raw, keyId: node.keyId, privateKey: node.key.privateKey });
      mutate?.(headers);
      return call(target, { raw, headers: { ...headers, 'content-type': 'application/json' } });
    };
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const rejectedBefore = (await audit(sg, 'exchange.rejected')).length;
    expect((await call(`${sg.url}/v1/exchange/requests`, { body })).status).toBe(401);
    expect((await send((h) => (h.Signature = h.Signature.replace(/.{6}:$/, 'AAAAA=:')))).status).toBe(401);
    expect(
      (
        await call(`${sg.url}/v1/exchange/requests/${first.body.id}/status`, {
          body: { state: 'done', version: 9, at: new Date().toISOString(), note: null, assigned: true },
        })
      ).status,
    ).toBe(401);
    expect((await audit(sg, 'exchange.rejected')).length).toBe(rejectedBefore + 3);
    const stored = await sg.sql.query(`SELECT count(*)::int AS n FROM actions WHERE from_node = 'kr-knpa' AND remote_id = $1`, [body.id]);
    expect(stored.rows[0].n).toBe(1);
  });

  it('a telco block, offered to every SG telco, is claimed by one and expires after 7 days (clock injected)', async () => {
    const created = await call(`${sg.url}/v1/actions`, {
      key: keys.sgAnalyst,
      body: { kind: 'block_number', value: '+65 8765 4321', reason: 'impersonation calls' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ assignees: ['Singtel', 'StarHub'], assignee: null });
    const id = created.body.id;
    expect(created.body.ackDueAt).toBe(new Date(Date.parse(created.body.createdAt) + 10 * 60_000).toISOString());
    expect((await call(`${sg.url}/v1/actions`, { key: keys.starhub })).body.actions.map((a: any) => a.id)).toContain(id);
    await call(`${sg.url}/v1/actions/${id}/transition`, { key: keys.singtel, body: { to: 'acknowledged' } });
    // Claimed: the other telco no longer sees it.
    expect((await call(`${sg.url}/v1/actions/${id}`, { key: keys.starhub })).status).toBe(404);
    const done = await call(`${sg.url}/v1/actions/${id}/transition`, { key: keys.singtel, body: { to: 'done', note: 'blocked' } });
    expect(Date.parse(done.body.expiresAt) - Date.parse(done.body.doneAt)).toBe(7 * DAY);

    const traffic = sg.worker.get(ActionsTrafficService);
    expect(await traffic.expireDue(new Date(Date.parse(done.body.expiresAt) - 1000))).toBe(0);
    expect(await traffic.expireDue(new Date(Date.parse(done.body.expiresAt) + 1000))).toBe(1);
    const after = await call(`${sg.url}/v1/actions/${id}`, { key: keys.sgAnalyst });
    expect(after.body).toMatchObject({ state: 'expired' });
    expect(after.body.history.at(-1)).toMatchObject({ actor: 'system', from: 'done', to: 'expired', note: 'lifetime reached' });
    expect(await traffic.expireDue(new Date(Date.now() + 30 * DAY))).toBe(0);

    // An expired action cannot be reopened, by anyone.
    for (const [k, to] of [
      ['sgAnalyst', 'released'],
      ['singtel', 'done'],
      ['singtel', 'acknowledged'],
    ] as const) {
      const r = await call(`${sg.url}/v1/actions/${id}/transition`, { key: keys[k], body: { to } });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('illegal_transition');
    }
    expect((await call(`${sg.url}/v1/actions/${id}`, { key: keys.sgAnalyst })).body.version).toBe(after.body.version);
  });

  it('bad input is a clear 4xx and changes nothing', async () => {
    const count = async () => (await sg.sql.query(`SELECT count(*)::int AS n FROM actions`)).rows[0].n;
    const before = await count();
    const post = (body: unknown, k = keys.sgAnalyst) => call(`${sg.url}/v1/actions`, { key: k, body });
    const cases: [unknown, number, string][] = [
      [{ kind: 'seize_car', value: '+6581234567', reason: 'x' }, 400, 'validation_failed'],
      [{ kind: 'freeze_account', value: '+6581234567', reason: 'x' }, 422, 'kind_mismatch'],
      [{ kind: 'block_number', value: 'https://evil.example/login', reason: 'x' }, 422, 'kind_mismatch'],
      [{ kind: 'takedown', value: 'SG:7171:1234567890', reason: 'x' }, 422, 'kind_mismatch'],
      [{ kind: 'block_number', value: 'hello there', reason: 'x' }, 422, 'not_an_indicator'],
      [{ kind: 'block_number', value: '+6581234567', fingerprint: 'a'.repeat(64), reason: 'x' }, 400, 'validation_failed'],
      [{ kind: 'block_number', fingerprint: 'a'.repeat(64), reason: 'x' }, 404, 'not_found'],
      [{ kind: 'freeze_account', value: 'SG:7339:1234567890', reason: 'x', assignee: 'Nobody Bank' }, 422, 'unknown_assignee'],
      [{ kind: 'takedown', value: 'evil-shop.example', reason: 'x' }, 422, 'no_route'],
      [{ kind: 'freeze_account', value: 'SG:7171:1234567890', reason: 'x', partner: 'jp-npa' }, 422, 'unknown_partner'],
      [{ kind: 'freeze_account', value: 'SG:7171:1234567890', reason: 'x', colour: 'red' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(body);
      expect([JSON.stringify(body), r.status, r.body.error.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect((await post({ kind: 'block_number', value: '+6581234567', reason: 'x' }, keys.dbs)).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it("the week's bulletin carries time to action per kind, withheld below the minimum count", async () => {
    const day = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Singapore' });
    const created = await call(`${sg.url}/v1/bulletins`, {
      key: keys.sgAnalyst,
      body: { from: day(Date.now() - DAY), to: day(Date.now() + DAY), languages: ['en'] },
    });
    expect(created.status).toBe(202);
    // 409 while it is being generated, then the figures.
    const figures = await waitFor(async () => {
      const r = await call(`${sg.url}/v1/bulletins/${created.body.id}?format=json`, { key: keys.sgAnalyst });
      return r.status === 200 && r.body;
    });
    const withheld = { suppressed: true, below: 3 };
    expect(figures.timeToAction).toEqual([
      { kind: 'freeze_account', done: withheld, medianMinutes: withheld },
      { kind: 'block_number', done: withheld, medianMinutes: withheld },
    ]);
  });
});
