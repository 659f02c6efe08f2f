import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { TAXII_MEDIA_TYPE } from '../media-types';
import { TAXII_CHALLENGE, taxiiErrorResource } from './taxii-errors';

export const TAXII_PREFIX = '/taxii2';
/** The API root's `max_content_length`, and the body limit of the TAXII routes (the same 1 MiB as the JSON routes). */
export const MAX_CONTENT_LENGTH = 1024 * 1024;

export const isTaxiiPath = (url: string) => {
  const path = url.split('?')[0];
  return path === TAXII_PREFIX || path.startsWith(`${TAXII_PREFIX}/`);
};

/**
 * What the TAXII routes need from Fastify that Nest cannot say, installed from the module (nothing in
 * apps/api changes) when the application is created — before Nest registers its routes, so the hooks see them:
 *
 * - **Trailing slashes.** Nest strips them from route paths, but every TAXII URL ends with one
 *   (`/taxii2/`, `…/collections/{id}/objects/`). Each TAXII route is therefore also registered with it (an
 *   `onRoute` hook adding a twin route with the same handler); both forms are served.
 * - **Body limit** of the TAXII routes = MAX_CONTENT_LENGTH, which the API root announces.
 * - **Media type and error shape.** Every response under `/taxii2` gets exactly
 *   `Content-Type: application/taxii+json;version=2.1` (Fastify would write `…; version="2.1"; charset=utf-8`).
 *   Errors raised inside Nest are shaped by TaxiiErrorFilter; the ones Fastify raises before a TAXII handler
 *   runs (413 over the limit, 415 for a body type no parser takes, malformed JSON, unknown paths) reach the
 *   API's global ErrorFilter, and their contract-shaped JSON is rewritten here into a TAXII error resource.
 */
@Injectable()
export class TaxiiFastifyHooks {
  constructor(host: HttpAdapterHost) {
    const f = host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!f || typeof f.addHook !== 'function') return;
    f.addHook('onRoute', (route: RouteOptions) => {
      const url = route.url ?? '';
      if (!isTaxiiPath(url)) return;
      route.bodyLimit = MAX_CONTENT_LENGTH;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // HEAD routes come with their GET; the twin GET brings its own HEAD.
      if (url.endsWith('/') || methods.every((m) => m === 'HEAD')) return;
      f.route({ ...route, url: `${url}/`, path: `${url}/` } as RouteOptions);
    });
    f.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (!isTaxiiPath(req.url)) return payload;
      const typed = String(reply.getHeader('content-type') ?? '');
      reply.header('content-type', TAXII_MEDIA_TYPE);
      if (reply.statusCode < 400 || !typed.startsWith('application/json') || typeof payload !== 'string') return payload;
      return rewriteContractError(req, reply, payload);
    });
  }
}

/** `{"error":{"code","message","details"?},"requestId"}` → the TAXII error message resource. */
function rewriteContractError(req: FastifyRequest, reply: FastifyReply, payload: string): string {
  let parsed: { error?: { code?: unknown; message?: unknown; details?: unknown }; requestId?: unknown };
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  const e = parsed?.error;
  if (!e || typeof e.code !== 'string') return payload;
  if (reply.statusCode === 401) reply.header('WWW-Authenticate', TAXII_CHALLENGE);
  const details = Array.isArray(e.details) ? e.details.filter((d) => d && typeof d.path === 'string' && typeof d.message === 'string') : [];
  return JSON.stringify(
    taxiiErrorResource(
      reply.statusCode,
      e.code,
      typeof e.message === 'string' ? e.message : '',
      String(parsed.requestId ?? req.id),
      details,
    ),
  );
}
