import { Client } from 'pg';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';

const ADMIN = 'test-admin-key-0123456789abcdef';

describe('spine: intake → worker → lookup', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let sql: Client;
  const keys: Record<string, { id: string; key: string }> = {};

  const report = (over: Record<string, unknown> = {}) => ({
    scamType: 'phishing',
    channel: 'sms',
    occurredAt: '2026-11-20T10:00:00+08:00',
    indicators: [{ value: '+65 8123 4567' }],
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase('spine');
    const config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      NODE_ID: 'sg-test',
      JURISDICTION: 'SG',
      ANON_REPORT_LIMIT: '5',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    sql = await sqlClient(db.url);
    for (const [name, role, trust] of [
      ['bankA', 'reporter', 'medium'],
      ['bankB', 'reporter', 'medium'],
      ['telcoC', 'reporter', 'medium'],
      ['spf', 'analyst', 'high'],
    ] as const) {
      const res = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: name, trust } });
      expect(res.status).toBe(201);
      keys[name] = res.body;
    }
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sql?.end();
    await db?.drop();
  });

  const processed = (id: string, key: string) =>
    waitFor(async () => {
      const r = await call(`${api.url}/v1/reports/${id}`, { key });
      return r.body?.status === 'processed' ? r.body : undefined;
    });

  it('accepts a report with 202 and Location, processes it, and answers lookups', async () => {
    const res = await call(`${api.url}/v1/reports`, {
      key: keys.bankA.key,
      body: report({ indicators: [{ value: 'hxxps://dbs-secure[.]top/Login#x' }, { value: 'not an indicator at all' }] }),
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'received' });
    expect(res.headers.get('location')).toBe(`/v1/reports/${res.body.id}`);
    const done = await processed(res.body.id, keys.bankA.key);
    const url = done.indicators.find((i: { type: string }) => i.type === 'url');
    expect(url).toMatchObject({
      status: 'accepted',
      value: 'https://dbs-secure.top/Login',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(done.indicators.find((i: { status: string }) => i.status === 'rejected')).toMatchObject({
      raw: 'not an indicator at all',
      reason: expect.any(String),
    });
    const look = await call(`${api.url}/v1/lookup?q=${encodeURIComponent('https://DBS-secure.top/Login')}`);
    expect(look.status).toBe(200);
    expect(look.body).toMatchObject({
      indicator: { type: 'url', value: 'https://dbs-secure.top/Login' },
      verdict: 'suspicious',
      reports: 1,
      jurisdictions: ['SG'],
      scamTypes: ['phishing'],
    });
    expect(JSON.stringify(look.body)).not.toContain('bankA');
  });

  it('deduplicates one phone written three ways by three reporters into one indicator with 3 reports', async () => {
    const forms = ['+65 9123 4567', '9123-4567', '(+65) ９１２３ ４５６７'];
    const ids: string[] = [];
    for (const [i, who] of (['bankA', 'bankB', 'telcoC'] as const).entries()) {
      const r = await call(`${api.url}/v1/reports`, { key: keys[who].key, body: report({ indicators: [{ value: forms[i] }] }) });
      expect(r.status).toBe(202);
      ids.push(r.body.id);
    }
    for (const [i, who] of (['bankA', 'bankB', 'telcoC'] as const).entries()) await processed(ids[i], keys[who].key);
    const look = await call(`${api.url}/v1/lookup?q=91234567`);
    expect(look.body).toMatchObject({ indicator: { type: 'phone', value: '+6591234567' }, reports: 3, verdict: 'scam' });
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM indicators WHERE value = '+6591234567'`);
    expect(rows[0].n).toBe(1);
    const detail = await call(`${api.url}/v1/indicators/${look.body.indicator.fingerprint}`, { key: keys.spf.key });
    expect(detail.status).toBe(200);
    expect(detail.body.sightings[0]).toMatchObject({ jurisdiction: 'SG', reports: 3, reporters: 3 });
    expect(detail.body.reportIds.sort()).toEqual([...ids].sort());
  });

  it('honours Idempotency-Key: same body → same id, other body → 422', async () => {
    const headers = { 'idempotency-key': 'idem-1' };
    const a = await call(`${api.url}/v1/reports`, { key: keys.bankA.key, body: report(), headers });
    const b = await call(`${api.url}/v1/reports`, { key: keys.bankA.key, body: report(), headers });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    const c = await call(`${api.url}/v1/reports`, { key: keys.bankA.key, body: report({ channel: 'call' }), headers });
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('idempotency_conflict');
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE id = $1`, [a.body.id]);
    expect(rows[0].n).toBe(1);
  });

  it('hides a report from another reporter (404) and shows it to analysts', async () => {
    const r = await call(`${api.url}/v1/reports`, {
      key: keys.bankA.key,
      body: report({ reporter: { name: 'Tan Ah Kow', contact: '+65 8000 1111' } }),
    });
    expect((await call(`${api.url}/v1/reports/${r.body.id}`, { key: keys.bankB.key })).status).toBe(404);
    expect((await call(`${api.url}/v1/reports/00000000-0000-4000-8000-000000000000`, { key: keys.bankB.key })).status).toBe(404);
    const seen = await call(`${api.url}/v1/reports/${r.body.id}`, { key: keys.spf.key });
    expect(seen.status).toBe(200);
    expect(seen.body.reporter).toEqual({ name: 'Tan Ah Kow', contact: '+65 8000 1111' });
  });

  it('enforces roles: 401 without a key, 401 with a revoked key, 403 for the wrong role', async () => {
    expect((await call(`${api.url}/v1/reports/batch`, { body: { reports: [report()] } })).status).toBe(401);
    expect((await call(`${api.url}/v1/admin/keys`, { key: keys.bankA.key, body: { role: 'admin', organisation: 'x' } })).status).toBe(403);
    expect((await call(`${api.url}/v1/reports`, { key: ADMIN })).status).toBe(403);
    const extra = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'temp', trust: 'low' } });
    expect((await call(`${api.url}/v1/reports`, { key: extra.body.key, body: report() })).status).toBe(202);
    expect((await call(`${api.url}/v1/admin/keys/${extra.body.id}`, { method: 'DELETE', key: ADMIN })).status).toBe(200);
    const after = await call(`${api.url}/v1/reports`, { key: extra.body.key, body: report() });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'unauthenticated' }, requestId: expect.any(String) });
    expect((await call(`${api.url}/v1/reports`, { key: 'si_wrong', body: report() })).status).toBe(401);
  });

  it('takes a batch all-or-nothing', async () => {
    const bad = await call(`${api.url}/v1/reports/batch`, {
      key: keys.bankA.key,
      body: { reports: [report(), report({ scamType: 'nope' })] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'reports[1].scamType' })]));
    const before = (await sql.query(`SELECT count(*)::int AS n FROM reports`)).rows[0].n;
    const ok = await call(`${api.url}/v1/reports/batch`, { key: keys.bankA.key, body: { reports: [report(), report()] } });
    expect(ok.status).toBe(202);
    expect(ok.body.ids).toHaveLength(2);
    expect((await sql.query(`SELECT count(*)::int AS n FROM reports`)).rows[0].n).toBe(before + 2);
  });

  describe('bad input gets a clear 4xx in the contract shape', () => {
    const expectError = (res: { status: number; body: any }, status: number, code?: string) => {
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({
        error: { code: code ?? expect.any(String), message: expect.any(String) },
        requestId: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|node_modules|QueryFailedError/);
    };

    it('413 over 1 MiB on the single route', async () => {
      expectError(
        await call(`${api.url}/v1/reports`, { key: keys.bankA.key, body: report({ narrative: 'x'.repeat(1.1 * 1024 * 1024) }) }),
        413,
        'payload_too_large',
      );
    });
    it('413 over 10 MiB on the batch route', async () => {
      expectError(
        await call(`${api.url}/v1/reports/batch`, {
          key: keys.bankA.key,
          body: { reports: [report({ narrative: 'y'.repeat(10.5 * 1024 * 1024) })] },
        }),
        413,
        'payload_too_large',
      );
    });
    it('415 for a wrong content type', async () => {
      expectError(
        await call(`${api.url}/v1/reports`, {
          key: keys.bankA.key,
          raw: 'scamType=phishing',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      );
      expectError(
        await call(`${api.url}/v1/reports`, { key: keys.bankA.key, raw: '{}', headers: { 'content-type': 'text/plain' } }),
        415,
        'unsupported_media_type',
      );
    });
    it('400 for malformed JSON', async () => {
      expectError(
        await call(`${api.url}/v1/reports`, { key: keys.bankA.key, raw: '{"scamType": ', headers: { 'content-type': 'application/json' } }),
        400,
        'malformed_json',
      );
    });
    it('400 for unknown fields, at any depth', async () => {
      const top = await call(`${api.url}/v1/reports`, { key: keys.bankA.key, body: report({ extra: 1 }) });
      expectError(top, 400, 'validation_failed');
      expect(top.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'extra' })]));
      const deep = await call(`${api.url}/v1/reports`, {
        key: keys.bankA.key,
        body: report({ indicators: [{ value: 'a.com', colour: 'red' }] }),
      });
      expectError(deep, 400, 'validation_failed');
      expect(deep.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'indicators[0].colour' })]));
    });
    it('400 for wrong types at any depth, never a 500', async () => {
      for (const body of [
        [],
        'a string',
        42,
        null,
        report({ indicators: 'x' }),
        report({ indicators: [{ value: 42 }] }),
        report({ indicators: [null] }),
        report({ indicators: [[{ value: 'a.com' }]] }),
        report({ loss: { amount: 12.5, currency: 'SGD' } }),
        report({ loss: 'lots' }),
        report({ reporter: ['x'] }),
        report({ occurredAt: 'yesterday' }),
        report({ tlp: 'white' }),
        report({ indicators: [], narrative: undefined }),
        { reports: [report()] },
      ]) {
        const res = await call(`${api.url}/v1/reports`, { key: keys.bankA.key, body });
        expect([400, 422]).toContain(res.status);
        expectError(res, res.status);
      }
    });
    it('answers deep nesting and huge arrays fast with 400', async () => {
      let deep = '1';
      for (let i = 0; i < 100_000; i++) deep = `[${deep}]`;
      const t0 = Date.now();
      const nested = await call(`${api.url}/v1/reports`, {
        key: keys.bankA.key,
        raw: `{"scamType":"phishing","indicators":${deep}}`,
        headers: { 'content-type': 'application/json' },
      });
      expectError(nested, 400);
      const huge = await call(`${api.url}/v1/reports`, {
        key: keys.bankA.key,
        body: report({ indicators: Array.from({ length: 60_000 }, () => ({ value: 'a' })) }),
      });
      expectError(huge, 400);
      expect(Date.now() - t0).toBeLessThan(5000);
    });
    it('404 in the contract shape for unknown routes', async () => {
      expectError(await call(`${api.url}/v1/nope`), 404, 'not_found');
    });
  });

  it('rate-limits anonymous reports per client address, with Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await call(`${api.url}/v1/reports`, { body: report() });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses[6]).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last!.body.error.code).toBe('rate_limited');
    // Keyed reporters are not subject to the anonymous limit.
    expect((await call(`${api.url}/v1/reports`, { key: keys.bankB.key, body: report() })).status).toBe(202);
  });

  it('normalises one value, a list of items, and answers 422 with a reason code for what is no indicator', async () => {
    const one = await call(`${api.url}/v1/indicators/normalize`, { body: { value: '010-1234-5678', region: 'KR' } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ type: 'phone', value: '+821012345678', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const sg = await call(`${api.url}/v1/indicators/normalize`, { body: { value: '+82 10 1234 5678' } });
    expect(sg.body.fingerprint).toBe(one.body.fingerprint);
    const bad = await call(`${api.url}/v1/indicators/normalize`, { body: { value: 'hello world' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('not_an_indicator');
    const items = await call(`${api.url}/v1/indicators/normalize`, {
      body: { items: [{ value: 'hxxps://dbs-secure[.]top/Login#x' }, { value: 'nope nope' }, { value: 'user[at]mail[.]com' }] },
    });
    expect(items.status).toBe(200);
    expect(items.body.items).toEqual([
      expect.objectContaining({ ok: true, type: 'url', value: 'https://dbs-secure.top/Login' }),
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'not_an_indicator' }) }),
      expect.objectContaining({ ok: true, type: 'email', value: 'user@mail.com' }),
    ]);
    const tooMany = await call(`${api.url}/v1/indicators/normalize`, {
      body: { items: Array.from({ length: 1001 }, () => ({ value: 'a.com' })) },
    });
    expect(tooMany.status).toBe(400);
  });

  it('reports health', async () => {
    expect((await call(`${api.url}/health/live`)).status).toBe(200);
    expect((await call(`${api.url}/health/ready`)).body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  it('lists reports for analysts with a cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await call(`${api.url}/v1/reports?limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        key: keys.spf.key,
      });
      expect(page.status).toBe(200);
      for (const r of page.body.reports) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      cursor = page.body.next;
    } while (cursor);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports`);
    expect(seen.size).toBe(rows[0].n);
    expect((await call(`${api.url}/v1/reports`, { key: keys.bankA.key })).status).toBe(403);
  });
});
