import { extract } from '@scamintel/indicators';
import { isOneValue, unreadableParts } from './unreadable';

const unread = (text: string, region = 'SG') => unreadableParts(text, extract(text, { region }), region);

describe('what the check page could not read', () => {
  it('a value typed alone that is no indicator, with the reason', () => {
    expect(unread('12345')).toEqual([{ raw: '12345', code: expect.any(String) }]);
    expect(unread('010-1234')).toEqual([{ raw: '010-1234', code: expect.any(String) }]);
    expect(unread('+65 8123 4567')).toEqual([]);
  });

  it('number-like runs in a message that nothing was extracted from, but never dates, amounts or what was read', () => {
    const text = 'Transfer to 123-456-789012 today (ref 2026-11-28, S$1,500.00, 2,000,000원). Call +65 8123 4567.';
    expect(unread(text)).toEqual([{ raw: '123-456-789012', code: 'invalid_phone_for_region' }]);
    expect(unread('이 계좌 123-456-789012로 1,000,000원을 오늘 안에 꼭 보내세요', 'KR').map((u) => u.raw)).toEqual(['123-456-789012']);
    expect(unread('Meeting on 28/11/2026 at 10.30, order no. 1234567')).toEqual([]);
  });

  it('tells a single value from a message', () => {
    expect(isOneValue('hxxps://evil[.]com/login')).toBe(true);
    expect(isOneValue('one two three four five six seven')).toBe(false);
    expect(isOneValue('line one\nline two')).toBe(false);
  });
});
