import { decodeCursor, encodeCursor } from './cursor';

const fp = 'a'.repeat(64);

describe('push cursor', () => {
  it('round-trips PostgreSQL timestamps with microseconds', () => {
    for (const at of ['2026-11-20 10:00:00.123456+00', '2026-11-20 18:00:00+08', '2026-11-20 10:00:00.1-03:30']) {
      expect(decodeCursor(encodeCursor({ at, fingerprint: fp }))).toEqual({ at, fingerprint: fp });
    }
  });
  it('rejects anything it did not write', () => {
    const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of [
      '',
      'nonsense!',
      b(['2026-11-20 10:00:00+00']),
      b(['yesterday', fp]),
      b(['2026-11-20 10:00:00+00', 'ABC']),
      b({ at: 1 }),
      b(["2026-11-20 10:00:00+00'; DROP", fp]),
    ]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});
