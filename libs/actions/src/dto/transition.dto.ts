import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ACTION_STATES, type ActionState } from '@scamintel/vocabulary';

export class TransitionDto {
  /** The assignee: `acknowledged`, `done`, `declined`; an analyst: `released` (or `declined` before anyone acknowledged). */
  @IsIn(ACTION_STATES)
  to: ActionState;

  /** Who did what and why, kept in the action's history and the audit log. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export class AcceptDto {
  /** The organisation to act here; without it, routed by profile. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  assignee?: string;
}
