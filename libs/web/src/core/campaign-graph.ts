/**
 * The campaign graph's layout, computed on the server (the console has no script, and the CSP allows no inline one):
 * a pure function from values and links to circle positions in an SVG viewBox.
 *
 * Concentric rings rather than a force simulation: the result is the same for the same campaign whatever order
 * the database returns rows in, nodes cannot overlap by construction (each ring holds only as many nodes as its
 * circumference fits at the minimum spacing, and rings are that spacing apart), and it costs O(n log n). Hubs go
 * first, at the centre, since everything else hangs off them; the others follow in breadth-first order from the
 * most linked value, so neighbours sit next to each other on a ring.
 */

export interface GraphValue {
  id: string;
  hub: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** Reports holding both values; 0 for an analyst's link. */
  reports: number;
}

export interface PlacedValue {
  id: string;
  /** The value's number: the same number labels its circle and its row of the table. */
  n: number;
  hub: boolean;
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  reports: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** 0 for an analyst's link, then 1–4 by the reports behind it: the stroke class. */
  weight: 0 | 1 | 2 | 3 | 4;
}

export interface GraphLayout {
  size: number;
  radius: number;
  drawn: PlacedValue[];
  /** Values left out of the drawing beyond the cap (still in the table), numbered after the drawn ones. */
  notDrawn: { id: string; n: number; hub: boolean }[];
  edges: PlacedEdge[];
  /** Links with an end among the values not drawn. */
  edgesNotDrawn: number;
}

export interface LayoutOptions {
  /** At most this many values are drawn; a campaign of thousands would be an unreadable blot. */
  maxDrawn?: number;
  /** Node radius and the free space between two nodes, in viewBox units. */
  radius?: number;
  gap?: number;
  margin?: number;
}

export const LAYOUT_DEFAULTS = { maxDrawn: 60, radius: 12, gap: 10, margin: 6 } as const;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (v: number) => Math.round(v * 10) / 10;

/** How strongly drawn: an analyst's link is dashed (0), then by the reports that hold both values. */
export function edgeWeight(reports: number): PlacedEdge['weight'] {
  if (reports <= 0) return 0;
  if (reports === 1) return 1;
  if (reports <= 3) return 2;
  if (reports <= 9) return 3;
  return 4;
}

export function layoutCampaignGraph(values: GraphValue[], links: GraphEdge[], options: LayoutOptions = {}): GraphLayout {
  const { maxDrawn, radius, gap, margin } = { ...LAYOUT_DEFAULTS, ...options };
  const hubs = new Set(values.filter((v) => v.hub).map((v) => v.id));
  const ids = [...new Set(values.map((v) => v.id))].sort(byId);
  const known = new Set(ids);
  const edges = dedupe(links.filter((l) => known.has(l.from) && known.has(l.to) && l.from !== l.to));
  const score = new Map(ids.map((id) => [id, 0]));
  const neighbours = new Map(ids.map((id) => [id, [] as { id: string; reports: number }[]]));
  for (const e of edges) {
    score.set(e.from, score.get(e.from)! + Math.max(1, e.reports));
    score.set(e.to, score.get(e.to)! + Math.max(1, e.reports));
    neighbours.get(e.from)!.push({ id: e.to, reports: e.reports });
    neighbours.get(e.to)!.push({ id: e.from, reports: e.reports });
  }
  const rank = (a: string, b: string) => score.get(b)! - score.get(a)! || byId(a, b);
  for (const list of neighbours.values()) list.sort((a, b) => b.reports - a.reports || rank(a.id, b.id));

  const order = [...[...hubs].sort(rank), ...walk(ids.filter((id) => !hubs.has(id)).sort(rank), neighbours, hubs)];
  const cap = Math.max(1, maxDrawn);
  const shown = order.slice(0, cap);
  const step = 2 * radius + gap;
  const rings = ringSizes(shown.length);
  const outer = rings.length - 1;
  const size = round(2 * (outer * step + radius + margin));
  const centre = size / 2;

  const drawn: PlacedValue[] = [];
  let k = 0;
  rings.forEach((count, ring) => {
    for (let i = 0; i < count; i++, k++) {
      // Each ring starts at the top and turns clockwise; odd rings are offset half a slot so spokes do not line up.
      const angle = ring === 0 ? 0 : -Math.PI / 2 + ((i + (ring % 2) / 2) * 2 * Math.PI) / count;
      const id = shown[k];
      drawn.push({
        id,
        n: k + 1,
        hub: hubs.has(id),
        x: round(centre + ring * step * Math.cos(angle)),
        y: round(centre + ring * step * Math.sin(angle)),
      });
    }
  });
  const at = new Map(drawn.map((d) => [d.id, d]));
  const placed = edges
    .filter((e) => at.has(e.from) && at.has(e.to))
    .map((e) => {
      const [a, b] = [at.get(e.from)!, at.get(e.to)!];
      return { ...e, x1: a.x, y1: a.y, x2: b.x, y2: b.y, weight: edgeWeight(e.reports) };
    });
  return {
    size,
    radius,
    drawn,
    notDrawn: order.slice(cap).map((id, i) => ({ id, n: cap + i + 1, hub: hubs.has(id) })),
    edges: placed,
    edgesNotDrawn: edges.length - placed.length,
  };
}

/**
 * Nodes per ring: one at the centre, then as many as ring r (radius r·step) holds with neighbours at least `step`
 * apart in a straight line: the chord 2R·sin(π/c) ≥ step, so c ≤ π / asin(1 / 2r) (6, 12, 18, 25…).
 */
export function ringSizes(total: number): number[] {
  const rings: number[] = [];
  let left = total;
  for (let ring = 0; left > 0; ring++) {
    const fits = ring === 0 ? 1 : Math.floor(Math.PI / Math.asin(1 / (2 * ring)) + 1e-9);
    rings.push(Math.min(fits, left));
    left -= rings[ring];
  }
  return rings.length ? rings : [0];
}

/** Breadth-first from the most linked value, strongest links first; each unreached group starts anew. Hubs are not walked through. */
function walk(start: string[], neighbours: Map<string, { id: string; reports: number }[]>, hubs: Set<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const root of start) {
    if (seen.has(root)) continue;
    seen.add(root);
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      out.push(queue[i]);
      for (const n of neighbours.get(queue[i])!)
        if (!seen.has(n.id) && !hubs.has(n.id)) {
          seen.add(n.id);
          queue.push(n.id);
        }
    }
  }
  return out;
}

/** One edge per pair (either direction), its reports summed; sorted so the drawing order is fixed. */
function dedupe(links: GraphEdge[]): GraphEdge[] {
  const by = new Map<string, GraphEdge>();
  for (const l of links) {
    const [from, to] = l.from < l.to ? [l.from, l.to] : [l.to, l.from];
    const key = `${from} ${to}`;
    const had = by.get(key);
    by.set(key, { from, to, reports: (had?.reports ?? 0) + Math.max(0, l.reports) });
  }
  return [...by.values()].sort((a, b) => byId(a.from, b.from) || byId(a.to, b.to));
}
