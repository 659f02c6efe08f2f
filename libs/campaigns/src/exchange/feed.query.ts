import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of GET /v1/exchange/campaigns (a `.query.ts` file, so the swagger CLI plugin documents its parameters). */
export class CampaignsFeedQuery {
  /** The `next` of the previous page; omitted = from the start (the whole campaign set, then every link). */
  @IsOptional()
  @IsString()
  @MaxLength(400)
  after?: string;

  /** Co-occurrence links examined per page (the campaign set, when it changed, comes whole on the first page). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  limit?: number;
}
