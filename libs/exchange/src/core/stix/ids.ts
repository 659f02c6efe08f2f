import { createHash } from 'crypto';
import { canonicalJson } from '../../../../audit/src/core';

/** RFC 9562 UUIDv5 (SHA-1, name-based): the same name under the same namespace always gives the same id. */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new TypeError(`bad namespace UUID ${namespace}`);
  const b = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** STIX 2.1 §2.9: SCO ids are UUIDv5 in this namespace over the JCS text of the id-contributing properties. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Ours, for the SDOs and SROs we emit; fixed so every node derives the same ids. */
export const SCAMINTEL_NAMESPACE = '5c82e32d-aa17-4410-a451-a2f66d2e7f03';

export function scoId(type: string, contributing: Record<string, string>): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

export const identityId = (nodeId: string): string => `identity--${uuidv5(SCAMINTEL_NAMESPACE, `node:${nodeId}`)}`;
export const indicatorId = (fingerprint: string, nodeId: string): string => `indicator--${uuidv5(SCAMINTEL_NAMESPACE, `${fingerprint}+${nodeId}`)}`;
export const sightingId = (indicatorRef: string, identityRef: string): string => `sighting--${uuidv5(SCAMINTEL_NAMESPACE, `${indicatorRef}+${identityRef}`)}`;
