import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALPHA2, FINGERPRINT, IndicatorIdentity, UUID, dateTime } from '@scamintel/common';
import { CHANNELS, SCAM_TYPES, TLPS } from '@scamintel/vocabulary';

export class Money {
  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$' })
  currency: string;

  @ApiProperty({ type: String, pattern: '^[0-9]+(\\.[0-9]+)?$', description: 'Exact decimal, as a string.' })
  amount: string;
}

export class CampaignOrigin {
  @ApiProperty({ ...ALPHA2, description: 'Suspected country of the scam centre (ISO 3166-1 alpha-2).' })
  country: string;

  @ApiPropertyOptional({ type: String })
  note?: string;
}

export class CampaignLink {
  @ApiProperty(FINGERPRINT)
  from: string;

  @ApiProperty(FINGERPRINT)
  to: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Reports holding both values (this node’s and partners’).' })
  reports: number;
}

export class PartnerCampaign {
  @ApiProperty({ description: 'The partner node.' })
  node: string;

  @ApiProperty({ description: 'Its STIX `campaign` id on the partner.' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The partner’s own reports.' })
  reports: number;
}

export class CampaignSummary {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, enum: ['active', 'dormant', 'closed'] })
  status: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Reports on this node and on partners (their aggregates).' })
  reports: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  indicatorCount: number;

  @ApiProperty({ type: [String], example: ['KR', 'SG'] })
  jurisdictions: string[];

  @ApiProperty({ type: [String], enum: [...SCAM_TYPES] })
  scamTypes: string[];

  @ApiProperty({ type: [String], enum: [...CHANNELS] })
  channels: string[];

  @ApiProperty(dateTime(undefined, true))
  firstSeen: string | null;

  @ApiProperty(dateTime(undefined, true))
  lastSeen: string | null;

  @ApiProperty({ type: String, enum: [...TLPS] })
  tlp: string;

  @ApiPropertyOptional({ type: () => CampaignOrigin })
  origin?: CampaignOrigin;
}

export class Campaign extends CampaignSummary {
  @ApiProperty({ type: () => [IndicatorIdentity], description: 'Its values, hubs included (shown beside one campaign, joining none).' })
  indicators: IndicatorIdentity[];

  @ApiProperty({ type: [String], description: 'Fingerprints of the values that are hubs.' })
  hubs: string[];

  @ApiProperty({ type: () => [Money] })
  losses: Money[];

  @ApiProperty({ type: () => [CampaignLink] })
  links: CampaignLink[];

  @ApiProperty({ type: () => [PartnerCampaign], description: 'Partners’ campaigns overlapping this one, linked rather than duplicated.' })
  partnerCampaigns: PartnerCampaign[];
}

export class CampaignPage {
  @ApiProperty({ type: () => [CampaignSummary] })
  campaigns: CampaignSummary[];

  @ApiProperty({ type: String, nullable: true })
  next: string | null;
}

export class SplitResult {
  @ApiProperty({ type: [String], description: 'Campaigns the values now sit in (a part with fewer than two reports is none).' })
  campaigns: string[];
}

export class LinkResult {
  @ApiProperty({ ...UUID, nullable: true, description: 'The campaign both values now belong to, if it is one.' })
  campaign: string | null;
}

export class CampaignsReceived {
  @ApiProperty({ type: 'integer', minimum: 0 })
  campaigns: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  links: number;
}
