import type { JobsOptions } from 'bullmq';
import { AppConfig } from '@scamintel/config';

export interface PushJobData {
  partnerNodeId: string;
}

/** One push job per partner at a time: BullMQ ignores an add whose jobId is waiting, delayed or active. */
export const pushJobId = (partnerNodeId: string) => `push-${partnerNodeId}`;

/**
 * Retries with exponential backoff while the partner is down or slow (retryBaseMs, 2×, 4×, … over 8 attempts);
 * after that the job is dropped and the next scheduled run starts over from the stored cursor.
 */
export function pushJobOptions(config: AppConfig, partnerNodeId: string): JobsOptions {
  return {
    jobId: pushJobId(partnerNodeId),
    attempts: 8,
    backoff: { type: 'exponential', delay: config.exchange.retryBaseMs },
    removeOnComplete: true,
    removeOnFail: true,
  };
}
