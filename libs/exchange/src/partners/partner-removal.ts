import { Injectable } from '@nestjs/common';
import { KeysService } from '@scamintel/auth';
import { PartnersService } from './partners.service';

/**
 * DELETE /v1/admin/partners/:nodeId: no more traffic either way (CONTRACT §7). Removing the registration stops our
 * pushes and pulls and makes its signed requests unknown (401); its partner API keys (TAXII) are revoked too, each
 * audited as `key.revoked`. What it sent stays, marked as from a former partner.
 */
@Injectable()
export class PartnerRemoval {
  constructor(
    private readonly partners: PartnersService,
    private readonly keys: KeysService,
  ) {}

  async remove(actor: string, nodeId: string) {
    const out = await this.partners.remove(actor, nodeId);
    const keys = (await this.keys.list()).filter((k) => k.role === 'partner' && k.partnerNodeId === nodeId && !k.revokedAt);
    for (const k of keys) await this.keys.revoke(actor, k.id);
    return { ...out, keysRevoked: keys.length };
  }
}
