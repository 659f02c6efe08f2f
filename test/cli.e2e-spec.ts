import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startWorker, testConfig, waitFor } from './support/node';
import { createTestDatabase, sqlClient } from './support/db';
import { CLI_MAIN, Run, cli } from './support/cli';

const TLP_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const TLP_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';

/** Bad rows at known data-row positions (1-based): line in the file = position + 1. */
function badRow(position: number): string | undefined {
  switch (position % 20000) {
    case 101:
      return 'not-a-date,phishing,sms,SG,phone,+65 8123 0000,,,,bad-date';
    case 202:
      return '2026-11-20T10:00:00+08:00,pyramid,sms,SG,phone,+65 8123 0001,,,,bad-type';
    case 303:
      return '2026-11-20T10:00:00+08:00,phishing,sms,SG';
    case 404:
      return '2026-11-20T10:00:00+08:00,phishing,sms,SG,phone,+65 8123 0002,100.00,,,half-loss';
    case 505:
      return '2026-11-20T10:00:00+08:00,phishing,pigeon,Singapore,phone,+65 8123 0003,,,,two-errors';
    default:
      return undefined;
  }
}
const EXPECTED_ERRORS: [number, RegExp][] = [
  [101, /^occurredAt: occurredAt must be a valid ISO 8601 date string$/],
  [202, /^scamType: scamType must be one of the following values/],
  [303, /^expected 10 fields \(as in the header\), got 4$/],
  [404, /^loss: loss_amount and loss_currency go together$/],
  [505, /channel: channel must be one of the following values.*jurisdiction: jurisdiction must be an ISO 3166-1 alpha-2 code/],
];

async function writeCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  await write('occurred_at,scam_type,channel,jurisdiction,indicator_type,indicator_value,loss_amount,loss_currency,tlp,external_ref\n');
  const types = ['phishing', 'investment', 'job', 'romance', 'ecommerce', 'loan'];
  const channels = ['sms', 'call', 'whatsapp', 'telegram', 'email', 'website'];
  let bad = 0;
  for (let p = 1; p <= rows; p++) {
    const b = badRow(p);
    if (b) bad++;
    const day = String(1 + (p % 27)).padStart(2, '0');
    const loss = p % 5 === 0 ? '250.00,SGD' : ',';
    // Every 7th row carries a quoted field with a comma, so quoting is exercised throughout.
    const ref = p % 7 === 0 ? `"ref ${p}, quoted"` : `ref-${p}`;
    await write(
      `${b ?? `2026-11-${day}T09:30:00+08:00,${types[p % 6]},${channels[p % 6]},SG,phone,+65 9${String(p % 4000).padStart(7, '0')},${loss},green,${ref}`}\n`,
    );
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bad;
}

