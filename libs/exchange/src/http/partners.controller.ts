import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuditService } from '@scamintel/audit';
import { AuthenticatedRequest, actorOf } from '@scamintel/auth';
import { Access } from '@scamintel/common';
import { ExchangeError } from '../exchange-error';
import { PartnerView, PartnersService } from '../partners/partners.service';
import { SyncQueue } from '../push/sync-queue';

const NODE_ID = /^[a-z0-9-]{2,32}$/;

/** Partners and their policy (CONTRACT §7). Every change is audited; the pseudonym key is write-only. */
@Controller('v1/admin/partners')
@Access('admin')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly sync: SyncQueue,
    private readonly audit: AuditService,
  ) {}

  /** Registers a partner (201) or replaces its registration (200); the body is checked by parsePartnerInput. */
  @Post()
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
  async list(): Promise<{ partners: PartnerView[] }> {
    return { partners: await this.partners.list() };
  }

  @Get(':nodeId')
  view(@Param('nodeId') nodeId: string): Promise<PartnerView> {
    if (!NODE_ID.test(nodeId)) throw new ExchangeError('not_found', 'no such partner');
    return this.partners.view(nodeId);
  }

  /** 202: the worker pushes now instead of waiting for the schedule. */
  @Post(':nodeId/sync')
  @HttpCode(202)
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
