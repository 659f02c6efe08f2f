import { decodeFeedCursor, encodeFeedCursor } from './feed-cursor';

const DIGEST = 'ab'.repeat(32);

describe('campaigns feed cursor', () => {
  it('round-trips the link sequence and the campaign-set digest', () => {
    for (const c of [
      { seq: '0', digest: null },
      { seq: '42', digest: DIGEST },
      { seq: '9223372036854775807', digest: DIGEST },
    ])
      expect(decodeFeedCursor(encodeFeedCursor(c))).toEqual(c);
  });

  it('refuses what this node did not issue', () => {
    const enc = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of [
      '',
      'nonsense',
      'a+b/c=',
      enc('c1:-1:-'),
      enc('c1:01:-'),
      enc('c1:9223372036854775808:-'),
      enc(`c1:1:${DIGEST.toUpperCase()}`),
      enc(`c1:1:${DIGEST}x`),
      enc('c2:1:-'),
      'x'.repeat(201),
    ])
      expect(decodeFeedCursor(bad)).toBeUndefined();
  });
});
