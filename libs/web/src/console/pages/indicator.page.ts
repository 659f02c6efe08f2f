import { Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { tryNormalize } from '@scamintel/indicators';
import { LookupService } from '@scamintel/intel';
import { ReviewService } from '@scamintel/policing';
import { field, Html } from '../../http/html-route';
import { WebRenderer } from '../../render/renderer';
import { WebError } from '../../web-error';
import { ConsolePage } from '../console-page';
import { actorOfSession, consoleSessionOf } from '../session-request';
import { backTo, oneOf } from './form-input';

const FINGERPRINT = /^[0-9a-f]{64}$/;
const VERDICTS = ['scam', 'legitimate'] as const;

/** One indicator: each jurisdiction's verdict side by side, the evidence behind them, and this node's verdict action. */
@ConsolePage('indicators', { label: 'console.nav.indicators' })
export class IndicatorPage {
  constructor(
    private readonly lookups: LookupService,
    private readonly review: ReviewService,
    private readonly renderer: WebRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Find an indicator by any written form of its value. */
  @Get()
  @Html()
  search(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const q = (field(req.query, 'q') ?? '').trim();
    if (!q) return this.renderer.send(req, reply, 'console/indicator-search', { q });
    const n = tryNormalize(q, { region: this.config.jurisdiction });
    if (!n.ok) return this.renderer.send(req, reply, 'console/indicator-search', { q, unreadable: n.code }, { status: 422 });
    const lang = this.renderer.language(req);
    this.renderer.redirect(reply, `/console/indicators/${n.indicator.fingerprint}${lang.explicit ? `?lang=${lang.lang}` : ''}`);
  }

  @Get(':fingerprint')
  @Html()
  async show(@Param('fingerprint') fingerprint: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const detail = FINGERPRINT.test(fingerprint) ? await this.lookups.detail(fingerprint) : undefined;
    if (!detail) throw new WebError('not_found', 'no such indicator');
    const reports = await this.review.reportsOf([fingerprint], 20);
    this.renderer.send(req, reply, 'console/indicator', {
      detail,
      here: this.config.nodeId,
      jurisdiction: this.config.jurisdiction,
      reports,
      done: field(req.query, 'done'),
      verdicts: VERDICTS,
    });
  }

  @Post(':fingerprint/verdict')
  @Html()
  async verdict(@Param('fingerprint') fingerprint: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const verdict = oneOf(field(req.body, 'verdict'), VERDICTS);
    if (!FINGERPRINT.test(fingerprint)) throw new WebError('not_found', 'no such indicator');
    if (!verdict) throw new WebError('validation_failed', 'choose scam or legitimate');
    const note = (field(req.body, 'note') ?? '').trim().slice(0, 2000) || undefined;
    await this.review.setVerdict(actorOfSession(consoleSessionOf(req)!), fingerprint, verdict, note);
    this.renderer.redirect(reply, backTo(field(req.body, 'return'), `/console/indicators/${fingerprint}`, { done: `verdict.${verdict}` }));
  }
}
