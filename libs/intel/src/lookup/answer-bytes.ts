import type { LookupAnswer } from './lookup-answer';

/*
 * Lookup answers as bytes. POST /v1/check answers 1,000 values with ~700 KB of JSON: serialising the answer objects
 * on every batch (JSON.stringify, then UTF-8 encoding of the whole string into the socket) was the larger part of a
 * batch's CPU, while the answers themselves are cached per fingerprint. So the cache keeps each answer serialised
 * once, without its query (`tail`), and a body is those bytes joined with each item's query: the same bytes
 * JSON.stringify gives for the answer objects. Bytes rather than objects also keep the cache's tens of thousands of
 * answers out of the garbage collector's marking (one buffer each instead of a dozen objects), which was the longest
 * pause of a loaded API process.
 */

/** One item's answer: shared by fingerprint (`tail`, the item's query to put in front) or one of its own (a rejected value). */
export type AnswerPiece = { query: string; tail: Buffer } | { whole: LookupAnswer };

/** An answer without its query, serialised: its JSON minus the opening brace (`"indicator":…}`). */
export function answerTail(answer: Omit<LookupAnswer, 'query'>): Buffer {
  return Buffer.from(JSON.stringify(answer).slice(1));
}

/** The opening brace, the query and the comma before a tail's first key; or a whole answer. */
const head = (p: AnswerPiece) => ('whole' in p ? JSON.stringify(p.whole) : `{"query":${JSON.stringify(p.query)},`);

/** One answer's JSON (GET /v1/lookup). */
export function answerBody(p: AnswerPiece): Buffer {
  const first = Buffer.from(head(p));
  return 'tail' in p ? Buffer.concat([first, p.tail]) : first;
}

/** One answer as an object, for callers that read it rather than send it. */
export function answerOf(p: AnswerPiece): LookupAnswer {
  return 'whole' in p ? p.whole : (JSON.parse(answerBody(p).toString()) as LookupAnswer);
}

const OPEN = Buffer.from('{"results":[');
const CLOSE = Buffer.from(']}');

/** `{"results":[…]}` with the answers in order, in one buffer (POST /v1/check). */
export function resultsBody(pieces: AnswerPiece[]): Buffer {
  const heads = pieces.map(head);
  let size = OPEN.length + CLOSE.length + Math.max(0, pieces.length - 1);
  pieces.forEach((p, i) => (size += Buffer.byteLength(heads[i]) + ('tail' in p ? p.tail.length : 0)));
  const out = Buffer.allocUnsafe(size);
  let at = OPEN.copy(out, 0);
  pieces.forEach((p, i) => {
    if (i) at = out.writeUInt8(0x2c, at); // ','
    at += out.write(heads[i], at);
    if ('tail' in p) {
      out.set(p.tail, at);
      at += p.tail.length;
    }
  });
  CLOSE.copy(out, at);
  return out;
}
