import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { ACCESS_KEY, AccessRule, RATE_LIMIT_KEY } from '@scamintel/common';
import { ROUTE_DOCS, ResponseDoc } from './route-docs';
import { SCHEMAS } from './schemas';
import { serveSwaggerUi } from './swagger-ui';

export const BEARER = 'bearer';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface RouteMeta {
  access?: AccessRule[];
  rateLimit?: string;
}

interface ContainerLike {
  getModules(): Map<string, { controllers: Map<unknown, { metatype: unknown }> }>;
}

/**
 * `@Access` and `@RateLimit` of every controller method, keyed like Swagger's default operationId
 * (`<Controller>_<method>`). Read from the module container, so it works on an application created with
 * `preview: true` (nothing instantiated, no database needed).
 */
export function routeMetadata(app: INestApplication): Map<string, RouteMeta> {
  const out = new Map<string, RouteMeta>();
  const container = (app as unknown as { container: ContainerLike }).container;
  for (const mod of container.getModules().values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
      if (typeof cls !== 'function') continue;
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        if (name === 'constructor') continue;
        const fn = Object.getOwnPropertyDescriptor(cls.prototype, name)?.value;
        if (typeof fn !== 'function') continue;
        const access = (Reflect.getMetadata(ACCESS_KEY, fn) ?? Reflect.getMetadata(ACCESS_KEY, cls)) as AccessRule[] | undefined;
        const rateLimit = (Reflect.getMetadata(RATE_LIMIT_KEY, fn) ?? Reflect.getMetadata(RATE_LIMIT_KEY, cls)) as string | undefined;
        out.set(`${cls.name}_${name}`, { access, rateLimit });
      }
    }
  }
  return out;
}

const errorResponse = (description: string, headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function toResponse(d: ResponseDoc): ResponseObject {
  const schema = typeof d.schema === 'string' ? { $ref: `#/components/schemas/${d.schema}` } : (d.schema as SchemaObject | undefined);
  return {
    description: d.description,
    ...(d.headers ? { headers: d.headers as ResponseObject['headers'] } : {}),
    content: {
      [d.contentType ?? 'application/json']: { ...(schema ? { schema } : {}), ...(d.example !== undefined ? { example: d.example } : {}) },
    },
  };
}

function describeAccess(rules: AccessRule[] | undefined): string {
  if (!rules?.length) return 'Access: none declared (refused).';
  const roles = rules.filter((r) => r !== 'public');
  if (!roles.length) return 'Access: public (no key needed; a valid key is accepted too).';
  return `Access: ${roles.join(', ')} key${roles.length > 1 ? 's' : ''}${rules.includes('public') ? ', or public (no key)' : ''}.`;
}

/** Adds security, access notes, the contract's error responses, documented responses and request examples. */
export function enrichDocument(doc: OpenAPIObject, meta: Map<string, RouteMeta>): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas = { ...SCHEMAS, ...(doc.components.schemas ?? {}) };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const m = meta.get(op.operationId ?? '') ?? {};
      const rules = m.access;
      const keyed = !!rules?.some((r) => r !== 'public');
      const anonymous = !!rules?.includes('public');
      op.security = keyed ? (anonymous ? [{}, { [BEARER]: [] }] : [{ [BEARER]: [] }]) : [];
      (op as unknown as Record<string, unknown>)['x-access'] = rules ?? [];

      const docs = ROUTE_DOCS[key];
      if (docs?.summary) op.summary = docs.summary;
      op.description = [docs?.description, describeAccess(rules)].filter(Boolean).join('\n\n');

      const params = (op.parameters ?? []) as ParameterObject[];
      for (const h of docs?.headers ?? []) {
        if (!params.some((p) => p.in === 'header' && p.name.toLowerCase() === h.name.toLowerCase()))
          params.push({ in: 'header', required: false, ...h } as ParameterObject);
      }
      if (params.length) op.parameters = params;
      if (docs?.requestBody && !op.requestBody) op.requestBody = { required: true, ...docs.requestBody } as OperationObject['requestBody'];
      const json = (op.requestBody as { content?: Record<string, { examples?: unknown }> } | undefined)?.content?.['application/json'];
      if (json && docs?.requestExamples) json.examples = docs.requestExamples;

      const responses: Record<string, ResponseObject | ReferenceObject> = {};
      const documented = Object.entries(docs?.responses ?? {});
      const hasSuccess = documented.some(([s]) => s.startsWith('2'));
      for (const [status, r] of Object.entries(op.responses ?? {}))
        if (!hasSuccess || !status.startsWith('2')) responses[status] = r as ResponseObject;
      for (const [status, d] of documented) responses[status] = toResponse(d);

      if (op.requestBody || params.length)
        responses['400'] ??= errorResponse('Malformed or invalid request (unknown fields are rejected).');
      if (op.requestBody) {
        responses['413'] ??= errorResponse('Body over the limit.');
        responses['415'] ??= errorResponse('Not JSON.');
      }
      if (keyed) {
        if (!anonymous)
          responses['401'] ??= errorResponse('Missing, unknown or revoked key.', {
            'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } },
          });
        else responses['401'] ??= errorResponse('Unknown or revoked key.');
        responses['403'] ??= errorResponse('Known key, wrong role.');
      }
      if (m.rateLimit)
        responses['429'] ??= errorResponse('Too many requests from this address.', {
          'Retry-After': { description: 'Seconds.', schema: { type: 'integer' } },
        });
      if (path.startsWith('/v1/'))
        responses['503'] ??= errorResponse('PostgreSQL unreachable; nothing was stored.', {
          'Retry-After': { description: 'Seconds.', schema: { type: 'integer' } },
        });
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  return doc;
}

export function documentConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('scamintel')
    .setDescription(
      'Scam-intelligence exchange node: report intake, indicator normalisation and lookup, bilateral exchange, bulletins and operations. ' +
        'Errors are always `{"error":{"code","message","details"?},"requestId"}`. Keys are sent as `Authorization: Bearer <key>`; roles do not nest.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key (`si_…`) created by an admin or with `npm run cli -- keys:create`.' },
      BEARER,
    )
    .build();
}

/** The OpenAPI document of an application (initialised or created with `preview: true`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(app, documentConfig());
  return enrichDocument(doc, routeMetadata(app));
}

/** Operations without an entry in ROUTE_DOCS, and ROUTE_DOCS entries that match no operation. */
export function documentationGaps(doc: OpenAPIObject): { undocumented: string[]; stale: string[] } {
  const ops = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) for (const m of METHODS) if (item[m]) ops.add(`${m.toUpperCase()} ${path}`);
  return { undocumented: [...ops].filter((o) => !ROUTE_DOCS[o]), stale: Object.keys(ROUTE_DOCS).filter((k) => !ops.has(k)) };
}

/**
 * Serves the document at `/docs-json` (built on the first request, so starting the API costs nothing) and
 * Swagger UI at `/docs` (swagger-ui.ts). Both are public, as CONTRACT §8 lists them.
 */
export function setupOpenApi(app: INestApplication): void {
  let doc: OpenAPIObject | undefined;
  const build = () => (doc ??= buildOpenApiDocument(app));
  SwaggerModule.setup('docs', app, build, { jsonDocumentUrl: 'docs-json', raw: ['json'], ui: false });
  serveSwaggerUi(app.getHttpAdapter().getInstance() as FastifyInstance, '/docs', '/docs-json');
}
