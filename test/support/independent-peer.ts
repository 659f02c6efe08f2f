import { KeyObject, createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Head, TLP2, auditHeadOf, digestOf, jcs, signRequest, thumbprint, verifyRequest } from './peer-crypto';

/** One request the node sent the peer, and how the peer answered it. */
export interface PeerSeen {
  method: string;
  path: string;
  status: number;
  refusal?: string;
  receipt?: Record<string, unknown>;
  objects?: Record<string, unknown>[];
}

/** One answer of the node to a request of the peer. */
export interface NodeAnswer {
  status: number;
  body: any;
  text: string;
}

/**
 * A partner node written from CONTRACT §7 alone: an inbox that verifies the node's signed pushes and answers with
 * its own signed receipts (with or without `witness`), an outbox the node can pull, and a client that pushes to and
 * pulls from the node with its own signed requests. Its own audit log is a bare hash chain, enough for receipts.
 */
export class IndependentPeer {
  readonly nodeId: string;
  readonly jurisdiction: string;
  private readonly keys = generateKeyPairSync('ed25519');
  readonly keyId = thumbprint(this.keys.publicKey);
  readonly publicKeyPem = this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  readonly identityId = `identity--${randomUUID()}`;
  url = '';
  /** Answer receipts with `witness` (the node's Audit-Head, echoed) or without it. */
  witness = true;
  readonly seen: PeerSeen[] = [];
  /** What the peer offers in its outbox, in order; `after` is an index into it. */
  readonly outbox: Record<string, unknown>[][] = [];
  private head: Head = { seq: 0, hash: '0'.repeat(64) };
  private nodeKey?: KeyObject;
  private readonly nonces = new Set<string>();
  private server?: http.Server;

  constructor(nodeId = 'jp-npa', jurisdiction = 'JP') {
    this.nodeId = nodeId;
    this.jurisdiction = jurisdiction;
  }

  /** The node's public key, as its GET /v1/exchange/identity publishes it. */
  trust(publicKeyPem: string): void {
    this.nodeKey = createPublicKey(publicKeyPem);
  }

