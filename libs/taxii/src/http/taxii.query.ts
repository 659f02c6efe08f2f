import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** `?match[type]=a&match[type]=b` arrives as an array; TAXII's own form is `match[type]=a,b`. Both are taken. */
const joined = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.join(',') : value);

/** Query of the objects and manifest endpoints (TAXII 2.1 §3.4). */
export class TaxiiListQuery {
  /** Only objects added after this timestamp (RFC 3339, e.g. `2026-11-20T02:15:00.123456Z`); compare with `X-TAXII-Date-Added-Last`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  added_after?: string;

  /** Objects per page; the server caps it at 2000 (default 1000). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;

  /** The `next` of the previous page (with the same filters). */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  next?: string;

  /** STIX ids, comma-separated. */
  @IsOptional()
  @Transform(joined)
  @IsString()
  @MaxLength(10_000)
  'match[id]'?: string;

  /** STIX object types, comma-separated (e.g. `indicator,sighting`). */
  @IsOptional()
  @Transform(joined)
  @IsString()
  @MaxLength(2000)
  'match[type]'?: string;

  /** `last` (default), `first`, `all` or timestamps, comma-separated. Each object has one version here. */
  @IsOptional()
  @Transform(joined)
  @IsString()
  @MaxLength(2000)
  'match[version]'?: string;

  /** STIX spec versions, comma-separated (everything here is `2.1`). */
  @IsOptional()
  @Transform(joined)
  @IsString()
  @MaxLength(200)
  'match[spec_version]'?: string;
}

/** Query of the single-object and versions endpoints. */
export class TaxiiObjectQuery {
  /** Only versions added after this timestamp. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  added_after?: string;

  /** Versions per page (there is one per object here). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;

  /** Not used: an object has a single version here, so there is never a next page. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  next?: string;

  /** `last` (default), `first`, `all` or timestamps, comma-separated. */
  @IsOptional()
  @Transform(joined)
  @IsString()
  @MaxLength(2000)
  'match[version]'?: string;

  /** STIX spec versions, comma-separated. */
  @IsOptional()
  @Transform(joined)
  @IsString()
  @MaxLength(200)
  'match[spec_version]'?: string;
}
