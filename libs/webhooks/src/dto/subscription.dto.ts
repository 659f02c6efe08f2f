import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { INDICATOR_TYPES, type IndicatorType } from '@scamintel/vocabulary';
import { WEBHOOK_EVENTS, type WebhookEventType } from '@scamintel/webhooks-core';

export class WebhookFilterDto {
  /** Indicator types the events must be about. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(INDICATOR_TYPES, { each: true })
  types?: IndicatorType[];

  /** Bank codes: events about bank accounts of these banks. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[0-9]{3,4}$/, { each: true })
  bankCodes?: string[];

  /** Platforms (names or hosted domains): events about their handles, URLs and domains. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z0-9][a-z0-9.-]{0,252}$/, { each: true })
  platforms?: string[];
}

export class CreateSubscriptionDto {
  /** Where events are POSTed: http or https, resolving to a public address. */
  @IsString()
  @MaxLength(2048)
  url: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEventType[];

  /** Without a filter, a reporter key's profile is the filter (its bank codes, its platforms). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookFilterDto)
  filter?: WebhookFilterDto;
}

export class ReplayDto {
  /** Deliveries to send again (their webhook-ids). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^msg_[A-Za-z0-9_-]{10,64}$/, { each: true })
  deliveries?: string[];

  /** Every delivery since this time (ISO 8601). Without either: every failed delivery. */
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}
