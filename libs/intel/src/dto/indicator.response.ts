import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { COUNTS_BY_KEY, FINGERPRINT, INDICATOR_TYPE, IndicatorIdentity, SCAM_TYPES, VERDICT, dateTime } from '@scamintel/common';

export class Indicator {
  @ApiProperty(INDICATOR_TYPE)
  type: string;

  @ApiProperty({ description: 'Canonical value (CONTRACT §5).' })
  value: string;

  @ApiProperty(FINGERPRINT)
  fingerprint: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Type-specific, e.g. `registrableDomain`, `network`, `platform`.',
  })
  attributes: Record<string, unknown>;
}

export class NormalizedItemAccepted extends Indicator {
  @ApiProperty({ enum: [true] })
  ok: true;
}

export class NormalizeFailure {
  @ApiProperty()
  code: string;

  @ApiProperty()
  message: string;
}

export class NormalizedItemRejected {
  @ApiProperty({ enum: [false] })
  ok: false;

  @ApiProperty({ description: 'As sent.' })
  value: string;

  @ApiProperty({ type: () => NormalizeFailure })
  error: NormalizeFailure;
}

@ApiExtraModels(NormalizedItemAccepted, NormalizedItemRejected)
export class NormalizedItems {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(NormalizedItemAccepted) }, { $ref: getSchemaPath(NormalizedItemRejected) }] },
  })
  items: (NormalizedItemAccepted | NormalizedItemRejected)[];
}

export class LookupExplanation {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty()
  rule: string;

  @ApiProperty()
  reason: string;
}

export class JurisdictionVerdict {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty(VERDICT)
  verdict: string;

  @ApiProperty({ type: 'integer' })
  reports: number;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiProperty()
  rule: string;
}

export class LookupRejection {
  @ApiProperty()
  code: string;

  @ApiProperty()
  reason: string;
}

@ApiSchema({ description: 'Public answer: counts and verdicts, never reporter data.' })
export class LookupAnswer {
  @ApiProperty({ description: 'As sent.' })
  query: string;

  @ApiProperty({ type: () => IndicatorIdentity, nullable: true })
  indicator: IndicatorIdentity | null;

  @ApiProperty(VERDICT)
  verdict: string;

  @ApiProperty({ type: 'integer', description: 'Reports across all jurisdictions.' })
  reports: number;

  @ApiProperty(dateTime(undefined, true))
  firstSeen: string | null;

  @ApiProperty(dateTime(undefined, true))
  lastSeen: string | null;

  @ApiProperty({ type: [String] })
  jurisdictions: string[];

  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...SCAM_TYPES] }, description: 'Most reported first.' })
  scamTypes: string[];

  @ApiPropertyOptional({ type: () => LookupExplanation })
  explanation?: LookupExplanation;

  @ApiPropertyOptional({ type: () => [JurisdictionVerdict], description: 'Verdicts stay per jurisdiction and are shown side by side.' })
  byJurisdiction?: JurisdictionVerdict[];

  @ApiPropertyOptional({ type: () => LookupRejection, description: 'Present when the query is no indicator of any type.' })
  rejected?: LookupRejection;
}

export class SightingVerdict {
  @ApiProperty(VERDICT)
  verdict: string;

  @ApiProperty()
  rule: string;

  @ApiProperty()
  reason: string;
}

export class IndicatorSighting {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty()
  sourceNode: string;

  @ApiProperty({ type: 'integer' })
  reports: number;

  @ApiProperty({ type: 'integer' })
  reporters: number;

  @ApiProperty({ type: 'integer' })
  recentReporters: number;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiProperty(COUNTS_BY_KEY)
  scamTypes: Record<string, number>;

  @ApiProperty(COUNTS_BY_KEY)
  channels: Record<string, number>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Decimal strings per currency.' })
  losses: Record<string, string>;

  @ApiProperty({ type: () => SightingVerdict })
  verdict: SightingVerdict;
}

export class IndicatorDetail {
  @ApiProperty(FINGERPRINT)
  fingerprint: string;

  @ApiProperty(INDICATOR_TYPE)
  type: string;

  @ApiProperty()
  value: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  attributes: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true, description: 'Name of the warninglist that holds the value.' })
  warninglist: string | null;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiProperty({ type: () => [IndicatorSighting] })
  sightings: IndicatorSighting[];

  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  reportIds: string[];
}

export class IndicatorListItem {
  @ApiProperty(FINGERPRINT)
  fingerprint: string;

  @ApiProperty(INDICATOR_TYPE)
  type: string;

  @ApiProperty()
  value: string;

  @ApiPropertyOptional(dateTime())
  updatedAt?: string;
}

export class IndicatorPage {
  @ApiProperty({ type: () => [IndicatorListItem] })
  indicators: IndicatorListItem[];

  @ApiProperty({ type: String, nullable: true })
  next: string | null;
}
