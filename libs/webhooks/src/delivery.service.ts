import { Inject, Injectable, Logger } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { AuditService } from '@scamintel/audit';
import { TargetRefused, postWebhook } from './http-target';
import { WebhooksRepository } from './webhooks.repository';

export type DeliveryOutcome = 'delivered' | 'skipped' | 'retry' | 'failed';

/**
 * One attempt of one delivery (worker). Signed per Standard Webhooks with its reference library: `webhook-id` is the
 * delivery's id on every attempt and replay, `webhook-timestamp` the attempt's time, `webhook-signature` the
 * library's `v1,` HMAC-SHA256 over `id.timestamp.body`. A 2xx is delivered; anything else is retried by the queue
 * with exponential back-off until the last attempt, which fails the event for the subscription's failure run.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async attempt(deliveryId: string, final: boolean): Promise<DeliveryOutcome> {
    const d = await this.repo.delivery(deliveryId);
    if (!d || d.status !== 'pending' || d.subscription.deletedAt || d.subscription.disabledAt) return 'skipped';
    const now = new Date();
    const signature = new Webhook(d.subscription.secret).sign(d.id, now, d.body);
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = (
        await postWebhook(
          d.subscription.url,
          {
            'webhook-id': d.id,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': signature,
            'user-agent': 'scamintel-webhooks',
          },
          d.body,
          { allowPrivate: this.config.webhooks.allowPrivate, timeoutMs: this.config.webhooks.timeoutMs },
        )
      ).status;
    } catch (err) {
      error = err instanceof TargetRefused ? `target refused: ${err.message}` : (err as Error).message;
    }
    const ok = status !== null && status >= 200 && status < 300;
    if (!ok && error === null) error = `answered ${status}`;
    // A target that is refused (now private) will not become public by retrying.
    const last = final || error?.startsWith('target refused') === true;
    const { disabled } = await this.repo.recordAttempt(
      deliveryId,
      { ok, status, error, final: !ok && last },
      this.config.webhooks.disableAfter,
    );
    if (disabled) {
      this.logger.warn(`webhook subscription ${d.subscriptionId} disabled after repeated failures`);
      await this.audit.record({
        actor: 'system',
        action: 'webhook.disabled',
        subject: d.subscriptionId,
        details: { afterFailures: this.config.webhooks.disableAfter, lastError: error },
      });
    }
    return ok ? 'delivered' : last ? 'failed' : 'retry';
  }
}
