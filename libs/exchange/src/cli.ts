import { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { ExchangeError } from './exchange-error';
import { PartnerView, PartnersService } from './partners/partners.service';
import { ExchangeRun, ExchangeRunSummary } from './pull/exchange-run';

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
 * `exchange:sync --partner <id>`: exchanges now, in this process, by the partner's mode — pushes until the partner
 * has everything, pulls its outbox to the end, or both — and returns what moved. Safe next to a running worker:
 * the cursors only move by compare-and-set and ingest is idempotent on both sides. Throws PushError (failure:
 * unknown_partner | unavailable | refused | bad_receipt) or PullError (unavailable | refused | bad_page).
 */
export async function syncPartner(app: INestApplicationContext, partnerNodeId: string): Promise<ExchangeRunSummary> {
  return app.get(ExchangeRun, { strict: false }).run(partnerNodeId);
}

/** `partners:list`, should the CLI want it. */
export async function listPartners(app: INestApplicationContext): Promise<PartnerView[]> {
  return app.get(PartnersService, { strict: false }).list();
}
