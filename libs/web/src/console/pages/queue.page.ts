import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CHANNELS, INDICATOR_TYPES, SCAM_TYPES } from '@scamintel/vocabulary';
import { ReviewService } from '@scamintel/policing';
import { field, Html } from '../../http/html-route';
import { WebRenderer } from '../../render/renderer';
import { WebError } from '../../web-error';
import { ConsolePage } from '../console-page';
import { actorOfSession, consoleSessionOf } from '../session-request';
import { backTo, oneOf } from './form-input';

const PAGE = 25;
const REVIEW_VERDICTS = ['confirmed', 'rejected', 'needs_info'] as const;

/** The review queue: indicators without an analyst verdict (or flagged), most reported first, each with its newest reports to decide. */
@ConsolePage('queue', { label: 'console.nav.queue' })
export class QueuePage {
  constructor(
    private readonly review: ReviewService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const filters = {
      scamType: oneOf(field(req.query, 'scamType'), SCAM_TYPES),
      channel: oneOf(field(req.query, 'channel'), CHANNELS),
      indicatorType: oneOf(field(req.query, 'indicatorType'), INDICATOR_TYPES),
    };
    const page = Math.min(Math.max(Number.parseInt(field(req.query, 'page') ?? '1', 10) || 1, 1), 1000);
    const items = await this.review.queue({ ...filters, limit: PAGE + 1, offset: (page - 1) * PAGE });
    const shown = items.slice(0, PAGE);
    const reports = await this.review.reportsOf(
      shown.map((i) => i.fingerprint),
      3,
    );
    this.renderer.send(req, reply, 'console/queue', {
      filters,
      page,
      more: items.length > PAGE,
      items: shown.map((i) => ({ ...i, reportList: reports.filter((r) => r.fingerprint === i.fingerprint) })),
      vocab: { scamTypes: SCAM_TYPES, channels: CHANNELS, indicatorTypes: INDICATOR_TYPES },
      done: field(req.query, 'done'),
      verdicts: REVIEW_VERDICTS,
    });
  }

  @Post('reports/:id/review')
  @Html()
  async decide(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const verdict = oneOf(field(req.body, 'verdict'), REVIEW_VERDICTS);
    const note = (field(req.body, 'note') ?? '').trim().slice(0, 2000) || undefined;
    if (!verdict) throw new WebError('validation_failed', 'choose confirmed, rejected or needs information');
    await this.review.reviewReport(actorOfSession(consoleSessionOf(req)!), id, verdict, note);
    this.renderer.redirect(reply, backTo(field(req.body, 'return'), '/console/queue', { done: `review.${verdict}` }));
  }
}
