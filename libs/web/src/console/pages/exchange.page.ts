import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PartnersService } from '@scamintel/exchange';
import { Html } from '../../http/html-route';
import { WebRenderer } from '../../render/renderer';
import { ConsolePage } from '../console-page';

/** The exchange per partner: sent, received, withheld by reason, last sync, lag and refusals, both ways. */
@ConsolePage('exchange', { label: 'console.nav.exchange' })
export class ExchangePage {
  constructor(
    private readonly partners: PartnersService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const now = Date.now();
    const partners = (await this.partners.exchangeStatus()).map((p) => ({
      ...p,
      withheldList: Object.entries(p.withheld)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1]),
      lagMs: p.oldestUnsent ? now - new Date(p.oldestUnsent).getTime() : 0,
      sinceReceivedMs: p.lastReceivedAt ? now - new Date(p.lastReceivedAt).getTime() : undefined,
    }));
    this.renderer.send(req, reply, 'console/exchange', { partners });
  }
}
