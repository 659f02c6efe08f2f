import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AuthenticatedRequest, actorOf } from '@scamintel/auth';
import { Access, ApiBodyOf, ApiError, ApiErrors, RateLimit } from '@scamintel/common';
import { AppealDto, AppealsQuery, IndicatorVerdictDto, ResolveAppealDto, ReportReviewDto, ReviewQueueQuery } from './dto/review.dto';
import {
  APPEAL_ACCEPTED_EXAMPLE,
  APPEAL_EXAMPLES,
  APPEAL_LIST_EXAMPLE,
  RESOLVED_EXAMPLE,
  RESOLVE_EXAMPLES,
  REVIEWED_EXAMPLE,
  REVIEW_EXAMPLES,
  REVIEW_QUEUE_EXAMPLE,
  VERDICT_EXAMPLES,
  VERDICT_SET_EXAMPLE,
} from './dto/policing.examples';
import { AppealAccepted, AppealList, AppealResolved, IndicatorVerdictSet, ReportReviewed, ReviewQueue } from './dto/policing.response';
import { AppealsService } from './appeals.service';
import { PolicingError } from './policing-error';
import { ReviewService } from './review.service';

const FINGERPRINT = /^[0-9a-f]{64}$/;

@Controller('v1')
export class PolicingController {
  constructor(
    private readonly review: ReviewService,
    private readonly appeals: AppealsService,
  ) {}

  @Get('review/queue')
  @Access('analyst')
  @ApiOperation({ summary: "Indicators waiting for an analyst's review in this jurisdiction (no verdict yet, or an open flag)." })
  @ApiOkResponse({ description: 'The queue, with the verdict the rules give now.', type: ReviewQueue, example: REVIEW_QUEUE_EXAMPLE })
  async queue(@Query() q: ReviewQueueQuery) {
    return { items: await this.review.queue(q) };
  }

  @Post('reports/:id/review')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({
    summary: 'Review a report (analyst; audited). Confirming it confirms its indicators.',
    description:
      'Rejecting it takes its sightings out of every count (reports, reporters, first/last seen, scam types, channels, losses) ' +
      'and so out of the verdicts; rejecting it again changes nothing. A later review that does not reject it puts them back, once.',
  })
  @ApiBodyOf(ReportReviewDto, REVIEW_EXAMPLES)
  @ApiOkResponse({ description: 'Reviewed.', type: ReportReviewed, example: REVIEWED_EXAMPLE })
  @ApiErrors({ 404: 'No such report.', 409: 'Rejected while still being processed.' })
  reviewReport(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReportReviewDto, @Req() req: AuthenticatedRequest) {
    return this.review.reviewReport(actorOf(req), id, dto.verdict, dto.note);
  }

  @Post('indicators/:fingerprint/verdict')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({ summary: "Set this jurisdiction's verdict on an indicator, overriding the rules (analyst; audited)." })
  @ApiBodyOf(IndicatorVerdictDto, VERDICT_EXAMPLES)
  @ApiOkResponse({ description: 'Set.', type: IndicatorVerdictSet, example: VERDICT_SET_EXAMPLE })
  @ApiError(404, 'No such indicator.')
  setVerdict(@Param('fingerprint') fingerprint: string, @Body() dto: IndicatorVerdictDto, @Req() req: AuthenticatedRequest) {
    if (!FINGERPRINT.test(fingerprint)) throw new PolicingError('not_found', 'no such indicator');
    return this.review.setVerdict(actorOf(req), fingerprint, dto.verdict, dto.note);
  }

  @Post('appeals')
  @HttpCode(202)
  @Access('public')
  @RateLimit('appeals')
  @ApiOperation({
    summary: 'Appeal a verdict (public, rate-limited): "this number is mine and not a scam".',
    description: 'The contact is personal data: it stays on this node and is shown to its analysts only.',
  })
  @ApiBodyOf(AppealDto, APPEAL_EXAMPLES)
  @ApiAcceptedResponse({ description: 'Recorded for review.', type: AppealAccepted, example: APPEAL_ACCEPTED_EXAMPLE })
  @ApiError(422, 'The value is no indicator.')
  appeal(@Body() dto: AppealDto, @Req() req: AuthenticatedRequest) {
    return this.appeals.submit(req.ip, dto);
  }

  @Get('appeals')
  @Access('analyst')
  @ApiOperation({ summary: 'List appeals (analyst).' })
  @ApiOkResponse({ description: 'Oldest first.', type: AppealList, example: APPEAL_LIST_EXAMPLE })
  async listAppeals(@Query() q: AppealsQuery) {
    return { appeals: await this.appeals.list(q.status, q.limit) };
  }

  @Post('appeals/:id/resolve')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({ summary: 'Resolve an appeal (analyst; audited). Upholding it marks the value legitimate here.' })
  @ApiBodyOf(ResolveAppealDto, RESOLVE_EXAMPLES)
  @ApiOkResponse({ description: 'Resolved.', type: AppealResolved, example: RESOLVED_EXAMPLE })
  @ApiErrors({ 404: 'No such appeal.', 409: 'Already resolved.' })
  resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResolveAppealDto, @Req() req: AuthenticatedRequest) {
    return this.appeals.resolve(actorOf(req), id, dto.outcome, dto.note);
  }
}
