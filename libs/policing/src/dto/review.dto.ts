import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CHANNELS, INDICATOR_TYPES, SCAM_TYPES } from '@scamintel/vocabulary';

export class ReportReviewDto {
  @IsIn(['confirmed', 'rejected', 'needs_info'])
  verdict: 'confirmed' | 'rejected' | 'needs_info';

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class IndicatorVerdictDto {
  @IsIn(['scam', 'legitimate'])
  verdict: 'scam' | 'legitimate';

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReviewQueueQuery {
  @IsOptional()
  @IsIn(SCAM_TYPES)
  scamType?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  indicatorType?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}

export class AppealDto {
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value: string;

  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  region?: string;

  /** How to reach the appellant; personal data, kept on this node only. */
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  contact: string;

  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  reason: string;
}

export class ResolveAppealDto {
  @IsIn(['upheld', 'dismissed'])
  outcome: 'upheld' | 'dismissed';

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AppealsQuery {
  @IsOptional()
  @IsIn(['open', 'upheld', 'dismissed'])
  status?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
