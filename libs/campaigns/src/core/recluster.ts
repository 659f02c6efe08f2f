import { Component, GraphLink, components } from './cluster';

export interface ReclusterInput {
  /** The values touched by new evidence plus every member of the groups they belonged to. */
  affected: Iterable<string>;
  /** The group each affected value belonged to before (absent or null: none). */
  before: ReadonlyMap<string, string | null>;
  /** Every current link with an end among the affected values. */
  links: Iterable<GraphLink>;
  isHub: (fp: string) => boolean;
}

export interface ReclusterResult {
  groups: Component[];
  /** The new group of every affected value (null: in no group, e.g. it became a hub). */
  assign: Map<string, string | null>;
  /** Groups that disappeared into another one (the survivor holds the older founding link). */
  merges: { kept: string; absorbed: string }[];
  /** Groups whose members now sit in several groups (after a hub appeared or an analyst cut links). */
  splits: { from: string; into: string[] }[];
  /** Ids of groups that exist no more (merged away, or left with no link). */
  gone: string[];
}

/**
 * The incremental step: the groups of the affected values are recomputed from their links, exactly as the full
 * rebuild computes every group. Nothing outside them can change: a group not touched gained and lost no link.
 */
export function recluster(input: ReclusterInput): ReclusterResult {
  const groups = components(input.links, input.isHub);
  const assign = new Map<string, string | null>();
  for (const fp of input.affected) assign.set(fp, null);
  for (const g of groups) for (const fp of g.members) assign.set(fp, g.id);
  const targets = new Map<string, Set<string>>();
  for (const [fp, old] of input.before) {
    if (!old) continue;
    const set = targets.get(old) ?? new Set<string>();
    const now = assign.get(fp);
    if (now) set.add(now);
    targets.set(old, set);
  }
  const live = new Set(groups.map((g) => g.id));
  const merges: ReclusterResult['merges'] = [];
  const splits: ReclusterResult['splits'] = [];
  const gone: string[] = [];
  for (const [old, into] of [...targets].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (!live.has(old)) gone.push(old);
    const others = [...into].sort();
    if (others.length > 1) splits.push({ from: old, into: others });
    else if (others.length === 1 && others[0] !== old) merges.push({ kept: others[0], absorbed: old });
  }
  return { groups, assign, merges, splits, gone };
}
