import { ApiProperty } from '@nestjs/swagger';
import { CONFIDENCE, COUNTS_BY_KEY, FINGERPRINT, IndicatorIdentity, UUID, VERDICT, dateTime } from '@scamintel/common';

export class ReviewQueueItem extends IndicatorIdentity {
  @ApiProperty({ type: 'integer' })
  reports: number;

  @ApiProperty({ type: 'integer' })
  reporters: number;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiProperty(COUNTS_BY_KEY)
  scamTypes: Record<string, number>;

  @ApiProperty(COUNTS_BY_KEY)
  channels: Record<string, number>;

  @ApiProperty({ type: [String], description: 'Open flags, e.g. an anonymous burst.' })
  flags: string[];

  @ApiProperty(VERDICT)
  verdict: string;

  @ApiProperty(CONFIDENCE)
  confidence: number;

  @ApiProperty()
  rule: string;

  @ApiProperty()
  reason: string;
}

export class ReviewQueue {
  @ApiProperty({ type: () => [ReviewQueueItem] })
  items: ReviewQueueItem[];
}

export class ReportReviewed {
  @ApiProperty(UUID)
  reportId: string;

  @ApiProperty({ enum: ['confirmed', 'rejected', 'needs_info'] })
  verdict: string;

  @ApiProperty({ type: 'integer' })
  confirmedIndicators: number;
}

export class IndicatorVerdictSet {
  @ApiProperty(FINGERPRINT)
  fingerprint: string;

  @ApiProperty()
  jurisdiction: string;

  @ApiProperty({ enum: ['scam', 'legitimate'] })
  verdict: string;
}

export class AppealAccepted {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ enum: ['open'] })
  status: 'open';

  @ApiProperty({ type: () => IndicatorIdentity })
  indicator: IndicatorIdentity;
}

export class Appeal extends IndicatorIdentity {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ description: 'Personal data of the appellant: kept on this node, shown to analysts only.' })
  contact: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  resolutionNote: string | null;

  @ApiProperty(dateTime())
  createdAt: string;

  @ApiProperty(dateTime(undefined, true))
  resolvedAt: string | null;
}

export class AppealList {
  @ApiProperty({ type: () => [Appeal] })
  appeals: Appeal[];
}

export class AppealResolved {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ enum: ['upheld', 'dismissed'] })
  status: string;

  @ApiProperty(FINGERPRINT)
  fingerprint: string;
}
