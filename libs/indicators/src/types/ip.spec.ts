import { normalize, tryNormalize } from '../index';
import { formatIpv6 } from './ip';

const ip = (raw: string) => normalize(raw, { type: 'ip' });

describe('ip: RFC 5952 text form', () => {
  // Examples from RFC 5952 sections 2 and 4, plus section 5 (IPv4-mapped).
  it.each([
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §2.1–2.2: all of these are one address
    ['2001:0db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8::0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:db8:0000:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:DB8:0:0:1::1', '2001:db8::1:0:0:1'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'], // §4.1 leading zeros
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'], // §4.2.1 shorten as much as possible
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2 never one 16-bit field
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3 longest run
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3 first of equal runs
    ['2001:DB8::AAAA', '2001:db8::aaaa'], // §4.3 lower case
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'], // §5 mixed notation for IPv4-mapped
    ['0:0:0:0:0:ffff:c000:0201', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['[2001:db8::1]', '2001:db8::1'],
  ])('%s -> %s', (input, expected) => {
    expect(ip(input).value).toBe(expected);
    expect(ip(input).attributes.version).toBe(6);
  });

  it('formats parts directly', () => {
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6([1, 0, 1, 0, 1, 0, 1, 0])).toBe('1:0:1:0:1:0:1:0');
  });
});

describe('ip: IPv4 and ranges', () => {
  it.each([
    ['8.8.8.8', '8.8.8.8', false],
    ['1.2.3[.]4', '1.2.3.4', false],
    ['010.001.002.003', '10.1.2.3', true],
    ['192.168.0.1', '192.168.0.1', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['100.64.1.1', '100.64.1.1', true],
    ['169.254.1.1', '169.254.1.1', true],
    ['224.0.0.1', '224.0.0.1', true],
    ['2400:cb00::1', '2400:cb00::1', false],
    ['fe80::1', 'fe80::1', true],
    ['fc00::1', 'fc00::1', true],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', '::ffff:8.8.8.8', false],
  ])('%s -> %s private=%s', (input, value, priv) => {
    const r = ip(input);
    expect(r.value).toBe(value);
    expect(r.attributes.private).toBe(priv);
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', 'gggg::1', 'example.com'])('rejects %j', (input) => {
    expect(tryNormalize(input, { type: 'ip' })).toMatchObject({ ok: false, code: 'invalid_ip' });
  });
});
