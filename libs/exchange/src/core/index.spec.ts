import * as core from './index';

describe('exchange core', () => {
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
      'contentDigest',
      'verifyContentDigest',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
