import { ExchangeIndicator, NodeIdentity } from '../indicator';
import { OutboundCandidate, PartnerPolicy, applyOutboundPolicy } from '../policy';
import { toStixBundle } from './to-bundle';
import { StixBundle } from './types';
import { IndicatorType, fingerprint, SHAREABLE_TLPS, VERDICTS } from '@scamintel/vocabulary';

/**
 * Representative exchange records and bundles, for the conformance script and tests: every type, every TLP
 * a partner may receive, pseudonymised and revoked records, with and without narratives, awkward values.
 */
export const SAMPLE_SENDER: NodeIdentity = { nodeId: 'sg-spf', jurisdiction: 'SG', name: 'Singapore Police Force Anti-Scam Command' };
export const SAMPLE_PSEUDONYM_KEY = 'sample-bilateral-key-0123456789abcdef';

export const SAMPLE_VALUES: [IndicatorType, string][] = [
  ['phone', '+6591234567'],
  ['phone', '+821012345678'],
  ['url', 'http://evil-bank-login.com/secure/verify?id=1&lang=en'],
  ['url', 'https://x.pages.dev/a|b/{c}%20d'],
  ['domain', 'evil-bank-login.com'],
  ['domain', 'xn--bcher-kva.example'],
  ['email', 'support.desk+kr@evil-mail.example'],
  ['ip', '198.51.100.23'],
  ['ip', '2001:db8::dead:beef'],
  ['bank_account', 'KR:004:12345678901234'],
  ['bank_account', 'IBAN:GB82WEST12345698765432'],
  ['crypto_wallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  ['crypto_wallet', '0x52908400098527886e0f7030069857d2e4169ee7'],
  ['social_handle', 'telegram:scam_support_bot'],
  ['social_handle', "kakaotalk:o'neil\\"],
];

export function sampleIndicators(): ExchangeIndicator[] {
  return SAMPLE_VALUES.map(([type, value], i) => ({
    fingerprint: fingerprint(type, value),
    type,
    value,
    pseudonymised: false,
    tlp: SHAREABLE_TLPS[i % SHAREABLE_TLPS.length],
    confidence: 40 + i * 4,
    verdict: VERDICTS[i % VERDICTS.length],
    revoked: i === 3,
    firstSeen: '2026-02-01T08:00:00Z',
    lastSeen: `2026-02-${String(10 + i).padStart(2, '0')}T12:30:00.123Z`,
    sightings: 3 + i,
    reporters: 1 + (i % 3),
    scamTypes: i % 5 === 0 ? [] : ['phishing', 'impersonation_bank'].slice(0, 1 + (i % 2)),
    attributes:
      type === 'domain'
        ? { registrableDomain: value }
        : type === 'crypto_wallet'
          ? { network: value.startsWith('0x') ? 'ethereum' : 'bitcoin' }
          : {},
    ...(i % 2 === 0 ? { narratives: [`Caller claimed to be from the bank (${i}); 사기 전화`] } : {}),
    modified: `2026-02-${String(10 + i).padStart(2, '0')}T12:30:00.123Z`,
  }));
}

const everyType = (): IndicatorType[] => [...new Set(SAMPLE_VALUES.map(([t]) => t))];

/** The bundles the conformance script validates. */
export function sampleBundles(): { name: string; bundle: StixBundle }[] {
  const local = (inds: ExchangeIndicator[]): OutboundCandidate[] => inds.map((i) => ({ ...i, origin: 'local' as const }));
  const open: PartnerPolicy = { maxTlp: 'amber', types: everyType(), minConfidence: 0, pseudonymise: [], shareNarrative: true };
  const closed: PartnerPolicy = { ...open, pseudonymise: everyType(), shareNarrative: false };
  return [
    { name: 'clear values, narratives', bundle: toStixBundle(applyOutboundPolicy(local(sampleIndicators()), open).send, SAMPLE_SENDER) },
    {
      name: 'all pseudonymised, no narratives',
      bundle: toStixBundle(applyOutboundPolicy(local(sampleIndicators()), closed, SAMPLE_PSEUDONYM_KEY).send, SAMPLE_SENDER),
    },
    { name: 'no indicators', bundle: toStixBundle([], { nodeId: 'kr-knpa', jurisdiction: 'KR' }) },
  ];
}
