import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of the pull route (a `.query.ts` file, so the swagger CLI plugin documents its parameters). */
export class OutboxQuery {
  /** The `next` of the previous page; omitted = from the start. */
  @IsOptional()
  @IsString()
  @MaxLength(400)
  after?: string;

  /** Indicators per page (each is an SCO, an indicator and a sighting). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
