import { normalize, tryNormalize } from '../index';
import { parseLooseIpv4 } from './url';

const url = (raw: string) => normalize(raw, { type: 'url' }).value;

describe('url: Google Safe Browsing v4 "URLs and Hashing" canonicalisation vectors', () => {
  // Every Canonicalize() example from the v4 spec page, in order.
  const vectors: [string, string][] = [
    ['http://host/%25%32%35', 'http://host/%25'],
    ['http://host/%25%32%35%25%32%35', 'http://host/%25%25'],
    ['http://host/%2525252525252525', 'http://host/%25'],
    ['http://host/asdf%25%32%35asd', 'http://host/asdf%25asd'],
    ['http://host/%%%25%32%35asd%%', 'http://host/%25%25%25asd%25%25'],
    ['http://www.google.com/', 'http://www.google.com/'],
    [
      'http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/',
      'http://168.188.99.26/.secure/www.ebay.com/',
    ],
    [
      'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
      'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
    ],
    [
      'http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B',
      'http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+',
    ],
    ['http://3279880203/blah', 'http://195.127.0.11/blah'],
    ['http://www.google.com/blah/..', 'http://www.google.com/'],
    ['www.google.com/', 'http://www.google.com/'],
    ['www.google.com', 'http://www.google.com/'],
    ['http://www.evil.com/blah#frag', 'http://www.evil.com/blah'],
    ['http://www.GOOgle.com/', 'http://www.google.com/'],
    ['http://www.google.com.../', 'http://www.google.com/'],
    ['http://www.google.com/foo\tbar\rbaz\n2', 'http://www.google.com/foobarbaz2'],
    ['http://www.google.com/q?', 'http://www.google.com/q?'],
    ['http://www.google.com/q?r?', 'http://www.google.com/q?r?'],
    ['http://www.google.com/q?r?s', 'http://www.google.com/q?r?s'],
    ['http://evil.com/foo#bar#baz', 'http://evil.com/foo'],
    ['http://evil.com/foo;', 'http://evil.com/foo;'],
    ['http://evil.com/foo?bar;', 'http://evil.com/foo?bar;'],
    // Spec: "http://\x01\x80.com/" with RAW bytes 01 80. A JS string cannot hold a lone byte
    // 0x80, so the byte-exact form of that vector is written with escapes (see url.ts).
    ['http://%01%80.com/', 'http://%01%80.com/'],
    ['http://notrailingslash.com', 'http://notrailingslash.com/'],
    ['http://www.gotaport.com:1234/', 'http://www.gotaport.com/'],
    ['  http://www.google.com/  ', 'http://www.google.com/'],
    ['http:// leadingspace.com/', 'http://%20leadingspace.com/'],
    ['http://%20leadingspace.com/', 'http://%20leadingspace.com/'],
    ['%20leadingspace.com/', 'http://%20leadingspace.com/'],
    ['https://www.securesite.com/', 'https://www.securesite.com/'],
    ['http://host.com/ab%23cd', 'http://host.com/ab%23cd'],
    ['http://host.com//twoslashes?more//slashes', 'http://host.com/twoslashes?more//slashes'],
  ];
  it.each(vectors)('%j -> %j', (input, expected) => {
    expect(url(input)).toBe(expected);
  });

  it('a JS string holding U+0080 is UTF-8 C2 80 and is escaped byte by byte', () => {
    expect(url('http://\x01\x80.com/')).toBe('http://%01%C2%80.com/');
  });
});

describe('url: beyond the spec vectors', () => {
  it.each([
    ['hxxps://dbs-secure[.]top/Login#x', 'https://dbs-secure.top/Login'],
    ['https://DBS-secure.top/Login', 'https://dbs-secure.top/Login'],
    ['HTTPS://User:Pw@Evil.COM:8443/a/./b/../c?x=1#y', 'https://evil.com/a/c?x=1'],
    ['http://evil.com', 'http://evil.com/'],
    ['http://evil.com?q=1', 'http://evil.com/?q=1'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://0300.0250.0.01/', 'http://192.168.0.1/'],
    ['http://한국.kr/경로', 'http://xn--3e0b707e.kr/%EA%B2%BD%EB%A1%9C'],
    ['http://münchen.de/', 'http://xn--mnchen-3ya.de/'],
    ['http://[2001:DB8:0:0:1:0:0:1]:8080/x', 'http://[2001:db8::1:0:0:1]/x'],
    ['http://a.com/%2e%2e/%2E/b', 'http://a.com/b'],
    ['ftp://files.example.com/pub/', 'ftp://files.example.com/pub/'],
  ])('%j -> %j', (input, expected) => {
    expect(url(input)).toBe(expected);
  });

  it('keeps a non-default port in attributes while dropping it from the value', () => {
    const r = normalize('https://evil.com:8443/x', { type: 'url' });
    expect(r.attributes).toEqual({ host: 'evil.com', registrableDomain: 'evil.com', port: 8443 });
    expect(normalize('https://evil.com:443/x', { type: 'url' }).attributes.port).toBeUndefined();
  });

  it('registrable domain honours the private PSL section and is null for IP hosts', () => {
    expect(normalize('https://scam.pages.dev/x').attributes.registrableDomain).toBe('scam.pages.dev');
    expect(normalize('https://a.b.dbs-secure.co.kr/').attributes.registrableDomain).toBe('dbs-secure.co.kr');
    expect(normalize('http://3279880203/').attributes.registrableDomain).toBeNull();
  });

  it.each(['http:///path', 'http://.../', 'http://[zz::1]/'])('rejects %j', (input) => {
    const r = tryNormalize(input, { type: 'url' });
    expect(r).toMatchObject({ ok: false, code: 'invalid_url' });
  });

  it('reads hosts the inet_aton way', () => {
    expect(parseLooseIpv4('3279880203')).toBe('195.127.0.11');
    expect(parseLooseIpv4('1.2.3')).toBe('1.2.0.3');
    expect(parseLooseIpv4('0x7f.0.0.1')).toBe('127.0.0.1');
    expect(parseLooseIpv4('256.1.1.1')).toBeNull();
    expect(parseLooseIpv4('4294967296')).toBeNull();
    expect(parseLooseIpv4('08.1.1.1')).toBeNull();
    expect(parseLooseIpv4('1.2.3.4.5')).toBeNull();
    expect(parseLooseIpv4('example.com')).toBeNull();
  });
});
