import { call, startApi, testConfig, waitFor, RunningApi } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';
import { TcpProxy } from './support/tcp-proxy';

const ADMIN = 'dbdown-admin-key-0123456789abcdef';

describe('PostgreSQL unreachable', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  const proxy = new TcpProxy({ host: '127.0.0.1', port: 5432 });

  beforeAll(async () => {
    db = await createTestDatabase('dbdown');
    const port = await proxy.start();
    const url = new URL(db.url);
    url.port = String(port);
    api = await startApi(testConfig({ DATABASE_URL: url.toString(), BOOTSTRAP_ADMIN_KEY: ADMIN }));
  });
  afterAll(async () => {
    await api?.close();
    await proxy.cut();
    await db?.drop();
  });

  const report = {
    scamType: 'phishing',
    channel: 'sms',
    occurredAt: '2026-11-20T10:00:00Z',
    indicators: [{ value: 'db-down-test.com', type: 'domain' }],
  };

  it('answers 503 (never 202) while PostgreSQL is down, and accepts again once it is back', async () => {
    const key = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role: 'reporter', organisation: 'bank', trust: 'medium' } }))
      .body.key;
    expect((await call(`${api.url}/v1/reports`, { key, body: report })).status).toBe(202);

    await proxy.cut();
    for (const res of [
      await call(`${api.url}/v1/reports`, { key, body: report }),
      await call(`${api.url}/v1/reports`, { body: report }),
      await call(`${api.url}/v1/lookup?q=db-down-test.com`),
    ]) {
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: { code: 'database_unavailable' }, requestId: expect.any(String) });
      expect(res.headers.get('retry-after')).toBe('5');
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
    }
    const ready = await call(`${api.url}/health/ready`);
    expect(ready).toMatchObject({ status: 503, body: { checks: { postgres: 'down', redis: 'up' } } });

    await proxy.restore();
    const back = await waitFor(
      async () => {
        const res = await call(`${api.url}/v1/reports`, { key, body: report });
        return res.status === 202 ? res : undefined;
      },
      20000,
      200,
    );
    expect(back.body.status).toBe('received');
    const sql = await sqlClient(db.url);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports`);
    await sql.end();
    expect(rows[0].n).toBe(2);
  });
});
