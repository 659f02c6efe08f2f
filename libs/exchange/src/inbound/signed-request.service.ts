import { Inject, Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { AuditHead, HeaderBag, headerValue, loadPublicKeyPem, parseDictionary, verifyRequest } from '../core';
import { ExchangeError } from '../exchange-error';
import { PartnerRecord, PartnersRepository } from '../partners/partners.repository';
import { InboundRepository } from './inbound.repository';

/** What a route hands over about the request it was called with. */
export interface IncomingRequest {
  method: string;
  /** The URI as the caller addressed it (scheme and Host the caller used), path and query included. */
  targetUri: string;
  headers: HeaderBag;
  /** The raw body bytes as received (POST); undefined for a request without a body. */
  body?: Buffer;
  ip: string;
}

export interface VerifiedRequest {
  partner: PartnerRecord;
  keyId: string;
  nonce: string;
  created: number;
  /** The sender's audit head, when the signature covers the Audit-Head header. */
  auditHead?: AuditHead;
}

/** The keyid a request claims, for the audit entry of a rejected one (never trusted for anything else). */
function claimedKeyId(headers: HeaderBag): string | undefined {
  try {
    const input = headerValue(headers, 'signature-input');
    if (!input) return undefined;
    for (const member of parseDictionary(input).values()) {
      const k = member.params.get('keyid');
      if (typeof k === 'string') return k.slice(0, 100);
    }
  } catch {
    // malformed: nothing to report
  }
  return undefined;
}

/**
 * Authenticates a request from a partner node by its RFC 9421 signature alone (CONTRACT §7): the keyid must be
 * a registered partner's key, the signature must verify over @method, @target-uri and (with a body)
 * content-digest, created within ±maxClockSkewSeconds, and the nonce new. Every refusal is a 401 in the
 * contract's error shape with exactly one audit entry (`exchange.rejected`).
 *
 * The core's verifyRequest takes a synchronous nonce check and calls it only once everything else passed; the
 * shared store is PostgreSQL (asynchronous), so verifyRequest runs with a check that records the nonce, and
 * the store is consulted right after — the same order, so a forged or stale request never burns a nonce.
 */
@Injectable()
export class SignedRequestService {
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    private readonly partners: PartnersRepository,
    private readonly inbound: InboundRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keyOf(pem: string): KeyObject {
    let key = this.keys.get(pem);
    if (!key) {
      key = loadPublicKeyPem(pem);
      if (this.keys.size > 1000) this.keys.clear();
      this.keys.set(pem, key);
    }
    return key;
  }

  async verify(req: IncomingRequest, route: string): Promise<VerifiedRequest> {
    const byKeyId = new Map((await this.partners.all()).map((p) => [p.keyId, p]));
    const skew = this.config.exchange.maxClockSkewSeconds;
    const result = verifyRequest({
      method: req.method,
      targetUri: req.targetUri,
      headers: req.headers,
      body: req.body,
      resolveKey: (keyId) => {
        const p = byKeyId.get(keyId);
        return p ? this.keyOf(p.publicKey) : undefined;
      },
      seenNonce: () => false,
      maxSkewSeconds: skew,
    });
    if (!result.ok) await this.reject(req, route, result.reason, result.detail, byKeyId.get(claimedKeyId(req.headers) ?? ''));
    const ok = result as Extract<typeof result, { ok: true }>;
    const partner = byKeyId.get(ok.keyId)!;
    // Remembered for twice the window and a minute: a nonce is refused as stale long before it is forgotten.
    if (!(await this.inbound.claimNonce(ok.keyId, ok.nonce, 2 * skew + 60)))
      await this.reject(req, route, 'replay', `nonce ${ok.nonce} seen before`, partner);
    return { partner, keyId: ok.keyId, nonce: ok.nonce, created: ok.created, ...(ok.auditHead ? { auditHead: ok.auditHead } : {}) };
  }

  private async reject(req: IncomingRequest, route: string, reason: string, detail: string, partner?: PartnerRecord): Promise<never> {
    await this.audit.record({
      actor: partner ? `partner:${partner.nodeId}` : `ip:${req.ip}`,
      action: 'exchange.rejected',
      subject: route,
      details: { reason, detail: detail.slice(0, 300), keyId: claimedKeyId(req.headers) ?? null, status: 401 },
    });
    throw new ExchangeError('bad_signature', `request signature refused: ${reason}`, [{ path: 'signature', message: reason }], {
      'WWW-Authenticate': 'Signature',
    });
  }
}
