import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { KeysService } from '@scamintel/auth';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { ConsoleSession } from './session-request';
import { SessionsRepository } from './sessions.repository';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** A touch per minute at most keeps the idle clock right without a write on every page. */
const TOUCH_EVERY_MS = 60_000;

export type SignIn = { ok: true; cookieValue: string; session: ConsoleSession } | { ok: false; reason: 'unknown_key' | 'not_analyst' };

/** Equal-length constant-time comparison of two tokens. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Console sessions: opened with an analyst key, kept server-side, referenced by a random cookie value. Every
 * request re-checks the key by id through the key cache, so a revoked key (or one no longer an analyst's) ends its
 * sessions within the cache's TTL, in every API process.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly repo: SessionsRepository,
    private readonly keys: KeysService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlMs(): number {
    return this.config.web.sessionTtlMs;
  }

  async signIn(key: string, clientAddress: string): Promise<SignIn> {
    const principal = key ? await this.keys.resolve(key) : undefined;
    if (!principal || principal.kind !== 'key') {
      await this.auditFailure(`ip:${clientAddress}`, 'unknown_or_revoked_key');
      return { ok: false, reason: 'unknown_key' };
    }
    // Separation of duties (CONTRACT §3): only analysts work the console; an admin key is not an analyst key.
    if (principal.role !== 'analyst') {
      await this.auditFailure(`key:${principal.keyId}`, 'wrong_role');
      return { ok: false, reason: 'not_analyst' };
    }
    await this.repo.purgeExpired(new Date(Date.now() - this.config.web.sessionIdleMs));
    const cookieValue = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await this.repo.create({
      idHash: sha256(cookieValue),
      keyId: principal.keyId,
      csrf,
      expiresAt: new Date(Date.now() + this.config.web.sessionTtlMs),
    });
    await this.audit.record({ actor: `key:${principal.keyId}`, action: 'console.signed_in', subject: principal.keyId, details: {} });
    return {
      ok: true,
      cookieValue,
      session: { sessionId: sha256(cookieValue), keyId: principal.keyId, organisation: principal.organisation, csrf },
    };
  }

  /** The session behind a cookie value, or undefined (unknown, expired, idle too long, or its key revoked). */
  async current(cookieValue: string | undefined): Promise<ConsoleSession | undefined> {
    if (!cookieValue || cookieValue.length > 100) return undefined;
    const idHash = sha256(cookieValue);
    const row = await this.repo.find(idHash);
    if (!row) return undefined;
    const now = Date.now();
    if (row.expiresAt.getTime() <= now || now - row.lastSeenAt.getTime() > this.config.web.sessionIdleMs) {
      await this.repo.delete(idHash);
      return undefined;
    }
    const principal = await this.keys.activeById(row.keyId);
    if (!principal || principal.kind !== 'key' || principal.role !== 'analyst') {
      await this.repo.deleteForKey(row.keyId);
      return undefined;
    }
    if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.repo.touch(idHash);
    return { sessionId: idHash, keyId: row.keyId, organisation: principal.organisation, csrf: row.csrf };
  }

  async signOut(session: ConsoleSession): Promise<void> {
    await this.repo.delete(session.sessionId);
    await this.audit.record({ actor: `key:${session.keyId}`, action: 'console.signed_out', subject: session.keyId, details: {} });
  }

  private async auditFailure(actor: string, reason: string): Promise<void> {
    await this.audit.record({ actor, action: 'auth.failed', subject: 'POST /console/sign-in', details: { reason } });
  }
}
