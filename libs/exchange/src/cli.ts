import { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { ExchangeError } from './exchange-error';
import { PartnerView, PartnersService } from './partners/partners.service';
import { PushService, PushSummary } from './push/push.service';

/**
 * For the operator CLI (CONTRACT §9). The context must include ExchangeCoreModule (with ConfigModule and
 * PersistenceModule); no queue is needed. Errors are ExchangeError with `details` (path + message) to print.
 */

/** `partners:add <file>`: the same JSON document as POST /v1/admin/partners, checked the same way, audited as actor `cli`. */
export async function addPartnerFromFile(
  app: INestApplicationContext,
  file: string,
  actor = 'cli',
): Promise<{ created: boolean; partner: PartnerView }> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new ExchangeError('validation_failed', `${file}: ${(e as Error).message}`, [
      { path: '', message: 'a JSON partner registration is required' },
    ]);
  }
  return app.get(PartnersService, { strict: false }).register(actor, body);
}

/**
 * `exchange:sync --partner <id>`: pushes now, in this process, until the partner has everything, and returns
 * what was sent. Safe next to a running worker: the cursor only moves by compare-and-set and the partner's
 * ingest is idempotent. Throws PushError (failure: unknown_partner | unavailable | refused | bad_receipt).
 */
export async function syncPartner(app: INestApplicationContext, partnerNodeId: string): Promise<PushSummary> {
  return app.get(PushService, { strict: false }).push(partnerNodeId);
}

/** `partners:list`, should the CLI want it. */
export async function listPartners(app: INestApplicationContext): Promise<PartnerView[]> {
  return app.get(PartnersService, { strict: false }).list();
}
