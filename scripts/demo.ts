/**
 * npm run demo — two nodes (Singapore and Korea) on this machine: separate databases, one Redis with separate
 * queue prefixes. Loads the synthetic reports of data/demo/, processes them, syncs the nodes, prints lookups
 * and audit verifications, runs one cross-border freeze from request to done with a webhook delivery, and writes an
 * English and a Korean bulletin under out/. `--serve` keeps both up.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BulletinFigures, writeBulletinFiles } from '@scamintel/bulletins';
import { printCampaigns } from './demo-campaigns';
import { INDICATOR_TYPES } from '@scamintel/vocabulary';
import { demoActions } from './demo-actions';
import { http, pageLines, pickPort, recreateDatabase, until } from './demo-support';

const ROOT = path.resolve(__dirname, '../..');
const serve = process.argv.includes('--serve');
const say = (s = '') => process.stdout.write(`${s}\n`);

interface DemoFile {
  node: string;
  jurisdiction: string;
  organisations: { id: string; organisation: string | null; trust: string }[];
  reports: ({ as: string } & Record<string, unknown>)[];
}

interface Node {
  env: Record<string, string>;
  name: string;
  nodeId: string;
  jurisdiction: string;
  url: string;
  admin: string;
  analyst: string;
  data: DemoFile;
  procs: ChildProcess[];
}

async function startNode(name: string, preferredPort: number): Promise<Node> {
  const data = JSON.parse(readFileSync(path.join(ROOT, `data/demo/${name}-reports.json`), 'utf8')) as DemoFile;
  const databaseUrl = await recreateDatabase(`scamintel_demo_${name}`);
  const port = await pickPort(preferredPort);
  const admin = randomBytes(24).toString('base64url');
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ID: data.node,
    JURISDICTION: data.jurisdiction,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `scamintel-demo:${data.node}`,
    PORT: String(port),
    BOOTSTRAP_ADMIN_KEY: admin,
    DATA_DIR: path.join(ROOT, `.data/demo-${name}`),
    BULLETIN_OUT_DIR: path.join(ROOT, 'out'),
    LOG_LEVEL: process.env.DEMO_LOG_LEVEL ?? 'warn',
    ANON_REPORT_LIMIT: '1000',
    RELAY_GRACE_MS: '1000',
    // The demo pushes with the CLI to show what went; under --serve the worker's schedule takes over.
    EXCHANGE_PUSH_INTERVAL_MS: serve ? '10000' : '3600000',
    // Both nodes and the bank's webhook receiver are on this machine.
    WEBHOOK_ALLOW_PRIVATE: 'true',
  };
  mkdirSync(env.DATA_DIR, { recursive: true });
  // Each process logs JSON lines to .data/demo-<node>/<app>.log, so the demo's own output stays readable.
  const procs = (['api', 'worker'] as const).map((app) => {
    const log = openSync(path.join(env.DATA_DIR, `${app}.log`), 'w');
    return spawn(process.execPath, ['--max-semi-space-size=64', path.join(ROOT, `dist/apps/${app}/src/main.js`)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', log, log],
    });
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`${name} API`, async () => (await http('GET', `${url}/health/ready`)).status === 200);
  const analyst = (
    await http('POST', `${url}/v1/admin/keys`, admin, {
      role: 'analyst',
      organisation: `${data.jurisdiction} anti-scam centre (synthetic)`,
      trust: 'high',
    })
  ).body.key;
  return { env, name, nodeId: data.node, jurisdiction: data.jurisdiction, url, admin, analyst, data, procs };
}

async function loadReports(n: Node): Promise<number> {
  const keys = new Map<string, string | undefined>();
  for (const org of n.data.organisations) {
    if (!org.organisation) keys.set(org.id, undefined);
    else
      keys.set(
        org.id,
        (await http('POST', `${n.url}/v1/admin/keys`, n.admin, { role: 'reporter', organisation: org.organisation, trust: org.trust })).body
          .key,
      );
  }
  const ids: { id: string; key?: string }[] = [];
  for (const { as, ...report } of n.data.reports) {
    const key = keys.get(as);
    const res = await http('POST', `${n.url}/v1/reports`, key, report);
    if (res.status !== 202) throw new Error(`${n.name}: report refused with ${res.status}: ${JSON.stringify(res.body)}`);
    ids.push({ id: res.body.id });
  }
  await until(`${n.name} processing`, async () => {
    for (const { id } of ids) if ((await http('GET', `${n.url}/v1/reports/${id}`, n.analyst)).body?.status !== 'processed') return false;
    return true;
  });
  return ids.length;
}

/**
 * What each node lets the other see. Both share up to TLP amber, never narratives; bank accounts travel
 * pseudonymised (HMAC with a key both sides entered), so the receiver can match accounts it knows, not read them.
 */
