import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { NodeKeyService, PartnersRepository } from '@scamintel/exchange';
import { signRequest } from '@scamintel/exchange-core';

export class PartnerCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Signed JSON POSTs to a partner node over the exchange channel (CONTRACT §7): RFC 9421 with Content-Digest by this
 * node's key, exactly as pushes are signed. Down, slow, 5xx, 408 and 429 are retryable; other answers are final.
 */
@Injectable()
export class PartnerClient {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly node: NodeKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async post(partnerNodeId: string, path: string, payload: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const partner = await this.partners.get(partnerNodeId);
    if (!partner) throw new PartnerCallError(`${partnerNodeId} is no partner (any more)`, false);
    const url = `${partner.baseUrl}${path}`;
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const signed = signRequest({ method: 'POST', targetUri: url, body, keyId: this.node.keyId, privateKey: this.node.key.privateKey });
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { ...signed, 'content-type': 'application/json', accept: 'application/json' },
        body: body as unknown as BodyInit,
        signal: AbortSignal.timeout(this.config.exchange.requestTimeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new PartnerCallError(`${partnerNodeId} at ${url}: ${(err as Error).message}`, true);
    }
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: judged by its status
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: parsed };
    const code = (parsed.error as { code?: string } | undefined)?.code;
    const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
    throw new PartnerCallError(`${partnerNodeId} answered ${res.status}${code ? ` ${code}` : ''}`, retryable, res.status);
  }
}
