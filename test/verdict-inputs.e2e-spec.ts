import { fingerprint } from '@scamintel/vocabulary';
import { VerdictService, evidenceKey, type LocalEvidence } from '@scamintel/policing';
import { EvidenceRepository } from '../libs/policing/src/evidence.repository';
import { LookupRepository } from '../libs/intel/src/lookup/lookup.repository';
import { inputsOf } from '../libs/intel/src/lookup/verdict-inputs';
import { call, waitFor } from './support/node';
import { registerPartner, startTwoNodes, TestNode } from './support/two-nodes';

const POLICY = { maxTlp: 'amber', types: ['domain', 'phone'], minConfidence: 0, pseudonymise: ['phone'], shareNarrative: false };
const PSEUDONYM_KEY = 'sg-kr-verdict-inputs-test-key!';

/** Evidence in a comparable form: an absent entry is an empty one; reporters in a fixed order. */
function comparable(e: LocalEvidence | undefined) {
  const reporters = [...(e?.reporters ?? [])].sort(
    (a, b) => a.firstReceived.getTime() - b.firstReceived.getTime() || a.lastSeen.getTime() - b.lastSeen.getTime() || a.reports - b.reports,
  );
  return { reporters, reportsInWindow: e?.reportsInWindow ?? {}, lastSeen: e?.lastSeen ?? null, analystVerdict: e?.analystVerdict };
}

/**
 * The consistency property of verdict_inputs on a node, after whatever changed it: (1) every row as the triggers
 * maintained it equals the row recomputed now from the source tables (no writer was missed), and (2) the evidence
 * and the verdict decoded from each row equal those computed from the evidence tables (libs/policing's own read).
 */
async function expectCurrent(n: TestNode): Promise<number> {
  const { rows: all } = await n.sql.query(`SELECT array(SELECT fingerprint FROM indicators UNION SELECT fingerprint FROM partner_sightings
      UNION SELECT fingerprint FROM indicator_reporters UNION SELECT fingerprint FROM verdict_inputs) AS f`);
  const table = `SELECT fingerprint, type, value, warninglist, local, partners FROM verdict_inputs ORDER BY fingerprint`;
  const stored = (await n.sql.query(table)).rows;
  await n.sql.query('BEGIN');
  await n.sql.query('SELECT verdict_inputs_refresh($1)', [all[0].f]);
  const fresh = (await n.sql.query(table)).rows;
  await n.sql.query('ROLLBACK');
  expect(stored).toEqual(fresh);

  const verdicts = n.api!.get(VerdictService, { strict: false });
  const evidence = n.api!.get(EvidenceRepository, { strict: false });
  const lookups = n.api!.get(LookupRepository, { strict: false });
  const fps = stored.map((r) => r.fingerprint as string);
  const now = new Date();
  const loaded = await evidence.load(fps, verdicts.windows);
  const rows = await lookups.verdictInputs(fps);
  expect(rows.map((r) => r.fingerprint).sort()).toEqual([...fps].sort());
  for (const row of rows) {
    const inputs = inputsOf(row, verdicts.windows, 90, now);
    const js = [...new Set([n.jurisdiction, ...(row.local ?? []).map((l) => l.j)])];
    for (const j of js)
      expect(comparable(inputs.evidence.get(evidenceKey(row.fingerprint, j)))).toEqual(
        comparable(loaded.get(evidenceKey(row.fingerprint, j))),
      );
    if (!row.type) continue; // a partner's pseudonym: no local verdict of its own
    const subject = { fingerprint: row.fingerprint, type: row.type, warninglisted: Boolean(row.warninglist) };
    expect(verdicts.decideAcrossWith(subject, inputs.evidence, js, now)).toEqual(await verdicts.decideAcross(subject, js, now));
  }
  return rows.length;
}

