import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTestDatabase } from './support/db';
import { RunningApi, call, startApi, startWorker, testConfig, waitFor } from './support/node';
import { ObservedResponse, OpenApiContract } from './support/openapi-contract';

const DOC = JSON.parse(readFileSync(path.join(__dirname, '..', 'docs', 'openapi.json'), 'utf8'));
/** A deep copy of the committed document, changed by `edit`: a deliberately wrong contract. */
const doctored = (edit: (doc: any) => void): OpenApiContract => {
  const copy = JSON.parse(JSON.stringify(DOC));
  edit(copy);
  return new OpenApiContract(copy);
};

describe('OpenAPI contract harness: matching and strictness (synthetic document)', () => {
  const json = (schema: object) => ({ content: { 'application/json': { schema } } });
  const contract = new OpenApiContract({
    openapi: '3.0.0',
    paths: {
      '/v1/indicators/{fingerprint}': {
        get: { responses: { '200': { description: 'one', ...json({ $ref: '#/components/schemas/One' }) } } },
      },
      '/v1/indicators/normalize': { post: { responses: { '200': { description: 'n', ...json({ type: 'string' }) } } } },
      '/taxii2': {
        get: {
          responses: {
            '200': { description: 't', content: { 'application/taxii+json;version=2.1': { schema: { type: 'object' } } } },
            '4XX': { description: 'any client error', ...json({ type: 'object' }) },
          },
        },
      },
      '/empty': {
        delete: { responses: { '204': { description: 'nothing' }, '404': { description: 'none', ...json({ type: 'object' }) } } },
      },
    },
    components: {
      schemas: {
        One: {
          type: 'object',
          required: ['id', 'ref'],
          properties: {
            id: { type: 'string' },
            ref: { nullable: true, allOf: [{ $ref: '#/components/schemas/Ref' }], type: 'object' },
            attributes: { type: 'object', additionalProperties: true },
          },
        },
        Ref: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
      },
    },
  });
  const seen = (r: Partial<ObservedResponse>) =>
    contract.problems({ method: 'GET', url: '/', status: 200, contentType: 'application/json; charset=utf-8', text: '', ...r });

  it('prefers the template with more literal segments, and knows the method', () => {
    expect(seen({ method: 'POST', url: 'http://h/v1/indicators/normalize', text: '"x"' })).toEqual([]);
    expect(seen({ url: '/v1/indicators/normalize', text: '{"id":"a","ref":null}' })).toEqual([]);
    expect(seen({ method: 'PUT', url: '/v1/indicators/abc', text: '{}' })).toEqual([
      'PUT /v1/indicators/abc → 200: the document has no PUT for /v1/indicators/{fingerprint}',
    ]);
    expect(seen({ url: '/v2/nothing?q=1', text: '{}' })).toEqual(['GET /v2/nothing → 200: no such route in the document']);
  });

  it('reads nullable references as "null or the referenced shape", and closes objects that list their fields', () => {
    const one = (body: object) => seen({ url: '/v1/indicators/ab', text: JSON.stringify(body) });
    expect(one({ id: 'a', ref: { n: 1 }, attributes: { anything: [1] } })).toEqual([]);
    expect(one({ id: 'a', ref: null })).toEqual([]);
    expect(one({ id: 'a', ref: { n: 'one' } })).toEqual([
      'GET /v1/indicators/{fingerprint} → 200 (application/json): /ref/n must be integer',
    ]);
    expect(one({ id: 'a', ref: null, extra: 1 })).toEqual([
      'GET /v1/indicators/{fingerprint} → 200 (application/json): (body) has a field the document does not know: extra',
    ]);
    expect(one({ ref: null })).toEqual(['GET /v1/indicators/{fingerprint} → 200 (application/json): (body) lacks required field id']);
  });

  it('matches statuses exactly, then by range; media types by type and every documented parameter but charset', () => {
    const taxii = (r: Partial<ObservedResponse>) => seen({ url: '/taxii2/', text: '{}', ...r });
    expect(taxii({ contentType: 'application/taxii+json;version=2.1' })).toEqual([]);
    expect(taxii({ contentType: 'application/taxii+json; version=2.0' })).toEqual([
      'GET /taxii2 → 200: media type application/taxii+json; version=2.0 not documented (documented: application/taxii+json;version=2.1)',
    ]);
    expect(taxii({ status: 404, contentType: 'application/json' })).toEqual([]);
    expect(taxii({ status: 503 })).toEqual(['GET /taxii2 → 503: status not documented (documented: 200, 4XX)']);
    expect(taxii({ contentType: 'application/taxii+json;version=2.1', text: 'not json' })).toEqual([
      'GET /taxii2 → 200 (application/taxii+json;version=2.1): the answer is not JSON',
    ]);
    expect(seen({ method: 'DELETE', url: '/empty', status: 204, contentType: null })).toEqual([]);
    // An unknown path may answer 404 only, in a shape the document gives its 404s of that media type.
    expect(seen({ url: '/v9/unknown', status: 404, text: '{}' })).toEqual([]);
    expect(seen({ url: '/v9/unknown', status: 404, text: '[]' })).toEqual(['GET /v9/unknown → 404 (unknown route): (body) must be object']);
    expect(seen({ url: '/v9/unknown', status: 200, text: '{}' })).toEqual(['GET /v9/unknown → 200: no such route in the document']);
    expect(seen({ method: 'DELETE', url: '/empty', status: 204, text: '{}' })).toEqual([
      'DELETE /empty → 204: a body where the document has none',
    ]);
  });
});

