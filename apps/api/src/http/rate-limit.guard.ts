import { ExecutionContext, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler/dist/throttler.guard.interface';
import { RATE_LIMIT_KEY, RateLimitName, RequestError } from '@scamintel/common';

/**
 * Applies only the limit a route names with @RateLimit, and only to keyless callers: keyed organisations are
 * accountable through their key. The tracker is the client address Fastify resolved (the socket's, or the
 * forwarded one when the immediate peer is a configured proxy).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(p: ThrottlerRequest): Promise<boolean> {
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_KEY, [
      p.context.getHandler(),
      p.context.getClass(),
    ]);
    if (name !== p.throttler.name) return true;
    const req = p.context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (req.headers.authorization) return true;
    return super.handleRequest(p);
  }

  /**
   * One counter per limit and address, whatever the route: the report form and POST /v1/reports share the
   * anonymous-report limit, the check page and GET /v1/lookup the lookup limit (the library's default counts per route).
   */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}-${tracker}`).digest('hex');
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return String(req.ip);
  }

  protected override async throwThrottlingException(_ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire || detail.timeToExpire);
    throw new RequestError('rate_limited', 'too many requests from this address; retry later', [], { 'Retry-After': String(seconds) });
  }
}
