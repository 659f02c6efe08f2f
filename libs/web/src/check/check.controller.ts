import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, RateLimit } from '@scamintel/common';
import { field, Html } from '../http/html-route';
import { WebRenderer } from '../render/renderer';
import { CheckService, MAX_CHECK_LENGTH } from './check.service';

/** `/`: the check form; `GET /check?q=` (CONTRACT §13): the answer for everything in a pasted message. */
@Controller()
@ApiExcludeController()
@Access('public')
export class CheckController {
  constructor(
    private readonly checks: CheckService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.renderer.send(
      req,
      reply,
      'home',
      { q: '', maxLength: MAX_CHECK_LENGTH, advice: this.checks.generalAdvice() },
      { cache: 'revalidate' },
    );
  }

  // Each check is one lookup request against the public limit, however many values the message holds (at most 20).
  @Get('check')
  @Html()
  @RateLimit('lookup')
  async check(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = field(req.query, 'q') ?? '';
    if (!q.trim()) {
      this.renderer.send(
        req,
        reply,
        'home',
        { q, maxLength: MAX_CHECK_LENGTH, empty: true, advice: this.checks.generalAdvice() },
        { status: 400, cache: 'no-store' },
      );
      return;
    }
    const result = await this.checks.check(q);
    this.renderer.send(req, reply, 'home', { q: result.query, maxLength: MAX_CHECK_LENGTH, result }, { cache: 'no-store' });
  }
}
