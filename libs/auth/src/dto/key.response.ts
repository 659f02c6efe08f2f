import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALPHA2, UUID, dateTime } from '@scamintel/common';
import { SECTORS } from '@scamintel/vocabulary';

/** The organisation profile of a reporter key (CONTRACT §12); empty for other roles. */
class ProfileFields {
  @ApiProperty({ type: String, enum: [...SECTORS], nullable: true, description: 'Sector of the organisation (reporter keys).' })
  sector: string | null;

  @ApiProperty({ type: [String], description: 'Banks: clearing bank codes it answers for.' })
  bankCodes: string[];

  @ApiProperty({ type: [String], description: 'Platforms: platform names or hosted domains it answers for.' })
  platforms: string[];

  @ApiProperty({ ...ALPHA2, nullable: true })
  jurisdiction: string | null;
}

export class ApiKey extends ProfileFields {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ enum: ['reporter', 'analyst', 'partner', 'admin'] })
  role: string;

  @ApiProperty()
  organisation: string;

  @ApiProperty({ enum: ['low', 'medium', 'high'] })
  trust: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  partnerNodeId?: string | null;

  @ApiProperty(dateTime())
  createdAt: string;

  @ApiPropertyOptional(dateTime(undefined, true))
  revokedAt?: string | null;
}

export class ApiKeyCreated extends ProfileFields {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ description: 'The key itself: shown once, stored only as a hash.' })
  key: string;

  @ApiProperty()
  role: string;

  @ApiProperty()
  organisation: string;

  @ApiProperty()
  trust: string;

  @ApiPropertyOptional()
  partnerNodeId?: string;

  @ApiProperty(dateTime())
  createdAt: string;
}

export class ApiKeyList {
  @ApiProperty({ type: () => [ApiKey] })
  keys: ApiKey[];
}

export class ApiKeyRevoked {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty(dateTime())
  revokedAt: string;
}
