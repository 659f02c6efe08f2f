import fc from 'fast-check';
import { ExchangeIndicator } from './indicator';
import { OutboundCandidate, PartnerPolicy, applyOutboundPolicy, policyProblems } from './policy';
import { pseudonym } from './pseudonym';
import { sampleIndicators } from './stix/samples';
import { INDICATOR_TYPES, fingerprint } from '@scamintel/vocabulary';

const KEY = 'bilateral-key-for-tests-only-0123';
const open: PartnerPolicy = { maxTlp: 'amber', types: [...INDICATOR_TYPES], minConfidence: 0, pseudonymise: [], shareNarrative: true };
const local = (i: ExchangeIndicator, extra: Partial<OutboundCandidate> = {}): OutboundCandidate => ({ ...i, origin: 'local', ...extra });
const [phone] = sampleIndicators();

describe('applyOutboundPolicy', () => {
  it.each([
    [{ origin: 'partner' as const }, open, 'from_partner'],
    [{ tlp: 'red' as const }, open, 'tlp_red'],
    [{ tlp: 'amber+strict' as const }, open, 'tlp_amber_strict'],
    [{ tlp: 'amber' as const }, { ...open, maxTlp: 'green' as const }, 'above_max_tlp'],
    [{ tlp: 'green' as const }, { ...open, maxTlp: 'clear' as const }, 'above_max_tlp'],
    [{}, { ...open, types: ['url' as const] }, 'type_not_shared'],
    [{ confidence: 49 }, { ...open, minConfidence: 50 }, 'below_min_confidence'],
    [{ pseudonymised: true }, open, 'already_pseudonymised'],
    [{}, { ...open, pseudonymise: ['phone' as const] }, 'no_pseudonym_key'],
  ])('withholds %j under %j as %s', (change, policy, reason) => {
    const r = applyOutboundPolicy([local(phone, change)], policy);
    expect(r.send).toEqual([]);
    expect(r.withheld).toEqual([{ fingerprint: phone.fingerprint, reason }]);
  });

  it('even a wide-open policy never lets red, amber+strict or partner data out', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('clear' as const, 'green' as const, 'amber' as const, 'amber+strict' as const, 'red' as const),
        fc.constantFrom('local' as const, 'partner' as const),
        (tlp, origin) => {
          const { send } = applyOutboundPolicy([local(phone, { tlp, origin })], open);
          expect(send.length === 1).toBe(origin === 'local' && ['clear', 'green', 'amber'].includes(tlp));
        },
      ),
    );
  });

  it('sends at the threshold and strips everything but the exchange fields', () => {
    const r = applyOutboundPolicy([local(phone, { confidence: 50, hasReporterData: true, reporter: { name: 'x' } } as never)], {
      ...open,
      minConfidence: 50,
    });
    expect(r.withheld).toEqual([]);
    expect(r.send).toEqual([{ ...phone, confidence: 50 }]);
    expect(r.send[0]).not.toHaveProperty('origin');
    expect(r.send[0]).not.toHaveProperty('hasReporterData');
    expect(r.send[0]).not.toHaveProperty('reporter');
  });

  it('drops narratives unless the policy shares them', () => {
    expect(phone.narratives?.length).toBeGreaterThan(0);
    expect(applyOutboundPolicy([local(phone)], { ...open, shareNarrative: false }).send[0]).not.toHaveProperty('narratives');
    expect(applyOutboundPolicy([local(phone)], open).send[0].narratives).toEqual(phone.narratives);
  });

  it('pseudonymises listed types: HMAC value, fingerprint over the pseudonym, no attributes or narratives', () => {
    const domain = sampleIndicators().find((i) => i.type === 'domain' && Object.keys(i.attributes).length)!;
    const withNarrative = { ...domain, narratives: [`visit ${domain.value}`] };
    const { send } = applyOutboundPolicy([local(withNarrative), local(phone)], { ...open, pseudonymise: ['domain'] }, KEY);
    const hidden = send.find((i) => i.type === 'domain')!;
    const value = pseudonym(KEY, domain.value);
    const { narratives: _n, ...withoutNarratives } = domain;
    expect(hidden).toEqual({
      ...withoutNarratives,
      value,
      fingerprint: fingerprint('domain', value),
      pseudonymised: true,
      attributes: {},
    });
    expect(JSON.stringify(hidden)).not.toContain(domain.value);
    expect(JSON.stringify(hidden)).not.toContain(domain.fingerprint);
    expect(send.find((i) => i.type === 'phone')).toEqual(phone);
  });

  it('withholds what STIX cannot carry instead of failing the whole batch', () => {
    const email = { ...phone, type: 'email' as const, value: 'josé@example.com', fingerprint: fingerprint('email', 'josé@example.com') };
    const r = applyOutboundPolicy([local(email), local(phone)], open);
    expect(r.send).toEqual([phone]);
    expect(r.withheld).toEqual([
      { fingerprint: email.fingerprint, reason: 'not_stix_representable', detail: expect.stringMatching(/addr-spec/) },
    ]);
    // Pseudonymised, the same address travels fine.
    expect(applyOutboundPolicy([local(email)], { ...open, pseudonymise: ['email'] }, KEY).send).toHaveLength(1);
  });

  it('does not mutate its input', () => {
    const input = local(phone);
    const copy = structuredClone(input);
    applyOutboundPolicy([input], { ...open, pseudonymise: ['phone'] }, KEY);
    expect(input).toEqual(copy);
  });
});

describe('policyProblems', () => {
  it('accepts the contract shape and explains what is wrong otherwise', () => {
    expect(policyProblems(open)).toEqual([]);
    expect(policyProblems({ ...open, maxTlp: 'red' })).toEqual(['maxTlp must be clear, green or amber']);
    expect(policyProblems({ ...open, types: ['car'] })[0]).toMatch(/^types must be/);
    expect(policyProblems({ ...open, minConfidence: 101 })).toEqual(['minConfidence must be an integer 0-100']);
    expect(policyProblems({ ...open, shareNarrative: 'yes' })).toEqual(['shareNarrative must be a boolean']);
    expect(policyProblems(null)).toEqual(['policy must be an object']);
  });
});
