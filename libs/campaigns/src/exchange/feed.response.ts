import { ApiProperty } from '@nestjs/swagger';

/** A page of GET /v1/exchange/campaigns: the outbox's shape, so a puller reads both alike. */
export class CampaignsFeedPageResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'STIX 2.1 objects: the sender `identity`, `campaign`, `relationship` (`indicates`), `location`, TLP marking definitions.',
  })
  objects: Record<string, unknown>[];

  @ApiProperty({ type: String, description: 'Pass as `after` to continue; opaque.' })
  next: string;

  @ApiProperty({ description: 'True when more links wait after `next`.' })
  more: boolean;
}
