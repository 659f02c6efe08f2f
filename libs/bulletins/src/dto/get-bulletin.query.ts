import { IsIn, IsOptional, Matches } from 'class-validator';
import { FORMATS, type BulletinFormat } from '../core';

export class GetBulletinQuery {
  /** Defaults to the bulletin's first language. */
  @IsOptional()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'lang must be a language code such as en or ko' })
  lang?: string;

  @IsOptional()
  @IsIn(FORMATS)
  format?: BulletinFormat;
}
