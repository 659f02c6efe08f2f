import { AppError, ErrorDetail, WebhooksErrorCode } from '@scamintel/common';

/** Errors of webhook subscriptions; their statuses are in libs/common/src/error-status.ts. */
export class WebhooksError extends AppError<WebhooksErrorCode> {
  readonly domain = 'webhooks';
  constructor(code: WebhooksErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, details);
  }
}
