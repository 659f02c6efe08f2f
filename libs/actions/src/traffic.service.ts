import { Injectable, Logger } from '@nestjs/common';
import { isDueToExpire } from '@scamintel/actions-core';
import { AuditService } from '@scamintel/audit';
import { ActionChanges } from './action-changes.service';
import { ActionsQueue } from './actions-queue';
import { ActionsRepository } from './actions.repository';
import { RequestWire, StatusWire } from './crossborder/wire';
import { PartnerCallError, PartnerClient } from './partner-client';

const SYSTEM = { audit: 'system', label: 'system' };

/**
 * The worker's side of actions: expiry of done actions whose lifetime passed, delivery of requests to partners and
 * reports of states back to requesters (both signed, retried by the queue), and the tick that finds what a lost job
 * left undone. Every method takes the time it acts at, so tests can move the clock.
 */
@Injectable()
export class ActionsTrafficService {
  private readonly logger = new Logger(ActionsTrafficService.name);

  constructor(
    private readonly repo: ActionsRepository,
    private readonly changes: ActionChanges,
    private readonly queue: ActionsQueue,
    private readonly partners: PartnerClient,
    private readonly audit: AuditService,
  ) {}

  /** Expires every done action of this node whose lifetime has passed at `now`; returns how many. */
  async expireDue(now = new Date()): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = await this.repo.dueToExpire(now, 500);
      for (const row of due) {
        if (!isDueToExpire(row, now)) continue;
        try {
          await this.changes.apply(row, 'expired', { kind: 'system' }, SYSTEM, 'lifetime reached', now);
          expired++;
        } catch (err) {
          // Released or expired by another worker meanwhile: nothing left to do for this one.
          this.logger.debug(`expiry of ${row.id} skipped: ${(err as Error).message}`);
        }
      }
      if (due.length < 500) return expired;
    }
  }

  /** Re-queues requests not yet delivered and states not yet reported (their jobs may be lost); jobs still queued are not doubled. */
  async relay(): Promise<{ sends: number; reports: number }> {
    const { unsent, unreported } = await this.repo.pendingTraffic(1000);
    for (const id of unsent) await this.queue.send(id);
    for (const r of unreported) await this.queue.report(r.id, r.version);
    return { sends: unsent.length, reports: unreported.length };
  }

  async send(actionId: string): Promise<'sent' | 'done' | 'failed'> {
    const row = await this.repo.get(actionId);
    if (!row || !row.partner || row.sentAt || row.deliveryError) return 'done';
    const wire: RequestWire = {
      id: row.id,
      kind: row.kind,
      type: row.type,
      value: row.value,
      fingerprint: row.fingerprint,
      reason: row.reason,
      caseRef: row.caseRef,
      expiresInDays: row.expiresInDays,
      requestedAt: new Date(row.createdAt).toISOString(),
    };
    try {
      const { body } = await this.partners.post(row.partner, '/v1/exchange/requests', wire);
      const remoteId = typeof body.id === 'string' ? body.id : null;
      if (!remoteId) throw new PartnerCallError(`${row.partner} answered without the id of its action`, false);
      await this.repo.markSent(row.id, remoteId, new Date());
      await this.audit.record({
        actor: 'system',
        action: 'action.request_sent',
        subject: row.id,
        details: { kind: row.kind, fingerprint: row.fingerprint, partner: row.partner, remoteId },
      });
      return 'sent';
    } catch (err) {
      return this.failed(err, row.id, row.partner, 'action.request_failed', () =>
        this.repo.markDeliveryError(row.id, (err as Error).message),
      );
    }
  }

  async report(actionId: string): Promise<'sent' | 'done' | 'failed'> {
    const row = await this.repo.get(actionId);
    if (!row || !row.fromNode || !row.remoteId || row.reportedVersion >= row.version) return 'done';
    const history = await this.repo.history(row.id);
    const wire: StatusWire = {
      state: row.state,
      version: row.version,
      at: new Date(row.updatedAt).toISOString(),
      note: history[history.length - 1]?.note ?? null,
      assigned: row.assignees.length > 0,
    };
    try {
      await this.partners.post(row.fromNode, `/v1/exchange/requests/${row.remoteId}/status`, wire);
      await this.repo.markReported(row.id, row.version);
      await this.audit.record({
        actor: 'system',
        action: 'action.status_sent',
        subject: row.id,
        details: { to: row.fromNode, remoteId: row.remoteId, state: row.state, version: row.version },
      });
      return 'sent';
    } catch (err) {
      // A refused report (the requester no longer knows the request) will not be accepted by retrying it.
      return this.failed(err, row.id, row.fromNode, 'action.status_failed', () => this.repo.markReported(row.id, row.version));
    }
  }

  private async failed(err: unknown, id: string, partner: string, action: string, giveUp: () => Promise<void>): Promise<'failed'> {
    if (err instanceof PartnerCallError && !err.retryable) {
      await giveUp();
      await this.audit.record({
        actor: 'system',
        action,
        subject: id,
        details: { partner, message: err.message, status: err.status ?? null },
      });
      this.logger.warn(`${action} ${id}: ${err.message}`);
      return 'failed';
    }
    throw err; // retried by the queue with back-off
  }
}
