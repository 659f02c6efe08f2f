import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** Fastify route config flag of every page route: HTML errors, form bodies accepted (apps/api reads it). */
export const HTML_ROUTE = 'scamintelHtml';

/** Marks a handler as a page: errors render as HTML, and its POST body may be a form (application/x-www-form-urlencoded). */
export const Html = () => RouteConfig({ [HTML_ROUTE]: true });

export function isHtmlRoute(req: Pick<FastifyRequest, 'routeOptions'>): boolean {
  return Boolean((req.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[HTML_ROUTE]);
}

const API_PREFIXES = ['/v1/', '/taxii2', '/health', '/metrics', '/admin', '/docs'];

/** A request no route matched, from a browser (it prefers HTML) and outside the API's paths: it gets an HTML 404. */
export function wantsHtmlNotFound(req: Pick<FastifyRequest, 'url' | 'headers' | 'routeOptions'>): boolean {
  if (req.routeOptions?.url) return false;
  const path = req.url.split('?')[0];
  if (API_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) return false;
  const accept = String(req.headers.accept ?? '');
  return /\btext\/html\b/.test(accept);
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Reads one field of a parsed form or query: repeated fields count as absent rather than as the first value. */
export function field(source: unknown, name: string): string | undefined {
  const v = (source as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}
