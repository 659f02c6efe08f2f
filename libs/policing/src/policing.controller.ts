import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedRequest, actorOf } from '@scamintel/auth';
import { Access, RateLimit } from '@scamintel/common';
import { AppealDto, AppealsQuery, IndicatorVerdictDto, ResolveAppealDto, ReportReviewDto, ReviewQueueQuery } from './dto/review.dto';
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
  async queue(@Query() q: ReviewQueueQuery) {
    return { items: await this.review.queue(q) };
  }

  @Post('reports/:id/review')
  @HttpCode(200)
  @Access('analyst')
  reviewReport(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReportReviewDto, @Req() req: AuthenticatedRequest) {
    return this.review.reviewReport(actorOf(req), id, dto.verdict, dto.note);
  }

  @Post('indicators/:fingerprint/verdict')
  @HttpCode(200)
  @Access('analyst')
  setVerdict(@Param('fingerprint') fingerprint: string, @Body() dto: IndicatorVerdictDto, @Req() req: AuthenticatedRequest) {
    if (!FINGERPRINT.test(fingerprint)) throw new PolicingError('not_found', 'no such indicator');
    return this.review.setVerdict(actorOf(req), fingerprint, dto.verdict, dto.note);
  }

  @Post('appeals')
  @HttpCode(202)
  @Access('public')
  @RateLimit('appeals')
  appeal(@Body() dto: AppealDto, @Req() req: AuthenticatedRequest) {
    return this.appeals.submit(req.ip, dto);
  }

  @Get('appeals')
  @Access('analyst')
  async listAppeals(@Query() q: AppealsQuery) {
    return { appeals: await this.appeals.list(q.status, q.limit) };
  }

  @Post('appeals/:id/resolve')
  @HttpCode(200)
  @Access('analyst')
  resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResolveAppealDto, @Req() req: AuthenticatedRequest) {
    return this.appeals.resolve(actorOf(req), id, dto.outcome, dto.note);
  }
}
