import { RequestError } from '@scamintel/common';
import { decodeStringCursor, encodeCursor as encodeParts } from '@scamintel/vocabulary';

export interface ReportCursor {
  receivedAt: string;
  id: string;
}

export function encodeCursor(c: ReportCursor): string {
  return encodeParts([c.receivedAt, c.id]);
}

export function decodeCursor(s: string): ReportCursor {
  const [receivedAt, id] = decodeStringCursor(s, 2) ?? [];
  if (receivedAt !== undefined && !Number.isNaN(Date.parse(receivedAt)) && /^[0-9a-f-]{36}$/.test(id)) return { receivedAt, id };
  throw new RequestError('validation_failed', 'cursor is not valid', [
    { path: 'cursor', message: 'use the value of "next" from the previous page' },
  ]);
}
