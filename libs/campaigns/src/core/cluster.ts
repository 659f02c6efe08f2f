import { createHash } from 'node:crypto';
import { UnionFind } from './union-find';

/**
 * One edge of the link graph, whatever its source (reports holding both values, an analyst's link, a partner's
 * co-occurrence). `a < b`; `firstAt` is when this node first learnt of the link (epoch ms), the edge's age.
 */
export interface GraphLink {
  a: string;
  b: string;
  firstAt: number;
}

/** A connected group of non-hub values. `seed` is its oldest link, which names it. */
export interface Component {
  id: string;
  seed: GraphLink;
  members: string[];
}

/** Orders links by age, then by their ends, so "oldest link" is total and the same on every run. */
export function olderLink(x: GraphLink, y: GraphLink): boolean {
  if (x.firstAt !== y.firstAt) return x.firstAt < y.firstAt;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

/**
 * A campaign's id is derived from its founding (oldest) link: any run that sees the same links — the worker's
 * incremental path or a full rebuild — names the group the same, and when two groups merge the older id survives
 * because the older group's founding link is the older of the two. RFC 4122 layout, version 8 (custom).
 */
export function campaignId(seed: Pick<GraphLink, 'a' | 'b'>): string {
  const h = createHash('sha256').update(`campaign\n${seed.a}\n${seed.b}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * Connected groups of the given links, leaving out every link that touches a hub: a hub is kept beside a campaign
 * (see `hubHome`) but never joins two. Values with no non-hub link are in no group.
 */
export function components(links: Iterable<GraphLink>, isHub: (fp: string) => boolean): Component[] {
  const index = new Map<string, number>();
  const names: string[] = [];
  const kept: GraphLink[] = [];
  const at = (fp: string): number => {
    let i = index.get(fp);
    if (i === undefined) {
      i = names.length;
      index.set(fp, i);
      names.push(fp);
    }
    return i;
  };
  for (const l of links) {
    if (l.a === l.b || isHub(l.a) || isHub(l.b)) continue;
    at(l.a);
    at(l.b);
    kept.push(l);
  }
  const uf = new UnionFind(names.length);
  for (const l of kept) uf.union(index.get(l.a)!, index.get(l.b)!);
  const seeds = new Map<number, GraphLink>();
  for (const l of kept) {
    const root = uf.find(index.get(l.a)!);
    const s = seeds.get(root);
    if (!s || olderLink(l, s)) seeds.set(root, l);
  }
  const members = new Map<number, string[]>();
  for (let i = 0; i < names.length; i++) {
    const root = uf.find(i);
    const list = members.get(root);
    if (list) list.push(names[i]);
    else members.set(root, [names[i]]);
  }
  return [...seeds].map(([root, seed]) => ({ id: campaignId(seed), seed, members: members.get(root)!.sort() }));
}

/** A value is a hub when it sits in at least `threshold` reports (this node's and partners'). */
export function isHubDegree(reports: number, threshold: number): boolean {
  return reports >= threshold;
}

/**
 * Where a hub is shown: beside the group it is linked to most strongly (sum of link weights), the older group on a
 * tie (smaller founding link). Undefined when it links to no group.
 */
export function hubHome(links: { component: string; seed: GraphLink; weight: number }[]): string | undefined {
  const totals = new Map<string, { weight: number; seed: GraphLink }>();
  for (const l of links) {
    const t = totals.get(l.component);
    if (t) t.weight += l.weight;
    else totals.set(l.component, { weight: l.weight, seed: l.seed });
  }
  let best: [string, { weight: number; seed: GraphLink }] | undefined;
  for (const entry of totals) {
    if (!best || entry[1].weight > best[1].weight || (entry[1].weight === best[1].weight && olderLink(entry[1].seed, best[1].seed)))
      best = entry;
  }
  return best?.[0];
}

/** Every unordered pair of a report's distinct linkable values, each as `a < b`. */
export function pairsOf(fingerprints: Iterable<string>): [string, string][] {
  const list = [...new Set(fingerprints)].sort();
  const out: [string, string][] = [];
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) out.push([list[i], list[j]]);
  return out;
}
