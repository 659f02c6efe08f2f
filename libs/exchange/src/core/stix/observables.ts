import { CUSTOM_SCO_EXT, CustomScoType } from './extensions';
import { scoId } from './ids';
import { Comparison } from './pattern';
import { StixObject } from './types';
import { IndicatorType, isIndicatorType } from '@scamintel/vocabulary';

export interface Observable {
  sco: StixObject;
  comparisons: Comparison[];
}

interface Valued {
  type: IndicatorType;
  value: string;
  pseudonymised: boolean;
}

/**
 * Safe Browsing canonical URLs escape only controls, space, non-ASCII, '#' and '%', so they can hold characters
 * RFC 3986 forbids ("<>\^`{|} and brackets outside the host). STIX wants an RFC 3986 URI, so those are
 * percent-encoded on the way out and decoded on the way in; a canonical URL never holds them encoded, so the
 * mapping is lossless.
 */
const NEVER_IN_URI = /["<>\\^`{|}]/g;
const DECODED_ON_READ = /%(22|3C|3E|5C|5E|60|7B|7C|7D|5B|5D)/gi;
const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

export function urlToStix(canonical: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(canonical);
  if (!m) return canonical.replace(NEVER_IN_URI, pct);
  return m[1].replace(NEVER_IN_URI, pct) + m[2].replace(/["<>\\^`{|}[\]]/g, pct);
}

export const urlFromStix = (value: string): string => value.replace(DECODED_ON_READ, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));

// These mirror the JSON-schema formats the OASIS schemas put on SCO values (email, idn-hostname, the ipv4/ipv6
// patterns, uri); a value that fails them cannot be sent as that SCO without producing an invalid object.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/;
const IPV6_HEX = /^[0-9a-f:]+$/i;
const URI_CHARS = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9\-._~!$&'()*+,;=:@/?%[\]]+$/i;
const HEX64 = /^[0-9a-f]{64}$/;

/** Why this value cannot travel as a schema-valid STIX object, or undefined when it can. */
export function stixUnrepresentable(ind: Valued): string | undefined {
  const { type, value } = ind;
  if (!isIndicatorType(type)) return `unknown indicator type ${String(type)}`;
  if (typeof value !== 'string' || value === '') return 'empty value';
  if (ind.pseudonymised) return HEX64.test(value) ? undefined : 'pseudonym is not 64 lower-case hex characters';
  switch (type) {
    case 'email':
      return EMAIL.test(value) ? undefined : 'not an RFC 5322 ASCII addr-spec (STIX email-addr value)';
    case 'domain':
      return HOSTNAME.test(value) ? undefined : 'not an ASCII host name (STIX domain-name value)';
    case 'ip':
      if (value.includes(':'))
        return IPV6_HEX.test(value) ? undefined : 'IPv6 with an embedded dotted quad fails the STIX ipv6-addr pattern';
      return IPV4.test(value) ? undefined : 'not a dotted-decimal IPv4 address';
    case 'url': {
      const v = urlToStix(value);
      try {
        if (!new URL(v).host) return 'URL without a host';
      } catch {
        return 'not an absolute URL';
      }
      return URI_CHARS.test(v) && !/%(?![0-9a-f]{2})/i.test(v) ? undefined : 'not an RFC 3986 URI (STIX url value)';
    }
    case 'social_handle':
      return /^[a-z0-9_]+:.+$/s.test(value) ? undefined : 'not <platform>:<handle>';
    default:
      return undefined;
  }
}

const eq = (objectType: string, property: string, value: string): Comparison => ({ objectType, property, value });

function custom(type: CustomScoType, props: Record<string, string>): StixObject {
  return {
    type,
    spec_version: '2.1',
    id: scoId(type, props),
    ...props,
    extensions: { [CUSTOM_SCO_EXT[type]]: { extension_type: 'new-sco' } },
  };
}

function standard(type: string, props: Record<string, string>): StixObject {
  return { type, spec_version: '2.1', id: scoId(type, props), ...props };
}

const CUSTOM_FOR: Partial<Record<IndicatorType, CustomScoType>> = {
  phone: 'phone-number',
  bank_account: 'bank-account',
  crypto_wallet: 'cryptocurrency-wallet',
};
const STANDARD_FOR: Partial<Record<IndicatorType, string>> = { domain: 'domain-name', email: 'email-addr' };

/** The SCO an indicator's value is, and the comparisons of its pattern. Call stixUnrepresentable first. */
export function observableOf(ind: Valued): Observable {
  const { type, value } = ind;
  if (ind.pseudonymised) {
    const sco = custom('scamintel-pseudonym', { indicator_type: type, value });
    return { sco, comparisons: [eq(sco.type, 'value', value), eq(sco.type, 'indicator_type', type)] };
  }
  if (type === 'social_handle') {
    const at = value.indexOf(':');
    const props = { account_login: value.slice(at + 1), account_type: value.slice(0, at) };
    return {
      sco: standard('user-account', props),
      comparisons: [eq('user-account', 'account_login', props.account_login), eq('user-account', 'account_type', props.account_type)],
    };
  }
  const scoType =
    type === 'ip' ? (value.includes(':') ? 'ipv6-addr' : 'ipv4-addr') : type === 'url' ? 'url' : (STANDARD_FOR[type] ?? CUSTOM_FOR[type]!);
  const stixValue = type === 'url' ? urlToStix(value) : value;
  const sco = CUSTOM_FOR[type] ? custom(scoType as CustomScoType, { value: stixValue }) : standard(scoType, { value: stixValue });
  return { sco, comparisons: [eq(scoType, 'value', stixValue)] };
}

const SINGLE: Record<string, IndicatorType> = {
  'domain-name': 'domain',
  url: 'url',
  'email-addr': 'email',
  'ipv4-addr': 'ip',
  'ipv6-addr': 'ip',
  'phone-number': 'phone',
  'bank-account': 'bank_account',
  'cryptocurrency-wallet': 'crypto_wallet',
};

/** The inverse of observableOf, from a parsed pattern; undefined when the pattern is not one we emit. */
export function valueOfComparisons(cs: Comparison[]): Valued | undefined {
  const get = (t: string, p: string) => {
    const found = cs.filter((c) => c.objectType === t && c.property === p);
    return found.length === 1 ? found[0].value : undefined;
  };
  const types = new Set(cs.map((c) => c.objectType));
  if (types.size !== 1) return undefined;
  const [objectType] = types;
  if (objectType === 'scamintel-pseudonym' && cs.length === 2) {
    const value = get(objectType, 'value'),
      type = get(objectType, 'indicator_type');
    return value !== undefined && isIndicatorType(type) ? { type, value, pseudonymised: true } : undefined;
  }
  if (objectType === 'user-account' && cs.length === 2) {
    const login = get(objectType, 'account_login'),
      platform = get(objectType, 'account_type');
    return login !== undefined && platform !== undefined
      ? { type: 'social_handle', value: `${platform}:${login}`, pseudonymised: false }
      : undefined;
  }
  const type = SINGLE[objectType];
  const value = get(objectType, 'value');
  if (!type || value === undefined || cs.length !== 1) return undefined;
  return { type, value: type === 'url' ? urlFromStix(value) : value, pseudonymised: false };
}
