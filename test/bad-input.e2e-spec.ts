import { Client } from 'pg';
import { call, startApi, testConfig, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';

const ADMIN = 'test-admin-key-0123456789abcdef';

/** Issue 10 §2, CONTRACT §4: bytes that are not UTF-8, U+0000 and lone surrogates, and unknown currencies are 400s. */
describe('bad input: text that cannot be stored, currencies that do not exist', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let sql: Client;
  const keys: Record<string, string> = {};

  const report = (over: Record<string, unknown> = {}) => ({
    scamType: 'phishing',
    channel: 'sms',
    occurredAt: '2026-11-20T10:00:00+08:00',
    indicators: [{ value: '+65 8123 4567' }],
    ...over,
  });
  const stored = async () => Number((await sql.query('SELECT count(*) AS n FROM reports')).rows[0].n);
  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
    expect(res.body).toEqual({
      error: { code, message: expect.any(String), ...(res.body.error.details ? { details: expect.any(Array) } : {}) },
      requestId: expect.any(String),
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase('badinput');
    const config = testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN, NODE_ID: 'sg-test', JURISDICTION: 'SG' });
    api = await startApi(config);
    sql = await sqlClient(db.url);
    for (const role of ['reporter', 'analyst'] as const) {
      const res = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: `org-${role}`, trust: 'medium' } });
      expect(res.status).toBe(201);
      keys[role] = res.body.key;
    }
  });

  afterAll(async () => {
    await api?.close();
    await sql?.end();
    await db?.drop();
  });

  // Each route with a body that is valid apart from the bad text, and the key it needs.
  const routes = () => [
    { url: '/v1/reports', key: undefined, body: report({ narrative: 'TEXT' }) },
    { url: '/v1/reports/batch', key: keys.reporter, body: { reports: [report(), report({ narrative: 'TEXT' })] } },
    { url: '/v1/admin/keys', key: ADMIN, body: { role: 'reporter', organisation: 'TEXT' } },
    { url: '/v1/appeals', key: undefined, body: { value: '+65 8123 4567', contact: 'me@example.com', reason: 'TEXT is mine, not a scam' } },
    { url: '/v1/indicators/normalize', key: undefined, body: { value: 'TEXT' } },
    { url: '/v1/check', key: keys.reporter, body: { items: [{ value: 'TEXT' }] } },
    { url: '/v1/actions', key: keys.analyst, body: { kind: 'takedown', value: 'evil.example', reason: 'TEXT' } },
    { url: '/v1/bulletins', key: keys.analyst, body: { from: '2026-11-01', to: '2026-11-08', languages: ['TEXT'] } },
    { url: '/v1/subscriptions', key: keys.analyst, body: { url: 'https://hooks.example/TEXT', events: ['action.created'] } },
  ];

  it('400 malformed_json for a body that is not valid UTF-8, on every route; nothing is stored', async () => {
    const before = await stored();
    for (const { url, key, body } of routes())
      for (const bad of [
        Buffer.from([0xff, 0xfe]),
        Buffer.from([0xc3, 0x28]),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from([0xc0, 0xaf]),
      ]) {
        const [head, tail] = JSON.stringify(body).split('TEXT');
        const raw = Buffer.concat([Buffer.from(head), bad, Buffer.from(tail)]);
        const res = await call(`${api.url}${url}`, { key, raw, headers: { 'content-type': 'application/json' } });
        expectError(res, 400, 'malformed_json');
        expect(res.body.error.message).toBe('the body is not valid UTF-8');
      }
    expect(await stored()).toBe(before);
  });

  it('400 for non-UTF-8 STIX and TAXII bodies too (TAXII answers in its own error shape)', async () => {
    const raw = Buffer.concat([
      Buffer.from('{"type":"bundle","id":"bundle--x","objects":[{"name":"'),
      Buffer.from([0xfc]),
      Buffer.from('"}]}'),
    ]);
    const inbox = await call(`${api.url}/v1/exchange/inbox`, { raw, headers: { 'content-type': 'application/stix+json' } });
    expectError(inbox, 400, 'malformed_json');
    const taxii = await call(`${api.url}/taxii2/api/collections/x/objects/`, {
      raw,
      headers: { 'content-type': 'application/taxii+json;version=2.1' },
    });
    expect([taxii.status, taxii.body.error_code, taxii.body.http_status]).toEqual([400, 'malformed_json', '400']);
  });

  it.each([
    ['U+0000', '\u0000'],
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udfff'],
  ])('400 validation_failed for %s in any string of any write route, with its path; nothing is stored', async (_, bad) => {
    const before = await stored();
    for (const { url, key, body } of routes()) {
      const raw = JSON.stringify(body).replace('TEXT', JSON.stringify(`x${bad}y`).slice(1, -1));
      const res = await call(`${api.url}${url}`, { key, raw, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.details).toHaveLength(1);
      expect(res.body.error.details[0].path).toMatch(
        /^(reports\[1\]\.narrative|narrative|organisation|reason|value|items\[0\]\.value|languages\[0\]|url)$/,
      );
    }
    expect(await stored()).toBe(before);
  });

  it('400 for U+0000 in a field name, in reporter data, in an indicator', async () => {
    for (const body of [
      { ...report(), ['extra\u0000']: 1 },
      report({ reporter: { name: 'Kim\u0000' } }),
      report({ indicators: [{ value: '+65 8123 4567' }, { value: 'evil\u0000.example' }] }),
      report({ externalRef: '\u0000' }),
    ]) {
      const res = await call(`${api.url}/v1/reports`, { key: keys.reporter, body });
      expectError(res, 400, 'validation_failed');
    }
  });

  it('400 for U+0000 in a query string or a path parameter, not a 500', async () => {
    for (const [url, key] of [
      ['/v1/lookup?q=%00', undefined],
      ['/v1/lookup?q=abc&type=%00', undefined],
      ['/v1/reports/%00', keys.analyst],
      ['/v1/reports?scamType=x%00', keys.analyst],
      ['/v1/indicators/%00', keys.analyst],
      // Broken percent-encoding and over-long parameters are refused by the router, in the same shape.
      ['/v1/reports/%ED%A0%80', keys.analyst],
      ['/v1/reports/%ZZ', keys.analyst],
      [`/v1/reports/${'x'.repeat(300)}`, keys.analyst],
    ] as const) {
      const res = await call(`${api.url}${url}`, { key });
      expect([url, res.status]).toEqual([url, 400]);
      expectError(res, 400, 'validation_failed');
    }
  });

  it('loss: an active ISO 4217 currency and an amount above zero, on single and batch reports', async () => {
    const before = await stored();
    for (const loss of [
      { amount: '10.00', currency: 'XYZ' },
      { amount: '10.00', currency: 'DEM' },
      { amount: '10.00', currency: 'ZWL' },
      { amount: '10.00', currency: 'XXX' },
      { amount: '10.00', currency: 'sgd' },
      { amount: '0', currency: 'SGD' },
      { amount: '0.00', currency: 'SGD' },
      { amount: '-5.00', currency: 'SGD' },
    ]) {
      const field = loss.currency === 'SGD' ? 'amount' : 'currency';
      const one = await call(`${api.url}/v1/reports`, { key: keys.reporter, body: report({ loss }) });
      expectError(one, 400, 'validation_failed');
      expect(one.body.error.details).toEqual([{ path: `loss.${field}`, message: expect.any(String) }]);
      const batch = await call(`${api.url}/v1/reports/batch`, { key: keys.reporter, body: { reports: [report(), report({ loss })] } });
      expectError(batch, 400, 'validation_failed');
      expect(batch.body.error.details).toEqual([{ path: `reports[1].loss.${field}`, message: expect.any(String) }]);
    }
    expect(await stored()).toBe(before);
    for (const loss of [
      { amount: '1500.00', currency: 'SGD' },
      { amount: '2000000', currency: 'KRW' },
      { amount: '0.01', currency: 'USD' },
    ]) {
      const ok = await call(`${api.url}/v1/reports`, { key: keys.reporter, body: report({ loss }) });
      expect(ok.status).toBe(202);
    }
    expect(await stored()).toBe(before + 3);
  });
});
