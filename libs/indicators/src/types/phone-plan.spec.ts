import fc from 'fast-check';
import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { fastPhone } from './phone-plan';

/*
 * The fast path must give libphonenumber's own answer whenever it answers at all, valid or not. Numbers are generated around each
 * country's example mobile number (so that many are valid) and at random (so that many are not), written nationally,
 * with the national prefix, with "+<calling code>", with the calling code and no "+", and with an IDD prefix.
 */

const COUNTRIES = getCountries();

function libphonenumber(digits: string, plus: boolean, region: CountryCode): string {
  const pn = parsePhoneNumberFromString(plus ? '+' + digits : digits, { defaultCountry: region, extract: false });
  if (!pn) return `not a phone number in ${region}`;
  const type = pn.getType();
  if (type === undefined && !pn.isValid()) return `${pn.number} is not a valid number for ${pn.country ?? region}`;
  return `${pn.number} ${pn.country ?? region} ${type ?? 'UNKNOWN'}`;
}

const number = fc
  .tuple(
    fc.constantFrom(...COUNTRIES),
    fc.constantFrom(...COUNTRIES),
    fc.constantFrom('national', 'prefix', 'plus', 'cc', 'idd', 'random'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([country, region, form, random, keep]) => {
    const nsn = getExampleNumber(country, examples)?.nationalNumber ?? '';
    // The example's leading digits and random trailing ones: valid about as often as not.
    const base = nsn.slice(0, Math.min(nsn.length, keep + 2)) + random.join('').slice(0, Math.max(0, nsn.length - keep - 2));
    const cc = getCountryCallingCode(country);
    const digits = { national: base, prefix: '0' + base, plus: cc + base, cc: cc + base, idd: '00' + cc + base, random: random.join('') }[
      form
    ];
    return { digits, plus: form === 'plus', region };
  });

describe('phone fast path (libphonenumber metadata, compiled once)', () => {
  it('gives libphonenumber’s answer whenever it answers (fast-check, fixed seed)', () => {
    let answered = 0;
    let refused = 0;
    let valid = 0;
    fc.assert(
      fc.property(number, ({ digits, plus, region }) => {
        const expected = libphonenumber(digits, plus, region);
        const fast = fastPhone(digits, plus, region);
        const isValid = expected.startsWith('+') && !expected.includes(' is not');
        if (isValid) valid++;
        if (fast === null) return;
        if (isValid) answered++;
        else refused++;
        const got = typeof fast === 'string' ? fast : `${fast.e164} ${fast.country} ${fast.type}`;
        expect([digits, plus, region, got]).toEqual([digits, plus, region, expected]);
      }),
      { seed: 20261203, numRuns: 20000 },
    );
    // Not vacuous: the fast path answers for about half the valid numbers of all countries together (the calling-code
    // and IDD forms, and shared calling codes, are left to libphonenumber), and for the common KR/SG forms below.
    expect(answered).toBeGreaterThan(valid * 0.4);
    expect(refused).toBeGreaterThan(1000);
  });

  it.each([
    ['01012345678', false, 'KR', '+821012345678 KR MOBILE'],
    ['15881234', false, 'KR', '+8215881234 KR UAN'],
    ['0221234567', false, 'KR', '+82221234567 KR FIXED_LINE'],
    ['91234567', false, 'SG', '+6591234567 SG MOBILE'],
    ['18001111111', false, 'SG', '+6518001111111 SG TOLL_FREE'],
    ['821012345678', true, 'SG', '+821012345678 KR MOBILE'],
    ['6563633333', true, 'KR', '+6563633333 SG FIXED_LINE'],
  ])('%s (plus %s) in %s', (digits, plus, region, expected) => {
    const fast = fastPhone(digits, plus, region);
    expect(fast && typeof fast !== 'string' && `${fast.e164} ${fast.country} ${fast.type}`).toBe(expected);
    expect(libphonenumber(digits, plus, region as CountryCode)).toBe(expected);
  });

  it('leaves the other branches to libphonenumber', () => {
    expect(fastPhone('0082101234567', false, 'SG')).toBeNull(); // IDD prefix
    expect(fastPhone('6591234567', false, 'SG')).toBeNull(); // calling code without "+"
    expect(fastPhone('12025550123', true, 'SG')).toBeNull(); // +1: a calling code of several countries
    expect(fastPhone('08110123456', false, 'KR')).toBeNull(); // a carrier code (081) in the national prefix
  });

  it('says why a number is invalid as libphonenumber does', () => {
    expect(fastPhone('12345678', false, 'SG')).toBe('+6512345678 is not a valid number for SG');
    expect(libphonenumber('12345678', false, 'SG')).toBe('+6512345678 is not a valid number for SG');
  });
});
