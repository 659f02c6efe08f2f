import { checkInboundPolicy } from './inbound-policy';
import { PartnerPolicy } from './policy';
import { fromStixBundle } from './stix/from-bundle';
import { SAMPLE_SENDER, sampleIndicators } from './stix/samples';
import { toStixBundle } from './stix/to-bundle';
import { TLP_MARKING_IDS, tlpMarkingDefinition } from './stix/tlp';
import { StixBundle } from './stix/types';
import { INDICATOR_TYPES } from '@scamintel/vocabulary';

const accepting: PartnerPolicy = { maxTlp: 'amber', types: [...INDICATOR_TYPES], minConfidence: 0, pseudonymise: [], shareNarrative: true };
const check = (bundle: StixBundle, policy = accepting) => checkInboundPolicy(fromStixBundle(bundle).indicators, bundle, policy);
const reasons = (v: { reason: string }[]) => [...new Set(v.map((x) => x.reason))].sort();

describe('checkInboundPolicy', () => {
  const bundle = toStixBundle(sampleIndicators(), SAMPLE_SENDER);

  it('finds nothing wrong with a bundle inside the policy', () => {
    expect(check(bundle)).toEqual([]);
  });

  it('refuses red and amber+strict wherever they are referenced, or merely defined', () => {
    const [ind] = sampleIndicators();
    expect(reasons(check(toStixBundle([{ ...ind, tlp: 'red' }], SAMPLE_SENDER)))).toEqual(['tlp_red']);
    expect(reasons(check(toStixBundle([{ ...ind, tlp: 'amber+strict' }], SAMPLE_SENDER)))).toEqual(['tlp_amber_strict']);
    const granular = {
      ...bundle,
      objects: bundle.objects.map((o, i) =>
        i === 0 ? { ...o, granular_markings: [{ marking_ref: TLP_MARKING_IDS.red, selectors: ['name'] }] } : o,
      ),
    };
    expect(check(granular)).toEqual([{ reason: 'tlp_red', objectId: bundle.objects[0].id, detail: TLP_MARKING_IDS.red }]);
    const defined = { ...bundle, objects: [...bundle.objects, tlpMarkingDefinition('amber+strict')] };
    expect(check(defined)).toEqual([{ reason: 'tlp_amber_strict', objectId: TLP_MARKING_IDS['amber+strict'] }]);
  });

  it('refuses anything above the partner maxTlp', () => {
    const v = check(bundle, { ...accepting, maxTlp: 'green' });
    expect(reasons(v)).toEqual(['above_max_tlp']);
    const amberFps = sampleIndicators()
      .filter((i) => i.tlp === 'amber')
      .map((i) => i.fingerprint)
      .sort();
    expect(
      v
        .filter((x) => x.fingerprint)
        .map((x) => x.fingerprint)
        .sort(),
    ).toEqual(amberFps);
  });

  it('refuses intelligence objects that carry no TLP at all', () => {
    const unmarked = {
      ...bundle,
      objects: bundle.objects.map((o) => (o.type === 'sighting' ? { ...o, object_marking_refs: undefined } : o)),
    };
    expect(reasons(check(unmarked))).toEqual(['unmarked']);
  });

  it('refuses types the receiver does not take, narratives it did not agree to, values it wants pseudonymised', () => {
    expect(reasons(check(bundle, { ...accepting, types: ['phone'] }))).toEqual(['type_not_accepted']);
    expect(reasons(check(bundle, { ...accepting, shareNarrative: false }))).toEqual(['narrative_not_accepted']);
    const v = check(bundle, { ...accepting, pseudonymise: ['bank_account'] });
    expect(v).toEqual(
      sampleIndicators()
        .filter((i) => i.type === 'bank_account')
        .map((i) => ({ reason: 'not_pseudonymised', fingerprint: i.fingerprint, detail: 'bank_account' })),
    );
  });

  it('copes with a body that is not a bundle', () => {
    expect(checkInboundPolicy([], {} as StixBundle, accepting)).toEqual([]);
  });
});
