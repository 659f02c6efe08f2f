import { normalize, tryNormalize } from '../index';

describe('social_handle', () => {
  it.each([
    ['telegram:@Foo_Bar', 'telegram:foo_bar'],
    ['tg:foobar', 'telegram:foobar'],
    ['tg:ID0AAA', 'telegram:id0aaa'],
    ['telegram: idiot_bot', 'telegram:idiot_bot'],
    ['Telegram ID idiot_bot', 'telegram:idiot_bot'],
    ['Telegram @Scam_Admin', 'telegram:scam_admin'],
    ['텔레그램 @scam_admin', 'telegram:scam_admin'],
    ['t.me/Scam_Admin', 'telegram:scam_admin'],
    ['https://t.me/scam_admin?start=1', 'telegram:scam_admin'],
    ['hxxps://t[.]me/scam_admin', 'telegram:scam_admin'],
    ['telegram.me/scam_admin', 'telegram:scam_admin'],
    ['https://t.me/s/scam_admin', 'telegram:scam_admin'],
    ['https://t.me/+AbCdEfGh1234', 'telegram:+AbCdEfGh1234'],
    ['https://t.me/joinchat/AbCdEfGh1234', 'telegram:+AbCdEfGh1234'],
    ['https://open.kakao.com/o/sAbCd123', 'kakaotalk:o/sAbCd123'],
    ['open.kakao.com/me/Kim_Pro', 'kakaotalk:me/Kim_Pro'],
    ['https://pf.kakao.com/_xAbCd', 'kakaotalk:pf/_xAbCd'],
    ['카톡 아이디 Scam1234', 'kakaotalk:scam1234'],
    ['kakao:scam.1234', 'kakaotalk:scam.1234'],
    ['https://line.me/ti/p/~MyLineId', 'line:mylineid'],
    ['https://line.me/R/ti/p/@ShopName', 'line:@shopname'],
    ['https://line.me/ti/p/AbCdEf12', 'line:p/AbCdEf12'],
    ['LINE ID: my.line', 'line:my.line'],
    ['wechat:Wxid_Abc123', 'wechat:wxid_abc123'],
    ['instagram.com/Some.User', 'instagram:some.user'],
    ['https://www.instagram.com/some_user/', 'instagram:some_user'],
    ['ig:some_user', 'instagram:some_user'],
    ['https://x.com/ScamBot', 'x:scambot'],
    ['twitter.com/ScamBot/status/123', 'x:scambot'],
    ['tiktok.com/@Some.User', 'tiktok:some.user'],
    ['https://www.tiktok.com/@some_user/video/123', 'tiktok:some_user'],
    ['https://www.facebook.com/Some.Page', 'facebook:some.page'],
    ['https://www.facebook.com/profile.php?id=100012345678', 'facebook:100012345678'],
  ])('%s -> %s', (input, value) => {
    const r = normalize(input);
    expect(r.type).toBe('social_handle');
    expect(r.value).toBe(value);
  });

  it('a bare @handle names no platform', () => {
    expect(tryNormalize('@scam_admin')).toMatchObject({ ok: false, code: 'not_an_indicator' });
    expect(tryNormalize('@scam_admin', { type: 'social_handle' })).toMatchObject({ ok: false, code: 'not_an_indicator' });
  });

  it.each([
    ['telegram:abc', 'too short'],
    ['telegram:1abcde', 'starts with a digit'],
    ['telegram:abcde_', 'ends with _'],
    ['x:this_is_way_too_long_for_x', 'over 15'],
    ['instagram:a..b', 'double dot'],
    ['https://www.instagram.com/p/AbC123/', 'a post, not an account'],
    ['https://x.com/home', 'a site page'],
    ['myspace:someone', 'unknown platform'],
  ])('%s is refused (%s)', (input) => {
    const r = tryNormalize(input, { type: 'social_handle' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('invalid_handle');
  });

  it('a profile-site link that names no account is kept as a url when the type was detected', () => {
    expect(normalize('https://www.instagram.com/p/AbC123/')).toMatchObject({ type: 'url', value: 'https://www.instagram.com/p/AbC123/' });
    expect(normalize('https://x.com/home')).toMatchObject({ type: 'url', value: 'https://x.com/home' });
  });

  it('invite and open-chat codes keep their case', () => {
    expect(normalize('https://open.kakao.com/o/sAbCd123').value).not.toBe(normalize('https://open.kakao.com/o/sabcd123').value);
    expect(normalize('t.me/Scam_Admin').value).toBe(normalize('t.me/scam_admin').value);
  });
});
