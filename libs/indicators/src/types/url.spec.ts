import { normalize, tryNormalize } from '../index';

const url = (raw: string) => normalize(raw, { type: 'url' }).value;

// The Safe Browsing vectors (v4 spec page and the reference Go client) run from test/url/gsb.json.
describe('url: bytes and characters', () => {
  it('a JS string holding U+0080 is UTF-8 C2 80 and is escaped byte by byte (the spec vector has a raw byte 0x80)', () => {
    expect(url('http://\x01\x80.com/')).toBe('http://%01%C2%80.com/');
    expect(url('http://%01%80.com/')).toBe('http://%01%80.com/');
  });

  it('control characters in a host are escaped byte by byte, and such a host has no registrable domain', () => {
    const r = normalize('http://a\u0001b.com/x', { type: 'url' });
    expect(r.value).toBe('http://a%01b.com/x');
    expect(r.attributes).toEqual({ host: 'a%01b.com', registrableDomain: null });
    expect(url('http://some%1bhost.com/')).toBe('http://some%1Bhost.com/');
  });

  it('a backslash before the query is a slash, as in browsers; an escaped one stays escaped', () => {
    expect(url('http://a:b@c\\d\\e')).toBe('http://c/d/e');
    expect(url('http://a.com/%5C')).toBe('http://a.com/%5C');
    expect(url('http://a.com/x?y=\\')).toBe('http://a.com/x?y=\\');
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

  it.each([
    'http://.../',
    'http://[zz::1]/',
    'http://f:b/c',
    'http://[1::2]:3:4/',
    'http://2001::1/',
    'http://example.com:99999/',
    'http://1.2.3.4.5/',
    'http://256.0.0.1/',
    'http://foo.09/',
    'http://0x100000000/',
    'mailto:kim@naver.com',
    'javascript:alert(1)',
  ])('rejects %j', (input) => {
    const r = tryNormalize(input, { type: 'url' });
    expect(r).toMatchObject({ ok: false, code: 'invalid_url' });
  });

  it.each([
    ['http://3279880203/', 'http://195.127.0.11/'],
    ['http://1.2.3/', 'http://1.2.0.3/'],
    ['http://0x7f.0.0.1/', 'http://127.0.0.1/'],
    ['http://0177.0.0.1/', 'http://127.0.0.1/'],
    ['http://[::ffff:192.0.2.1]/', 'http://192.0.2.1/'],
    ['http://[::ffff:c000:201]:8080/', 'http://192.0.2.1/'],
    ['http://[64:ff9b::c000:201]/', 'http://192.0.2.1/'],
    ['http://[::192.9.5.5]/', 'http://[::c009:505]/'],
  ])('reads IP hosts the inet_aton / RFC 6052 way: %j -> %j', (input, expected) => {
    expect(url(input)).toBe(expected);
    expect(normalize(input).attributes.registrableDomain).toBeNull();
  });
});
