import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { RequestError, mapError } from '@scamintel/common';
import { isTaxiiPath, TAXII_MEDIA_TYPE, taxiiErrorResource } from '@scamintel/taxii';
import { FORM_TYPE, isHtmlRoute } from '@scamintel/web';
import { DEFAULT_SHAPE_LIMITS, shapeProblem } from './body-shape';
import { decodeUtf8, textProblems } from './body-text';
import { errorBody } from './error-body';

const MiB = 1024 * 1024;
const JSON_TYPES = /^application\/([a-z.+-]+\+)?json$/;
/** Routes that take bulk bodies (CONTRACT §4): 10 MiB. Everything else: 1 MiB. */
const LARGE_BODY_ROUTES = new Set(['/v1/reports/batch', '/v1/exchange/inbox', '/v1/exchange/campaigns', '/v1/check']);
/** Routes that keep the exact body bytes as req.rawBody: signed exchange routes check Content-Digest over them. */
const RAW_BODY_ROUTES = new Set([
  '/v1/exchange/inbox',
  '/v1/exchange/campaigns',
  '/v1/exchange/requests',
  '/v1/exchange/requests/:id/status',
]);
/** A STIX bundle of 1000 indicators holds ~3000 objects, so the inbox admits longer arrays than the JSON routes. */
const BUNDLE_SHAPE_LIMITS = { ...DEFAULT_SHAPE_LIMITS, maxArrayLength: 20_000, maxKeys: 2_000_000 };

/**
 * Settings Nest has no words for: per-route body limits, the STIX and TAXII JSON media types, only JSON
 * accepted (anything else is a 415), JSON decoded as strict UTF-8, and shape and text checks before validation. Errors Fastify raises itself reach
 * Nest's exception filter (ErrorFilter), which answers them in the contract's shape.
 */
export function configureFastify(adapter: FastifyAdapter): void {
  const f = adapter.getInstance();
  f.addHook('onRoute', (route) => {
    route.bodyLimit = LARGE_BODY_ROUTES.has(route.url) ? 10 * MiB : MiB;
  });
  f.removeContentTypeParser('text/plain');
  // Fastify's and Nest's JSON parsers decode with replacement characters; a body that is not UTF-8 is refused
  // instead. Registered through the adapter so that Nest does not add its own application/json parser.
  const json = f.getDefaultJsonParser('error', 'error');
  adapter.useBodyParser(['application/json', 'application/stix+json', 'application/taxii+json'], false, undefined, (req, body, done) => {
    const text = decodeUtf8(body);
    if (text === undefined) done(new RequestError('malformed_json', 'the body is not valid UTF-8'), undefined);
    else void json(req, text, done);
  });
  f.addHook('preParsing', async (req, _reply, payload) => {
    if (!RAW_BODY_ROUTES.has(req.routeOptions.url ?? '')) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > 10 * MiB) throw new RequestError('payload_too_large', 'the body is larger than 10 MiB');
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (req as { rawBody?: Buffer }).rawBody = raw;
    return Readable.from([raw]);
  });
  f.addHook('preValidation', async (req) => {
    // Query strings and path parameters reach SQL too (lookups, ids), so they are held to the same rule as bodies.
    const inUrl = [...textProblems(req.query, 'query'), ...textProblems(req.params, 'params')];
    if (inUrl.length) throw new RequestError('validation_failed', 'the URL holds text that cannot be stored', inUrl);
    if (req.body === undefined) return;
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    // Pages take HTML forms and nothing else; every other route takes JSON only.
    if (isHtmlRoute(req)) {
      if (type !== FORM_TYPE) throw new RequestError('unsupported_media_type', `send a form (Content-Type: ${FORM_TYPE})`);
    } else if (!JSON_TYPES.test(type)) throw new RequestError('unsupported_media_type', 'send JSON (Content-Type: application/json)');
    const problem = shapeProblem(req.body, RAW_BODY_ROUTES.has(req.routeOptions.url ?? '') ? BUNDLE_SHAPE_LIMITS : undefined);
    if (problem) throw new RequestError('validation_failed', `the body is too complex: ${problem}`, [{ path: '', message: problem }]);
    const text = textProblems(req.body);
    if (text.length) throw new RequestError('validation_failed', 'the body holds text that cannot be stored', text);
  });
}

/**
 * Errors the Fastify router raises before any hook or Nest handler runs, answered in the contract's shape
 * (Fastify would write its own): a path with broken percent-encoding or a parameter over the router's length
 * limit is a bad request, not a 414 nobody documents.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const bad: Record<string, string> = {
    FST_ERR_BAD_URL: 'the URL path is not valid percent-encoded UTF-8',
    FST_ERR_MAX_PARAM_LENGTH: 'a path parameter is longer than 100 characters',
  };
  const m = bad[err.code]
    ? { status: 400, code: 'validation_failed', message: bad[err.code], details: [{ path: 'params', message: bad[err.code] }] }
    : mapError(err);
  // TAXII clients get TAXII's error resource, as the TAXII routes' onSend hook would have written it.
  if (isTaxiiPath(req.url))
    void reply
      .status(m.status)
      .header('content-type', TAXII_MEDIA_TYPE)
      .send(JSON.stringify(taxiiErrorResource(m.status, m.code, m.message, String(req.id), m.details)));
  else
    void reply
      .status(m.status)
      .type('application/json')
      .send(errorBody(m.code, m.message, String(req.id), m.details));
}
