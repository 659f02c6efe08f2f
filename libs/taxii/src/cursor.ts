import { type CursorPart, decodeCursor as decodeParts, encodeCursor as encodeParts } from '@scamintel/vocabulary';
import { TaxiiError } from './taxii-error';
import { parseMicros } from './timestamps';

/**
 * A row of the export order: `updated_at` as PostgreSQL prints it (microseconds kept) and the fingerprint.
 * The same shape as the exchange's CursorPosition, so it goes straight to ExportRepository.page().
 */
export interface RowPosition {
  at: string;
  fingerprint: string;
}

/**
 * Where a listing continues. A collection lists its fixed objects (identities, extension definitions, TLP
 * markings) first, then each shareable indicator's objects (SCO, indicator, sighting) in `(updated_at,
 * fingerprint)` order. Paging is by object, so a page may end inside an indicator's objects: `partial` names
 * that row and how many of its (filtered) objects were delivered, and `after` is the position just before it.
 */
export type FeedPosition =
  { phase: 'fixed'; index: number } | { phase: 'rows'; after: RowPosition | null; partial?: RowPosition & { delivered: number } };

export const START: FeedPosition = { phase: 'fixed', index: 0 };

/** Everything a `next` value says: which collection and filters it belongs to, and the position. */
export interface CursorState {
  collection: string;
  filters: string;
  position: FeedPosition;
}

type Wire = [1, string, string, 'f', number] | [1, string, string, 'r', string | null, string | null, string?, string?, number?];

/** Opaque to clients (a small array through the shared cursor codec). */
export function encodeCursor(c: CursorState): string {
  const p = c.position;
  const wire: Wire =
    p.phase === 'fixed'
      ? [1, c.collection, c.filters, 'f', p.index]
      : p.partial
        ? [
            1,
            c.collection,
            c.filters,
            'r',
            p.after?.at ?? null,
            p.after?.fingerprint ?? null,
            p.partial.at,
            p.partial.fingerprint,
            p.partial.delivered,
          ]
        : [1, c.collection, c.filters, 'r', p.after?.at ?? null, p.after?.fingerprint ?? null];
  return encodeParts(wire as CursorPart[]);
}

// '' is the fingerprint of a synthetic lower bound (added_after), which sorts before every real fingerprint.
const FINGERPRINT = /^([0-9a-f]{64}|)$/;
const isAt = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && parseMicros(v) !== undefined;
const isFp = (v: unknown): v is string => typeof v === 'string' && FINGERPRINT.test(v);

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1000;
const isDelivered = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 16;

function decodeWire(text: string): CursorState | undefined {
  const v = decodeParts(text);
  if (!v || v[0] !== 1 || typeof v[1] !== 'string' || typeof v[2] !== 'string') return undefined;
  const [, collection, filters, phase] = v;
  const index = v[4];
  if (phase === 'f' && v.length === 5 && isIndex(index)) {
    return { collection, filters, position: { phase: 'fixed', index } };
  }
  if (phase !== 'r' || (v.length !== 6 && v.length !== 9)) return undefined;
  const [afterAt, afterFp] = [v[4], v[5]];
  let after: RowPosition | null = null;
  if (afterAt !== null || afterFp !== null) {
    if (!isAt(afterAt) || !isFp(afterFp)) return undefined;
    after = { at: afterAt, fingerprint: afterFp };
  }
  if (v.length === 6) return { collection, filters, position: { phase: 'rows', after } };
  const [at, fingerprint, delivered] = [v[6], v[7], v[8]];
  if (!isAt(at) || !isFp(fingerprint) || fingerprint === '' || !isDelivered(delivered)) return undefined;
  return { collection, filters, position: { phase: 'rows', after, partial: { at, fingerprint, delivered } } };
}

/** The position of a `next` value, or 400 when it is not one this collection handed out for these filters. */
export function decodeCursor(text: string, collection: string, filters: string): FeedPosition {
  const c = decodeWire(text);
  if (!c)
    throw new TaxiiError('validation_failed', 'next is not a value this server handed out', [
      { path: 'next', message: 'use the "next" of the previous page' },
    ]);
  if (c.collection !== collection || c.filters !== filters) {
    throw new TaxiiError('validation_failed', 'next belongs to another collection or other filters', [
      { path: 'next', message: 'repeat the filters of the request that returned it' },
    ]);
  }
  return c.position;
}
