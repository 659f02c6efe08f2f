import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ACTION_KINDS, ACTION_STATES, type ActionKind, type ActionState } from '@scamintel/vocabulary';

export class ListActionsQuery {
  @IsOptional()
  @IsIn(ACTION_STATES)
  state?: ActionState;

  @IsOptional()
  @IsIn(ACTION_KINDS)
  kind?: ActionKind;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** `next` of the previous page. */
  @IsOptional()
  @IsString()
  cursor?: string;
}
