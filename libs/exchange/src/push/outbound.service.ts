import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Decision, VerdictService } from '@scamintel/policing';
import { ExchangeIndicator, OutboundCandidate, StixBundle, WithheldReason, applyOutboundPolicy, toStixBundle } from '../core';
import { NodeKeyService } from '../identity/node-key.service';
import { CursorPosition, PartnerRecord } from '../partners/partners.repository';
import { ExportRepository, ExportRow } from './export.repository';
import { narrativeTlps, toCandidate } from './outbound';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** Bodies stay well under the partner's 10 MiB limit: a batch whose body would exceed this is split in halves. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const NARRATIVES_PER_INDICATOR = 5;

export type WithheldCounts = Partial<Record<WithheldReason | 'no_local_sighting', number>>;

/** A page of local indicators in cursor order, read below the visibility horizon. */
export interface Page {
  from: CursorPosition | null;
  rows: ExportRow[];
  limit: number;
  horizon: string;
}

export interface PageEvidence {
  decisions: Map<string, Decision>;
  narratives?: Map<string, string[]>;
}

/** Indicators judged under one partner's policy, as one request body. */
export interface PreparedBatch {
  from: CursorPosition | null;
  /** Position after the last indicator examined (sent or withheld); `from` when nothing was examined. */
  to: CursorPosition | null;
  examined: number;
  /** Whether more may follow right away (the page was full, or this is not its last part). */
  full: boolean;
  send: ExchangeIndicator[];
  withheld: WithheldCounts;
  bundle: StixBundle;
  body: Buffer;
}

const positionOf = (r: ExportRow): CursorPosition => ({ at: r.cursorAt, fingerprint: r.fingerprint });

/** Reused for encoding bodies: writing into a buffer known to be large enough skips the UTF-8 length pass of Buffer.from. */
let scratch = Buffer.alloc(0);
const SCRATCH_LIMIT = 32 * 1024 * 1024;

/** The UTF-8 bytes of `text` (what Buffer.from(text, 'utf8') gives), in a buffer of their own. */
function utf8(text: string): Buffer {
  const room = 3 * text.length; // a UTF-16 unit never takes more than 3 bytes in UTF-8
  if (room > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
  if (scratch.length < room) scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_LIMIT, Math.max(room, 2 * scratch.length)));
  return Buffer.from(scratch.subarray(0, scratch.write(text, 0, 'utf8')));
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

  pendingAbove(after: CursorPosition | null, horizon: string): Promise<boolean> {
    return this.exports.pendingAbove(after, horizon);
  }

  /** The next `limit` local indicators after `after` that no open transaction can still add to. */
  async readPage(after: CursorPosition | null, limit: number): Promise<Page> {
    const horizon = await this.exports.horizon();
    return { from: after, rows: await this.exports.page(after, horizon, limit, this.config.jurisdiction), limit, horizon };
  }

  /**
   * What a page needs from the database besides itself: this node's verdicts (libs/policing, the ones its lookups
   * show) and, when the partner shares them, narratives. Separate from build() so the push can fetch it ahead.
   */
  async evidence(partner: PartnerRecord, page: Page): Promise<PageEvidence> {
    const here = this.config.jurisdiction;
    const policy = partner.policy;
    const sighted = page.rows.filter((r) => r.reports !== null);
    const [decisions, narratives] = await Promise.all([
      // No partner evidence is passed: what this node exports is its own judgement only.
      this.verdicts.decideMany(
        sighted.map((r) => ({ fingerprint: r.fingerprint, type: r.type, warninglisted: r.warninglist !== null })),
        here,
      ),
      policy.shareNarrative
        ? this.exports.narratives(
            sighted.filter((r) => !policy.pseudonymise.includes(r.type as never)).map((r) => r.fingerprint),
            narrativeTlps(policy),
            NARRATIVES_PER_INDICATOR,
            here,
          )
        : undefined,
    ]);
    return { decisions, narratives };
  }

  /** Judges a page for a partner and builds its body, split into parts while a body would exceed MAX_BODY_BYTES. */
  async build(partner: PartnerRecord, page: Page, evidence?: PageEvidence): Promise<PreparedBatch[]> {
    const policy = partner.policy;
    const { decisions, narratives } = evidence ?? (await this.evidence(partner, page));
    const candidates: (OutboundCandidate | undefined)[] = page.rows.map((row) =>
      toCandidate(row, decisions.get(row.fingerprint), narratives?.get(row.fingerprint)),
    );
    const out: PreparedBatch[] = [];
    const part = (from: CursorPosition | null, start: number, end: number, last: boolean) => {
      const rows = page.rows.slice(start, end);
      const withheld: WithheldCounts = {};
      const judged: OutboundCandidate[] = [];
      for (const c of candidates.slice(start, end)) {
        if (c) judged.push(c);
        else withheld.no_local_sighting = (withheld.no_local_sighting ?? 0) + 1;
      }
      const result = applyOutboundPolicy(judged, policy, partner.pseudonymKey ?? undefined);
      for (const w of result.withheld) withheld[w.reason] = (withheld[w.reason] ?? 0) + 1;
      const bundle = toStixBundle(result.send, this.node.stixSender());
      const body = utf8(JSON.stringify(bundle));
      if (body.length > MAX_BODY_BYTES && end - start > 1) {
        const mid = start + Math.floor((end - start) / 2);
        part(from, start, mid, false);
        part(positionOf(page.rows[mid - 1]), mid, end, last);
        return;
      }
      out.push({
        from,
        to: rows.length ? positionOf(rows[rows.length - 1]) : from,
        examined: rows.length,
        full: !last || page.rows.length === page.limit,
        send: result.send,
        withheld,
        bundle,
        body,
      });
    };
    part(page.from, 0, page.rows.length, true);
    return out;
  }

  /** One page as one batch (its first part when it had to be split), for the pull route. */
  async prepare(partner: PartnerRecord, after: CursorPosition | null, limit: number): Promise<PreparedBatch> {
    return (await this.build(partner, await this.readPage(after, limit)))[0];
  }
}
