import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { KEYED_TRUST, ROLES, Role, SECTORS, Sector, Trust } from '@scamintel/vocabulary';

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

  /** Reporter keys: the organisation's sector (routes actions, filters webhooks). */
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  /** Banks: the clearing bank codes the organisation answers for (e.g. `7171`, `004`). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  bankCodes?: string[];

  /** Platforms: platform names (`telegram`) or domains they host (`pages.dev`). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  platforms?: string[];

  /** ISO 3166-1 alpha-2 where the organisation operates (telcos: the country whose numbers they carry). */
  @IsOptional()
  @IsString()
  jurisdiction?: string;
}
