import fc from 'fast-check';
import { GraphLink, campaignId, components, hubHome, pairsOf } from './cluster';
import { recluster } from './recluster';

/** An in-memory node: the same bookkeeping the repository keeps in PostgreSQL, driven through `recluster`. */
class MemoryNode {
  readonly degree = new Map<string, number>();
  readonly links = new Map<string, GraphLink>();
  readonly severed = new Set<string>();
  readonly group = new Map<string, string>();
  readonly merges: { kept: string; absorbed: string }[] = [];

  constructor(private readonly hubAt: number) {}

  isHub = (fp: string) => (this.degree.get(fp) ?? 0) >= this.hubAt;

  addReports(reports: string[][], at: number): void {
    const touched = new Set<string>();
    for (const r of reports) {
      for (const fp of new Set(r)) {
        this.degree.set(fp, (this.degree.get(fp) ?? 0) + 1);
        touched.add(fp);
      }
      for (const [a, b] of pairsOf(r)) this.link(a, b, at);
    }
    this.step(touched);
  }

  addLink(a: string, b: string, at: number): void {
    if (a === b) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    this.link(x, y, at);
    this.step(new Set([x, y]));
  }

  sever(a: string, b: string): void {
    if (a === b) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    this.severed.add(`${x}|${y}`);
    this.step(new Set([x, y]));
  }

  private link(a: string, b: string, at: number): void {
    const key = `${a}|${b}`;
    const l = this.links.get(key);
    if (!l) this.links.set(key, { a, b, firstAt: at });
  }

  private live(): GraphLink[] {
    return [...this.links.entries()].filter(([k]) => !this.severed.has(k)).map(([, l]) => l);
  }

  private step(touched: Set<string>): void {
    const groups = new Set([...touched].map((fp) => this.group.get(fp)).filter((g): g is string => !!g));
    const affected = new Set(touched);
    for (const [fp, g] of this.group) if (groups.has(g)) affected.add(fp);
    const before = new Map([...affected].map((fp) => [fp, this.group.get(fp) ?? null]));
    const links = this.live().filter((l) => affected.has(l.a) || affected.has(l.b));
    const r = recluster({ affected, before, links, isHub: this.isHub });
    for (const [fp, g] of r.assign) {
      if (g) this.group.set(fp, g);
      else this.group.delete(fp);
    }
    this.merges.push(...r.merges);
  }

  rebuild(): Map<string, string> {
    const out = new Map<string, string>();
    for (const g of components(this.live(), this.isHub)) for (const fp of g.members) out.set(fp, g.id);
    return out;
  }
}

const value = fc.integer({ min: 0, max: 14 }).map((i) => `v${i.toString().padStart(2, '0')}`);
const report = fc.array(value, { minLength: 1, maxLength: 4 });
const op = fc.oneof(
  { weight: 6, arbitrary: fc.array(report, { minLength: 1, maxLength: 5 }).map((reports) => ({ kind: 'reports' as const, reports })) },
  { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => ({ kind: 'link' as const, a, b })) },
  { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => ({ kind: 'sever' as const, a, b })) },
);

describe('incremental clustering', () => {
  it('equals a full rebuild of the same links on random graphs (hubs, analyst links and cuts included)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), fc.integer({ min: 2, max: 8 }), (ops, hubAt) => {
        const node = new MemoryNode(hubAt);
        ops.forEach((o, t) => {
          if (o.kind === 'reports') node.addReports(o.reports, t);
          else if (o.kind === 'link') node.addLink(o.a, o.b, t);
          else node.sever(o.a, o.b);
        });
        expect(new Map([...node.group].sort())).toEqual(new Map([...node.rebuild()].sort()));
      }),
      { numRuns: 400, seed: 1313 },
    );
  });

  it('keeps the older id when a new link joins two groups, and records the merge', () => {
    const node = new MemoryNode(100);
    node.addReports([['p1', 'u1']], 1);
    node.addReports([['w1', 'h1']], 2);
    const older = node.group.get('p1')!;
    expect(older).toBe(campaignId({ a: 'p1', b: 'u1' }));
    const younger = node.group.get('w1')!;
    node.addReports([['u1', 'w1']], 3);
    expect(new Set(['p1', 'u1', 'w1', 'h1'].map((fp) => node.group.get(fp)))).toEqual(new Set([older]));
    expect(node.merges).toEqual([{ kept: older, absorbed: younger }]);
  });

  it('a value that becomes a hub leaves its group, and the groups it joined fall apart again', () => {
    const node = new MemoryNode(4);
    node.addReports(
      [
        ['a', 'x'],
        ['b', 'x'],
      ],
      1,
    );
    expect(node.group.get('a')).toBe(node.group.get('b'));
    node.addReports([['x'], ['x']], 2);
    expect(node.group.has('x')).toBe(false);
    expect(node.group.has('a')).toBe(false);
    node.addReports(
      [
        ['a', 'a2'],
        ['b', 'b2'],
      ],
      3,
    );
    expect(node.group.get('a')).not.toBe(node.group.get('b'));
  });
});

describe('hubHome', () => {
  const seed = (a: string): GraphLink => ({ a, b: 'z', firstAt: 0 });
  it('puts a hub beside the group it is linked to most, the older one on a tie', () => {
    expect(hubHome([])).toBeUndefined();
    expect(
      hubHome([
        { component: 'g1', seed: seed('m'), weight: 1 },
        { component: 'g2', seed: seed('n'), weight: 1 },
        { component: 'g2', seed: seed('n'), weight: 1 },
      ]),
    ).toBe('g2');
    expect(
      hubHome([
        { component: 'g2', seed: { a: 'n', b: 'z', firstAt: 5 }, weight: 2 },
        { component: 'g1', seed: { a: 'm', b: 'z', firstAt: 9 }, weight: 2 },
      ]),
    ).toBe('g2');
  });
});

describe('pairsOf', () => {
  it('lists each unordered pair once, smaller value first, ignoring repeats', () => {
    expect(pairsOf(['c', 'a', 'b', 'a'])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(pairsOf(['a'])).toEqual([]);
  });
});
