import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiErrors } from '@scamintel/common';
import { RawBodyRequest, incoming } from '@scamintel/exchange';
import { CampaignsReceived } from '../dto/campaign.response';
import { CampaignsInboundService } from './inbound.service';

/** The partner's route for campaigns and co-occurrence links, authenticated by signature, not API key. */
@Controller('v1/exchange/campaigns')
export class ExchangeCampaignsController {
  constructor(private readonly inbound: CampaignsInboundService) {}

  @Post()
  @HttpCode(200)
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A partner sends its campaigns and co-occurrence links (STIX 2.1 `campaign`, `relationship`, `location`).',
    description:
      'Node-to-node, signed like the inbox (RFC 9421 with Content-Digest). Aggregates only (counts, losses per currency), never report contents; values as fingerprints, or pseudonym fingerprints for pseudonymised types. Idempotent: absolute values, so a bundle received twice changes nothing.',
  })
  @ApiOkResponse({ type: CampaignsReceived })
  @ApiErrors({
    400: 'Not STIX campaigns this node can read (audited).',
    401: 'Signature missing or not valid (audited).',
    403: 'Breaks this node’s policy for the partner (audited).',
  })
  receive(@Req() req: RawBodyRequest) {
    return this.inbound.receive(incoming(req), req.body);
  }
}
