import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import Redis from 'ioredis';

/**
 * Fixed-window counter in Redis, shared by every API process of a node, from which each process takes its hits
 * in leases: one atomic script grants up to `want` hits of what is left of the window's limit (none once it is
 * spent, and then blocks the key for the block duration). A process spends its lease locally, so a busy address
 * costs one Redis round trip per lease instead of one per request, and the total granted across all processes
 * never exceeds the limit. A lease unspent when its window ends is lost, which only makes the limit stricter.
 * Returns { granted, windowMs, blockedMs, hits }.
 */
const LEASE = `
local blocked = redis.call('PTTL', KEYS[2])
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
if blocked > 0 then return {0, redis.call('PTTL', KEYS[1]), blocked, hits} end
local grant = math.min(tonumber(ARGV[4]), tonumber(ARGV[2]) - hits)
if grant <= 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {0, redis.call('PTTL', KEYS[1]), tonumber(ARGV[3]), hits}
end
hits = redis.call('INCRBY', KEYS[1], grant)
if hits == grant then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {grant, redis.call('PTTL', KEYS[1]), 0, hits}
`;

type LeaseRedis = Redis & {
  rateLimitLease(counter: string, blocked: string, ttlMs: number, limit: number, blockMs: number, want: number): Promise<number[]>;
};

interface Lease {
  left: number;
  hits: number;
  windowEnds: number;
  blockedUntil: number;
}

/**
 * Hits per lease: 1% of the limit, between 1 and 100. Small limits (an address's 10 anonymous reports) stay
 * exact to the hit; a large one loses at most 1% per process to leases unspent at the window's end.
 */
export const leaseSize = (limit: number) => Math.max(1, Math.min(100, Math.floor(limit / 100)));

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly leases = new Map<string, Lease>();
  private readonly redis: LeaseRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly clock: () => number = Date.now,
  ) {
    if (!('rateLimitLease' in redis)) redis.defineCommand('rateLimitLease', { numberOfKeys: 2, lua: LEASE });
    this.redis = redis as LeaseRedis;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:rl:${throttlerName}:${key}`;
    const now = this.clock();
    let lease = this.leases.get(base);
    if (!lease || (lease.left === 0 && lease.blockedUntil <= now) || lease.windowEnds <= now) {
      const [granted, windowMs, blockedMs, hits] = await this.redis.rateLimitLease(
        base,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration || ttl,
        leaseSize(limit),
      );
      this.sweep(now);
      lease = { left: granted, hits, windowEnds: now + Math.max(0, windowMs), blockedUntil: granted ? 0 : now + blockedMs };
      this.leases.set(base, lease);
    }
    const seconds = (at: number) => Math.max(0, Math.ceil((at - now) / 1000));
    if (lease.left === 0)
      return {
        totalHits: Math.max(lease.hits, limit + 1),
        timeToExpire: seconds(lease.windowEnds),
        isBlocked: true,
        timeToBlockExpire: Math.max(1, seconds(lease.blockedUntil)),
      };
    lease.left--;
    return { totalHits: lease.hits - lease.left, timeToExpire: seconds(lease.windowEnds), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Drops leases whose window and block have both ended, now and then, so idle addresses are not kept. */
  private sweep(now: number): void {
    if (this.leases.size < 10_000) return;
    for (const [k, l] of this.leases) if (l.windowEnds <= now && l.blockedUntil <= now) this.leases.delete(k);
  }
}
