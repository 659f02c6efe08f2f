import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActionsService } from '@scamintel/actions';
import { Html } from '../../http/html-route';
import { WebRenderer } from '../../render/renderer';
import { ConsolePage } from '../console-page';

/** Disruption actions by state, overdue ones first (CONTRACT §13), from the actions lib's board. */
@ConsolePage('actions', { label: 'console.nav.actions' })
export class ActionsPage {
  constructor(
    private readonly actions: ActionsService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const columns = await this.actions.board();
    const overdue = columns.reduce((n, c) => n + c.items.filter((i) => i.overdue).length, 0);
    this.renderer.send(req, reply, 'console/actions', { columns, overdue });
  }
}
