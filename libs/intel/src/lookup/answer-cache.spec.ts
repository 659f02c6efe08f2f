import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('serves an answer until its TTL has passed, never after', () => {
    const c = new AnswerCache<string>(1000, 10, clock);
    c.store(c.begin(), 'a', 'scam');
    now += 999;
    expect(c.get('a')).toBe('scam');
    now += 1;
    expect(c.get('a')).toBeUndefined();
  });

  it('drops the announced fingerprints, or everything', () => {
    const c = new AnswerCache<string>(60_000, 10, clock);
    for (const k of ['a', 'b', 'c']) c.store(c.begin(), k, k);
    c.invalidate(['a', 'zz']);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 'b', 'c']);
    c.invalidate('all');
    expect(c.size).toBe(0);
  });

  it('does not store a read that overlapped an announcement (it may predate the change)', () => {
    const c = new AnswerCache<string>(60_000, 10, clock);
    const token = c.begin();
    c.invalidate(['other']);
    c.store(token, 'a', 'before the change');
    expect(c.get('a')).toBeUndefined();
    c.store(c.begin(), 'a', 'after');
    expect(c.get('a')).toBe('after');
  });

  it('keeps at most maxEntries, dropping the oldest stored first', () => {
    const c = new AnswerCache<number>(60_000, 3, clock);
    for (let i = 0; i < 5; i++) c.store(c.begin(), `k${i}`, i);
    expect(c.size).toBe(3);
    expect([c.get('k0'), c.get('k1'), c.get('k2'), c.get('k4')]).toEqual([undefined, undefined, 2, 4]);
  });

  it('stores nothing with a TTL of 0 (the cache switched off)', () => {
    const c = new AnswerCache<string>(0, 10, clock);
    expect(c.enabled).toBe(false);
    c.store(c.begin(), 'a', 'x');
    expect(c.get('a')).toBeUndefined();
  });
});
