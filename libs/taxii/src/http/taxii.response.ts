import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { STIX_OBJECT } from '@scamintel/common';

const TIMESTAMP = { format: 'date-time' } as const;

export class TaxiiDiscovery {
  @ApiProperty()
  title: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional()
  default?: string;

  @ApiPropertyOptional({ type: [String] })
  api_roots?: string[];
}

export class TaxiiApiRoot {
  @ApiProperty()
  title: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ type: [String] })
  versions: string[];

  @ApiProperty({ type: 'integer' })
  max_content_length: number;
}

export class TaxiiCollection {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional()
  alias?: string;

  @ApiProperty()
  can_read: boolean;

  @ApiProperty()
  can_write: boolean;

  @ApiPropertyOptional({ type: [String] })
  media_types?: string[];
}

export class TaxiiCollections {
  @ApiPropertyOptional({ type: () => [TaxiiCollection], description: 'Left out when this key may read none.' })
  collections?: TaxiiCollection[];
}

@ApiSchema({ description: 'TAXII 2.1 envelope. `objects` is left out when empty; `next` is present exactly when `more` is true.' })
export class TaxiiEnvelope {
  @ApiProperty()
  more: boolean;

  @ApiPropertyOptional({ description: 'Opaque; pass it as `next` with the same filters.' })
  next?: string;

  @ApiPropertyOptional({ type: 'array', items: STIX_OBJECT, description: 'STIX 2.1 objects.' })
  objects?: Record<string, unknown>[];
}

export class TaxiiManifestRecord {
  @ApiProperty()
  id: string;

  @ApiProperty(TIMESTAMP)
  date_added: string;

  @ApiProperty({ ...TIMESTAMP, description: "The object's `modified`, or its date_added (observables)." })
  version: string;

  @ApiProperty()
  media_type: string;
}

export class TaxiiManifest {
  @ApiProperty()
  more: boolean;

  @ApiPropertyOptional()
  next?: string;

  @ApiPropertyOptional({ type: () => [TaxiiManifestRecord] })
  objects?: TaxiiManifestRecord[];
}

export class TaxiiVersions {
  @ApiProperty()
  more: boolean;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'date-time' } })
  versions?: string[];
}

@ApiSchema({
  name: 'TaxiiError',
  description: 'TAXII 2.1 error message (§3.6.1). `error_id` is the request id, `error_code` the contract error code.',
})
export class TaxiiErrorMessage {
  @ApiProperty()
  title: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional()
  error_id?: string;

  @ApiPropertyOptional()
  error_code?: string;

  @ApiPropertyOptional()
  http_status?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Parameter → problem.' })
  details?: Record<string, string>;
}
