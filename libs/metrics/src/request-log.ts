import type { Logger } from 'pino';

interface LoggedRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

/**
 * What a request log line says about the request: method, route template and path — never the query string
 * (a lookup's `q` may be someone's phone number), headers (Authorization), the client address (it would undo
 * the hashing of anonymous reporters' addresses) or the body. Auth failures keep their address in the audit log.
 */
export function requestLogFields(req: LoggedRequest): { method?: string; route?: string; path?: string } {
  const path = typeof req.url === 'string' ? req.url.split('?')[0] : undefined;
  return { method: req.method, route: req.routeOptions?.url, path };
}

/**
 * A child of the application logger for Fastify's request logging whose `req` serializer keeps to
 * requestLogFields (Fastify's default one logs the full URL, host and client address).
 */
export function privateRequestLogger(logger: Logger): Logger {
  return logger.child(
    {},
    { serializers: { req: requestLogFields, res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }) } },
  );
}
