import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { MetricsService } from '@scamintel/metrics';
import { sleep } from '@scamintel/vocabulary';
import { AuditHead, Receipt, checkReceipt, loadPublicKeyPem, signRequest } from '../core';
import { NodeKeyService } from '../identity/node-key.service';
import { CursorPosition, PartnerRecord, PartnersRepository } from '../partners/partners.repository';
import { encodeCursor } from './cursor';
import { OutboundService, Page, PageEvidence, PreparedBatch, STIX_MEDIA_TYPE, WithheldCounts } from './outbound.service';

/** Bodies with the partner at once: the next one is built while the partner ingests the previous ones. */
export const PIPELINE_DEPTH = 4;
/** Pages read (with their verdict evidence) ahead of the one being built. */
export const PREFETCH_PAGES = 2;
/** How often a push waits for rows still held back by open transactions before leaving them to the next run. */
const PENDING_WAITS = 8;
const PENDING_WAIT_MS = 250;

export type PushFailure = 'unknown_partner' | 'unavailable' | 'refused' | 'bad_receipt';

/** `retryable` failures (partner down, slow, 5xx, 429) go back to BullMQ's exponential backoff; the others wait for the next run. */
export class PushError extends Error {
  constructor(
    readonly failure: PushFailure,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface PushSummary {
  partner: string;
  batches: number;
  indicators: number;
  examined: number;
  withheld: WithheldCounts;
  cursor: string | null;
  /** Set when another push or a policy change moved the cursor under this one, which then stopped. */
  stopped?: 'cursor_moved';
}

/**
 * What the push keeps of a prepared batch while it is with the partner: the body and the counts, not the
 * bundle's objects or the records (thousands of objects per batch that would otherwise live until the receipt
 * is committed, and cost the garbage collector more than building them did).
 */
interface Outgoing {
  to: CursorPosition | null;
  examined: number;
  withheld: WithheldCounts;
  indicators: number;
  bundleId: string;
  objects: number;
  body: Buffer;
}

const outgoing = (b: PreparedBatch): Outgoing => ({
  to: b.to,
  examined: b.examined,
  withheld: b.withheld,
  indicators: b.send.length,
  bundleId: b.bundle.id,
  objects: b.bundle.objects.length,
  body: b.body,
});

interface Delivered {
  receipt: Receipt;
  sentHead: AuditHead;
  witnessed?: AuditHead;
  receiverHead: AuditHead;
  digest: string;
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/**
 * Pushes everything new for one partner, batch after batch, to its POST /v1/exchange/inbox. Each request is
 * signed (RFC 9421, Content-Digest, this node's audit head); the cursor moves only past a batch the partner
 * acknowledged with a receipt that checkReceipt accepts, and only in order. A batch with nothing to send (all
 * withheld by policy) moves it without a request, since nothing was to be delivered. Delivery is
 * at-least-once; the partner's ingest is idempotent.
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger(PushService.name);

  constructor(
    private readonly partners: PartnersRepository,
    private readonly outbound: OutboundService,
    private readonly node: NodeKeyService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async push(partnerNodeId: string, opts: { batchSize?: number } = {}): Promise<PushSummary> {
    const partner = await this.partners.get(partnerNodeId);
    const cursor = partner && (await this.partners.cursor(partnerNodeId));
    if (!partner || !cursor) throw new PushError('unknown_partner', `no partner ${partnerNodeId}`, false);
    const partnerKey = loadPublicKeyPem(partner.publicKey);
    const batchSize = opts.batchSize ?? this.config.exchange.batchSize;
    const summary: PushSummary = {
      partner: partnerNodeId,
      batches: 0,
      indicators: 0,
      examined: 0,
      withheld: {},
      cursor: cursor.after ? encodeCursor(cursor.after) : null,
    };

    // Four stages overlap: the next page is read while this one is judged and built, up to PIPELINE_DEPTH
    // bodies are with the partner, and receipts are committed strictly in batch order behind them.
    let committed = cursor.after;
    let stopped = false;
    let commitError: unknown;
    let commits: Promise<void> = Promise.resolve();
    const inFlight: { batch: Outgoing; result: Promise<Delivered | null> }[] = [];
    const quiet = <T>(p: Promise<T>) => (p.catch(() => undefined), p); // awaited later, in order
    const commit = async (batch: Outgoing, delivered: Delivered | null) => {
      if (stopped) return;
      if (delivered) await this.acknowledge(partner, batch, delivered);
      const moved = await this.partners.advance(
        partnerNodeId,
        cursor.generation,
        committed,
        batch.to!,
        delivered ? { batchId: batch.bundleId, indicators: batch.indicators } : undefined,
        batch.withheld as Record<string, number>,
      );
      if (!moved) {
        stopped = true;
        summary.stopped = 'cursor_moved';
        return;
      }
      committed = batch.to;
      summary.cursor = committed ? encodeCursor(committed) : null;
      summary.examined += batch.examined;
      if (delivered) {
        summary.batches++;
        summary.indicators += batch.indicators;
      }
      for (const [k, n] of Object.entries(batch.withheld))
        summary.withheld[k as keyof WithheldCounts] = (summary.withheld[k as keyof WithheldCounts] ?? 0) + n!;
    };
    const settleOldest = async () => {
      const { batch, result } = inFlight.shift()!;
      const delivered = await result;
      commits = commits
        .then(() => commit(batch, delivered))
        .catch((e) => {
          commitError ??= e;
          stopped = true;
        });
    };

    try {
      // Pages are read PREFETCH_PAGES ahead with their verdict evidence, so the database answers while a page is
      // being built (building is synchronous: queries issued only after it would wait for it).
      type Fetched = { page: Page; evidence: Promise<PageEvidence> };
      let readFrom = committed;
      let readerEnded = false;
      let waits = 0;
      const readNext = async (): Promise<Fetched | null> => {
        for (;;) {
          if (readerEnded || stopped) return null;
          const page = await this.outbound.readPage(readFrom, batchSize);
          if (page.rows.length) {
            const last = page.rows[page.rows.length - 1];
            readFrom = { at: last.cursorAt, fingerprint: last.fingerprint };
            return { page, evidence: quiet(this.outbound.evidence(partner, page)) };
          }
          // Rows held back by transactions still open: wait a little for them rather than a whole schedule.
          if (waits < PENDING_WAITS && (await this.outbound.pendingAbove(page.from, page.horizon))) {
            waits++;
            await sleep(PENDING_WAIT_MS);
            continue;
          }
          readerEnded = true;
          return null;
        }
      };
      let chain: Promise<unknown> = Promise.resolve();
      const ahead: Promise<Fetched | null>[] = [];
      const readAhead = () => {
        const p = chain.then(readNext);
        chain = p.then(
          () => undefined, // sequencing only: the page itself is held by `ahead`, not here
          () => {
            readerEnded = true;
          },
        );
        ahead.push(quiet(p));
      };
      for (let i = 0; i < PREFETCH_PAGES; i++) readAhead();
      while (!stopped) {
        let fetched: Fetched | null = await ahead.shift()!;
        if (!fetched || stopped) break;
        readAhead();
        const parts = (await this.outbound.build(partner, fetched.page, await fetched.evidence)).map(outgoing);
        fetched = null; // done with the page's rows while its parts are with the partner
        for (const batch of parts) {
          while (inFlight.length >= PIPELINE_DEPTH) await settleOldest();
          inFlight.push({ batch, result: quiet(batch.indicators ? this.send(partner, partnerKey, batch) : Promise.resolve(null)) });
        }
      }
      while (inFlight.length && !stopped) await settleOldest();
      await commits;
      if (commitError) throw commitError;
    } catch (err) {
      // Batches the partner already acknowledged are still committed (the chain runs on); the rest is resent later.
      await Promise.allSettled(inFlight.map((f) => f.result));
      await commits;
      await this.fail(partner, err);
      throw err;
    }
    if (summary.batches) this.logger.log(`pushed ${summary.indicators} indicators in ${summary.batches} batches to ${partnerNodeId}`);
    return summary;
  }

  /** One signed POST and the check of its receipt. */
  private async send(partner: PartnerRecord, partnerKey: KeyObject, batch: Outgoing): Promise<Delivered> {
    const url = `${partner.baseUrl}/v1/exchange/inbox`;
    const sentHead = await this.audit.head();
    const signed = signRequest({
      method: 'POST',
      targetUri: url,
      body: batch.body,
      keyId: this.node.keyId,
      privateKey: this.node.key.privateKey,
      auditHead: sentHead,
    });
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { ...signed, 'content-type': STIX_MEDIA_TYPE, accept: 'application/json' },
        body: batch.body as unknown as BodyInit,
        signal: AbortSignal.timeout(this.config.exchange.requestTimeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new PushError('unavailable', `${partner.nodeId} at ${url}: ${describe(err)}`, true);
    }
    if (status !== 200) {
      const retryable = status >= 500 || status === 429 || status === 408;
      let code = '';
      try {
        code = JSON.parse(text)?.error?.code ?? '';
      } catch {
        // not our error shape
      }
      throw new PushError(
        retryable ? 'unavailable' : 'refused',
        `${partner.nodeId} answered ${status}${code ? ` ${code}` : ''}`,
        retryable,
        status,
      );
    }
    let receipt: unknown;
    try {
      receipt = JSON.parse(text);
    } catch {
      throw new PushError('bad_receipt', `${partner.nodeId} answered 200 without a JSON receipt`, false);
    }
    const digest = signed['Content-Digest'];
    const check = checkReceipt(receipt, { publicKey: partnerKey, digest, sentHead });
    if (!check.ok) throw new PushError('bad_receipt', `receipt from ${partner.nodeId} rejected: ${check.reason}`, false);
    const r = receipt as Receipt;
    if (r.batchId !== batch.bundleId || r.objects !== batch.objects) {
      throw new PushError('bad_receipt', `receipt from ${partner.nodeId} is about another batch`, false);
    }
    return { receipt: r, sentHead, witnessed: check.witnessed, receiverHead: check.receiverHead, digest };
  }

  /**
   * The partner's signed copy of our head feeds GET /v1/audit/verify; then the send is audited. A receipt without
   * `witness` still delivers the batch: the head we sent is recorded in the entry as unwitnessed, and counted.
   */
  private async acknowledge(partner: PartnerRecord, batch: Outgoing, d: Delivered): Promise<void> {
    if (d.witnessed) await this.audit.witness(partner.nodeId, d.witnessed, d.receipt);
    else this.metrics?.exchangeUnwitnessed();
    await this.audit.record({
      actor: 'system',
      action: 'exchange.sent',
      subject: partner.nodeId,
      details: {
        batchId: batch.bundleId,
        objects: batch.objects,
        indicators: batch.indicators,
        withheld: batch.withheld,
        digest: d.digest,
        witnessed: d.witnessed ?? null,
        ...(d.witnessed ? {} : { unwitnessed: d.sentHead }),
        receiverHead: d.receiverHead,
        receivedAt: d.receipt.receivedAt,
      },
    });
  }

  private async fail(partner: PartnerRecord, err: unknown): Promise<void> {
    const message = err instanceof PushError ? err.message : `push failed: ${describe(err)}`;
    const refused = err instanceof PushError && (err.failure === 'refused' || err.failure === 'bad_receipt');
    await this.partners.noteError(partner.nodeId, message, refused).catch(() => undefined);
    // Being refused or handed a bad receipt is security-relevant; a partner that is down is not (it is retried).
    if (err instanceof PushError && !err.retryable) {
      await this.audit
        .record({
          actor: 'system',
          action: 'exchange.send_failed',
          subject: partner.nodeId,
          details: { failure: err.failure, message: err.message, ...(err.status ? { status: err.status } : {}) },
        })
        .catch((e: Error) => this.logger.warn(`audit of a failed push failed: ${e.message}`));
    }
    this.logger.warn(message);
  }
}
