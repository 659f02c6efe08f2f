import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INDICATOR_TYPES, type IndicatorType } from '@scamintel/vocabulary';

export class NormalizeItemDto {
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value: string;

  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: IndicatorType;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  region?: string;
}

/** Either one value (`value`, `type`?, `region`?) or `items` — not both. */
export class NormalizeDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value?: string;

  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: IndicatorType;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  region?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NormalizeItemDto)
  items?: NormalizeItemDto[];
}
