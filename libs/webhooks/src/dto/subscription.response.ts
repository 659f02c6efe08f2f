import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UUID, dateTime } from '@scamintel/common';
import { INDICATOR_TYPES } from '@scamintel/vocabulary';
import { WEBHOOK_EVENTS } from '@scamintel/webhooks-core';

export class WebhookFilterBody {
  @ApiPropertyOptional({ type: [String], enum: [...INDICATOR_TYPES] })
  types?: string[];

  @ApiPropertyOptional({ type: [String] })
  bankCodes?: string[];

  @ApiPropertyOptional({ type: [String] })
  platforms?: string[];
}

export class Subscription {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty()
  url: string;

  @ApiProperty({ type: [String], enum: [...WEBHOOK_EVENTS] })
  events: string[];

  @ApiProperty({
    type: () => WebhookFilterBody,
    nullable: true,
    description: "The subscription's own filter; null = the key's profile filters.",
  })
  filter: WebhookFilterBody | null;

  @ApiProperty({
    enum: ['active', 'disabled'],
    description: '`disabled` after WEBHOOK_DISABLE_AFTER events in a row failed every attempt; a replay enables it again.',
  })
  status: string;

  @ApiProperty({ type: 'integer', description: 'Events in a row that failed every attempt.' })
  failures: number;

  @ApiProperty(dateTime())
  createdAt: string;

  @ApiProperty(dateTime(undefined, true))
  disabledAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  disabledReason: string | null;
}

export class SubscriptionCreated extends Subscription {
  @ApiProperty({ description: 'Signing secret (`whsec_` + base64), shown once: verify deliveries with a Standard Webhooks library.' })
  secret: string;
}

export class SubscriptionList {
  @ApiProperty({ type: () => [Subscription] })
  subscriptions: Subscription[];
}

export class Delivery {
  @ApiProperty({ description: 'The `webhook-id`: the same on every attempt and replay.' })
  id: string;

  @ApiProperty({ enum: [...WEBHOOK_EVENTS] })
  type: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'cancelled'] })
  status: string;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'HTTP status of the last attempt.' })
  lastStatus: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty(dateTime())
  createdAt: string;

  @ApiProperty(dateTime(undefined, true))
  lastAttemptAt: string | null;

  @ApiProperty(dateTime(undefined, true))
  deliveredAt: string | null;
}

export class DeliveryList {
  @ApiProperty({ type: () => [Delivery] })
  deliveries: Delivery[];
}

export class Replayed {
  @ApiProperty({ type: 'integer' })
  replayed: number;

  @ApiProperty({ type: [String] })
  deliveries: string[];
}

export class SubscriptionDeleted {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty()
  deleted: boolean;
}
