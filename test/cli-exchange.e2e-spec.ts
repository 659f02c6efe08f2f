import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { call, waitFor } from './support/node';
import { registerPartner, startTwoNodes, TestNode } from './support/two-nodes';
import { CLI_MAIN, cli } from './support/cli';

/** The environment of a node's own processes: the CLI acts as that node (same database, key, queues). */
const envOf = (n: TestNode) => ({
  DATABASE_URL: n.dbUrl,
  REDIS_URL: n.config.redisUrl,
  QUEUE_PREFIX: n.config.queuePrefix,
  NODE_ID: n.nodeId,
  JURISDICTION: n.jurisdiction,
  DATA_DIR: n.config.dataDir,
  LOG_LEVEL: 'warn',
});

describe('CLI: partners:add, exchange:sync, bulletin:generate', () => {
  let nodes: Awaited<ReturnType<typeof startTwoNodes>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'scamintel-cli-x-'));

  beforeAll(async () => {
    expect(existsSync(CLI_MAIN)).toBe(true);
    nodes = await startTwoNodes();
  });
  afterAll(() => nodes?.close());

  // Seven CLI processes, each booting the whole application (about 10 s apiece on two busy cores): a longer timeout.
  it('registers a partner from a file, syncs it from the command line, and writes a published bulletin', async () => {
    const { sg, kr } = nodes;
    const reporter = (
      await call(`${sg.url}/v1/admin/keys`, { key: sg.adminKey, body: { role: 'reporter', organisation: 'bank', trust: 'high' } })
    ).body.key;
    const analyst = (
      await call(`${sg.url}/v1/admin/keys`, { key: sg.adminKey, body: { role: 'analyst', organisation: 'spf', trust: 'high' } })
    ).body.key;
    const ids: string[] = [];
    for (const [value, tlp] of [
      ['cli-shared-scam.com', 'clear'],
      ['cli-secret-scam.com', 'red'],
    ]) {
      const r = await call(`${sg.url}/v1/reports`, {
        key: reporter,
        body: {
          scamType: 'phishing',
          channel: 'sms',
          occurredAt: '2026-11-18T10:00:00+08:00',
          tlp,
          indicators: [{ value, type: 'domain' }],
        },
      });
      ids.push(r.body.id);
    }
    await waitFor(async () => {
      for (const id of ids) if ((await call(`${sg.url}/v1/reports/${id}`, { key: analyst })).body.status !== 'processed') return false;
      return true;
    });
    // KR accepts SG's pushes; SG learns of KR through the CLI.
    expect(
      (
        await registerPartner(kr, sg, {
          maxTlp: 'amber',
          types: ['domain', 'url', 'phone'],
          minConfidence: 0,
          pseudonymise: [],
          shareNarrative: false,
        })
      ).status,
    ).toBe(201);
    const identity = (await call(`${kr.url}/v1/exchange/identity`)).body;
    const file = path.join(dir, 'kr.json');
    writeFileSync(
      file,
      JSON.stringify({
        nodeId: identity.nodeId,
        jurisdiction: identity.jurisdiction,
        baseUrl: kr.proxy.url,
        publicKey: identity.publicKey,
        policy: { maxTlp: 'green', types: ['domain'], minConfidence: 0, pseudonymise: [], shareNarrative: false },
      }),
    );

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ nodeId: 'Not Valid', policy: {} }));
    const refused = await cli(['partners:add', bad], envOf(sg));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nodeId/);

    const added = await cli(['partners:add', file], envOf(sg));
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('added partner kr-knpa (KR)') });
    const partners = await call(`${sg.url}/v1/admin/partners`, { key: sg.adminKey });
    expect(JSON.stringify(partners.body)).toContain('kr-knpa');

    const synced = await cli(['exchange:sync', '--partner', 'kr-knpa', '--json'], envOf(sg));
    expect(synced.code).toBe(0);
    const look = await call(`${kr.url}/v1/lookup?q=cli-shared-scam.com&type=domain`);
    expect(look.body.byJurisdiction).toEqual(
      expect.arrayContaining([expect.objectContaining({ jurisdiction: 'SG', sourceNode: 'sg-spf' })]),
    );
    const secret = await call(`${kr.url}/v1/lookup?q=cli-secret-scam.com&type=domain`);
    expect(secret.body.byJurisdiction).toEqual([]);
    expect((await cli(['exchange:sync', '--partner', 'nobody'], envOf(sg))).code).toBe(1);
    expect((await cli(['exchange:sync'], envOf(sg))).code).toBe(2);

    const out = path.join(dir, 'out');
    const gen = await cli(
      ['bulletin:generate', '--from', '2026-11-16', '--to', '2026-11-23', '--lang', 'en,ko', '--out', out, '--publish'],
      envOf(sg),
    );
    expect(gen.code).toBe(0);
    expect(gen.stdout).toContain('published');
    const md = readFileSync(path.join(out, 'bulletin-SG-2026-11-16-ko.md'), 'utf8');
    expect(md).toContain('사기');
    expect(md).not.toContain('cli-secret-scam');
    const published = await call(`${sg.url}/v1/bulletins`);
    expect(published.body.bulletins).toHaveLength(1);
    expect((await cli(['bulletin:generate', '--from', '2026-11-23', '--to', '2026-11-16'], envOf(sg))).code).toBe(1);
  }, 240_000);
});
