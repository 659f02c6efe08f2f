import { decodeCursor, decodeStringCursor, encodeCursor } from './cursor';

describe('cursor codec', () => {
  it('round-trips a keyset position as opaque base64url', () => {
    const text = encodeCursor(['2026-11-20 10:00:00.123456+00', 'a'.repeat(64)]);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(['2026-11-20 10:00:00.123456+00', 'a'.repeat(64)]);
    expect(decodeStringCursor(text, 2)).toEqual(['2026-11-20 10:00:00.123456+00', 'a'.repeat(64)]);
  });

  it('keeps numbers and nulls for cursors that need them', () => {
    expect(decodeCursor(encodeCursor([1, 'c', null]))).toEqual([1, 'c', null]);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['empty', ''],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['an object, not an array', Buffer.from('{"a":1}').toString('base64url')],
  ])('refuses %s', (_, text) => expect(decodeCursor(text)).toBeUndefined());

  it('refuses text longer than the limit', () => {
    const long = encodeCursor(['x'.repeat(600)]);
    expect(decodeCursor(long, 100)).toBeUndefined();
    expect(decodeCursor(long)).toEqual(['x'.repeat(600)]);
  });

  it('decodes string cursors of the expected arity only', () => {
    expect(decodeStringCursor(encodeCursor(['a', 'b', 'c']), 2)).toBeUndefined();
    expect(decodeStringCursor(encodeCursor(['a', 1]), 2)).toBeUndefined();
  });
});
