import type { IndicatorType, Tlp, Verdict } from '@scamintel/vocabulary';

export interface ExchangeIndicator {
  fingerprint: string; // hex sha256 of type+"\n"+value (CONTRACT §5)
  type: IndicatorType;
  value: string; // canonical value, or the HMAC pseudonym (hex) when pseudonymised
  pseudonymised: boolean;
  tlp: Tlp;
  confidence: number; // 0–100
  verdict: Verdict;
  revoked: boolean; // e.g. resolved legitimate by an appeal → STIX `revoked: true`
  firstSeen: string;
  lastSeen: string; // ISO
  sightings: number; // reports count in the sender's jurisdiction
  reporters: number;
  scamTypes: string[];
  attributes: Record<string, unknown>;
  narratives?: string[]; // only when policy.shareNarrative
  modified: string; // ISO, last change (used for STIX `modified`)
}

export interface NodeIdentity {
  nodeId: string;
  jurisdiction: string;
  name?: string;
}
