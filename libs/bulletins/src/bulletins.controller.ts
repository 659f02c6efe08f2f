import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, AuthenticatedRequest } from '@scamintel/auth';
import { Access, ApiBodyOf, ApiErrors, locationHeader } from '@scamintel/common';
import { decodeStringCursor, encodeCursor } from '@scamintel/vocabulary';
import { BulletinError } from './bulletin-error';
import { BulletinRow } from './bulletins.repository';
import { BulletinsService } from './bulletins.service';
import { CreateBulletinDto } from './dto/create-bulletin.dto';
import { GetBulletinQuery } from './dto/get-bulletin.query';
import { ListBulletinsQuery } from './dto/list-bulletins.query';
import { BulletinAccepted, BulletinFigures, BulletinPage, BulletinSummary } from './dto/bulletin.response';
import { BULLETIN_EXAMPLE, BULLETIN_FIGURES_EXAMPLE, BULLETIN_REQUEST_EXAMPLES } from './dto/bulletin.examples';

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

function decodeListCursor(s: string): { createdAt: string; id: string } {
  const [createdAt, id] = decodeStringCursor(s, 2) ?? [];
  if (createdAt !== undefined && !Number.isNaN(Date.parse(createdAt)) && UUID.test(id)) return { createdAt, id };
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
@ApiExtraModels(BulletinFigures)
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Post()
  @HttpCode(202)
  @Access('analyst')
  @ApiOperation({ summary: 'Generate a bulletin draft for a period (analyst).' })
  @ApiBodyOf(CreateBulletinDto, BULLETIN_REQUEST_EXAMPLES)
  @ApiAcceptedResponse({
    description: 'Generation queued; the draft is `pending`, then `ready` or `failed`.',
    type: BulletinAccepted,
    example: { id: BULLETIN_EXAMPLE.id },
    headers: locationHeader('/v1/bulletins/{id}'),
  })
  async create(@Body() dto: CreateBulletinDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const row = await this.bulletins.request({ from: dto.from, to: dto.to, languages: dto.languages, requestedBy: actorOf(req) });
    res.header('Location', `/v1/bulletins/${row.id}`);
    return { id: row.id };
  }

  // Public routes serve any key too; an analyst key also sees drafts.
  @Get()
  @Access('public')
  @ApiOperation({ summary: 'List bulletins: published ones for the public, drafts too for analysts.' })
  @ApiOkResponse({ description: 'A page, newest first.', type: BulletinPage, example: { bulletins: [BULLETIN_EXAMPLE], next: null } })
  async list(@Query() q: ListBulletinsQuery, @Req() req: AuthenticatedRequest) {
    const analyst = isAnalyst(req);
    const limit = q.limit ?? 20;
    const rows = await this.bulletins.list({ publishedOnly: !analyst, after: q.cursor ? decodeListCursor(q.cursor) : undefined, limit });
    const last = rows[rows.length - 1];
    return {
      bulletins: rows.map((r) => summary(r, analyst)),
      next: rows.length === limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({
    summary: 'A bulletin in one language and format (public once published).',
    description:
      '`format=json` (default) is the language-neutral figures; `md` and `html` are the rendered bulletin in `lang` (default: its first language).',
  })
  @ApiOkResponse({
    description: 'The bulletin; `Content-Language` names the language.',
    headers: { 'Content-Language': { description: 'The language of the answer.', schema: { type: 'string' } } },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BulletinFigures) }, example: BULLETIN_FIGURES_EXAMPLE },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiErrors({ 404: 'No such bulletin, or not published.', 409: 'Still being generated, or failed.' })
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
  @ApiOperation({ summary: 'Publish a ready draft (analyst; audited).' })
  @ApiOkResponse({
    description: 'Published.',
    type: BulletinSummary,
    example: {
      ...BULLETIN_EXAMPLE,
      status: 'ready',
      failure: null,
      createdAt: '2026-11-23T00:05:00.000Z',
      updatedAt: '2026-11-23T01:00:00.000Z',
    },
  })
  @ApiErrors({ 404: 'No such bulletin.', 409: 'Not ready.' })
  async publish(@Param('id') id: string, @Req() req: AuthenticatedRequest) {
    return summary(await this.bulletins.publish(idOf(id), actorOf(req)), true);
  }
}
