import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppealsService } from '@scamintel/policing';
import { field, Html } from '../../http/html-route';
import { WebRenderer } from '../../render/renderer';
import { WebError } from '../../web-error';
import { ConsolePage } from '../console-page';
import { actorOfSession, consoleSessionOf } from '../session-request';
import { backTo, oneOf } from './form-input';

const STATUSES = ['open', 'upheld', 'dismissed'] as const;
const OUTCOMES = ['upheld', 'dismissed'] as const;

/** Appeals of listed values: open ones first, each with uphold/dismiss; upholding marks the value legitimate here. */
@ConsolePage('appeals', { label: 'console.nav.appeals' })
export class AppealsPage {
  constructor(
    private readonly appeals: AppealsService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const status = oneOf(field(req.query, 'status'), STATUSES) ?? 'open';
    const appeals = await this.appeals.list(status, 100);
    this.renderer.send(req, reply, 'console/appeals', { status, statuses: STATUSES, appeals, done: field(req.query, 'done') });
  }

  @Post(':id/resolve')
  @Html()
  async resolve(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = oneOf(field(req.body, 'outcome'), OUTCOMES);
    if (!outcome) throw new WebError('validation_failed', 'choose uphold or dismiss');
    const note = (field(req.body, 'note') ?? '').trim().slice(0, 2000) || undefined;
    await this.appeals.resolve(actorOfSession(consoleSessionOf(req)!), id, outcome, note);
    this.renderer.redirect(reply, backTo(field(req.body, 'return'), '/console/appeals', { done: `appeal.${outcome}` }));
  }
}
