import fc from 'fast-check';
import { ExchangeIndicator } from '../indicator';
import { SCAMINTEL_PROPERTIES_EXT } from './extensions';
import { fromStixBundle } from './from-bundle';
import { SAMPLE_SENDER, sampleBundles, sampleIndicators } from './samples';
import { toStixBundle } from './to-bundle';
import { TLP_MARKING_IDS } from './tlp';
import { StixBundle, StixObject } from './types';
import { IndicatorType, fingerprint } from '@scamintel/vocabulary';

/** What a record looks like after a trip through STIX: timestamps in millisecond UTC, empty narratives gone. */
function normalised(ind: ExchangeIndicator): ExchangeIndicator {
  const iso = (s: string) => new Date(s).toISOString();
  const { narratives, ...rest } = ind;
  return {
    ...rest,
    firstSeen: iso(ind.firstSeen),
    lastSeen: iso(ind.lastSeen),
    modified: iso(ind.modified),
    ...(narratives?.length ? { narratives } : {}),
  };
}
const byFp = (a: ExchangeIndicator, b: ExchangeIndicator) => a.fingerprint.localeCompare(b.fingerprint);
const wire = (b: StixBundle): unknown => JSON.parse(JSON.stringify(b));

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
const host = fc.array(label, { minLength: 2, maxLength: 4 }).map((ls) => ls.join('.'));
const valueOf: Record<IndicatorType, fc.Arbitrary<string>> = {
  phone: fc.stringMatching(/^\+[1-9][0-9]{7,13}$/),
  url: fc
    .tuple(host, fc.string({ unit: fc.constantFrom(...'abc/?=&|{}[]^`"<>\\:@!$\'()*+,;~.-_'.split('')) }))
    .map(([h, p]) => `https://${h}/${p}`),
  domain: host,
  email: fc.tuple(label, host).map(([l, h]) => `${l}@${h}`),
  ip: fc.oneof(
    fc.ipV4(),
    fc.ipV6().filter((v) => !v.includes('.')),
  ),
  bank_account: fc.stringMatching(/^(KR|SG):[0-9]{3,4}:[0-9]{6,14}$/),
  crypto_wallet: fc.stringMatching(/^0x[0-9a-f]{40}$/),
  social_handle: fc
    .tuple(fc.constantFrom('telegram', 'line', 'x'), fc.string({ minLength: 1, unit: 'binary-ascii' }))
    .map(([p, h]) => `${p}:${h}`),
};
const ts = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const indicator: fc.Arbitrary<ExchangeIndicator> = fc
  .record({
    type: fc.constantFrom(...(Object.keys(valueOf) as IndicatorType[])),
    pseudonymised: fc.boolean(),
    hex: fc.stringMatching(/^[0-9a-f]{64}$/),
    tlp: fc.constantFrom('clear' as const, 'green' as const, 'amber' as const),
    confidence: fc.integer({ min: 0, max: 100 }),
    verdict: fc.constantFrom('scam' as const, 'suspicious' as const, 'unknown' as const, 'legitimate' as const),
    revoked: fc.boolean(),
    times: fc.array(ts, { minLength: 3, maxLength: 3 }).map((t) => t.sort()),
    sightings: fc.nat({ max: 1_000_000 }),
    reporters: fc.nat({ max: 10_000 }),
    scamTypes: fc.array(fc.constantFrom('phishing', 'investment', 'job', 'romance'), { maxLength: 3 }),
    attributes: fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,10}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
    narratives: fc.option(fc.array(fc.string(), { maxLength: 2 }), { nil: undefined }),
  })
  .chain((r) => (r.pseudonymised ? fc.constant(r.hex) : valueOf[r.type]).map((value) => ({ r, value })))
  .map(({ r, value }) => ({
    fingerprint: fingerprint(r.type, value),
    type: r.type,
    value,
    pseudonymised: r.pseudonymised,
    tlp: r.tlp,
    confidence: r.confidence,
    verdict: r.verdict,
    revoked: r.revoked,
    firstSeen: r.times[0],
    lastSeen: r.times[2],
    sightings: r.sightings,
    reporters: r.reporters,
    scamTypes: r.scamTypes,
    attributes: r.attributes,
    modified: r.times[1],
    ...(r.narratives ? { narratives: r.narratives } : {}),
  }));

