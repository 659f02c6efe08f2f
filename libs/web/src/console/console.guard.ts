import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { field } from '../http/html-route';
import { WebError } from '../web-error';
import { readCookie, SESSION_COOKIE } from './cookies';
import { attachConsoleSession } from './session-request';
import { sameToken, SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Where a visitor without a session is sent: the sign-in page, then back to where they were going (GET only). */
export function signInLocation(req: FastifyRequest): string {
  const next = req.method === 'GET' ? req.url : '/console';
  return `/console/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * Every console page: a valid session (else a redirect to sign-in), and on every state-changing request the
 * session's CSRF token in the form's `_csrf` field (else 403). The session cookie is SameSite=Strict too; the token
 * is the defence that does not depend on the browser.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(private readonly sessions: SessionsService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const session = await this.sessions.current(readCookie(req, SESSION_COOKIE));
    if (!session) throw new WebError('unauthenticated', 'sign in to the console', [], { Location: signInLocation(req) });
    if (!SAFE_METHODS.has(req.method) && !sameToken(field(req.body, '_csrf'), session.csrf))
      throw new WebError('forbidden', 'the form is missing its security token or it does not match this session');
    attachConsoleSession(req, session);
    return true;
  }
}