describe('operator CLI (built, run as a child process)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Client;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let env: Record<string, string>;
  let dir: string;
  const actor = `cli:${userInfo().username}`;

  beforeAll(async () => {
    expect(existsSync(CLI_MAIN)).toBe(true); // `npm test` builds first; for a lone run: npx nest build api
    db = await createTestDatabase('cli');
    const config = testConfig({ DATABASE_URL: db.url, NODE_ID: 'sg-cli', JURISDICTION: 'SG', WORKER_CONCURRENCY: '4' });
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      NODE_ID: 'sg-cli',
      JURISDICTION: 'SG',
      LOG_LEVEL: 'warn',
      DATA_DIR: config.dataDir,
    };
    worker = await startWorker(config);
    sql = await sqlClient(db.url);
    dir = mkdtempSync(path.join(tmpdir(), 'scamintel-cli-'));
  });

  afterAll(async () => {
    await worker?.close();
    await sql?.end();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('keys', () => {
    it('keys:create prints the id and the key once; only its hash is stored; audited as the CLI user', async () => {
      const r = await cli(['keys:create', '--role', 'reporter', '--org', 'DBS Bank', '--trust', 'high'], env);
      expect(r.code).toBe(0);
      const id = /^id:\s+(\S+)$/m.exec(r.stdout)?.[1];
      const key = /^key:\s+(si_\S+)$/m.exec(r.stdout)?.[1];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(key).toBeDefined();
      expect(r.stderr).toContain('shown once');
      const { rows } = await sql.query(`SELECT role, organisation, trust, key_hash, revoked_at FROM api_keys WHERE id = $1`, [id]);
      expect(rows).toEqual([
        {
          role: 'reporter',
          organisation: 'DBS Bank',
          trust: 'high',
          key_hash: createHash('sha256').update(key!).digest('hex'),
          revoked_at: null,
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain(key);
      const audit = await sql.query(`SELECT actor, subject FROM audit_log WHERE action = 'key.created' AND subject = $1`, [id]);
      expect(audit.rows).toEqual([{ actor, subject: id }]);
    });

    it('keys:create --json, partner keys need --partner-node, bad arguments exit 2', async () => {
      const r = await cli(['keys:create', '--role', 'partner', '--org', 'KNPA', '--partner-node', 'kr-knpa', '--json'], env);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        id: expect.any(String),
        key: expect.stringMatching(/^si_/),
        role: 'partner',
        organisation: 'KNPA',
        trust: 'medium',
        partnerNodeId: 'kr-knpa',
      });
      const missing = await cli(['keys:create', '--role', 'partner', '--org', 'KNPA'], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--partner-node');
      const badRole = await cli(['keys:create', '--role', 'superuser', '--org', 'x'], env);
      expect(badRole.code).toBe(2);
      expect(badRole.stderr).toMatch(/--role must be one of reporter, analyst, partner, admin/);
      expect((await cli(['keys:create', '--role', 'analyst'], env)).code).toBe(2);
      expect((await cli(['keys:create', '--role', 'analyst', '--org', 'SPF', '--colour', 'red'], env)).code).toBe(2);
      expect((await cli(['keys:frobnicate'], env)).code).toBe(2);
    });

    it('keys:create takes an organisation profile (sector, bank codes, platforms, jurisdiction); a profile that does not fit exits 1', async () => {
      const r = await cli(
        [
          'keys:create',
          '--role',
          'reporter',
          '--org',
          'DBS Bank',
          '--sector',
          'bank',
          '--bank-codes',
          '7171,7339',
          '--jurisdiction',
          'SG',
          '--json',
        ],
        env,
      );
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ sector: 'bank', bankCodes: ['7171', '7339'], platforms: [], jurisdiction: 'SG' });
      const { rows } = await sql.query(`SELECT sector, bank_codes, platforms, jurisdiction FROM api_keys WHERE id = $1`, [out.id]);
      expect(rows).toEqual([{ sector: 'bank', bank_codes: ['7171', '7339'], platforms: [], jurisdiction: 'SG' }]);
      const text = await cli(
        ['keys:create', '--role', 'reporter', '--org', 'Telegram', '--sector', 'platform', '--platforms', 'telegram'],
        env,
      );
      expect(text.stdout).toContain('created reporter key for Telegram (trust medium, platform telegram)');
      const before = (await sql.query(`SELECT count(*)::int AS n FROM api_keys`)).rows[0].n;
      const wrong = await cli(['keys:create', '--role', 'reporter', '--org', 'Singtel', '--sector', 'telco', '--bank-codes', '7171'], env);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('bankCodes: only a key of sector bank has bank codes');
      expect((await cli(['keys:create', '--role', 'reporter', '--org', 'x', '--sector', 'casino'], env)).code).toBe(2);
      expect((await sql.query(`SELECT count(*)::int AS n FROM api_keys`)).rows[0].n).toBe(before);
    });

    it('keys:revoke revokes (audited) and exits 1 for an unknown id', async () => {
      const created = JSON.parse((await cli(['keys:create', '--role', 'analyst', '--org', 'SPF', '--json'], env)).stdout);
      const r = await cli(['keys:revoke', created.id], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`revoked analyst key ${created.id} of SPF`);
      const { rows } = await sql.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [created.id]);
      expect(rows[0].revoked_at).toBeInstanceOf(Date);
      expect((await sql.query(`SELECT actor FROM audit_log WHERE action = 'key.revoked' AND subject = $1`, [created.id])).rows).toEqual([
        { actor },
      ]);
      const unknown = await cli(['keys:revoke', '00000000-0000-4000-8000-000000000000'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no key with id');
      expect((await cli(['keys:revoke', 'not-a-uuid'], env)).code).toBe(2);
    });

    it('refuses bad configuration with one line per variable and exit 1', async () => {
      const r = await cli(['keys:create', '--role', 'reporter', '--org', 'x'], {
        ...env,
        NODE_ID: 'Not Valid',
        DATABASE_URL: 'mysql://db/x',
      });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'NODE_ID']);
      expect(r.stdout).toBe('');
    });
  });

  describe('import', () => {
    const ROWS = 100_000;
    let file: string;
    let bad: number;
    let first: Run;

    beforeAll(async () => {
      file = path.join(dir, 'reports.csv');
      bad = await writeCsv(file, ROWS);
      first = await cli(['import', file, '--org', 'Telco C', '--trust', 'low', '--progress-interval', '250'], env);
    }, 120_000);

    it('imports 100,000 rows in batches, reporting progress and a summary', () => {
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/^progress: \d+ rows \(\d+ ok, \d+ failed\), \d+% of [\d.]+ MiB, \d+ rows\/s, eta \S+$/m);
      const m = /^import done: (\d+) rows ok, (\d+) rows failed, (\d+) rows\/s \([\d.]+ s\); errors in (.+)$/m.exec(first.stdout);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBe(ROWS - bad);
      expect(Number(m![2])).toBe(bad);
      expect(Number(m![3])).toBeGreaterThan(0);
      expect(m![4]).toBe(`${file}.errors.csv`);
    });

    it('stores every good row durably as a report of org:<name> with the given trust', async () => {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n, count(DISTINCT reporter_key)::int AS reporters, min(reporter_key) AS key, min(reporter_trust) AS trust, count(submitter_key_id)::int AS keyed FROM reports`,
      );
      expect(rows[0]).toEqual({ n: ROWS - bad, reporters: 1, key: 'org:telco c', trust: 'low', keyed: 0 });
      const sample = await sql.query(
        `SELECT scam_type, channel, tlp, external_ref, loss_amount::text AS loss, loss_currency, indicators FROM reports WHERE external_ref = 'ref 35, quoted'`,
      );
      expect(sample.rows).toEqual([
        {
          scam_type: 'loan',
          channel: 'website',
          tlp: 'green',
          external_ref: 'ref 35, quoted',
          loss: '250.00',
          loss_currency: 'SGD',
          indicators: [{ type: 'phone', value: '+65 90000035' }],
        },
      ]);
      const { rows: outbox } = await sql.query(
        `SELECT count(*)::int AS n, max(cardinality(report_ids))::int AS biggest FROM intake_outbox`,
      );
      expect(outbox[0]).toEqual({ n: Math.ceil((ROWS - bad) / 1000), biggest: 1000 });
    });

    it('writes every bad row with its line number and reason to <file>.errors.csv', () => {
      const lines = readFileSync(`${file}.errors.csv`, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('row,error');
      expect(lines).toHaveLength(bad + 1);
      const parsed = lines.slice(1).map((l) => {
        const comma = l.indexOf(',');
        const msg = l.slice(comma + 1);
        return { line: Number(l.slice(0, comma)), error: msg.startsWith('"') ? msg.slice(1, -1).replace(/""/g, '"') : msg };
      });
      for (let base = 0; base < ROWS; base += 20000) {
        for (const [offset, re] of EXPECTED_ERRORS) {
          const line = base + offset + 1; // data row p sits on line p + 1 (the header is line 1)
          const hit = parsed.find((p) => p.line === line);
          expect({ line, error: hit?.error }).toEqual({ line, error: expect.stringMatching(re) });
        }
      }
    });

    it('has the worker process every imported report', async () => {
      await waitFor(
        async () => {
          const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE status = 'processed'`);
          return rows[0].n === ROWS - bad;
        },
        120_000,
        500,
      );
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM indicators WHERE type = 'phone'`);
      expect(rows[0].n).toBe(4000);
      const stats = await sql.query(`SELECT sum(reports)::int AS n FROM indicator_stats`);
      expect(stats.rows[0].n).toBe(ROWS - bad);
    }, 130_000);

    it('is resumable: the same import again stores nothing twice', async () => {
      const again = await cli(['import', file, '--org', 'Telco C', '--trust', 'low'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`${ROWS - bad} rows were already imported by an earlier run and not stored again`);
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports`);
      expect(rows[0].n).toBe(ROWS - bad);
      const audit = await sql.query(`SELECT actor, subject, details FROM audit_log WHERE action = 'reports.imported' ORDER BY seq`);
      expect(audit.rows).toHaveLength(2);
      expect(audit.rows[0]).toMatchObject({
        actor,
        subject: 'reports.csv',
        details: { outcome: 'completed', organisation: 'Telco C', trust: 'low', rowsOk: ROWS - bad, rowsFailed: bad, replayed: 0 },
      });
      expect(audit.rows[1].details).toMatchObject({ replayed: ROWS - bad });
    }, 60_000);

    it('refuses a file whose header has an unknown column, importing nothing', async () => {
      const f = path.join(dir, 'odd.csv');
      writeFileSync(f, 'occurred_at,scam_type,channel,indicator_value,victim_name\n2026-11-20T10:00:00Z,phishing,sms,+6581234567,Tan\n');
      const r = await cli(['import', f, '--org', 'Odd'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('unknown column "victim_name"');
      expect((await sql.query(`SELECT count(*)::int AS n FROM reports WHERE reporter_key = 'org:odd'`)).rows[0].n).toBe(0);
    });

    it('imports the indicators of a STIX 2.1 bundle, one report each', async () => {
      const identity = {
        type: 'identity',
        spec_version: '2.1',
        id: 'identity--0a1b2c3d-0000-4000-8000-000000000001',
        created: '2026-11-01T00:00:00.000Z',
        modified: '2026-11-01T00:00:00.000Z',
        name: 'Feed',
        identity_class: 'organization',
      };
      const ind = (n: number, pattern: string, extra: Record<string, unknown> = {}) => ({
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--0a1b2c3d-0000-4000-8000-00000000010${n}`,
        created: '2026-11-10T00:00:00.000Z',
        modified: '2026-11-10T00:00:00.000Z',
        pattern,
        pattern_type: 'stix',
        valid_from: '2026-11-09T08:00:00.000Z',
        created_by_ref: identity.id,
        object_marking_refs: [TLP_GREEN],
        ...extra,
      });
      const bundle = {
        type: 'bundle',
        id: 'bundle--0a1b2c3d-0000-4000-8000-000000000009',
        objects: [
          identity,
          { type: 'marking-definition', spec_version: '2.1', id: TLP_AMBER, created: '2022-10-01T00:00:00.000Z', name: 'TLP:AMBER' },
          ind(1, "[url:value = 'https://dbs-verify.top/login?x=1']", { labels: ['phishing'] }),
          ind(2, "[phone-number:value = '+6581239999']", {
            labels: ['malicious-activity', 'investment'],
            object_marking_refs: [TLP_AMBER],
          }),
          ind(3, "[user-account:account_login = 'QuickProfit_SG' AND user-account:account_type = 'telegram']"),
          ind(4, "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"),
          ind(5, "[domain-name:value = 'old-scam.top']", { revoked: true }),
          {
            type: 'sighting',
            spec_version: '2.1',
            id: 'sighting--0a1b2c3d-0000-4000-8000-000000000201',
            created: '2026-11-10T00:00:00.000Z',
            modified: '2026-11-10T00:00:00.000Z',
            sighting_of_ref: 'indicator--0a1b2c3d-0000-4000-8000-000000000101',
            count: 3,
          },
        ],
      };
      const f = path.join(dir, 'feed.json');
      writeFileSync(f, JSON.stringify(bundle, null, 2));
      const r = await cli(['import', f, '--org', 'Feed Partner', '--trust', 'medium', '--channel', 'website'], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /^import done: 3 rows ok, 2 rows failed, \d+ rows\/s \([\d.]+ s\); 3 non-indicator objects skipped; errors in /m,
      );
      const { rows } = await sql.query(
        `SELECT external_ref, scam_type, channel, tlp, indicators FROM reports WHERE reporter_key = 'org:feed partner' ORDER BY external_ref`,
      );
      expect(rows).toEqual([
        {
          external_ref: 'indicator--0a1b2c3d-0000-4000-8000-000000000101',
          scam_type: 'phishing',
          channel: 'website',
          tlp: 'green',
          indicators: [{ type: 'url', value: 'https://dbs-verify.top/login?x=1' }],
        },
        {
          external_ref: 'indicator--0a1b2c3d-0000-4000-8000-000000000102',
          scam_type: 'investment',
          channel: 'website',
          tlp: 'amber',
          indicators: [{ type: 'phone', value: '+6581239999' }],
        },
        {
          external_ref: 'indicator--0a1b2c3d-0000-4000-8000-000000000103',
          scam_type: 'other',
          channel: 'website',
          tlp: 'green',
          indicators: [{ type: 'social_handle', value: 'telegram:QuickProfit_SG' }],
        },
      ]);
      const errors = readFileSync(`${f}.errors.csv`, 'utf8').trim().split('\n');
      expect(errors).toEqual([
        'row,error',
        expect.stringMatching(/^6,"?indicator--.*104: unsupported pattern/),
        expect.stringMatching(/^7,indicator--.*105: revoked indicator$/),
      ]);

      const notBundle = path.join(dir, 'not-a-bundle.json');
      writeFileSync(notBundle, JSON.stringify({ type: 'report', objects: [] }));
      const nb = await cli(['import', notBundle, '--org', 'Feed Partner'], env);
      expect(nb.code).toBe(1);
      expect(nb.stderr).toContain('not a STIX bundle');
    });
  });

  describe('audit:verify', () => {
    it('exits 0 with the head on an intact chain, and 1 naming the first bad entry after tampering', async () => {
      const ok = await cli(['audit:verify'], env);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^audit log ok: \d+ entries, head [0-9a-f]{64}$/m);
      const json = JSON.parse((await cli(['audit:verify', '--json'], env)).stdout);
      expect(json).toMatchObject({ ok: true, entries: expect.any(Number) });
      // Tamper as a superuser would, around the append-only trigger.
      await sql.query(`SET session_replication_role = replica`);
      try {
        await sql.query(`UPDATE audit_log SET actor = 'cli:mallory' WHERE seq = 2`);
      } finally {
        await sql.query(`SET session_replication_role = origin`);
      }
      const broken = await cli(['audit:verify'], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/^audit log BROKEN at seq 2: \w+/m);
    });
  });
});
