import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { StixObject, contentDigest, signRequest } from '../core';
import { NodeKeyService } from '../identity/node-key.service';
import { PartnerRecord } from '../partners/partners.repository';

export type PullFailure = 'unknown_partner' | 'unavailable' | 'refused' | 'bad_page';

/** `retryable` failures (partner down, slow, 5xx, 429) go back to BullMQ's backoff; the others wait for the next run. */
export class PullError extends Error {
  constructor(
    readonly failure: PullFailure,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A page of a partner's pulled stream (the outbox, or another stream of the same shape). */
export interface PulledPage {
  objects: StixObject[];
  next: string | null;
  more: boolean;
}

const isPage = (v: unknown): v is PulledPage => {
  const p = v as PulledPage;
  return (
    !!p &&
    typeof p === 'object' &&
    Array.isArray(p.objects) &&
    (p.next === null || typeof p.next === 'string') &&
    typeof p.more === 'boolean'
  );
};

/**
 * One signed GET of a page of a partner's stream (`{objects, next, more}` after a cursor), with this node's own
 * RFC 9421 signature (keyid = our key). Shared by every pulled stream so they fail, retry and sign alike.
 */
@Injectable()
export class PageReader {
  constructor(
    private readonly node: NodeKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read(partner: PartnerRecord, path: string, after: string | null, limit: number): Promise<{ page: PulledPage; digest: string }> {
    const q = new URLSearchParams();
    if (after) q.set('after', after);
    q.set('limit', String(limit));
    const url = `${partner.baseUrl}${path}?${q.toString()}`;
    const signed = signRequest({ method: 'GET', targetUri: url, keyId: this.node.keyId, privateKey: this.node.key.privateKey });
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {
        headers: { ...signed, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.exchange.requestTimeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string }; message?: string };
      const why = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timed out' : (e.cause?.code ?? e.message);
      throw new PullError('unavailable', `${partner.nodeId} at ${url}: ${why}`, true);
    }
    if (status !== 200) {
      const retryable = status >= 500 || status === 429 || status === 408;
      throw new PullError(retryable ? 'unavailable' : 'refused', `${partner.nodeId} ${path} answered ${status}`, retryable, status);
    }
    let page: unknown;
    try {
      page = JSON.parse(text);
    } catch {
      page = undefined;
    }
    if (!isPage(page)) throw new PullError('bad_page', `${partner.nodeId} ${path} answered 200 without {objects, next, more}`, false);
    return { page, digest: contentDigest(text) };
  }
}
