import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiError } from '@scamintel/common';
import { LOOKUP_EXAMPLE } from '../dto/indicator.examples';
import { LookupService } from '../lookup/lookup.service';
import { resultsBody } from '../lookup/answer-bytes';
import { checkItems } from './check-items';
import { CheckDto } from './check.dto';
import { CheckResults } from './check.response';

const EXAMPLES = {
  payees: {
    summary: 'A bank screening a payee account and a caller',
    value: { items: [{ value: 'DBS 123-456789-0', type: 'bank_account' }, { value: '+65 8123 4567' }, { value: 'not a value' }] },
  },
};

@Controller('v1')
export class BatchCheckController {
  constructor(private readonly lookups: LookupService) {}

  @Post('check')
  @HttpCode(200)
  @Access('reporter', 'analyst')
  @ApiOperation({
    summary: 'Batch lookup for banks, telcos and platforms (payee, caller and link checks): 1–1000 values.',
    description:
      'One lookup answer per item, in order (the shape of `GET /v1/lookup`); an item that is malformed or no indicator is answered in place with `rejected`. Read in one database round trip; not counted against the public lookup limit.',
  })
  @ApiBodyOf(CheckDto, EXAMPLES)
  @ApiOkResponse({ description: 'The answers, in order.', type: CheckResults, example: { results: [LOOKUP_EXAMPLE] } })
  @ApiError(400, 'Not 1–1000 items.')
  // The body as bytes (answer-bytes.ts): the JSON of CheckResults, without serialising 1,000 answer objects.
  @Header('content-type', 'application/json; charset=utf-8')
  async check(@Body() dto: CheckDto): Promise<Buffer> {
    return resultsBody(await this.lookups.pieces(checkItems(dto.items)));
  }
}
