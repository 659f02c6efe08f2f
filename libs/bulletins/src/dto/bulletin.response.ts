import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { INDICATOR_TYPE, UUID, dateTime } from '@scamintel/common';
import { ACTION_KINDS, CHANNELS, SCAM_TYPES } from '@scamintel/vocabulary';

export class BulletinAccepted {
  @ApiProperty(UUID)
  id: string;
}

export class BulletinPeriod {
  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date', description: 'First day after the period.' })
  to: string;
}

export class BulletinSummary {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ type: () => BulletinPeriod })
  period: BulletinPeriod;

  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ type: [String] })
  languages: string[];

  @ApiProperty(dateTime(undefined, true))
  publishedAt: string | null;

  @ApiPropertyOptional({ enum: ['pending', 'ready', 'failed'], description: 'Analysts only.' })
  status?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Analysts only.' })
  failure?: string | null;

  @ApiPropertyOptional(dateTime('Analysts only.'))
  createdAt?: string;

  @ApiPropertyOptional(dateTime('Analysts only.'))
  updatedAt?: string;
}

export class BulletinPage {
  @ApiProperty({ type: () => [BulletinSummary] })
  bulletins: BulletinSummary[];

  @ApiProperty({ type: String, nullable: true })
  next: string | null;
}

/** A count withheld because publishing it could single out the few people behind it. */
export class Suppressed {
  @ApiProperty({ enum: [true] })
  suppressed: true;

  @ApiProperty({ type: 'integer', description: 'The count is below this threshold (BULLETIN_MIN_COUNT).' })
  below: number;
}

const SUPPRESSED = { $ref: getSchemaPath(Suppressed) };
const DIRECTION = { type: 'string', enum: ['up', 'down', 'flat', 'new'] };
/** `type: undefined` keeps the generator from adding the `object` it reads from the TypeScript union. */
const orSuppressed = (...schemas: object[]) => ({ type: undefined, oneOf: [...schemas, SUPPRESSED] }) as never;
const COUNT = orSuppressed({ type: 'integer' });

/** A figure compared with the previous period. `percent` is null when the previous value is 0. */
export class Trend {
  @ApiProperty(COUNT)
  current: unknown;

  @ApiProperty(COUNT)
  previous: unknown;

  @ApiProperty(COUNT)
  delta: unknown;

  @ApiProperty(orSuppressed({ type: 'number', nullable: true }))
  percent: unknown;

  @ApiProperty(orSuppressed(DIRECTION))
  direction: unknown;
}

export class ScamTypeTrend extends Trend {
  @ApiProperty({ enum: [...SCAM_TYPES] })
  scamType: string;
}

export class ChannelTrend extends Trend {
  @ApiProperty({ enum: [...CHANNELS] })
  channel: string;
}

export class LossFigure {
  @ApiProperty({ description: 'ISO 4217.' })
  currency: string;

  @ApiProperty(orSuppressed({ type: 'string', description: 'Decimal string.' }))
  current: unknown;

  @ApiProperty(orSuppressed({ type: 'string', description: 'Decimal string.' }))
  previous: unknown;

  @ApiProperty(orSuppressed({ type: 'string', description: 'Decimal string.' }))
  delta: unknown;

  @ApiProperty(orSuppressed({ type: 'number', nullable: true }))
  percent: unknown;

  @ApiProperty(orSuppressed(DIRECTION))
  direction: unknown;
}

export class RisingFigure {
  @ApiProperty({ enum: ['scamType', 'channel'] })
  kind: string;

  @ApiProperty({ description: 'A scam type or a channel, as `kind` says.' })
  key: string;

  @ApiProperty({ type: 'integer' })
  current: number;

  @ApiProperty({ type: 'integer' })
  previous: number;

  @ApiProperty({ type: 'integer' })
  delta: number;

  @ApiProperty({ type: 'number' })
  percent: number;
}

export class CrossBorderFigures {
  @ApiProperty(COUNT)
  indicatorsSeenInBoth: unknown;

  @ApiProperty(COUNT)
  receivedFromPartner: unknown;

  @ApiProperty({ type: [String] })
  partnerJurisdictions: string[];
}

