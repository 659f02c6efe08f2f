import type { FastifyRequest } from 'fastify';

/** What the console guard attaches to a request with a valid session. */
export interface ConsoleSession {
  sessionId: string;
  keyId: string;
  organisation: string;
  csrf: string;
}

const SESSION = Symbol('consoleSession');

export function attachConsoleSession(req: FastifyRequest, s: ConsoleSession): void {
  (req as unknown as Record<symbol, ConsoleSession>)[SESSION] = s;
}

export function consoleSessionOf(req: FastifyRequest): ConsoleSession | undefined {
  return (req as unknown as Record<symbol, ConsoleSession | undefined>)[SESSION];
}

/** The audit log's name for the analyst behind a console session: the same as for their API calls. */
export const actorOfSession = (s: ConsoleSession) => `key:${s.keyId}`;
