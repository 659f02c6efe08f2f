import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { VerdictService } from '@scamintel/policing';
import { ExchangeIndicator, StixBundle, WithheldReason, applyOutboundPolicy, toStixBundle } from '../core';
import { NodeKeyService } from '../identity/node-key.service';
import { CursorPosition, PartnerRecord } from '../partners/partners.repository';
import { ExportRepository } from './export.repository';
import { narrativeTlps, toCandidate } from './outbound';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** Bodies stay well under the partner's 10 MiB limit: a batch whose body would exceed this is halved. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const NARRATIVES_PER_INDICATOR = 5;

export type WithheldCounts = Partial<Record<WithheldReason | 'no_local_sighting', number>>;

/** One page of local indicators judged under one partner's policy. */
export interface PreparedBatch {
  from: CursorPosition | null;
  /** Position after the last indicator examined (sent or withheld); `from` when nothing was examined. */
  to: CursorPosition | null;
  examined: number;
  /** Whether the page was full, i.e. more may follow right away. */
  full: boolean;
  send: ExchangeIndicator[];
  withheld: WithheldCounts;
  bundle: StixBundle;
  body: Buffer;
}

/**
 * What leaves this node for a partner, for push and pull alike: this node's own indicators (never partner data),
 * filtered by applyOutboundPolicy under the partner's policy, as a STIX 2.1 bundle.
 *
 * The bundle includes the extension-definition objects of the custom SCOs and of the scamintel property
 * extension: STIX 2.1 §7.3 has producers make the definitions of extensions they use available, and shipping them
 * keeps each bundle self-describing. Every object validates against its OASIS schema; only the pinned
 * common/bundle.json cannot admit an extension-definition inside a bundle (libs/exchange/README.md).
 */
@Injectable()
export class OutboundService {
  constructor(
    private readonly exports: ExportRepository,
    private readonly node: NodeKeyService,
    private readonly verdicts: VerdictService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  horizon(): Promise<string> {
    return this.exports.horizon();
  }

  pendingAbove(after: CursorPosition | null, horizon: string): Promise<boolean> {
    return this.exports.pendingAbove(after, horizon);
  }

  /** Reads up to `limit` indicators after `after`, judges them and builds the body; halves the page while the body is too large. */
  async prepare(partner: PartnerRecord, after: CursorPosition | null, limit: number, horizon: string): Promise<PreparedBatch> {
    for (let n = limit; ; n = Math.max(1, Math.floor(n / 2))) {
      const batch = await this.prepareOnce(partner, after, n, horizon);
      if (batch.body.length <= MAX_BODY_BYTES || n === 1) return batch;
    }
  }

  private async prepareOnce(partner: PartnerRecord, after: CursorPosition | null, limit: number, horizon: string): Promise<PreparedBatch> {
    const here = this.config.jurisdiction;
    const rows = await this.exports.page(after, horizon, limit, here);
    const policy = partner.policy;
    const sighted = rows.filter((r) => r.reports !== null);
    const [decisions, narratives] = await Promise.all([
      // No partner evidence is passed: what this node exports is its own judgement only.
      this.verdicts.decideMany(sighted.map((r) => ({ fingerprint: r.fingerprint, type: r.type, warninglisted: r.warninglist !== null })), here),
      policy.shareNarrative
        ? this.exports.narratives(sighted.filter((r) => !policy.pseudonymise.includes(r.type as never)).map((r) => r.fingerprint), narrativeTlps(policy), NARRATIVES_PER_INDICATOR, here)
        : undefined,
    ]);
    const withheld: WithheldCounts = {};
    const candidates = [];
    for (const row of rows) {
      const c = toCandidate(row, decisions.get(row.fingerprint), narratives?.get(row.fingerprint));
      if (c) candidates.push(c);
      else withheld.no_local_sighting = (withheld.no_local_sighting ?? 0) + 1;
    }
    const result = applyOutboundPolicy(candidates, policy, partner.pseudonymKey ?? undefined);
    for (const w of result.withheld) withheld[w.reason] = (withheld[w.reason] ?? 0) + 1;
    const bundle = toStixBundle(result.send, this.node.stixSender());
    const last = rows[rows.length - 1];
    return {
      from: after,
      to: last ? { at: last.cursorAt, fingerprint: last.fingerprint } : after,
      examined: rows.length,
      full: rows.length === limit,
      send: result.send,
      withheld,
      bundle,
      body: Buffer.from(JSON.stringify(bundle), 'utf8'),
    };
  }
}
