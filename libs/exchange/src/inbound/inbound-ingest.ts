import { Injectable, Optional } from '@nestjs/common';
import { VerdictChanges } from '@scamintel/platform';
import { AuditService } from '@scamintel/audit';
import { ExchangeIndicator, StixBundle, checkInboundPolicy, fromStixBundle } from '../core';
import { ExchangeError } from '../exchange-error';
import { PartnerRecord } from '../partners/partners.repository';
import { InboundRepository } from './inbound.repository';

/** A partner's bundle that passed every check: only its id, size and indicators are kept. */
export interface AcceptedBundle {
  batchId: string;
  objects: number;
  indicators: ExchangeIndicator[];
}

/**
 * What a partner sends, whether it pushed it (its inbox request) or this node pulled it (a page of its outbox):
 * STIX this node can read (400), from that partner (403), within this node's policy for it (403, refused whole),
 * then stored idempotently in partner_sightings. Every refusal is audited once, naming the route it came by.
 */
@Injectable()
export class InboundIngest {
  constructor(
    private readonly inbound: InboundRepository,
    private readonly audit: AuditService,
    @Optional() private readonly changes?: VerdictChanges,
  ) {}

  async check(partner: PartnerRecord, bundle: StixBundle, route: string): Promise<AcceptedBundle> {
    const read = fromStixBundle(bundle);
    if (read.errors.length || !bundle?.id) {
      const details = read.errors.length
        ? read.errors.slice(0, 50).map((e) => ({ path: e.id ? `objects[${e.id}]` : 'objects', message: e.message }))
        : [{ path: 'id', message: 'a bundle needs an id' }];
      await this.refuse(partner, route, 'invalid_stix', 400, { errors: details.slice(0, 20), count: read.errors.length });
      throw new ExchangeError('validation_failed', 'the bundle is not STIX 2.1 this node can read', details);
    }
    // The signature says who sent it. A sender identity naming another node is refused; one without our
    // node_id extension (a partner built from the contract, not from this code) is taken as the signer's.
    if (!read.sender || (read.sender.nodeId !== undefined && read.sender.nodeId !== partner.nodeId)) {
      await this.refuse(partner, route, 'sender_mismatch', 403, { claimed: read.sender?.nodeId ?? null });
      throw new ExchangeError('policy_violation', 'the bundle names another sender than the key that signed it', [
        { path: 'objects', message: 'the sending identity must be the signing partner' },
      ]);
    }
    const violations = checkInboundPolicy(read.indicators, bundle, partner.policy);
    if (violations.length) {
      await this.refuse(partner, route, 'policy', 403, { violations: violations.slice(0, 20), count: violations.length });
      throw new ExchangeError(
        'policy_violation',
        `the bundle breaks this node's policy for ${partner.nodeId}; refused whole`,
        violations.slice(0, 50).map((x) => ({
          path: x.objectId ? `objects[${x.objectId}]` : `indicators[${x.fingerprint}]`,
          message: `${x.reason}${x.detail ? ` (${x.detail})` : ''}`,
        })),
      );
    }
    return { batchId: bundle.id, objects: bundle.objects.length, indicators: read.indicators };
  }

  /** Idempotent: the same batch stored twice changes nothing. Returns how many rows it wrote. */
  async store(partner: PartnerRecord, batch: AcceptedBundle, digest: string): Promise<number> {
    const written = await this.inbound.upsertSightings(
      { sourceNode: partner.nodeId, jurisdiction: partner.jurisdiction, batchId: batch.batchId, digest },
      batch.indicators,
    );
    // Lookups show partner sightings: drop those answers everywhere. A pseudonym's clear value is unknown here.
    if (written)
      await this.changes?.changed(batch.indicators.some((i) => i.pseudonymised) ? 'all' : batch.indicators.map((i) => i.fingerprint));
    await this.inbound.noteReceived(partner.nodeId, batch.batchId, batch.objects, batch.indicators.length);
    return written;
  }

  async refuse(partner: PartnerRecord, route: string, reason: string, status: number, details: Record<string, unknown>): Promise<void> {
    await this.inbound.noteRefused(partner.nodeId, reason);
    await this.audit.record({
      actor: `partner:${partner.nodeId}`,
      action: 'exchange.rejected',
      subject: route,
      details: { reason, status, ...details },
    });
  }
}
