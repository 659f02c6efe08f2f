import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { EXAMPLE, SHA256_HEX, STIX_OBJECT, dateTime } from '@scamintel/common';

export class ExchangeIdentity {
  @ApiProperty()
  nodeId: string;

  @ApiProperty()
  jurisdiction: string;

  @ApiProperty({ description: 'RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key.' })
  keyId: string;

  @ApiProperty({ description: 'Ed25519 public key, SPKI PEM.' })
  publicKey: string;
}

export class AuditHead {
  @ApiProperty({ type: 'integer' })
  seq: number;

  @ApiProperty(SHA256_HEX)
  hash: string;
}

export class ExchangeReceipt {
  @ApiProperty()
  batchId: string;

  @ApiProperty({ type: 'integer', description: 'STIX objects received.' })
  objects: number;

  @ApiProperty({ description: 'The Content-Digest value received.' })
  digest: string;

  @ApiProperty(dateTime())
  receivedAt: string;

  @ApiProperty({ type: () => AuditHead })
  auditHead: AuditHead;

  @ApiProperty({ description: "The receiver's keyId." })
  keyId: string;

  @ApiPropertyOptional({ type: () => AuditHead })
  witness?: AuditHead;

  @ApiProperty({ description: 'base64url Ed25519 signature over the RFC 8785 canonical JSON of the receipt without `signature`.' })
  signature: string;
}

/** The request body of the inbox (read without a DTO: the bundle is checked object by object by the exchange core). */
@ApiSchema({
  description: 'A STIX 2.1 bundle (OASIS schemas); indicators, sightings, the sender identity, TLP 2.0 markings, extension definitions.',
})
export class StixBundle {
  @ApiProperty({ enum: ['bundle'] })
  type: 'bundle';

  @ApiProperty({ pattern: '^bundle--' })
  id: string;

  @ApiProperty({ type: 'array', items: STIX_OBJECT })
  objects: Record<string, unknown>[];
}

export class ExchangeOutboxPage {
  @ApiProperty({ type: 'array', items: STIX_OBJECT, description: 'STIX 2.1 objects.' })
  objects: Record<string, unknown>[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` to continue.' })
  next: string | null;

  @ApiProperty()
  more: boolean;
}

export const RECEIPT_EXAMPLE = {
  batchId: 'batch-2026-11-20T02-00-00Z-12',
  objects: 1503,
  digest: 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
  receivedAt: '2026-11-20T02:00:01.000Z',
  auditHead: { seq: 1042, hash: EXAMPLE.auditHash },
  keyId: EXAMPLE.nodeKeyId,
  signature: 'p0Rk5…base64url…',
};
