import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiErrors } from '@scamintel/common';
import { RawBodyRequest, incoming } from '@scamintel/exchange';
import { CampaignsReceived } from '../dto/campaign.response';
import { CampaignsFeedPage, CampaignsFeedService } from './feed.service';
import { CampaignsFeedQuery } from './feed.query';
import { CampaignsFeedPageResponse } from './feed.response';
import { CampaignsInboundService } from './inbound.service';

const SIGNED =
  'Node-to-node, authenticated by the RFC 9421 HTTP Message Signature of the request (Content-Digest with a body, `created`, `nonce`, `keyid` of a registered partner), not by an API key. Bad or missing signature, unknown key (a former partner’s too), stale `created` or a replayed nonce: 401 (audited).';

/**
 * The partner's routes for campaigns and co-occurrence links, authenticated by signature, not API key: POST to push
 * them here, GET to pull this node's (an extension of CONTRACT §7's pull to the campaigns channel, in the outbox's shape).
 */
@Controller('v1/exchange/campaigns')
export class ExchangeCampaignsController {
  constructor(
    private readonly inbound: CampaignsInboundService,
    private readonly feed: CampaignsFeedService,
  ) {}

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

  @Get()
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Pull: the campaigns and co-occurrence links this node would push to the calling partner, after a cursor.',
    description: `${SIGNED} Extension of CONTRACT §7 (pull) for a partner configured \`pull\` or \`both\`: the same objects as the push to POST /v1/exchange/campaigns, under the same policy (up to its \`maxTlp\`, never red or amber+strict, its types, pseudonyms for pseudonymised types, nothing received from another node), paged like GET /v1/exchange/outbox. A page holds the whole campaign set (its sender \`identity\` marked as the complete set) when it changed since the cursor, then the links after it. Deterministic ids: reading a page again changes nothing at the puller.`,
  })
  @ApiOkResponse({
    description: 'A page of STIX objects under the partner policy.',
    type: CampaignsFeedPageResponse,
    example: { objects: [], next: 'YzE6NDI6LQ', more: false },
  })
  @ApiErrors({
    400: '`after` is not a cursor of this node, or `limit` is out of range.',
    401: 'Signature missing or not valid (audited).',
  })
  pull(@Req() req: RawBodyRequest, @Query() q: CampaignsFeedQuery): Promise<CampaignsFeedPage> {
    return this.feed.page(incoming(req), q.after, q.limit);
  }
}
