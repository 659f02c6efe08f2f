import { normalize, tryNormalize } from '../index';

describe('domain', () => {
  it.each([
    ['DBS-Secure.TOP', 'dbs-secure.top', 'dbs-secure.top'],
    ['dbs-secure.top.', 'dbs-secure.top', 'dbs-secure.top'],
    ['www.dbs-secure[.]top', 'www.dbs-secure.top', 'dbs-secure.top'],
    ['login.secure-dbs.com.sg', 'login.secure-dbs.com.sg', 'secure-dbs.com.sg'],
    ['a.b.evil.co.kr', 'a.b.evil.co.kr', 'evil.co.kr'],
    // private PSL section: each of these sites is its own registrable domain
    ['foo.pages.dev', 'foo.pages.dev', 'foo.pages.dev'],
    ['x.y.foo.pages.dev', 'x.y.foo.pages.dev', 'foo.pages.dev'],
    ['scam.github.io', 'scam.github.io', 'scam.github.io'],
    ['scam.blogspot.com', 'scam.blogspot.com', 'scam.blogspot.com'],
    // IDNA
    ['한국.kr', 'xn--3e0b707e.kr', 'xn--3e0b707e.kr'],
    ['MÜNCHEN.de', 'xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com', 'example.com'],
    // a public suffix on its own is accepted and is its own registrable domain
    ['gov.sg', 'gov.sg', 'gov.sg'],
    ['go.kr', 'go.kr', 'go.kr'],
  ])('%s -> %s (registrable %s)', (input, value, registrable) => {
    const r = normalize(input, { type: 'domain' });
    expect(r.value).toBe(value);
    expect(r.attributes.registrableDomain).toBe(registrable);
  });

  it.each([
    'report.pdf',
    'foo.local',
    'localhost',
    'a..b.com',
    '-evil.com',
    'evil-.com',
    'exa mple.com',
    '1.2.3.4',
    'xn--zz.com',
    `${'a'.repeat(64)}.com`,
  ])('rejects %j', (input) => {
    expect(tryNormalize(input, { type: 'domain' })).toMatchObject({ ok: false, code: 'invalid_domain' });
  });
});

describe('email', () => {
  it.each([
    ['Kim.Minsu@Naver.COM', 'Kim.Minsu@naver.com', 'naver.com'],
    ['kim[at]naver[.]com', 'kim@naver.com', 'naver.com'],
    ['kim (at) naver.com'.replace(' (at) ', '(at)'), 'kim@naver.com', 'naver.com'],
    ['mailto:Support@DBS.com?subject=hi', 'Support@dbs.com', 'dbs.com'],
    ['user+tag@mail.example.co.kr', 'user+tag@mail.example.co.kr', 'mail.example.co.kr'],
    ['김민수@한국.kr', '김민수@xn--3e0b707e.kr', 'xn--3e0b707e.kr'],
  ])('%s -> %s', (input, value, domain) => {
    const r = normalize(input);
    expect(r.type).toBe('email');
    expect(r.value).toBe(value);
    expect(r.attributes.domain).toBe(domain);
  });

  it('keeps the local part as written, in NFC', () => {
    const decomposed = 'jose\u0301@example.com';
    expect(normalize(decomposed, { type: 'email' }).value).toBe('jos\u00e9@example.com');
  });

  it.each([
    '@naver.com',
    'kim@',
    'kim@@naver.com',
    '.kim@naver.com',
    'kim..lee@naver.com',
    'kim@report.pdf',
    '"john doe"@example.com',
    `${'a'.repeat(65)}@example.com`,
  ])('rejects %j', (input) => {
    expect(tryNormalize(input, { type: 'email' })).toMatchObject({ ok: false, code: 'invalid_email' });
  });
});
