import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHA256_HEX, dateTime } from '@scamintel/common';

export class AuditEntry {
  @ApiProperty({ type: 'integer' })
  seq: number;

  @ApiProperty(dateTime())
  at: string;

  @ApiProperty({ description: '`key:<id>`, `ip:<address>`, `cli:<user>` or `system`.' })
  actor: string;

  @ApiProperty({ description: 'e.g. `key.created`, `auth.failed`, `exchange.received`.' })
  action: string;

  @ApiPropertyOptional()
  subject?: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;

  @ApiProperty(SHA256_HEX)
  prevHash: string;

  @ApiProperty({ ...SHA256_HEX, description: 'SHA-256(prevHash ‖ canonical entry).' })
  hash: string;
}

export class AuditPage {
  @ApiProperty({ type: () => [AuditEntry] })
  entries: AuditEntry[];

  @ApiProperty({ type: String, nullable: true, description: '`after` value of the next page.' })
  next: string | null;
}

export class AuditChainIntact {
  @ApiProperty({ enum: [true] })
  ok: true;

  @ApiProperty({ type: 'integer' })
  entries: number;

  @ApiProperty({ description: 'Hash of the last entry.' })
  head: string;
}

export class AuditChainBroken {
  @ApiProperty({ enum: [false] })
  ok: false;

  @ApiProperty({ type: 'integer' })
  firstBadSeq: number;

  @ApiProperty()
  reason: string;
}
