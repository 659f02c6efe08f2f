import { applyDecorators, Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { ApiPropertyOptions, ApiResponseOptions, SchemaObject } from '@nestjs/swagger';
import { INDICATOR_TYPES, VERDICTS } from '@scamintel/vocabulary';

/*
 * Building blocks of the response documentation that several libs share: the contract's error shape and
 * property options for the fields every domain repeats. Response DTO classes live beside their controllers.
 */

export const FINGERPRINT: ApiPropertyOptions = {
  type: String,
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 (lower-case hex) of `type + "\\n" + value`: the identity of an indicator on every node.',
};
export const SHA256_HEX: ApiPropertyOptions = { type: String, pattern: '^[0-9a-f]{64}$' };
export const INDICATOR_TYPE: ApiPropertyOptions = { type: String, enum: [...INDICATOR_TYPES] };
export const VERDICT: ApiPropertyOptions = { type: String, enum: [...VERDICTS], description: 'Verdict in this jurisdiction.' };
export const CONFIDENCE: ApiPropertyOptions = { type: 'integer', minimum: 0, maximum: 100 };
export const UUID: ApiPropertyOptions = { type: String, format: 'uuid' };
export const ALPHA2: ApiPropertyOptions = { type: String, pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' };

/** An ISO 8601 timestamp (`…Z`), optionally described and/or nullable. */
export const dateTime = (description?: string, nullable = false): ApiPropertyOptions => ({
  type: String,
  format: 'date-time',
  ...(description ? { description } : {}),
  ...(nullable ? { nullable: true } : {}),
});

/** `{ "<key>": <integer> }` maps such as counts per scam type or channel. */
export const COUNTS_BY_KEY: ApiPropertyOptions = { type: 'object', additionalProperties: { type: 'integer' } };

/** Type, canonical value and fingerprint: how an indicator is named in answers (CONTRACT §5). */
export class IndicatorIdentity {
  @ApiProperty(INDICATOR_TYPE)
  type: string;

  @ApiProperty({ description: 'Canonical value (CONTRACT §5).' })
  value: string;

  @ApiProperty(FINGERPRINT)
  fingerprint: string;
}

/** A STIX 2.1 object: open, as STIX objects are (custom properties, extensions), but always typed and identified. */
export const STIX_OBJECT: SchemaObject = {
  type: 'object',
  description: 'A STIX 2.1 object (checked in full against the OASIS STIX 2.1 JSON schemas by `npm run test:conformance`).',
  required: ['type', 'id'],
  properties: {
    type: { type: 'string', pattern: '^[a-z0-9-]+$' },
    id: { type: 'string', pattern: '^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
  },
  additionalProperties: true,
};

/** A jurisdiction's verdict on an indicator, with why (the policing model's decision). */
export class Judgement {
  @ApiProperty(VERDICT)
  verdict: string;

  @ApiProperty(CONFIDENCE)
  confidence: number;

  @ApiProperty({ description: 'The rule that decided, e.g. `independent_reporters`, `analyst`, `partner`.' })
  rule: string;

  @ApiProperty()
  reason: string;
}

@ApiSchema({ name: 'ErrorDetail' })
export class ErrorDetailBody {
  @ApiProperty({ description: 'Where, e.g. `indicators[0].value`.' })
  path: string;

  @ApiProperty()
  message: string;
}

export class ErrorInfo {
  @ApiProperty({ description: 'Stable machine-readable code, e.g. `validation_failed`, `unauthenticated`, `rate_limited`.' })
  code: string;

  @ApiProperty({ description: 'Human-readable explanation.' })
  message: string;

  @ApiPropertyOptional({ type: () => [ErrorDetailBody] })
  details?: ErrorDetailBody[];
}

@ApiSchema({ name: 'Error', description: 'Every error (CONTRACT §4). No stack traces, no internals.' })
export class ErrorBody {
  @ApiProperty({ type: () => ErrorInfo })
  error: ErrorInfo;

  @ApiProperty({ description: 'The request id (also in the logs); send `X-Request-Id` to choose it.' })
  requestId: string;
}

type Headers = ApiResponseOptions['headers'];

/** A documented error answer with the contract's error shape (CONTRACT §4). */
export const ApiError = (status: number, description: string, extra: { headers?: Headers; example?: unknown } = {}) =>
  ApiResponse({ status, description, type: ErrorBody, ...extra });

/** Several documented error answers at once: `{ 404: 'No such report.' }`. */
export const ApiErrors = (errors: Record<number, string>) =>
  applyDecorators(...Object.entries(errors).map(([status, description]) => ApiError(Number(status), description)));

/** The request body's model (a DTO class, or a class that only documents a body parsed by hand) with named examples. */
export const ApiBodyOf = (type: Type<unknown>, examples: Record<string, { summary: string; value: unknown }>, description?: string) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiBody({ ...(description ? { description } : {}), schema: { $ref: getSchemaPath(type) }, examples }),
  );

/** A `Location` header on a 201/202 answer. */
export const locationHeader = (template: string): Headers => ({ Location: { description: `\`${template}\``, schema: { type: 'string' } } });

/** Values the examples of several libs share, so one indicator reads the same across the document. */
export const EXAMPLE = {
  phone: { type: 'phone', value: '+6581234567', fingerprint: '5e1f0c1d0a8f2d7b04a44bb8f5e0c52f4a8bd0cf1f3ef1c9e26a0bd6c6b2a7c3' },
  url: {
    type: 'url',
    value: 'https://dbs-secure.top/login',
    fingerprint: 'b0f8a3c3e3ed6a1b57f5c2bbbb8d1c2ddaf1c8b1bbe7d3e2f94a3f2e3c41d7a1',
  },
  reportId: '7f5b2a0e-3c41-4d7e-9a55-1f0c2b9e8d11',
  keyId: '0d9c1b6e-2f4a-4c8e-b7d1-5a3e9f2c6b40',
  auditHash: '8c2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b',
  nodeKeyId: 'Xw3b0t1kz9Yv2Lm8Qp4Rs6Tu7Vx5Wy1Az3Bc5De7Fg9',
  publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n',
} as const;
