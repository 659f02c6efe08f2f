import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { AuditService } from '@scamintel/audit';
import { Principal } from '@scamintel/common';
import { ApiKeyRow, KeysRepository } from './keys.repository';
import { generateApiKey, hashApiKey } from './key-material';
import { KeyError } from './key-error';
import { OrgProfile, Role, Trust } from '@scamintel/vocabulary';
import { ProfileInput, checkProfile } from './profile';

interface CachedKey {
  row: ApiKeyRow | undefined;
  at: number;
}

@Injectable()
export class KeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(KeysService.name);
  /** Short-lived cache so a burst of requests does not hit PostgreSQL per request; its TTL bounds revocation delay. */
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly keys: KeysRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapAdminKey) return;
    try {
      if (await this.keys.hasActiveAdmin()) return;
      const row = await this.keys.insert({
        id: randomUUID(),
        role: 'admin',
        organisation: 'bootstrap',
        trust: 'high',
        partnerNodeId: null,
        keyHash: hashApiKey(this.config.bootstrapAdminKey),
      });
      await this.audit.record({
        actor: 'system',
        action: 'key.created',
        subject: row.id,
        details: { role: 'admin', organisation: 'bootstrap', bootstrap: true },
      });
    } catch (err) {
      // A racing second process may have inserted the same key; that is the outcome we wanted.
      this.logger.warn(`bootstrap admin key not registered: ${(err as Error).message}`);
    }
  }

  async create(
    actor: string,
    input: { role: Role; organisation: string; trust?: Exclude<Trust, 'anonymous'>; partnerNodeId?: string } & ProfileInput,
  ): Promise<{ id: string; key: string; row: ApiKeyRow }> {
    if (input.role === 'partner' && !input.partnerNodeId)
      throw new KeyError('validation_failed', 'a partner key needs partnerNodeId', [
        { path: 'partnerNodeId', message: 'required for role partner' },
      ]);
    const { profile, problems } = checkProfile(input.role, input);
    if (problems.length) throw new KeyError('validation_failed', 'the organisation profile is not valid', problems);
    const key = generateApiKey();
    const row = await this.keys.insert({
      id: randomUUID(),
      role: input.role,
      organisation: input.organisation,
      trust: input.trust ?? 'medium',
      partnerNodeId: input.partnerNodeId ?? null,
      keyHash: hashApiKey(key),
      profile,
    });
    await this.audit.record({
      actor,
      action: 'key.created',
      subject: row.id,
      details: { role: row.role, organisation: row.organisation, trust: row.trust, ...(profile.sector ? { profile } : {}) },
    });
    return { id: row.id, key, row };
  }

  async revoke(actor: string, id: string): Promise<ApiKeyRow> {
    const row = await this.keys.revoke(id);
    if (!row) throw new KeyError('not_found', 'no such key');
    this.cache.clear();
    await this.audit.record({ actor, action: 'key.revoked', subject: id, details: { role: row.role, organisation: row.organisation } });
    return row;
  }

  list(): Promise<ApiKeyRow[]> {
    return this.keys.list();
  }

  /** Every organisation with a stated sector (active reporter keys), with its profile: what actions are routed by. */
  async organisations(): Promise<{ keyId: string; organisation: string; profile: OrgProfile }[]> {
    return (await this.keys.organisations()).map((r) => ({ keyId: r.id, organisation: r.organisation, profile: profileOf(r) }));
  }

  /** Resolves a presented key to its principal, or undefined when it is unknown or revoked. */
  async resolve(key: string): Promise<Principal | undefined> {
    const hash = hashApiKey(key);
    return this.principalOf(await this.cached(hash, () => this.keys.findActiveByHash(hash)));
  }

  /**
   * The principal of a key still active, by its id: how a console session, which holds the key's id and never
   * the key, learns within the same cache TTL as a request with the key that the key was revoked.
   */
  async activeById(keyId: string): Promise<Principal | undefined> {
    return this.principalOf(await this.cached(`id:${keyId}`, () => this.keys.findActiveById(keyId)));
  }

  private async cached(cacheKey: string, load: () => Promise<ApiKeyRow | undefined>): Promise<ApiKeyRow | undefined> {
    const now = Date.now();
    let cached = this.cache.get(cacheKey);
    if (!cached || now - cached.at > this.config.keyCacheTtlMs) {
      cached = { row: await load(), at: now };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(cacheKey, cached);
    }
    return cached.row;
  }

  private principalOf(row: ApiKeyRow | undefined): Principal | undefined {
    if (!row) return undefined;
    return {
      kind: 'key',
      keyId: row.id,
      role: row.role,
      organisation: row.organisation,
      trust: row.trust,
      partnerNodeId: row.partnerNodeId ?? undefined,
      profile: profileOf(row),
    };
  }
}

const profileOf = (r: ApiKeyRow): OrgProfile => ({
  sector: r.sector,
  bankCodes: r.bankCodes,
  platforms: r.platforms,
  jurisdiction: r.jurisdiction,
});
