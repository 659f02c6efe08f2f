import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UUID, dateTime } from '@scamintel/common';

export class ApiKey {
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

export class ApiKeyCreated {
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
