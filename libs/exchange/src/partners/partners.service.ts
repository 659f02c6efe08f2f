import { Inject, Injectable, Optional } from '@nestjs/common';
import { VerdictChanges } from '@scamintel/platform';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { isUniqueViolation } from '@scamintel/vocabulary';
import { ExchangeError } from '../exchange-error';
import { encodeCursor } from '../push/cursor';
import { PartnerInput, parsePartnerInput } from './partner-input';
import { PullCursorRepository, PullState } from '../pull/pull-cursor.repository';
import { CursorState, ExchangeStatusRow, PartnerRecord, PartnersRepository } from './partners.repository';

/** What the admin routes and the CLI show of a partner: never the pseudonym key itself. */
export interface PartnerView {
  nodeId: string;
  jurisdiction: string;
  baseUrl: string;
  publicKey: string;
  keyId: string;
  policy: PartnerRecord['policy'];
  hasPseudonymKey: boolean;
  mode: PartnerRecord['mode'];
  createdAt: string;
  updatedAt: string;
  push?: {
    cursor: string | null;
    batches: number;
    indicatorsSent: number;
    lastBatchId: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
  };
  pull?: {
    cursor: string | null;
    pages: number;
    objects: number;
    lastSuccessAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
  };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function partnerView(p: PartnerRecord, cursor?: CursorState, pull?: PullState): PartnerView {
  return {
    nodeId: p.nodeId,
    jurisdiction: p.jurisdiction,
    baseUrl: p.baseUrl,
    publicKey: p.publicKey,
    keyId: p.keyId,
    policy: p.policy,
    hasPseudonymKey: p.pseudonymKey !== null,
    mode: p.mode,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    ...(cursor
      ? {
          push: {
            cursor: cursor.after ? encodeCursor(cursor.after) : null,
            batches: cursor.batches,
            indicatorsSent: cursor.indicatorsSent,
            lastBatchId: cursor.lastBatchId,
            lastSuccessAt: cursor.lastSuccessAt ? new Date(cursor.lastSuccessAt).toISOString() : null,
            lastError: cursor.lastError,
            lastErrorAt: cursor.lastErrorAt ? new Date(cursor.lastErrorAt).toISOString() : null,
          },
        }
      : {}),
    ...(p.mode !== 'push'
      ? {
          pull: {
            cursor: pull?.after ?? null,
            pages: pull?.pages ?? 0,
            objects: pull?.objects ?? 0,
            lastSuccessAt: iso(pull?.lastSuccessAt ?? null),
            lastError: pull?.lastError ?? null,
            lastErrorAt: iso(pull?.lastErrorAt ?? null),
          },
        }
      : {}),
  };
}

function keyChange(before: string | null | undefined, after: string | null): string {
  if (before === after) return after ? 'unchanged' : 'none';
  if (!before) return 'set';
  return after ? 'replaced' : 'removed';
}

@Injectable()
export class PartnersService {
  constructor(
    private readonly repo: PartnersRepository,
    private readonly pulls: PullCursorRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly changes?: VerdictChanges,
  ) {}

  /** Validates (400 with every problem), stores and audits a partner registration or change. */
  async register(actor: string, body: unknown): Promise<{ created: boolean; partner: PartnerView }> {
    const { value, problems } = parsePartnerInput(body, this.config.nodeId);
    if (!value) throw new ExchangeError('validation_failed', 'the partner registration is not valid', problems);
    return this.save(actor, value);
  }

  private async save(actor: string, input: PartnerInput): Promise<{ created: boolean; partner: PartnerView }> {
    let outcome;
    try {
      outcome = await this.repo.upsert(input);
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ExchangeError('conflict', 'another partner is registered with this public key', [
          { path: 'publicKey', message: 'already registered for another node' },
        ]);
      throw e;
    }
    const { created, before, after, cursorReset } = outcome;
    const changed = before
      ? (['jurisdiction', 'baseUrl', 'publicKey', 'policy', 'mode'] as const).filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
        )
      : [];
    if (before && before.pseudonymKey !== after.pseudonymKey) (changed as string[]).push('pseudonymKey');
    // Lookups match a partner's pseudonyms with its key, and registering a former partner again clears the mark on
    // what it sent: answers computed before are dropped in every API process.
    if (created || before?.pseudonymKey !== after.pseudonymKey) await this.changes?.changed('all');
    await this.audit.record({
      actor,
      action: created ? 'partner.created' : 'partner.updated',
      subject: after.nodeId,
      details: {
        jurisdiction: after.jurisdiction,
        baseUrl: after.baseUrl,
        keyId: after.keyId,
        policy: after.policy,
        mode: after.mode,
        pseudonymKey: keyChange(before?.pseudonymKey, after.pseudonymKey),
        ...(before ? { changed, cursorReset, ...(changed.includes('publicKey') ? { previousKeyId: before.keyId } : {}) } : {}),
      },
    });
    return { created, partner: partnerView(after, await this.repo.cursor(after.nodeId), await this.pulls.find(after.nodeId)) };
  }

  /** Ends a partnership (CONTRACT §7): 404 if there is none; audited with how many received records stay. */
  async remove(actor: string, nodeId: string): Promise<{ nodeId: string; endedAt: string; sightingsKept: number }> {
    const out = await this.repo.remove(nodeId);
    if (!out) throw new ExchangeError('not_found', 'no such partner');
    const endedAt = new Date(out.endedAt).toISOString();
    // Every answer holding its sightings now shows them as from a former partner.
    await this.changes?.changed('all');
    await this.audit.record({
      actor,
      action: 'partner.deleted',
      subject: nodeId,
      details: {
        jurisdiction: out.removed.jurisdiction,
        keyId: out.removed.keyId,
        mode: out.removed.mode,
        sightingsKept: out.kept,
        endedAt,
      },
    });
    return { nodeId, endedAt, sightingsKept: out.kept };
  }

  async list(): Promise<PartnerView[]> {
    const pulls = await this.pulls.all();
    return (await this.repo.list()).map((p) => partnerView(p, p.cursor, pulls.get(p.nodeId)));
  }

  async view(nodeId: string): Promise<PartnerView> {
    const p = await this.repo.get(nodeId);
    if (!p) throw new ExchangeError('not_found', 'no such partner');
    return partnerView(p, await this.repo.cursor(nodeId), await this.pulls.find(nodeId));
  }

  /** What crossed the border with each partner, for the analysts' console: never a key, never a value. */
  exchangeStatus(): Promise<ExchangeStatusRow[]> {
    return this.repo.exchangeStatus();
  }

  get(nodeId: string): Promise<PartnerRecord | undefined> {
    return this.repo.get(nodeId);
  }

  all(): Promise<PartnerRecord[]> {
    return this.repo.all();
  }
}
