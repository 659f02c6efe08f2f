import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'scamintel_console';
/** Holds the sign-in form's CSRF token before there is a session (a login CSRF defence). */
export const PRE_SESSION_COOKIE = 'scamintel_signin';
const PATH = '/console';

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  return parseCookie(header)[name];
}

/** HttpOnly, SameSite=Strict, scoped to /console; Secure whenever the request came over HTTPS (directly or via a trusted proxy). */
export function setCookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void {
  reply.header(
    'Set-Cookie',
    stringifySetCookie({
      name,
      value,
      path: PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      maxAge: maxAgeSeconds,
    }),
  );
}

export function clearCookie(req: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(req, reply, name, '', 0);
}
