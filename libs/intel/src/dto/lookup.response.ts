import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CONFIDENCE, IndicatorIdentity, Judgement, VERDICT, dateTime } from '@scamintel/common';
import { SCAM_TYPES } from '@scamintel/vocabulary';

export class LookupExplanation {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty()
  rule: string;

  @ApiProperty()
  reason: string;
}

export class JurisdictionVerdict extends Judgement {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty({ description: 'The node whose sightings these are: this node, or the partner that sent them.' })
  sourceNode: string;

  @ApiProperty({ type: 'integer' })
  reports: number;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiPropertyOptional({ enum: [true], description: 'Sent by a node that is no longer a partner (the partnership ended; the data stays).' })
  formerPartner?: boolean;
}

export class LookupRejection {
  @ApiProperty()
  code: string;

  @ApiProperty()
  reason: string;
}

export class LookupWarninglist {
  @ApiProperty({ description: 'The warninglist that holds the value.' })
  name: string;

  @ApiProperty()
  description: string;

  @ApiPropertyOptional({ description: "The listed value's own label, when the list gives one." })
  label?: string;
}

@ApiSchema({ description: 'Public answer: counts and verdicts, never reporter data.' })
export class LookupCampaign {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Reports of the campaign on this node and its partners.' })
  reports: number;

  @ApiProperty({ type: [String], example: ['KR', 'SG'] })
  jurisdictions: string[];
}

export class LookupAnswer {
  @ApiProperty({ description: 'As sent.' })
  query: string;

  @ApiProperty({ type: () => IndicatorIdentity, nullable: true })
  indicator: IndicatorIdentity | null;

  @ApiProperty(VERDICT)
  verdict: string;

  @ApiProperty({ ...CONFIDENCE, description: "This node's confidence in its verdict (partner verdicts weigh in, never decide)." })
  confidence: number;

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

  @ApiProperty({ type: () => LookupExplanation })
  explanation: LookupExplanation;

  @ApiProperty({
    type: () => [JurisdictionVerdict],
    description: 'Verdicts stay per jurisdiction and source node and are shown side by side.',
  })
  byJurisdiction: JurisdictionVerdict[];

  @ApiPropertyOptional({ type: [String], description: 'Open flags of this node, e.g. an anonymous burst; absent when none.' })
  flags?: string[];

  @ApiPropertyOptional({ type: () => LookupRejection, description: 'Present when the query is no indicator of any type.' })
  rejected?: LookupRejection;

  @ApiPropertyOptional({
    type: () => LookupWarninglist,
    description:
      'Present when the value is on a warninglist (an official number or domain): the verdict is then `legitimate`, reported or not.',
  })
  warninglist?: LookupWarninglist;

  @ApiPropertyOptional({
    type: () => LookupCampaign,
    description: 'CONTRACT §11: the campaign the value belongs to, when an analyst shared that campaign at TLP clear.',
  })
  campaign?: LookupCampaign;
}
