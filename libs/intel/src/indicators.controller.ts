import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiError, RateLimit } from '@scamintel/common';
import { normalize, tryNormalize } from '@scamintel/indicators';
import { ListIndicatorsQuery } from './dto/list-indicators.query';
import { LookupQuery } from './dto/lookup.query';
import { NormalizeDto } from './dto/normalize.dto';
import {
  INDICATOR_DETAIL_EXAMPLE,
  INDICATOR_PAGE_EXAMPLE,
  LOOKUP_EXAMPLE,
  NORMALIZED_EXAMPLE,
  NORMALIZE_EXAMPLES,
  NOT_AN_INDICATOR_EXAMPLE,
} from './dto/indicator.examples';
import { Indicator, IndicatorDetail, IndicatorPage, NormalizedItems } from './dto/indicator.response';
import { LookupAnswer } from './dto/lookup.response';
import { IntelError } from './intel-error';
import { answerBody } from './lookup/answer-bytes';
import { LookupService } from './lookup/lookup.service';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Inject } from '@nestjs/common';
import { decodeStringCursor, encodeCursor, isFingerprint } from '@scamintel/vocabulary';

function decodeListCursor(s: string): { updatedAt: string; fingerprint: string } {
  const [updatedAt, fingerprint] = decodeStringCursor(s, 2) ?? [];
  if (updatedAt !== undefined && !Number.isNaN(Date.parse(updatedAt)) && isFingerprint(fingerprint)) return { updatedAt, fingerprint };
  throw new IntelError('validation_failed', 'cursor is not valid', [
    { path: 'cursor', message: 'use the value of "next" from the previous page' },
  ]);
}

@Controller('v1')
@ApiExtraModels(Indicator, NormalizedItems)
export class IndicatorsController {
  constructor(
    private readonly lookups: LookupService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('lookup')
  @Access('public')
  @RateLimit('lookup')
  @ApiOperation({ summary: 'Is this a scam? Public, rate-limited; never reporter data.' })
  @ApiOkResponse({
    description: 'The verdict with counts. A query that is no indicator answers 200 with `indicator: null` and `rejected`.',
    type: LookupAnswer,
    example: LOOKUP_EXAMPLE,
  })
  // The body as bytes, from the answer cache as stored (answer-bytes.ts): the JSON of LookupAnswer.
  @Header('content-type', 'application/json; charset=utf-8')
  async lookup(@Query() q: LookupQuery): Promise<Buffer> {
    return answerBody((await this.lookups.pieces([{ q: q.q, type: q.type, region: q.region }]))[0]);
  }

  @Post('indicators/normalize')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ summary: 'Canonical form and fingerprint of one value, or of up to 1000 items.' })
  @ApiBodyOf(NormalizeDto, NORMALIZE_EXAMPLES)
  @ApiOkResponse({
    description: 'One indicator (for `value`) or per-item outcomes (for `items`).',
    schema: { oneOf: [{ $ref: getSchemaPath(Indicator) }, { $ref: getSchemaPath(NormalizedItems) }] },
    example: NORMALIZED_EXAMPLE,
  })
  @ApiError(422, 'The value is no indicator of any (or the given) type.', { example: NOT_AN_INDICATOR_EXAMPLE })
  normalize(@Body() dto: NormalizeDto) {
    if (dto.items && dto.value !== undefined)
      throw new IntelError('validation_failed', 'send either value or items, not both', [
        { path: 'items', message: 'not allowed together with value' },
      ]);
    if (dto.items) {
      return {
        items: dto.items.map((i) => {
          const r = tryNormalize(i.value, { type: i.type, region: i.region ?? this.config.jurisdiction });
          return r.ok ? { ok: true, ...r.indicator } : { ok: false, value: i.value, error: { code: r.code, message: r.reason } };
        }),
      };
    }
    if (dto.value === undefined)
      throw new IntelError('validation_failed', 'value or items is required', [{ path: 'value', message: 'required' }]);
    // normalize() throws the library's IndicatorError, which the error filter answers with 422 and its code.
    return normalize(dto.value, { type: dto.type, region: dto.region ?? this.config.jurisdiction });
  }

  @Get('indicators/:fingerprint')
  @Access('analyst')
  @ApiOperation({ summary: 'Full detail of an indicator (analyst).' })
  @ApiOkResponse({
    description: 'Sightings per jurisdiction and source node, linked reports.',
    type: IndicatorDetail,
    example: INDICATOR_DETAIL_EXAMPLE,
  })
  @ApiError(404, 'No such indicator.')
  async detail(@Param('fingerprint') fingerprint: string) {
    const found = isFingerprint(fingerprint) ? await this.lookups.detail(fingerprint) : undefined;
    if (!found) throw new IntelError('not_found', 'no such indicator');
    return found;
  }

  @Get('indicators')
  @Access('analyst')
  @ApiOperation({ summary: 'List indicators (analyst) by update time, cursor-paginated.' })
  @ApiOkResponse({ description: 'A page.', type: IndicatorPage, example: INDICATOR_PAGE_EXAMPLE })
  async list(@Query() q: ListIndicatorsQuery) {
    const limit = q.limit ?? 100;
    const rows = await this.lookups.list({
      type: q.type,
      updatedSince: q.updatedSince,
      after: q.cursor ? decodeListCursor(q.cursor) : undefined,
      limit,
    });
    const last = rows[rows.length - 1];
    return {
      indicators: rows.map(({ cursorAt: _c, ...r }) => r),
      next: rows.length === limit && last ? encodeCursor([last.cursorAt, last.fingerprint]) : null,
    };
  }
}
