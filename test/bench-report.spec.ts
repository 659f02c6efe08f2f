import { Machine, markdown, rowOf } from '../bench/report';

/** A bench:campaigns result line as bench/campaigns.ts emits it. */
const campaigns = (over: Record<string, unknown> = {}) => ({
  bench: 'campaigns',
  reports: 1_000_000,
  reportsPerSec: 4_200,
  baselinePerSec: 5_000,
  ratio: 0.84,
  clusteringCostPct: 16,
  rebuildSec: 41.5,
  campaigns: 199_000,
  incrementalEqualsRebuild: true,
  ...over,
});

describe('bench report: the campaigns row', () => {
  it("carries issue 13's goal and meets it when clustering costs ≤ 20 % and the 1M rebuild takes ≤ 60 s", () => {
    const row = rowOf(campaigns());
    expect(row.goal).toBe('clustering ≤ 20 % of ingest throughput; rebuild of 1M reports ≤ 60 s');
    expect(row.met).toBe(true);
    expect(row.perSec).toBe(4_200);
    expect(row.baselinePerSec).toBe(5_000);
    expect(row.notes).toContain('clustering 16 % of the time; rebuild 41.5 s');
  });

  it('misses it when clustering costs more than 20 %, or the rebuild of 1M reports takes over 60 s', () => {
    expect(rowOf(campaigns({ clusteringCostPct: 20.1 })).met).toBe(false);
    expect(rowOf(campaigns({ rebuildSec: 60.1 })).met).toBe(false);
    expect(rowOf(campaigns({ clusteringCostPct: undefined })).met).toBe(false);
  });

  it('judges a run smaller than 1M reports on clustering alone: it can miss the goal, never meet it', () => {
    const small = rowOf(campaigns({ reports: 10_000, rebuildSec: 0.4 }));
    expect(small.met).toBeUndefined();
    expect(small.notes).toContain('judged at 1,000,000 reports only');
    expect(rowOf(campaigns({ reports: 10_000, clusteringCostPct: 35 })).met).toBe(false);
  });

  const machine: Machine = {
    cores: 2,
    cpu: 'test',
    memoryGb: 4,
    os: 'linux',
    node: '24',
    postgres: 'PostgreSQL',
    redis: '7',
    loadAvgStart: [0, 0, 0],
    loadAvgEnd: [0, 0, 0],
    startedAt: '2026-12-03T00:00:00Z',
    minutes: 1,
    sizes: {},
  };

  it('is a table row of the generated page with its goal column filled', () => {
    const line = markdown([campaigns()], [], machine)
      .split('\n')
      .find((l) => l.startsWith('| ingest with incremental campaign clustering'));
    expect(line?.split(' | ')[5]).toBe('clustering ≤ 20 % of ingest throughput; rebuild of 1M reports ≤ 60 s');
    expect(line?.split(' | ')[6]).toBe('yes');
  });

  it('links the hand-written before/after comparison, so a new run of npm run bench keeps the way to it', () => {
    expect(markdown([], [], machine)).toContain('[renovation-benchmarks.md](renovation-benchmarks.md)');
  });
});
