import { AuditHead } from '@scamintel/audit-core';
import { Item, StructuredFieldError, isInnerList, parseDictionary, serializeDictionary } from './structured-fields';

export type { AuditHead };

/**
 * The pushing node's own audit head travels in this request header, added to the RFC 9421 covered
 * components so it is signed along with the request (see README "Audit-head witnessing").
 */
export const AUDIT_HEAD_HEADER = 'Audit-Head';
export const AUDIT_HEAD_COMPONENT = 'audit-head';

const HEX64 = /^[0-9a-f]{64}$/;

export function isAuditHead(v: unknown): v is AuditHead {
  const h = v as AuditHead;
  return !!h && typeof h === 'object' && Number.isSafeInteger(h.seq) && h.seq >= 0 && typeof h.hash === 'string' && HEX64.test(h.hash);
}

/** Structured Field dictionary: `seq=42, hash="<64 hex>"`. */
export function formatAuditHead(head: AuditHead): string {
  if (!isAuditHead(head)) throw new TypeError('audit head needs a non-negative integer seq and a 64-char lower-case hex hash');
  return serializeDictionary(
    new Map([
      ['seq', { value: head.seq, params: new Map() }],
      ['hash', { value: head.hash, params: new Map() }],
    ]),
  );
}

export function parseAuditHead(value: string | undefined): AuditHead | undefined {
  if (!value) return undefined;
  try {
    const d = parseDictionary(value);
    const seq = d.get('seq'),
      hash = d.get('hash');
    if (!seq || !hash || isInnerList(seq) || isInnerList(hash)) return undefined;
    const head = { seq: (seq as Item).value, hash: (hash as Item).value };
    return isAuditHead(head) ? head : undefined;
  } catch (e) {
    if (e instanceof StructuredFieldError) return undefined;
    throw e;
  }
}
