import { DataSource } from 'typeorm';
import { evidenceKey } from '@scamintel/policing';
import { ExchangeIndicator } from '../../libs/exchange/src/core/indicator';
import { InboundRepository } from '../../libs/exchange/src/inbound/inbound.repository';
import { PartnersRepository } from '../../libs/exchange/src/partners/partners.repository';
import { LookupRepository } from '../../libs/intel/src/lookup/lookup.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { Seeder, fp, partner } from './seed';

const URL = 'https://lookup-repo.example.org/';
const PHONE = '+6581234567';
const OTHER = 'https://other.example.org/';
const HOTLINE = '+6518002550000'; // an official hotline: stored with its warninglist

const sent = (fingerprint: string, over: Partial<ExchangeIndicator> = {}): ExchangeIndicator => ({
  fingerprint,
  type: 'url',
  value: URL,
  pseudonymised: false,
  tlp: 'green',
  confidence: 60,
  verdict: 'suspicious',
  revoked: false,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-02T00:00:00.000Z',
  sightings: 3,
  reporters: 2,
  scamTypes: ['phishing'],
  attributes: {},
  modified: '2026-11-02T00:00:00.000Z',
  ...over,
});

describe('LookupRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: LookupRepository;
  let ids: string[];

  beforeAll(async () => {
    db = await createTemplatedDatabase('lookup_repo');
    ds = await openDataSource(db.url);
    repo = new LookupRepository(ds);
    const seeder = new Seeder(ds);
    // URL: two SG reporters (one high trust) and one KR reporter; PHONE: one SG report; OTHER: seeded later.
    ids = await seeder.reports(
      { reporterKey: 'org:a', reporterTrust: 'high', indicators: [{ value: URL }, { value: PHONE }] },
      { reporterKey: 'org:b', occurredAt: '2026-11-03T00:00:00.000Z', indicators: [{ value: URL }] },
      { reporterKey: 'org:c', jurisdiction: 'KR', scamType: 'investment', indicators: [{ value: URL }] },
      { reporterKey: 'org:d', indicators: [{ value: HOTLINE }] },
    );
    await new PartnersRepository(ds).upsert(partner('kr-node', { pseudonymKey: 'k'.repeat(64) }));
    await new InboundRepository(ds).upsertSightings({ sourceNode: 'kr-node', jurisdiction: 'KR', batchId: 'b1', digest: 'd1' }, [
      sent(fp('url', URL)),
    ]);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('reads one indicator as ingest wrote it, and nothing for an unknown fingerprint', async () => {
    const found = await repo.indicator(fp('phone', PHONE));
    expect(found).toMatchObject({ fingerprint: fp('phone', PHONE), type: 'phone', value: PHONE, warninglist: null });
    expect(found!.firstSeen).toEqual(new Date('2026-11-01T00:00:00.000Z'));
    expect(found!.updatedAt).toBeInstanceOf(Date);
    expect(await repo.indicator(fp('url', 'https://never.example.org/'))).toBeUndefined();
  });

  it('reads a batch in one statement: indicators, stats per jurisdiction with reporter counts, evidence and partner records', async () => {
    const url = fp('url', URL);
    const phone = fp('phone', PHONE);
    const unknown = fp('url', 'https://never.example.org/');
    const snap = await repo.snapshots([url, phone, unknown], 100_000, [url], [30, 100_000]);
    expect([...snap.indicators.keys()].sort()).toEqual([url, phone].sort());
    expect(snap.indicators.get(url)!.lastSeen).toEqual(new Date('2026-11-03T00:00:00.000Z'));
    const stats = snap.stats.get(url)!;
    expect(stats.map((s) => [s.jurisdiction, s.reports, s.reporters, s.highTrustReporters, s.recentReporters])).toEqual([
      ['KR', 1, 1, 0, 1],
      ['SG', 2, 2, 1, 2],
    ]);
    expect(stats[1]).toMatchObject({ scamTypes: { phishing: 2 }, channels: { sms: 2 }, firstSeen: new Date('2026-11-01T00:00:00.000Z') });
    expect(snap.stats.get(phone)!.map((s) => s.reports)).toEqual([1]);
    expect(snap.stats.has(unknown)).toBe(false);
    // Reporters counted in a window of days before now: all three reports fall in 100,000 days, none in 30.
    const sg = snap.evidence.get(evidenceKey(url, 'SG'))!;
    expect(sg.reporters.map((r) => r.trust).sort()).toEqual(['high', 'medium']);
    expect(sg.reportsInWindow[100_000]).toEqual({ total: 2, keyed: 2 });
    expect(sg.reportsInWindow[30]).toBeUndefined();
    expect(snap.partners).toEqual([
      expect.objectContaining({ sourceNode: 'kr-node', jurisdiction: 'KR', fingerprint: url, verdict: 'suspicious', formerPartner: false }),
    ]);
    expect(snap.partners[0].receivedAt).toBeInstanceOf(Date);
    expect(snap.campaigns.size).toBe(0);
    expect(snap.warninglists.size).toBe(0);
    const none = await repo.snapshots([], 90, [], [30]);
    expect([none.indicators.size, none.stats.size, none.partners, none.evidence.size]).toEqual([0, 0, [], 0]);
  });

  it('reads only the stored lists of warninglisted indicators when asked (what a lookup answer takes from the row)', async () => {
    const [url, hotline] = [fp('url', URL), fp('phone', HOTLINE)];
    const all = await repo.snapshots([url, hotline], 90, [], [30]);
    const listed = await repo.snapshots([url, hotline], 90, [], [30], 'warninglisted');
    expect(all.warninglists).toEqual(new Map([[hotline, expect.any(String)]]));
    expect(all.indicators.get(hotline)!.warninglist).toBe(all.warninglists.get(hotline));
    expect(listed.warninglists).toEqual(all.warninglists);
    expect(listed.indicators.size).toBe(0);
    // The rest of the read is the same either way.
    expect([listed.stats, listed.evidence]).toEqual([all.stats, all.evidence]);
  });

  it('lists the report ids of an indicator, at most the limit', async () => {
    expect((await repo.reportIds(fp('url', URL), 10)).sort()).toEqual(ids.slice(0, 3).sort());
    expect(await repo.reportIds(fp('url', URL), 2)).toHaveLength(2);
    expect(await repo.reportIds(fp('phone', PHONE), 10)).toEqual([ids[0]]);
  });

  it('pages indicators by (updated_at, fingerprint), filtered by type and change time', async () => {
    await new Seeder(ds).reports({ indicators: [{ value: OTHER }] });
    const all = await repo.list({ limit: 10 });
    expect(all.map((r) => r.value)).toContain(OTHER);
    expect(all).toHaveLength(4);
    const first = await repo.list({ limit: 2 });
    const rest = await repo.list({ limit: 10, after: { updatedAt: first[1].cursorAt, fingerprint: first[1].fingerprint } });
    expect([...first, ...rest].map((r) => r.fingerprint)).toEqual(all.map((r) => r.fingerprint));
    expect((await repo.list({ limit: 10, type: 'phone' })).map((r) => r.value).sort()).toEqual([HOTLINE, PHONE].sort());
    const since = all.find((r) => r.value === OTHER)!.cursorAt;
    expect((await repo.list({ limit: 10, updatedSince: since })).map((r) => r.value)).toEqual([OTHER]);
  });

  it('gives the partners’ pseudonym keys', async () => {
    expect(await repo.partnerPseudonymKeys()).toEqual([{ nodeId: 'kr-node', pseudonymKey: 'k'.repeat(64) }]);
  });
});
