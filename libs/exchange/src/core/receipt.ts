import { KeyObject, sign, verify } from 'crypto';
import { canonicalJson } from '@scamintel/audit-core';
import { AuditHead, isAuditHead } from './audit-head';
import { jwkThumbprint } from './keys';

/**
 * What the receiver answers a push with (CONTRACT §7). `auditHead` is the receiver's own head after logging
 * the receipt; `witness` echoes the head the sender signed into its request, so the sender ends up holding a
 * receiver-signed copy of its own head.
 */
export interface Receipt {
  batchId: string;
  objects: number;
  digest: string;
  receivedAt: string;
  auditHead: AuditHead;
  keyId: string;
  witness?: AuditHead;
  signature: string;
}

export type UnsignedReceipt = Omit<Receipt, 'signature'>;

function signingInput(receipt: UnsignedReceipt | Receipt): Buffer {
  const { signature: _ignored, ...rest } = receipt as Receipt;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

/** base64url Ed25519 signature over the JCS text of the receipt without `signature`. */
export function signReceipt(receipt: UnsignedReceipt, privateKey: KeyObject): string {
  return sign(null, signingInput(receipt), privateKey).toString('base64url');
}

export function buildReceipt(fields: UnsignedReceipt, privateKey: KeyObject): Receipt {
  const unsigned: UnsignedReceipt = {
    ...fields,
    ...(fields.witness ? { witness: { seq: fields.witness.seq, hash: fields.witness.hash } } : {}),
  };
  return { ...unsigned, signature: signReceipt(unsigned, privateKey) };
}

export function isReceipt(v: unknown): v is Receipt {
  const r = v as Receipt;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.batchId === 'string' &&
    Number.isSafeInteger(r.objects) &&
    r.objects >= 0 &&
    typeof r.digest === 'string' &&
    typeof r.receivedAt === 'string' &&
    isAuditHead(r.auditHead) &&
    typeof r.keyId === 'string' &&
    (r.witness === undefined || isAuditHead(r.witness)) &&
    typeof r.signature === 'string'
  );
}

/** True when `receipt` is well-formed, names this key's keyId, and is signed by it (every other member included). */
export function verifyReceipt(receipt: unknown, publicKey: KeyObject): boolean {
  if (!isReceipt(receipt) || !/^[A-Za-z0-9_-]{86}$/.test(receipt.signature)) return false;
  if (receipt.keyId !== jwkThumbprint(publicKey)) return false;
  try {
    return verify(null, signingInput(receipt), publicKey, Buffer.from(receipt.signature, 'base64url'));
  } catch {
    return false;
  }
}

export type ReceiptCheck =
  | { ok: true; receiverHead: AuditHead; witnessed?: AuditHead }
  | { ok: false; reason: 'bad_signature' | 'digest_mismatch' | 'witness_mismatch' };

/**
 * The sender's check of the answer to its push: signed by the partner and about the body it sent. `witness` is
 * optional (CONTRACT §7): without it the batch is still delivered, only the head the sender signed stays
 * unwitnessed; a witness that is there must echo that head (when the caller says which it sent), or the receipt is refused. Only a matching
 * `witnessed` is worth storing as proof of the sender's own log.
 */
export function checkReceipt(receipt: unknown, expected: { publicKey: KeyObject; digest: string; sentHead?: AuditHead }): ReceiptCheck {
  if (!verifyReceipt(receipt, expected.publicKey)) return { ok: false, reason: 'bad_signature' };
  const r = receipt as Receipt;
  if (r.digest !== expected.digest) return { ok: false, reason: 'digest_mismatch' };
  if (r.witness && expected.sentHead && (r.witness.seq !== expected.sentHead.seq || r.witness.hash !== expected.sentHead.hash))
    return { ok: false, reason: 'witness_mismatch' };
  return { ok: true, receiverHead: r.auditHead, ...(r.witness ? { witnessed: r.witness } : {}) };
}
