import { Decision } from '@scamintel/policing';
import { PartnerPolicy, applyOutboundPolicy } from '../core';
import { ExportRow } from './export.repository';
import { narrativeTlps, toCandidate } from './outbound';

const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  fingerprint: 'f'.repeat(64),
  type: 'phone',
  value: '+6581234567',
  attributes: {},
  warninglist: null,
  cursorAt: '2026-11-20 10:00:00.123456+00',
  updatedAt: '2026-11-20T10:00:00.123Z',
  reports: 4,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-19T00:00:00.000Z',
  tlpRank: 1,
  scamTypes: { phishing: 1, impersonation_bank: 3 },
  reporters: 3,
  ...over,
});
const decision = (over: Partial<Decision> = {}): Decision => ({
  verdict: 'scam',
  rule: 'min_reporters(3,medium)',
  reason: '',
  confidence: 62.4,
  flags: [],
  ...over,
});

describe('toCandidate', () => {
  it("builds the record from the node's own aggregates and decision only", () => {
    expect(toCandidate(row(), decision())).toEqual({
      origin: 'local',
      fingerprint: 'f'.repeat(64),
      type: 'phone',
      value: '+6581234567',
      pseudonymised: false,
      tlp: 'green',
      confidence: 62,
      verdict: 'scam',
      revoked: false,
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-19T00:00:00.000Z',
      sightings: 4,
      reporters: 3,
      scamTypes: ['impersonation_bank', 'phishing'],
      attributes: {},
      modified: '2026-11-20T10:00:00.123Z',
    });
  });
  it('maps tlp_rank to TLP (red stays red, so the policy withholds it)', () => {
    const policy: PartnerPolicy = { maxTlp: 'amber', types: ['phone'], minConfidence: 0, pseudonymise: [], shareNarrative: true };
    const tlps = [0, 1, 2, 3, 4].map((tlpRank) => toCandidate(row({ tlpRank }), decision())!.tlp);
    expect(tlps).toEqual(['clear', 'green', 'amber', 'amber+strict', 'red']);
    const out = applyOutboundPolicy(
      [0, 1, 2, 3, 4].map((tlpRank) => ({
        ...toCandidate(row({ tlpRank, fingerprint: String(tlpRank).repeat(64) }), decision())!,
        fingerprint: String(tlpRank).repeat(64),
      })),
      policy,
    );
    expect(out.withheld.map((w) => w.reason)).toEqual(['tlp_amber_strict', 'tlp_red']);
  });
  it('marks an indicator an analyst resolved as legitimate as revoked', () => {
    expect(toCandidate(row(), decision({ verdict: 'legitimate', rule: 'analyst_verdict', confidence: 0 }))).toMatchObject({
      revoked: true,
      verdict: 'legitimate',
    });
    expect(
      toCandidate(row({ warninglist: 'official' }), decision({ verdict: 'legitimate', rule: 'warninglist', confidence: 0 })),
    ).toMatchObject({ revoked: false });
  });
  it('shares nothing for an indicator without a sighting of its own, or without a decision', () => {
    expect(toCandidate(row({ reports: null, tlpRank: null, firstSeen: null, lastSeen: null }), decision())).toBeUndefined();
    expect(toCandidate(row(), undefined)).toBeUndefined();
  });
  it('carries narratives only as given (the policy step drops them unless shared)', () => {
    const c = toCandidate(row(), decision(), ['story'])!;
    expect(c.narratives).toEqual(['story']);
    const policy: PartnerPolicy = { maxTlp: 'amber', types: ['phone'], minConfidence: 0, pseudonymise: [], shareNarrative: false };
    expect(applyOutboundPolicy([c], policy).send[0].narratives).toBeUndefined();
  });
  it('reads narratives only from reports at or below the partner maxTlp', () => {
    expect(narrativeTlps({ maxTlp: 'green' } as PartnerPolicy)).toEqual(['clear', 'green']);
    expect(narrativeTlps({ maxTlp: 'amber' } as PartnerPolicy)).toEqual(['clear', 'green', 'amber']);
  });
});
