import { MetricsService } from './metrics.service';
import { renderQueuesPage } from './queues-page';
import { requestLogFields } from './request-log';

const line = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

describe('MetricsService', () => {
  it('keeps one registry per instance, so an API and a worker can share a process', async () => {
    const a = new MetricsService().withDefaultMetrics('api');
    const b = new MetricsService().withDefaultMetrics('worker');
    a.reportsReceived(3, 'key');
    const [ta, tb] = [(await a.scrape()).body, (await b.scrape()).body];
    expect(line(ta, 'scamintel_reports_received_total{submitter="key"}')).toBe('scamintel_reports_received_total{submitter="key"} 3');
    expect(line(tb, 'scamintel_reports_received_total{submitter="key"}')).toBe('scamintel_reports_received_total{submitter="key"} 0');
    expect(ta).toContain('process_role="api"');
    expect(tb).toContain('process_role="worker"');
  });

  it('labels HTTP latency by status class, and only closed label sets', async () => {
    const m = new MetricsService();
    m.httpRequest('/v1/reports/:id', 'GET', 404, 0.003);
    m.httpRequest('/v1/reports/:id', 'GET', 200, 0.002);
    m.httpRequest('/v1/reports/:id', 'GET', 204, 0.02);
    const { body, contentType } = await m.scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(line(body, 'scamintel_http_request_duration_seconds_count{route="/v1/reports/:id",method="GET",status="2xx"}')).toMatch(/ 2$/);
    expect(line(body, 'scamintel_http_request_duration_seconds_count{route="/v1/reports/:id",method="GET",status="4xx"}')).toMatch(/ 1$/);
    expect(
      line(body, 'scamintel_http_request_duration_seconds_bucket{le="0.005",route="/v1/reports/:id",method="GET",status="2xx"}'),
    ).toMatch(/ 1$/);
  });

  it('counts ingest, failures, exchange batches and jobs', async () => {
    const m = new MetricsService();
    m.ingested(1000, 740);
    m.ingested(0, 0);
    m.reportsFailed(12);
    m.exchangeBatch('sent', 'accepted', 500);
    m.exchangeBatch('sent', 'failed', 500);
    m.job('ingest', 'ingest-batch', 'completed', 0.4, 0.05);
    m.job('ingest', 'ingest-batch', 'failed', -1);
    const { body } = await m.scrape();
    expect(line(body, 'scamintel_reports_processed_total ')).toBe('scamintel_reports_processed_total 1000');
    expect(line(body, 'scamintel_indicators_upserted_total ')).toBe('scamintel_indicators_upserted_total 740');
    expect(line(body, 'scamintel_reports_failed_total ')).toBe('scamintel_reports_failed_total 12');
    expect(line(body, 'scamintel_exchange_objects_total{direction="sent"}')).toBe('scamintel_exchange_objects_total{direction="sent"} 500');
    expect(line(body, 'scamintel_exchange_batches_total{direction="sent",outcome="failed"}')).toMatch(/ 1$/);
    expect(line(body, 'scamintel_job_duration_seconds_sum{queue="ingest",name="ingest-batch",outcome="failed"}')).toMatch(/ 0$/);
    expect(line(body, 'scamintel_job_wait_seconds_count{queue="ingest"}')).toMatch(/ 1$/);
  });
});

describe('request log fields', () => {
  it('keep method, route template and path; drop the query, headers and address', () => {
    const req = {
      method: 'GET',
      url: '/v1/lookup?q=%2B6591234567',
      routeOptions: { url: '/v1/lookup' },
      headers: { authorization: 'Bearer si_x' },
      ip: '10.0.0.1',
    };
    expect(requestLogFields(req)).toEqual({ method: 'GET', route: '/v1/lookup', path: '/v1/lookup' });
  });
});

describe('queues page', () => {
  it('escapes everything it shows', () => {
    const html = renderQueuesPage(
      'sg<x>',
      [
        {
          name: 'ingest',
          paused: true,
          counts: { waiting: 1, active: 0, delayed: 0, failed: 1, completed: 0, prioritized: 0, 'waiting-children': 0 },
          jobs: [
            {
              id: '<script>',
              name: 'n',
              state: 'failed',
              attemptsMade: 1,
              attempts: 1,
              enqueuedAt: null,
              processedAt: null,
              finishedAt: null,
              delayUntil: null,
              failedReason: '"><img src=x onerror=alert(1)>',
            },
          ],
        },
      ],
      '2026-11-28T00:00:00.000Z',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('sg&lt;x&gt;');
    expect(html).toContain('paused');
  });
});
