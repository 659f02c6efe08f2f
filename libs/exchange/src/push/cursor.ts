import { decodeStringCursor, encodeCursor as encodeParts, isFingerprint } from '@scamintel/vocabulary';
import { CursorPosition } from '../partners/partners.repository';

/** timestamptz as PostgreSQL prints it (ISO DateStyle), e.g. `2026-11-20 10:00:00.123456+00`. */
const PG_TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d){0,2}|Z)$/;

/** Opaque cursor for routes and logs: `[updated_at text, fingerprint]`. */
export function encodeCursor(c: CursorPosition): string {
  return encodeParts([c.at, c.fingerprint]);
}

/** undefined when the text is not a cursor this node wrote. */
export function decodeCursor(s: string): CursorPosition | undefined {
  const [at, fingerprint] = decodeStringCursor(s, 2, 400) ?? [];
  return at !== undefined && PG_TIMESTAMP.test(at) && isFingerprint(fingerprint) ? { at, fingerprint } : undefined;
}
