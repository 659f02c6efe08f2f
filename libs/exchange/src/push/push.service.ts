import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { MetricsService } from '@scamintel/metrics';
import { Receipt, checkReceipt, loadPublicKeyPem, signRequest } from '../core';
import { NodeKeyService } from '../identity/node-key.service';
import { PartnerRecord, PartnersRepository } from '../partners/partners.repository';
import { OutboundService, STIX_MEDIA_TYPE } from './outbound.service';
import { Delivered, Outgoing, PushRun, PushSummary } from './push-run';

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

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/**
 * Pushes everything new for one partner (a PushRun), batch after batch, to its POST /v1/exchange/inbox. Each request is
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
    const run = new PushRun(
      {
        partners: this.partners,
        outbound: this.outbound,
        send: (batch) => this.send(partner, partnerKey, batch),
        acknowledge: (batch, delivered) => this.acknowledge(partner, batch, delivered),
      },
      partner,
      cursor,
      opts.batchSize ?? this.config.exchange.batchSize,
    );
    let summary: PushSummary;
    try {
      summary = await run.run();
    } catch (err) {
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
        receiverHead: d.receiverHead,
        receivedAt: d.receipt.receivedAt,
        ...(d.witnessed ? {} : { unwitnessed: d.sentHead }),
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
