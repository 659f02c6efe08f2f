import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '@scamintel/common';
import { STATIC_ASSETS } from '../tokens';
import { WebError } from '../web-error';
import { Html } from './html-route';
import { applySecurityHeaders } from './security-headers';
import { StaticAssets } from './static-assets';

/** `/static/<name>.<hash>.<ext>`: content-hashed, so a year of caching is safe. */
@Controller('static')
@ApiExcludeController()
@Access('public')
export class StaticController {
  constructor(@Inject(STATIC_ASSETS) private readonly assets: StaticAssets) {}

  @Get(':file')
  @Html()
  serve(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.file(file);
    if (!asset) throw new WebError('not_found', 'no such file');
    applySecurityHeaders(reply);
    reply.header('Content-Type', asset.type).header('Cache-Control', 'public, max-age=31536000, immutable').send(asset.body);
  }
}
