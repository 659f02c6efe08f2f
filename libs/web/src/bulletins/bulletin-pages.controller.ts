import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BulletinsService } from '@scamintel/bulletins';
import { Access } from '@scamintel/common';
import { field, Html } from '../http/html-route';
import { WebRenderer } from '../render/renderer';
import { WebError } from '../web-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 20;

/** `/bulletins` (published, newest first) and `/bulletins/:id`, in the page's language when the bulletin has it. */
@Controller('bulletins')
@ApiExcludeController()
@Access('public')
export class BulletinPagesController {
  constructor(
    private readonly bulletins: BulletinsService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = Math.min(Math.max(Number.parseInt(field(req.query, 'page') ?? '1', 10) || 1, 1), 1000);
    // The repository pages by cursor; a page number reads through, which is fine for a list that grows by one a week.
    let after: { createdAt: string; id: string } | undefined;
    let rows: Awaited<ReturnType<BulletinsService['list']>> = [];
    for (let p = 1; p <= page; p++) {
      rows = await this.bulletins.list({ publishedOnly: true, after, limit: PAGE });
      const last = rows[rows.length - 1];
      if (!last) break;
      after = { createdAt: last.cursorAt, id: last.id };
    }
    this.renderer.send(
      req,
      reply,
      'bulletins/list',
      {
        bulletins: rows.map((r) => ({ id: r.id, from: r.periodFrom, to: r.periodTo, publishedAt: r.publishedAt, languages: r.languages })),
        page,
        more: rows.length === PAGE,
      },
      { cache: 'public' },
    );
  }

  @Get(':id')
  @Html()
  async show(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!UUID.test(id)) throw new WebError('not_found', 'no such bulletin');
    const lang = this.renderer.language(req).lang;
    const b = await this.bulletins.page(id.toLowerCase(), lang);
    this.renderer.send(
      req,
      reply,
      'bulletins/show',
      {
        id: b.row.id,
        title: b.title,
        body: b.body,
        bulletinLang: b.lang,
        bulletinLanguages: b.row.languages,
        publishedAt: b.row.publishedAt,
      },
      { cache: 'public' },
    );
  }
}
