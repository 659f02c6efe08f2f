import { Injectable } from '@nestjs/common';
import { PartnersRepository } from '../partners/partners.repository';
import type { PushSummary } from '../push/push-run';
import { PushError, PushService } from '../push/push.service';
import { PullError, PullService, PullSummary } from './pull.service';

export interface ExchangeRunSummary {
  push?: PushSummary;
  pull?: PullSummary;
}

/** True for a failure that waits for the next scheduled run instead of BullMQ's backoff. */
export const isFinalFailure = (err: unknown) => (err instanceof PushError || err instanceof PullError) && !err.retryable;

/**
 * One exchange with a partner, scheduled or on sync, by its mode (CONTRACT §7): push to its inbox, pull its outbox,
 * or both. With both, each runs even if the other fails; the first failure is then rethrown for the job's retry.
 */
@Injectable()
export class ExchangeRun {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly pushes: PushService,
    private readonly pulls: PullService,
  ) {}

  async run(partnerNodeId: string): Promise<ExchangeRunSummary> {
    const partner = await this.partners.get(partnerNodeId);
    if (!partner) throw new PushError('unknown_partner', `no partner ${partnerNodeId}`, false);
    const [push, pull] = await Promise.allSettled([
      partner.mode === 'pull' ? undefined : this.pushes.push(partnerNodeId),
      partner.mode === 'push' ? undefined : this.pulls.pull(partnerNodeId),
    ]);
    if (push.status === 'rejected') throw push.reason;
    if (pull.status === 'rejected') throw pull.reason;
    return { ...(push.value ? { push: push.value } : {}), ...(pull.value ? { pull: pull.value } : {}) };
  }
}
