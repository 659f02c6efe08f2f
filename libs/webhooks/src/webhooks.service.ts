import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { AuditService } from '@scamintel/audit';
import { EventScope, WebhookEventType, WebhookFilter, eventBody, matches, newMessageId, newSecret } from '@scamintel/webhooks-core';
import { DeliveryQueue } from './delivery-queue';
import { checkTarget } from './http-target';
import { WebhooksError } from './webhooks-error';
import { DeliveryRow, SubscriptionRow, WebhooksRepository } from './webhooks.repository';

export interface SubscriptionOwner {
  keyId: string;
  actor: string;
}

const view = (s: SubscriptionRow) => ({
  id: s.id,
  url: s.url,
  events: s.events,
  filter: s.filter,
  status: s.disabledAt ? ('disabled' as const) : ('active' as const),
  failures: s.failures,
  createdAt: new Date(s.createdAt).toISOString(),
  disabledAt: s.disabledAt ? new Date(s.disabledAt).toISOString() : null,
  disabledReason: s.disabledReason,
});

const deliveryView = (d: DeliveryRow) => ({
  id: d.id,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: new Date(d.createdAt).toISOString(),
  lastAttemptAt: d.lastAttemptAt ? new Date(d.lastAttemptAt).toISOString() : null,
  deliveredAt: d.deliveredAt ? new Date(d.deliveredAt).toISOString() : null,
});

/**
 * Subscriptions (per API key) and the public emit API other libs call when something happens: actions now,
 * verdict changes from the feed refresh, campaigns (`emit('campaign.updated', data, { analystsOnly })`).
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly queue: DeliveryQueue,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async subscribe(who: SubscriptionOwner, input: { url: string; events: WebhookEventType[]; filter?: WebhookFilter }) {
    const target = await checkTarget(input.url, this.config.webhooks.allowPrivate);
    if ('code' in target)
      throw new WebhooksError('invalid_target', `webhook target refused: ${target.message}`, [{ path: 'url', message: target.message }]);
    const secret = newSecret();
    const row = await this.repo.insert({
      id: randomUUID(),
      keyId: who.keyId,
      url: target.url.toString(),
      events: [...new Set(input.events)],
      filter: input.filter ?? null,
      secret,
    });
    await this.audit.record({
      actor: who.actor,
      action: 'webhook.subscribed',
      subject: row.id,
      details: { url: row.url, events: row.events },
    });
    return { ...view(row), secret };
  }

  async list(keyId: string) {
    return (await this.repo.ofKey(keyId)).map(view);
  }

  private async own(keyId: string, id: string): Promise<SubscriptionRow> {
    const row = await this.repo.get(id);
    if (!row || row.keyId !== keyId || row.deletedAt) throw new WebhooksError('not_found', 'no such subscription');
    return row;
  }

  async remove(who: SubscriptionOwner, id: string): Promise<void> {
    if (!(await this.repo.remove(id, who.keyId))) throw new WebhooksError('not_found', 'no such subscription');
    await this.audit.record({ actor: who.actor, action: 'webhook.deleted', subject: id });
  }

  async deliveries(keyId: string, id: string, limit: number) {
    await this.own(keyId, id);
    return (await this.repo.deliveries(id, limit)).map(deliveryView);
  }

  /** Sends again, with the same webhook-ids: the given deliveries, those since a time, or else every failed one; re-enables. */
  async replay(who: SubscriptionOwner, id: string, filter: { ids?: string[]; since?: Date }) {
    await this.own(who.keyId, id);
    const ids = await this.repo.replay(id, filter);
    await this.queue.enqueue(ids);
    await this.audit.record({ actor: who.actor, action: 'webhook.replayed', subject: id, details: { deliveries: ids.length } });
    return { replayed: ids.length, deliveries: ids };
  }

  /**
   * Records one delivery per matching subscription and queues them; returns how many. Never throws: an event that
   * cannot be recorded is logged (the change it reports is already committed and must not fail because of a hook).
   */
  async emit(type: WebhookEventType, data: unknown, scope: EventScope = {}, at = new Date()): Promise<number> {
    try {
      const subs = (await this.repo.activeFor(type)).filter((s) => matches(s, type, scope));
      if (!subs.length) return 0;
      const body = eventBody(type, data, at);
      const rows = subs.map((s) => ({ id: newMessageId(), subscriptionId: s.id, type, body }));
      await this.repo.addDeliveries(rows);
      await this.queue.enqueue(rows.map((r) => r.id));
      return rows.length;
    } catch (err) {
      this.logger.warn(`webhook event ${type} not recorded: ${(err as Error).message}`);
      return 0;
    }
  }
}
