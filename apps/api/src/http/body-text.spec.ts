import { decodeUtf8, stringProblem, textProblems } from './body-text';

describe('body text', () => {
  it.each([
    ['plain', undefined],
    ['한국어 and 中文 and emoji 😀', undefined],
    ['a\u0000b', 'must not contain U+0000 (NUL)'],
    ['\ud800', 'must be well-formed Unicode (a lone UTF-16 surrogate is not)'],
    ['x\udc00', 'must be well-formed Unicode (a lone UTF-16 surrogate is not)'],
    ['\udc00\ud800', 'must be well-formed Unicode (a lone UTF-16 surrogate is not)'],
  ])('%j → %j', (s, problem) => {
    expect(stringProblem(s)).toBe(problem);
  });

  it('finds bad strings at any depth, in keys as well as values, with contract paths', () => {
    const body = { a: 'ok', indicators: [{ value: 'ok' }, { value: 'x\u0000' }], loss: { ['k\u0000']: 1 }, n: 3, z: null };
    expect(textProblems(body)).toEqual([
      { path: 'indicators[1].value', message: 'must not contain U+0000 (NUL)' },
      { path: 'loss.k\u0000', message: 'the field name: must not contain U+0000 (NUL)' },
    ]);
    expect(textProblems({ q: '\ud83d' }, 'query')).toEqual([{ path: 'query.q', message: expect.any(String) }]);
    expect(textProblems(['\u0000'])).toEqual([{ path: '[0]', message: expect.any(String) }]);
    expect(textProblems({ fine: ['a', { b: 'c' }], n: 1.5, t: true })).toEqual([]);
  });

  it('stops after a bounded number of problems', () => {
    expect(textProblems(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(10);
  });

  it('decodes UTF-8 strictly: invalid sequences are refused, never replaced', () => {
    expect(decodeUtf8(Buffer.from('{"a":"한"}'))).toBe('{"a":"한"}');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x7b, 0x80, 0x7d]])
      expect(decodeUtf8(Buffer.from(bad))).toBeUndefined();
  });
});
