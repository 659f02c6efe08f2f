import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { EXAMPLE, dateTime } from '@scamintel/common';
import { INDICATOR_TYPES, SHAREABLE_TLPS } from '@scamintel/vocabulary';

const TYPES: ApiPropertyOptions = { type: 'array', items: { type: 'string', enum: [...INDICATOR_TYPES] } };

export class PartnerPolicy {
  @ApiProperty({ enum: [...SHAREABLE_TLPS] })
  maxTlp: string;

  @ApiProperty(TYPES)
  types: string[];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  minConfidence: number;

  @ApiProperty(TYPES)
  pseudonymise: string[];

  @ApiProperty()
  shareNarrative: boolean;
}

/** The request body of POST /v1/admin/partners (checked by parsePartnerInput, not by a DTO). */
export class PartnerRegistration {
  @ApiProperty({ pattern: '^[a-z0-9-]{2,32}$' })
  nodeId: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$' })
  jurisdiction: string;

  @ApiProperty({ format: 'uri' })
  baseUrl: string;

  @ApiProperty({ description: 'Ed25519 public key, SPKI PEM (GET /v1/exchange/identity of the partner).' })
  publicKey: string;

  @ApiProperty({ type: () => PartnerPolicy })
  policy: PartnerPolicy;

  @ApiPropertyOptional({ description: 'Bilateral HMAC key for pseudonymised types; write-only.' })
  pseudonymKey?: string;

  @ApiPropertyOptional({
    enum: ['push', 'pull', 'both'],
    default: 'push',
    description: "How this node exchanges with the partner: push to its inbox, pull its outbox (with this node's own cursor), or both.",
  })
  mode?: string;
}

export class PartnerPushState {
  @ApiProperty({ type: String, nullable: true })
  cursor: string | null;

  @ApiProperty({ type: 'integer' })
  batches: number;

  @ApiProperty({ type: 'integer' })
  indicatorsSent: number;

  @ApiProperty({ type: String, nullable: true })
  lastBatchId: string | null;

  @ApiProperty(dateTime(undefined, true))
  lastSuccessAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty(dateTime(undefined, true))
  lastErrorAt: string | null;
}

export class PartnerPullState {
  @ApiProperty({ type: String, nullable: true, description: "The partner's `next` after the last page ingested." })
  cursor: string | null;

  @ApiProperty({ type: 'integer' })
  pages: number;

  @ApiProperty({ type: 'integer' })
  objects: number;

  @ApiProperty(dateTime(undefined, true))
  lastSuccessAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty(dateTime(undefined, true))
  lastErrorAt: string | null;
}

export class Partner {
  @ApiProperty()
  nodeId: string;

  @ApiProperty()
  jurisdiction: string;

  @ApiProperty()
  baseUrl: string;

  @ApiProperty()
  publicKey: string;

  @ApiProperty()
  keyId: string;

  @ApiProperty({ type: () => PartnerPolicy })
  policy: PartnerPolicy;

  @ApiProperty()
  hasPseudonymKey: boolean;

  @ApiProperty({ enum: ['push', 'pull', 'both'] })
  mode: string;

  @ApiProperty(dateTime())
  createdAt: string;

  @ApiProperty(dateTime())
  updatedAt: string;

  @ApiPropertyOptional({ type: () => PartnerPushState })
  push?: PartnerPushState;

  @ApiPropertyOptional({ type: () => PartnerPullState, description: 'Present when the mode is pull or both.' })
  pull?: PartnerPullState;
}

export class PartnerList {
  @ApiProperty({ type: () => [Partner] })
  partners: Partner[];
}

export class PartnerRemoved {
  @ApiProperty()
  nodeId: string;

  @ApiProperty(dateTime())
  endedAt: string;

  @ApiProperty({ type: 'integer', description: 'Records it sent that stay, marked as from a former partner.' })
  sightingsKept: number;

  @ApiProperty({ type: 'integer', description: 'Its partner API keys (TAXII), revoked with it.' })
  keysRevoked: number;
}

export class PartnerSyncAccepted {
  @ApiProperty()
  partner: string;

  @ApiProperty({ enum: ['accepted'] })
  status: 'accepted';

  @ApiProperty({ description: 'State of the exchange job (push, pull or both, by the mode).' })
  job: string;
}

const policy = {
  maxTlp: 'green',
  types: ['phone', 'url', 'domain', 'bank_account', 'crypto_wallet'],
  minConfidence: 50,
  pseudonymise: ['bank_account'],
  shareNarrative: false,
};

export const REGISTRATION_EXAMPLE = {
  nodeId: 'kr-knpa',
  jurisdiction: 'KR',
  baseUrl: 'https://scamintel.knpa.example',
  publicKey: EXAMPLE.publicKey,
  policy,
  pseudonymKey: 'b64:3q2+7w==…',
};

export const PARTNER_EXAMPLE = {
  nodeId: 'kr-knpa',
  jurisdiction: 'KR',
  baseUrl: 'https://scamintel.knpa.example',
  publicKey: EXAMPLE.publicKey,
  keyId: 'q4Kf1Yb6x3E0c2VdJm9Tz8Ww5Rp7Ls1Hn3Gk0Ba2Cd4',
  policy,
  hasPseudonymKey: true,
  mode: 'push',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  push: {
    cursor: 'MTc2NDMwMDAwMDAwMHw0Mg',
    batches: 12,
    indicatorsSent: 8421,
    lastBatchId: 'batch-2026-11-20T02-00-00Z-12',
    lastSuccessAt: '2026-11-20T02:00:01.000Z',
    lastError: null,
    lastErrorAt: null,
  },
};
