import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';
import { Failure, fail } from '../errors';
import shortCodeData from '../data/short-codes.json';
import { fastPhone, hasFastPlan } from './phone-plan';

/*
 * Phones: E.164 via libphonenumber-js with the FULL ("max") metadata, because the
 * default "min" metadata cannot tell mobile from fixed-line and validates by length only.
 *
 * Korean 15xx/16xx/18xx numbers (1588-1234) need no special case: libphonenumber's KR
 * metadata knows them as UAN ("universal access number"), 8 digits with no area code,
 * E.164 +82 15881234. Singapore's 8-digit plan (8/9 mobile, 6 fixed, 3 VoIP, 1800
 * toll-free) is covered the same way.
 *
 * Short codes (999, 112, 1332 …) are not numbers in E.164 at all: nobody can be called on "+82112" from abroad,
 * and a report of "112" is no evidence against anyone. So they are not phone values: the ones listed in
 * data/short-codes.json are refused with `official_short_code` (naming the service), and shortCodeOf() gives
 * what the warninglists need to answer "official number" for them (warninglists.ts: warninglistHit(raw, opts)).
 * The lists keep them under the key "+<calling code><code>" (+65999, +82112), which is not a phone value either.
 * Any other short number is refused as too short.
 */

interface ShortCode {
  region: string;
  name: string;
  code: string;
}
const SHORT_BY_E164 = new Map<string, ShortCode>();
const SHORT_BY_REGION = new Map<string, Map<string, string>>();
for (const [region, entry] of Object.entries(shortCodeData as Record<string, unknown>)) {
  if (region.startsWith('_')) continue;
  const { callingCode, codes } = entry as { callingCode: string; codes: Record<string, { name: string }> };
  const local = new Map<string, string>();
  for (const [code, info] of Object.entries(codes)) {
    const e164 = '+' + callingCode + code;
    local.set(code, e164);
    SHORT_BY_E164.set(e164, { region, name: info.name, code });
  }
  SHORT_BY_REGION.set(region, local);
}

export interface PhoneResult {
  value: string;
  attributes: { region: string; numberType: string };
}

/** A listed short code as a person types it in a region: its service, and its key in the warninglists. */
export interface ShortCodeInfo {
  code: string;
  region: string;
  name: string;
  key: string;
}

