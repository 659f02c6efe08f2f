import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Access, ApiErrors } from '@scamintel/common';
import { FeedRow, csvHeader, csvLine, txtLine } from '@scamintel/feeds-core';
import { BlocklistQuery } from './dto/blocklist.query';
import { FeedsRepository } from './feeds.repository';

const PAGE = 5000;

@Controller('v1/feeds')
export class FeedsController {
  constructor(private readonly repo: FeedsRepository) {}

  @Get('blocklist')
  @Access('reporter', 'analyst')
  @ApiOperation({
    summary: 'Values with verdict scam here that may be shared (TLP clear and green), newest first, as CSV or plain text.',
    description:
      'The form firewalls, DNS resolvers and call blockers load. With `since`, only what changed after it: in CSV, `status` is `listed` or `revoked` (a verdict changed to legitimate, an upheld appeal, reports aged out); the text format lists only values now listed (take revocations from CSV). `X-Feed-As-Of` tells how far the feed is current (the worker re-judges every FEED_REFRESH_INTERVAL_MS): pass it as the next `since`.',
  })
  @ApiProduces('text/csv', 'text/plain')
  @ApiResponse({
    status: 200,
    description: 'The feed.',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example: 'value,type,fingerprint,status,changed_at\r\n+6581234567,phone,5e1f…,listed,2026-12-01T02:00:00.000Z\r\n',
      },
      'text/plain': { schema: { type: 'string' }, example: '+6581234567\n+6598765432\n' },
    },
  })
  @ApiErrors({ 400: 'Unknown type or format, or `since` not ISO 8601.' })
  async blocklist(@Query() q: BlocklistQuery, @Res() reply: FastifyReply): Promise<void> {
    const format = q.format ?? 'csv';
    const since = q.since ? new Date(q.since) : undefined;
    const asOf = (await this.repo.watermark()).indicatorsUntil;
    const repo = this.repo;
    // The first page is read before the answer starts, so a database outage is still a clean 503.
    const first = await repo.page({ type: q.type, since, limit: PAGE });
    async function* lines(): AsyncGenerator<string> {
      if (format === 'csv') yield csvHeader();
      let after: { at: Date; fingerprint: string } | undefined;
      for (let page = 0; ; page++) {
        const rows: FeedRow[] = page === 0 ? first : await repo.page({ type: q.type, since, after, limit: PAGE });
        let chunk = '';
        for (const r of rows) chunk += format === 'csv' ? csvLine(r) : r.listed ? (txtLine(r) ?? '') : '';
        if (chunk) yield chunk;
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1];
        after = { at: last.changedAt, fingerprint: last.fingerprint };
      }
    }
    reply
      .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('X-Feed-As-Of', new Date(asOf).toISOString())
      .send(Readable.from(lines()));
  }
}
