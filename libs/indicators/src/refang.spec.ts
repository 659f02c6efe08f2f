import { defang, extract, refang, tryNormalize } from './index';

describe('refang', () => {
  it.each([
    ['hxxps://dbs-secure[.]top/Login', 'https://dbs-secure.top/Login'],
    ['hXXp://evil[.]com', 'http://evil.com'],
    ['h**ps://evil(.)com', 'https://evil.com'],
    ['hxxps[:]//evil{.}com', 'https://evil.com'],
    ['hxxps[://]evil[.]com', 'https://evil.com'],
    ['fxp://files[.]evil[.]com', 'ftp://files.evil.com'],
    ['evil[dot]com', 'evil.com'],
    ['evil [dot] com', 'evil.com'],
    ['evil(dot)com', 'evil.com'],
    ['evil{DOT}com', 'evil.com'],
    ['1.2.3[.]4', '1.2.3.4'],
    ['user[at]mail[.]com', 'user@mail.com'],
    ['user [at] mail [dot] com', 'user@mail.com'],
    ['user(at)mail(.)com', 'user@mail.com'],
    ['user[@]mail[.]com', 'user@mail.com'],
    ['user{at}mail{.}com', 'user@mail.com'],
    ['evil[.]com[/]path', 'evil.com/path'],
    ['2001[:]db8[:][:]1', '2001:db8::1'],
    ['See hxxps://a[.]b[.]co[.]kr/x and user[at]x[.]com.', 'See https://a.b.co.kr/x and user@x.com.'],
  ])('%j -> %j', (input, expected) => {
    expect(refang(input)).toBe(expected);
  });

  // Text that only looks defanged stays as written.
  it.each([
    'Press (.) to continue',
    'meet (at) noon',
    'the hxxp protocol does not exist',
    'hxxpd is not a scheme',
    'shxxp: is not a scheme either',
    'array[0] and list[i]',
    'emoticon (.) and [.] alone',
    'Markdown [at](link)',
    '[dot] at the start',
    'the end [.]',
    'plain https://example.com/path',
    '계좌번호 (.) 확인',
  ])('leaves %j alone', (text) => {
    expect(refang(text)).toBe(text);
  });
});

describe('defang', () => {
  it.each([
    ['https://dbs-secure.top/Login', 'url', 'hxxps://dbs-secure[.]top/Login'],
    ['http://evil.com/a.b/c', 'url', 'hxxp://evil[.]com/a.b/c'],
    ['ftp://files.evil.com/', 'url', 'fxp://files[.]evil[.]com/'],
    ['http://[2001:db8::1]/', 'url', 'hxxp://[2001[:]db8[:][:]1]/'],
    ['dbs-secure.top', 'domain', 'dbs-secure[.]top'],
    ['kim.lee@naver.com', 'email', 'kim.lee[at]naver[.]com'],
    ['1.2.3.4', 'ip', '1[.]2[.]3[.]4'],
    ['2001:db8::1', 'ip', '2001[:]db8[:][:]1'],
    ['+821012345678', 'phone', '+821012345678'],
    ['KR:004:123456789012', 'bank_account', 'KR:004:123456789012'],
    ['telegram:scam_admin', 'social_handle', 'telegram:scam_admin'],
  ] as const)('%s (%s) -> %s, and back', (value, type, defanged) => {
    expect(defang(value, type)).toBe(defanged);
    expect(refang(defanged)).toBe(value);
  });
});

