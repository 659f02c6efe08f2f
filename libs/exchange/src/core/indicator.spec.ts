import { fingerprintOf, isIndicatorType } from './indicator';
import * as core from './index';

describe('indicator basics', () => {
  it('fingerprints type + "\\n" + value as lower-case hex SHA-256 of the UTF-8 bytes (CONTRACT §5)', () => {
    expect(fingerprintOf('phone', '+821012345678')).toBe('04ec3fa5a6fe47e48574edee57573f0423772c7dea594e22b408754777b2bf34');
    expect(fingerprintOf('url', '+821012345678')).not.toBe(fingerprintOf('phone', '+821012345678'));
  });

  it('knows the eight contract types', () => {
    expect(['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'].every(isIndicatorType)).toBe(true);
    expect(isIndicatorType('iban')).toBe(false);
  });

  it('exports the whole core from one index', () => {
    for (const name of [
      'toStixBundle',
      'fromStixBundle',
      'signRequest',
      'verifyRequest',
      'signReceipt',
      'verifyReceipt',
      'jwkThumbprint',
      'applyOutboundPolicy',
      'checkInboundPolicy',
      'pseudonym',
      'maxTlpOf',
      'tlpRank',
      'tlpAllowed',
      'contentDigest',
      'verifyContentDigest',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
