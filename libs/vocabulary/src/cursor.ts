/**
 * Opaque page cursors: base64url of a small JSON array. Every listing encodes its keyset position with these two
 * functions and checks the decoded parts itself; anything that is not such an array decodes to undefined.
 */
export type CursorPart = string | number | null;

export function encodeCursor(parts: readonly CursorPart[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function decodeCursor(text: string, maxLength = 1000): unknown[] | undefined {
  if (text.length > maxLength || !BASE64URL.test(text)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor of exactly `arity` strings (the usual `[sort key, id]`), or undefined. */
export function decodeStringCursor(text: string, arity: number, maxLength = 1000): string[] | undefined {
  const v = decodeCursor(text, maxLength);
  return v && v.length === arity && v.every((p) => typeof p === 'string') ? (v as string[]) : undefined;
}
