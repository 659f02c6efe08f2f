import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ACTIVE_CURRENCIES, CHANNELS, INDICATOR_TYPES, LOSS_AMOUNT, SCAM_TYPES, TLPS } from '@scamintel/vocabulary';

export class IndicatorInputDto {
  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value: string;

  /** ISO region for phone parsing when the number is written without a country code. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  region?: string;
}

export class LossDto {
  @ApiProperty({ pattern: LOSS_AMOUNT.source, example: '1500.00' })
  @Matches(LOSS_AMOUNT, { message: 'amount must be a decimal string greater than 0, such as "1500.00"' })
  amount: string;

  @IsIn([...ACTIVE_CURRENCIES], { message: 'currency must be an active ISO 4217 code, such as "SGD" or "KRW"' })
  currency: string;
}

export class ReporterDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;
}

export class ReportDto {
  @IsIn(SCAM_TYPES)
  scamType: string;

  @IsIn(CHANNELS)
  channel: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code' })
  jurisdiction?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LossDto)
  loss?: LossDto;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  narrative?: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IndicatorInputDto)
  indicators: IndicatorInputDto[];

  @IsOptional()
  @IsIn(TLPS)
  tlp?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalRef?: string;
}

export class ReportBatchDto {
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReportDto)
  reports: ReportDto[];
}
