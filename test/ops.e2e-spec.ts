import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptions } from '@scamintel/config';
import { MetricsService, WorkerMetricsServer } from '@scamintel/metrics';
import { call, startApi, startWorker, testConfig, waitFor, RunningApi } from './support/node';
import { fetchDocumented } from './support/openapi-contract';
import { createTestDatabase, sqlClient } from './support/db';
import { sample } from './support/metrics';

const ADMIN = 'test-admin-key-ops-0123456789abcdef';
const API_MAIN = path.join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');

const report = (over: Record<string, unknown> = {}) => ({
  scamType: 'phishing',
  channel: 'sms',
  occurredAt: '2026-11-20T10:00:00+08:00',
  indicators: [{ value: '+65 8123 4567' }],
  ...over,
});

describe('operations: metrics, queue dashboard, OpenAPI, request logs', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let sql: Client;
  let config: ReturnType<typeof testConfig>;
  const keys: Record<string, { id: string; key: string }> = {};

  beforeAll(async () => {
    db = await createTestDatabase('ops');
    config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      NODE_ID: 'sg-ops',
      JURISDICTION: 'SG',
      WORKER_METRICS_PORT: '0',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    sql = await sqlClient(db.url);
    for (const [name, role] of [
      ['bank', 'reporter'],
      ['spf', 'analyst'],
    ] as const) {
      const res = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: name, trust: 'high' } });
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

  const scrapeApi = async () => {
    const res = await fetchDocumented(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const workerMetricsUrl = () => `http://127.0.0.1:${worker.app.get(WorkerMetricsServer).port}/metrics`;

  describe('metrics after a run', () => {
    let apiText: string;
    let workerText: string;

    beforeAll(async () => {
      const single = await call(`${api.url}/v1/reports`, {
        key: keys.bank.key,
        body: report({ indicators: [{ value: 'hxxps://ops-metrics[.]top/a' }] }),
      });
      const batch = await call(`${api.url}/v1/reports/batch`, {
        key: keys.bank.key,
        body: { reports: [report(), report({ indicators: [{ value: 'scam@ops-metrics.top' }] })] },
      });
      const anon = await call(`${api.url}/v1/reports`, { body: report({ indicators: [{ value: '+65 9123 4567' }] }) });
      expect([single.status, batch.status, anon.status]).toEqual([202, 202, 202]);
      await waitFor(async () => {
        const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status = 'processed'`);
        return rows[0].n === 4;
      });
      expect((await call(`${api.url}/v1/lookup?q=${encodeURIComponent('+6581234567')}`)).status).toBe(200);
      expect((await call(`${api.url}/v1/reports/${single.body.id}`, { key: keys.bank.key })).status).toBe(200);
      expect((await call(`${api.url}/no-such-route-7f3a9`)).status).toBe(404);
      apiText = await scrapeApi();
      // The worker counts a batch right after its commit; the API saw "processed" at the same moment.
      workerText = await waitFor(async () => {
        const t = await (await fetch(workerMetricsUrl())).text();
        return sample(t, 'scamintel_reports_processed_total') === 4 ? t : undefined;
      });
    });

    it('counts received reports per kind of submitter in the API', () => {
      expect(sample(apiText, 'scamintel_reports_received_total', { submitter: 'key' })).toBe(3);
      expect(sample(apiText, 'scamintel_reports_received_total', { submitter: 'public' })).toBe(1);
      expect(sample(apiText, 'scamintel_reports_received_total', { submitter: 'import' })).toBe(0);
    });

    it('times HTTP requests by route template, method and status class, and lookups separately', () => {
      expect(
        sample(apiText, 'scamintel_http_request_duration_seconds_count', { route: '/v1/reports', method: 'POST', status: '2xx' }),
      ).toBe(2);
      expect(
        sample(apiText, 'scamintel_http_request_duration_seconds_count', { route: '/v1/reports/batch', method: 'POST', status: '2xx' }),
      ).toBe(1);
      expect(
        sample(apiText, 'scamintel_http_request_duration_seconds_count', { route: '/v1/reports/:id', method: 'GET', status: '2xx' }),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(apiText, 'scamintel_http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status: '4xx' })).toBe(
        1,
      );
      expect(apiText).not.toContain('no-such-route-7f3a9');
      expect(apiText).not.toContain(keys.bank.id);
      expect(
        sample(apiText, 'scamintel_http_request_duration_seconds_bucket', {
          route: '/v1/reports',
          method: 'POST',
          status: '2xx',
          le: '+Inf',
        }),
      ).toBe(2);
      expect(sample(apiText, 'scamintel_lookup_duration_seconds_count', { status: '2xx' })).toBe(1);
    });

    it('reads queue depth from BullMQ at scrape time, and carries the default process metrics', () => {
      expect(sample(apiText, 'scamintel_queue_up')).toBe(1);
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(sample(apiText, 'scamintel_queue_jobs', { queue: 'ingest', state })).toEqual(expect.any(Number));
      expect(sample(apiText, 'scamintel_queue_jobs', { queue: 'exchange', state: 'waiting' })).toBe(0);
      expect(sample(apiText, 'process_cpu_user_seconds_total', { process_role: 'api' })).toBeGreaterThan(0);
      expect(sample(apiText, 'nodejs_eventloop_lag_max_seconds', { process_role: 'api' })).toEqual(expect.any(Number));
    });

    it('exposes the worker side on its own listener: processed reports, upserted indicators, job latency', async () => {
      expect(sample(workerText, 'scamintel_reports_processed_total')).toBe(4);
      // +6581234567 twice, +6591234567, one URL, one email: 4 distinct indicators, each upserted by its batch.
      expect(sample(workerText, 'scamintel_indicators_upserted_total')).toBe(4);
      expect(
        sample(workerText, 'scamintel_job_duration_seconds_count', { queue: 'ingest', name: 'ingest-batch', outcome: 'completed' }),
      ).toBeGreaterThanOrEqual(3);
      expect(sample(workerText, 'scamintel_job_wait_seconds_count', { queue: 'ingest' })).toBeGreaterThanOrEqual(3);
      expect(workerText).toContain('# TYPE scamintel_reports_failed_total counter');
      expect(sample(workerText, 'process_resident_memory_bytes', { process_role: 'worker' })).toBeGreaterThan(0);
      const other = await fetch(workerMetricsUrl().replace('/metrics', '/other'));
      expect(other.status).toBe(404);
      expect((await fetch(workerMetricsUrl(), { method: 'POST' })).status).toBe(405);
    });

    it('counts exchange batches through MetricsService.exchangeBatch', async () => {
      const metrics = api.app.get(MetricsService);
      metrics.exchangeBatch('received', 'rejected');
      metrics.exchangeBatch('sent', 'accepted', 25);
      const text = await scrapeApi();
      expect(sample(text, 'scamintel_exchange_batches_total', { direction: 'received', outcome: 'rejected' })).toBe(1);
      expect(sample(text, 'scamintel_exchange_batches_total', { direction: 'sent', outcome: 'accepted' })).toBe(1);
      expect(sample(text, 'scamintel_exchange_batches_total', { direction: 'sent', outcome: 'failed' })).toBe(0);
      expect(sample(text, 'scamintel_exchange_objects_total', { direction: 'sent' })).toBe(25);
    });
  });

  it('METRICS_PUBLIC=false puts /metrics behind the admin key', async () => {
    const closed = await startApi({ ...config, metrics: { ...config.metrics, public: false } });
    try {
      expect((await call(`${closed.url}/metrics`)).status).toBe(401);
      expect((await call(`${closed.url}/metrics`, { key: keys.spf.key })).status).toBe(403);
      const ok = await fetchDocumented(`${closed.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('scamintel_reports_received_total');
    } finally {
      await closed.close();
    }
  });

  describe('/admin/queues', () => {
    it('is admin only: 401 with a Basic challenge, 403 for other roles', async () => {
      const anon = await call(`${api.url}/admin/queues`);
      expect(anon.status).toBe(401);
      expect(anon.body).toMatchObject({ error: { code: 'unauthenticated' }, requestId: expect.any(String) });
      expect(anon.headers.get('www-authenticate')).toMatch(/Basic realm=/);
      expect((await call(`${api.url}/admin/queues`, { key: 'si_not-a-key' })).status).toBe(401);
      expect((await call(`${api.url}/admin/queues`, { key: keys.spf.key })).status).toBe(403);
      expect((await call(`${api.url}/admin/queues?format=json`, { key: keys.bank.key })).status).toBe(403);
      expect((await call(`${api.url}/admin/queues/ingest/jobs`, { key: keys.spf.key })).status).toBe(403);
    });

    it('shows every queue as HTML (Bearer or Basic) and as JSON', async () => {
      const html = await fetchDocumented(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await html.text();
      for (const q of ['ingest', 'exchange', 'bulletins']) expect(page).toContain(`<h2>${q}`);
      const basic = await fetchDocumented(`${api.url}/admin/queues`, {
        headers: { authorization: `Basic ${Buffer.from(`ops:${ADMIN}`).toString('base64')}` },
      });
      expect(basic.status).toBe(200);
      expect(await basic.text()).toContain('<h2>ingest');
      const json = await call(`${api.url}/admin/queues?format=json`, { key: ADMIN });
      expect(json.status).toBe(200);
      expect(json.body.nodeId).toBe('sg-ops');
      expect(json.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'actions',
        'bulletins',
        'campaigns',
        'exchange',
        'feeds',
        'ingest',
        'webhooks',
      ]);
      expect(json.body.queues[0].counts).toEqual(expect.objectContaining({ waiting: expect.any(Number), failed: expect.any(Number) }));
      const negotiated = await call(`${api.url}/admin/queues`, { key: ADMIN, headers: { accept: 'application/json' } });
      expect(negotiated.body.queues).toHaveLength(7);
      expect((await call(`${api.url}/admin/queues/nope/jobs`, { key: ADMIN })).status).toBe(404);
      expect((await call(`${api.url}/admin/queues/ingest/jobs?state=bogus`, { key: ADMIN })).status).toBe(400);
    });

    it('lists a failed job without its payload and retries it (Bearer only, audited)', async () => {
      const redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: null });
      const queue = new Queue('ingest', { connection: redis, prefix: config.queuePrefix });
      try {
        // An ingest job without a valid outboxId fails for good in the worker (UnrecoverableError).
        await queue.add('ingest-batch', { outboxId: 'not-a-number', secret: 'payload-must-not-show' }, { jobId: 'ops-bad-1', attempts: 1 });
        const failed = await waitFor(async () => {
          const r = await call(`${api.url}/admin/queues/ingest/jobs?state=failed`, { key: ADMIN });
          return r.body.jobs?.find((j: { id: string }) => j.id === 'ops-bad-1');
        });
        expect(failed).toMatchObject({
          name: 'ingest-batch',
          state: 'failed',
          attemptsMade: 1,
          failedReason: expect.stringContaining('outboxId'),
        });
        const overview = await call(`${api.url}/admin/queues?format=json`, { key: ADMIN });
        expect(JSON.stringify(overview.body)).not.toContain('payload-must-not-show');
        const page = await (await fetchDocumented(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
        expect(page).toContain('ops-bad-1');
        expect(page).not.toContain('payload-must-not-show');

        const basic = `Basic ${Buffer.from(`ops:${ADMIN}`).toString('base64')}`;
        expect(
          (await call(`${api.url}/admin/queues/ingest/jobs/ops-bad-1/retry`, { method: 'POST', headers: { authorization: basic } })).status,
        ).toBe(403);
        expect((await call(`${api.url}/admin/queues/ingest/jobs/no-such-job/retry`, { method: 'POST', key: ADMIN })).status).toBe(404);
        const retried = await call(`${api.url}/admin/queues/ingest/jobs/ops-bad-1/retry`, { method: 'POST', key: ADMIN });
        expect(retried.status).toBe(202);
        expect(retried.body).toEqual({ queue: 'ingest', id: 'ops-bad-1', status: 'waiting' });
        const { rows } = await sql.query(`SELECT actor, subject FROM audit_log WHERE action = 'queue.job_retried'`);
        expect(rows).toEqual([{ actor: expect.stringMatching(/^key:/), subject: 'ingest/ops-bad-1' }]);
        // It fails again; the worker's job histogram saw both failures.
        await waitFor(async () => {
          const t = await (await fetch(workerMetricsUrl())).text();
          return (
            (sample(t, 'scamintel_job_duration_seconds_count', { queue: 'ingest', name: 'ingest-batch', outcome: 'failed' }) ?? 0) >= 2
          );
        });
      } finally {
        await queue.close();
        redis.disconnect();
      }
    });
  });

  describe('OpenAPI', () => {
    it('serves the document at /docs-json with bearer security, schemas and examples', async () => {
      const res = await call(`${api.url}/docs-json`);
      expect(res.status).toBe(200);
      const doc = res.body;
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      for (const p of ['/v1/reports', '/v1/reports/batch', '/v1/lookup', '/v1/indicators/normalize', '/metrics', '/admin/queues'])
        expect(doc.paths[p]).toBeDefined();
      const submit = doc.paths['/v1/reports'].post;
      expect(submit.security).toEqual([{}, { bearer: [] }]);
      expect(Object.keys(submit.requestBody.content['application/json'].examples)).toEqual(expect.arrayContaining(['full', 'minimal']));
      expect(submit.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ReportAccepted' });
      expect(doc.paths['/v1/reports/batch'].post.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/v1/reports/batch'].post.responses['401']).toBeDefined();
      expect(doc.paths['/v1/lookup'].get.security).toEqual([]);
      expect(doc.paths['/v1/lookup'].get.responses['429']).toBeDefined();
      expect(doc.paths['/v1/lookup'].get.responses['200'].content['application/json'].example.verdict).toBe('scam');
      expect(doc.paths['/v1/indicators/normalize'].post.requestBody.content['application/json'].examples.items).toBeDefined();
      expect(doc.components.schemas.LookupAnswer.properties.verdict.enum).toEqual(['scam', 'suspicious', 'unknown', 'legitimate']);
    });

    it('serves Swagger UI at /docs', async () => {
      const page = await fetch(`${api.url}/docs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger-ui-bundle.js');
      const init = await (await fetch(`${api.url}/docs/swagger-ui-init.js`)).text();
      expect(init).toContain('"/docs-json"');
      const bundle = await fetch(`${api.url}/docs/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
      // Read every body: an unread one keeps its connection busy, and closing the API waits for it.
      expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const hidden = await fetch(`${api.url}/docs/package.json`);
      expect(hidden.status).toBe(404);
      await hidden.text();
    });
  });

  describe('openapi:write / openapi:check (built script)', () => {
    const SCRIPT = path.join(__dirname, '..', 'dist', 'scripts', 'openapi.js');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (b: Buffer) => (out += b));
        child.stderr.on('data', (b: Buffer) => (err += b));
        child.once('exit', (code) => resolve({ code, out, err }));
      });

    it('writes the document of the built app without a database, and reports drift with exit 1', async () => {
      const file = path.join(config.dataDir, 'openapi-test.json');
      mkdirSync(config.dataDir, { recursive: true });
      const written = await run(['write', '--file', file]);
      expect(written.code).toBe(0);
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      // The build-time swagger plugin gave the DTOs their schemas (the swc test build has none).
      expect(doc.components.schemas.ReportDto.properties.scamType.enum).toContain('phishing');
      expect(doc.paths['/v1/reports'].post.security).toEqual([{}, { bearer: [] }]);
      expect((await run(['check', '--file', file])).code).toBe(0);
      delete doc.paths['/v1/lookup'];
      doc.components.schemas.ReportDto.properties.scamType.enum.pop();
      writeFileSync(file, JSON.stringify(doc));
      const drift = await run(['check', '--file', file]);
      expect(drift.code).toBe(1);
      expect(drift.err).toContain('+ operation GET /v1/lookup (in the code, not in the committed spec)');
      expect(drift.err).toContain('~ schema ReportDto changed');
      expect((await run(['bogus'])).code).toBe(2);
    }, 60000);
  });

  describe('request logs of the built API', () => {
    let child: ChildProcess | undefined;
    afterEach(() => child?.kill('SIGKILL'));

    it('are JSON lines with request ids, and never hold keys, reporter data, narratives, queries or addresses', async () => {
      expect(existsSync(API_MAIN)).toBe(true); // `npm test` builds first; for a lone run: npx nest build api
      const out: string[] = [];
      child = spawn(process.execPath, [API_MAIN], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: db.url,
          REDIS_URL: config.redisUrl,
          QUEUE_PREFIX: config.queuePrefix,
          NODE_ID: 'sg-ops',
          PORT: '0',
          LOG_LEVEL: 'trace',
          DATA_DIR: config.dataDir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (b: Buffer) => out.push(b.toString('utf8')));
      child.stderr!.on('data', (b: Buffer) => out.push(b.toString('utf8')));
      const url = await waitFor(async () => /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))?.[1], 20000);

      const secrets = {
        name: 'Zelda Quixote-Marlowe',
        contact: 'zq.marlowe+private@example.org',
        narrative: 'narrative-secret-4471 told me to pay',
        query: '6588817733',
      };
      const submitted = await call(`${url}/v1/reports`, {
        key: keys.bank.key,
        headers: { 'x-request-id': 'ops-log-check-1' },
        body: report({
          reporter: { name: secrets.name, contact: secrets.contact },
          narrative: secrets.narrative,
          indicators: [{ value: '+65 8881 7733' }],
        }),
      });
      expect(submitted.status).toBe(202);
      expect(
        (await call(`${url}/v1/reports`, { key: keys.bank.key, body: report({ reporter: { name: secrets.name }, scamType: 'nope' }) }))
          .status,
      ).toBe(400);
      expect((await call(`${url}/v1/lookup?q=%2B${secrets.query}`)).status).toBe(200);
      expect((await call(`${url}/v1/reports/batch`, { key: 'si_wrong-key-zz9', body: { reports: [report()] } })).status).toBe(401);
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));

      const text = out.join('');
      const lines = text.split('\n').filter((l) => l.trim());
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
      const entries = lines.map((l) => JSON.parse(l));
      const requestLines = entries.filter((e) => e.reqId);
      expect(requestLines.length).toBeGreaterThanOrEqual(8); // incoming + completed for each request
      expect(requestLines.some((e) => e.reqId === 'ops-log-check-1' && e.req?.route === '/v1/reports')).toBe(true);
      expect(requestLines.some((e) => e.res?.statusCode === 202)).toBe(true);
      for (const e of requestLines)
        expect(e.req === undefined || (e.req.remoteAddress === undefined && e.req.headers === undefined && e.req.host === undefined)).toBe(
          true,
        );
      for (const secret of [keys.bank.key, 'si_wrong-key-zz9', secrets.name, secrets.contact, 'narrative-secret-4471', secrets.query])
        expect(text).not.toContain(secret);
      expect(text).not.toMatch(/[Bb]earer /);
    }, 60000);
  });
});
