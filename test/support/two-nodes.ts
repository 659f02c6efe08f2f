import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AppConfig } from '@scamintel/config';
import { createApi } from '../../apps/api/src/create-api';
import { createTestDatabase, sqlClient } from './db';
import { call, startWorker, testConfig } from './node';
import { checkDocumented } from './openapi-contract';
import { freePort } from './processes';

/** One request as it passed through a capturing proxy on its way to a node. */
export interface Captured {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  status?: number;
  /** The answer's body, once it has passed (pulled pages are objects a node emitted, for the conformance check). */
  response?: Buffer;
}

/**
 * A plain HTTP proxy in front of a node's API that records every request (node-to-node traffic goes through
 * it; the tests talk to the API directly). The Host header is passed on unchanged, so the receiving node
 * rebuilds the @target-uri the sender signed. With the API down it answers 502, as a gateway would.
 */
export class CapturingProxy {
  readonly requests: Captured[] = [];
  private server?: http.Server;
  url = '';

  constructor(private upstream: () => string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const captured: Captured = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
        this.requests.push(captured);
        const target = new URL(this.upstream());
        const fwd = http.request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            captured.status = up.statusCode;
            res.writeHead(up.statusCode ?? 502, up.headers);
            // Node-to-node answers (receipts, outbox pages, refusals) are checked against the document too.
            const answer: Buffer[] = [];
            up.on('data', (c: Buffer) => answer.push(c));
            up.on('end', () => {
              captured.response = Buffer.concat(answer);
              checkDocumented({
                method: captured.method,
                url: captured.path,
                status: up.statusCode ?? 0,
                contentType: up.headers['content-type'] ?? null,
                text: captured.response.toString('utf8'),
              });
            });
            up.pipe(res);
          },
        );
        fwd.on('error', () => {
          captured.status = 502;
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'upstream down' } }));
        });
        fwd.end(captured.body);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export interface TestNode {
  name: string;
  nodeId: string;
  jurisdiction: string;
  adminKey: string;
  config: AppConfig;
  /** Direct URL of the API (the tests use this). */
  url: string;
  /** What the partner registers as baseUrl: the capturing proxy in front of this node. */
  proxy: CapturingProxy;
  api?: NestFastifyApplication;
  worker: INestApplicationContext;
  sql: Client;
  dbUrl: string;
  startApi(): Promise<void>;
  stopApi(): Promise<void>;
  close(): Promise<void>;
}

/** One complete node (API + worker, own database, own queue prefix); its partners register `proxy.url`. */
export async function startNode(name: string, nodeId: string, jurisdiction: string, env: Record<string, string>): Promise<TestNode> {
  const db = await createTestDatabase(`ex_${name}`);
  const port = await freePort();
  const adminKey = `test-admin-${name}-0123456789abcdef`;
  const config = testConfig({
    DATABASE_URL: db.url,
    BOOTSTRAP_ADMIN_KEY: adminKey,
    NODE_ID: nodeId,
    JURISDICTION: jurisdiction,
    PORT: String(port),
    EXCHANGE_RETRY_BASE_MS: '300',
    EXCHANGE_REQUEST_TIMEOUT_MS: '5000',
    EXCHANGE_PUSH_INTERVAL_MS: '3600000',
    // Campaign sharing adds signed POSTs of its own (/v1/exchange/campaigns); the tests that count or replay the
    // exchange's requests keep it off, the campaign tests turn it on.
    CAMPAIGNS_ENABLED: 'false',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  const proxy = new CapturingProxy(() => url);
  await proxy.start();
  const worker = await startWorker(config);
  const sql = await sqlClient(db.url);
  const node: TestNode = {
    name,
    nodeId,
    jurisdiction,
    adminKey,
    config,
    url,
    proxy,
    worker: worker.app,
    sql,
    dbUrl: db.url,
    async startApi() {
      const app = await createApi(config);
      await app.listen({ host: '127.0.0.1', port });
      node.api = app;
    },
    async stopApi() {
      await node.api?.close();
      node.api = undefined;
    },
    async close() {
      await node.stopApi();
      await worker.close();
      await proxy.stop();
      await sql.end();
      await db.drop();
    },
  };
  await node.startApi();
  return node;
}

/** Two complete nodes (API + worker each, own database, own queue prefix on the one Redis), in this process. */
export async function startTwoNodes(env: Record<string, string> = {}): Promise<{ sg: TestNode; kr: TestNode; close(): Promise<void> }> {
  const sg = await startNode('sg', 'sg-spf', 'SG', env);
  const kr = await startNode('kr', 'kr-knpa', 'KR', env);
  return {
    sg,
    kr,
    close: async () => {
      await sg.close();
      await kr.close();
    },
  };
}

/** Registers `partner` at `node` (admin route), with the partner's identity as its own route publishes it. */
export async function registerPartner(
  node: TestNode,
  partner: TestNode,
  policy: Record<string, unknown>,
  pseudonymKey?: string,
  extra: Record<string, unknown> = {},
) {
  const identity = await call(`${partner.url}/v1/exchange/identity`);
  const res = await call(`${node.url}/v1/admin/partners`, {
    key: node.adminKey,
    body: {
      nodeId: identity.body.nodeId,
      jurisdiction: identity.body.jurisdiction,
      baseUrl: partner.proxy.url,
      publicKey: identity.body.publicKey,
      policy,
      ...(pseudonymKey ? { pseudonymKey } : {}),
      ...extra,
    },
  });
  return res;
}