const POLICY = {
  maxTlp: 'amber',
  types: [...INDICATOR_TYPES],
  minConfidence: 0,
  pseudonymise: ['bank_account'],
  shareNarrative: false,
};

async function connect(a: Node, b: Node, pseudonymKey: string): Promise<void> {
  const identity = (await http('GET', `${b.url}/v1/exchange/identity`)).body;
  const res = await http('POST', `${a.url}/v1/admin/partners`, a.admin, {
    nodeId: identity.nodeId,
    jurisdiction: identity.jurisdiction,
    baseUrl: b.url,
    publicKey: identity.publicKey,
    policy: POLICY,
    pseudonymKey,
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`${a.name}: partner registration answered ${res.status}: ${JSON.stringify(res.body)}`);
  say(
    `  ${a.nodeId} registered ${identity.nodeId} (key ${String(identity.keyId).slice(0, 12)}…): shares up to TLP ${POLICY.maxTlp}, no narratives, bank accounts pseudonymised`,
  );
}

/** Pushes with the operator CLI (`npm run cli -- exchange:sync`), which reports what went and what was withheld. */
function sync(from: Node, to: Node): void {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'dist/apps/cli/src/main.js'), 'exchange:sync', '--partner', to.nodeId, '--json'],
    { cwd: ROOT, env: from.env, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`exchange:sync ${from.nodeId} → ${to.nodeId} failed: ${run.stderr}`);
  // The CLI prints one summary per direction the partner's mode asks for; the demo's partners are push partners.
  const { push: s } = JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
    push?: { batches: number; indicators: number; examined: number; withheld: Record<string, number> };
  };
  if (!s) throw new Error(`exchange:sync ${from.nodeId} → ${to.nodeId} pushed nothing: is ${to.nodeId} a push partner?`);
  const withheld =
    Object.entries(s.withheld)
      .map(([why, n]) => `${n} ${why.replace(/_/g, ' ')}`)
      .join(', ') || 'nothing';
  say(
    `  ${from.nodeId} → ${to.nodeId}: ${s.indicators} of ${s.examined} indicators sent in ${s.batches} signed batch(es); withheld: ${withheld}`,
  );
}

const LOOKUPS = [
  '+65 8123 4567',
  '+82 10-2345-6789',
  'hxxps://kbstar-secure[.]top/login',
  'hxxps://dbs-secure-login[.]top/verify',
  '1800 111 1111',
  '1588-9999',
  '+65 9000 1234',
  'telegram:@easy_task_sg',
  'https://example.org/',
];

async function printLookups(nodes: Node[]): Promise<void> {
  say('\nLookups ("is this a scam?"), as each node answers the public:');
  for (const q of LOOKUPS) {
    const cells = await Promise.all(
      nodes.map(async (n) => {
        const r = (await http('GET', `${n.url}/v1/lookup?q=${encodeURIComponent(q)}`)).body;
        const sides = (r.byJurisdiction ?? [])
          .map((b: { jurisdiction: string; verdict: string; reports: number }) => `${b.jurisdiction}:${b.verdict}(${b.reports})`)
          .join(' ');
        return `${n.jurisdiction} → ${r.verdict.padEnd(10)} ${sides}`;
      }),
    );
    say(`  ${q.padEnd(40)} ${cells.join('   |   ')}`);
  }
}

