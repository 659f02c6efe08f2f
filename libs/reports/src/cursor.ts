import { RequestError } from '@scamintel/common';

export interface ReportCursor {
  receivedAt: string;
  id: string;
}

export function encodeCursor(c: ReportCursor): string {
  return Buffer.from(JSON.stringify([c.receivedAt, c.id])).toString('base64url');
}

export function decodeCursor(s: string): ReportCursor {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (typeof receivedAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(receivedAt)) && /^[0-9a-f-]{36}$/.test(id))
      return { receivedAt, id };
  } catch {
    // fall through to the error below
  }
  throw new RequestError('validation_failed', 'cursor is not valid', [
    { path: 'cursor', message: 'use the value of "next" from the previous page' },
  ]);
}
