import { createHash } from 'crypto';
import { canonicalJson } from './jcs';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject?: string;
  details: unknown;
}

export interface ChainedEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export type ChainFailureReason =
  'malformed_entry' | 'seq_gap' | 'seq_out_of_order' | 'prev_hash_mismatch' | 'hash_mismatch' | 'truncated' | 'witness_mismatch';

export type VerifyResult = { ok: true; entries: number; head: string } | { ok: false; firstBadSeq: number; reason: ChainFailureReason };

export interface VerifyOptions {
  /** Verify a tail only: the entry just before the first one given, e.g. a head checked earlier. */
  from?: AuditHead;
  /** The last seq the caller knows exists (e.g. a counter kept elsewhere); fewer entries means truncation. */
  expectedLastSeq?: number;
}

/**
 * What gets hashed. A missing and a null subject are the same fact, and a database hands back null, so both
 * are left out; hash and prevHash are left out so the function also accepts a stored row.
 */
export function canonicalEntry(entry: AuditEntry): string {
  const { seq, at, actor, action, subject, details } = entry;
  return canonicalJson({ seq, at, actor, action, ...(subject == null ? {} : { subject }), details: details ?? null });
}

/** hex SHA-256 over the UTF-8 bytes of `prevHash` (64 hex chars) followed by the JCS text of the entry. */
export function computeHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalEntry(entry), 'utf8').digest('hex');
}

/** The next link: entry.seq must be prev.seq + 1 (the caller holds the lock that makes that true). */
export function chainEntry(prev: AuditHead | undefined, entry: AuditEntry): ChainedEntry {
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const expected = (prev?.seq ?? 0) + 1;
  if (entry.seq !== expected) throw new RangeError(`audit: seq ${entry.seq} does not follow ${expected - 1}`);
  return { ...entry, prevHash, hash: computeHash(prevHash, entry) };
}

const HEX64 = /^[0-9a-f]{64}$/;

function isWellFormed(e: ChainedEntry): boolean {
  return (
    Number.isSafeInteger(e.seq) &&
    e.seq > 0 &&
    typeof e.at === 'string' &&
    typeof e.actor === 'string' &&
    typeof e.action === 'string' &&
    HEX64.test(e.prevHash) &&
    HEX64.test(e.hash)
  );
}

type Failure = { ok: false; firstBadSeq: number; reason: ChainFailureReason };

/** Walks the links; `valid` is how many leading entries checked out. */
function checkLinks(entries: ChainedEntry[], from: AuditHead): { valid: number; failure?: Failure } {
  let prev = from;
  const fail = (i: number, firstBadSeq: number, reason: ChainFailureReason) => ({
    valid: i,
    failure: { ok: false as const, firstBadSeq, reason },
  });
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const expected = prev.seq + 1;
    if (!e || typeof e.seq !== 'number') return fail(i, expected, 'malformed_entry');
    // A deleted row shows as a gap; a row moved or duplicated shows as a seq going backwards.
    if (e.seq > expected) return fail(i, expected, 'seq_gap');
    if (e.seq < expected) return fail(i, e.seq, 'seq_out_of_order');
    if (!isWellFormed(e)) return fail(i, e.seq, 'malformed_entry');
    if (e.prevHash !== prev.hash) return fail(i, e.seq, 'prev_hash_mismatch');
    let hash: string;
    try {
      hash = computeHash(e.prevHash, e);
    } catch {
      return fail(i, e.seq, 'malformed_entry');
    }
    if (hash !== e.hash) return fail(i, e.seq, 'hash_mismatch');
    prev = { seq: e.seq, hash: e.hash };
  }
  return { valid: entries.length };
}

/**
 * Heads a partner signed for us are the only defence against a chain recomputed from an edited row onwards:
 * such a chain is self-consistent, but no longer holds the hash the partner saw at that seq.
 * Only the leading entries that passed checkLinks are consulted; `complete` says whether that is all of them.
 */
function checkWitnesses(valid: ChainedEntry[], from: AuditHead, complete: boolean, witnessed: AuditHead[]): Failure | undefined {
  const lastSeq = from.seq + valid.length;
  for (const w of [...witnessed].sort((a, b) => a.seq - b.seq)) {
    if (w.seq < from.seq) continue;
    if (w.seq > lastSeq) return complete ? { ok: false, firstBadSeq: lastSeq + 1, reason: 'truncated' } : undefined;
    const hash = w.seq === from.seq ? from.hash : valid[w.seq - from.seq - 1].hash;
    if (hash !== w.hash) return { ok: false, firstBadSeq: w.seq, reason: 'witness_mismatch' };
  }
  return undefined;
}

/** `entries` ordered by seq, as read from storage; `witnessed` heads as signed by partners in receipts. */
export function verifyChain(entries: ChainedEntry[], witnessed: AuditHead[] = [], opts: VerifyOptions = {}): VerifyResult {
  const from = opts.from ?? { seq: 0, hash: GENESIS_HASH };
  const links = checkLinks(entries, from);
  const failures: Failure[] = [];
  if (links.failure) failures.push(links.failure);
  const witness = checkWitnesses(entries.slice(0, links.valid), from, !links.failure, witnessed);
  if (witness) failures.push(witness);
  const lastSeq = from.seq + entries.length;
  if (!links.failure && opts.expectedLastSeq !== undefined && lastSeq < opts.expectedLastSeq) {
    failures.push({ ok: false, firstBadSeq: lastSeq + 1, reason: 'truncated' });
  }
  // The earliest damage is the useful answer: an edit at seq 3 matters more than a gap it caused at seq 9.
  if (failures.length) return failures.sort((a, b) => a.firstBadSeq - b.firstBadSeq)[0];
  return { ok: true, entries: entries.length, head: entries.length ? entries[entries.length - 1].hash : from.hash };
}
