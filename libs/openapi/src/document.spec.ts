import type { OpenAPIObject } from '@nestjs/swagger';
import { diffDocuments, stableStringify } from './diff';
import { documentationGaps, enrichDocument } from './document';

const json = (schema: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

const doc = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/lookup': {
      get: {
        operationId: 'IndicatorsController_lookup',
        summary: 'Lookup.',
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The answer.', ...json('LookupAnswer') } },
      },
    },
    '/v1/reports': {
      post: {
        operationId: 'ReportsController_submit',
        summary: 'Submit.',
        description: 'Durable first.',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportDto' } } } },
        responses: {
          '202': { description: 'Stored.', ...json('ReportAccepted') },
          '422': { description: 'Reused key.', ...json('Error') },
        },
      },
    },
    '/v1/reports/batch': {
      post: {
        operationId: 'ReportsController_submitBatch',
        summary: 'Batch.',
        responses: { '202': { description: 'Stored.', ...json('X') } },
      },
    },
    '/taxii2': {
      get: {
        operationId: 'TaxiiController_discovery',
        summary: 'Discovery.',
        security: [{ basic: [] }],
        responses: {
          '200': { description: 'Discovery.', content: { 'application/taxii+json;version=2.1': { schema: { type: 'object' } } } },
          '401': { description: 'TAXII error.', content: { 'application/taxii+json;version=2.1': { schema: { type: 'object' } } } },
        },
      },
    },
    '/v1/new-thing': { get: { operationId: 'NewController_get', responses: { '200': { description: '' } } } },
  },
  components: { schemas: { ReportDto: { type: 'object' } } },
});

const meta = new Map([
  ['IndicatorsController_lookup', { access: ['public' as const], rateLimit: 'lookup' }],
  ['ReportsController_submit', { access: ['reporter' as const, 'analyst' as const, 'public' as const], rateLimit: 'anonymousReports' }],
  ['ReportsController_submitBatch', { access: ['reporter' as const, 'analyst' as const] }],
  ['TaxiiController_discovery', { access: ['partner' as const, 'analyst' as const] }],
]);

describe('enrichDocument', () => {
  const d = enrichDocument(doc(), meta);

  it('derives security from @Access (none, optional bearer, required bearer) plus the schemes a controller declares', () => {
    expect(d.paths['/v1/lookup'].get!.security).toEqual([]);
    expect(d.paths['/v1/reports'].post!.security).toEqual([{}, { bearer: [] }]);
    expect(d.paths['/v1/reports/batch'].post!.security).toEqual([{ bearer: [] }]);
    expect(d.paths['/taxii2'].get!.security).toEqual([{ bearer: [] }, { basic: [] }]);
    expect(d.paths['/v1/reports/batch'].post!.description).toBe('Access: reporter, analyst keys.');
    expect(d.paths['/v1/reports'].post!.description).toBe('Durable first.\n\nAccess: reporter, analyst keys, or public (no key).');
  });

  it("adds the contract's error answers where they apply and keeps the ones a route documents", () => {
    expect(Object.keys(d.paths['/v1/lookup'].get!.responses)).toEqual(['200', '400', '429', '503']);
    expect(Object.keys(d.paths['/v1/reports'].post!.responses)).toEqual(['202', '400', '401', '403', '413', '415', '422', '429', '503']);
    expect((d.paths['/v1/reports'].post!.responses['422'] as any).description).toBe('Reused key.');
    expect(Object.keys(d.paths['/v1/reports/batch'].post!.responses)).toEqual(['202', '401', '403', '503']);
    // TAXII documents its own 401 (a TAXII error resource); no 503 outside /v1.
    expect(Object.keys(d.paths['/taxii2'].get!.responses)).toEqual(['200', '401', '403']);
    expect((d.paths['/taxii2'].get!.responses['401'] as any).content['application/taxii+json;version=2.1']).toBeDefined();
    expect((d.paths['/v1/lookup'].get!.responses['503'] as any).headers['Retry-After']).toBeDefined();
  });

  it('drops the empty placeholder answer and lists operations documented too thinly', () => {
    expect(Object.keys(d.paths['/v1/new-thing'].get!.responses)).toEqual(['503']);
    expect(documentationGaps(d)).toEqual(['GET /v1/new-thing (no summary) (no answer with content)']);
  });
});

describe('diffDocuments', () => {
  it('is empty for the same document in another key order, and names what changed otherwise', () => {
    const a = JSON.parse(JSON.stringify(enrichDocument(doc(), meta)));
    const reordered = JSON.parse(stableStringify(a));
    expect(diffDocuments(a, reordered)).toEqual([]);
    const b = JSON.parse(JSON.stringify(a));
    delete b.paths['/v1/new-thing'];
    b.paths['/v1/lookup'].get.summary = 'changed';
    b.paths['/v1/other'] = { delete: { responses: {} } };
    b.components.schemas.Extra = { type: 'string' };
    b.info.version = '2';
    expect(diffDocuments(a, b).sort()).toEqual([
      '+ operation DELETE /v1/other (in the code, not in the committed spec)',
      '+ schema Extra (in the code, not in the committed spec)',
      '- operation GET /v1/new-thing (in the committed spec, gone from the code)',
      '~ field info changed',
      '~ operation GET /v1/lookup changed',
    ]);
  });
});
