import type { OpenAPIObject } from '@nestjs/swagger';
import { diffDocuments, stableStringify } from './diff';
import { documentationGaps, enrichDocument } from './document';

const doc = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/lookup': {
      get: {
        operationId: 'IndicatorsController_lookup',
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: '' } },
      },
    },
    '/v1/reports': {
      post: {
        operationId: 'ReportsController_submit',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportDto' } } } },
        responses: { '202': { description: '' } },
      },
    },
    '/v1/reports/batch': { post: { operationId: 'ReportsController_submitBatch', responses: { '202': { description: '' } } } },
    '/v1/new-thing': { get: { operationId: 'NewController_get', responses: { '200': { description: '' } } } },
  },
  components: { schemas: { ReportDto: { type: 'object' } } },
});

const meta = new Map([
  ['IndicatorsController_lookup', { access: ['public' as const], rateLimit: 'lookup' }],
  ['ReportsController_submit', { access: ['reporter' as const, 'analyst' as const, 'public' as const], rateLimit: 'anonymousReports' }],
  ['ReportsController_submitBatch', { access: ['reporter' as const, 'analyst' as const] }],
]);

describe('enrichDocument', () => {
  const d = enrichDocument(doc(), meta);

  it('derives security from @Access: none, optional bearer, required bearer', () => {
    expect(d.paths['/v1/lookup'].get!.security).toEqual([]);
    expect(d.paths['/v1/reports'].post!.security).toEqual([{}, { bearer: [] }]);
    expect(d.paths['/v1/reports/batch'].post!.security).toEqual([{ bearer: [] }]);
    expect(d.paths['/v1/reports/batch'].post!.description).toContain('Access: reporter, analyst keys.');
  });

  it('adds the contract error responses and the documented ones', () => {
    const lookup = d.paths['/v1/lookup'].get!.responses;
    expect(Object.keys(lookup)).toEqual(['200', '400', '429', '503']);
    expect((lookup['200'] as any).content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LookupAnswer' });
    const batch = d.paths['/v1/reports/batch'].post!.responses;
    expect(Object.keys(batch)).toEqual(expect.arrayContaining(['202', '401', '403', '422', '503']));
    expect((d.paths['/v1/reports'].post!.requestBody as any).content['application/json'].examples.full.value.scamType).toBe(
      'impersonation_bank',
    );
    expect(d.components!.schemas!.ReportDto).toEqual({ type: 'object' });
    expect(d.components!.schemas!.Error).toBeDefined();
  });

  it('lists routes without documentation', () => {
    expect(documentationGaps(d).undocumented).toEqual(['GET /v1/new-thing']);
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
