import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiError, ApiErrors, Principal } from '@scamintel/common';
import { CreateSubscriptionDto, ReplayDto } from './dto/subscription.dto';
import { DeliveryList, Replayed, SubscriptionCreated, SubscriptionDeleted, SubscriptionList } from './dto/subscription.response';
import { WebhooksService } from './webhooks.service';

type Req = { principal?: Principal };
const who = (req: Req) => {
  const p = req.principal as Extract<Principal, { kind: 'key' }>;
  return { keyId: p.keyId, actor: `key:${p.keyId}` };
};

const EXAMPLE_SUB = {
  id: '3b0c1e52-5d8a-4f0e-9b1a-2c7d4e6f8a90',
  url: 'https://hooks.dbs.example/scamintel',
  events: ['action.assigned', 'action.updated'],
  filter: null,
  status: 'active',
  failures: 0,
  createdAt: '2026-12-01T02:00:00.000Z',
  disabledAt: null,
  disabledReason: null,
};

@Controller('v1/subscriptions')
@Access('reporter', 'analyst')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Subscribe a URL to events (Standard Webhooks); the signing secret is shown once.',
    description:
      'Events: `indicator.verdict_changed`, `action.assigned`, `action.updated`, `campaign.updated`; body `{"type","timestamp","data"}`. Targets must be http(s) and resolve to public addresses (checked again at every delivery) unless WEBHOOK_ALLOW_PRIVATE=true.',
  })
  @ApiBodyOf(CreateSubscriptionDto, {
    bank: {
      summary: 'A bank hearing about its actions',
      value: { url: 'https://hooks.dbs.example/scamintel', events: ['action.assigned', 'action.updated'] },
    },
    filtered: {
      summary: 'Verdict changes of phone numbers',
      value: { url: 'https://hooks.telco.example/verdicts', events: ['indicator.verdict_changed'], filter: { types: ['phone'] } },
    },
  })
  @ApiCreatedResponse({ type: SubscriptionCreated, example: { ...EXAMPLE_SUB, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } })
  @ApiErrors({ 400: 'Invalid body, or a target that is not http(s) or resolves to a private, loopback or link-local address.' })
  subscribe(@Body() dto: CreateSubscriptionDto, @Req() req: Req) {
    return this.webhooks.subscribe(who(req), dto);
  }

  @Get()
  @ApiOperation({ summary: "This key's subscriptions (never their secrets), disabled ones shown as such." })
  @ApiOkResponse({ type: SubscriptionList, example: { subscriptions: [EXAMPLE_SUB] } })
  async list(@Req() req: Req) {
    return { subscriptions: await this.webhooks.list(who(req).keyId) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a subscription: nothing more is sent to it, pending deliveries included.' })
  @ApiOkResponse({ type: SubscriptionDeleted, example: { id: EXAMPLE_SUB.id, deleted: true } })
  @ApiError(404, 'No such subscription of this key.')
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Req): Promise<SubscriptionDeleted> {
    await this.webhooks.remove(who(req), id);
    return { id, deleted: true };
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The latest deliveries of a subscription (100), with their webhook-ids and outcomes.' })
  @ApiOkResponse({ type: DeliveryList })
  @ApiError(404, 'No such subscription of this key.')
  async deliveries(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Req) {
    return { deliveries: await this.webhooks.deliveries(who(req).keyId, id, 100) };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send deliveries again with their original webhook-ids, and enable the subscription again.',
    description: 'The given `deliveries`, or every delivery `since` a time, or (with neither) every failed delivery.',
  })
  @ApiBodyOf(ReplayDto, { failed: { summary: 'Every failed delivery', value: {} } })
  @ApiAcceptedResponse({ type: Replayed })
  @ApiError(404, 'No such subscription of this key.')
  replay(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReplayDto, @Req() req: Req) {
    return this.webhooks.replay(who(req), id, { ids: dto.deliveries, since: dto.since ? new Date(dto.since) : undefined });
  }
}