/** Campaigns (CONTRACT §11) whose reports span both jurisdictions, active in the period: counts only. */
export class CrossBorderCampaignFigures {
  /** Cross-border campaigns with a report in the period (or last seen in it). */
  @ApiProperty(COUNT)
  active: unknown;

  /** Of those, first seen in the period; withheld whenever `active` is. */
  @ApiProperty(COUNT)
  new: unknown;

  /** Reports behind them, both nodes', since each was first seen; withheld whenever `active` is. */
  @ApiProperty(COUNT)
  reports: unknown;
}

export class TimeToActionFigure {
  @ApiProperty({ enum: [...ACTION_KINDS] })
  kind: string;

  /** Actions requested in the period and done. */
  @ApiProperty(COUNT)
  done: unknown;

  /** Median minutes from request to done; withheld with its count. */
  @ApiProperty(orSuppressed({ type: 'integer', minimum: 0 }))
  medianMinutes: unknown;
}

export class WatchFigure {
  @ApiProperty(INDICATOR_TYPE)
  type: string;

  @ApiProperty({ description: 'The value masked (BULLETIN_MASK_STYLE).' })
  display: string;

  @ApiProperty(COUNT)
  reports: unknown;

  @ApiProperty({ type: [String] })
  jurisdictions: string[];

  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...SCAM_TYPES] } })
  scamTypes: string[];
}

export class WeekCounts {
  @ApiProperty({ format: 'date' })
  weekStart: string;

  @ApiProperty({ type: 'object', additionalProperties: COUNT, description: 'Reports per scam type of `weekly.scamTypes`.' })
  counts: Record<string, unknown>;
}

export class WeeklyFigures {
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...SCAM_TYPES] } })
  scamTypes: string[];

  @ApiProperty({ type: () => [WeekCounts] })
  weeks: WeekCounts[];
}

export class BulletinAdvice {
  @ApiProperty({ enum: [...SCAM_TYPES] })
  scamType: string;

  @ApiProperty({ description: 'Locale key of the advice text.' })
  key: string;
}

export class BulletinTotals {
  @ApiProperty({ type: () => Trend })
  reports: Trend;
}

@ApiSchema({ description: 'The bulletin figures (format=json), language-neutral; small counts suppressed (libs/bulletins README).' })
@ApiExtraModels(Suppressed)
export class BulletinFigures {
  @ApiProperty({ enum: ['scamintel.bulletin.figures/1'] })
  schema: string;

  @ApiProperty()
  jurisdiction: string;

  @ApiProperty()
  nodeId: string;

  @ApiProperty({ type: () => BulletinPeriod })
  period: BulletinPeriod;

  @ApiProperty({ type: () => BulletinPeriod })
  previousPeriod: BulletinPeriod;

  @ApiProperty(dateTime())
  generatedAt: string;

  @ApiProperty({ type: 'integer', description: 'Counts below this are suppressed.' })
  minCount: number;

  @ApiProperty({ type: 'integer' })
  risingMinBase: number;

  @ApiProperty({ enum: ['partial', 'defang'] })
  maskStyle: string;

  @ApiProperty({ type: () => BulletinTotals })
  totals: BulletinTotals;

  @ApiProperty({ type: () => [LossFigure] })
  losses: LossFigure[];

  @ApiProperty({ type: () => [ScamTypeTrend] })
  topScamTypes: ScamTypeTrend[];

  @ApiProperty({ type: () => [ChannelTrend] })
  topChannels: ChannelTrend[];

  @ApiProperty({ type: () => [RisingFigure] })
  rising: RisingFigure[];

  @ApiProperty({ type: () => CrossBorderFigures })
  crossBorder: CrossBorderFigures;

  @ApiProperty({ type: () => [WatchFigure], description: 'Masked indicators to watch.' })
  watch: WatchFigure[];

  @ApiProperty({ type: () => WeeklyFigures })
  weekly: WeeklyFigures;

  @ApiProperty({ type: () => [BulletinAdvice] })
  advice: BulletinAdvice[];

  @ApiProperty({ type: () => [TimeToActionFigure], description: 'Time to action per kind of disruption action.' })
  timeToAction: TimeToActionFigure[];

  @ApiProperty({ type: () => CrossBorderCampaignFigures, description: 'Cross-border campaigns active in the period.' })
  crossBorderCampaigns: CrossBorderCampaignFigures;
}