// Separators people type between digit groups; anything else (letters, '#', '*') is not a phone.
const PHONE_CHARS = /^\(?\s*\+?[0-9\s\-.()/]+$/;
const NON_DIGIT = /[^0-9]/g;
const NON_DIGITS = /[^0-9]+/;
const PREFIX = /^(?:tel|callto|sms):(?:\/\/)?/i;
// wa.me/<international number> and api.whatsapp.com/send?phone=<n>: the number is always international without '+'.
const WHATSAPP = /^(?:https?:\/\/)?(?:www\.)?(?:wa\.me\/|api\.whatsapp\.com\/send\/?\?(?:[^#]*&)?phone=)\+?([0-9]{6,15})(?:[/?#&].*)?$/i;

export function isWhatsAppLink(s: string): boolean {
  return WHATSAPP.test(s);
}

export function regionSupported(region: string): boolean {
  return isSupportedCountry(region as CountryCode, metadata);
}

// The max metadata through libphonenumber-js/core, with one options object per region made once. The text handed over
// is already "+<digits>" or "<digits>", so libphonenumber's search for a number inside prose (extract) is skipped.
const PARSE_OPTIONS = new Map<string, { defaultCountry: CountryCode; extract: false }>();
function parse(text: string, region: string): PhoneNumber | undefined {
  let options = PARSE_OPTIONS.get(region);
  if (options === undefined) {
    options = { defaultCountry: region as CountryCode, extract: false };
    PARSE_OPTIONS.set(region, options);
  }
  return parsePhoneNumberFromString(text, options, metadata);
}

interface Reading {
  e164: string;
  country: string;
  type: string;
}

/** The valid number `text` ("+<digits>" or "<digits>") is in `region`, or why it is none. */
function readNumber(text: string, region: string, plainOnly = false): Reading | string {
  const plus = text.charCodeAt(0) === 0x2b;
  const fast = fastPhone(plus ? text.slice(1) : text, plus, region);
  if (fast !== null) return plainOnly && typeof fast === 'string' ? `not a plain number of ${region}` : fast;
  if (plainOnly && hasFastPlan(region)) return `not a plain number of ${region}`;
  const pn = parse(text, region);
  if (!pn) return `not a phone number in ${region}`;
  // With type patterns in the metadata (the max set has them), valid means "has a type": one type match, not two.
  const type = pn.getType();
  if (type === undefined && !pn.isValid()) return `${pn.number} is not a valid number for ${pn.country ?? region}`;
  return { e164: pn.number, country: pn.country ?? region, type: type ?? 'UNKNOWN' };
}

export function normalizePhone(input: string, region: string): PhoneResult | Failure {
  const r = readPhone(input, region);
  if (r instanceof Failure) return r;
  return { value: r.e164, attributes: { region: r.country, numberType: r.type } };
}

/**
 * When the input is a valid number written plainly (no IDD prefix, carrier code or calling code without "+"), the
 * digit-group lengths of the number as its country writes it nationally ("1800 111 1111" -> [4, 3, 4]); else null.
 */
export function nationalGroupsOf(input: string, region: string): number[] | null {
  const r = readPhone(input, region, true);
  const pn = r instanceof Failure ? undefined : parse(r.e164, region);
  if (!pn) return null;
  return pn
    .formatNational()
    .split(NON_DIGITS)
    .filter((g) => g !== '')
    .map((g) => g.length);
}

function readPhone(input: string, region: string, plainOnly = false): Reading | Failure {
  let s = input;
  const wa = WHATSAPP.exec(s);
  if (wa) s = '+' + wa[1];
  else if (PREFIX.test(s)) s = s.replace(PREFIX, '');
  if (!PHONE_CHARS.test(s)) return fail('not_an_indicator', 'phone numbers contain only digits, "+" and separators');
  const plus = s.indexOf('+') >= 0;
  const digits = s.replace(NON_DIGIT, '');
  if (digits.length < 3) return fail('not_an_indicator', 'too few digits for a phone number');
  if (digits.length > 17) return fail('invalid_phone_for_region', 'too many digits for a phone number');

  const short = listedShortCode(plus, digits, region);
  if (short) {
    return fail(
      'official_short_code',
      `${short.code} is ${short.region === region ? 'a' : 'a ' + short.region} short code (${short.name}), not a phone number`,
    );
  }

  let r = readNumber(plus ? '+' + digits : digits, region, plainOnly);
  // "00" is the international prefix in most of the world; KR's own IDD codes are 001/002/00700…,
  // so libphonenumber refuses "0082…" with region KR even though people write it.
  if (typeof r === 'string' && !plainOnly && !plus && digits.startsWith('00') && digits.length > 9)
    r = readNumber('+' + digits.slice(2), region);
  return typeof r === 'string' ? fail('invalid_phone_for_region', r) : r;
}

function listedShortCode(plus: boolean, digits: string, region: string): ShortCodeInfo | null {
  if (digits.length > 6) return null;
  const key = plus ? '+' + digits : SHORT_BY_REGION.get(region)?.get(digits);
  const info = key ? SHORT_BY_E164.get(key) : undefined;
  if (!key || !info) return null;
  return { code: info.code, region: info.region, name: info.name, key };
}

/** The listed short code a person typed ("112", "1-1-2", "tel:112", "+65 999"), read in `region`, or null. */
export function shortCodeOf(input: string, region: string): ShortCodeInfo | null {
  const s = PREFIX.test(input) ? input.replace(PREFIX, '') : input;
  if (!PHONE_CHARS.test(s)) return null;
  return listedShortCode(s.indexOf('+') >= 0, s.replace(NON_DIGIT, ''), region);
}
