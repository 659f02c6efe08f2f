import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiError, EXAMPLE } from '@scamintel/common';
import { NodeKeyService, PublicIdentity } from '../identity/node-key.service';
import { InboxService } from '../inbound/inbox.service';
import { OutboxPage, OutboxService } from '../inbound/outbox.service';
import { Receipt } from '../core';
import { RawBodyRequest, incoming } from './incoming';
import { OutboxQuery } from './outbox.query';
import { ExchangeIdentity, ExchangeOutboxPage, ExchangeReceipt, RECEIPT_EXAMPLE, StixBundle } from './exchange.response';

const SIGNED =
  'Node-to-node: authenticated by the RFC 9421 HTTP Message Signature of the request (Content-Digest, `created`, `nonce`, `keyid` of a registered partner), not by an API key. Bad or missing signature, unknown key, stale `created` or a replayed nonce: 401 (audited).';

/**
 * Node-to-node routes. They are `public` to the API-key guard because a partner node authenticates by the RFC 9421
 * signature of each request (its registered Ed25519 key), which the services check first; an unsigned or
 * badly signed request is a 401 with an audit entry.
 */
@Controller('v1/exchange')
export class ExchangeController {
  constructor(
    private readonly node: NodeKeyService,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
  ) {}

  @Get('identity')
  @Access('public')
  @ApiOperation({ summary: "This node's exchange identity and public key." })
  @ApiOkResponse({
    description: 'Identity.',
    type: ExchangeIdentity,
    example: { nodeId: 'sg-spf', jurisdiction: 'SG', keyId: EXAMPLE.nodeKeyId, publicKey: EXAMPLE.publicKey },
  })
  identity(): PublicIdentity {
    return this.node.identity();
  }

  @Post('inbox')
  @HttpCode(200)
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Push: a partner delivers a STIX 2.1 bundle; answered with a signed receipt.',
    description: `${SIGNED} A bundle that breaks this node's rules is refused whole (403, audited). Delivering the same batch twice changes nothing.`,
  })
  @ApiConsumes('application/stix+json;version=2.1', 'application/json')
  @ApiBodyOf(
    StixBundle,
    { empty: { summary: 'A bundle', value: { type: 'bundle', id: 'bundle--6f1e7c52-7b0a-4c52-9d33-0e4f7a1b2c3d', objects: [] } } },
    'STIX 2.1 bundle (`application/stix+json;version=2.1`; `application/json` accepted).',
  )
  @ApiOkResponse({
    description: 'Received; the receipt is signed by this node and carries its audit head.',
    type: ExchangeReceipt,
    example: RECEIPT_EXAMPLE,
  })
  @ApiError(401, 'Signature missing or not valid (audited).')
  @ApiError(403, 'The bundle breaks the policy (audited); nothing stored.')
  receive(@Req() req: RawBodyRequest): Promise<Receipt> {
    const bundle = req.body;
    // The service reads the parsed bundle once; the request need not hold its thousands of objects until the reply.
    (req as { body?: unknown }).body = undefined;
    return this.inbox.receive(incoming(req), bundle);
  }

  @Get('outbox')
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Pull: what this node would push to the calling partner, after a cursor.', description: SIGNED })
  @ApiOkResponse({
    description: 'A page of STIX objects under the partner policy.',
    type: ExchangeOutboxPage,
    example: { objects: [], next: 'MTc2NDMwMDAwMDAwMHw0Mg', more: false },
  })
  @ApiError(401, 'Signature missing or not valid (audited).')
  pull(@Req() req: RawBodyRequest, @Query() q: OutboxQuery): Promise<OutboxPage> {
    return this.outbox.page(incoming(req), q.after, q.limit);
  }
}
