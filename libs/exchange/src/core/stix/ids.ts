import * as crypto from 'crypto';
import { canonicalJson } from '@scamintel/audit-core';

/** One-shot digest (Node ≥ 20.12): one native call instead of createHash + update + digest per id. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;
/** Parsed namespace UUIDs (there are two in use; the cache only spares re-parsing the hex on every id). */
const namespaces = new Map<string, Buffer>();
/** namespace (16 bytes) + name, written here to hash them in one call; names up to 1024 UTF-16 units fit (≤ 3 bytes each). */
const scratch = Buffer.allocUnsafe(16 + 3 * 1024);

function namespaceBytes(namespace: string): Buffer {
  let ns = namespaces.get(namespace);
  if (!ns) {
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new TypeError(`bad namespace UUID ${namespace}`);
    if (namespaces.size < 64) namespaces.set(namespace, ns);
  }
  return ns;
}

/** Hex SHA-1 of namespace bytes followed by the UTF-8 of name. */
function sha1Hex(ns: Buffer, name: string): string {
  if (oneShot && name.length <= 1024) {
    ns.copy(scratch, 0);
    const n = scratch.write(name, 16, 'utf8');
    return oneShot('sha1', scratch.subarray(0, 16 + n), 'hex');
  }
  return crypto.createHash('sha1').update(ns).update(name, 'utf8').digest('hex');
}

const VARIANT = '89ab';

/** RFC 9562 UUIDv5 (SHA-1, name-based): the same name under the same namespace always gives the same id. */
export function uuidv5(namespace: string, name: string): string {
  const h = sha1Hex(namespaceBytes(namespace), name);
  // Version 5 in the high nibble of byte 6, variant 10xx in the high bits of byte 8 (hex digits 12 and 16).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${VARIANT[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** STIX 2.1 §2.9: SCO ids are UUIDv5 in this namespace over the JCS text of the id-contributing properties. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Ours, for the SDOs and SROs we emit; fixed so every node derives the same ids. */
export const SCAMINTEL_NAMESPACE = '5c82e32d-aa17-4410-a451-a2f66d2e7f03';

const SURROGATE = /[\ud800-\udfff]/;

/**
 * canonicalJson of an object of strings, without its general machinery: members sorted by UTF-16 code units,
 * names and values as JSON.stringify writes them — exactly RFC 8785 for strings. Anything else (a non-string
 * value, any surrogate, which canonicalJson checks for lone ones) goes to canonicalJson itself.
 */
function jcsOfStrings(props: Record<string, string>): string {
  if (Array.isArray(props) || typeof (props as { toJSON?: unknown }).toJSON === 'function') return canonicalJson(props);
  const keys = Object.keys(props);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = props[keys[i]];
    if (typeof v !== 'string' || SURROGATE.test(v)) return canonicalJson(props);
    out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${JSON.stringify(v)}`;
  }
  return `${out}}`;
}

export function scoId(type: string, contributing: Record<string, string>): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, jcsOfStrings(contributing))}`;
}

export const identityId = (nodeId: string): string => `identity--${uuidv5(SCAMINTEL_NAMESPACE, `node:${nodeId}`)}`;
export const indicatorId = (fingerprint: string, nodeId: string): string =>
  `indicator--${uuidv5(SCAMINTEL_NAMESPACE, `${fingerprint}+${nodeId}`)}`;
export const sightingId = (indicatorRef: string, identityRef: string): string =>
  `sighting--${uuidv5(SCAMINTEL_NAMESPACE, `${indicatorRef}+${identityRef}`)}`;
