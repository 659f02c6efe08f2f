import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ACTION_KINDS, type ActionKind } from '@scamintel/vocabulary';

export class CreateActionDto {
  @IsIn(ACTION_KINDS)
  kind: ActionKind;

  /** The value to act on, as written (normalised; it must be of a type the kind acts on). Or `fingerprint`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  value?: string;

  /** An indicator this node holds. Or `value`. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  fingerprint?: string;

  /** Why: the organisation sees it; the audit log keeps it. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  /** The organisation to act (a reporter key's organisation); without it, routed by profile. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  assignee?: string;

  /** Overrides the kind's lifetime once done. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  caseRef?: string;

  /** A partner node: the request goes to it, signed, and its analysts route it there. */
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,32}$/)
  partner?: string;
}
