import { Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Access } from '@scamintel/common';
import { field, Html } from '../http/html-route';
import { WebRenderer } from '../render/renderer';
import { WebError } from '../web-error';
import { ConsoleGuard } from './console.guard';
import { clearCookie, PRE_SESSION_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies';
import { consoleSessionOf } from './session-request';
import { sameToken, SessionsService } from './sessions.service';

/** Only console paths, never another site or a protocol-relative URL. */
export function safeNext(next: string | undefined): string {
  return next && /^\/console(?:[/?]|$)/.test(next) && !next.startsWith('//') ? next : '/console/queue';
}

/**
 * Signing in and out. The sign-in form is protected against login CSRF by a token in a SameSite=Strict cookie
 * that the form echoes; a successful sign-in replaces it with the session cookie.
 */
@Controller('console')
@ApiExcludeController()
@Access('public')
export class SignInController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.renderer.redirect(reply, '/console/queue' + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''));
  }

  @Get('sign-in')
  @Html()
  form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.show(req, reply, 200);
  }

  @Post('sign-in')
  @Html()
  async signIn(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!sameToken(field(req.body, '_csrf'), readCookie(req, PRE_SESSION_COOKIE) ?? ''))
      throw new WebError('forbidden', 'the sign-in form expired or was sent from another site');
    const outcome = await this.sessions.signIn((field(req.body, 'key') ?? '').trim(), req.ip);
    if (!outcome.ok) return this.show(req, reply, outcome.reason === 'unknown_key' ? 401 : 403, outcome.reason);
    // Fastify appends repeated Set-Cookie headers: the pre-session cookie is cleared and the session cookie set.
    clearCookie(req, reply, PRE_SESSION_COOKIE);
    setCookie(req, reply, SESSION_COOKIE, outcome.cookieValue, Math.floor(this.sessions.ttlMs / 1000));
    this.renderer.redirect(reply, safeNext(field(req.body, 'next')));
  }

  @Post('sign-out')
  @Html()
  @UseGuards(ConsoleGuard)
  async signOut(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(consoleSessionOf(req)!);
    clearCookie(req, reply, SESSION_COOKIE);
    const lang = this.renderer.language(req);
    this.renderer.redirect(reply, `/console/sign-in?signedOut=1${lang.explicit ? `&lang=${lang.lang}` : ''}`);
  }

  private show(req: FastifyRequest, reply: FastifyReply, status: number, failure?: string): void {
    const token = randomBytes(32).toString('base64url');
    setCookie(req, reply, PRE_SESSION_COOKIE, token, 3600);
    this.renderer.send(
      req,
      reply,
      'console/sign-in',
      {
        csrf: token,
        sessionHours: Math.round(this.sessions.ttlMs / 3_600_000),
        next: safeNext(field(req.query, 'next') ?? field(req.body, 'next')),
        failure,
        signedOut: field(req.query, 'signedOut') === '1',
      },
      { status },
    );
  }
}
