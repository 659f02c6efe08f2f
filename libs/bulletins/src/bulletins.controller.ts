import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { actorOf, AuthenticatedRequest } from '@scamintel/auth';
import { Access } from '@scamintel/common';
import { BulletinError } from './bulletin-error';
import { BulletinRow } from './bulletins.repository';
import { BulletinsService } from './bulletins.service';
import { CreateBulletinDto } from './dto/create-bulletin.dto';
import { GetBulletinQuery } from './dto/get-bulletin.query';
import { ListBulletinsQuery } from './dto/list-bulletins.query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Same policy as the page's own <meta>: nothing loads, inline styles and the inline SVG only.
const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

const isAnalyst = (req: AuthenticatedRequest) => req.principal?.kind === 'key' && req.principal.role === 'analyst';

function idOf(id: string): string {
  // A malformed id names no bulletin: 404 like any other, so the public learns nothing from the difference.
  if (!UUID.test(id)) throw new BulletinError('not_found', 'no such bulletin');
  return id.toLowerCase();
}

function encodeCursor(c: { createdAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

function decodeCursor(s: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && UUID.test(id))
      return { createdAt, id };
  } catch {
    // falls through
  }
  throw new BulletinError('validation_failed', 'the cursor is not valid', [
    { path: 'cursor', message: 'use the `next` value of a previous page' },
  ]);
}

/** What a listing shows; the public never sees drafts, so status and failure are for analysts. */
function summary(row: BulletinRow, analyst: boolean) {
  const base = {
    id: row.id,
    period: { from: row.periodFrom, to: row.periodTo },
    version: row.version,
    languages: row.languages,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
  if (!analyst) return base;
  return {
    ...base,
    status: row.status,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Controller('v1/bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Post()
  @HttpCode(202)
  @Access('analyst')
  async create(@Body() dto: CreateBulletinDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const row = await this.bulletins.request({ from: dto.from, to: dto.to, languages: dto.languages, requestedBy: actorOf(req) });
    res.header('Location', `/v1/bulletins/${row.id}`);
    return { id: row.id };
  }

  // Public routes serve any key too; an analyst key also sees drafts.
  @Get()
  @Access('public')
  async list(@Query() q: ListBulletinsQuery, @Req() req: AuthenticatedRequest) {
    const analyst = isAnalyst(req);
    const limit = q.limit ?? 20;
    const rows = await this.bulletins.list({ publishedOnly: !analyst, after: q.cursor ? decodeCursor(q.cursor) : undefined, limit });
    const last = rows[rows.length - 1];
    return {
      bulletins: rows.map((r) => summary(r, analyst)),
      next: rows.length === limit && last ? encodeCursor({ createdAt: last.cursorAt, id: last.id }) : null,
    };
  }

  @Get(':id')
  @Access('public')
  async get(
    @Param('id') id: string,
    @Query() q: GetBulletinQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const format = q.format ?? 'json';
    const { row, lang, body } = await this.bulletins.rendered(idOf(id), isAnalyst(req), q.lang, format);
    res.header('Content-Type', CONTENT_TYPES[format]);
    res.header('Content-Language', lang);
    res.header('X-Content-Type-Options', 'nosniff');
    // Drafts change when regenerated; published versions never do.
    res.header('Cache-Control', row.publishedAt ? 'public, max-age=300' : 'no-store');
    if (format === 'html') res.header('Content-Security-Policy', HTML_CSP);
    return body;
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Access('analyst')
  async publish(@Param('id') id: string, @Req() req: AuthenticatedRequest) {
    return summary(await this.bulletins.publish(idOf(id), actorOf(req)), true);
  }
}
