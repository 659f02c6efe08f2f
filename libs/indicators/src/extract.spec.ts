import { extract } from './index';

const values = (text: string, region?: string) => extract(text, { region }).map((e) => `${e.type} ${e.value}`);

describe('extract: narratives', () => {
  it('a Korean voice-phishing report', () => {
    const text = '010-1234-5678로 전화가 왔고 hxxps://dbs-secure[.]top 에서 로그인하라고 했습니다. 국민은행 123-456-789012로 송금';
    const found = extract(text, { region: 'KR' });
    expect(found.map((e) => `${e.type} ${e.value}`)).toEqual([
      'phone +821012345678',
      'url https://dbs-secure.top/',
      'bank_account KR:004:123456789012',
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
    expect(found.map((e) => e.raw)).toEqual(['010-1234-5678', 'hxxps://dbs-secure[.]top', '국민은행 123-456-789012']);
  });

  it('an English SMS with a defanged link, a Telegram handle and a wallet', () => {
    const text =
      'DBS: Your account is locked. Verify at hxxps://dbs-verify[.]top/login?id=88 or call +65 8123 4567. ' +
      'Questions? Telegram @dbs_support_sg. Pay the fee in USDT to 0x52908400098527886E0F7030069857D2E4169EE7.';
    expect(values(text, 'SG')).toEqual([
      'url https://dbs-verify.top/login?id=88',
      'phone +6581234567',
      'social_handle telegram:dbs_support_sg',
      'crypto_wallet 0x52908400098527886e0f7030069857d2e4169ee7',
    ]);
  });

  it('a Singapore job-scam story with WhatsApp, an email and a POSB account', () => {
    const text =
      'I was added to a WhatsApp group via wa.me/6591234567. The "HR manager" (hr[at]jobs-sg[.]com) asked me to transfer ' +
      'S$ 2,300 to POSB 123-45678-9 on 03/11/2025 at 2.30pm. Total loss $1,500.00.';
    expect(values(text, 'SG')).toEqual(['phone +6591234567', 'email hr@jobs-sg.com', 'bank_account SG:7171:123456789']);
  });

  it('mixed Korean text with particles glued to indicators', () => {
    const text =
      '카톡 아이디 scam1234로 연락이 왔고 https://open.kakao.com/o/sAbCd123에서 투자 상담. 신한은행 110-123-456789로 입금, 문의는 kim.lee@naver.com으로.';
    expect(values(text, 'KR')).toEqual([
      'social_handle kakaotalk:scam1234',
      'social_handle kakaotalk:o/sAbCd123',
      'bank_account KR:088:110123456789',
      'email kim.lee@naver.com',
    ]);
  });

  it('cross-border: Korean number in a Singapore report', () => {
    expect(values('The caller used +82 10-1234-5678 and 9123 4567.', 'SG')).toEqual(['phone +821012345678', 'phone +6591234567']);
  });

  it('deduplicates by fingerprint, keeping the first appearance', () => {
    const text = 'Call 010-1234-5678, again +82 10 1234 5678, and dbs-secure.top then https://dbs-secure.top/ again DBS-SECURE.TOP';
    const found = extract(text, { region: 'KR' });
    expect(found.map((e) => e.value)).toEqual(['+821012345678', 'dbs-secure.top', 'https://dbs-secure.top/']);
    expect(found[0].raw).toBe('010-1234-5678');
  });

  it('reports offsets in the original text, across full-width and invisible characters', () => {
    const text = '번호: ０１０－１２３４－５６７８ 그리고 evil\u200b[.]com';
    const found = extract(text, { region: 'KR' });
    expect(found.map((e) => e.value)).toEqual(['+821012345678', 'evil.com']);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
    expect(found[1].raw).toBe('evil\u200b[.]com');
  });
});

describe('extract: positives, one per line', () => {
  it.each([
    ['Visit www.dbs-secure.top now', 'SG', 'domain www.dbs-secure.top'],
    ['link: dbs-secure.top/verify', 'SG', 'url http://dbs-secure.top/verify'],
    ['see (https://evil.com/a_(b)) now', 'SG', 'url https://evil.com/a_(b)'],
    ['url https://evil.com/x.', 'SG', 'url https://evil.com/x'],
    ['IP was 45.77.12[.]9 yesterday', 'SG', 'ip 45.77.12.9'],
    ['server 2001:db8::dead:beef answered', 'SG', 'ip 2001:db8::dead:beef'],
    ['send BTC to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 please', 'SG', 'crypto_wallet bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['TRON: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'SG', 'crypto_wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['IBAN GB82 WEST 1234 5698 7654 32 please', 'SG', 'bank_account IBAN:GB82WEST12345698765432'],
    ['OCBC acct no. 501-123456-001', 'SG', 'bank_account SG:7339:501123456001'],
    ['카카오뱅크 3333-01-1234567 (예금주 김철수)', 'KR', 'bank_account KR:090:3333011234567'],
    ['대표번호 1588-1234 로 전화', 'KR', 'phone +8215881234'],
    ['서울 (02) 123-4567', 'KR', 'phone +8221234567'],
    ['call 1800 111 1111', 'SG', 'phone +6518001111111'],
    ['tel:+6591234567', 'SG', 'phone +6591234567'],
    ['follow t.me/scam_admin', 'SG', 'social_handle telegram:scam_admin'],
    ['instagram.com/fake.shop.sg', 'SG', 'social_handle instagram:fake.shop.sg'],
    ['LINE ID: fake_line', 'SG', 'social_handle line:fake_line'],
  ])('%j (%s) -> %s', (text, region, expected) => {
    expect(values(text, region)).toEqual([expected]);
  });
});

describe('extract: a bank name followed by a phone number is a phone, not an account', () => {
  // Precedence (types/bank-account.ts): no account word, a valid number of the region, grouped as the region writes it.
  it.each([
    ['Call DBS 1800 111 1111 now', 'SG', ['phone +6518001111111']],
    ['UOB 1800 222 2121 is their hotline', 'SG', ['phone +6518002222121']],
    ['OCBC 6363 3333 called me', 'SG', ['phone +6563633333']],
    ['the DBS 9123 4567 guy', 'SG', ['phone +6591234567']],
    ['POSB: 8123 4567', 'SG', ['phone +6581234567']],
    ['DBS no. 1800 111 1111', 'SG', ['phone +6518001111111']],
    ['국민은행 010-1234-5678로 연락이 왔어요', 'KR', ['phone +821012345678']],
    ['우리은행 02-2006-5000 이라고 했습니다', 'KR', ['phone +82220065000']],
    ['신한은행 010 9876 5432', 'KR', ['phone +821098765432']],
    ['농협 1588-2100', 'KR', ['phone +8215882100']],
    ['하나은행 080-123-4567 수신자부담', 'KR', ['phone +82801234567']],
  ])('%j (%s)', (text, region, expected) => {
    expect(values(text, region)).toEqual(expected);
  });

  it.each([
    // An account word keeps the account reading, whatever the digits look like.
    ['DBS account 1800 111 1111', 'SG', ['bank_account SG:7171:18001111111']],
    ['DBS a/c 9123 4567', 'SG', ['bank_account SG:7171:91234567']],
    ['국민은행 계좌 010-1234-5678', 'KR', ['bank_account KR:004:01012345678']],
    // Grouped as no phone is written, or not a valid number: an account.
    ['UOB 800-123-456-7', 'SG', ['bank_account SG:7375:8001234567']],
    ['DBS 012-3-456789', 'SG', ['bank_account SG:7171:0123456789']],
    ['국민은행 123-456-789012로 송금', 'KR', ['bank_account KR:004:123456789012']],
    ['신한 110-123-456789', 'KR', ['bank_account KR:088:110123456789']],
    // A phone and an account in one sentence: each is what it is.
    ['DBS 1800 111 1111 said to pay DBS 012-3-456789', 'SG', ['phone +6518001111111', 'bank_account SG:7171:0123456789']],
  ])('%j (%s) stays an account', (text, region, expected) => {
    expect(values(text, region)).toEqual(expected);
  });
});

describe('extract: ordinary prose yields nothing', () => {
  it.each([
    ['dates', 'On 2025-11-03, 2025.11.03, 03/11/2025 and 3.11.2025 nothing happened.'],
    ['Korean dates', '2025년 11월 3일 오후 2시 30분에 통화했습니다.'],
    ['times', 'at 14:30, 9:05am and 23:59:59'],
    ['amounts', 'I paid $1,500.00, then S$ 2,300 and SGD 12,000.50, plus USD 3000000.'],
    ['Korean amounts', '1,500,000원과 3000000원, 총 4500000원을 보냈습니다.'],
    ['versions', 'Update to 1.2.3, v2.0.1.4 or version 1.2.3.4 (build 10.0.19045).'],
    ['postal codes', 'Singapore 018989 and 서울 06236, also S(529510).'],
    ['percentages', 'Returns of 15%, 2.5% and 100% guaranteed.'],
    ['file names', 'See report.pdf, invoice.zip, README.md, setup.exe and photo.jpg.'],
    ['abbreviations', 'E.g. this, i.e. that, etc. Mr.Kim and Dr.Lee said no.'],
    ['sentence joins', 'I went home.Then I called.She said it was fine.Me too.'],
    ['bare @mentions', 'Thanks @john and @scam_admin for the tip.'],
    ['short codes without a calling word', 'There were 112 people and 999 messages, 1332 in total.'],
    ['official short codes are no phone values, even next to a calling word', 'Call 999 now, 112에 신고했습니다, 금감원 1332로 전화해서'],
    ['invalid numbers', 'Order 12345678, ref 1234-5678-9012, case 010-123.'],
    ['Korean narrative without indicators', '어제 모르는 번호로 전화가 와서 검찰이라고 했습니다. 돈을 보내라고 했어요.'],
    ['times and scores', 'The match ended 3-2 at 10:30:45 on 12.11.'],
    ['a bank word without a number', '국민은행에서 전화가 왔다고 했습니다. DBS called too.'],
    ['base58-looking word', 'Thisisnotawalletaddressatallok is fine'],
  ])('%s', (_what, text) => {
    expect(values(text, 'SG')).toEqual([]);
    expect(values(text, 'KR')).toEqual([]);
  });

  it('phones must be valid for the region', () => {
    expect(values('연락처 010-1234-5678', 'SG')).toEqual([]);
    expect(values('Contact 9123 4567', 'KR')).toEqual([]);
  });

  it('empty input gives nothing', () => {
    expect(extract('')).toEqual([]);
  });

  it('throws only for a bad region', () => {
    expect(() => extract('x', { region: 'ZZ' })).toThrow(expect.objectContaining({ code: 'invalid_region' }));
  });
});
