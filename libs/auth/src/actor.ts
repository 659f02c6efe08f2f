import { AuthenticatedRequest } from './auth.guard';

/** The audit log's name for whoever made the request. */
export function actorOf(req: Pick<AuthenticatedRequest, 'principal' | 'ip'>): string {
  const p = req.principal;
  return p?.kind === 'key' ? `key:${p.keyId}` : `ip:${req.ip}`;
}
