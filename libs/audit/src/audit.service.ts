import { Injectable } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { ChainedEntry, VerifyResult, verifyChain } from './core';

export interface AuditRecord {
  actor: string;
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  record(r: AuditRecord): Promise<ChainedEntry> {
    return this.repo.append({ actor: r.actor, action: r.action, subject: r.subject, details: r.details ?? {} });
  }

  head(): Promise<{ seq: number; hash: string }> {
    return this.repo.head();
  }

  page(afterSeq: number, limit: number): Promise<ChainedEntry[]> {
    return this.repo.page(afterSeq, limit);
  }

  /** Checks the chain's own links, then that every head a partner signed for us is still in it unchanged. */
  async verify(): Promise<VerifyResult> {
    const [entries, witnessed] = await Promise.all([this.repo.all(), this.repo.witnessedHeads()]);
    return verifyChain(
      entries,
      witnessed.map((w) => ({ seq: w.seq, hash: w.hash })),
    );
  }

  witness(partnerNodeId: string, head: { seq: number; hash: string }, receipt: unknown): Promise<void> {
    return this.repo.saveWitnessedHead(partnerNodeId, head, receipt);
  }

  rememberPartnerHead(partnerNodeId: string, head: { seq: number; hash: string }): Promise<void> {
    return this.repo.savePartnerHead(partnerNodeId, head);
  }
}
