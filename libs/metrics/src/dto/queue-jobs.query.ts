import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LISTED_STATES } from '../queue-inspector';

export class QueueJobsQuery {
  /** Which jobs to list. */
  @IsOptional()
  @IsIn(LISTED_STATES)
  state?: (typeof LISTED_STATES)[number];

  /** At most this many jobs (newest first for finished states, oldest first for waiting and delayed). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class QueueOverviewQuery {
  /** `json` for the machine-readable overview; HTML otherwise (unless `Accept: application/json`). */
  @IsOptional()
  @IsIn(['html', 'json'])
  format?: 'html' | 'json';
}
