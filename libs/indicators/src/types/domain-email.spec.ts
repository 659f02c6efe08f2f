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
    // IDN top-level domains
    ['예시.한국', 'xn--vv4b11d.xn--3e0b707e', 'xn--vv4b11d.xn--3e0b707e'],
    ['shop.新加坡', 'shop.xn--yfro4i67o', 'shop.xn--yfro4i67o'],
    ['shop.商務', 'shop.xn--lhr59c', 'shop.xn--lhr59c'],
    // a public suffix on its own is accepted, with no registrable domain (PSL)
    ['gov.sg', 'gov.sg', null],
    ['go.kr', 'go.kr', null],
    ['co.kr', 'co.kr', null],
    ['com.sg', 'com.sg', null],
    ['uk.com', 'uk.com', null],
    ['ac.jp', 'ac.jp', null],
    ['pages.dev', 'pages.dev', null],
    // an unlisted TLD follows the PSL default rule "*"
    ['example.example', 'example.example', 'example.example'],
    ['a.b.shop.zz', 'a.b.shop.zz', 'shop.zz'],
    ['foo.local', 'foo.local', 'foo.local'],
  ] as [string, string, string | null][])('%s -> %s (registrable %s)', (input, value, registrable) => {
    const r = normalize(input, { type: 'domain' });
    expect(r.value).toBe(value);
    expect(r.attributes.registrableDomain).toBe(registrable);
  });

  it('a detected name whose unlisted TLD is a file extension is a file name; typed, it follows the default rule', () => {
    expect(tryNormalize('report.pdf')).toMatchObject({ ok: false, code: 'not_an_indicator' });
    expect(tryNormalize('kim@icon.png')).toMatchObject({ ok: false, code: 'not_an_indicator' });
    expect(normalize('report.pdf', { type: 'domain' }).attributes).toEqual({ registrableDomain: 'report.pdf', publicSuffix: 'pdf' });
    expect(normalize('shop.zz').value).toBe('shop.zz');
  });

  it.each(['localhost', 'a..b.com', '-evil.com', 'evil-.com', 'exa mple.com', '1.2.3.4', 'xn--zz.com', `${'a'.repeat(64)}.com`])(
    'rejects %j',
    (input) => {
      expect(tryNormalize(input, { type: 'domain' })).toMatchObject({ ok: false, code: 'invalid_domain' });
    },
  );
});

describe('email', () => {
  it.each([
    ['Kim.Minsu@Naver.COM', 'Kim.Minsu@naver.com', 'naver.com'],
    ['kim[at]naver[.]com', 'kim@naver.com', 'naver.com'],
    ['kim (at) naver.com'.replace(' (at) ', '(at)'), 'kim@naver.com', 'naver.com'],
    ['mailto:Support@DBS.com?subject=hi', 'Support@dbs.com', 'dbs.com'],
    ['user+tag@mail.example.co.kr', 'user+tag@mail.example.co.kr', 'mail.example.co.kr'],
    ['김민수@한국.kr', '김민수@xn--3e0b707e.kr', 'xn--3e0b707e.kr'],
    ['kim@예시.한국', 'kim@xn--vv4b11d.xn--3e0b707e', 'xn--vv4b11d.xn--3e0b707e'],
    ['info@shop.新加坡', 'info@shop.xn--yfro4i67o', 'shop.xn--yfro4i67o'],
    // RFC 5321/6531 local parts
    ['a+b/c=d!e@example.com', 'a+b/c=d!e@example.com', 'example.com'],
    ["o'brien&co{x}|~@example.com", "o'brien&co{x}|~@example.com", 'example.com'],
    ['ПОЧТА@пример.рф', 'ПОЧТА@xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai'],
    ['用户@例子.广告', '用户@xn--fsqu00a.xn--4rr70v', 'xn--fsqu00a.xn--4rr70v'],
    ['"john doe"@example.com', '"john doe"@example.com', 'example.com'],
    ['"john"@example.com', 'john@example.com', 'example.com'],
    ['"a\\"b"@example.com', '"a\\"b"@example.com', 'example.com'],
    ['Kim Minsu <Kim.Minsu@Naver.com>', 'Kim.Minsu@naver.com', 'naver.com'],
    ['"DBS Bank" <alerts@dbs-secure.top>', 'alerts@dbs-secure.top', 'dbs-secure.top'],
    ['<kim@naver.com>', 'kim@naver.com', 'naver.com'],
    ['test@[192.168.0.1]', 'test@[192.168.0.1]', '[192.168.0.1]'],
    ['test@[IPv6:2001:DB8::1]', 'test@[IPv6:2001:db8::1]', '[IPv6:2001:db8::1]'],
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
    'kim@naver.com.',
    'kim@example.com..',
    'john doe@example.com',
    '"unclosed@example.com',
    'a"b@example.com',
    'kim@[300.1.1.1]',
    `${'a'.repeat(65)}@example.com`,
    `${'가'.repeat(22)}@example.com`,
  ])('rejects %j', (input) => {
    expect(tryNormalize(input, { type: 'email' })).toMatchObject({ ok: false, code: 'invalid_email' });
  });
});
