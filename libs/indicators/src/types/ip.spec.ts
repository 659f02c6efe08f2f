import { normalize, tryNormalize } from '../index';
import { formatIpv6, parseInetAton, parseIpv6 } from './ip';

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
    ['::192.9.5.5', '::c009:505'], // IPv4-compatible (deprecated) is not IPv4-mapped
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
    ['010.001.002.003', '8.1.2.3', false], // inet_aton: a leading 0 is octal
    ['0177.0.0.1', '127.0.0.1', true],
    ['0x7f.0.0.1', '127.0.0.1', true],
    ['0x7f.1', '127.0.0.1', true],
    ['3279880203', '195.127.0.11', false],
    ['1.2.3', '1.2.0.3', false],
    ['10.0.514', '10.0.2.2', true],
    ['192.168.0.1', '192.168.0.1', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['100.64.1.1', '100.64.1.1', true],
    ['169.254.1.1', '169.254.1.1', true],
    ['224.0.0.1', '224.0.0.1', true],
    ['2400:cb00::1', '2400:cb00::1', false],
    ['fe80::1', 'fe80::1', true],
    ['fc00::1', 'fc00::1', true],
    ['::ffff:10.0.0.1', '10.0.0.1', true], // IPv4-mapped: the IPv4 address itself
    ['::ffff:8.8.8.8', '8.8.8.8', false],
    ['0:0:0:0:0:ffff:c000:0201', '192.0.2.1', true],
    ['[::ffff:808:808]', '8.8.8.8', false],
    ['64:ff9b::8.8.8.8', '8.8.8.8', false], // NAT64 well-known prefix (RFC 6052)
    ['64:ff9b::808:808', '8.8.8.8', false],
    ['64:ff9b:1::808:808', '64:ff9b:1::808:808', true], // local-use NAT64 prefix: no fixed embedding, stays IPv6
  ])('%s -> %s private=%s', (input, value, priv) => {
    const r = ip(input);
    expect(r.value).toBe(value);
    expect(r.attributes.private).toBe(priv);
  });

  it.each([
    '256.1.1.1',
    '1.2.3.4.5',
    '08.1.1.1',
    '4294967296',
    '1.2.3.256',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7:8:9',
    'gggg::1',
    '1::2::3',
    ':1::2',
    '1::2:',
    '::1.2.3',
    'example.com',
  ])('rejects %j', (input) => {
    expect(tryNormalize(input, { type: 'ip' })).toMatchObject({ ok: false, code: 'invalid_ip' });
  });
});

describe('ip: the parsers on their own', () => {
  it.each([
    ['3279880203', 0xc37f000b],
    ['0xc37f000b', 0xc37f000b],
    ['1.2.3', 0x01020003],
    ['1.65793', 0x01010101],
    ['0x7f.0.0.1', 0x7f000001],
    ['0x7f.0.0.1.', 0x7f000001],
    ['000000000000000000177.0.0.1', 0x7f000001],
    ['0x', 0],
    ['4294967295', 0xffffffff],
  ])('inet_aton %j', (input, value) => {
    expect(parseInetAton(input)).toBe(value);
  });

  it.each(['4294967296', '256.1.1.1', '08.1.1.1', '1.2.3.4.5', '', '.', '1..2', 'example.com', '0x100000000'])(
    'inet_aton refuses %j',
    (input) => {
      expect(parseInetAton(input)).toBeNull();
    },
  );

  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]],
    ['1:2:3:4:5:6:1.2.3.4', [1, 2, 3, 4, 5, 6, 0x0102, 0x0304]],
    ['::192.9.5.5', [0, 0, 0, 0, 0, 0, 0xc009, 0x0505]],
  ])('IPv6 %j', (input, parts) => {
    expect(parseIpv6(input)).toEqual(parts);
  });

  it.each(['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '::ffff:1.2.3', '::ffff:1.2.3.04', '12345::', '1:2:3:4:5:6:7::8'])(
    'IPv6 refuses %j',
    (input) => {
      expect(parseIpv6(input)).toBeNull();
    },
  );
});
