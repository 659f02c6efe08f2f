import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Access, RateLimit } from '@scamintel/common';
import { CHANNELS, SCAM_TYPES } from '@scamintel/vocabulary';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { IntakeService, ReportDto, ReportsService } from '@scamintel/intake';
import { field, Html } from '../http/html-route';
import { WebRenderer } from '../render/renderer';
import { WebError } from '../web-error';
import { nonceOrNew, newNonce, readReceiptCode, receiptCodeFor, receiptHash } from './receipt-code';
import { FORM_CURRENCIES, FormProblem, readReportForm, ReportFormValues, toReportBody } from './report-form';
import { ReceiptsRepository } from './receipts.repository';

/**
 * `/report`: the anonymous report form (CONTRACT §13). It goes through the same intake as `POST /v1/reports`
 * (IntakeService: one transaction with the outbox row, the answer only after the commit) under the same
 * anonymous rate limit, and answers with a receipt code; `/report/status?code=` shows what became of it.
 */
@Controller('report')
@ApiExcludeController()
@Access('public')
export class ReportController {
  constructor(
    private readonly intake: IntakeService,
    private readonly reports: ReportsService,
    private readonly receipts: ReceiptsRepository,
    private readonly renderer: WebRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Html()
  form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.showForm(req, reply, readReportForm({}, this.config.jurisdiction), newNonce(), [], 200);
  }

  @Post()
  @Html()
  @RateLimit('anonymousReports')
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const values = readReportForm(req.body, this.config.jurisdiction);
    const nonce = nonceOrNew(field(req.body, 'nonce'));
    const { body, problems } = toReportBody(values, { region: this.config.jurisdiction, timeZone: this.config.bulletins.timezone });
    if (!body) return this.showForm(req, reply, values, nonce, problems, 400);
    const dto = plainToInstance(ReportDto, body);
    if ((await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).length)
      throw new WebError('validation_failed', 'the report is not valid');
    let ids: string[];
    try {
      ({ ids } = await this.intake.submit({ kind: 'public', clientAddress: req.ip }, [dto], body, `web-report:${nonce}`));
    } catch (err) {
      const problem = formProblemOf(err);
      if (!problem) throw err;
      return this.showForm(req, reply, values, problem.code === 'alreadySent' ? newNonce() : nonce, [problem], 400);
    }
    const code = receiptCodeFor(nonce);
    await this.receipts.save(receiptHash(code), ids[0]);
    const lang = this.renderer.language(req);
    this.renderer.redirect(reply, `/report/status?code=${code}&sent=1${lang.explicit ? `&lang=${lang.lang}` : ''}`);
  }

  @Get('status')
  @Html()
  @RateLimit('lookup')
  async status(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const given = field(req.query, 'code');
    if (given === undefined || !given.trim()) return this.renderer.send(req, reply, 'report/status', { given: '' });
    const code = readReceiptCode(given);
    const reportId = code ? await this.receipts.reportId(receiptHash(code)) : undefined;
    const found = reportId ? await this.reports.forReceipt(reportId) : undefined;
    if (!found) return this.renderer.send(req, reply, 'report/status', { given, notFound: true }, { status: 404 });
    const { report, indicators } = found;
    this.renderer.send(req, reply, 'report/status', {
      given: code,
      code,
      sent: field(req.query, 'sent') === '1',
      report: {
        status: report.status,
        scamType: report.scamType,
        channel: report.channel,
        occurredAt: report.occurredAt,
        receivedAt: report.receivedAt,
        processedAt: report.processedAt,
        indicators:
          report.status === 'received'
            ? report.submitted.map((i) => ({ raw: i.value, status: 'pending' }))
            : indicators.map((i) => ({ raw: i.raw, source: i.source, type: i.type, value: i.value, status: i.status, reason: i.reason })),
      },
    });
  }

  private showForm(
    req: FastifyRequest,
    reply: FastifyReply,
    values: ReportFormValues,
    nonce: string,
    problems: FormProblem[],
    status: number,
  ) {
    this.renderer.send(
      req,
      reply,
      'report/form',
      { values, nonce, problems, scamTypes: SCAM_TYPES, channels: CHANNELS, currencies: FORM_CURRENCIES },
      { status },
    );
  }
}

/** The intake's own refusals, said on the form: a future date, nothing to report, the same form sent with other content. */
function formProblemOf(err: unknown): FormProblem | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err.code === 'idempotency_conflict') return { field: 'narrative', code: 'alreadySent' };
  if (err.code !== 'validation_failed') return undefined;
  const path = err.details[0]?.path ?? '';
  if (path.endsWith('occurredAt')) return { field: 'occurredOn', code: 'future' };
  return { field: 'indicators', code: 'needSomething' };
}
