import { HttpException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { IndicatorError } from '@scamintel/indicators';
import { AuthError, RequestError } from './errors';
import { mapError } from './error-map';
import { ERROR_STATUS } from './error-status';

describe('mapError', () => {
  it('answers a feature error with its code, status from the one table, details and headers', () => {
    const m = mapError(new RequestError('rate_limited', 'slow down', [{ path: 'x', message: 'y' }], { 'Retry-After': '3' }));
    expect(m).toEqual({
      status: 429,
      code: 'rate_limited',
      message: 'slow down',
      details: [{ path: 'x', message: 'y' }],
      headers: { 'Retry-After': '3' },
    });
    expect(mapError(new AuthError('forbidden', 'no')).status).toBe(403);
  });

  it('answers the normaliser, the rate limiter, Nest and Fastify errors with codes of the table', () => {
    expect(mapError(new IndicatorError('invalid_phone_for_region', 'bad')).status).toBe(422);
    expect(mapError(new ThrottlerException()).code).toBe('rate_limited');
    expect(mapError(new HttpException('nope', 405))).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(mapError(new NotFoundException())).toMatchObject({ status: 404, code: 'not_found' });
    expect(mapError(new HttpException('Unexpected token } in JSON', 400)).code).toBe('malformed_json');
    expect(mapError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'too big' })).toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
    expect(mapError({ statusCode: 418, message: 'teapot' })).toMatchObject({ status: 418, code: 'bad_request' });
    for (const m of [mapError(new HttpException('x', 418)), mapError({ statusCode: 400 }), mapError(new Error('x'))])
      expect(ERROR_STATUS).toHaveProperty(m.code);
  });

  it('never lets internals out', () => {
    expect(mapError(new Error('SELECT secret FROM keys'))).toEqual({
      status: 500,
      code: 'internal',
      message: 'internal error',
      details: [],
      headers: {},
    });
    expect(mapError(new HttpException('stack trace here', 500)).message).toBe('internal error');
    expect(mapError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({
      status: 503,
      code: 'database_unavailable',
      headers: { 'Retry-After': '5' },
    });
  });
});
