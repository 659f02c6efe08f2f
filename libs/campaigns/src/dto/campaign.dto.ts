import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SCAM_TYPES, TLPS } from '@scamintel/vocabulary';

const FINGERPRINT = /^[0-9a-f]{64}$/;

export class ListCampaignsQuery {
  /** ISO 3166-1 alpha-2: campaigns with reports from this jurisdiction. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code in upper case' })
  jurisdiction?: string;

  @IsOptional()
  @IsIn(SCAM_TYPES)
  scamType?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minReports?: number;

  /** `true`: only campaigns whose reports span more than one jurisdiction. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  crossBorder?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** `next` of the previous page. */
  @IsOptional()
  @IsString()
  cursor?: string;
}

export class OriginDto {
  /** Suspected country of the scam centre: an assigned ISO 3166-1 alpha-2 code. */
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code in upper case' })
  country: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class PatchCampaignDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** `closed` closes it; `active` reopens it (`dormant` follows from the quiet period and cannot be set). */
  @IsOptional()
  @IsIn(['active', 'closed'])
  status?: 'active' | 'closed';

  @IsOptional()
  @ValidateNested()
  @Type(() => OriginDto)
  origin?: OriginDto;

  /** Who may receive it: `clear` also shows it in public lookups; partners get it up to their `maxTlp`. */
  @IsOptional()
  @IsIn(TLPS)
  tlp?: string;
}

export class MergeCampaignDto {
  /** The other campaign's id. The merged campaign keeps the older id. */
  @IsUUID()
  with: string;
}

export class SplitCampaignDto {
  /** Values to take out into a campaign of their own: every link between them and the rest is cut. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @Matches(FINGERPRINT, { each: true, message: 'each fingerprint must be 64 lower-case hex characters' })
  fingerprints: string[];
}

export class LinkValuesDto {
  /** Fingerprint of one value. */
  @Matches(FINGERPRINT, { message: 'from must be a fingerprint (64 lower-case hex characters)' })
  from: string;

  /** Fingerprint of the other value. */
  @Matches(FINGERPRINT, { message: 'to must be a fingerprint (64 lower-case hex characters)' })
  to: string;

  /** Why (kept in the audit log). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
