import { AppError, ErrorDetail } from '@scamintel/common';

export type WebhooksErrorCode = 'validation_failed' | 'invalid_target' | 'not_found';

/** Errors of webhook subscriptions; statuses come from libs/common/src/error-status.ts. */
export class WebhooksError extends AppError<WebhooksErrorCode> {
  readonly domain = 'webhooks';
  constructor(code: WebhooksErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, details);
  }
}