describe('verdict_inputs: the precomputed lookup row stays equal to the verdict computed from evidence', () => {
  let nodes: Awaited<ReturnType<typeof startTwoNodes>>;
  const keys: Record<string, string> = {};
  const key = async (n: TestNode, role: string, trust: string) =>
    (await call(`${n.url}/v1/admin/keys`, { key: n.adminKey, body: { role, organisation: `${n.name}-${role}-${trust}`, trust } })).body
      .key as string;
  const submit = async (n: TestNode, reporter: string | undefined, indicators: { value: string; type?: string }[], hoursAgo = 1) => {
    const r = await call(`${n.url}/v1/reports`, {
      key: reporter,
      body: {
        scamType: 'ecommerce',
        channel: 'website',
        occurredAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
        tlp: 'clear',
        indicators,
      },
    });
    expect(r.status).toBe(202);
    await waitFor(
      async () => (await call(`${n.url}/v1/reports/${r.body.id}`, { key: keys[`${n.name}.analyst`] })).body.status === 'processed',
    );
    return r.body.id as string;
  };
  const lookup = async (n: TestNode, q: string, type: string) =>
    (await call(`${n.url}/v1/lookup?q=${encodeURIComponent(q)}&type=${type}`)).body;

  beforeAll(async () => {
    nodes = await startTwoNodes();
    const { sg, kr } = nodes;
    expect((await registerPartner(sg, kr, POLICY, PSEUDONYM_KEY)).status).toBe(201);
    expect((await registerPartner(kr, sg, POLICY, PSEUDONYM_KEY)).status).toBe(201);
    for (const [n, trust] of [
      [sg, 'high'],
      [sg, 'medium'],
      [sg, 'low'],
      [kr, 'low'],
    ] as const)
      keys[`${n.name}.${trust}`] = await key(n, 'reporter', trust);
    keys['sg.analyst'] = await key(sg, 'analyst', 'high');
    keys['kr.analyst'] = await key(kr, 'analyst', 'high');
  });
  afterAll(() => nodes?.close());

  it('after ingest, review (a rejected report stops counting), an analyst verdict and an upheld appeal', async () => {
    const { sg } = nodes;
    const shop = [{ value: 'vi-shop.example', type: 'domain' }, { value: '+65 8123 4567' }];
    await submit(sg, keys['sg.high'], shop, 30 * 24);
    await submit(sg, keys['sg.medium'], shop);
    await submit(sg, undefined, [{ value: 'vi-shop.example', type: 'domain' }]);
    const wrong = await submit(sg, keys['sg.low'], [{ value: 'vi-bakery.example', type: 'domain' }, { value: '+65 8123 4567' }]);
    expect(await expectCurrent(sg)).toBe(3);
    expect((await lookup(sg, 'vi-shop.example', 'domain')).reports).toBe(3);

    const review = await call(`${sg.url}/v1/reports/${wrong}/review`, {
      key: keys['sg.analyst'],
      body: { verdict: 'rejected', note: 'no scam' },
    });
    expect(review.status).toBeLessThan(300);
    await expectCurrent(sg);
    expect((await lookup(sg, '+65 8123 4567', 'phone')).reports).toBe(2);

    const fp = fingerprint('domain', 'vi-shop.example');
    const set = await call(`${sg.url}/v1/indicators/${fp}/verdict`, {
      key: keys['sg.analyst'],
      body: { verdict: 'scam', note: 'seen it' },
    });
    expect(set.status).toBeLessThan(300);
    await expectCurrent(sg);
    expect(await lookup(sg, 'vi-shop.example', 'domain')).toMatchObject({ verdict: 'scam', explanation: { rule: 'analyst_verdict' } });

    const appeal = await call(`${sg.url}/v1/appeals`, {
      body: { value: 'vi-shop.example', type: 'domain', contact: 'owner@vi-shop.example', reason: 'The shop is ours and it is real.' },
    });
    expect(appeal.status).toBe(202);
    expect(
      (await call(`${sg.url}/v1/appeals/${appeal.body.id}/resolve`, { key: keys['sg.analyst'], body: { outcome: 'upheld' } })).status,
    ).toBe(200);
    await expectCurrent(sg);
    expect((await lookup(sg, 'vi-shop.example', 'domain')).verdict).toBe('legitimate');
  });

  it('after partner ingest (clear and pseudonymised values), local reports beside it, and the end of the partnership', async () => {
    const { sg, kr } = nodes;
    expect((await call(`${sg.url}/v1/admin/partners/${kr.nodeId}/sync`, { key: sg.adminKey, method: 'POST' })).status).toBe(202);
    // The shop (revoked after the appeal) and the phone; the bakery's only report was rejected, so it stays home.
    await waitFor(async () => (await kr.sql.query(`SELECT count(*)::int AS n FROM partner_sightings`)).rows[0].n >= 2);
    await expectCurrent(kr);
    // The phone travelled as SG's pseudonym: KR's answer finds it through the row stored under that pseudonym.
    const phone = await lookup(kr, '+65 8123 4567', 'phone');
    expect(phone.byJurisdiction).toEqual([expect.objectContaining({ sourceNode: 'sg-spf', reason: expect.stringContaining('pseudonym') })]);

    await submit(kr, keys['kr.low'], [{ value: '+65 8123 4567' }]);
    await expectCurrent(kr);
    expect(await lookup(kr, '+65 8123 4567', 'phone')).toMatchObject({ reports: 3, jurisdictions: ['KR', 'SG'] });

    expect((await call(`${kr.url}/v1/admin/partners/${sg.nodeId}`, { key: kr.adminKey, method: 'DELETE' })).status).toBeLessThan(300);
    await expectCurrent(kr);
    // (The pseudonym key left with the partner: only what it sent in clear can still be matched.)
    expect((await lookup(kr, 'vi-shop.example', 'domain')).byJurisdiction).toContainEqual(
      expect.objectContaining({ sourceNode: 'sg-spf', formerPartner: true }),
    );
  });
});
