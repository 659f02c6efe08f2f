import { Failure, IndicatorError, fail } from './errors';
import type { IndicatorErrorCode } from './errors';
import { fingerprint, isIndicatorType, type IndicatorType } from '@scamintel/vocabulary';
import { DEFAULT_REGION } from './indicator';
import type { NormalizeOptions, NormalizedIndicator } from './indicator';
import { refang } from './refang';
import { cleanText } from './text';
import { detectType, startsWithPlatform } from './detect';
import { isCleanHost, looksDefanged, looseRefang } from './loose';
import { normalizePhone, regionSupported } from './types/phone';
import { normalizeUrl } from './types/url';
import { normalizeDomain } from './types/domain';
import type { Reading } from './types/domain';
import { normalizeEmail } from './types/email';
import { normalizeIp } from './types/ip';
import { normalizeBankAccount, phoneAfterBankName } from './types/bank-account';
import { normalizeWallet } from './types/crypto-wallet';
import { isSocialLink, normalizeHandle } from './types/social-handle';

export type NormalizeResult = { ok: true; indicator: NormalizedIndicator } | { ok: false; code: IndicatorErrorCode; reason: string };

/** Longest raw input accepted; longer values are refused with `too_long` before any parsing. */
export const MAX_INPUT_LENGTH = 8192;

const regionCache = new Map<string, string | Failure>();

export function resolveRegion(region: string | undefined): string | Failure {
  if (region === undefined) return DEFAULT_REGION;
  let r = regionCache.get(region);
  if (r === undefined) {
    const up = typeof region === 'string' ? region.trim().toUpperCase() : '';
    r = /^[A-Z]{2}$/.test(up) && regionSupported(up) ? up : fail('invalid_region', `unknown region ${JSON.stringify(region)}`);
    if (regionCache.size < 1000) regionCache.set(region, r);
  }
  return r;
}

// Wrappers people paste around single values: <https://…>, "…", '…'.
function unwrap(s: string): string {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  if (s.length >= 2 && ((a === 0x3c && b === 0x3e) || (a === 0x22 && b === 0x22) || (a === 0x27 && b === 0x27))) {
    return s.slice(1, -1).trim();
  }
  return s;
}

function dispatch(type: IndicatorType, s: string, region: string, reading: Reading): { value: string; attributes: object } | Failure {
  switch (type) {
    case 'phone':
      return normalizePhone(s, region);
    case 'url':
      return normalizeUrl(s);
    case 'domain':
      return normalizeDomain(s, reading);
    case 'email':
      return normalizeEmail(s, reading);
    case 'ip':
      return normalizeIp(s);
    case 'bank_account':
      return normalizeBankAccount(s, region, reading !== 'typed');
    case 'crypto_wallet':
      return normalizeWallet(s);
    case 'social_handle':
      return normalizeHandle(s);
  }
}

function detectAndNormalize(
  s: string,
  region: string,
  explicit: IndicatorType | undefined,
  reading: Reading,
): NormalizedIndicator | Failure {
  let type = explicit ?? detectType(s);
  if (!type) return fail('not_an_indicator', 'not recognised as any indicator type');
  if (type === 'bank_account' && explicit === undefined) {
    // "DBS 1800 111 1111": a bank's name and a phone number, no account word (types/bank-account.ts).
    const phone = phoneAfterBankName(s, region);
    if (phone !== null) {
      type = 'phone';
      s = phone;
    }
  }
  let r = dispatch(type, s, region, reading);
  // A detected profile link that names no account (x.com/home, instagram.com/p/…) is still a link.
  if (r instanceof Failure && explicit === undefined && type === 'social_handle' && isSocialLink(s)) {
    const asUrl = normalizeUrl(s);
    if (!(asUrl instanceof Failure)) {
      type = 'url';
      r = asUrl;
    }
  }
  if (r instanceof Failure) return r;
  return { type, value: r.value, fingerprint: fingerprint(type, r.value), attributes: r.attributes as Record<string, unknown> };
}

/**
 * The whole pipeline, without exceptions: clean, refang, detect (unless typed), normalise, fingerprint.
 * `reading` says how far an unlisted TLD is trusted (types/domain.ts): 'typed' when the caller gave the type,
 * 'detected' when it is guessed, 'prose' for extract().
 */
export function normalizeOutcome(
  raw: string,
  opts?: NormalizeOptions,
  reading: Reading = opts?.type === undefined ? 'detected' : 'typed',
): NormalizedIndicator | Failure {
  if (typeof raw !== 'string') return fail('not_an_indicator', 'input is not a string');
  if (raw.length > MAX_INPUT_LENGTH) return fail('too_long', `input longer than ${MAX_INPUT_LENGTH} characters`);
  const region = resolveRegion(opts?.region);
  if (region instanceof Failure) return region;
  const s = unwrap(refang(cleanText(raw)).trim());
  if (!s) return fail('not_an_indicator', 'empty input');
  const explicit = opts?.type;
  if (explicit !== undefined && !isIndicatorType(explicit))
    return fail('unsupported_type', `unknown indicator type ${JSON.stringify(explicit)}`);
  const r = detectAndNormalize(s, region, explicit, reading);
  // One value, not prose: the looser defang readings of loose.ts, kept only when they give an indicator (for a URL
  // that is one as written, only when they turn a host full of escapes and brackets into a clean one).
  const failed = r instanceof Failure;
  if (!failed && !(r.type === 'url' && !isCleanHost(r.attributes.host))) return r;
  if (startsWithPlatform(s) || (!failed && !looksDefanged(s))) return r;
  const alt = looseRefang(s);
  if (alt === s) return r;
  const r2 = detectAndNormalize(alt, region, explicit, reading);
  if (r2 instanceof Failure) return r;
  if (!failed && !(r2.type === 'url' && isCleanHost(r2.attributes.host))) return r;
  return r2;
}

/** Normalise one raw indicator. Throws IndicatorError (with a stable `code`) when it cannot. */
export function normalize(raw: string, opts?: NormalizeOptions): NormalizedIndicator {
  const r = normalizeOutcome(raw, opts);
  if (r instanceof Failure) throw new IndicatorError(r.code, r.reason);
  return r;
}

/** Like normalize() but never throws. */
export function tryNormalize(raw: string, opts?: NormalizeOptions): NormalizeResult {
  let r: NormalizedIndicator | Failure;
  try {
    r = normalizeOutcome(raw, opts);
  } catch (e) {
    // Defensive: a library bug must not take down a worker processing a batch.
    return { ok: false, code: 'not_an_indicator', reason: 'internal error: ' + (e instanceof Error ? e.message : String(e)) };
  }
  if (r instanceof Failure) return { ok: false, code: r.code, reason: r.reason };
  return { ok: true, indicator: r };
}
