import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { ACCESS_KEY, AccessRule, ErrorBody, RATE_LIMIT_KEY } from '@scamintel/common';
import { serveSwaggerUi } from './swagger-ui';

export const BEARER = 'bearer';
export const BASIC = 'basic';
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
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds.', schema: { type: 'integer' } } };

function describeAccess(rules: AccessRule[] | undefined): string {
  if (!rules?.length) return 'Access: none declared (refused).';
  const roles = rules.filter((r) => r !== 'public');
  if (!roles.length) return 'Access: public (no key needed; a valid key is accepted too).';
  return `Access: ${roles.join(', ')} key${roles.length > 1 ? 's' : ''}${rules.includes('public') ? ', or public (no key)' : ''}.`;
}

/**
 * Security from `@Access` (what the guard enforces): a keyed route takes a Bearer key, optionally none when it is
 * also public; schemes a controller declares besides (`@ApiBasicAuth`) are added as alternatives.
 */
function securityOf(op: OperationObject, rules: AccessRule[] | undefined): OperationObject['security'] {
  const keyed = !!rules?.some((r) => r !== 'public');
  if (!keyed) return [];
  const declared = (op.security ?? []).flatMap((s) => Object.keys(s)).filter((name) => name !== BEARER);
  return [...(rules!.includes('public') ? [{}] : []), { [BEARER]: [] }, ...[...new Set(declared)].map((name) => ({ [name]: [] }))];
}

/** The contract's error answers (CONTRACT §4) where they apply, unless the route documents its own. */
function addContractErrors(op: OperationObject, path: string, rules: AccessRule[] | undefined, rateLimited: boolean): void {
  const responses = op.responses as Record<string, ResponseObject | ReferenceObject>;
  const keyed = !!rules?.some((r) => r !== 'public');
  if (op.requestBody || op.parameters?.length)
    responses['400'] ??= errorResponse('Malformed or invalid request (unknown fields are rejected).');
  if (op.requestBody) {
    responses['413'] ??= errorResponse('Body over the limit.');
    responses['415'] ??= errorResponse('Not JSON.');
  }
  if (keyed) {
    responses['401'] ??= rules!.includes('public')
      ? errorResponse('Unknown or revoked key.')
      : errorResponse('Missing, unknown or revoked key.', { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } });
    responses['403'] ??= errorResponse('Known key, wrong role.');
  }
  if (rateLimited) responses['429'] ??= errorResponse('Too many requests from this address.', RETRY_AFTER);
  if (path.startsWith('/v1/')) responses['503'] ??= errorResponse('PostgreSQL unreachable; nothing was stored.', RETRY_AFTER);
}

/**
 * Completes what the controllers' decorators say with what the framework knows: security and access notes from
 * `@Access`, the contract's error answers, and no placeholder answers (the CLI plugin adds an empty one per route).
 */
export function enrichDocument(doc: OpenAPIObject, meta: Map<string, RouteMeta>): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const m = meta.get(op.operationId ?? '') ?? {};
      op.security = securityOf(op, m.access);
      (op as unknown as Record<string, unknown>)['x-access'] = m.access ?? [];
      op.description = [op.description, describeAccess(m.access)].filter(Boolean).join('\n\n');
      const responses = Object.entries(op.responses ?? {}).filter(
        ([, r]) => (r as ResponseObject).description || (r as ResponseObject).content,
      );
      op.responses = Object.fromEntries(responses);
      addContractErrors(op, path, m.access, !!m.rateLimit);
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  return doc;
}

export function documentConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('scamintel')
    .setDescription(
      'Scam-intelligence exchange node: report intake, indicator normalisation and lookup, bilateral exchange, bulletins and operations. ' +
        'Errors are always `{"error":{"code","message","details"?},"requestId"}`. Keys are sent as `Authorization: Bearer <key>`; roles do not nest. ' +
        'TAXII clients and the queue dashboard may send the key as the password of HTTP Basic instead.',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description: 'An API key (`si_…`) created by an admin or with `npm run cli -- keys:create`.',
      },
      BEARER,
    )
    .addBasicAuth(
      {
        type: 'http',
        scheme: 'basic',
        description: 'Any user name, an API key as the password (TAXII 2.1 clients, browsers on the queue dashboard).',
      },
      BASIC,
    )
    .build();
}

/** The OpenAPI document of an application (initialised or created with `preview: true`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(app, documentConfig(), { extraModels: [ErrorBody] });
  return enrichDocument(doc, routeMetadata(app));
}

/**
 * Operations documented too thinly to be useful: without a summary, or without an answer of their own whose content
 * is described (`npm run openapi:check` fails on them). Decorate the controller method to fix one.
 */
export function documentationGaps(doc: OpenAPIObject): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const m of METHODS) {
      const op = item[m] as OperationObject | undefined;
      if (!op) continue;
      // The contract's error answers are added to every route; a route of its own says what it answers.
      const described = Object.entries(op.responses ?? {}).some(([status, r]) => {
        const content = Object.values((r as ResponseObject).content ?? {});
        return (
          content.length > 0 &&
          (status.startsWith('2') ||
            content.some((c) => (c.schema as { $ref?: string } | undefined)?.$ref !== '#/components/schemas/Error'))
        );
      });
      if (!op.summary || !described)
        gaps.push(`${m.toUpperCase()} ${path}${op.summary ? '' : ' (no summary)'}${described ? '' : ' (no answer with content)'}`);
    }
  return gaps;
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
