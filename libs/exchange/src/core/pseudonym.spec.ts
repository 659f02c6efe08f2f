import { createHmac } from 'crypto';
import { pseudonym } from './pseudonym';

describe('pseudonym', () => {
  it('is HMAC-SHA256 of the value under the key, lower-case hex (RFC 4231 test case 1)', () => {
    // RFC 4231 §4.2: key = 20 × 0x0b, data = "Hi There".
    expect(pseudonym(Buffer.alloc(20, 0x0b), 'Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    const key = 'bilateral-key-for-tests-only-0123';
    expect(pseudonym(key, '+6591234567')).toBe(createHmac('sha256', Buffer.from(key)).update('+6591234567').digest('hex'));
    expect(pseudonym(Buffer.from(key), '+6591234567')).toBe(pseudonym(key, '+6591234567'));
  });

  it('depends on both key and value, so only key holders can match', () => {
    const a = pseudonym('k'.repeat(32), 'KR:004:123');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonym('j'.repeat(32), 'KR:004:123')).not.toBe(a);
    expect(pseudonym('k'.repeat(32), 'KR:004:124')).not.toBe(a);
  });

  it('refuses keys short enough to guess', () => {
    expect(() => pseudonym('short', 'x')).toThrow(RangeError);
  });
});
