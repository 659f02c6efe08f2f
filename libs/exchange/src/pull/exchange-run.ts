import { Injectable } from '@nestjs/common';
import { PartnersRepository } from '../partners/partners.repository';
import type { PushSummary } from '../push/push-run';
import { PushError, PushService } from '../push/push.service';
import { PullError } from './page-reader';
import { PullService, PullSummary } from './pull.service';
import { PullStreams } from './pull-streams';

export interface ExchangeRunSummary {
  push?: PushSummary;
  pull?: PullSummary;
  /** The other streams pulled (PullStreams), by name. */
  streams?: Record<string, object>;
}

/** True for a failure that waits for the next scheduled run instead of BullMQ's backoff. */
export const isFinalFailure = (err: unknown) => (err instanceof PushError || err instanceof PullError) && !err.retryable;

/**
 * One exchange with a partner, scheduled or on sync, by its mode (CONTRACT §7): push to its inbox, pull its outbox,
 * or both; pulling also reads the streams other libraries registered (campaigns). Each runs even if another fails;
 * the first failure is then rethrown for the job's retry (every stream is idempotent, so a retry repeats nothing).
 */
@Injectable()
export class ExchangeRun {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly pushes: PushService,
    private readonly pulls: PullService,
    private readonly streams: PullStreams,
  ) {}

  async run(partnerNodeId: string): Promise<ExchangeRunSummary> {
    const partner = await this.partners.get(partnerNodeId);
    if (!partner) throw new PushError('unknown_partner', `no partner ${partnerNodeId}`, false);
    const pulling = partner.mode !== 'push';
    const streams = pulling ? this.streams.list() : [];
    const [push, pull, ...others] = await Promise.allSettled([
      partner.mode === 'pull' ? undefined : this.pushes.push(partnerNodeId),
      pulling ? this.pulls.pull(partnerNodeId) : undefined,
      ...streams.map((s) => s.pull(partner)),
    ]);
    for (const r of [push, pull, ...others]) if (r.status === 'rejected') throw r.reason;
    const value = <T>(r: PromiseSettledResult<T>) => (r as PromiseFulfilledResult<T>).value;
    return {
      ...(value(push) ? { push: value(push) } : {}),
      ...(value(pull) ? { pull: value(pull) } : {}),
      ...(streams.length ? { streams: Object.fromEntries(streams.map((s, i) => [s.name, value(others[i])])) } : {}),
    };
  }
}
