import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { RedisThrottlerStorage, leaseSize } from './redis-throttler.storage';

/** Two storages on one Redis prefix stand for two API processes of a node (real Redis, as every test uses). */
describe('RedisThrottlerStorage (leases from a shared Redis budget)', () => {
  const redis = [
    new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'),
    new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'),
  ];
  const prefix = `t-throttle-${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    const keys = await redis[0].keys(`${prefix}:*`);
    if (keys.length) await redis[0].del(...keys);
    await Promise.all(redis.map((r) => r.quit()));
  });

  const run = async (limit: number, requests: number, key: string) => {
    const processes = redis.map((r) => new RedisThrottlerStorage(r, prefix));
    const outcomes: boolean[] = [];
    for (let i = 0; i < requests; i++) {
      const r = await processes[i % 2].increment(key, 60_000, limit, 60_000, 'lookup');
      outcomes.push(!r.isBlocked);
      if (r.isBlocked) expect(r.timeToBlockExpire).toBeGreaterThan(0);
    }
    return outcomes;
  };

  it('holds a small limit exactly across processes: the (limit+1)th request is the first refused', async () => {
    expect(leaseSize(10)).toBe(1);
    expect(await run(10, 16, 'small')).toEqual([...Array(10).fill(true), ...Array(6).fill(false)]);
  });

  it('never grants more than a large limit in total, and loses at most a lease per process to leasing', async () => {
    const limit = 1000;
    const lease = leaseSize(limit);
    expect(lease).toBe(10);
    const outcomes = await run(limit, 1300, 'large');
    const allowed = outcomes.filter(Boolean).length;
    expect(allowed).toBeLessThanOrEqual(limit);
    expect(allowed).toBeGreaterThanOrEqual(limit - 2 * (lease - 1));
    expect(Number(await redis[0].get(`${prefix}:rl:lookup:large`))).toBeLessThanOrEqual(limit);
    // Once refused, every later request in the window is refused too.
    expect(outcomes.slice(outcomes.indexOf(false)).every((x) => !x)).toBe(true);
  });

  it('spends a lease without Redis: a busy address costs one round trip per lease', async () => {
    const s = new RedisThrottlerStorage(redis[0], prefix);
    // A spy that calls through to the real script: it only counts the round trips.
    const trips = jest.spyOn(redis[0] as unknown as { rateLimitLease: () => Promise<number[]> }, 'rateLimitLease');
    for (let i = 0; i < 250; i++) expect((await s.increment('busy', 60_000, 100_000, 60_000, 'lookup')).isBlocked).toBe(false);
    expect(leaseSize(100_000)).toBe(100);
    expect(trips).toHaveBeenCalledTimes(3);
    trips.mockRestore();
  });
});
