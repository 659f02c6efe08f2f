import { ApiProperty } from '@nestjs/swagger';
import { LookupAnswer } from '../dto/lookup.response';

export class CheckResults {
  @ApiProperty({ type: () => [LookupAnswer], description: 'One lookup answer per item, in the order sent.' })
  results: LookupAnswer[];
}
