import { AppError, ErrorDetail } from '@scamintel/common';

export type CampaignsErrorCode = 'validation_failed' | 'not_found' | 'not_an_indicator' | 'conflict';

/** Errors of campaigns; statuses come from libs/common/src/error-status.ts. */
export class CampaignsError extends AppError<CampaignsErrorCode> {
  readonly domain = 'campaigns';
  constructor(code: CampaignsErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, details);
  }
}
