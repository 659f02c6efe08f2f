import { compare, csvField, csvLine, isListed, txtLine } from './feed';

const J = { fingerprint: 'f', type: 'phone' as const, value: '+6581234567', verdict: 'scam' as const, tlpRank: 0 };

describe('blocklist feed', () => {
  it('lists scam verdicts shared at clear or green only', () => {
    expect(isListed(J)).toBe(true);
    expect(isListed({ ...J, tlpRank: 1 })).toBe(true);
    expect(isListed({ ...J, tlpRank: 2 })).toBe(false);
    expect(isListed({ ...J, verdict: 'suspicious' })).toBe(false);
  });

  it('tells verdict changes (events) from listing changes (deltas)', () => {
    expect(compare(undefined, J)).toEqual({ listed: true, verdictChanged: true, changed: true });
    expect(compare({ verdict: 'scam', tlpRank: 0, listed: true }, J)).toEqual({ listed: true, verdictChanged: false, changed: false });
    expect(compare({ verdict: 'scam', tlpRank: 0, listed: true }, { ...J, verdict: 'legitimate' })).toEqual({
      listed: false,
      verdictChanged: true,
      changed: true,
    });
    expect(compare({ verdict: 'scam', tlpRank: 2, listed: false }, J)).toEqual({ listed: true, verdictChanged: false, changed: true });
    expect(compare(undefined, { ...J, verdict: 'unknown' })).toMatchObject({ verdictChanged: false, changed: true });
  });

  it('writes CSV per RFC 4180 (values unaltered) and plain lines', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(csvLine({ type: 'url', value: 'http://a.example/x,y"z', fingerprint: 'f', listed: true, changedAt: at })).toBe(
      '"http://a.example/x,y""z",url,f,listed,2026-12-01T00:00:00.000Z\r\n',
    );
    expect(csvField('+6581234567')).toBe('+6581234567');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(txtLine({ type: 'phone', value: '+6581234567', fingerprint: 'f', listed: false, changedAt: at })).toBe('+6581234567\n');
    expect(txtLine({ type: 'url', value: 'http://a/\nb', fingerprint: 'f', listed: true, changedAt: at })).toBeUndefined();
  });
});
