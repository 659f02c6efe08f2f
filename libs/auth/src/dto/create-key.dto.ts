import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { KEYED_TRUST, ROLES, Role, Trust } from '@scamintel/vocabulary';

export class CreateKeyDto {
  @IsIn(ROLES)
  role: Role;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisation: string;

  @IsOptional()
  @IsIn(KEYED_TRUST)
  trust?: Exclude<Trust, 'anonymous'>;

  /** For partner keys: the node this key belongs to. */
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,32}$/)
  partnerNodeId?: string;
}