describe('threat-report and IOC-tool conventions: the defanged value normalises exactly as the fanged one', () => {
  const same = (defanged: string, fanged: string) => {
    const a = tryNormalize(defanged);
    const b = tryNormalize(fanged);
    expect(b.ok).toBe(true);
    expect(a).toEqual(b);
  };

  it.each([
    ['[http]://evil.com/login', 'http://evil.com/login'],
    ['(https)://evil.com/login', 'https://evil.com/login'],
    ['https]://evil.com', 'https://evil.com'],
    ['[hxxps]://evil[.]com', 'https://evil.com'],
    ['xxxx://evil.com/a', 'http://evil.com/a'],
    ['xxxxs://evil.com/a', 'https://evil.com/a'],
    ['XXXXX://evil.com/a', 'https://evil.com/a'],
    ['hXXps://evil.com/a', 'https://evil.com/a'],
    ['htxp://evil.com/a', 'http://evil.com/a'],
    ['ftx://files.evil.com/a', 'ftp://files.evil.com/a'],
    ['http ://evil.com/a', 'http://evil.com/a'],
    ['https//evil.com/a', 'https://evil.com/a'],
    ['https:/// evil.com/a', 'https://evil.com/a'],
    ['https:\\/\\/evil.com\\/a', 'https://evil.com/a'],
    ['http:\\\\evil.com/a', 'http://evil.com/a'],
    ['http__evil.com/a', 'http://evil.com/a'],
    ['hxxps[:]//evil.com/a', 'https://evil.com/a'],
    ['evil\\.com', 'evil.com'],
    ['www\\.evil\\.com\\/a', 'www.evil.com/a'],
    ['evil^.com', 'evil.com'],
    ['evil(dot)com', 'evil.com'],
    ['evil DOT com', 'evil.com'],
    ['evil-dot-com', 'evil.com'],
    ['evil[punkt]de', 'evil.de'],
    ['evil<.>com', 'evil.com'],
    ['evil].[com', 'evil.com'],
    ['1[,]2[,]3[,]4', '1.2.3.4'],
    ['9,10,11,12', '9.10.11.12'],
    ['foo[-]bar.com', 'foo-bar.com'],
    ['[www].evil.com', 'www.evil.com'],
    ['(www).evil.com', 'www.evil.com'],
    ['kim AT naver.com', 'kim@naver.com'],
    ['kim (at) naver.com', 'kim@naver.com'],
    ['kim(at)naver(dot)com', 'kim@naver.com'],
    ['kim [arroba] naver [punto] com', 'kim@naver.com'],
    ['kim @ naver.com', 'kim@naver.com'],
    ['kim at naver dot com', 'kim@naver.com'],
    ['kim@naverDOTcom', 'kim@naver.com'],
    ['example [.] com/login', 'example.com/login'],
    ['http:// example .com /login', 'http://example.com/login'],
    ['hxxp://example[.com/login', 'http://example.com/login'],
    ['10[[[.]]]10(.10\\.10', '10.10.10.10'],
  ])('%j ~ %j', same);

  it('in prose, the unambiguous notations are read with offsets into the original text', () => {
    const text = 'Links: [hxxps]://dbs-verify[.]top/x, evil\\.com and mail kim(at)naver(dot)com.';
    const found = extract(text);
    expect(found.map((f) => `${f.type} ${f.value}`)).toEqual(['url https://dbs-verify.top/x', 'domain evil.com', 'email kim@naver.com']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
  });

  // Spelled-out words, spaced or unbalanced brackets and comma lists are ordinary text in prose.
  it.each([
    'MEET AT NOON TOMORROW',
    'THE DOT COM BUBBLE',
    'choose options 1,2,3,4 please',
    'see (https://x.com/a) and [https://x.com](https://x.com)',
    'a. [b',
    'www[.example[.com',
  ])('prose %j stays as written', (text) => {
    expect(refang(text)).toBe(text);
  });

  it.each([
    ['version-dot-app.appspot.com', 'domain version-dot-app.appspot.com'],
    ['fooatbar.com', 'domain fooatbar.com'],
    ['W!eird<>Ho$^.com', 'not_an_indicator'],
    ['hello-dot-world', 'domain hello.world'],
  ])('a value that is an indicator as written is not re-read: %j -> %s', (value, result) => {
    const r = tryNormalize(value);
    expect(r.ok ? `${r.indicator.type} ${r.indicator.value}` : r.code).toBe(result);
  });
});
