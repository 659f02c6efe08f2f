import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { INDICATOR_TYPES, type IndicatorType } from '@scamintel/vocabulary';

export class LookupQuery {
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  q: string;

  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: IndicatorType;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  region?: string;
}