describe('the examples of the committed document', () => {
  it('follow their own schemas, requests and answers alike (a wrong one is caught)', () => {
    expect(new OpenApiContract(DOC).exampleProblems()).toEqual([]);
    const wrong = doctored((d) => (d.paths['/v1/lookup'].get.responses['200'].content['application/json'].example.reports = 'four'));
    expect(wrong.exampleProblems()).toEqual(['GET /v1/lookup 200 application/json: /reports must be integer (example)']);
  });
});

describe('OpenAPI contract harness against real answers of the API', () => {
  const ADMIN = 'contract-admin-key-0123456789abcdef';
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const committed = new OpenApiContract(DOC);

  beforeAll(async () => {
    db = await createTestDatabase('contract');
    const config = testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN });
    api = await startApi(config);
    worker = await startWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  /** A raw answer, as the harness sees it (no check here: each test judges it against one document or another). */
  async function observe(pathAndQuery: string, init: RequestInit = {}): Promise<ObservedResponse> {
    const url = `${api.url}${pathAndQuery}`;
    const res = await fetch(url, init);
    return { method: init.method ?? 'GET', url, status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
  }

  it('a lookup answer passes the committed document and fails every deliberately wrong copy of it', async () => {
    const lookup = await observe('/v1/lookup?q=%2B65%208123%204567');
    expect(lookup.status).toBe(200);
    expect(committed.problems(lookup)).toEqual([]);

    const where = 'GET /v1/lookup → 200 (application/json)';
    const wrongType = doctored((d) => (d.components.schemas.LookupAnswer.properties.reports.type = 'string'));
    expect(wrongType.problems(lookup)).toEqual([`${where}: /reports must be string`]);
    const fieldMissing = doctored((d) => {
      delete d.components.schemas.LookupAnswer.properties.query;
      d.components.schemas.LookupAnswer.required = d.components.schemas.LookupAnswer.required.filter((f: string) => f !== 'query');
    });
    expect(fieldMissing.problems(lookup)).toEqual([`${where}: (body) has a field the document does not know: query`]);
    const notNullable = doctored((d) => delete d.components.schemas.LookupAnswer.properties.firstSeen.nullable);
    expect(notNullable.problems(lookup)).toEqual([`${where}: /firstSeen must be string`]);
    const wrongEnum = doctored((d) => (d.components.schemas.LookupAnswer.properties.verdict.enum = ['scam']));
    expect(wrongEnum.problems(lookup)).toEqual([`${where}: /verdict must be equal to one of the allowed values (["scam"])`]);
    const extraRequired = doctored((d) => d.components.schemas.LookupAnswer.required.push('rejected'));
    expect(extraRequired.problems(lookup)).toEqual([`${where}: (body) lacks required field rejected`]);

    const noStatus = doctored((d) => delete d.paths['/v1/lookup'].get.responses['200']);
    expect(noStatus.problems(lookup)).toEqual(['GET /v1/lookup → 200: status not documented (documented: 400, 429, 503)']);
    const otherMedia = doctored((d) => {
      const r = d.paths['/v1/lookup'].get.responses['200'];
      r.content = { 'application/xml': r.content['application/json'] };
    });
    expect(otherMedia.problems(lookup)).toEqual([
      'GET /v1/lookup → 200: media type application/json; charset=utf-8 not documented (documented: application/xml)',
    ]);
    const noRoute = doctored((d) => delete d.paths['/v1/lookup']);
    expect(noRoute.problems(lookup)).toEqual(['GET /v1/lookup → 200: no such route in the document']);
  });

  it("error answers are held to the contract's Error shape", async () => {
    const missing = await observe('/v1/lookup');
    expect(missing.status).toBe(400);
    expect(committed.problems(missing)).toEqual([]);
    const wrongError = doctored((d) => (d.components.schemas.Error.properties.requestId = { type: 'integer' }));
    expect(wrongError.problems(missing)).toEqual(['GET /v1/lookup → 400 (application/json): /requestId must be integer']);
  });

  it('TAXII answers (Basic auth, the TAXII media type) and text answers are checked too', async () => {
    const basic = `Basic ${Buffer.from(`client:${ADMIN}`).toString('base64')}`;
    const refused = await observe('/taxii2/', { headers: { accept: 'application/taxii+json;version=2.1', authorization: basic } });
    expect(refused.status).toBe(403);
    expect(committed.problems(refused)).toEqual([]);
    const asJson = doctored((d) => {
      const r = d.paths['/taxii2'].get.responses['403'];
      r.content = { 'application/json': r.content['application/taxii+json;version=2.1'] };
    });
    expect(asJson.problems(refused)[0]).toMatch(/media type application\/taxii\+json;version=2.1 not documented/);

    const metrics = await observe('/metrics');
    expect(committed.problems(metrics)).toEqual([]);
    const asNumber = doctored(
      (d) => (d.paths['/metrics'].get.responses['200'].content['text/plain; version=0.0.4; charset=utf-8'].schema.type = 'integer'),
    );
    expect(asNumber.problems(metrics)).toEqual(['GET /metrics → 200 (text/plain; version=0.0.4; charset=utf-8): (body) must be integer']);
  });

  it('the routes no other e2e test reads answer in their documented shape (call() checks each answer)', async () => {
    const newKey = async (role: string) =>
      (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: `contract-${role}`, trust: 'high' } })).body.key;
    const [analyst, reporter] = [await newKey('analyst'), await newKey('reporter')];
    const report = {
      scamType: 'ecommerce',
      channel: 'website',
      occurredAt: new Date().toISOString(),
      indicators: [{ type: 'domain', value: 'contract-check-shop.com' }],
    };
    const id = (await call(`${api.url}/v1/reports`, { key: reporter, body: report })).body.id;
    await waitFor(async () => (await call(`${api.url}/v1/reports/${id}`, { key: reporter })).body.status === 'processed');

    const indicators = await call(`${api.url}/v1/indicators?limit=10`, { key: analyst });
    expect(indicators.status).toBe(200);
    expect(indicators.body.indicators).toEqual([expect.objectContaining({ type: 'domain', value: 'contract-check-shop.com' })]);
    const keys = await call(`${api.url}/v1/admin/keys`, { key: ADMIN });
    expect(keys.body.keys.map((k: { role: string }) => k.role).sort()).toEqual(['admin', 'analyst', 'reporter']);

    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const policy = { maxTlp: 'green', types: ['domain'], minConfidence: 0, pseudonymise: [], shareNarrative: false };
    const partner = { nodeId: 'kr-contract', jurisdiction: 'KR', baseUrl: 'http://127.0.0.1:9', publicKey, policy };
    expect((await call(`${api.url}/v1/admin/partners`, { key: ADMIN, body: partner })).status).toBe(201);
    const one = await call(`${api.url}/v1/admin/partners/kr-contract`, { key: ADMIN });
    expect(one.body).toMatchObject({ nodeId: 'kr-contract', hasPseudonymKey: false });

    const items = await call(`${api.url}/v1/indicators/normalize`, {
      body: { items: [{ value: 'hxxps://a[.]com/x' }, { value: 'nope nope' }] },
    });
    expect(items.body.items.map((i: { ok: boolean }) => i.ok)).toEqual([true, false]);
  });
});
