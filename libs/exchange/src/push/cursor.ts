import { CursorPosition } from '../partners/partners.repository';

const FINGERPRINT = /^[0-9a-f]{64}$/;
/** timestamptz as PostgreSQL prints it (ISO DateStyle), e.g. `2026-11-20 10:00:00.123456+00`. */
const PG_TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d){0,2}|Z)$/;

/** Opaque cursor for routes and logs: base64url of `[updated_at text, fingerprint]`. */
export function encodeCursor(c: CursorPosition): string {
  return Buffer.from(JSON.stringify([c.at, c.fingerprint]), 'utf8').toString('base64url');
}

/** undefined when the text is not a cursor this node wrote. */
export function decodeCursor(s: string): CursorPosition | undefined {
  try {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(s)) return undefined;
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2) return undefined;
    const [at, fingerprint] = v;
    if (typeof at !== 'string' || !PG_TIMESTAMP.test(at) || typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint))
      return undefined;
    return { at, fingerprint };
  } catch {
    return undefined;
  }
}
