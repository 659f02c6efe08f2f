import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { dateTime } from '@scamintel/common';

@ApiSchema({ description: 'A job without its payload: an admin key reads no reports.' })
export class QueueJob {
  @ApiProperty()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['failed', 'active', 'waiting', 'delayed', 'completed'] })
  state: string;

  @ApiProperty({ type: 'integer' })
  attemptsMade: number;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty(dateTime(undefined, true))
  enqueuedAt: string | null;

  @ApiProperty(dateTime(undefined, true))
  processedAt: string | null;

  @ApiProperty(dateTime(undefined, true))
  finishedAt: string | null;

  @ApiProperty(dateTime(undefined, true))
  delayUntil: string | null;

  @ApiProperty({ type: String, nullable: true })
  failedReason: string | null;
}

export class QueueCounts {
  @ApiProperty({ type: 'integer' })
  waiting: number;

  @ApiProperty({ type: 'integer' })
  active: number;

  @ApiProperty({ type: 'integer' })
  delayed: number;

  @ApiProperty({ type: 'integer' })
  failed: number;

  @ApiProperty({ type: 'integer' })
  completed: number;

  @ApiProperty({ type: 'integer' })
  prioritized: number;

  @ApiProperty({ type: 'integer', name: 'waiting-children' })
  waitingChildren: number;
}

export class QueueSummary {
  @ApiProperty()
  name: string;

  @ApiProperty()
  paused: boolean;

  @ApiProperty({ type: () => QueueCounts })
  counts: QueueCounts;

  @ApiProperty({ type: () => [QueueJob] })
  jobs: QueueJob[];
}

export class QueueOverview {
  @ApiProperty()
  nodeId: string;

  @ApiProperty(dateTime())
  generatedAt: string;

  @ApiProperty({ type: () => [QueueSummary] })
  queues: QueueSummary[];
}

export class QueueJobs {
  @ApiProperty()
  queue: string;

  @ApiProperty()
  state: string;

  @ApiProperty({ type: () => [QueueJob] })
  jobs: QueueJob[];
}

export class QueueJobRetried {
  @ApiProperty()
  queue: string;

  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['waiting'] })
  status: 'waiting';
}

export const QUEUE_JOB_EXAMPLE = {
  id: 'outbox-1042',
  name: 'ingest-batch',
  state: 'failed',
  attemptsMade: 8,
  attempts: 8,
  enqueuedAt: '2026-11-20T02:15:00.120Z',
  processedAt: '2026-11-20T02:17:08.500Z',
  finishedAt: '2026-11-20T02:17:08.530Z',
  delayUntil: null,
  failedReason: 'Connection terminated unexpectedly',
};

export const QUEUE_OVERVIEW_EXAMPLE = {
  nodeId: 'sg-spf',
  generatedAt: '2026-11-20T02:20:00.000Z',
  queues: [
    {
      name: 'ingest',
      paused: false,
      counts: { waiting: 3, active: 1, delayed: 0, failed: 1, completed: 0, prioritized: 0, 'waiting-children': 0 },
      jobs: [QUEUE_JOB_EXAMPLE],
    },
  ],
};
