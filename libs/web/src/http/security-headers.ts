import type { FastifyReply } from 'fastify';

/**
 * Every page: nothing from another origin, no inline script or style (the pages have neither: one stylesheet
 * and, where a page wants one, a script file, both same-origin), no framing, no referrer leaving the site
 * (a status URL carries its receipt code). The handful of headers is set here rather than through a plugin
 * registered for the whole API, because Swagger UI at /docs needs a looser policy of its own.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export function applySecurityHeaders(reply: FastifyReply): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
}
