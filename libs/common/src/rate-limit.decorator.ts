import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_KEY = 'scamintel:rate-limit';
export type RateLimitName = 'anonymousReports' | 'lookup' | 'appeals';

/**
 * Names the rate limit a route counts against. Limits apply to public (keyless) callers, per client address,
 * and are shared by every API process of the node through Redis.
 */
export const RateLimit = (name: RateLimitName) => SetMetadata(RATE_LIMIT_KEY, name);