describe('fromStixBundle', () => {
  it('inverts toStixBundle on the samples, sender included', () => {
    const inds = sampleIndicators();
    const read = fromStixBundle(wire(toStixBundle(inds, SAMPLE_SENDER)));
    expect(read.errors).toEqual([]);
    expect(read.sender).toEqual({ id: expect.stringMatching(/^identity--/), ...SAMPLE_SENDER });
    expect(read.indicators.sort(byFp)).toEqual(inds.map(normalised).sort(byFp));
  });

  it('inverts toStixBundle on generated records', () => {
    fc.assert(
      fc.property(fc.uniqueArray(indicator, { selector: (i) => i.fingerprint, maxLength: 6 }), (inds) => {
        const read = fromStixBundle(wire(toStixBundle(inds, SAMPLE_SENDER)));
        expect(read.errors).toEqual([]);
        expect(read.indicators.sort(byFp)).toEqual(inds.map(normalised).sort(byFp));
      }),
      { numRuns: 200 },
    );
  });

  it('does not care about object order', () => {
    const bundle = sampleBundles()[0].bundle;
    fc.assert(
      fc.property(fc.shuffledSubarray(bundle.objects, { minLength: bundle.objects.length }), (objects) => {
        const read = fromStixBundle({ ...bundle, objects });
        expect(read.errors).toEqual([]);
        expect(read.indicators.sort(byFp)).toEqual(sampleIndicators().map(normalised).sort(byFp));
      }),
      { numRuns: 20 },
    );
  });

  describe('is strict about what it needs', () => {
    const [ind] = sampleIndicators();
    const base = toStixBundle([ind, sampleIndicators()[1]], SAMPLE_SENDER);
    const indicatorObj = base.objects.find((o) => o.type === 'indicator')!;
    const edit = (change: (o: StixObject) => StixObject) => ({
      ...base,
      objects: base.objects.map((o) => (o.id === indicatorObj.id ? change(o) : o)),
    });
    const expectRejected = (bundle: unknown, message: RegExp) => {
      const read = fromStixBundle(bundle);
      expect(read.indicators.map((i) => i.fingerprint)).not.toContain(ind.fingerprint);
      expect(read.indicators).toHaveLength(1);
      expect(read.errors).toEqual([{ id: indicatorObj.id, message: expect.stringMatching(message) }]);
    };
    const props = (o: StixObject) => o.extensions![SCAMINTEL_PROPERTIES_EXT];

    it('needs a TLP marking', () =>
      expectRejected(
        edit(({ object_marking_refs: _m, ...o }) => o as StixObject),
        /TLP/,
      ));
    it('needs a STIX pattern it understands', () => {
      expectRejected(
        edit((o) => ({ ...o, pattern_type: 'sigma' })),
        /pattern_type/,
      );
      expectRejected(
        edit((o) => ({ ...o, pattern: "[file:name = 'a']" })),
        /observable/,
      );
      expectRejected(
        edit((o) => ({ ...o, pattern: '[broken' })),
        /pattern/,
      );
    });
    it('needs the fingerprint to match the value', () => {
      expectRejected(
        edit((o) => ({ ...o, pattern: "[phone-number:value = '+6500000000']" })),
        /fingerprint/,
      );
      expectRejected(
        edit((o) => ({ ...o, extensions: { [SCAMINTEL_PROPERTIES_EXT]: { ...props(o), fingerprint: 'f'.repeat(64) } } })),
        /fingerprint/,
      );
      expectRejected(
        edit((o) => ({ ...o, extensions: { [SCAMINTEL_PROPERTIES_EXT]: { ...props(o), indicator_type: 'url' } } })),
        /indicator_type/,
      );
      expectRejected(
        edit((o) => ({ ...o, extensions: { [SCAMINTEL_PROPERTIES_EXT]: { ...props(o), pseudonymised: true } } })),
        /pseudonymised/,
      );
    });
    it('needs the indicator to come from the sender', () =>
      expectRejected(
        edit((o) => ({ ...o, created_by_ref: 'identity--00000000-0000-4000-8000-000000000000' })),
        /sender/,
      ));
    it('needs valid timestamps', () =>
      expectRejected(
        edit((o) => ({ ...o, modified: 'soon' })),
        /modified/,
      ));

    it('rejects what is not a bundle, and flags non-objects', () => {
      expect(fromStixBundle({ type: 'report', objects: [] })).toEqual({ indicators: [], errors: [{ message: 'not a STIX bundle' }] });
      expect(fromStixBundle(null).errors).toHaveLength(1);
      expect(fromStixBundle({ ...base, objects: [...base.objects, 42] }).errors).toEqual([
        { message: `objects[${base.objects.length}] is not a STIX object` },
      ]);
    });

    it('refuses to pick a sender when two nodes claim the bundle', () => {
      const other = toStixBundle([], { nodeId: 'kr-knpa', jurisdiction: 'KR' }).objects[0];
      const read = fromStixBundle({ ...base, objects: [...base.objects, other] });
      expect(read.sender).toBeUndefined();
      expect(read.errors[0].message).toMatch(/more than one/);
    });
  });

  it('keeps the latest version when an object arrives more than once', () => {
    const [ind] = sampleIndicators();
    const older = toStixBundle([ind], SAMPLE_SENDER);
    const newer = toStixBundle([{ ...ind, modified: '2027-01-01T00:00:00.000Z', confidence: 99 }], SAMPLE_SENDER);
    const read = fromStixBundle({ ...newer, objects: [...newer.objects, ...older.objects] });
    expect(read.indicators).toHaveLength(1);
    expect(read.indicators[0]).toMatchObject({ confidence: 99, modified: '2027-01-01T00:00:00.000Z' });
  });

  it('reads a plain STIX indicator from another producer with conservative defaults', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
          created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff',
          created: '2026-01-01T00:00:00.000Z',
          modified: '2026-01-02T00:00:00.000Z',
          indicator_types: ['malicious-activity'],
          pattern: "[domain-name:value = 'evil.example']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00Z',
          object_marking_refs: [TLP_MARKING_IDS.green],
        },
      ],
    };
    const read = fromStixBundle(bundle);
    expect(read.errors).toEqual([]);
    expect(read.sender).toEqual({ id: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff' });
    expect(read.indicators).toEqual([
      {
        fingerprint: fingerprint('domain', 'evil.example'),
        type: 'domain',
        value: 'evil.example',
        pseudonymised: false,
        tlp: 'green',
        confidence: 0,
        verdict: 'scam',
        revoked: false,
        firstSeen: '2026-01-01T00:00:00.000Z',
        lastSeen: '2026-01-02T00:00:00.000Z',
        sightings: 0,
        reporters: 0,
        scamTypes: [],
        attributes: {},
        modified: '2026-01-02T00:00:00.000Z',
      },
    ]);
  });
});
