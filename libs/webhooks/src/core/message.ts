import { randomBytes } from 'node:crypto';
import type { WebhookEventType } from './events';

/** A Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes (192 bits). */
export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** A message id, stable across every retry of one delivery (the `webhook-id` header). */
export const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/** The event body of CONTRACT §12: `{"type","timestamp","data"}`, serialised once so every retry sends the same bytes. */
export const eventBody = (type: WebhookEventType, data: unknown, at: Date) => JSON.stringify({ type, timestamp: at.toISOString(), data });
