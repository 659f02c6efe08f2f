import { newNonce, nonceOrNew, readReceiptCode, receiptCodeFor, receiptHash } from './receipt-code';

describe('receipt codes', () => {
  it('are 25 Crockford base32 characters in five groups, the same for the same form and different for another', () => {
    const nonce = newNonce();
    const code = receiptCodeFor(nonce);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(receiptCodeFor(nonce)).toBe(code);
    const many = new Set(Array.from({ length: 2000 }, () => receiptCodeFor(newNonce())));
    expect(many.size).toBe(2000);
  });

  it('are read leniently: case, spaces, dashes, O for 0 and I or L for 1', () => {
    const code = '7K2QD-8M1XR-0ABCD-EFGHJ-KMNPQ';
    expect(readReceiptCode(code)).toBe(code);
    expect(readReceiptCode(' 7k2qd 8m1xr oabcd efghj kmnpq ')).toBe(code);
    expect(readReceiptCode('7K2QD8MIXR0ABCDEFGHJKMNPQ')).toBe(code);
    expect(readReceiptCode('7K2QD8MLXR0ABCDEFGHJKMNPQ')).toBe(code);
  });

  it.each(['', 'ZZZZZ', '7K2QD-8M1XR-0ABCD-EFGHJ-KMNPU', '7K2QD-8M1XR-0ABCD-EFGHJ-KMNPQQ', 'x'.repeat(500), undefined])(
    'are refused when they cannot be a code: %j',
    (s) => expect(readReceiptCode(s)).toBeUndefined(),
  );

  it('are stored as a SHA-256 only; a form without a usable nonce gets a fresh one', () => {
    expect(receiptHash('7K2QD-8M1XR-0ABCD-EFGHJ-KMNPQ')).toMatch(/^[0-9a-f]{64}$/);
    const good = newNonce();
    expect(nonceOrNew(good)).toBe(good);
    for (const bad of [undefined, '', 'short', `${good}x`, 'a'.repeat(42) + '!']) expect(nonceOrNew(bad)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonceOrNew('short')).not.toBe(nonceOrNew('short'));
  });
});
