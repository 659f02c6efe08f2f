import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { INDICATOR_TYPE_NAMES } from '@scamintel/common';
import type { IndicatorType } from '@scamintel/indicators';

export class LookupQuery {
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  q: string;

  @IsOptional()
  @IsIn(INDICATOR_TYPE_NAMES)
  type?: IndicatorType;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  region?: string;
}
