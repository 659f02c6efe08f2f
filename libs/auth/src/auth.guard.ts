import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '@scamintel/audit';
import { AuthError, Principal } from '@scamintel/common';
import { ACCESS_KEY, AccessRule } from '@scamintel/common';
import { KeysService } from './keys.service';
import { presentedKey } from './presented-key';

export interface AuthenticatedRequest {
  principal?: Principal;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  url: string;
  method: string;
}

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeysService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.getAllAndOverride<AccessRule[] | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!rules) {
      this.logger.error(`route ${req.method} ${req.url} declares no @Access rule; refused`);
      throw new AuthError('forbidden', 'forbidden');
    }
    const key = presentedKey(req.headers.authorization);
    if (key === undefined) {
      req.principal = { kind: 'public', clientAddress: req.ip };
      if (rules.includes('public')) return true;
      await this.auditFailure(req, 'missing_key');
      throw new AuthError('unauthenticated', 'an API key is required (Authorization: Bearer <key>)', [], { 'WWW-Authenticate': 'Bearer' });
    }
    const principal = await this.keys.resolve(key);
    if (!principal || principal.kind !== 'key') {
      await this.auditFailure(req, 'unknown_or_revoked_key');
      throw new AuthError('unauthenticated', 'unknown or revoked API key', [], { 'WWW-Authenticate': 'Bearer' });
    }
    req.principal = principal;
    if (rules.includes(principal.role)) return true;
    // Purely public routes (lookup, normalise) serve any valid key; routes that list roles refuse the others.
    if (rules.length === 1 && rules[0] === 'public') return true;
    await this.auditFailure(req, 'wrong_role', principal.keyId);
    throw new AuthError('forbidden', `role ${principal.role} may not use this route`);
  }

  private async auditFailure(req: AuthenticatedRequest, reason: string, keyId?: string): Promise<void> {
    // Public callers without a key on keyed routes are noise, not attacks; only presented credentials are audited.
    if (reason === 'missing_key') return;
    await this.audit
      .record({
        actor: keyId ? `key:${keyId}` : `ip:${req.ip}`,
        action: 'auth.failed',
        subject: `${req.method} ${req.url.split('?')[0]}`,
        details: { reason },
      })
      .catch((err: Error) => this.logger.warn(`audit of auth failure failed: ${err.message}`));
  }
}