  /** Appends to the peer's own hash-chained log; returns the new head. */
  private log(entry: Record<string, unknown>): Head {
    const seq = this.head.seq + 1;
    this.head = {
      seq,
      hash: createHash('sha256')
        .update(this.head.hash)
        .update(jcs({ seq, ...entry }))
        .digest('hex'),
    };
    return this.head;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const answer = (status: number, json: unknown, seen: Omit<PeerSeen, 'method' | 'path' | 'status'> = {}) => {
          this.seen.push({ method: req.method ?? '', path: req.url ?? '', status, ...seen });
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        const targetUri = `http://${req.headers.host}${req.url}`;
        const refusal = this.nodeKey
          ? verifyRequest({ method: req.method ?? '', targetUri, headers: req.headers, body }, this.nodeKey, this.nonces)
          : 'no partner key';
        if (refusal) return answer(401, { error: { code: 'bad_signature', message: refusal } }, { refusal });
        const url = new URL(targetUri);
        if (req.method === 'POST' && url.pathname === '/v1/exchange/inbox') return this.receive(req, body, answer);
        if (req.method === 'GET' && url.pathname === '/v1/exchange/outbox') {
          const after = Number(url.searchParams.get('after') ?? 0);
          const objects = this.outbox.slice(after, after + 1).flat();
          const next = String(Math.min(after + 1, this.outbox.length));
          return answer(200, { objects, next, more: after + 1 < this.outbox.length }, { objects });
        }
        answer(404, { error: { code: 'not_found', message: 'no such route' } });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private receive(req: http.IncomingMessage, body: Buffer, answer: (status: number, json: unknown, seen?: Partial<PeerSeen>) => void) {
    let bundle: { id?: string; objects?: Record<string, unknown>[] };
    try {
      bundle = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400, { error: { code: 'validation_failed', message: 'not JSON' } });
    }
    const objects = bundle.objects ?? [];
    const senderHead = auditHeadOf(req.headers);
    const auditHead = this.log({ action: 'exchange.received', batchId: bundle.id, digest: req.headers['content-digest'] });
    const unsigned = {
      batchId: bundle.id,
      objects: objects.length,
      digest: req.headers['content-digest'],
      receivedAt: new Date().toISOString(),
      auditHead,
      keyId: this.keyId,
      ...(this.witness && senderHead ? { witness: senderHead } : {}),
    };
    const receipt = { ...unsigned, signature: sign(null, Buffer.from(jcs(unsigned)), this.keys.privateKey).toString('base64url') };
    answer(200, receipt, { receipt, objects });
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** A signed request of the peer to the node; with `withHead`, the peer's own audit head rides along, signed. */
  async request(method: 'GET' | 'POST', url: string, body?: Buffer, withHead = false): Promise<NodeAnswer & { head?: Head }> {
    const head = withHead ? this.log({ action: 'exchange.sent', url }) : undefined;
    const signed = signRequest({ privateKey: this.keys.privateKey, keyId: this.keyId }, method, url, body, head);
    const res = await fetch(url, {
      method,
      headers: { ...signed, ...(body ? { 'content-type': 'application/stix+json;version=2.1' } : {}), accept: 'application/json' },
      ...(body ? { body: body as unknown as BodyInit } : {}),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, ...(head ? { head } : {}) };
  }

  /** Checks a receipt of the node: its signature (JCS without `signature`), the digest sent, and the witness. */
  checkReceipt(receipt: Record<string, unknown>, sent: { digest: string; head?: Head }): string | undefined {
    if (!this.nodeKey) return 'no partner key';
    const { signature, ...rest } = receipt;
    if (typeof signature !== 'string' || !verify(null, Buffer.from(jcs(rest)), this.nodeKey, Buffer.from(signature, 'base64url')))
      return 'bad signature';
    if (rest.keyId !== thumbprint(this.nodeKey)) return 'another key';
    if (rest.digest !== sent.digest) return 'digest mismatch';
    const w = rest.witness as Head | undefined;
    if (sent.head && w && (w.seq !== sent.head.seq || w.hash !== sent.head.hash)) return 'witness mismatch';
    return undefined;
  }

  /** Pushes a bundle to the node's inbox; returns the answer and what its receipt must echo. */
  async push(nodeUrl: string, objects: Record<string, unknown>[], withHead: boolean) {
    const body = Buffer.from(JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }));
    const answer = await this.request('POST', `${nodeUrl}/v1/exchange/inbox`, body, withHead);
    return { answer, digest: digestOf(body), head: answer.head };
  }

  /** The STIX 2.1 objects of one domain this peer reports: its identity, the indicator and a sighting, TLP:GREEN. */
  report(domain: string, count: number, scamType = 'phishing'): Record<string, unknown>[] {
    const now = new Date().toISOString();
    const indicatorId = `indicator--${randomUUID()}`;
    const marked = { created_by_ref: this.identityId, object_marking_refs: [TLP2.green] };
    return [
      {
        type: 'identity',
        spec_version: '2.1',
        id: this.identityId,
        created: now,
        modified: now,
        name: this.nodeId,
        identity_class: 'organization',
      },
      {
        type: 'indicator',
        spec_version: '2.1',
        id: indicatorId,
        created: now,
        modified: now,
        pattern: `[domain-name:value = '${domain}']`,
        pattern_type: 'stix',
        valid_from: now,
        indicator_types: ['malicious-activity'],
        labels: [scamType],
        confidence: 80,
        ...marked,
      },
      {
        type: 'sighting',
        spec_version: '2.1',
        id: `sighting--${randomUUID()}`,
        created: now,
        modified: now,
        sighting_of_ref: indicatorId,
        count,
        first_seen: now,
        last_seen: now,
        ...marked,
      },
    ];
  }
}
