import { isIP } from 'node:net';
import { type BulletinConfig } from './types';
import { INDICATOR_TYPES, type IndicatorType } from '@scamintel/vocabulary';

// Every value is checked against the canonical form of its type before it is shown: a value that does not
// parse (a name or a story pasted into the wrong field) is dropped, never masked "as best we can".

export const MASK = '•';
const DOTS = MASK.repeat(3);

type Style = BulletinConfig['maskStyle'];

// ITU-T E.164 calling codes are prefix-free: 1 and 7 are the only one-digit codes, these are the two-digit ones,
// and everything else is three digits.
const TWO_DIGIT_CODES = new Set([
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/;
const SOCIAL = /^(telegram|kakaotalk|line|wechat|instagram|facebook|tiktok|x):([\p{L}\p{N}._-]{1,64})$/u;

export function isIndicatorType(type: unknown): type is IndicatorType {
  return typeof type === 'string' && (INDICATOR_TYPES as readonly string[]).includes(type);
}

/** The text a bulletin shows for an indicator, or null when the value is not a well-formed canonical value of its type. */
export function maskIndicator(type: string, value: string, style: Style): string | null {
  if (typeof value !== 'string' || !isIndicatorType(type)) return null;
  switch (type) {
    case 'phone':
      return maskPhone(value, style);
    case 'domain':
      return DOMAIN.test(value) ? defangHost(value) : null;
    case 'url':
      return maskUrl(value, style);
    case 'email':
      return maskEmail(value, style);
    case 'ip':
      return defangIp(value);
    case 'bank_account':
      return maskBankAccount(value);
    case 'crypto_wallet':
      return maskWallet(value);
    case 'social_handle':
      return maskSocial(value, style);
  }
}

export function splitCallingCode(e164: string): { cc: string; national: string } | null {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return null;
  const digits = e164.slice(1);
  const len = digits[0] === '1' || digits[0] === '7' ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  return { cc: digits.slice(0, len), national: digits.slice(len) };
}

function maskPhone(value: string, style: Style): string | null {
  const parts = splitCallingCode(value);
  if (!parts || parts.national.length < 4) return null;
  const { cc, national } = parts;
  let shown = national;
  if (style === 'partial') {
    // First four and last two digits stay, as the issue asks; short numbers keep less so something is always hidden.
    const [head, tail] = national.length >= 8 ? [4, 2] : national.length >= 6 ? [2, 2] : [0, 2];
    shown = national.slice(0, head) + MASK.repeat(national.length - head - tail) + national.slice(-tail);
  }
  return `+${cc} ${groupNational(cc, shown)}`;
}

function groupNational(cc: string, n: string): string {
  const cut = (sizes: number[], sep: string) => {
    const out: string[] = [];
    let at = 0;
    for (const size of sizes) {
      out.push(n.slice(at, at + size));
      at += size;
    }
    return out.filter(Boolean).join(sep);
  };
  if (cc === '65' && n.length === 8) return cut([4, 4], ' ');
  if (cc === '82') {
    // Korean numbers are written area-exchange-line with hyphens; Seoul's area code is the single digit 2.
    if (n.length === 8) return cut([4, 4], '-');
    const area = n[0] === '2' ? 1 : 2;
    return cut([area, n.length - area - 4, 4], '-');
  }
  if (n.length <= 8) return cut([n.length - 4, 4], ' ');
  return cut([n.length - 8, 4, 4], ' ');
}

function defangHost(host: string): string {
  return host.replace(/\./g, '[.]');
}

function defangIp(value: string): string | null {
  const kind = isIP(value);
  if (kind === 4) return value.replace(/\.(\d+)$/, '[.]$1');
  if (kind === 6) return value.replace(/:/g, '[:]');
  return null;
}

function maskUrl(value: string, style: Style): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const bareHost = url.hostname.replace(/^\[|\]$/g, '');
  const host = isIP(bareHost) ? defangIp(bareHost) : DOMAIN.test(url.hostname) ? defangHost(url.hostname) : null;
  if (!host) return null;
  const hostPart = isIP(bareHost) === 6 ? `[${host}]` : host;
  const scheme = url.protocol === 'https:' ? 'hxxps' : 'hxxp';
  const port = url.port ? `:${url.port}` : '';
  // Credentials in the authority are never shown; query strings of phishing links often carry the victim's
  // e-mail or a tracking id, so they are always cut; in partial style the path goes too.
  const hasPath = url.pathname !== '/' && url.pathname !== '';
  const path = style === 'partial' ? (hasPath || url.search ? '/…' : '') : (hasPath ? url.pathname : '') + (url.search ? '?…' : '');
  return `${scheme}://${hostPart}${port}${path}`;
}

function maskEmail(value: string, style: Style): string | null {
  const at = value.lastIndexOf('@');
  if (at < 1) return null;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || /[\s<>"'`@\\]/u.test(local) || !DOMAIN.test(domain)) return null;
  const shownLocal = style === 'partial' ? Array.from(local)[0] + DOTS : local;
  return `${shownLocal}@${defangHost(domain)}`;
}

function maskBankAccount(value: string): string | null {
  // Accounts are often those of money mules, who can be victims themselves: always mostly hidden, whatever the style.
  const iban = /^IBAN:([A-Z]{2})\d{2}[A-Z0-9]{10,30}$/.exec(value);
  if (iban) return `IBAN ${iban[1]}${DOTS}${value.slice(-4)}`;
  const local = /^([A-Z]{2}):([0-9A-Z]{0,8}):(\d{6,34})$/.exec(value);
  if (!local) return null;
  return [local[1], local[2], DOTS + local[3].slice(-4)].filter(Boolean).join(' ');
}

function maskWallet(value: string): string | null {
  const ok =
    /^0x[0-9a-f]{40}$/.test(value) || /^(?:bc|tb|ltc)1[02-9ac-hj-np-z]{6,87}$/.test(value) || /^[1-9A-HJ-NP-Za-km-z]{25,35}$/.test(value);
  return ok ? value.slice(0, 6) + DOTS + value.slice(-4) : null;
}

function maskSocial(value: string, style: Style): string | null {
  const m = SOCIAL.exec(value);
  if (!m) return null;
  const chars = Array.from(m[2]);
  if (style === 'defang') return `${m[1]}:${m[2]}`;
  const shown = chars.length > 6 ? chars.slice(0, 3).join('') + DOTS + chars.slice(-2).join('') : chars[0] + DOTS;
  return `${m[1]}:${shown}`;
}
