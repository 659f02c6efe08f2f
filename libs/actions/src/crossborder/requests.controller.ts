import { Controller, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ApiErrors } from '@scamintel/common';
import { RawBodyRequest, incoming } from '@scamintel/exchange';
import { RequestReceived, StatusReceived } from '../dto/action.response';
import { InboundRequestsService } from './inbound-requests.service';

const SIGNED =
  'Node-to-node, signed like the inbox (RFC 9421 with Content-Digest, `created`, `nonce`, `keyid` of a registered partner); unsigned or badly signed: 401 (audited).';

/** The partner's routes for action requests and their states (CONTRACT §12), authenticated by signature, not API key. */
@Controller('v1/exchange/requests')
export class ExchangeRequestsController {
  constructor(private readonly inbound: InboundRequestsService) {}

  @Post()
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A partner asks this node to act (freeze, block, take down, restrict).',
    description: `${SIGNED} Idempotent per requesting node and its action id: 201 the first time, 200 after.`,
  })
  @ApiCreatedResponse({ type: RequestReceived })
  @ApiOkResponse({ type: RequestReceived, description: 'Already received.' })
  @ApiErrors({ 400: 'Not a valid request (audited).', 401: 'Signature missing or not valid (audited).' })
  async request(@Req() req: RawBodyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { created, answer } = await this.inbound.request(incoming(req), req.body);
    reply.status(created ? 201 : 200);
    return answer;
  }

  @Post(':id/status')
  @HttpCode(200)
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The partner reports the state of a request this node sent (`:id` = this node’s action id).',
    description: SIGNED,
  })
  @ApiOkResponse({ type: StatusReceived })
  @ApiErrors({
    400: 'Not a valid status (audited).',
    401: 'Signature missing or not valid (audited).',
    404: 'No request of this node to the signing partner with that id.',
    409: 'A state that cannot follow the one held.',
  })
  status(@Param('id') id: string, @Req() req: RawBodyRequest) {
    return this.inbound.status(incoming(req), id, req.body);
  }
}
