import { type AnswerPiece, answerBody, answerOf, answerTail, resultsBody } from './answer-bytes';
import { type LookupAnswer, rejectedAnswer } from './lookup-answer';

const known: Omit<LookupAnswer, 'query'> = {
  indicator: { type: 'phone', value: '+6581234567', fingerprint: 'f'.repeat(64) },
  verdict: 'scam',
  confidence: 0.82,
  reports: 3,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-12-01T00:00:00.000Z',
  jurisdictions: ['SG'],
  scamTypes: ['phishing'],
  explanation: { jurisdiction: 'SG', rule: 'confirmed', reason: 'three reporters — “high” trust' },
  byJurisdiction: [],
  flags: undefined,
  campaign: { id: '6f1c0b1e-0000-4000-8000-000000000000', reports: 9, jurisdictions: ['KR', 'SG'] },
};

describe('answer bytes', () => {
  it('gives the bytes JSON.stringify({ results }) gives, with queries that need escaping and non-ASCII text', () => {
    const queries = ['+65 8123 4567', 'say "hi"\\ \n\t', 'Ünïcødé 電話 😀', '\u2028\u0000'];
    const tail = answerTail(known);
    const rejected = rejectedAnswer('not a value 😀', 'SG', 'unrecognised', 'no indicator type matches', null);
    const pieces: AnswerPiece[] = [...queries.map((query) => ({ query, tail })), { whole: rejected }];
    const expected = JSON.stringify({ results: [...queries.map((query) => ({ query, ...known })), rejected] });
    const body = resultsBody(pieces);
    expect(body.toString('utf8')).toBe(expected);
    expect(body.length).toBe(Buffer.byteLength(expected));
  });

  it('serialises one answer alone, and reads it back as the object it was', () => {
    const shared: AnswerPiece = { query: 'say "hi" 😀', tail: answerTail(known) };
    const rejected = rejectedAnswer('999', 'SG', 'official_short_code', 'a short code', null);
    expect(answerBody(shared).toString()).toBe(JSON.stringify({ query: 'say "hi" 😀', ...known }));
    expect(answerBody({ whole: rejected }).toString()).toBe(JSON.stringify(rejected));
    expect(answerOf(shared)).toEqual({ query: 'say "hi" 😀', ...known });
    expect(answerOf({ whole: rejected })).toBe(rejected);
  });

  it('serialises one item and none', () => {
    expect(resultsBody([{ query: 'x', tail: answerTail(known) }]).toString()).toBe(JSON.stringify({ results: [{ query: 'x', ...known }] }));
    expect(resultsBody([]).toString()).toBe('{"results":[]}');
  });
});
