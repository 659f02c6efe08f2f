import { maxTlpOf, tlpMarkingDefinition, tlpOfMarkingId, tlpOfObject } from './tlp';
import { TLPS, tlpAllowed, tlpRank } from '@scamintel/vocabulary';

describe('TLP helpers', () => {
  it('ranks TLP 2.0 levels from clear to red', () => {
    expect(TLPS.map(tlpRank)).toEqual([0, 1, 2, 3, 4]);
    expect(tlpAllowed('green', 'amber')).toBe(true);
    expect(tlpAllowed('amber', 'amber')).toBe(true);
    expect(tlpAllowed('amber+strict', 'amber')).toBe(false);
    expect(tlpAllowed('amber', 'green')).toBe(false);
  });

  it('writes the marking definitions exactly as OASIS publishes them (tlp-2.0 examples)', () => {
    expect(tlpMarkingDefinition('amber+strict')).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber+strict' },
      },
    });
    expect(tlpMarkingDefinition('clear').id).toBe('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
    expect(tlpMarkingDefinition('green').id).toBe('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb');
    expect(tlpMarkingDefinition('amber').id).toBe('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    expect(tlpMarkingDefinition('red').id).toBe('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
  });

  it('also reads the TLP 1.0 markings of the STIX 2.1 specification', () => {
    expect(tlpOfMarkingId('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9')).toBe('clear');
    expect(tlpOfMarkingId('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed')).toBe('red');
    expect(tlpOfMarkingId('marking-definition--00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('finds the strictest marking of an object and of a bundle, granular markings included', () => {
    const green = tlpMarkingDefinition('green').id,
      amber = tlpMarkingDefinition('amber').id,
      red = tlpMarkingDefinition('red').id;
    expect(tlpOfObject({ type: 'indicator', id: 'indicator--x', object_marking_refs: [green, amber] })).toBe('amber');
    expect(tlpOfObject({ type: 'indicator', id: 'indicator--x' })).toBeUndefined();
    const bundle = {
      type: 'bundle' as const,
      id: 'bundle--x',
      objects: [
        { type: 'indicator', id: 'indicator--a', object_marking_refs: [green] },
        { type: 'indicator', id: 'indicator--b', granular_markings: [{ marking_ref: red, selectors: ['description'] }] },
      ],
    };
    expect(maxTlpOf(bundle)).toBe('red');
    expect(maxTlpOf({ ...bundle, objects: [bundle.objects[0]] })).toBe('green');
    expect(maxTlpOf({ ...bundle, objects: [] })).toBeUndefined();
  });
});
