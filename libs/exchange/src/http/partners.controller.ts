import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService } from '@scamintel/audit';
import { AuthenticatedRequest, actorOf } from '@scamintel/auth';
import { Access, ApiBodyOf, ApiError, locationHeader } from '@scamintel/common';
import { ExchangeError } from '../exchange-error';
import { PartnerRemoval } from '../partners/partner-removal';
import { PartnerView, PartnersService } from '../partners/partners.service';
import { SyncQueue } from '../push/sync-queue';
import {
  PARTNER_EXAMPLE,
  Partner,
  PartnerList,
  PartnerRegistration,
  PartnerRemoved,
  PartnerSyncAccepted,
  REGISTRATION_EXAMPLE,
} from './partners.response';

const NODE_ID = /^[a-z0-9-]{2,32}$/;

/** Partners and their policy (CONTRACT §7). Every change is audited; the pseudonym key is write-only. */
@Controller('v1/admin/partners')
@Access('admin')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly sync: SyncQueue,
    private readonly audit: AuditService,
    private readonly removal: PartnerRemoval,
  ) {}

  /** Registers a partner (201) or replaces its registration (200); the body is checked by parsePartnerInput. */
  @Post()
  @ApiOperation({ summary: 'Register a partner node or replace its registration (audited).' })
  @ApiBodyOf(
    PartnerRegistration,
    { partner: { summary: 'A partner node', value: REGISTRATION_EXAMPLE } },
    'The partner registration (CONTRACT §7).',
  )
  @ApiCreatedResponse({
    description: 'Registered.',
    type: Partner,
    example: PARTNER_EXAMPLE,
    headers: locationHeader('/v1/admin/partners/{nodeId}'),
  })
  @ApiOkResponse({ description: 'Registration replaced.', type: Partner, example: PARTNER_EXAMPLE })
  async register(
    @Body() body: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PartnerView> {
    const { created, partner } = await this.partners.register(actorOf(req), body);
    res.status(created ? 201 : 200);
    if (created) res.header('Location', `/v1/admin/partners/${partner.nodeId}`);
    return partner;
  }

  @Get()
  @ApiOperation({ summary: 'List partner nodes with their policy, mode and push and pull state.' })
  @ApiOkResponse({ description: 'Partners.', type: PartnerList, example: { partners: [PARTNER_EXAMPLE] } })
  async list(): Promise<{ partners: PartnerView[] }> {
    return { partners: await this.partners.list() };
  }

  @Get(':nodeId')
  @ApiOperation({ summary: 'One partner.' })
  @ApiOkResponse({ description: 'The partner.', type: Partner, example: PARTNER_EXAMPLE })
  @ApiError(404, 'No such partner.')
  view(@Param('nodeId') nodeId: string): Promise<PartnerView> {
    if (!NODE_ID.test(nodeId)) throw new ExchangeError('not_found', 'no such partner');
    return this.partners.view(nodeId);
  }

  @Delete(':nodeId')
  @ApiOperation({
    summary: 'End a partnership (audited): no more traffic either way; what it sent stays, marked as from a former partner.',
    description:
      'Its signed requests are refused (401) from now on, its partner API keys are revoked, and this node neither pushes to nor pulls from it. Registering it again resumes the exchange from the start.',
  })
  @ApiOkResponse({
    description: 'Ended.',
    type: PartnerRemoved,
    example: { nodeId: 'kr-knpa', endedAt: '2026-12-03T15:00:00.000Z', sightingsKept: 8421, keysRevoked: 1 },
  })
  @ApiError(404, 'No such partner.')
  remove(@Param('nodeId') nodeId: string, @Req() req: AuthenticatedRequest): Promise<PartnerRemoved> {
    if (!NODE_ID.test(nodeId)) throw new ExchangeError('not_found', 'no such partner');
    return this.removal.remove(actorOf(req), nodeId);
  }

  /** 202: the worker exchanges now (push, pull or both, by the partner's mode) instead of waiting for the schedule. */
  @Post(':nodeId/sync')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Exchange with a partner now instead of waiting for the schedule: push, pull its outbox, or both, by the partner's mode (audited).",
  })
  @ApiAcceptedResponse({
    description: 'An exchange job is queued (or already waiting).',
    type: PartnerSyncAccepted,
    example: { partner: 'kr-knpa', status: 'accepted', job: 'waiting' },
  })
  @ApiError(404, 'No such partner.')
  async syncNow(@Param('nodeId') nodeId: string, @Req() req: AuthenticatedRequest) {
    const partner = NODE_ID.test(nodeId) ? await this.partners.get(nodeId) : undefined;
    if (!partner) throw new ExchangeError('not_found', 'no such partner');
    const job = await this.sync.request(nodeId);
    await this.audit.record({
      actor: actorOf(req),
      action: 'exchange.sync_requested',
      subject: nodeId,
      details: { jobId: job.jobId, state: job.state },
    });
    return { partner: nodeId, status: 'accepted', job: job.state };
  }
}
