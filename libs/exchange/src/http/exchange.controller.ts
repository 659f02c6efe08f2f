import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Access } from '@scamintel/common';
import { NodeKeyService, PublicIdentity } from '../identity/node-key.service';
import { InboxService } from '../inbound/inbox.service';
import { OutboxPage, OutboxService } from '../inbound/outbox.service';
import { Receipt } from '../core';
import { RawBodyRequest, incoming } from './incoming';

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
  identity(): PublicIdentity {
    return this.node.identity();
  }

  @Post('inbox')
  @HttpCode(200)
  @Access('public')
  @Header('Cache-Control', 'no-store')
  receive(@Req() req: RawBodyRequest): Promise<Receipt> {
    const bundle = req.body;
    // The service reads the parsed bundle once; the request need not hold its thousands of objects until the reply.
    (req as { body?: unknown }).body = undefined;
    return this.inbox.receive(incoming(req), bundle);
  }

  @Get('outbox')
  @Access('public')
  @Header('Cache-Control', 'no-store')
  pull(@Req() req: RawBodyRequest, @Query() q: OutboxQuery): Promise<OutboxPage> {
    return this.outbox.page(incoming(req), q.after, q.limit);
  }
}
