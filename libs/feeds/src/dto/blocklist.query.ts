import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { INDICATOR_TYPES, type IndicatorType } from '@scamintel/vocabulary';

export class BlocklistQuery {
  /** One indicator type (else all). */
  @IsOptional()
  @IsIn(INDICATOR_TYPES)
  type?: IndicatorType;

  /** `csv` (value,type,fingerprint,status,changed_at) or `txt` (one value per line). Default csv. */
  @IsOptional()
  @IsIn(['csv', 'txt'])
  format?: 'csv' | 'txt';

  /** Only what changed after this time (ISO 8601), revocations included (csv: status `revoked`). */
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}
