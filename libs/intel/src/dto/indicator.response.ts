import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { COUNTS_BY_KEY, IndicatorIdentity, Judgement, dateTime } from '@scamintel/common';
import { TLPS } from '@scamintel/vocabulary';

export class Indicator extends IndicatorIdentity {
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

export class SightingVerdict extends Judgement {
  @ApiProperty({ type: [String] })
  flags: string[];
}

/** What this node's own reports say about the indicator in one jurisdiction. */
export class NodeSighting {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty({ description: "This node's id." })
  sourceNode: string;

  @ApiProperty({ type: 'integer' })
  reports: number;

  @ApiProperty({ type: 'integer' })
  reporters: number;

  @ApiProperty({ type: 'integer', description: 'Distinct reporters in the last 90 days.' })
  recentReporters: number;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiProperty({ ...COUNTS_BY_KEY, description: 'Reports per scam type.' })
  scamTypes: Record<string, number>;

  @ApiProperty({ ...COUNTS_BY_KEY, description: 'Reports per channel.' })
  channels: Record<string, number>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Decimal strings per currency.' })
  losses: Record<string, string>;

  @ApiProperty({ type: () => SightingVerdict, description: "This node's verdict for that jurisdiction." })
  verdict: SightingVerdict;
}

/** What a partner node sent about the indicator (its own counts and verdict, never its reports). */
export class PartnerSighting {
  @ApiProperty()
  jurisdiction: string;

  @ApiProperty({ description: 'The partner that sent it.' })
  sourceNode: string;

  @ApiProperty({ type: 'integer', description: "The partner's sighting count." })
  reports: number;

  @ApiProperty({ type: 'integer' })
  reporters: number;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;

  @ApiProperty({ type: 'array', items: { type: 'string' }, description: 'Scam types the partner named (no counts cross the border).' })
  scamTypes: string[];

  @ApiProperty({ enum: [...TLPS] })
  tlp: string;

  @ApiProperty({ description: 'Matched by its pseudonym (HMAC of the value), not by the value.' })
  pseudonymised: boolean;

  @ApiProperty(dateTime('When this node received it.'))
  receivedAt: string;

  @ApiPropertyOptional({ enum: [true], description: 'Sent by a node that is no longer a partner (the partnership ended; the data stays).' })
  formerPartner?: boolean;

  @ApiProperty({ type: () => SightingVerdict, description: "The partner's own verdict (rule `partner`)." })
  verdict: SightingVerdict;
}

/** An indicator as this node stores it. */
export class IndicatorRecord extends Indicator {
  @ApiProperty({ type: String, nullable: true, description: 'Name of the warninglist that holds the value.' })
  warninglist: string | null;

  @ApiProperty(dateTime())
  firstSeen: string;

  @ApiProperty(dateTime())
  lastSeen: string;
}

@ApiExtraModels(NodeSighting, PartnerSighting)
export class IndicatorDetail extends IndicatorRecord {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(NodeSighting) }, { $ref: getSchemaPath(PartnerSighting) }] },
    description: "This node's sightings per jurisdiction, then those partners sent.",
  })
  sightings: (NodeSighting | PartnerSighting)[];

  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  reportIds: string[];
}

export class IndicatorListItem extends IndicatorRecord {
  @ApiProperty(dateTime('Last change; the listing is ordered by it.'))
  updatedAt: string;
}

export class IndicatorPage {
  @ApiProperty({ type: () => [IndicatorListItem] })
  indicators: IndicatorListItem[];

  @ApiProperty({ type: String, nullable: true })
  next: string | null;
}
