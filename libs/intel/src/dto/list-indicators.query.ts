import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INDICATOR_TYPES } from '@scamintel/vocabulary';

export class ListIndicatorsQuery {
  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: string;

  @IsOptional()
  @IsISO8601()
  updatedSince?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
