import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedRequest } from '@scamintel/auth';
import { Access, ApiBodyOf, ApiError, EXAMPLE, locationHeader, RateLimit, RequestError } from '@scamintel/common';
import { ReportBatchDto, ReportDto } from './dto/report.dto';
import { ListReportsQuery } from './dto/list-reports.query';
import { IntakeService } from './intake.service';
import { ReportsService } from './reports.service';
import { decodeCursor, encodeCursor } from './cursor';
import { toReportResponse } from './report-response';
import { IDEMPOTENCY_KEY_HEADER, REPORT_BATCH_EXAMPLES, REPORT_EXAMPLE, REPORT_EXAMPLES, REPORT_PAGE_EXAMPLE } from './dto/report.examples';
import { Report, ReportAccepted, ReportBatchAccepted, ReportPage } from './dto/report.response';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header))
    throw new RequestError('validation_failed', 'Idempotency-Key must be 1-255 visible ASCII characters', [
      { path: 'headers.idempotency-key', message: 'invalid' },
    ]);
  return header;
}

@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly reports: ReportsService,
  ) {}

  @Post()
  @HttpCode(202)
  @Access('reporter', 'analyst', 'public')
  @RateLimit('anonymousReports')
  @ApiOperation({
    summary: 'Submit one scam report.',
    description:
      'Answered only once the report is durably stored. Anonymous submissions (no key) are rate-limited per client address. `Idempotency-Key` makes retries safe.',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiBodyOf(ReportDto, REPORT_EXAMPLES)
  @ApiAcceptedResponse({
    description: 'Stored; processing follows.',
    type: ReportAccepted,
    example: { id: EXAMPLE.reportId, status: 'received' },
    headers: locationHeader('/v1/reports/{id}'),
  })
  @ApiError(422, '`Idempotency-Key` reused with another body.')
  async submit(
    @Body() dto: ReportDto,
    @Req() req: AuthenticatedRequest & { body: unknown },
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const { ids } = await this.intake.submit(req.principal!, [dto], req.body, idempotencyKeyOf(key));
    res.header('Location', `/v1/reports/${ids[0]}`);
    return { id: ids[0], status: 'received' };
  }

  @Post('batch')
  @HttpCode(202)
  @Access('reporter', 'analyst')
  @ApiOperation({ summary: 'Submit 1–1000 reports, all or nothing.' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiBodyOf(ReportBatchDto, REPORT_BATCH_EXAMPLES)
  @ApiAcceptedResponse({
    description: 'Stored; processing follows.',
    type: ReportBatchAccepted,
    example: { ids: [EXAMPLE.reportId, '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d'], status: 'received' },
  })
  @ApiError(422, '`Idempotency-Key` reused with another body.')
  async submitBatch(
    @Body() dto: ReportBatchDto,
    @Req() req: AuthenticatedRequest & { body: unknown },
    @Headers('idempotency-key') key: string | undefined,
  ) {
    if (dto.reports.length === 0)
      throw new RequestError('validation_failed', 'reports must hold 1 to 1000 reports', [
        { path: 'reports', message: 'must not be empty' },
      ]);
    const { ids } = await this.intake.submit(req.principal!, dto.reports, req.body, idempotencyKeyOf(key), 'reports');
    return { ids, status: 'received' };
  }

  @Get(':id')
  @Access('reporter', 'analyst')
  @ApiOperation({ summary: 'One report with the outcome per indicator (its submitter or an analyst).' })
  @ApiOkResponse({ description: 'The report.', type: Report, example: REPORT_EXAMPLE })
  @ApiError(404, 'No such report, or not yours.')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest) {
    const { report, indicators } = await this.reports.get(req.principal!, id);
    return toReportResponse(report, indicators);
  }

  @Get()
  @Access('analyst')
  @ApiOperation({ summary: 'List reports (analyst), oldest first, cursor-paginated.' })
  @ApiOkResponse({ description: 'A page.', type: ReportPage, example: REPORT_PAGE_EXAMPLE })
  async list(@Query() q: ListReportsQuery) {
    const limit = q.limit ?? 50;
    const rows = await this.reports.list({
      status: q.status,
      from: q.from,
      to: q.to,
      scamType: q.scamType,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    });
    const last = rows[rows.length - 1];
    return {
      reports: rows.map((r) => toReportResponse(r, undefined)),
      next: rows.length === limit && last ? encodeCursor({ receivedAt: last.cursorAt, id: last.id }) : null,
    };
  }
}
