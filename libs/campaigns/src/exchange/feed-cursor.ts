/**
 * The cursor of GET /v1/exchange/campaigns, opaque to the partner: the last co-occurrence link sequence it was
 * served and the digest of the campaign set it holds. The server keeps no state per puller: a page carries the
 * whole campaign set only when its digest differs from the cursor's, then the links after the sequence.
 */
export interface FeedCursor {
  seq: string;
  /** SHA-256 hex of the campaign set last served; null = none yet. */
  digest: string | null;
}

const PREFIX = 'c1';

export function encodeFeedCursor(c: FeedCursor): string {
  return Buffer.from(`${PREFIX}:${c.seq}:${c.digest ?? '-'}`, 'utf8').toString('base64url');
}

/** The cursor, or undefined when the text is not one this node issued (the route answers 400). */
export function decodeFeedCursor(text: string): FeedCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  const m = /^c1:(0|[1-9][0-9]{0,18}):(-|[0-9a-f]{64})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!m || BigInt(m[1]) > 9223372036854775807n) return undefined;
  return { seq: m[1], digest: m[2] === '-' ? null : m[2] };
}
