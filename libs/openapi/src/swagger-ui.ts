import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The swagger-ui-dist files the page uses, with their media types. Nothing else of the package is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** swagger-ui-dist as @nestjs/swagger resolves it (it is that package's dependency, not ours). */
function assetDir(): string {
  const from = path.dirname(require.resolve('@nestjs/swagger'));
  return path.dirname(require.resolve('swagger-ui-dist/package.json', { paths: [from] }));
}

const page = (base: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scamintel API</title><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${base}/swagger-ui.css"><link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32"></head>
<body><div id="swagger-ui"></div><script src="${base}/swagger-ui-bundle.js"></script><script src="${base}/swagger-ui-init.js"></script></body></html>
`;

const init = (jsonUrl: string) => `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(jsonUrl)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  displayRequestDuration: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});
`;

/**
 * Swagger UI at `base`, reading `jsonUrl`. Served with plain routes rather than @fastify/static: that package
 * pulls in ESM-only dependencies Jest's CommonJS runtime cannot load, and four files do not need it.
 */
export function serveSwaggerUi(fastify: FastifyInstance, base: string, jsonUrl: string): void {
  const cache = new Map<string, Buffer>();
  let dir: string | undefined;
  const html = page(base);
  const sendPage = async (_req: unknown, reply: { type: (t: string) => { send: (b: string) => unknown } }) =>
    reply.type('text/html; charset=utf-8').send(html);
  fastify.get(base, sendPage);
  fastify.get(`${base}/`, sendPage);
  fastify.get(`${base}/swagger-ui-init.js`, async (_req, reply) => reply.type('application/javascript; charset=utf-8').send(init(jsonUrl)));
  for (const [file, type] of Object.entries(ASSETS)) {
    fastify.get(`${base}/${file}`, async (_req, reply) => {
      let body = cache.get(file);
      if (!body) {
        dir ??= assetDir();
        body = readFileSync(path.join(dir, file));
        cache.set(file, body);
      }
      return reply.type(type).header('Cache-Control', 'public, max-age=86400').send(body);
    });
  }
}