async function printAudit(nodes: Node[]): Promise<void> {
  say('\nAudit logs:');
  for (const n of nodes) {
    const v = (await http('GET', `${n.url}/v1/audit/verify`, n.admin)).body;
    say(`  ${n.nodeId}: ${JSON.stringify(v)}`);
  }
}

/** The demo data's latest week (reports dated 16–23 Nov 2026), compared by the bulletin with the week before. */
const BULLETIN_PERIOD = { from: '2026-11-16', to: '2026-11-23' };

async function writeBulletins(nodes: Node[]): Promise<void> {
  say('\nBulletins:');
  for (const n of nodes) {
    const created = await http('POST', `${n.url}/v1/bulletins`, n.analyst, { ...BULLETIN_PERIOD, languages: ['en', 'ko'] });
    if (created.status !== 202) throw new Error(`${n.name}: bulletin request answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    await until(
      `${n.name} bulletin`,
      async () =>
        (await http('GET', `${n.url}/v1/bulletins?limit=100`, n.analyst)).body?.bulletins?.find((b: { id: string }) => b.id === id)
          ?.status === 'ready',
    );
    const published = await http('POST', `${n.url}/v1/bulletins/${id}/publish`, n.analyst);
    if (published.status !== 200) throw new Error(`${n.name}: publish answered ${published.status}`);
    const figures = (await http('GET', `${n.url}/v1/bulletins/${id}?format=json`)).body as BulletinFigures;
    const files = await writeBulletinFiles(figures, ['en', 'ko'], path.join(ROOT, 'out'));
    say(`  ${n.nodeId}: published ${id}; wrote ${files.map((f) => path.relative(ROOT, f)).join(', ')}`);
  }
}

async function main(): Promise<void> {
  say('scamintel demo: a Singapore node and a Korea node on this machine (synthetic data)');
  say(`  runtime: Node ${process.version} (${process.execPath}); every process of both nodes runs on it`);
  const nodes: Node[] = [];
  const stop = () => nodes.flatMap((n) => n.procs).forEach((p) => p.kill('SIGTERM'));
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    nodes.push(await startNode('sg', 3000), await startNode('kr', 3100));
    for (const n of nodes) say(`  ${n.nodeId} (${n.jurisdiction}) at ${n.url}`);
    for (const n of nodes) say(`  ${n.nodeId}: ${await loadReports(n)} reports submitted and processed`);
    say('\nExchange (signed STIX 2.1 over HTTP, receipts signed by the receiver):');
    const [sg, kr] = nodes;
    const bilateralKey = randomBytes(32).toString('hex');
    await connect(sg, kr, bilateralKey);
    await connect(kr, sg, bilateralKey);
    sync(sg, kr);
    sync(kr, sg);
    for (const n of nodes) {
      const personal = n.data.reports.filter((r) => r.reporter).length;
      const narratives = n.data.reports.filter((r) => r.narrative).length;
      say(
        `  never sent by ${n.nodeId}: the reporter names and contacts of ${personal} report(s), the narratives of ${narratives} (policy: shareNarrative false), anything received from a partner`,
      );
    }
    await printLookups(nodes);
    await printCampaigns(nodes, http, until, say);
    await demoActions(sg, kr, http, until, say);
    await writeBulletins(nodes);
    await printAudit(nodes);
    if (serve) {
      say('\n--serve: both nodes stay up; Ctrl-C stops them.');
      for (const n of nodes) {
        say(`  ${n.nodeId}: ${n.url}  admin key ${n.admin}  analyst key ${n.analyst}`);
        for (const line of pageLines(n.url, n.jurisdiction)) say(`    ${line}`);
      }
      await new Promise(() => undefined);
    }
  } finally {
    if (!serve) stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`demo failed: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
