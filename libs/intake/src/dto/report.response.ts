import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINGERPRINT, INDICATOR_TYPE, UUID, dateTime } from '@scamintel/common';
import { CHANNELS, REPORT_STATUSES, SCAM_TYPES, TLPS } from '@scamintel/vocabulary';

export class ReportAccepted {
  @ApiProperty({ ...UUID, description: 'Report id.' })
  id: string;

  @ApiProperty({ enum: ['received'] })
  status: 'received';
}

export class ReportBatchAccepted {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' }, description: 'One id per report, in the order sent.' })
  ids: string[];

  @ApiProperty({ enum: ['received'] })
  status: 'received';
}

export class ReportIndicator {
  @ApiProperty({ description: 'As submitted (or as found in the narrative).' })
  raw: string;

  @ApiPropertyOptional({ enum: ['submitted', 'narrative'], description: '`submitted` or `narrative` (absent while pending).' })
  source?: 'submitted' | 'narrative';

  @ApiProperty({ ...INDICATOR_TYPE, nullable: true })
  type: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Canonical value (CONTRACT §5); null when rejected or still pending.' })
  value: string | null;

  @ApiProperty({ ...FINGERPRINT, nullable: true })
  fingerprint: string | null;

  @ApiProperty({ enum: ['pending', 'accepted', 'rejected', 'warninglisted'] })
  status: string;

  @ApiProperty({ type: String, nullable: true, description: 'Why rejected or warninglisted.' })
  reason: string | null;
}

export class ReportLoss {
  @ApiProperty({ description: 'Decimal string.' })
  amount: string;

  @ApiProperty({ description: 'ISO 4217.' })
  currency: string;
}

export class ReportReporter {
  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional()
  contact?: string;
}

export class Report {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ enum: [...REPORT_STATUSES] })
  status: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2.' })
  jurisdiction: string;

  @ApiProperty({ enum: [...SCAM_TYPES] })
  scamType: string;

  @ApiProperty({ enum: [...CHANNELS] })
  channel: string;

  @ApiProperty(dateTime())
  occurredAt: string;

  @ApiProperty(dateTime())
  receivedAt: string;

  @ApiProperty(dateTime(undefined, true))
  processedAt: string | null;

  @ApiProperty({ enum: [...TLPS] })
  tlp: string;

  @ApiPropertyOptional({ type: () => ReportLoss })
  loss?: ReportLoss;

  @ApiPropertyOptional()
  narrative?: string;

  @ApiPropertyOptional({ type: () => ReportReporter, description: 'Personal data: shown to the submitter and analysts of this node only.' })
  reporter?: ReportReporter;

  @ApiPropertyOptional()
  externalRef?: string;

  @ApiPropertyOptional({ type: () => [ReportIndicator], description: 'Present on GET /v1/reports/{id}; absent in listings.' })
  indicators?: ReportIndicator[];
}

export class ReportPage {
  @ApiProperty({ type: () => [Report] })
  reports: Report[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last.' })
  next: string | null;
}
