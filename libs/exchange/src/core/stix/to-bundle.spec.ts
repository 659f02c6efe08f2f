import { CUSTOM_SCO_EXT, SCAMINTEL_PROPERTIES_EXT } from './extensions';
import { parsePattern } from './pattern';
import { SAMPLE_SENDER, sampleBundles, sampleIndicators } from './samples';
import { StixMappingError, toStixBundle } from './to-bundle';
import { TLP_MARKING_IDS, tlpOfObject } from './tlp';
import { StixBundle, StixObject } from './types';
import { fingerprint } from '@scamintel/vocabulary';

// Structure checks that need no copy of the OASIS schemas (npm test must not depend on ../shared);
// scripts/conformance.ts validates the same bundles against the schemas themselves.
const IDENTIFIER = /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const PROPERTY_NAME = /^([a-z][a-z0-9_]{2,249}|id)$/;

function walk(value: unknown, visit: (key: string, v: unknown) => void, key = ''): void {
  visit(key, value);
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit, key));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k);
}

const ofType = (b: StixBundle, t: string) => b.objects.filter((o) => o.type === t);

describe('toStixBundle', () => {
  const bundles = sampleBundles();

  it.each(bundles.map((b) => [b.name, b.bundle] as const))('%s: every object is well formed', (_name, bundle) => {
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(IDENTIFIER);
    expect(bundle.id.startsWith('bundle--')).toBe(true);
    const ids = new Set(bundle.objects.map((o) => o.id));
    expect(ids.size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      expect(o.id).toMatch(IDENTIFIER);
      expect(o.id.startsWith(`${o.type}--`)).toBe(true);
      expect(o.spec_version).toBe('2.1');
      for (const k of Object.keys(o)) expect(k).toMatch(PROPERTY_NAME);
      if (o.type !== 'marking-definition' && 'created' in o) {
        expect(o.created).toMatch(MILLIS);
        expect(o.modified).toMatch(MILLIS);
        expect(o.created! <= o.modified!).toBe(true);
      }
      walk(o, (key, v) => {
        expect(v).not.toBeNull();
        if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
        // Every reference resolves inside the bundle (the OASIS TLP markings are included too).
        if (key.endsWith('_ref') && typeof v === 'string') expect(ids.has(v)).toBe(true);
        if (key.endsWith('_refs') && typeof v === 'string') expect(ids.has(v)).toBe(true);
      });
    }
  });

  it('describes the sender with a node property extension', () => {
    const [bundle] = bundles.map((b) => b.bundle);
    const sender = ofType(bundle, 'identity').find((o) => o.extensions?.[SCAMINTEL_PROPERTIES_EXT]);
    expect(sender).toMatchObject({ name: SAMPLE_SENDER.name, identity_class: 'organization' });
    expect(sender!.extensions![SCAMINTEL_PROPERTIES_EXT]).toEqual({
      extension_type: 'property-extension',
      node_id: 'sg-spf',
      jurisdiction: 'SG',
    });
  });

  it('gives each record an indicator, a sighting and its SCO, all under the record TLP', () => {
    const bundle = bundles[0].bundle;
    const inds = sampleIndicators();
    expect(ofType(bundle, 'indicator')).toHaveLength(inds.length);
    expect(ofType(bundle, 'sighting')).toHaveLength(inds.length);
    const sender = ofType(bundle, 'identity').find((o) => o.extensions?.[SCAMINTEL_PROPERTIES_EXT])!;
    for (const ind of ofType(bundle, 'indicator')) {
      expect(ind).toMatchObject({ pattern_type: 'stix', pattern_version: '2.1', created_by_ref: sender.id });
      expect(() => parsePattern(ind.pattern as string)).not.toThrow();
      expect(ind.object_marking_refs).toHaveLength(1);
      const sighting = ofType(bundle, 'sighting').find((s) => s.sighting_of_ref === ind.id)!;
      expect(sighting).toMatchObject({
        where_sighted_refs: [sender.id],
        created_by_ref: sender.id,
        object_marking_refs: ind.object_marking_refs,
        summary: true,
      });
      expect(Number.isInteger(sighting.count)).toBe(true);
      const fp = (ind.extensions![SCAMINTEL_PROPERTIES_EXT] as { fingerprint: string }).fingerprint;
      const source = inds.find((i) => i.fingerprint === fp)!;
      expect(tlpOfObject(ind)).toBe(source.tlp);
      expect(ind.revoked).toBe(source.revoked);
      expect(ind.valid_from).toBe(new Date(source.firstSeen).toISOString());
    }
    expect(ofType(bundle, 'indicator').filter((o) => o.revoked === true)).toHaveLength(1);
  });

  it('declares each custom SCO type it uses, and only those', () => {
    for (const { bundle } of bundles) {
      const defs = new Set(ofType(bundle, 'extension-definition').map((d) => d.id));
      for (const [type, ext] of Object.entries(CUSTOM_SCO_EXT)) {
        const used = ofType(bundle, type);
        expect(defs.has(ext)).toBe(used.length > 0);
        for (const sco of used) expect(sco.extensions).toEqual({ [ext]: { extension_type: 'new-sco' } });
      }
      expect(defs.has(SCAMINTEL_PROPERTIES_EXT)).toBe(true);
      for (const d of ofType(bundle, 'extension-definition')) {
        expect(d).toMatchObject({
          created_by_ref: expect.stringMatching(/^identity--/),
          version: '1.0.0',
          schema: expect.any(String),
          name: expect.any(String),
        });
        expect((d.extension_types as string[]).every((t) => ['new-sco', 'property-extension'].includes(t))).toBe(true);
      }
    }
  });

  it('can leave the extension definitions out for receivers that validate whole bundles', () => {
    const slim = toStixBundle(sampleIndicators(), SAMPLE_SENDER, { includeExtensionDefinitions: false });
    expect(ofType(slim, 'extension-definition')).toEqual([]);
    expect(slim.objects.filter((o) => o.type !== 'extension-definition')).toEqual(
      bundles[0].bundle.objects.filter((o) => o.type !== 'extension-definition'),
    );
  });

  it('includes exactly the TLP markings in use, plus CLEAR for the descriptive objects', () => {
    const [clearValues, pseudonymised, empty] = bundles.map((b) => b.bundle);
    const markings = (b: StixBundle) =>
      ofType(b, 'marking-definition')
        .map((m) => m.id)
        .sort();
    expect(markings(clearValues)).toEqual([TLP_MARKING_IDS.clear, TLP_MARKING_IDS.green, TLP_MARKING_IDS.amber].sort());
    expect(markings(pseudonymised)).toEqual(markings(clearValues));
    expect(markings(empty)).toEqual([TLP_MARKING_IDS.clear]);
  });

  it('carries no clear value, attribute or narrative of a pseudonymised record', () => {
    const text = JSON.stringify(bundles[1].bundle);
    for (const ind of sampleIndicators()) {
      expect(text).not.toContain(JSON.stringify(ind.value).slice(1, -1));
      expect(text).not.toContain(ind.fingerprint);
    }
    expect(text).not.toContain('Caller claimed');
    expect(text).not.toContain('registrableDomain');
    for (const ind of ofType(bundles[1].bundle, 'indicator'))
      expect(ind.extensions![SCAMINTEL_PROPERTIES_EXT]).not.toHaveProperty('narratives');
    expect(ofType(bundles[1].bundle, 'scamintel-pseudonym')).toHaveLength(sampleIndicators().length);
  });

  it('is deterministic: same records, same ids, same bundle', () => {
    const a = toStixBundle(sampleIndicators(), SAMPLE_SENDER);
    const b = toStixBundle(sampleIndicators(), SAMPLE_SENDER);
    expect(b).toEqual(a);
    expect(toStixBundle(sampleIndicators(), { ...SAMPLE_SENDER, nodeId: 'kr-knpa' }).id).not.toBe(a.id);
    expect(toStixBundle(sampleIndicators().slice(1), SAMPLE_SENDER).id).not.toBe(a.id);
    expect(toStixBundle([], SAMPLE_SENDER, { bundleId: 'bundle--11111111-1111-4111-8111-111111111111' }).id).toBe(
      'bundle--11111111-1111-4111-8111-111111111111',
    );
  });

  it('maps verdicts to indicator_types and keeps scamintel fields in the property extension', () => {
    const [ind] = sampleIndicators();
    const obj = toStixBundle([ind], SAMPLE_SENDER).objects.find((o) => o.type === 'indicator') as StixObject;
    expect(obj.indicator_types).toEqual(['malicious-activity']);
    expect(obj.pattern).toBe("[phone-number:value = '+6591234567']");
    expect(obj.extensions![SCAMINTEL_PROPERTIES_EXT]).toEqual({
      extension_type: 'property-extension',
      indicator_type: 'phone',
      fingerprint: ind.fingerprint,
      verdict: 'scam',
      pseudonymised: false,
      reporters: ind.reporters,
      narratives: ind.narratives,
    });
    expect(obj.labels).toBeUndefined();
  });

  it('refuses records it cannot represent faithfully', () => {
    const [ind] = sampleIndicators();
    const bad = [
      { ...ind, fingerprint: 'f'.repeat(64) },
      { ...ind, type: 'email' as const, value: 'josé@example.com', fingerprint: fingerprint('email', 'josé@example.com') },
      { ...ind, modified: 'yesterday' },
      { ...ind, tlp: 'purple' as never },
    ];
    for (const b of bad) expect(() => toStixBundle([b], SAMPLE_SENDER)).toThrow(StixMappingError);
  });
});
