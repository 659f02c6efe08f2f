import { pseudonym } from '@scamintel/exchange-core';
import { fingerprint } from '@scamintel/vocabulary';
import type { PartnerSighting } from './lookup.repository';

/**
 * What partner nodes sent about this value: its clear fingerprint, or — for types a partner sends
 * pseudonymised — the fingerprint of HMAC(that partner's key, value). A pseudonym matches only a value this
 * node holds or is asked about; the others stay unreadable.
 */
export function partnerFingerprints(keys: { nodeId: string; pseudonymKey: string }[], type: string, value: string): Set<string> {
  const expected = new Set<string>();
  for (const k of keys) {
    try {
      expected.add(`${k.nodeId}\u0000${fingerprint(type as never, pseudonym(k.pseudonymKey, value))}`);
    } catch {
      // a key too short to use matches nothing
    }
  }
  return expected;
}

/** Keeps the partner rows that really are about this value: its clear record, or a partner's own pseudonym. */
export function matchingPartners(rows: PartnerSighting[], expected: Set<string>, type: string, fp: string): PartnerSighting[] {
  return rows.filter((r) =>
    r.pseudonymised ? expected.has(`${r.sourceNode}\u0000${r.fingerprint}`) : r.fingerprint === fp && r.type === type,
  );
}
