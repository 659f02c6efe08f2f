import { defang, refang } from './index';

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
